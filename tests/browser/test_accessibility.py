"""axe-core finds no violation of WCAG 2.1 A/AA or best practices, on phones and desktops, light and dark."""

from __future__ import annotations

import pytest
from conftest import ROOT

from .conftest import DESKTOP, PHONE
from .test_reading import PAGES

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
RUN_AXE = "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
# The search page is checked with results shown: they are part of what a reader sees.
QUERIES = {"/recherche/": "grands comptes", "/en/search/": "key account"}


@pytest.fixture(scope="session")
def axe_script() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing: run `npm ci` (bash scripts/test.sh does)")
    return str(AXE)


def describe(violations: list[dict], where: str) -> list[str]:
    return [f"{where}: {violation['id']} ({violation['impact']}): {violation['help']} -> "
            + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            for violation in violations]


@pytest.mark.parametrize("page", [page for pages in PAGES.values() for page in pages])
def test_axe_finds_no_violation(new_reader, axe_script, page):
    found = []
    for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        # axe-core goes in as an inline script, which the pages' CSP <meta> blocks: this test's tab
        # bypasses the policy (test_reading checks every page under it, console included).
        reader = new_reader(viewport, bypass_csp=True)
        for scheme in ("light", "dark"):
            reader.page.emulate_media(color_scheme=scheme)
            reader.visit(page + (f"?q={QUERIES[page]}" if page in QUERIES else ""))
            if page in QUERIES:
                reader.page.wait_for_selector("#search-results li a")
            reader.page.add_script_tag(path=axe_script)
            results = reader.page.evaluate(RUN_AXE, AXE_TAGS)
            found += describe(results["violations"], f"{name}, {scheme}")
        reader.assert_clean()
    assert found == [], "\n".join(found)
