# The old site's publishing settings (read with ast like pelicanconf.py, never run).
from pelicanconf import *  # noqa: F403 - as old sites write it

FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/%s.atom.xml"
