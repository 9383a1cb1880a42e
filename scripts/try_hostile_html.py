"""Run published XSS payload lists through the post sanitizer and check-security (nothing is kept in the repo).

    .venv/bin/python scripts/try_hostile_html.py PATH [PATH...]

Each PATH is a Markdown or text file of payloads (e.g. PayloadsAllTheThings' "XSS Injection/*.md");
every line of a code block holding a '<' or a ':' is a payload. For each, the script reports whether
the build refuses it, and whether check-security finds it in a page: a payload the build accepts and
check-security flags, or one check-security misses while nh3 would change it, is a hole.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugins"))

from b2b_blog.checks.security import page_errors
from b2b_blog.sanitizing import clean, refusals

ORIGIN = "https://relation-btob.example"


def unsafe(html: str) -> list[str]:
    """What check-security finds in a page holding `html`, leaving out links without rel="noopener"
    (a rule of the site, not code run by the browser)."""
    return [error for error in page_errors("page.html", f"<main>{html}</main>", ORIGIN) if "noopener" not in error]


def payloads(path: Path) -> list[str]:
    found, inside = [], path.suffix != ".md"
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("```"):
            inside = not inside
        elif inside and ("<" in line or "script:" in line.lower()):
            found.append(line.strip())
    return found


def main(paths: list[str]) -> int:
    counts = {"refused": 0, "accepted": 0, "flagged by check-security": 0, "holes": 0}
    holes = []
    every = list(dict.fromkeys(p for path in paths for p in payloads(Path(path))))
    for payload in every:
        refused = bool(refusals(payload, ORIGIN))
        flagged = bool(unsafe(payload))
        counts["refused" if refused else "accepted"] += 1
        counts["flagged by check-security"] += flagged
        # Accepted must be harmless: check-security finds nothing in it; refused or not,
        # what nh3 keeps must pass check-security too.
        if (not refused and flagged) or unsafe(clean(payload, ORIGIN)):
            counts["holes"] += 1
            holes.append(payload)
    print(f"{len(every)} payloads: " + ", ".join(f"{name} {count}" for name, count in counts.items()))
    missed = [p for p in every if refusals(p, ORIGIN) and not unsafe(p)]
    print(f"refused by the build but not flagged by check-security: {len(missed)}")
    for payload in missed[:15]:
        print("  ", payload[:120])
    for payload in holes[:20]:
        print("HOLE", payload[:160])
    return 1 if holes else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
