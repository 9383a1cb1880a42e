"""Writes our two test exports (same blog, both Blogger schemas) from the posts below: run it after editing them."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).parent
BLOG = "1234567890"
IMAGE = "https://blogger.googleusercontent.com/img/b/R29vZ2xl/s320/poignee-de-main.jpg"
CRUFT = '<div dir="ltr" style="text-align: left;" trbidi="on">{}</div>'

POSTS = [
    dict(id="101", status="LIVE", path="/2016/11/la-confiance-se-construit.html", published="2016-11-25T09:00:00+01:00",
         title="La confiance se construit lentement", labels=["Leadership", "Point de vue", "anecdotes"],
         html=CRUFT.format(
             "Sophie Martin dirige depuis 2015 une équipe de 37 commerciaux à Lyon. "
             "Elle répète que la confiance d'un client se gagne en mois et se perd en une journée.<br /><br />"
             '<span style="font-weight: bold;"></span>Son conseil tient en une phrase&nbsp;: '
             "« tenir chaque promesse, même la plus petite ». "
             '<span style="color: #333333;">Elle cite volontiers notre billet sur les '
             '<a href="http://relation-btob.blogspot.com/2016/12/grands-comptes-key-accounts.html">grands comptes</a>.'
             '</span><br /><br /><div class="separator" style="clear: both; text-align: center;">'
             f'<a href="{IMAGE.replace("s320", "s1600")}" style="margin-left: 1em;"><img border="0" '
             f'src="{IMAGE}" title="Une poignée de main" /></a></div>'
             "<h3>Ce qu'il faut retenir</h3><ul><li>Promettre peu.</li><li>Tenir toujours.</li></ul>")),
    dict(id="102", status="LIVE", path="/2016/11/trust-is-built.html", published="2016-11-29T18:30:00+01:00",
         title="Trust is built slowly", labels=["Leadership", "Point of view"],
         html=CRUFT.format(
             "Since 2015 Sophie Martin has led a team of 37 salespeople in Lyon. "
             "She keeps saying that a customer's trust is earned in months and lost in a single day.<br /><br />"
             "Her advice fits in one sentence: keep every promise, even the smallest one.<br /><br />"
             f'<div class="separator"><a href="{IMAGE.replace("s320", "s1600")}"><img src="{IMAGE}" /></a></div>'
             "<h3>What to remember</h3><ul><li>Promise little.</li><li>Always deliver.</li></ul>")),
    dict(id="103", status="LIVE", path="/2016/12/grands-comptes-key-accounts.html",
         published="2016-12-06T08:15:00+01:00", title="Les grands comptes / Key accounts",
         labels=["KAM", "Grands comptes"],
         html=CRUFT.format(
             "Un grand compte n'est pas seulement un gros client. A key account is not just a large customer. "
             "C'est une relation qui engage toute l'entreprise sur plusieurs années. "
             "It is a relationship that commits the whole company over several years.<br /><br />"
             "Chaque année, nous revoyons le plan de compte avec le client lui-même. "
             "Every year, we review the account plan with the customer himself.")),
    dict(id="104", status="LIVE", path="/2017/01/salon-professionnel.html", published="2017-01-16T10:00:00+01:00",
         title="Notre stand au salon professionnel", labels=["Actualité", "salons"],
         html="<p>Nous tiendrons un stand au salon des achats industriels de Nantes, du 14 au 16 mars. "
              "Venez nous y retrouver pour parler de vos appels d'offres et de vos fournisseurs.</p>"),
    dict(id="105", status="LIVE", path="/2017/01/reading-a-contract.html", published="2017-01-18T10:00:00+01:00",
         title="Reading a framework contract", labels=["Notes de lecture"],
         html="<p>A framework contract reads best from the end: the termination clauses tell you what each "
              "party fears most. We read one with a purchasing director from Bristol last week.</p>"),
    dict(id="106", status="DRAFT", path="", published="2017-02-01T09:00:00+01:00",
         title="Brouillon sur la négociation", labels=["partenariats"],
         html="<p>Ce brouillon parle de négociation entre partenaires et ne doit jamais être publié tel quel. "
              "Il reste beaucoup à écrire sur la préparation des rendez-vous.</p>"),
    dict(id="107", status="DELETED", path="/2016/10/ancien-billet.html", published="2016-10-01T09:00:00+02:00",
         title="Un billet effacé", labels=[],
         html="<p>Ce billet a été effacé sur Blogger et ne doit pas revenir dans le nouveau site.</p>"),
]
PAGES = [
    dict(id="201", status="LIVE", path="/p/a-propos.html", published="2016-10-15T12:00:00+02:00",
         title="À propos", html="<p>Ce blog parle des relations entre entreprises : achats, ventes, "
                                "partenariats et management des équipes qui les font vivre.</p>"),
]
COMMENTS = [
    dict(id="301", post="101", parent=None, author="Claire", uri="https://claire.example/",
         published="2016-11-26T08:00:00+01:00", html="Très juste&nbsp;! <b>Merci</b> pour ce billet."),
    dict(id="302", post="101", parent="301", author="Marc", uri="https://www.blogger.com/profile/42",
         published="2016-11-26T09:30:00+01:00",
         html="Je suis d'accord avec Claire.<br />Écrivez-moi à marc.dupont@example.org<script>alert(1)</script>"),
    dict(id="303", post="102", parent=None, author="Anonymous", uri="",
         published="2016-11-30T07:00:00+01:00", html='Great post, <a href="javascript:alert(1)">thanks</a>.'),
]


def _entry_2018(kind: str, entry: dict) -> str:
    lines = [f"<id>tag:blogger.com,1999:blog-{BLOG}.post-{entry['id']}</id>", f"<blogger:type>{kind}</blogger:type>",
             f"<blogger:status>{entry.get('status', 'LIVE')}</blogger:status>",
             f"<author><name>{escape(entry.get('author', 'Anne'))}</name>"
             f"{'<uri>' + escape(entry['uri']) + '</uri>' if entry.get('uri') else ''}"
             "<email>noreply@blogger.com</email></author>",
             f"<title>{escape(entry.get('title', ''))}</title>",
             f"<content type='html'>{escape(entry['html'])}</content>",
             f"<published>{entry['published']}</published>", f"<updated>{entry['published']}</updated>"]
    lines += [f"<category term={quoteattr(label)}/>" for label in entry.get("labels", [])]
    if entry.get("path"):
        lines.append(f"<blogger:filename>{entry['path']}</blogger:filename>")
    if kind == "COMMENT":
        lines.append(f"<blogger:parent>tag:blogger.com,1999:blog-{BLOG}.post-{entry['post']}</blogger:parent>")
        if entry["parent"]:
            lines.append(f"<blogger:inReplyTo>{entry['parent']}</blogger:inReplyTo>")
    return "<entry>\n  " + "\n  ".join(lines) + "\n</entry>"


def _entry_classic(kind: str, entry: dict) -> str:
    if entry.get("status") == "DELETED":
        return ""  # the old export does not hold deleted posts
    kind_term = f"http://schemas.google.com/blogger/2008/kind#{kind}"
    lines = [f"<id>tag:blogger.com,1999:blog-{BLOG}.post-{entry['id']}</id>",
             f"<published>{entry['published']}</published>", f"<updated>{entry['published']}</updated>",
             f"<category scheme='http://schemas.google.com/g/2005#kind' term='{kind_term}'/>"]
    lines += [f"<category scheme='http://www.blogger.com/atom/ns#' term={quoteattr(label)}/>"
              for label in entry.get("labels", [])]
    lines += [f"<title type='text'>{escape(entry.get('title', ''))}</title>",
              f"<content type='html'>{escape(entry['html'])}</content>"]
    if entry.get("status") == "DRAFT":
        lines.append("<app:control xmlns:app='http://purl.org/atom/app#'><app:draft>yes</app:draft></app:control>")
    elif entry.get("path"):
        lines.append(f"<link rel='alternate' type='text/html' href='http://relation-btob.blogspot.com{entry['path']}'/>")
    lines.append(f"<author><name>{escape(entry.get('author', 'Anne'))}</name>"
                 f"{'<uri>' + escape(entry['uri']) + '</uri>' if entry.get('uri') else ''}"
                 "<email>noreply@blogger.com</email></author>")
    if kind == "comment":
        post = f"tag:blogger.com,1999:blog-{BLOG}.post-{entry['post']}"
        lines.append(f"<thr:in-reply-to xmlns:thr='http://purl.org/syndication/thread/1.0' ref='{post}' "
                     "type='text/html'/>")
        if entry["parent"]:
            lines.append(f"<link rel='related' type='application/atom+xml' href='http://www.blogger.com/feeds/"
                         f"{BLOG}/{entry['post']}/comments/default/{entry['parent']}'/>")
    return "<entry>\n  " + "\n  ".join(lines) + "\n</entry>"


def main() -> None:
    entries_2018 = [_entry_2018("POST", p) for p in POSTS] + [_entry_2018("PAGE", p) for p in PAGES]
    entries_2018 += [_entry_2018("COMMENT", c) for c in COMMENTS]
    (HERE / "takeout" / "Takeout" / "Blogger" / "Blogs" / "Relation BtoB").mkdir(parents=True, exist_ok=True)
    (HERE / "takeout" / "Takeout" / "Blogger" / "Blogs" / "Relation BtoB" / "feed.atom").write_text(
        "<?xml version='1.0' encoding='utf-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' "
        "xmlns:blogger='http://schemas.google.com/blogger/2018'>\n<id>tag:blogger.com,1999:blog-" + BLOG +
        "</id>\n<title>Le blog de la Relation BtoB</title>\n" + "\n".join(entries_2018) + "\n</feed>\n",
        encoding="utf-8")
    entries = [_entry_classic("post", p) for p in POSTS] + [_entry_classic("page", p) for p in PAGES]
    entries += [_entry_classic("comment", c) for c in COMMENTS]
    (HERE / "blogger-classic.xml").write_text(
        "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' "
        "xmlns:openSearch='http://a9.com/-/spec/opensearchrss/1.0/' "
        "xmlns:georss='http://www.georss.org/georss' xmlns:gd='http://schemas.google.com/g/2005' "
        "xmlns:thr='http://purl.org/syndication/thread/1.0'>\n<id>tag:blogger.com,1999:blog-" + BLOG +
        "</id>\n<title type='text'>Le blog de la Relation BtoB</title>\n"
        "<entry><id>tag:blogger.com,1999:blog-" + BLOG + ".settings.BLOG_NAME</id><category "
        "scheme='http://schemas.google.com/g/2005#kind' term='http://schemas.google.com/blogger/2008/kind#settings'/>"
        "<title type='text'></title><content type='text'>Le blog</content></entry>\n"
        + "\n".join(e for e in entries if e) + "\n</feed>\n", encoding="utf-8")


if __name__ == "__main__":
    main()
