"""A build process started before it is needed: Python, Pelican and the plugin are already imported
when the author saves, and the build starts on a line `go` on its standard input.

`invoke livereload` starts one after each build and throws it away, for a fresh one, when a file
of the plugin changed meanwhile: every build still runs the plugin's code as it is on disk.
"""

import logging
import os
import signal
import sys

from b2b_blog import build, handlers  # noqa: F401 - importing them now is the point

if __name__ == "__main__":
    # Ctrl-C in the terminal reaches the whole group: a waiting worker leaves quietly when its
    # standard input closes; once building, Ctrl-C stops it as it stops any build.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.stdin.readline().strip() != "go":
        os._exit(0)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    code = build.main(sys.argv[1:])
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
