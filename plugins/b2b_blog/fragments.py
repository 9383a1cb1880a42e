"""Fragments that many pages repeat, rendered once per site: a post's summary is on a dozen listing pages."""

from __future__ import annotations

from markupsafe import Markup

from . import settings as plugin_settings

# (site language, id of the post) -> (the post, its summary's HTML); the post is kept so its id stays its own.
_summaries: dict[tuple[str, int], tuple[object, Markup]] = {}


def reset() -> None:
    _summaries.clear()


def post_summary(context, article) -> Markup:
    """The post's summary as `partials/post_summary.html` writes it for this site."""
    key = (context["DEFAULT_LANG"], id(article))
    found = _summaries.get(key)
    if found is not None and found[0] is article:
        return found[1]
    template = context.environment.get_template("partials/post_summary.html")
    html = Markup(template.render({**context.get_all(), "article": article}))
    if plugin_settings.get(context, "B2B_SPEEDUPS"):
        _summaries[key] = (article, html)
    return html
