"""Vanilla comparison: plain Pelican + i18n_subsites with the default theme, on the benchmark corpus.

Only what it takes to read the same folders and pair the same translations; no plugin of ours.
Run: pelican CONTENT -s benchmarks/vanilla/pelicanconf.py -o OUTPUT --cache-path CACHE
"""

from pathlib import Path

SITENAME = "Le blog de la Relation BtoB"
AUTHOR = "Le blog de la Relation BtoB"
SITEURL = ""
TIMEZONE = "Europe/Paris"
# THEME is left to Pelican's default: notmyidea.

DEFAULT_LANG = "fr"
PLUGINS = ["pelican.plugins.i18n_subsites"]
I18N_SUBSITES = {"en": {}}

# Same layout as the blog: posts in <lang>/, pages in <lang>/pages/; the cases folder is ours only.
ARTICLE_PATHS = ["fr", "en"]
ARTICLE_EXCLUDES = ["fr/pages", "en/pages", "cases"]
PAGE_PATHS = ["fr/pages", "en/pages"]
PAGE_EXCLUDES = ["cases"]
# Posts carry no Lang: the folder gives it, through Pelican's own PATH_METADATA.
PATH_METADATA = r"(?P<lang>fr|en)/.*"
ARTICLE_TRANSLATION_ID = "translation_key"
PAGE_TRANSLATION_ID = "translation_key"

# The training pages say `Template: training`; notmyidea has no such template, so this one
# extends its page.html and adds nothing.
THEME_TEMPLATES_OVERRIDES = [str(Path(__file__).resolve().parent / "templates")]

# A cold build: nothing read from an earlier one.
LOAD_CONTENT_CACHE = False
