"""A mistake in a post stops the build with the file, the field and the fix; the last site stays."""

from __future__ import annotations

import hashlib

import pytest
from b2b_blog.problems import BuildError
from conftest import build


def snapshot(output) -> dict[str, str]:
    return {p.relative_to(output).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(output.rglob("*")) if p.is_file()}


MISTAKES = {
    "lang-contradicts-folder": (
        "fr/contradiction.md",
        "Title: Contradiction\nDate: 2020-01-01\nLang: en\nTranslation_key: contradiction\n\nTexte.\n",
        ["fr/contradiction.md", "[lang]", "contradicts the folder content/fr/", "remove the Lang line"]),
    "unknown-language": (
        "en/deutsch.md",
        "Title: Deutsch\nDate: 2020-01-01\nLang: de\n\nText.\n",
        ["en/deutsch.md", "[lang]", "no site is configured for the language 'de'", "I18N_SUBSITES"]),
    "duplicate-key": (
        "fr/doublon.md",
        "Title: Doublon\nDate: 2020-01-01\nTranslation_key: first-post\n\nTexte.\n",
        ["[translation_key]", "'first-post' is already used by", "give each post its own key"]),
    "bad-date": (
        "en/bad-date.md",
        "Title: Bad date\nDate: 31/31/2020\n\nText.\n",
        ["en/bad-date.md", "[date]", "31/31/2020", "YYYY-MM-DD"]),
    "unknown-kind": (
        "en/bad-kind.md",
        "Title: Bad kind\nDate: 2020-01-01\nKind: rant\n\nText.\n",
        ["en/bad-kind.md", "[kind]", "unknown kind 'rant'", "point-of-view"]),
    "no-header": (
        "fr/sans-entete.md",
        "Juste un texte, sans en-tête.\n",
        ["fr/sans-entete.md", "[title]", "missing or malformed header"]),
    "empty-file": ("fr/vide.md", "", ["fr/vide.md", "the file is empty"]),
    "not-utf8": ("en/latin1.md", "Title: Caf\xe9\n\nText.\n".encode("latin-1"),
                 ["en/latin1.md", "[encoding]", "not valid UTF-8"]),
}


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_mistake_stops_the_build_and_keeps_the_last_good_site(name, tiny_copy, tmp_path):
    good = build(tiny_copy, tmp_path)
    before = snapshot(good.output)
    relative, text, expected = MISTAKES[name]
    target = tiny_copy / relative
    if isinstance(text, bytes):
        target.write_bytes(text)
    else:
        target.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build(tiny_copy, tmp_path)
    message = str(raised.value)
    for fragment in expected:
        assert fragment in message, (fragment, message)
    assert snapshot(good.output) == before
    assert not list(tmp_path.glob("output.building-*"))


def test_every_mistake_is_reported_in_one_build(tiny_copy, tmp_path):
    for relative, text, _ in (MISTAKES["bad-date"], MISTAKES["unknown-kind"], MISTAKES["empty-file"]):
        (tiny_copy / relative).write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build(tiny_copy, tmp_path)
    assert len(raised.value.problems) == 3
    # The next, corrected build works in the same process.
    for relative, _, _ in (MISTAKES["bad-date"], MISTAKES["unknown-kind"], MISTAKES["empty-file"]):
        (tiny_copy / relative).unlink()
    assert build(tiny_copy, tmp_path).path("/en/").exists()


def test_an_unchanged_site_is_not_built_again_and_a_change_is(tiny_copy, tmp_path):
    first = build(tiny_copy, tmp_path)
    index = first.output / "index.html"
    before = index.stat().st_mtime_ns
    build(tiny_copy, tmp_path)
    assert index.stat().st_mtime_ns == before
    post = tiny_copy / "fr" / "premier-billet.md"
    post.write_text(post.read_text(encoding="utf-8").replace("Premier billet", "Premier billet revu"), encoding="utf-8")
    rebuilt = build(tiny_copy, tmp_path)
    assert "Premier billet revu" in rebuilt.path("/").read_text(encoding="utf-8")
