"""Comments: a real Isso server with our configuration, moderation by the tasks' code, and the
approved comments written into the post pages of a real build, harmless whatever readers send."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3

import pytest
from b2b_blog.comments import cli, config
from b2b_blog.comments.moderation import Moderation
from b2b_blog.problems import BuildError
from bs4 import BeautifulSoup
from conftest import SITES, build, site_settings
from isso_server import free_port, running_isso

FR, EN = "/premier-billet/", "/en/first-post/"
HOSTILE = [
    "<script>alert('fr')</script> Un avis **fort** sur la relation client.",
    '<img src=x onerror="alert(1)"> <a href="javascript:alert(2)" onclick="steal()">lien</a> '
    "[clic](javascript:alert(3))",
    '<svg onload=alert(4)></svg> <iframe src="https://evil.example/"></iframe> <style>body{display:none}</style>',
    "\"><script>alert(5)</script><p onmouseover='x()'>survol</p> "
    "<a href='data:text/html,<script>alert(6)</script>'>d</a>",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A copy of the tiny site, a comment database under it, and Isso running on it."""
    folder = tmp_path_factory.mktemp("comments")
    content = folder / "content"
    shutil.copytree(SITES / "tiny" / "content", content)
    settings = site_settings(content, folder)
    with running_isso(settings, folder) as server:
        yield {"folder": folder, "content": content, "settings": settings, "server": server}


def build_site(site, **overrides):
    folder = site["folder"]
    return build(site["content"], folder / f"build-{len(list(folder.glob('build-*')))}", **overrides)


def comments_section(built, url: str) -> BeautifulSoup:
    return built.soup(url).select_one("#comments")


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_comments_wait_for_approval_then_appear_harmless_after_a_build(site):
    server = site["server"]
    posted = []
    for number, text in enumerate(HOSTILE):
        comment = {"text": text, "author": f"<b>Lectrice {number}</b>", "email": f"l{number}@private.example",
                   "website": "https://lectrice.example/?a=<b>\"" if number == 0 else None, "title": "Premier billet"}
        answer = server.post(FR, comment, reader=f"10.1.{number}.1")
        assert answer.status == 202, answer.body  # accepted, waiting for moderation
        posted.append(answer.json()["id"])
    english = server.post(EN, {"text": "A thoughtful answer, in English.", "author": "Sam", "title": "First post"},
                          reader="10.2.0.1")
    assert english.status == 202
    reply = server.post(FR, {"text": "Je réponds à la première lectrice.", "parent": posted[0],
                             "title": "Premier billet"}, reader="10.2.1.1")
    assert reply.status == 202
    # Waiting comments are not published, by Isso nor by the build.
    assert server.request("GET", f"/?uri={FR}").json()["replies"] == []
    before = build_site(site)
    assert "No comment yet." in comments_section(before, "/en/first-post/").get_text()
    assert not before.soup(FR).select(".comment")

    for comment_id in [*posted, english.json()["id"], reply.json()["id"]]:
        assert cli.moderate(site["settings"], approve=comment_id) == 0
    database = config.database_path(site["settings"])
    stamp = (digest(database), database.stat().st_mtime_ns)
    built = build_site(site)
    assert (digest(database), database.stat().st_mtime_ns) == stamp, "a build wrote to the comment database"

    section = comments_section(built, FR)
    items = section.select(".comment-list > li")
    assert len(items) == 4
    assert section.select_one("#comments-title").get_text() == "5 commentaires"
    # Threads kept: the reply sits under the first comment; oldest first.
    first = items[0]
    assert "Je réponds" in first.select_one(".comment-replies .comment-text").get_text()
    assert "Un avis" in first.select_one(".comment-text").get_text()
    # Names are text, escaped once: the reader sees the brackets, no element is made.
    assert first.select_one(".comment-author").get_text() == "<b>Lectrice 0</b>"
    assert first.select_one("a.comment-author")["href"] == "https://lectrice.example/?a=%3Cb%3E%22"  # escaped
    for tag in section.find_all(True):
        assert tag.name not in {"script", "img", "svg", "iframe", "style"}, tag
        assert not [name for name in tag.attrs if name.startswith("on")], tag
        for name in ("href", "src"):
            assert not str(tag.get(name, "")).lower().startswith(("javascript:", "data:")), tag
    for page_file in built.html_pages():
        assert "private.example" not in page_file.read_text(encoding="utf-8"), page_file
    # One thread per language; each page tells how many the other version has, with a link.
    english_section = comments_section(built, EN)
    assert english_section.select_one("#comments-title").get_text() == "1 comment"
    elsewhere = english_section.select_one(".comments-elsewhere")
    assert "The French version has 5 comments" in elsewhere.get_text()
    assert elsewhere.a["href"] == "/premier-billet/#comments"
    assert "La version en anglais a 1 commentaire" in section.select_one(".comments-elsewhere").get_text()
    posting = json.loads(built.soup(FR).select_one('script[type="application/ld+json"]').string)
    assert posting["commentCount"] == 5
    # The listings show the count, linked to the comments.
    assert built.soup("/").select_one(f'.comment-count a[href="{FR}#comments"]').get_text() == "5 commentaires"


def test_feeds_carry_no_comment(site):
    built = build_site(site)
    for feed in built.output.rglob("*.xml"):
        text = feed.read_text(encoding="utf-8")
        assert "Lectrice" not in text and "onerror" not in text and "private.example" not in text, feed


def test_isso_refuses_form_posts_long_texts_and_floods(site):
    server = site["server"]
    form = server.request("POST", f"/new?uri={FR}", b"text=Bonjour+tout+le+monde",
                          {"Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "10.3.1.1"})
    assert form.status == 403
    too_long = server.post(FR, {"text": "x" * 65536, "title": "Premier billet"}, reader="10.3.2.1")
    assert too_long.status == 400 and "too long" in too_long.body
    too_short = server.post(FR, {"text": "ok", "title": "Premier billet"}, reader="10.3.3.1")
    assert too_short.status == 400
    answers = [server.post(FR, {"text": f"Message numéro {n}", "title": "Premier billet"}, reader="10.3.4.1").status
               for n in range(3)]
    assert answers == [202, 202, 403]  # two a minute from one address
    for website in ("javascript:alert(1)", "java script:alert(1)"):
        bad_website = server.post(FR, {"text": "Un lien douteux", "website": website}, reader="10.3.5.1")
        assert bad_website.status == 400, website


def test_only_the_sites_origins_may_post_from_a_browser(site):
    server = site["server"]
    foreign = server.post(FR, {"text": "Depuis un autre site", "title": "Premier billet"}, reader="10.3.9.1",
                          Origin="https://evil.example")
    assert foreign.headers.get("Access-Control-Allow-Origin") != "https://evil.example"
    ours = server.post(FR, {"text": "Depuis la prévisualisation", "title": "Premier billet"}, reader="10.3.10.1",
                       Origin="http://127.0.0.1:8000")
    assert ours.headers.get("Access-Control-Allow-Origin") == "http://127.0.0.1:8000"


def test_huge_approved_comment_is_kept_harmless(site):
    server = site["server"]
    text = ("<script>alert(1)</script>" + "Un mot très long " * 3000 + "x" * 10000)[:65000]
    answer = server.post(EN, {"text": text, "title": "First post"}, reader="10.3.20.1")
    assert answer.status == 202
    assert cli.moderate(site["settings"], approve=answer.json()["id"]) == 0
    section = comments_section(build_site(site), EN)
    assert section.find("script") is None
    assert "x" * 10000 in section.get_text()


def test_pending_lists_what_waits_and_delete_removes_it(site, capsys):
    server = site["server"]
    answer = server.post(EN, {"text": "Please read me first", "author": "Alex", "title": "First post"},
                         reader="10.3.30.1")
    comment_id = answer.json()["id"]
    assert cli.moderate(site["settings"], pending=True) == 0
    listed = capsys.readouterr().out
    assert f"#{comment_id}  {EN}  (First post)" in listed and "Alex" in listed and "Please read me first" in listed
    assert cli.moderate(site["settings"], delete=comment_id) == 0
    assert comment_id not in [waiting.id for waiting in Moderation(site["settings"]).pending()]
    assert cli.moderate(site["settings"], approve=comment_id) == 1
    assert "no comment" in capsys.readouterr().err


def test_backup_while_the_server_runs_and_restore(site, tmp_path):
    server = site["server"]
    assert server.post(FR, {"text": "Sauvegardez-moi", "title": "Premier billet"}, reader="10.3.40.1").status == 202
    target = tmp_path / "copy.db"
    assert cli.moderate(site["settings"], backup_to=str(target)) == 0
    with sqlite3.connect(target) as copy:
        texts = [row[0] for row in copy.execute("SELECT text FROM comments")]
    assert "Sauvegardez-moi" in texts
    # Restoring is copying the file back while the server is stopped: the copy is a whole database.
    restored = tmp_path / "restored" / "comments.db"
    restored.parent.mkdir()
    shutil.copy(target, restored)
    assert Moderation({**site["settings"], "B2B_COMMENTS_DATABASE": str(restored)}).pending()
    assert cli.moderate(site["settings"], backup_to=str(config.database_path(site["settings"]))) == 1


def test_an_approved_comment_rebuilds_the_page_and_its_listing(site):
    """With every speed-up on, a build after an approval is not skipped and the pages are not reused."""
    folder = site["folder"] / "incremental"
    first = build(site["content"], folder)
    count = len(first.soup(EN).select(".comment"))
    answer = site["server"].post(EN, {"text": "One more reader", "title": "First post"}, reader="10.3.60.1")
    assert cli.moderate(site["settings"], approve=answer.json()["id"]) == 0
    kept = json.loads((folder / "cache" / "comments" / "rendered.json").read_text(encoding="utf-8"))
    assert len(kept["texts"]) >= count  # Isso's renderings, kept for the next build
    second = build(site["content"], folder)
    assert len(second.soup(EN).select(".comment")) == count + 1
    assert f"{count + 1} comments" in second.soup("/en/").select_one(".comment-count").get_text()


def test_no_database_no_comments_and_no_error(tmp_path):
    built = build(SITES / "tiny" / "content", tmp_path, B2B_COMMENTS_DATABASE=str(tmp_path / "none" / "comments.db"))
    section = comments_section(built, FR)
    assert section.select_one(".comments-none") and section.select_one("form#comment-form")
    assert not (tmp_path / "none").exists()


def test_imported_comments_join_the_thread(tmp_path, tiny_copy):
    data = tiny_copy / "comments" / "fr" / "premier-billet.json"
    data.parent.mkdir(parents=True)
    data.write_text(json.dumps({"format": 1, "post": "fr/premier-billet.md", "comments": [
        {"id": "blogger-2", "parent": "blogger-1", "author": "", "website": "", "created": "2016-11-28T08:00:00+01:00",
         "text": "<p>Une réponse <em>polie</em>.</p>"},
        {"id": "blogger-1", "parent": None, "author": "Claire", "website": "https://claire.example/",
         "created": "2016-11-26T10:00:00+01:00",
         "text": '<p>Premier avis <script>x()</script><a href="javascript:x()">lien</a></p>'},
        {"id": "blogger-3", "parent": None, "author": "Bruno", "website": "", "created": "2016-11-27T10:00:00+01:00",
         "text": "<p>Un second avis.</p>"},
        # No offset: the site's time zone; no date at all: shown first, undated.
        {"id": "blogger-4", "parent": None, "author": "Dora", "created": "2016-11-29T10:00:00",
         "text": "<p>Sans fuseau.</p>"},
        {"id": "blogger-0", "parent": None, "author": "Eve", "created": "", "text": "<p>Sans date.</p>"},
    ]}), encoding="utf-8")
    built = build(tiny_copy, tmp_path, B2B_COMMENTS_DATABASE=str(tmp_path / "none.db"))
    section = comments_section(built, FR)
    top = section.select(".comment-list > li")
    assert [li["id"].removeprefix("comment-blogger-") for li in top] == ["0", "1", "3", "4"]
    undated, top = top[0], top[1:]
    assert undated.find("time") is None and "Sans date." in undated.get_text()
    assert top[2].find("time")["datetime"] == "2016-11-29T10:00:00+01:00"
    assert top[0].select_one(".comment-replies #comment-blogger-2")
    assert top[0].select_one("a.comment-author")["href"] == "https://claire.example/"
    assert top[0].select_one(".comment-author").get_text() == "Claire"
    assert top[1].select_one(".comment-author").get_text() == "Bruno"
    assert "Anonyme" in top[0].select_one(".comment-replies .comment-author").get_text()
    assert section.find("script") is None and not section.select('[href^="javascript"]')
    assert "5 commentaires" in section.select_one("#comments-title").get_text()
    assert "The French version has 5 comments" in built.soup(EN).select_one(".comments-elsewhere").get_text()
    assert not built.path("/comments/fr/premier-billet.json").exists()


def test_csp_gains_the_comment_servers_origin_only_when_it_differs():
    base = {"SITE_ORIGIN": "https://relation-btob.example"}
    assert config.connect_src_origin({**base, "B2B_COMMENTS_URL": "/comments/"}) is None
    assert config.connect_src_origin({**base, "B2B_COMMENTS_URL": "https://relation-btob.example/comments/"}) is None
    assert config.connect_src_origin({**base, "B2B_COMMENTS_URL": "http://127.0.0.1:8080/"}) == "http://127.0.0.1:8080"
    assert config.connect_src_origin({**base, "B2B_COMMENTS_URL": "https://comments.example:8443/isso"}) == \
        "https://comments.example:8443"


def test_a_database_that_is_not_isso_s_stops_the_build(tmp_path):
    database = tmp_path / "comments" / "comments.db"
    database.parent.mkdir()
    database.write_bytes(b"not a database, a file put in the wrong place" * 100)
    with pytest.raises(BuildError, match="B2B_COMMENTS_DATABASE") as stopped:
        build(SITES / "tiny" / "content", tmp_path, B2B_COMMENTS_DATABASE=str(database))
    assert "is not an Isso database" in str(stopped.value) and "backup" in str(stopped.value)


def test_e_mailed_moderation_links_and_reply_notifications_work(tmp_path, monkeypatch):
    """With SMTP settings, Isso mails the author each new comment with its own approve link; approved
    (by that link, or by the task while the server runs), a reply reaches the reader who asked for it."""
    from isso_server import MailSink  # noqa: PLC0415

    sink = MailSink()
    monkeypatch.setenv("B2B_COMMENTS_SMTP_PASSWORD", "")
    port = free_port()
    smtp = {"host": "127.0.0.1", "port": sink.port, "security": "none", "from": "isso@relation-btob.example",
            "to": "auteur@relation-btob.example"}
    settings = site_settings(SITES / "tiny" / "content", tmp_path, B2B_COMMENTS_URL=f"http://127.0.0.1:{port}/",
                             B2B_COMMENTS_DATABASE=str(tmp_path / "comments" / "comments.db"), B2B_COMMENTS_SMTP=smtp)
    try:
        with running_isso(settings, tmp_path, port) as server:
            first = server.post(FR, {"text": "Prévenez-moi des réponses.", "author": "Ana", "notification": 1,
                                     "email": "ana@private.example", "title": "Premier billet"}, reader="10.5.1.1")
            mail = sink.wait_for(1)[0]
            text = mail.get_payload(decode=True).decode()
            assert mail["To"] == "auteur@relation-btob.example" and "Ana <ana@private.example> wrote" in text
            assert mail["From"] == "Le blog de la Relation BtoB <isso@relation-btob.example>"
            link = re.search(r"Activate comment: (\S+)", text).group(1)
            assert link.startswith(f"http://127.0.0.1:{port}/id/{first.json()['id']}/activate/")
            path = link.removeprefix(server.url)
            assert server.request("GET", path).status == 200  # Isso's page that asks to confirm
            assert "activated" in server.request("POST", path).body
            assert Moderation(settings).pending() == []
            reply = server.post(FR, {"text": "Voici une réponse.", "author": "Bruno", "parent": first.json()["id"],
                                     "title": "Premier billet"}, reader="10.5.2.1")
            assert len(sink.wait_for(2)) == 2  # the author is told of the reply, which waits
            assert cli.moderate(settings, approve=reply.json()["id"]) == 0
            to_ana = sink.wait_for(3)[2]
            assert to_ana["To"] == "ana@private.example"
            assert "Voici une réponse." in to_ana.get_payload(decode=True).decode()
    finally:
        sink.close()


@pytest.mark.parametrize(("given", "shown"), [
    ('<p><a href="/. /,alert(42)//#">relative</a></p>', "<p>relative</p>"),
    ('<a href="[a]java[b]script[c]:alert(1)">brackets</a>', "brackets"),
    ("<li>a stray item</li><ul><li>kept</li></ul>", "a stray item<ul><li>kept</li></ul>"),
    ('<a href="https://exemple.org/un chemin?q=a b#x=`y">ok</a>',
     '<a href="https://exemple.org/un%20chemin?q=a%20b#x=%60y" rel="nofollow ugc noopener noreferrer">ok</a>'),
    ('<a href="https://exe<mple.org/">host</a>', "host"),
])
def test_comment_html_stays_valid_whatever_its_links(given, shown):
    """The HTML check refuses to publish a page with a malformed link: a comment never brings one."""
    from b2b_blog.comments.model import clean_text  # noqa: PLC0415

    assert clean_text(given) == shown


def test_the_page_policy_names_a_comment_server_on_another_origin(tiny_copy, tmp_path):
    site = build(tiny_copy, tmp_path, B2B_COMMENTS_URL="https://comments.relation-btob.example/isso/")
    meta = site.soup("/premier-billet/").find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert "connect-src 'self' https://comments.relation-btob.example" in meta["content"]
    assert "form-action 'self'" in meta["content"]
