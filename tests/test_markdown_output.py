"""What authors commonly write (an aligned table, a link typed as HTML) builds and passes the security check."""

from __future__ import annotations

from b2b_blog.checks import run_check
from b2b_blog.sanitizing import refusals
from conftest import build

POST = """Title: Tableau et lien
Date: 2019-05-06 10:00
Slug: tableau-et-lien
Translation_key: table-and-link
Kind: news
Topics: kam

| Étape | Durée |
|:------|------:|
| Cadrage | 2 jours |

Une photo prise par <a title="Un photographe &gt; un autre" href="https://photos.example.org/a?x=1&amp;y=2">un
photographe</a>, et un [autre lien](https://autre.example.org/).
"""


def test_an_aligned_table_and_an_html_link_build_and_pass_the_security_check(tiny_copy, tmp_path):
    # Seen on imported blogs: the aligned table was refused as an inline style, and the
    # link typed as HTML had no rel="noopener", so check-security refused the page.
    (tiny_copy / "fr" / "tableau-et-lien.md").write_text(POST, encoding="utf-8")
    site = build(tiny_copy, tmp_path)
    page = site.soup("/tableau-et-lien/")
    cells = page.select("main th, main td")
    assert [cell.get("class") for cell in cells] == [["align-left"], ["align-right"]] * 2
    assert not any(cell.get("style") for cell in cells)
    raw = page.find("a", href="https://photos.example.org/a?x=1&y=2")
    assert raw["rel"] == ["noopener"] and raw["title"] == "Un photographe > un autre"
    found = run_check("security", site.output, site.settings)
    assert [line for line in found if "tableau-et-lien" in line] == [], found


def test_an_inline_style_is_named_as_a_style_not_as_a_url():
    found = refusals('<table><tr><td style="text-align: left">1</td></tr></table>')
    assert [refusal.what for refusal in found] == ["an inline style on <td>"]
