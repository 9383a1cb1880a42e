"""Settings for publishing: the local settings plus absolute URLs and strict checks."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITE_ORIGIN = os.environ.get("BLOG_SITE_ORIGIN", SITE_ORIGIN)  # noqa: F405
SITEURL = SITE_ORIGIN
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
PUBLISH_TARGET = os.environ.get("BLOG_PUBLISH_TARGET", PUBLISH_TARGET)  # noqa: F405
B2B_WARNINGS_ARE_ERRORS = True
# Nothing unlisted reaches the published site: no draft, no hidden post or page.
B2B_WRITE_UNLISTED = False
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
# Readers post comments to Isso behind the site's own origin (README, Comments); only that origin may.
B2B_COMMENTS_URL = "/comments/"
B2B_COMMENTS_EXTRA_ORIGINS = []
