"""Listings in every language: the language feed, and an index, pages and a feed per kind or topic."""

from __future__ import annotations

from dataclasses import dataclass, field

from pelican.generators import Generator

from . import feeds, sites
from . import settings as plugin_settings
from .translations import registry


@dataclass(frozen=True)
class Taxonomy:
    """A vocabulary of terms that posts carry: kinds (one per post) or topics (several)."""

    name: str  # also the key of the section folder in B2B_SECTIONS
    setting: str
    attribute: str  # the post attribute holding the term key(s)

    def terms_of(self, article) -> list[str]:
        value = getattr(article, self.attribute, None) or []
        return [value] if isinstance(value, str) else list(value)


KINDS = Taxonomy("kinds", "B2B_KINDS", "kind")
TOPICS = Taxonomy("topics", "B2B_TOPICS", "topics")
TAXONOMIES = [KINDS, TOPICS]


@dataclass
class Term:
    """One kind or topic in one language, as its pages show it."""

    taxonomy: str
    key: str
    label: str
    slug: str
    description: str
    path: str  # relative to the language's site, as pagination wants it
    save_as: str
    url: str
    feed_save_as: str
    feed_url: str
    articles: list = field(default_factory=list)

    @property
    def identity(self) -> str:
        return f"{self.taxonomy}:{self.key}"


def make_terms(settings: dict, taxonomy: Taxonomy, lang: str) -> dict[str, Term]:
    section = sites.section(settings, lang, taxonomy.name)
    terms = {}
    for key, per_lang in plugin_settings.get(settings, taxonomy.setting).items():
        entry = per_lang[lang]
        folder = f"{section}/{entry['slug']}/"
        terms[key] = Term(
            taxonomy=taxonomy.name, key=key, label=entry["label"], slug=entry["slug"],
            description=entry.get("description", ""),
            path=folder, save_as=folder + "index.html", url=sites.site_url(settings, lang, folder),
            feed_save_as=folder + "atom.xml", feed_url=sites.site_url(settings, lang, folder + "atom.xml"),
        )
    return terms


class ListingsGenerator(Generator):
    """Writes the language feed and, per taxonomy, its index, term pages and term feeds."""

    def generate_context(self) -> None:
        lang = self.settings["DEFAULT_LANG"]
        articles = self.context.get("articles", [])
        self.listings: dict[str, dict[str, Term]] = {}
        for taxonomy in TAXONOMIES:
            terms = make_terms(self.settings, taxonomy, lang)
            for article in articles:
                own = [terms[key] for key in taxonomy.terms_of(article) if key in terms]
                setattr(article, f"b2b_{taxonomy.name}", own)
                for term in own:
                    term.articles.append(article)
            self.listings[taxonomy.name] = terms
            index_url = sites.site_url(self.settings, lang, sites.section(self.settings, lang, taxonomy.name) + "/")
            registry.add(taxonomy.name, lang, index_url)
            for term in terms.values():
                registry.add(term.identity, lang, term.url)
            self.context[f"b2b_{taxonomy.name}"] = list(terms.values())
            self.context[f"b2b_{taxonomy.name}_index_url"] = index_url
        feed_path = plugin_settings.get(self.settings, "B2B_FEED_PATH")
        self.context["b2b_feed_url"] = sites.site_url(self.settings, lang, feed_path)

    def generate_output(self, writer) -> None:
        lang = self.settings["DEFAULT_LANG"]
        articles = self.context.get("articles", [])
        feeds.write_atom(writer, self.context, articles, plugin_settings.get(self.settings, "B2B_FEED_PATH"))
        for taxonomy in TAXONOMIES:
            terms = list(self.listings[taxonomy.name].values())
            section = sites.section(self.settings, lang, taxonomy.name)
            writer.write_file(
                f"{section}/index.html", self.get_template("terms"), self.context,
                b2b_identity=taxonomy.name, taxonomy=taxonomy.name, terms=terms,
                page_name=f"{section}/index",
            )
            for term in terms:
                writer.write_file(
                    term.save_as, self.get_template("term"), self.context,
                    paginated={"articles": term.articles}, template_name="term",
                    url=term.path, b2b_identity=term.identity, term=term,
                    articles=term.articles, page_name=term.path.rstrip("/"),
                )
                if term.articles:  # an empty feed would carry the time of the build: nothing to follow yet
                    feeds.write_atom(writer, self.context, term.articles, term.feed_save_as, term.label)
