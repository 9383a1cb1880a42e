"""Time our build against vanilla Pelican + i18n_subsites and Hugo, on one generated corpus.

    python -m benchmarks.run --pairs 500 --cases 20 --repeat 3 [--scales 100,500,1000]

Every build is a whole process (subprocess, wall clock with time.perf_counter). One round
runs, in this order: our cold build (output and cache deleted), our rebuild with nothing
changed, our rebuild after appending a sentence to one French post, vanilla Pelican cold,
then Hugo. Rounds repeat `--repeat` times, interleaved so that a slow moment of the machine
weighs on every build alike, and the report gives medians and ratios.

Peak memory is the maximum resident set of the build process, from GNU time's `%M`
(`/usr/bin/time -f "%M %U %S" -o FILE cmd`: wait4's rusage of that one child, descendants it
waited for included). Without GNU time, a one-child Python launcher reads
`resource.getrusage(RUSAGE_CHILDREN)` after its single child, which gives the same figures.
That is the largest single process: our build forks workers to render PDFs, so a sampler
also sums the proportional set size (PSS, shared pages split between sharers) of the whole
process tree every 0.1 s from /proc/<pid>/smaps_rollup; the memory target uses the larger
of the two. CPU seconds (user + system, children included) come from the same rusage: on a
shared, busy machine they move much less than wall clock, so the report shows both. PDFs rendered are the cache's
`case-pdfs/*.pdf` files (every language's cache) that are new or have a new mtime after the
build: the cache writes each render with os.replace.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import corpus as corpus_module
from benchmarks import hugo

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv" / "bin"
PYTHON = str(VENV / "python") if (VENV / "python").exists() else sys.executable
PELICAN = [str(VENV / "pelican")] if (VENV / "pelican").exists() else [PYTHON, "-m", "pelican"]
VANILLA_SETTINGS = ROOT / "benchmarks" / "vanilla" / "pelicanconf.py"
GNU_TIME = "/usr/bin/time"

LAUNCHER = """\
import resource, subprocess, sys
code = subprocess.call(sys.argv[2:])
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as out:
    out.write(f"{usage.ru_maxrss} {usage.ru_utime} {usage.ru_stime}")
sys.exit(code)
"""

# Targets: (label, check on the summary) are built in `targets()`.
COLD_VS_VANILLA = 0.6
NOCHANGE_VS_VANILLA = 0.35
EDIT_VS_COLD = 0.25
PEAK_MB = 400


def _has_gnu_time() -> bool:
    if not os.access(GNU_TIME, os.X_OK):
        return False
    probe = subprocess.run([GNU_TIME, "-f", "%M", "true"], capture_output=True, text=True, check=False)
    # Only GNU time knows -f; a bare number on stderr is its %M.
    return probe.returncode == 0 and probe.stderr.strip().isdigit()


MEMORY_METHOD = "gnu-time" if _has_gnu_time() else "launcher"


@dataclass
class Measure:
    """One timed process."""

    seconds: float
    peak_mb: float  # max RSS of the largest single process
    cpu: float  # user + system seconds
    tree_mb: float | None = None  # sampled peak of the whole tree's PSS
    pdfs: int | None = None
    html: int | None = None


@dataclass
class Series:
    """Every run of one build."""

    label: str
    runs: list[Measure] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def tree_mb(self) -> float | None:
        samples = [run.tree_mb for run in self.runs if run.tree_mb is not None]
        return max(samples) if samples else None

    @property
    def cpu(self) -> float:
        return statistics.median(run.cpu for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(run.peak_mb for run in self.runs)

    @property
    def pdfs(self) -> int | None:
        counts = [run.pdfs for run in self.runs if run.pdfs is not None]
        return max(counts) if counts else None

    @property
    def html(self) -> int | None:
        return self.runs[-1].html if self.runs else None


class BuildFailed(RuntimeError):
    """A timed build exited non-zero."""


def _descendants(pid: int) -> list[int]:
    """`pid` and every process under it, from /proc/<pid>/task/<tid>/children."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as handle:
                    stack += [int(child) for child in handle.read().split()]
        except OSError:
            continue  # the process ended meanwhile
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeSampler(threading.Thread):
    """Samples the summed PSS of a process tree until stopped; `peak_kb` is the largest sum seen."""

    INTERVAL = 0.1
    AVAILABLE = os.path.exists("/proc/self/smaps_rollup") and os.path.exists(f"/proc/{os.getpid()}/task")

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kb = pid, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            self.peak_kb = max(self.peak_kb, sum(_pss_kb(pid) for pid in _descendants(self.pid)))
            self.done.wait(self.INTERVAL)


def timed(cmd: list[str], *, log: Path, env: dict[str, str] | None = None, cwd: Path = ROOT) -> Measure:
    """Run `cmd` once; wall-clock seconds and peak RSS of the process."""
    log.parent.mkdir(parents=True, exist_ok=True)
    peak_file = log.with_suffix(".maxrss")
    if MEMORY_METHOD == "gnu-time":
        wrapped = [GNU_TIME, "-f", "%M %U %S", "-o", str(peak_file), *cmd]
    else:
        wrapped = [sys.executable, "-c", LAUNCHER, str(peak_file), *cmd]
    with open(log, "wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeSampler(process.pid) if TreeSampler.AVAILABLE else None
        if sampler:
            sampler.start()
        returncode = process.wait()
        seconds = time.perf_counter() - start
        if sampler:
            sampler.done.set()
            sampler.join()
    if returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise BuildFailed(f"{' '.join(cmd)} exited {returncode}; log {log}:\n{tail}")
    # GNU time writes "Command exited with ..." first on failure; the figures are the last line.
    kilobytes, user, system = peak_file.read_text().splitlines()[-1].split()
    tree = sampler.peak_kb / 1024 if sampler and sampler.peak_kb else None
    return Measure(seconds, int(kilobytes) / 1024, float(user) + float(system), tree)


def pdf_stamps(cache: Path) -> dict[str, int]:
    """mtime of every cached case PDF, in every language's cache."""
    return {str(path): path.stat().st_mtime_ns for path in cache.glob("**/case-pdfs/*.pdf")}


def html_count(output: Path) -> int:
    return sum(1 for _ in output.rglob("*.html")) if output.exists() else 0


def _clear(*paths: Path) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def snapshot_code(target: Path) -> Path:
    """Copy what our build runs (plugins, theme, settings) so that edits made meanwhile don't reach it."""
    _clear(target)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "plugins", target / "plugins", ignore=ignore)
    shutil.copytree(ROOT / "theme", target / "theme", ignore=ignore)
    shutil.copy2(ROOT / "pelicanconf.py", target / "pelicanconf.py")
    return target


class Bench:
    """The builds of one corpus, in one work folder; ours runs from `code` (ROOT, or a snapshot)."""

    def __init__(self, content: Path, work: Path, code: Path = ROOT) -> None:
        self.content, self.work, self.code = content, work, code
        self.ours_out, self.ours_cache = work / "ours-output", work / "ours-cache"
        self.vanilla_out, self.vanilla_cache = work / "vanilla-output", work / "vanilla-cache"
        self.hugo_site, self.hugo_out = work / "hugo-site", work / "hugo-output"
        self.logs = work / "logs"
        self.env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            filter(None, [str(code / "plugins"), os.environ.get("PYTHONPATH")]))}

    def ours(self, name: str) -> Measure:
        """`python -m b2b_blog` with our settings, into this bench's output and cache."""
        cmd = [PYTHON, "-m", "b2b_blog", "--settings", "pelicanconf.py", "--content", str(self.content),
               "--output", str(self.ours_out), "--cache", str(self.ours_cache)]
        before = pdf_stamps(self.ours_cache)
        measure = timed(cmd, log=self.logs / f"{name}.log", env=self.env, cwd=self.code)
        self.wait_for_old_output_removal()
        after = pdf_stamps(self.ours_cache)
        measure.pdfs = sum(1 for path, stamp in after.items() if before.get(path) != stamp)
        measure.html = html_count(self.ours_out)
        return measure

    def wait_for_old_output_removal(self, timeout: float = 60) -> None:
        """Our build deletes the output it replaced after it returns: let that end before timing another."""
        deadline = time.monotonic() + timeout
        while any(self.ours_out.parent.glob(f"{self.ours_out.name}.previous-*")) and time.monotonic() < deadline:
            time.sleep(0.05)

    def ours_cold(self, name: str) -> Measure:
        _clear(self.ours_out, self.ours_cache)
        return self.ours(name)

    def vanilla_cold(self, name: str) -> Measure:
        _clear(self.vanilla_out, self.vanilla_cache)
        cmd = [*PELICAN, str(self.content), "-s", str(VANILLA_SETTINGS), "-o", str(self.vanilla_out),
               "--cache-path", str(self.vanilla_cache)]
        measure = timed(cmd, log=self.logs / f"{name}.log")
        measure.html = html_count(self.vanilla_out)
        return measure

    def hugo(self, name: str) -> Measure:
        if not self.hugo_site.exists():
            hugo.convert(self.content, self.hugo_site)
        _clear(self.hugo_out)
        measure = timed(hugo.command(self.hugo_site, self.hugo_out), log=self.logs / f"{name}.log")
        measure.html = html_count(self.hugo_out)
        return measure


def edit_post(path: Path, round_number: int) -> bytes:
    """Append one sentence to a French post; return the original bytes to restore."""
    original = path.read_bytes()
    sentence = f"\nUne phrase ajoutée pour mesurer la reconstruction (essai {round_number}).\n"
    path.write_bytes(original + sentence.encode("utf-8"))
    return original


def run_rounds(bench: Bench, corpus: corpus_module.Corpus, repeat: int, with_hugo: bool,
               say=print) -> dict[str, Series]:
    series = {key: Series(label) for key, label in (
        ("cold", "Ours, cold cache"), ("nochange", "Ours, nothing changed"),
        ("edit", "Ours, one French post edited"), ("vanilla", "Vanilla Pelican + i18n_subsites, cold"),
        ("hugo", "Hugo"))}
    french = corpus.french_paired()
    edited = french[len(french) // 2]
    for number in range(1, repeat + 1):
        for key, step in (("cold", bench.ours_cold), ("nochange", bench.ours)):
            series[key].runs.append(step(f"{key}-{number}"))
            say(f"round {number}: {series[key].label}: {series[key].runs[-1].seconds:.2f} s")
        original = edit_post(edited, number)
        try:
            series["edit"].runs.append(bench.ours(f"edit-{number}"))
        finally:
            edited.write_bytes(original)
        say(f"round {number}: {series['edit'].label}: {series['edit'].runs[-1].seconds:.2f} s")
        series["vanilla"].runs.append(bench.vanilla_cold(f"vanilla-{number}"))
        say(f"round {number}: {series['vanilla'].label}: {series['vanilla'].runs[-1].seconds:.2f} s")
        if with_hugo:
            series["hugo"].runs.append(bench.hugo(f"hugo-{number}"))
            say(f"round {number}: Hugo: {series['hugo'].runs[-1].seconds:.2f} s")
    return series


def targets(series: dict[str, Series]) -> list[tuple[str, str, bool]]:
    """(target, measured, passed) for each goal: wall clock decides, CPU time is shown beside it."""
    cold, nochange, edit, vanilla = (series[key] for key in ("cold", "nochange", "edit", "vanilla"))

    def ratio(build: Series, reference: Series, limit: float) -> tuple[str, bool]:
        wall, cpu = build.median / reference.median, build.cpu / reference.cpu
        return f"{wall:.2f} x (CPU {cpu:.2f} x)", wall <= limit

    rebuild_pdfs = max(nochange.pdfs or 0, edit.pdfs or 0)
    peak = max(value for build in (cold, nochange, edit) for value in (build.peak_mb, build.tree_mb or 0))
    return [
        (f"our cold build <= {COLD_VS_VANILLA} x vanilla cold", *ratio(cold, vanilla, COLD_VS_VANILLA)),
        (f"no-change rebuild <= {NOCHANGE_VS_VANILLA} x vanilla cold",
         *ratio(nochange, vanilla, NOCHANGE_VS_VANILLA)),
        (f"one-post-edit rebuild <= {EDIT_VS_COLD} x our cold", *ratio(edit, cold, EDIT_VS_COLD)),
        ("0 PDFs rendered when no case changed", f"{rebuild_pdfs} rendered", rebuild_pdfs == 0),
        (f"peak memory of our builds < {PEAK_MB} MB", f"{peak:.0f} MB", peak < PEAK_MB),
    ]


def code_fingerprint() -> str:
    """Hash of what our build runs (plugin, theme, settings): the plugin may change during a long run."""
    digest = hashlib.sha256()
    files = [*sorted((ROOT / "plugins").rglob("*.py")), *sorted((ROOT / "theme").rglob("*.html")),
             ROOT / "pelicanconf.py"]
    for path in files:
        if "__pycache__" not in path.parts and path.is_file():
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def code_version() -> str:
    """HEAD's short hash, and whether the plugin, theme or settings differ from it (read-only git)."""
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True, check=False).stdout.strip() or "no git"
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "plugins", "theme",
                            "pelicanconf.py"], capture_output=True, text=True, check=False).stdout.strip()
    return f"{head}{' + uncommitted changes' if dirty else ''}"


def _versions() -> str:
    probe = ("import importlib.metadata as m, sys; print(sys.version.split()[0], "
             "*(m.version(p) for p in ('pelican', 'pelican-i18n-subsites', 'markdown', 'weasyprint')))")
    done = subprocess.run([PYTHON, "-c", probe], capture_output=True, text=True, check=False)
    parts = done.stdout.split()
    if len(parts) != 5:
        return "versions unknown"
    return (f"Python {parts[0]}, Pelican {parts[1]}, pelican-i18n-subsites {parts[2]}, Markdown {parts[3]}, "
            f"WeasyPrint {parts[4]}, {hugo.version() if hugo.available() else 'Hugo absent'}")


def results_table(series: dict[str, Series], with_hugo: bool) -> list[str]:
    vanilla = series["vanilla"].median
    lines = ["| Build | Median (s) | Runs (s) | x vanilla cold | CPU (s) | CPU x vanilla | Peak RSS, largest "
             "process (MB) | Peak PSS, process tree (MB) | PDFs rendered | HTML files |",
             "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    vanilla_cpu = series["vanilla"].cpu
    for key in ("cold", "nochange", "edit", "vanilla", "hugo"):
        item = series[key]
        if not item.runs:
            if key == "hugo" and not with_hugo:
                lines.append("| Hugo | skipped (`--no-hugo`, or `hugo` not on PATH: `apt-get install -y hugo`) "
                             "| | | | | | | | |")
            continue
        runs = ", ".join(f"{run.seconds:.2f}" for run in item.runs)
        pdfs = "" if item.pdfs is None else str(item.pdfs)
        tree = "" if item.tree_mb is None else f"{item.tree_mb:.0f}"
        lines.append(f"| {item.label} | {item.median:.2f} | {runs} | {item.median / vanilla:.2f} | "
                     f"{item.cpu:.2f} | {item.cpu / vanilla_cpu:.2f} | {item.peak_mb:.0f} | {tree} | {pdfs} | "
                     f"{item.html} |")
    return lines


def run_scales(scales: list[int], args, work: Path, code: Path = ROOT, say=print) -> list[str]:
    """Our cold build (and vanilla's, for reference) at each corpus size."""
    lines = ["| Pairs | Post files | Ours cold (s) | s per pair | marginal s per pair | Ours CPU (s) | "
             "Vanilla cold (s) | s per pair | Vanilla CPU (s) | Ours / vanilla (CPU) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    previous: tuple[int, float] | None = None
    for pairs in scales:
        folder = work / f"scale-{pairs}"
        corpus = corpus_module.generate(folder / "corpus", pairs, cases=args.cases, seed=args.seed)
        bench = Bench(corpus.root, folder, code)
        ours_runs = [bench.ours_cold(f"scale-ours-{n}") for n in range(args.scale_repeat)]
        vanilla_runs = [bench.vanilla_cold(f"scale-vanilla-{n}") for n in range(args.scale_repeat)]
        ours = statistics.median(run.seconds for run in ours_runs)
        ours_cpu = statistics.median(run.cpu for run in ours_runs)
        vanilla = statistics.median(run.seconds for run in vanilla_runs)
        vanilla_cpu = statistics.median(run.cpu for run in vanilla_runs)
        say(f"scale {pairs}: ours cold {ours:.2f} s, vanilla cold {vanilla:.2f} s")
        marginal = "" if previous is None else f"{(ours - previous[1]) / (pairs - previous[0]):.4f}"
        lines.append(f"| {pairs} | {corpus.post_files} | {ours:.2f} | {ours / pairs:.4f} | {marginal} | "
                     f"{ours_cpu:.2f} | {vanilla:.2f} | {vanilla / pairs:.4f} | {vanilla_cpu:.2f} | "
                     f"{ours / vanilla:.2f} ({ours_cpu / vanilla_cpu:.2f}) |")
        previous = (pairs, ours)
        _clear(folder)
    return lines


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark our build against vanilla Pelican and Hugo.")
    parser.add_argument("--pairs", type=int, default=500)
    parser.add_argument("--cases", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scales", default="", help="comma-separated pair counts, e.g. 100,500,1000")
    parser.add_argument("--scale-repeat", type=int, default=1, help="runs per build at each scale")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.md")
    parser.add_argument("--workdir", type=Path, help="where corpora and outputs go (default: a temp folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, outputs)")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo even if installed")
    parser.add_argument("--snapshot", action="store_true",
                        help="run our build from a copy of plugins/, theme/ and pelicanconf.py taken at the start "
                             "(default: from the work tree, which others may be editing)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus, time every build, print the Markdown report and write it to --out."""
    args = parse_args(argv)
    scales = [int(part) for part in args.scales.split(",") if part.strip()]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="b2b-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    with_hugo = hugo.available() is not None and not args.no_hugo
    version, fingerprint = code_version(), code_fingerprint()
    code_dir = snapshot_code(work / "code") if args.snapshot else ROOT
    try:
        start = time.perf_counter()
        corpus = corpus_module.generate(work / "corpus", args.pairs, cases=args.cases, seed=args.seed)
        generated = time.perf_counter() - start
        print(f"corpus: {corpus.post_files} post files, {corpus.case_editions} case editions "
              f"in {generated:.2f} s ({work})", flush=True)
        bench = Bench(corpus.root, work, code_dir)
        series = run_rounds(bench, corpus, args.repeat, with_hugo,
                            say=lambda text: print(text, flush=True))
        checks = targets(series)
        scale_lines = (run_scales(scales, args, work, code_dir, say=lambda text: print(text, flush=True))
                       if scales else [])
    except BuildFailed as error:
        print(f"benchmark stopped: {error}", file=sys.stderr)
        return 1
    finally:
        if not args.keep:
            _clear(work)
    memory = ("GNU time `%M` (max RSS of the largest process of the build)" if MEMORY_METHOD == "gnu-time"
              else "one-child launcher reading `getrusage(RUSAGE_CHILDREN).ru_maxrss`")
    memory += (", and the process tree's summed PSS sampled every 0.1 s" if TreeSampler.AVAILABLE
               else "; no /proc, so no tree sampling")
    load = os.getloadavg()[0]
    changed = fingerprint != code_fingerprint()
    if args.snapshot:
        code = f"- Our code: {version}, fingerprint {fingerprint}, run from a snapshot taken at the start."
    else:
        code = (f"- Our code: {version}, fingerprint {fingerprint}"
                + (" — **the plugin, theme or settings changed during the run: the rounds may not be comparable "
                   "(use --snapshot)**" if changed else " (unchanged during the run)") + ".")
    report = [
        "# Build benchmark",
        "",
        f"- Corpus (seed {args.seed}): {corpus.pairs} French/English pairs + {corpus.singles} single-language "
        f"posts = {corpus.post_files} post files, 4 pages, {corpus.cases} teaching cases "
        f"({corpus.case_editions} editions); generated in {generated:.2f} s.",
        code,
        f"- Machine: {os.cpu_count()} CPUs, {platform.platform()}, load average {load:.1f} at the end; "
        f"{_versions()}.",
        f"- Each build is a whole process, wall clock (`time.perf_counter`), {args.repeat} interleaved rounds, "
        f"median shown; CPU = user + system seconds of the build process (steadier than wall clock when "
        f"the machine is shared). Peak memory: {memory}. PDFs rendered: cached `case-pdfs/*.pdf` new or "
        "rewritten. Targets are judged on wall clock. Our build deletes the output it replaced in a "
        "detached process once it has returned (not timed, like the clearing before each cold build); "
        "the next build starts when that is done.",
        "- Ours: `python -m b2b_blog --settings pelicanconf.py --content C --output O --cache K` "
        "(PYTHONPATH=plugins); vanilla: `pelican C -s benchmarks/vanilla/pelicanconf.py -o O2 --cache-path K2`; "
        "Hugo: the same posts and pages converted by `benchmarks/hugo.py`.",
        "",
        *results_table(series, with_hugo),
        "",
        "## Targets",
        "",
        "| Target | Measured | Result |",
        "|---|---:|---|",
        *[f"| {label} | {measured} | {'pass' if passed else 'FAIL'} |" for label, measured, passed in checks],
    ]
    if scale_lines:
        report += ["", f"## Growth: cold builds by corpus size ({args.scale_repeat} run(s) each, "
                   f"{args.cases} cases throughout)", "", *scale_lines]
    text = "\n".join(report) + "\n"
    print()
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + kept_livereload_section(args.out), encoding="utf-8")
    print(f"written to {args.out}")
    return 0


def kept_livereload_section(out: Path) -> str:
    """The section benchmarks/livereload.py writes at the end of the report, kept as it was."""
    from benchmarks.livereload import SECTION  # noqa: PLC0415

    old = out.read_text(encoding="utf-8") if out.exists() else ""
    return "\n" + old[old.index(SECTION):] if SECTION in old else ""


if __name__ == "__main__":
    raise SystemExit(main())
