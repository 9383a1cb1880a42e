"""`invoke import-blogger` on our own exports (both schemas), twice, then a real build of the result."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build, site_settings

sys.path.insert(0, str(ROOT))
from importers.blogger import ExportError, read_export
from importers.cli import import_blogger

EXPORTS = Path(__file__).parent / "importers"
TAKEOUT = EXPORTS / "takeout"
CLASSIC = EXPORTS / "blogger-classic.xml"
IMAGES = EXPORTS / "images"


def run_import(tmp_path: Path, export: Path, capsys, **options) -> tuple[int, str]:
    (tmp_path / "content").mkdir(exist_ok=True)
    settings = site_settings(tmp_path / "content", tmp_path)
    code = import_blogger(str(export), tmp_path, settings, **options)
    return code, capsys.readouterr().out


def header(path: Path) -> dict[str, str]:
    fields = {}
    for line in path.read_text(encoding="utf-8").split("\n\n", 1)[0].splitlines():
        name, _, value = line.partition(": ")
        fields[name] = value
    return fields


@pytest.fixture(scope="module", params=[TAKEOUT, CLASSIC], ids=["takeout-2018", "classic"])
def imported(request, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("blogger")
    (tmp_path / "content").mkdir()
    settings = site_settings(tmp_path / "content", tmp_path)
    code = import_blogger(str(request.param), tmp_path, settings, images=str(IMAGES))
    assert code == 0
    return tmp_path


def test_both_schemas_read_the_same_blog():
    takeout, classic = read_export(TAKEOUT), read_export(CLASSIC)
    assert takeout.schema.startswith("2018") and classic.schema.startswith("classic")
    live = lambda blog: sorted(i.old_path for i in blog.items if i.status == "published")  # noqa: E731
    assert live(takeout) == live(classic)
    assert [i.title for i in takeout.items if i.status == "deleted"] == ["Un billet effacé"]
    comments = {i.old_path: [(c.id, c.parent) for c in i.comments] for i in classic.items if i.comments}
    assert comments == {i.old_path: [(c.id, c.parent) for c in i.comments] for i in takeout.items if i.comments}
    assert comments["/2016/11/la-confiance-se-construit.html"] == [("blogger-301", None),
                                                                    ("blogger-302", "blogger-301")]


def test_files_languages_and_drafts(imported):
    content = imported / "content"
    posts = sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    assert posts == ["en/key-accounts.md", "en/reading-a-contract.md", "en/trust-is-built.md",
                     "fr/brouillon-sur-la-negociation.md", "fr/grands-comptes-key-accounts.md",
                     "fr/la-confiance-se-construit.md", "fr/pages/a-propos.md", "fr/salon-professionnel.md"]
    assert header(content / "fr/brouillon-sur-la-negociation.md")["Status"] == "draft"
    assert not any("efface" in p for p in posts)  # the deleted post stays out


def test_mixed_post_is_split_sentence_by_sentence(imported):
    french = (imported / "content/fr/grands-comptes-key-accounts.md").read_text(encoding="utf-8")
    english = (imported / "content/en/key-accounts.md").read_text(encoding="utf-8")
    assert "Un grand compte n'est pas seulement un gros client. C'est une relation" in french
    assert "key account" not in french.lower() and "grand compte" not in english.lower()
    assert "A key account is not just a large customer. It is a relationship" in english
    assert header(imported / "content/fr/grands-comptes-key-accounts.md")["Title"] == "Les grands comptes"
    assert header(imported / "content/en/key-accounts.md")["Title"] == "Key accounts"
    assert header(imported / "content/en/key-accounts.md")["Translation_key"] == "grands-comptes-key-accounts"


def test_translations_paired_and_unrelated_posts_not(imported):
    content = imported / "content"
    assert header(content / "fr/la-confiance-se-construit.md")["Translation_key"] == \
        header(content / "en/trust-is-built.md")["Translation_key"]
    assert header(content / "fr/salon-professionnel.md")["Translation_key"] != \
        header(content / "en/reading-a-contract.md")["Translation_key"]


def test_labels_become_topics_kinds_or_tags(imported):
    french = header(imported / "content/fr/la-confiance-se-construit.md")
    assert (french["Topics"], french["Kind"], french["Tags"]) == ("leadership", "point-of-view", "anecdotes")
    assert header(imported / "content/en/reading-a-contract.md")["Kind"] == "reading-notes"
    assert header(imported / "content/fr/grands-comptes-key-accounts.md")["Topics"] == "kam"


def test_cruft_removed_links_and_images_rewritten(imported):
    text = (imported / "content/fr/la-confiance-se-construit.md").read_text(encoding="utf-8")
    for cruft in ("<div", "<span", "style=", "trbidi", "<br"):
        assert cruft not in text
    assert "[grands comptes]({filename}/fr/grands-comptes-key-accounts.md)" in text
    assert "![Une poignée de main]({static}/images/la-confiance-se-construit/poignee-de-main.jpg" in text
    assert "googleusercontent" not in text
    assert (imported / "content/images/la-confiance-se-construit/poignee-de-main.jpg").is_file()
    assert "- Promettre peu." in text and "### Ce qu'il faut retenir" in text


def test_comments_data_file(imported):
    data = json.loads((imported / "content/comments/fr/la-confiance-se-construit.json").read_text("utf-8"))
    assert data["format"] == 1 and data["post"] == "fr/la-confiance-se-construit.md"
    first, reply = data["comments"]
    assert (first["author"], first["website"], first["parent"]) == ("Claire", "https://claire.example/", None)
    assert reply["parent"] == "blogger-301" and reply["website"] == ""  # a Blogger profile is no website
    assert "@" not in json.dumps(data) and "script" not in reply["text"]
    english = json.loads((imported / "content/comments/en/trust-is-built.json").read_text("utf-8"))
    assert english["comments"][0]["author"] == "" and "javascript" not in english["comments"][0]["text"]


def test_second_import_changes_nothing_and_keeps_edits(tmp_path, capsys):
    assert run_import(tmp_path, TAKEOUT, capsys, images=str(IMAGES))[0] == 0
    before = {p: p.read_bytes() for p in (tmp_path / "content").rglob("*") if p.is_file()}
    code, out = run_import(tmp_path, TAKEOUT, capsys, images=str(IMAGES))
    assert code == 0 and "written: 0," in out
    assert before == {p: p.read_bytes() for p in (tmp_path / "content").rglob("*") if p.is_file()}
    edited = tmp_path / "content/fr/salon-professionnel.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nUne phrase ajoutée par l'auteur.\n", encoding="utf-8")
    code, out = run_import(tmp_path, TAKEOUT, capsys, images=str(IMAGES))
    assert code == 1 and "KEPT content/fr/salon-professionnel.md" in out
    assert "Une phrase ajoutée par l'auteur." in edited.read_text(encoding="utf-8")


def test_dry_run_writes_nothing_and_reports_remote_images(tmp_path, capsys):
    code, out = run_import(tmp_path, TAKEOUT, capsys, dry_run=True)
    assert code == 1 and "dry run: nothing written" in out
    for section in ("Files (", "Languages (", "Pairs written (1)", "Labels (", "Redirects (", "Images (", "Problems ("):
        assert section in out
    assert "still on Blogger's servers" in out and "same name 'Lyon'" in out
    assert list((tmp_path / "content").iterdir()) == []


def test_forced_pair_and_unknown_path(tmp_path, capsys):
    _code, out = run_import(tmp_path, TAKEOUT, capsys, dry_run=True,
                            pairs=["/2017/01/salon-professionnel.html=/2017/01/reading-a-contract.html",
                                   "/2017/01/nowhere.html=/2016/11/trust-is-built.html"])
    assert "/2017/01/salon-professionnel.html = /2017/01/reading-a-contract.html (score 0.0: asked with --pair)" in out
    assert "no single-language post at /2017/01/nowhere.html" in out


def test_hostile_export_refused(tmp_path):
    bomb = tmp_path / "feed.atom"
    bomb.write_text('<?xml version="1.0"?><!DOCTYPE f [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                    '<feed xmlns="http://www.w3.org/2005/Atom"><title>&x;</title></feed>', encoding="utf-8")
    with pytest.raises(ExportError, match="refused"):
        read_export(bomb)
    (tmp_path / "empty").mkdir()
    with pytest.raises(ExportError, match=r"no feed\.atom"):
        read_export(tmp_path / "empty")


def test_imported_site_builds_with_old_paths(imported, tmp_path):
    site = build(imported / "content", tmp_path)
    french = site.soup("/la-confiance-se-construit/")
    assert french.find("link", hreflang="en")["href"].endswith("/en/trust-is-built/")
    assert site.path("/en/key-accounts/").is_file() and site.path("/grands-comptes-key-accounts/").is_file()
    expected = {"/2016/11/la-confiance-se-construit.html": "/la-confiance-se-construit/",
                "/2016/11/trust-is-built.html": "/en/trust-is-built/",
                "/2016/12/grands-comptes-key-accounts.html": "/grands-comptes-key-accounts/",
                "/p/a-propos.html": "/a-propos/",
                "/search/label/Leadership/": "/themes/leadership/",
                "/search/label/Notes de lecture/": "/en/kinds/reading-notes/",
                "/feeds/posts/default/": "/feeds/atom.xml"}
    for old, new in expected.items():
        page = site.soup(old)
        assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={new}"
        assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
        assert page.find("link", rel="canonical")["href"] == "https://relation-btob.example" + new
        assert page.find("a")["href"] == new and not page.find("script")
        assert site.path(new).is_file()
    rules = (site.output / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/2016/11/trust-is-built.html /en/trust-is-built/ 301" in rules
    assert "/search/label/Notes%20de%20lecture /en/kinds/reading-notes/ 301" in rules
    from b2b_blog.checks import run_check  # noqa: PLC0415

    assert run_check("links", site.output, site.settings) == []
    assert site.path("/drafts/brouillon-sur-la-negociation/").is_file()  # previewed while writing


def test_draft_kept_out_of_publish_build(imported, tmp_path):
    site = build(imported / "content", tmp_path, "publishconf.py")
    texts = "".join(p.read_text(encoding="utf-8") for p in site.output.rglob("*.html"))
    assert "Brouillon sur la négociation" not in texts
    assert "Sophie Martin" in texts


def test_comment_author_is_plain_text_without_address():
    from importers.comments import clean_name  # noqa: PLC0415

    assert clean_name("<b>Jo</b> &amp; co <script>x</script> jo@example.org") == "Jo & co […]"


def test_images_elsewhere_or_ambiguous_are_problems(tmp_path):
    import datetime  # noqa: PLC0415

    from importers.model import Blog, Item  # noqa: PLC0415
    from importers.plan import plan_blogger  # noqa: PLC0415

    for folder in ("a1", "b2"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "photo.jpg").write_bytes(b"jpeg")
    html = ('<p>Une photo prise pendant la visite chez notre client.</p><img src="https://i.imgur.example/x.png">'
            '<img src="https://blogger.googleusercontent.com/img/zz/photo.jpg">'
            '<img src="https://blogger.googleusercontent.com/img/b2/photo.jpg">')
    item = Item("1", "post", "published", "Visite", html, datetime.datetime(2016, 11, 2, tzinfo=datetime.UTC),
                "/2016/11/visite.html")
    plan = plan_blogger(Blog("b", [item], "x", "test"), site_settings(tmp_path, tmp_path), images_dir=tmp_path)
    problems = "\n".join(plan.problems)
    assert "on another site (i.imgur.example)" in problems
    assert "several files of the images folder are named photo.jpg" in problems  # zz matches neither folder
    assert plan.copies == {"content/images/visite/photo.jpg": tmp_path / "b2" / "photo.jpg"}


def test_trashed_posts_and_comments_named_by_id(tmp_path):
    feed = tmp_path / "feed.atom"
    feed.write_text(
        "<feed xmlns='http://www.w3.org/2005/Atom' xmlns:blogger='http://schemas.google.com/blogger/2018'>"
        "<entry><id>tag:blogger.com,1999:blog-7.post-1</id><blogger:type>POST</blogger:type>"
        "<title>Gardé</title><content type='html'>Un billet gardé.</content>"
        "<published>2019-01-01T10:00:00Z</published><blogger:filename>/2019/01/garde.html</blogger:filename>"
        # Takeout's empty markers on a live post (seen in real exports): not a trashed post.
        "<blogger:location/><category/><link/><enclosure/><blogger:trashed/></entry>"
        "<entry><id>tag:blogger.com,1999:blog-7.post-2</id><blogger:type>POST</blogger:type>"
        "<blogger:trashed>2019-02-01T00:00:00Z</blogger:trashed><title>Jeté</title><content>x</content>"
        "<published>2019-01-02T10:00:00Z</published></entry>"
        "<entry><id>tag:blogger.com,1999:blog-7.post-1.comment-9</id><blogger:type>COMMENT</blogger:type>"
        "<content>Merci.</content><published>2019-01-03T10:00:00Z</published></entry></feed>", encoding="utf-8")
    blog = read_export(feed)
    assert [(item.title, item.status) for item in blog.items] == [("Gardé", "published"), ("Jeté", "deleted")]
    assert [comment.id for comment in blog.items[0].comments] == ["blogger-9"] and not blog.problems


def test_hostile_or_misleading_html_stays_text():
    import markdown  # noqa: PLC0415

    from importers.html_cleanup import clean_html, to_markdown  # noqa: PLC0415

    source = ('<div>Écrivez &lt;script&gt;alert(1)&lt;/script&gt; pour voir.<br/><br/>#motdièse du jour<br/><br/>'
              '1. pas une liste<br/>- ni un tiret</div><a href=" JavaScript:alert(1)">piège</a> '
              '<img src="data:image/png;base64,AAAA" onerror="alert(1)">'
              '<iframe src="//video.example/embed/1"></iframe>')
    rendered = markdown.markdown(to_markdown(clean_html(source)), extensions=["extra"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered and "<script" not in rendered
    assert "<h1>" not in rendered and "<ol>" not in rendered and "<ul>" not in rendered
    assert "#motdièse du jour" in rendered and "1. pas une liste" in rendered
    assert "javascript" not in rendered.lower() and "data:" not in rendered and "onerror" not in rendered
    assert '<a href="https://video.example/embed/1">' in rendered


def test_invoke_task_dry_run(tmp_path):
    import subprocess  # noqa: PLC0415

    before = sorted(p.as_posix() for p in (ROOT / "content").rglob("*"))
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "import-blogger", str(CLASSIC), "--dry-run",
         "--pair", "/2017/01/salon-professionnel.html=/2017/01/reading-a-contract.html"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stderr  # remote images are problems
    assert "Export schema: classic" in result.stdout and "asked with --pair" in result.stdout
    assert sorted(p.as_posix() for p in (ROOT / "content").rglob("*")) == before


def test_takeout_with_several_blogs_asks_for_one(tmp_path):
    for name in ("Un", "Deux"):
        (tmp_path / "Takeout" / "Blogger" / "Blogs" / name).mkdir(parents=True)
        (tmp_path / "Takeout" / "Blogger" / "Blogs" / name / "feed.atom").write_text("<feed/>", encoding="utf-8")
    with pytest.raises(ExportError, match="several blogs"):
        read_export(tmp_path)
