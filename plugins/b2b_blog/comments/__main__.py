"""`python -m b2b_blog.comments`."""

import sys

from .cli import main

sys.exit(main())
