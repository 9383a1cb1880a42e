"""Tasks for writing, building, checking and publishing the blog (run `invoke --list`)."""

from __future__ import annotations

import datetime
import logging
import os
import shlex
import shutil
import sys
from pathlib import Path

from invoke import task

ROOT = Path(__file__).resolve().parent
PYBABEL = f"{shlex.quote(sys.executable)} -m babel.messages.frontend"
sys.path.insert(0, str(ROOT / "plugins"))

CONFIG = {
    "settings_base": "pelicanconf.py",
    "settings_publish": "publishconf.py",
    "content": "content",
    "theme": "theme",
    "catalogs": "theme/translations",
    "host": "127.0.0.1",
    "port": 8000,
}


def _settings(settings_file: str) -> dict:
    from b2b_blog.problems import BuildError  # noqa: PLC0415 - import lazily: tasks load fast
    from b2b_blog.settings_file import read_settings_file  # noqa: PLC0415

    try:
        return read_settings_file(str(ROOT / settings_file))
    except BuildError as error:  # a mistake in the settings file, named by its line
        print(error, file=sys.stderr)
        raise SystemExit(1) from None


def _build(settings_file: str) -> Path:
    """Build the site atomically: the last good output stays until the new one is complete."""
    from b2b_blog.build import build_site  # noqa: PLC0415
    from pelican.log import init  # noqa: PLC0415

    os.chdir(ROOT)
    init(level=logging.WARNING)
    settings = _settings(settings_file)
    try:
        return build_site(settings)
    except Exception as error:  # noqa: BLE001 - the message is for the author, not a traceback
        print(error, file=sys.stderr)
        raise SystemExit(1) from None


@task
def build(c):
    """Build the site from the local settings."""
    _build(CONFIG["settings_base"])


@task
def rebuild(c):
    """Build the site from scratch, without any cache."""
    clean(c)
    _build(CONFIG["settings_base"])


@task
def clean(c):
    """Remove what the build made: the output and the cache."""
    from b2b_blog.build import clean_outputs  # noqa: PLC0415

    try:
        removed = clean_outputs(_settings(CONFIG["settings_base"]))
    except Exception as error:  # noqa: BLE001 - a refused folder is named, not a traceback
        print(error, file=sys.stderr)
        raise SystemExit(1) from None
    for path in removed:
        print(f"removed {path}")


@task
def serve(c, port=None):
    """Serve the built site on http://127.0.0.1:8000."""
    from b2b_blog.serve import serve_forever  # noqa: PLC0415

    settings = _settings(CONFIG["settings_base"])
    serve_forever(settings["OUTPUT_PATH"], CONFIG["host"], int(port or CONFIG["port"]))


@task
def start(c, port=None):
    """Build the site, then serve it."""
    build(c)
    serve(c, port=port)


@task
def livereload(c, port=None):
    """Serve the site, rebuild it on every change; open pages reload themselves or show the problems."""
    from b2b_blog.comments.config import watched_folder  # noqa: PLC0415
    from b2b_blog.preview.loop import run  # noqa: PLC0415

    os.chdir(ROOT)
    settings = _settings(CONFIG["settings_base"])
    watched = [ROOT / CONFIG["content"], ROOT / CONFIG["theme"], ROOT / "plugins",
               ROOT / CONFIG["settings_base"]]
    # The comment database's folder too: an approved comment shows at once.
    watched += [folder for folder in [watched_folder(settings)] if folder]
    run(ROOT, settings, CONFIG["settings_base"], watched, CONFIG["host"], int(port or CONFIG["port"]))


@task
def preview(c):
    """Build the site with the publishing settings."""
    _build(CONFIG["settings_publish"])


def _check(names, settings_file: str) -> bool:
    """Run checks on the built site; print what each finds; true when all pass."""
    from b2b_blog.checks import run_check  # noqa: PLC0415

    settings = _settings(settings_file)
    output = Path(settings["OUTPUT_PATH"])
    passed = True
    for name in names:
        found = run_check(name, output, settings)
        print(f"check {name}: {'ok' if not found else f'{len(found)} problem(s)'}")
        for line in found[:50]:
            print(f"  - {line}")
        passed = passed and not found
    return passed


def _check_task(name: str, doc: str):
    @task(name=f"check-{name}")
    def check_one(c, publish_settings=False):
        settings_file = CONFIG["settings_publish" if publish_settings else "settings_base"]
        if not _check([name], settings_file):
            raise SystemExit(1)

    check_one.__doc__ = doc
    check_one.body.__doc__ = doc
    return check_one


check_links = _check_task("links", "Check that every internal link and asset of output/ resolves.")
check_hreflang = _check_task("hreflang", "Check that every hreflang set is complete, reciprocal and absolute.")
check_html = _check_task("html", "Check the HTML of output/ with the Nu HTML Checker.")
check_feeds = _check_task("feeds", "Check that every feed parses and the sitemap is well-formed.")
check_security = _check_task("security", "Check for scripts, event handlers, unsafe URLs and frames, and the CSP.")
check_leaks = _check_task("leaks", "Check that no draft, hidden post or restricted teaching note is in output/.")


@task
def check(c, publish_settings=False):
    """Run every check on output/ (build first)."""
    from b2b_blog.checks import CHECKS  # noqa: PLC0415

    if not _check(CHECKS, CONFIG["settings_publish" if publish_settings else "settings_base"]):
        raise SystemExit(1)


@task
def publish(c, target=None):
    """Build with the publishing settings, refuse if any check fails, then rsync the site."""
    from b2b_blog.checks import CHECKS  # noqa: PLC0415
    from b2b_blog.publishing import (  # noqa: PLC0415
        PublishRefused,
        publish_local,
        publish_rsync,
        refusal,
        refused_message,
        remote_refusal,
    )

    settings = _settings(CONFIG["settings_publish"])
    destination = target or os.environ.get("BLOG_PUBLISH_TARGET") or settings.get("PUBLISH_TARGET")
    if not destination:
        raise SystemExit("publish: no target; set BLOG_PUBLISH_TARGET or PUBLISH_TARGET (user@host:/path/)")
    remote = ":" in destination
    # Refused before the build and the checks, so that a wrong target costs nothing.
    reason = remote_refusal(destination, ROOT, settings) if remote else refusal(Path(destination), ROOT, settings)
    if reason:
        raise SystemExit(refused_message(reason))
    output = _build(CONFIG["settings_publish"])
    if not _check(CHECKS, CONFIG["settings_publish"]):
        raise SystemExit("publish: refused, a check failed (the site was built but not sent)")
    if remote and not shutil.which("rsync"):
        raise SystemExit("publish: rsync is needed for a remote target (apt-get install rsync)")
    try:
        if remote:
            publish_rsync(output, destination)
        else:
            destination = publish_local(output, Path(destination), ROOT, settings)
    except PublishRefused as error:
        raise SystemExit(str(error)) from None
    print(f"published to {destination}")


@task
def test(c):
    """Run every test."""
    c.run(f"{shlex.quote(sys.executable)} -m pytest", pty=False)


@task(name="catalog-extract")
def catalog_extract(c):
    """Extract the theme's strings into theme/messages.pot."""
    c.run(f"{PYBABEL} extract --no-location --sort-output -k translate_in:2 "
          "-F theme/babel.cfg -o theme/messages.pot theme")


@task(name="catalog-update", pre=[catalog_extract])
def catalog_update(c, lang=None):
    """Merge new strings into each language's .po (a new language with --lang)."""
    catalogs = ROOT / CONFIG["catalogs"]
    if lang and not (catalogs / lang / "LC_MESSAGES" / "messages.po").exists():
        c.run(f"{PYBABEL} init -i theme/messages.pot -d {CONFIG['catalogs']} -l {lang}")
    c.run(f"{PYBABEL} update --no-fuzzy-matching --ignore-obsolete -i theme/messages.pot -d {CONFIG['catalogs']}")


@task(name="catalog-compile")
def catalog_compile(c):
    """Compile the .po catalogs (builds also do this on their own, into the cache)."""
    c.run(f"{PYBABEL} compile --statistics -d {CONFIG['catalogs']}")


@task(name="new-post")
def new_post(c, title, lang="fr", kind="point-of-view", key=None, translation=None, date=None):
    """Scaffold a post in a language; --translation "Title" adds its translation's stub."""
    from b2b_blog.authoring import scaffold_post  # noqa: PLC0415

    settings = _settings(CONFIG["settings_base"])
    when = datetime.datetime.fromisoformat(date) if date else datetime.datetime.now().replace(second=0, microsecond=0)
    for path in scaffold_post(settings, title=title, lang=lang, kind=kind, key=key,
                              translation_title=translation, when=when):
        print(f"created {path}")


def _bare_paths_as_options(argv: list[str], task_name: str, options_with_value: set[str]) -> list[str]:
    """`topics a.md b.md --json` -> `topics --path a.md --path b.md --json`."""
    rewritten, inside, expects_value = [], False, False
    for token in argv:
        if not inside or expects_value or token.startswith("-"):
            if inside and not expects_value and token.startswith("-"):
                expects_value = token.split("=")[0] in options_with_value and "=" not in token
            else:
                expects_value = False
            inside = inside or token == task_name
            rewritten.append(token)
        else:
            rewritten += ["--path", token]
    return rewritten


def _accept_several_paths() -> None:
    """Invoke has no variadic arguments (pyinvoke/invoke#378); fold bare paths into --path options.

    Invoke has parsed its own options but not the task's when it imports this file,
    so the remaining arguments can still be rewritten here.
    """
    import inspect  # noqa: PLC0415

    from invoke import Program  # noqa: PLC0415

    for frame in inspect.stack():
        program = frame.frame.f_locals.get("self")
        if isinstance(program, Program) and getattr(program, "core", None) is not None:
            unparsed = program.core.unparsed
            options_with_value = {"--lang", "-l", "--threshold", "-t", "--site", "-s"}
            unparsed[:] = _bare_paths_as_options(unparsed, "topics", options_with_value)
            return


_accept_several_paths()


@task(iterable=["path"])
def topics(c, path, json=False, lang=None, threshold=None, site=None):
    """Explain the topics of files (a folder: its text files): `invoke topics PATH... [--json] [--lang fr|en]`."""
    from b2b_blog.topics.cli import main  # noqa: PLC0415

    argv = [*path, *(["--json"] if json else []), *(["--lang", lang] if lang else []),
            *(["--threshold", str(threshold)] if threshold else []), *(["--site", site] if site else [])]
    raise SystemExit(main(argv))


@task
def translations(c):
    """Report per language the posts and pages without translation, and translations left behind."""
    from b2b_blog.authoring import translation_report  # noqa: PLC0415

    print(translation_report(_settings(CONFIG["settings_base"])))


@task
def bench(c, pairs=500, cases=20, repeat=3, scales=""):
    """Benchmark our build against vanilla Pelican and Hugo on a generated corpus."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks.run import main  # noqa: PLC0415

    argv = ["--pairs", str(pairs), "--cases", str(cases), "--repeat", str(repeat)]
    if scales:
        argv += ["--scales", str(scales)]
    code = main(argv)
    if code:
        raise SystemExit(code)


@task
def lighthouse(c, preset="both", runs=1, use_output=False, only=""):
    """Lighthouse on 12 pages (both languages, mobile and desktop): scores to benchmarks/lighthouse.md."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks.lighthouse import main  # noqa: PLC0415

    argv = ["--preset", preset, "--runs", str(runs), *(["--use-output"] if use_output else []),
            *(["--only", only] if only else [])]
    code = main(argv)
    if code:
        raise SystemExit(code)


@task(iterable=["pair"])
def import_blogger(c, path, dry_run=False, pair=None, images=None):
    """Import a Blogger export (Takeout folder, feed.atom or old XML): `invoke import-blogger PATH [--dry-run]`."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from importers.cli import import_blogger as run  # noqa: PLC0415

    code = run(path, ROOT, _settings(CONFIG["settings_base"]), dry_run=dry_run, pairs=pair or [], images=images)
    if code:
        raise SystemExit(code)


@task
def import_pelican(c, path, dry_run=False):
    """Import another Pelican site (its content/ and pelicanconf.py, read without running it)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from importers.cli import import_pelican as run  # noqa: PLC0415

    code = run(path, ROOT, _settings(CONFIG["settings_base"]), dry_run=dry_run)
    if code:
        raise SystemExit(code)


@task(name="comments-server")
def comments_server(c, port=8080, publish_settings=False, config_only=False):
    """Run the comment server (Isso) on 127.0.0.1, moderated, rate-limited, for the site's origin only."""
    from b2b_blog.comments.server import prepare, run  # noqa: PLC0415

    os.chdir(ROOT)  # publishconf.py imports pelicanconf.py from the current folder
    settings = _settings(CONFIG["settings_publish" if publish_settings else "settings_base"])
    if config_only:
        print(prepare(settings, int(port)))
        return
    run(settings, int(port))


@task
def comments(c, pending=False, approve=None, delete=None, backup=None):
    """Moderate comments: --pending lists them, --approve ID, --delete ID; --backup FILE copies the database."""
    from b2b_blog.comments.cli import moderate  # noqa: PLC0415

    if not (pending or approve or delete or backup):
        pending = True
    code = moderate(_settings(CONFIG["settings_base"]), pending, approve, delete, backup)
    if code:
        raise SystemExit(code)
