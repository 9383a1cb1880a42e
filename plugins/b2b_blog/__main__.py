"""`python -m b2b_blog`: build the site atomically (see b2b_blog.build.main)."""

import sys

from .build import main

sys.exit(main())
