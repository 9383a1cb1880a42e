# A small Pelican site of our own, to test `invoke import-pelican` (never run: it is read with ast).
import os

AUTHOR = "Anne"
PATH = "content"
DEFAULT_LANG = "fr"
TIMEZONE = "Europe/Paris"
DEFAULT_METADATA = {"status": "draft"}
ARTICLE_URL = "{date:%Y}/{slug}.html"
ARTICLE_LANG_URL = "{date:%Y}/{slug}-{lang}.html"
STATIC_PATHS = ["images"]
DEFAULT_DATE = (2016, 5, 1)
FEED_ALL_ATOM = None
THEME = os.path.join(os.path.dirname(__file__), "theme")

raise SystemExit("this settings file must never be run by an importer")
