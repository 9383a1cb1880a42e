"""Isso's configuration, written from the blog's settings: one place decides how the server behaves."""

from __future__ import annotations

import logging
import secrets
from configparser import ConfigParser
from email.utils import formataddr
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

from .. import settings as plugin_settings

PASSWORD_VARIABLE = "B2B_COMMENTS_SMTP_PASSWORD"


def project_root(settings: dict) -> Path:
    """The folder holding the content folder: where relative comment paths start."""
    return Path(settings["PATH"]).resolve().parent


def database_path(settings: dict) -> Path:
    path = Path(plugin_settings.get(settings, "B2B_COMMENTS_DATABASE"))
    return path if path.is_absolute() else project_root(settings) / path


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def allowed_origins(settings: dict) -> list[str]:
    """The site's origin, then the extra ones (the local preview): the only pages allowed to post."""
    origins = [origin_of(settings["SITE_ORIGIN"]) or settings["SITE_ORIGIN"].rstrip("/")]
    for extra in plugin_settings.get(settings, "B2B_COMMENTS_EXTRA_ORIGINS"):
        if extra.rstrip("/") not in origins:
            origins.append(extra.rstrip("/"))
    return origins


def endpoint(settings: dict) -> str:
    """The comment server's URL as browsers reach it, ending with a slash."""
    return plugin_settings.get(settings, "B2B_COMMENTS_URL").rstrip("/") + "/"


def public_endpoint(settings: dict) -> str:
    """The server's absolute public URL (moderation links in e-mails point there)."""
    url = endpoint(settings)
    return url if origin_of(url) else settings["SITE_ORIGIN"].rstrip("/") + "/" + url.lstrip("/")


def connect_src_origin(settings: dict) -> str | None:
    """The origin the CSP's connect-src must add for the form to post, or None when it is the site's own."""
    origin = origin_of(endpoint(settings))
    if not origin or origin == origin_of(settings["SITE_ORIGIN"]):
        return None
    return origin


def salt(database: Path) -> str:
    """A salt of this installation for the authors' hashes Isso publishes (its default one is public)."""
    path = database.with_name(database.name + ".salt")
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(24), encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


def isso_config(settings: dict, database: Path, listen: str = "http://127.0.0.1:8080/") -> str:
    """The text of Isso's configuration file: moderation on, rate limits on, our origins only."""
    smtp = plugin_settings.get(settings, "B2B_COMMENTS_SMTP") or {}
    mail = bool(smtp.get("host"))
    sections = {
        "general": {
            "dbpath": str(database),
            "name": "b2b-blog",
            "host": "\n".join(allowed_origins(settings)),
            "max-age": "15m",
            "notify": "smtp" if mail else "stdout",
            "reply-notifications": "true" if mail else "false",
            "gravatar": "false",
            "latest-enabled": "false",
        },
        "admin": {"enabled": "false"},
        "moderation": {"enabled": "true", "approve-if-email-previously-approved": "false", "purge-after": "30d"},
        "server": {"listen": listen, "public-endpoint": public_endpoint(settings).rstrip("/"),
                   "trusted-proxies": "127.0.0.1", "reload": "false", "profile": "false"},
        # Two comments a minute per address, three replies before the first is answered.
        "guard": {"enabled": "true", "ratelimit": "2", "direct-reply": "3", "reply-to-self": "false",
                  "require-author": "false", "require-email": "false"},
        "markup": {"renderer": "mistune"},
        "hash": {"salt": salt(database), "algorithm": "pbkdf2"},
        "rss": {"base": "", "limit": "100"},
    }
    if mail:
        sections["smtp"] = {
            "host": str(smtp["host"]), "port": str(smtp.get("port", 587)),
            "security": str(smtp.get("security", "starttls")), "username": str(smtp.get("username", "")),
            # Isso expands the variable when it reads the file: the password is never written down.
            "password": f"${{{PASSWORD_VARIABLE}}}",
            "to": str(smtp.get("to", "")), "from": _sender(settings, str(smtp.get("from", ""))), "timeout": "10",
        }
    parser = ConfigParser(interpolation=None)
    parser.read_dict(sections)
    text = StringIO()
    parser.write(text)
    return text.getvalue()


def _sender(settings: dict, address: str) -> str:
    """The sender with the blog's name (Isso would name it with its own motto)."""
    return address if "<" in address or not address else formataddr((settings["SITENAME"], address))


def write_config(settings: dict, target: Path, database: Path, listen: str = "http://127.0.0.1:8080/") -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(isso_config(settings, database, listen), encoding="utf-8")
    return target


def import_isso():
    """Isso's package, imported without the logging setup it makes for its own server (INFO on the root
    logger), which would flood the build's and the tasks' output."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import isso  # noqa: PLC0415

    root.handlers[:] = handlers
    root.setLevel(level)
    logging.getLogger("isso").setLevel(logging.WARNING)
    return isso


def load(path: Path):
    """Isso's own reading of a configuration file, over its defaults."""
    import_isso()
    from isso import config  # noqa: PLC0415

    return config.load(config.default_file(), str(path))


def database_stamp(settings: dict) -> str:
    """The comment database's size and time (and its journal's): a build reads it."""
    database = database_path(settings)
    stamps = []
    for path in (database, database.with_name(database.name + "-wal")):
        try:
            stat = path.stat()
        except OSError:
            continue
        stamps.append(f"{path}\0{stat.st_mtime_ns}\0{stat.st_size}\n")
    return "".join(stamps)


def watched_folder(settings: dict) -> Path | None:
    """The folder a live preview watches so that an approved comment shows at once (None before the
    first comment server run)."""
    folder = database_path(settings).parent
    return folder if folder.is_dir() else None
