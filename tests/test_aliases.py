"""The `Aliases:` header field: redirect pages, `_redirects`, and the collisions it refuses."""

from __future__ import annotations

import json

import feedparser
import pytest
from b2b_blog.problems import BuildError
from conftest import build


def add_field(path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\n\n", f"\n{line}\n\n", 1), encoding="utf-8")


def test_hand_written_aliases(tiny_copy, tmp_path):
    add_field(tiny_copy / "fr/premier-billet.md", "Aliases: /2016/11/premier.html, /vieux/chemin/")
    add_field(tiny_copy / "en/first-post.md", "Aliases: /2016/11/first.html")
    site = build(tiny_copy, tmp_path)
    french = site.soup("/2016/11/premier.html")
    assert french.html["lang"] == "fr" and "Cette page a déménagé" in french.get_text()
    assert french.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=/premier-billet/"
    assert site.soup("/vieux/chemin/").find("a")["href"] == "/premier-billet/"
    english = site.soup("/2016/11/first.html")
    assert english.html["lang"] == "en" and english.find("a")["href"] == "/en/first-post/"
    assert (site.output / "_redirects").read_text(encoding="utf-8").splitlines() == [
        "/2016/11/first.html /en/first-post/ 301", "/2016/11/premier.html /premier-billet/ 301",
        "/vieux/chemin/ /premier-billet/ 301"]


def test_redirects_file(tiny_copy, tmp_path):
    (tiny_copy / "redirects.json").write_text(json.dumps({"/search/label/KAM": "/themes/grands-comptes/"}),
                                              encoding="utf-8")
    site = build(tiny_copy, tmp_path)
    assert site.soup("/search/label/KAM/").find("a")["href"] == "/themes/grands-comptes/"


@pytest.mark.parametrize(("french", "english", "message"), [
    ("Aliases: /2016/11/x.html", "Aliases: /2016/11/x.html", "also an alias of"),
    ("Aliases: /seulement-en-francais/", None, "is the address of fr/seulement-en-francais.md"),
    ("Aliases: https://old.example/x.html", None, "must start with a single '/'"),
    ("Aliases: /a/../../etc/passwd", None, "must not contain '.' or '..'"),
    ("Aliases: /index.html", None, "an address the site itself uses"),
    ("Aliases: /en/", None, "an address the site itself uses"),
    ("Aliases: /themes/leadership/", None, "an address the site itself uses"),
    ("Aliases: /feeds/atom.xml", None, "an address the site itself uses"),
])
def test_colliding_or_bad_aliases_stop_the_build(tiny_copy, tmp_path, french, english, message):
    add_field(tiny_copy / "fr/premier-billet.md", french)
    if english:
        add_field(tiny_copy / "en/first-post.md", english)
    with pytest.raises(BuildError, match=message):
        build(tiny_copy, tmp_path)
    assert not (tmp_path / "output").exists()


def test_redirect_pages_carry_the_site_policy(tiny_copy, tmp_path):
    add_field(tiny_copy / "fr/premier-billet.md", "Aliases: /2016/11/premier.html")
    # Comments served from the site's own origin: the policy is the setting's, word for word.
    site = build(tiny_copy, tmp_path, B2B_CONTENT_SECURITY_POLICY="default-src 'self'", B2B_COMMENTS_URL="/comments/")
    meta = site.soup("/2016/11/premier.html").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert meta["content"] == "default-src 'self'"


def test_an_old_feed_address_gets_a_feed_that_says_where_it_went(tiny_copy, tmp_path):
    # Seen on an imported Pelican blog: its old feeds became HTML pages, which feed readers can't read.
    from b2b_blog.checks import run_check  # noqa: PLC0415

    (tiny_copy / "redirects.json").write_text(json.dumps({"/feeds/all.atom.xml": "/feeds/atom.xml",
                                                          "/feeds/vieux-theme.rss": "/themes/grands-comptes/"}),
                                              encoding="utf-8")
    site = build(tiny_copy, tmp_path)
    origin = site.settings["SITE_ORIGIN"].rstrip("/")
    for old, new in (("/feeds/all.atom.xml", "/feeds/atom.xml"), ("/feeds/vieux-theme.rss", "/themes/grands-comptes/")):
        parsed = feedparser.parse(site.path(old).read_bytes())
        assert not parsed.bozo, parsed.bozo_exception
        assert [entry.link for entry in parsed.entries] == [origin + new]
        assert parsed.entries[0].title == f"Ce fil a déménagé : {origin}{new}"
    assert run_check("feeds", site.output, site.settings) == []
    assert run_check("links", site.output, site.settings) == []
    again = build(tiny_copy, tmp_path / "again")
    assert again.path("/feeds/all.atom.xml").read_bytes() == site.path("/feeds/all.atom.xml").read_bytes()


def test_a_redirect_file_is_claimed_like_every_file_of_the_build(tmp_path):
    from b2b_blog.aliases import _write  # noqa: PLC0415
    from b2b_blog.confinement import Owner, claims  # noqa: PLC0415

    claims.reset(tmp_path)
    claims.claim(tmp_path / "2016/11/x.html", Owner("the post fr/x.md", "fr", "fr/x.md", "save_as"))
    with pytest.raises(BuildError) as raised:
        _write(tmp_path, "2016/11/x.html", "<p>moved</p>", Owner("the old path /2016/11/x.html of fr/y.md", "fr",
                                                                 "fr/y.md", "aliases"))
    assert "also written by" in str(raised.value) and "fr/y.md" in str(raised.value)
    with pytest.raises(BuildError):
        _write(tmp_path, "../outside.html", "<p>moved</p>", Owner("the old path", "fr", "fr/y.md", "aliases"))
    assert not (tmp_path.parent / "outside.html").exists()
    claims.reset(tmp_path / "none")
