"""Settings of the blog for writing and previewing on your own machine."""

AUTHOR = "Le blog de la Relation BtoB"
SITENAME = "Le blog de la Relation BtoB"
SITESUBTITLE = "Leadership, grands comptes et partenariats, pris le temps de les penser"
# Links stay root-relative while writing; absolute URLs (hreflang, feeds,
# sitemap, JSON-LD) are built from SITE_ORIGIN.
SITEURL = ""
SITE_ORIGIN = "https://relation-btob.example"

PATH = "content"
OUTPUT_PATH = "output"
CACHE_PATH = "cache"
THEME = "theme"
TIMEZONE = "Europe/Paris"
# A post dated in the future waits (as a draft) until a build on or after its date, as with Hugo.
WITH_FUTURE_DATES = False

# French is the main site at /, every other language a subsite under /<lang>/.
DEFAULT_LANG = "fr"
I18N_SUBSITES = {
    "en": {
        "SITENAME": "The B2B Relationship Blog",
        "SITESUBTITLE": "Leadership, key accounts and partnerships, given time to think",
        "AUTHOR": "The B2B Relationship Blog",
    },
}
I18N_TEMPLATES_LANG = "en"  # the theme's msgids are English
I18N_UNTRANSLATED_ARTICLES = "remove"
I18N_UNTRANSLATED_PAGES = "remove"
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"], "trim_blocks": True, "lstrip_blocks": True}

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["pelican.plugins.i18n_subsites", "b2b_blog"]

# Posts live in content/<lang>/, pages in content/<lang>/pages/.
ARTICLE_PATHS = ["fr", "en"]
ARTICLE_EXCLUDES = ["fr/pages", "en/pages"]
PAGE_PATHS = ["fr/pages", "en/pages"]
STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {"extra/_headers": {"path": "_headers"}}
# Hidden files are never posts: Emacs's lock (.#post.md), macOS's ._post.md. Pelican 4.12's default
# ("**/.*") is matched against the bare file name, so it never matches one.
IGNORE_FILES = [".*"]

# A post and its translation share an explicit key, so each keeps its own slug.
ARTICLE_TRANSLATION_ID = "translation_key"
PAGE_TRANSLATION_ID = "translation_key"

ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
TAGS_SAVE_AS = "tags/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
# Kinds and topics replace Pelican's categories; authors are one team.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Our plugin writes every feed itself, with absolute links.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False

# Comments: while writing, the browser posts to `invoke comments-server` on its own port, and the
# local preview may post; the published site reaches Isso at /comments/ (publishconf.py).
B2B_COMMENTS_URL = "http://127.0.0.1:8080/"
B2B_COMMENTS_EXTRA_ORIGINS = ["http://127.0.0.1:8000"]

# Where `invoke publish` sends the site; the environment variable wins.
PUBLISH_TARGET = ""
