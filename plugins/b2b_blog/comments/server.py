"""`invoke comments-server`: Isso on 127.0.0.1 with the blog's configuration."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from . import config

logger = logging.getLogger(__name__)


def prepare(settings: dict, port: int) -> Path:
    """Write Isso's configuration next to the database, for this port; its path."""
    database = config.database_path(settings)
    database.parent.mkdir(parents=True, exist_ok=True)
    return config.write_config(settings, database.with_name("isso.cfg"), database, f"http://127.0.0.1:{port}/")


def run(settings: dict, port: int) -> None:
    """Serve until interrupted, as `isso -c FILE run` does (Werkzeug's threaded server)."""
    path = prepare(settings, port)
    smtp = (settings.get("B2B_COMMENTS_SMTP") or {}).get("host")
    if smtp and config.PASSWORD_VARIABLE not in os.environ:
        logger.warning("b2b_blog: SMTP host %s set but %s is not: e-mails will fail to send",
                       smtp, config.PASSWORD_VARIABLE)
    conf = config.load(path)
    from isso import make_app  # noqa: PLC0415 - imported by config.load, its logging set aside
    from werkzeug.serving import run_simple  # noqa: PLC0415

    # The server's own log (new comments, moderation, e-mail failures), for the terminal or the journal.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("isso").setLevel(logging.INFO)

    print(f"Isso on http://127.0.0.1:{port}/ with {path}; allowed origins: "
          f"{', '.join(config.allowed_origins(settings))}")
    run_simple("127.0.0.1", port, make_app(conf), threaded=True)
