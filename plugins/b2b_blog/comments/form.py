"""What the comment form of a post page needs from the settings."""

from __future__ import annotations

from urllib.parse import quote

from .. import settings as plugin_settings
from . import config


def comment_form(settings: dict, article) -> dict:
    """The server to post to, how to take part without JavaScript, and whether replies are e-mailed."""
    contact = plugin_settings.get(settings, "B2B_COMMENTS_CONTACT")
    label = contact.removeprefix("mailto:").split("?")[0]
    if contact.startswith("mailto:") and "?" not in contact:
        contact += "?subject=" + quote(str(getattr(article, "title", "")), safe="")
    smtp = plugin_settings.get(settings, "B2B_COMMENTS_SMTP") or {}
    return {"endpoint": config.endpoint(settings), "contact": contact, "contact_label": label,
            "notifications": bool(smtp.get("host"))}
