"""A build process started before it is needed: Python, Pelican and the plugin are already imported
when the author saves, and the build starts on a line `go` on its standard input.

`invoke livereload` starts one after each build and throws it away, for a fresh one, when a file
of the plugin changed meanwhile: every build still runs the plugin's code as it is on disk.

While it waits, it also reads the conversion cache the last build saved (used only if that file
is unchanged when the build starts). After `go`, a JSON object may name the content files just
saved (`first`) and a folder (`overlay`): their pages are written there first, and each is told
on the file descriptor `--notify-fd` as a JSON line {URL path: file}.
"""

import json
import logging
import os
import signal
import sys

from b2b_blog import build, handlers  # noqa: F401 - importing them now is the point
from b2b_blog.conversion_cache import conversions
from b2b_blog.preview import first_pages


def _options(argv: list[str]) -> tuple[list[str], str | None, int | None]:
    """The build's own arguments, and the worker's: --warm-cache DIR and --notify-fd N."""
    rest, cache, notify = [], None, None
    items = iter(argv)
    for item in items:
        if item == "--warm-cache":
            cache = next(items)
        elif item == "--notify-fd":
            notify = int(next(items))
        else:
            rest.append(item)
    return rest, cache, notify


def _notifier(fd: int):
    stream = os.fdopen(fd, "w", encoding="utf-8")

    def notify(pages: dict[str, str]) -> None:
        stream.write(json.dumps(pages) + "\n")
        stream.flush()

    return notify


if __name__ == "__main__":
    # Ctrl-C in the terminal reaches the whole group: a waiting worker leaves quietly when its
    # standard input closes; once building, Ctrl-C stops it as it stops any build.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    arguments, warm_cache, notify_fd = _options(sys.argv[1:])
    if warm_cache:
        conversions.preload(warm_cache)
    word, _space, order = sys.stdin.readline().strip().partition(" ")
    if word != "go":
        os._exit(0)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    wanted = json.loads(order) if order else {}
    if wanted.get("first") and notify_fd is not None:
        first_pages.request(wanted["first"], wanted["overlay"], _notifier(notify_fd))
    code = build.main(arguments)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
