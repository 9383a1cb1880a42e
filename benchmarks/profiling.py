"""Profile our build with cProfile on a generated corpus: where a cold build and a rebuild spend time.

    python -m benchmarks.profiling --pairs 500 --cases 20 [--workdir DIR] [--top 25]

Runs `python -m cProfile -o FILE -m b2b_blog ...` three times on the same corpus (cold: output
and cache deleted; again with nothing changed; again after appending a sentence to one French
post), and prints for each: the top entries by
cumulative and by own time, the cumulative time of the steps that matter (Markdown, Jinja,
topic tagging, PDFs, BeautifulSoup, i18n_subsites, Pagefind...), and own time per package,
C functions (regex, I/O...) counted with the package that called them.
"""

from __future__ import annotations

import argparse
import io
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import corpus as corpus_module
from benchmarks.run import PYTHON, ROOT, code_version, edit_post, snapshot_code

# (label, file fragment, function name): cumulative time of each, summed over matches.
STEPS = [
    ("whole build: b2b_blog.build.build_site", "b2b_blog/build.py", "build_site"),
    ("read a file (Pelican Readers.read_file)", "pelican/readers.py", "read_file"),
    ("Markdown conversion (Markdown.convert)", "markdown/core.py", "convert"),
    ("our reader (BlogMarkdownReader.read)", "b2b_blog/reader.py", "read"),
    ("content_object_init handlers (content_created)", "b2b_blog/handlers.py", "content_created"),
    ("topic tagging (tag_text)", "topics/tagging.py", "tag_text"),
    ("translations pairing (i18n_subsites)", "i18n_subsites/i18n_subsites.py", "update_generators"),
    ("i18n_subsites: next subsite (whole English run)", "i18n_subsites/i18n_subsites.py", "create_next_subsite"),
    ("Pelican generate_context, all generators", "pelican/generators.py", "generate_context"),
    ("write a page (Writer.write_file)", "pelican/writers.py", "write_file"),
    ("Jinja render (Template.render)", "jinja2/environment.py", "render"),
    ("Pelican link replacement (Content._update_content)", "pelican/contents.py", "_update_content"),
    ("feeds (Writer.write_feed / our feeds)", "feeds.py", "write_atom"),
    ("case library (CasesGenerator.generate_context)", "cases/generator.py", "generate_context"),
    ("PDF: WeasyPrint HTML.render", "weasyprint/__init__.py", "render"),
    ("PDF: write_pdf", "weasyprint/document.py", "write_pdf"),
    ("BeautifulSoup parsing (BeautifulSoup.__init__)", "bs4/__init__.py", "__init__"),
    ("search index: list, fingerprint, start (search.start_indexing)", "b2b_blog/search.py", "start_indexing"),
    ("search index: wait for Pagefind (search.finish_indexing)", "b2b_blog/search.py", "finish_indexing"),
    ("subprocess waits (Popen.communicate/wait)", "subprocess.py", "communicate"),
    ("Babel dates (format_date)", "babel/dates.py", "format_date"),
    ("sitemap", "b2b_blog/sitemap.py", "generate_output"),
    ("output checks (b2b_blog/checks)", "b2b_blog/checks/", ""),
]

# First matching fragment names the package of a function's file.
PACKAGES = [
    ("markdown/", "markdown"), ("jinja2/", "jinja2"), ("/templates/", "jinja templates (theme)"),
    ("weasyprint/", "weasyprint"), ("pydyf/", "weasyprint"), ("tinycss2/", "weasyprint"),
    ("cssselect2/", "weasyprint"), ("fontTools/", "weasyprint"), ("tinyhtml5/", "weasyprint"),
    ("html5lib/", "html5lib"), ("bs4/", "beautifulsoup"), ("soupsieve/", "beautifulsoup"),
    ("html/parser.py", "html.parser"), ("i18n_subsites/", "i18n_subsites"), ("b2b_blog/topics/", "ours: topics"),
    ("b2b_blog/cases/", "ours: cases"), ("b2b_blog/checks/", "ours: checks"), ("b2b_blog/", "ours: other"),
    ("pelican/", "pelican"), ("babel/", "babel"), ("snowballstemmer/", "snowballstemmer"),
    ("feedgenerator/", "feedgenerator"), ("docutils/", "docutils"), ("pygments/", "pygments"),
    ("blinker/", "blinker"), ("dateutil/", "dateutil"), ("unidecode/", "unidecode"),
    ("subprocess.py", "subprocess (waiting on children)"), ("selectors.py", "subprocess (waiting on children)"),
    ("pickle", "pickle"), ("importlib", "imports"), ("<frozen", "imports"),
]


def package_of(filename: str) -> str:
    if filename.endswith(".html"):
        return "jinja templates (theme)"
    for fragment, name in PACKAGES:
        if fragment in filename:
            return name
    if "python3" in filename and "site-packages" not in filename:
        return "stdlib"
    return "other"


def by_package(stats: pstats.Stats) -> dict[str, float]:
    """Own time per package; a C function's own time goes to the packages of its callers."""
    totals: dict[str, float] = defaultdict(float)
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, callers) in stats.stats.items():
        if filename != "~":
            totals[package_of(filename)] += tottime
            continue
        called = sum(entry[2] for entry in callers.values())
        if not callers or called <= 0:
            totals["C functions, no caller"] += tottime
            continue
        for (caller_file, _l, _n), entry in callers.items():
            totals[package_of(caller_file)] += tottime * entry[2] / called
    return dict(totals)


def step_times(stats: pstats.Stats) -> list[tuple[str, float, int]]:
    """(label, cumulative seconds, calls) for each step; recursive entries are not double counted."""
    rows = []
    for label, fragment, name in STEPS:
        seconds, calls = 0.0, 0
        for (filename, _line, function), (cc, _nc, _tt, cumtime, _callers) in stats.stats.items():
            if fragment in filename and (not name or function == name):
                seconds += cumtime
                calls += cc
        rows.append((label, seconds, calls))
    return rows


def top(stats: pstats.Stats, key: str, count: int) -> str:
    buffer = io.StringIO()
    stream, stats.stream = stats.stream, buffer
    try:
        stats.sort_stats(key).print_stats(count)
    finally:
        stats.stream = stream
    text = buffer.getvalue()
    # Keep the table only, with paths shortened to what matters.
    table = text[text.index("   ncalls"):] if "   ncalls" in text else text
    for prefix in (str(ROOT / ".venv" / "lib"), str(ROOT), tempfile.gettempdir()):
        table = table.replace(prefix, "…")
    return table


def profile_build(name: str, content: Path, work: Path, code: Path = ROOT) -> tuple[pstats.Stats, float]:
    output = work / f"{name}.prof"
    env = {**os.environ, "PYTHONPATH": str(code / "plugins")}
    cmd = [PYTHON, "-m", "cProfile", "-o", str(output), "-m", "b2b_blog", "--settings", "pelicanconf.py",
           "--content", str(content), "--output", str(work / "output"), "--cache", str(work / "cache")]
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=code, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{name}: the build failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return pstats.Stats(str(output)), seconds


def report(name: str, stats: pstats.Stats, seconds: float, count: int) -> str:
    total = stats.total_tt
    wall = f"{seconds:.1f} s wall under cProfile, " if seconds else ""
    lines = [f"## {name}: {wall}{total:.1f} s profiled", "",
             "### Steps (cumulative time; nested steps overlap)", "", "| Step | Seconds | Share | Calls |",
             "|---|---:|---:|---:|"]
    for label, step_seconds, calls in step_times(stats):
        if calls:
            lines.append(f"| {label} | {step_seconds:.2f} | {100 * step_seconds / total:.1f}% | {calls} |")
    lines += ["", "### Own time per package (C functions charged to their callers)", "",
              "| Package | Seconds | Share |", "|---|---:|---:|"]
    for package, package_seconds in sorted(by_package(stats).items(), key=lambda item: -item[1]):
        if package_seconds >= 0.005 * total:
            lines.append(f"| {package} | {package_seconds:.2f} | {100 * package_seconds / total:.1f}% |")
    lines += ["", f"### Top {count} by cumulative time", "", "```", top(stats, "cumulative", count).rstrip(),
              "```", "", f"### Top {count} by own time", "", "```", top(stats, "tottime", count).rstrip(), "```"]
    return "\n".join(lines)


TITLES = {"cold": "Cold build", "nochange": "Rebuild, nothing changed", "edit": "Rebuild, one French post edited"}


def _report_only(work: Path, count: int, out: Path | None) -> int:
    parts = []
    for name, title in TITLES.items():
        if (work / f"{name}.prof").exists():
            parts += [report(title, pstats.Stats(str(work / f"{name}.prof")), 0.0, count), ""]
    text = "\n".join(parts)
    print(text)
    if out:
        out.write_text(text, encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Generate a corpus, profile a cold build and two rebuilds, print the reports."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--pairs", type=int, default=500)
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--out", type=Path, help="also write the report here")
    parser.add_argument("--snapshot", action="store_true", help="profile a copy of plugins/, theme/ and settings")
    parser.add_argument("--report-only", action="store_true",
                        help="only report on the .prof files already in --workdir")
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="b2b-profile-"))
    if args.report_only:
        return _report_only(work, args.top, args.out)
    corpus = corpus_module.generate(work / "corpus", args.pairs, cases=args.cases, seed=args.seed)
    shutil.rmtree(work / "output", ignore_errors=True)
    shutil.rmtree(work / "cache", ignore_errors=True)
    code = snapshot_code(work / "code") if args.snapshot else ROOT
    parts = [f"# Profile of our build: {corpus.post_files} post files, {corpus.case_editions} case editions", "",
             f"Code: {code_version()}{', from a snapshot' if args.snapshot else ''}.", ""]
    french = corpus.french_paired()
    for name, title in TITLES.items():
        if name == "edit":
            edit_post(french[len(french) // 2], 1)
        stats, seconds = profile_build(name, corpus.root, work, code)
        parts += [report(title, stats, seconds, args.top), ""]
    text = "\n".join(parts)
    print(text)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(f"profiles kept in {work}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
