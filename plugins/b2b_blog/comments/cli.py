"""The comment tasks' work: `invoke comments-server` and `invoke comments --pending|--approve|--delete|--backup`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .backup import backup
from .moderation import Moderation, ModerationError, describe
from .server import run

BY_SERVER = " by the running server (which sends the reply e-mails)"


def moderate(settings: dict, pending: bool = False, approve: int | None = None, delete: int | None = None,
             backup_to: str | None = None) -> int:
    """Do what was asked, print what was done; 1 with the reason when it cannot be done."""
    try:
        if backup_to:
            count = backup(settings, Path(backup_to))
            print(f"{backup_to}: {count} comments, a consistent copy (restore: README, Comments)")
        if approve is not None or delete is not None or pending:
            moderation = Moderation(settings)
            if approve is not None:
                by_server = moderation.approve(int(approve))
                print(f"comment {approve} approved{BY_SERVER if by_server else ''}: it appears at the next build")
            if delete is not None:
                by_server = moderation.delete(int(delete))
                print(f"comment {delete} deleted{BY_SERVER if by_server else ''}")
            if pending:
                waiting = moderation.pending()
                print("\n".join(describe(item) for item in waiting) or "no comment waits for approval")
    except (ModerationError, OSError, ValueError, RuntimeError) as error:
        print(error, file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m b2b_blog.comments`: the same as the tasks, for scripts and tests."""
    from pelican.settings import read_settings  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--database", help="the comment database (default: the setting B2B_COMMENTS_DATABASE)")
    parser.add_argument("--serve", type=int, metavar="PORT", help="run Isso on 127.0.0.1:PORT")
    parser.add_argument("--pending", action="store_true")
    parser.add_argument("--approve", type=int, metavar="ID")
    parser.add_argument("--delete", type=int, metavar="ID")
    parser.add_argument("--backup", metavar="FILE")
    args = parser.parse_args(argv)
    settings = read_settings(args.settings, override={"B2B_COMMENTS_DATABASE": args.database} if args.database else {})
    if args.serve:
        run(settings, args.serve)
        return 0
    return moderate(settings, args.pending, args.approve, args.delete, args.backup)
