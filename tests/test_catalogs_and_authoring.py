"""The theme's catalogs are complete and current; the author's tools scaffold and report."""

from __future__ import annotations

import datetime
import subprocess
import sys

import pytest
from b2b_blog.authoring import scaffold_post, translation_report
from babel.messages.pofile import read_po
from conftest import ROOT, site_settings


def test_french_catalog_translates_every_theme_string(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "--no-location",
                    "-k", "translate_in:2", "-F", str(ROOT / "theme/babel.cfg"), "-o", str(pot),
                    str(ROOT / "theme")], check=True, capture_output=True)
    with pot.open("rb") as handle:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    with (ROOT / "theme/translations/fr/LC_MESSAGES/messages.po").open("rb") as handle:
        french = {m.id if isinstance(m.id, str) else m.id[0]: m for m in read_po(handle, locale="fr") if m.id}
    assert len(template) > 20
    assert template - set(french) == set(), "run `invoke catalog-update` and translate the new strings"
    untranslated = [key for key in template if not all(french[key].string if isinstance(french[key].string, tuple)
                                                       else [french[key].string])]
    assert untranslated == []


def test_new_post_scaffolds_a_post_and_its_translation(tmp_path):
    (tmp_path / "content").mkdir()
    settings = site_settings(tmp_path / "content", tmp_path)
    when = datetime.datetime(2026, 11, 23, 9, 0)
    paths = scaffold_post(settings, title="Le temps long des grands comptes", lang="fr", kind="reading-notes",
                          key=None, translation_title="The long time of key accounts", when=when)
    french, english = paths
    assert french.relative_to(tmp_path).as_posix() == "content/fr/le-temps-long-des-grands-comptes.md"
    assert english.relative_to(tmp_path).as_posix() == "content/en/the-long-time-of-key-accounts.md"
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert "Translation_key: le-temps-long-des-grands-comptes" in text
        assert "Kind: reading-notes" in text and "Date: 2026-11-23 09:00" in text
        assert "Status: draft" in text
    with pytest.raises(SystemExit, match="already exists"):
        scaffold_post(settings, title="Le temps long des grands comptes", lang="fr", kind="news",
                      key=None, translation_title=None, when=when)
    with pytest.raises(SystemExit, match="unknown kind"):
        scaffold_post(settings, title="X", lang="fr", kind="rant", key=None, translation_title=None, when=when)


def test_translation_report_lists_missing_and_stale_translations(tiny_copy, tmp_path):
    settings = site_settings(tiny_copy, tmp_path)
    french = tiny_copy / "fr" / "premier-billet.md"
    french.write_text(french.read_text(encoding="utf-8").replace(
        "Kind:", "Modified: 2030-01-01 10:00\nKind:"), encoding="utf-8")
    english = tiny_copy / "en" / "first-post.md"
    english.write_text(english.read_text(encoding="utf-8").replace(
        "Kind:", "Modified: 2020-01-01 10:00\nKind:"), encoding="utf-8")
    report = translation_report(settings)
    assert "fr/seulement-en-francais.md has no en translation" in report
    assert "en/english-only.md has no fr translation" in report
    assert "[en] translations older than their original: 1" in report
    assert "en/first-post.md (2020-01-01, Modified) is older than the change of fr/premier-billet.md" in report
    assert "[fr] translations older than their original: 0" in report
