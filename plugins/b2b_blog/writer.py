"""Pelican's writer: pages whose inputs are unchanged come from the last good output, files
reach the disk from a second thread.

Creating a file takes about 0.3 ms on these disks, as long as rendering a small
page: a second thread writes while the main one renders (file I/O releases the GIL).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path

from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError

from . import settings as plugin_settings
from .confinement import ConfinedWriter, owner_of_write, page_owner
from .files import link_or_copy
from .render_cache import (
    CARD,
    feed_item,
    page_key,
    render_cache,
    shared_content_digest,
    site_digest,
    template_sources,
    use_card_fields,
)
from .texts import Text

_pending: list[Future] = []
_disk = ThreadPoolExecutor(max_workers=1, thread_name_prefix="b2b-writer")
# Pages and feeds the search index does not read, kept until the site's index has started.
_later: list[Callable[[], None]] = []
SEARCH_MARK = "data-pagefind-body"


def _write(path: str, text: str, encoding: str) -> None:
    with open(path, "w", encoding=encoding) as handle:
        handle.write(text)


class _Buffer(io.StringIO):
    """What Pelican writes to; closing it hands the text to the disk thread."""

    def __init__(self, path: str, encoding: str) -> None:
        super().__init__()
        self._target = (path, encoding)

    def close(self) -> None:
        if not self.closed:
            path, encoding = self._target
            _pending.append(_disk.submit(_write, path, self.getvalue(), encoding))
        super().close()


def _reuse(previous: str, path: str) -> None:
    """Hard-link (or copy) the last output's page into the new one: same bytes, no rendering."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    link_or_copy(previous, path)


# Listing pages (home, tags, kinds and topics): reused when the page's own posts and every
# list of the site are unchanged as cards; their posts' text is not on them.
LISTING_TEMPLATES = {"index.html", "tag.html", "tags.html", "term.html", "terms.html", "archives.html"}


class BackgroundWriter(ConfinedWriter):
    """Renders what changed; takes the rest from the last good output; writes from a second thread."""

    _site_digest: str | None = None
    _shared_digest: str | None = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._reused: dict[str, Path] = {}  # pages to link from the last output instead of writing
        self._marked: dict[str, bool] = {}  # template name -> read by the search index

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        """Pelican's write_file, once the site's search index has started if the index does not read the page."""
        if not self._indexed(template):
            # The context as it is now: Pelican adds to it while the site is written.
            _later.append(partial(self._write_file, name, template, dict(context), relative_urls, paginated,
                                  template_name, override_output, url, **kwargs))
            return None
        return self._write_file(name, template, context, relative_urls, paginated, template_name,
                                override_output, url, **kwargs)

    def _write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                    override_output=False, url=None, **kwargs):
        """Pelican's write_file; a page whose inputs are unchanged comes from the last good output."""
        self._owner = owner_of_write(self.settings, template.name, kwargs)
        if render_cache.enabled and not relative_urls and not override_output:
            if self._site_digest is None:
                use_card_fields(template.environment, {*LISTING_TEMPLATES, "partials/post_summary.html"})
                self._site_digest = site_digest(self.settings, context)
                self._shared_digest = shared_content_digest(context)
            if kwargs.get("article") is not None and not paginated and self._shared_digest is not None:
                # The site's lists too: a post template may show any of them (the latest posts, say).
                inputs = {**kwargs, "url": url, "site lists": self._shared_digest}
                previous = self._previous(name, page_key(self._site_digest, name, template.name, inputs))
                if previous is not None:
                    self._link(sanitised_join(self.output_path, name), previous)
                    return None
            elif template.name in LISTING_TEMPLATES and self._shared_digest is not None:
                template = _ListingTemplate(template, self, context)
        return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                  override_output, url, **kwargs)

    def write_feed(self, elements, context, path=None, url=None, feed_type="atom", override_output=False,
                   feed_title=None):
        """Pelican's write_feed, once the site's search index has started."""
        _later.append(partial(self._write_feed, elements, dict(context), path, url, feed_type, override_output,
                              feed_title))

    def _write_feed(self, elements, context, path=None, url=None, feed_type="atom", override_output=False,
                    feed_title=None):
        """Pelican's write_feed; a feed whose posts, title and links are unchanged comes from the last good output."""
        self._owner = page_owner(self.settings, Text("feed {path}", path=path))
        if render_cache.enabled and path and not override_output and self._site_digest is not None:
            site_url = context.get("SITEURL")
            inputs = {"posts": [feed_item(item, site_url) for item in elements[: self.settings["FEED_MAX_ITEMS"]]],
                      "title": feed_title, "url": url, "type": feed_type, "site url": site_url,
                      "domain": context.get("FEED_DOMAIN"), "site name": context.get("SITENAME"),
                      "subtitle": context.get("SITESUBTITLE")}
            previous = self._previous(path, page_key(self._site_digest, path, f"{feed_type} feed", inputs))
            if previous is not None:
                self._link(sanitised_join(self.output_path, path), previous)
                return None
        return super().write_feed(elements, context, path, url, feed_type, override_output, feed_title)

    def _indexed(self, template) -> bool:
        """Whether the search index reads the pages of `template` (it, or a template it uses, has the mark)."""
        if template.name not in self._marked:
            sources = template_sources(template.environment, {template.name})
            self._marked[template.name] = any(SEARCH_MARK in source for source in sources)
        return self._marked[template.name]

    def listing_page(self, name: str, template_name: str, own: dict) -> Path | None:
        """The last output's copy of a listing page, if its own values and the site's lists are unchanged."""
        inputs = {**own, "site lists": self._shared_digest}
        previous = self._previous(name, page_key(self._site_digest, name, template_name, inputs, depth=CARD))
        if previous is not None:
            # Pelican still "writes" the page: _open_w links this file instead.
            self._reused[sanitised_join(self.output_path, name)] = previous
        return previous

    def _previous(self, name: str, key: str | None) -> Path | None:
        path = sanitised_join(self.output_path, name)
        if key is None or path in self._written_files:
            return None
        return render_cache.reusable(path, key)

    def _link(self, path: str, previous: Path) -> None:
        self._claim(path)
        self._written_files.add(path)
        _pending.append(_disk.submit(_reuse, str(previous), path))

    def _open_w(self, filename, encoding, override=False):
        """Pelican's rules for a file written twice (Writer._open_w), then a buffer instead of the file."""
        self._claim(filename)
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time '
                                               "(was previously overwritten)")
            return io.StringIO()  # the overriding version stays: this one goes nowhere
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" as Pelican has already '
                                           "written to it previously (set `override=True` if intended)")
        if override:
            self._overridden_files.add(filename)
        if filename in self._reused:
            self._link(filename, self._reused.pop(filename))
            return io.StringIO()  # the template was not rendered: nothing to write
        self._written_files.add(filename)
        return _Buffer(filename, encoding)


class _ListingTemplate:
    """Stands for a listing template: renders a page only if the last output lacks it."""

    def __init__(self, template, writer: BackgroundWriter, context: dict) -> None:
        self._template, self._writer, self._context = template, writer, context
        self.name = template.name

    def render(self, localcontext: dict) -> str:
        # The page's own values: what Pelican added to the site's context for this page.
        own = {name: value for name, value in localcontext.items()
               if name not in self._context or self._context[name] is not value}
        if self._writer.listing_page(localcontext["output_file"], self.name, own) is not None:
            return ""
        return self._template.render(localcontext)


def write_later_pages() -> None:
    """Once the site's search index has started: the pages and feeds it does not read."""
    while _later:
        _later.pop(0)()


def forget_later_pages() -> None:
    """A failed build writes none of them."""
    _later.clear()


def finish_writes(*, raise_errors: bool = True) -> None:
    """Wait until every deferred file is on disk; a failed write fails the build here.

    All of them are waited for first, so that none is still writing when a failed build
    removes its staging folder.
    """
    errors = []
    while _pending:
        error = _pending.pop(0).exception()
        if error is not None:
            errors.append(error)
    if errors and raise_errors:
        raise errors[0]


def writer_class(pelican_obj):
    """The writer for Pelican's `get_writer` signal: ours with the speed-ups, the confined one without."""
    return BackgroundWriter if plugin_settings.get(pelican_obj.settings, "B2B_SPEEDUPS") else ConfinedWriter
