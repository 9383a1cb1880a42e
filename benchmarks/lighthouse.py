"""Lighthouse scores of the site's main pages, in both languages, on phones and desktops.

    python -m benchmarks.lighthouse [--preset mobile|desktop|both] [--runs 3] [--use-output]
                                    [--only /en/] [--report FILE]

Builds the shipped site into a temporary folder (or takes output/ with --use-output), serves
it on a free port of 127.0.0.1, and runs Lighthouse (npm, pinned in package.json: `npm ci`
first) against Debian's Chromium (CHROME_PATH=/usr/bin/chromium) on 12 pages: home, a post,
a topic, the Training page, a case and the search page, in French and English. Mobile is
Lighthouse's default (emulated phone, throttled); desktop is `--preset=desktop`. On a busy
machine a throttled run varies by a point or two of performance: `--runs N` audits each page
N times and keeps the median of each score. The four scores per page go to a Markdown table,
printed and written to benchmarks/lighthouse.md, followed by every audit that keeps a score
under 100 (`--only TEXT` audits the pages whose path contains TEXT and writes no report
unless --report is given). The JSON reports are kept in benchmarks/runs/lighthouse/ (not
committed).

Canonical URLs point to SITE_ORIGIN while the pages are served from 127.0.0.1; Lighthouse's
canonical audit accepts that, so the site is audited as built, with no override.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync")
CATEGORIES = {"performance": "Performance", "accessibility": "Accessibility",
              "best-practices": "Best practices", "seo": "SEO"}
PAGES = [
    ("Home", "/"), ("Post", "/le-kam-diplomate-interne/"), ("Topic", "/themes/grands-comptes/"),
    ("Training", "/formation/"), ("Case", "/formation/cas/verrerie-durand-kam/"), ("Search", "/recherche/"),
    ("Home", "/en/"), ("Post", "/en/the-kam-as-internal-diplomat/"), ("Topic", "/en/topics/key-account-management/"),
    ("Training", "/en/training/"), ("Case", "/en/training/cases/verrerie-durand-kam/"), ("Search", "/en/search/"),
]
RUNS = ROOT / "benchmarks" / "runs" / "lighthouse"


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves the built site without a log line per request."""

    def log_message(self, format, *args):
        pass


def build(target: Path) -> Path:
    """Build the shipped content with the local settings into `target`."""
    sys.path.insert(0, str(ROOT / "plugins"))
    from b2b_blog.build import build_site  # noqa: PLC0415
    from pelican.settings import read_settings  # noqa: PLC0415

    os.chdir(ROOT)
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "OUTPUT_PATH": str(target / "output"), "CACHE_PATH": str(target / "cache")})
    return build_site(settings)


def serve(directory: Path) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(directory)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="lighthouse-server", daemon=True).start()
    return server


def lighthouse(url: str, preset: str, report: Path) -> dict:
    """One Lighthouse run; its JSON report."""
    command = ["npx", "--no-install", "lighthouse", url, "--output=json", f"--output-path={report}", "--quiet",
               f"--chrome-flags={CHROME_FLAGS}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not report.is_file():
        raise RuntimeError(f"lighthouse failed on {url} ({preset}): {result.stderr.strip()[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def scores(report: dict) -> dict[str, int | None]:
    return {key: None if report["categories"][key]["score"] is None
            else round(report["categories"][key]["score"] * 100) for key in CATEGORIES}


def shortfalls(report: dict) -> list[str]:
    """The weighted audits that failed, category by category."""
    found = []
    for key, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight") and audit["score"] is not None and audit["score"] < 1:
                value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
                found.append(f"{CATEGORIES.get(key, key)}: {audit['id']}{value}, {audit['title']}")
    return found


def median_scores(reports: list[dict]) -> dict[str, int | None]:
    """Each category's median over the runs (the lower middle one for an even count)."""
    runs = [scores(report) for report in reports]
    return {key: None if any(run[key] is None for run in runs)
            else sorted(run[key] for run in runs)[(len(runs) - 1) // 2] for key in CATEGORIES}


def table(rows: list[tuple[str, str, str, dict]]) -> str:
    lines = ["| Page | URL | Preset | " + " | ".join(CATEGORIES.values()) + " |",
             "| --- | --- | --- | " + " | ".join("---:" for _ in CATEGORIES) + " |"]
    for label, path, preset, figures in rows:
        cells = ["n/a" if figures[key] is None else str(figures[key]) for key in CATEGORIES]
        lines.append(f"| {label} | `{path}` | {preset} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def audit(base: str, pages: list[tuple[str, str]], presets: tuple[str, ...], runs: int):
    """Every page with every preset: table rows, the audits under 100 (of the median run), the version."""
    rows, problems, version = [], [], "?"
    for preset in presets:
        for label, path in pages:
            name = f"{preset}{path.replace('/', '_')}".rstrip("_")
            reports = [lighthouse(base + path, preset, RUNS / f"{name}-{run}.json") for run in range(runs)]
            rows.append((label, path, preset, median_scores(reports)))
            median_run = sorted(reports, key=lambda report: scores(report)["performance"] or 0)[(runs - 1) // 2]
            problems += [f"- `{path}` ({preset}) {problem}" for problem in shortfalls(median_run)]
            version = median_run.get("lighthouseVersion", version)
            print(f"{preset:8} {path:45} " + " ".join("n/a" if value is None else f"{value:>4}"
                                                      for value in rows[-1][3].values()), file=sys.stderr)
    return rows, problems, version


def main(argv: list[str] | None = None) -> int:
    """Audit the 12 pages; print the table and write it to the report."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--preset", choices=("mobile", "desktop", "both"), default="both")
    parser.add_argument("--runs", type=int, default=1, choices=range(1, 10), metavar="N",
                        help="runs per page; the median score is kept")
    parser.add_argument("--use-output", action="store_true", help="audit output/ as it is, without building")
    parser.add_argument("--only", default="", help="audit only the pages whose path contains this text")
    parser.add_argument("--report", type=Path, help="where to write the table (default: benchmarks/lighthouse.md)")
    args = parser.parse_args(argv)
    pages = [(label, path) for label, path in PAGES if args.only in path]
    if not pages:
        print(f"lighthouse: no page matches {args.only!r}", file=sys.stderr)
        return 2
    report_path = args.report or (None if args.only else ROOT / "benchmarks" / "lighthouse.md")
    if not Path(os.environ.get("CHROME_PATH", CHROMIUM)).exists():
        print(f"lighthouse: {CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 2
    if not (ROOT / "node_modules" / ".bin" / "lighthouse").exists():
        print("lighthouse: not installed: run `npm ci --no-audit --no-fund`", file=sys.stderr)
        return 2
    presets = ("mobile", "desktop") if args.preset == "both" else (args.preset,)
    RUNS.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    try:
        server = serve(ROOT / "output" if args.use_output else build(workdir))
        try:
            rows, problems, version = audit(f"http://127.0.0.1:{server.server_address[1]}", pages, presets, args.runs)
        finally:
            server.shutdown()
            server.server_close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    runs = f"median of {args.runs} runs per page" if args.runs > 1 else "one run per page"
    text = (f"# Lighthouse scores\n\nLighthouse {version}, Debian's Chromium, headless, pages served from "
            f"127.0.0.1 (`invoke lighthouse`), {runs}. Mobile is Lighthouse's default (emulated phone, "
            f"throttled); desktop is `--preset=desktop`.\n\n{table(rows)}\n\n## Below 100\n\n"
            + ("\n".join(problems) if problems else "Nothing: every audited page scores 100 in every category.") + "\n")
    if report_path:
        report_path.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
