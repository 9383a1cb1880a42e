"""`python -m b2b_blog`: build the site atomically (see b2b_blog.build.main)."""

import logging
import os
import sys

from .build import main

code = main()
# Every file is on disk and every helper process waited for: tearing down the build's
# million objects would only add 0.4 s before the shell gets its prompt back.
logging.shutdown()
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
