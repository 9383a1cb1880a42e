"""What reaches a page is safe: hostile HTML refused when building, fields escaped, check-security finds the rest."""

from __future__ import annotations

import shutil

import pytest
from b2b_blog.cases.model import load_case_library
from b2b_blog.cases.pdf import document_html
from b2b_blog.checks.security import page_errors, security_errors
from b2b_blog.csp import meta_policy
from b2b_blog.problems import BuildError
from b2b_blog.sanitizing import refusals
from conftest import ROOT, build

ORIGIN = "https://relation-btob.example"
POLICY = meta_policy("default-src 'self'; object-src 'none'")

# Our own small set, one per trick; scripts/try_hostile_html.py runs published lists.
HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="x" onerror="alert(1)">',
    "<p ONCLICK=alert(1)>x</p>",
    '<div onpointerrawupdate="alert(1)">x</div>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="  JaVaScRiPt:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<img srcset="/a.png 1x, javascript:alert(1) 2x">',
    '<video poster="javascript:alert(1)"></video>',
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe src="//evil.example/"></iframe>',
    '<iframe src="/\\evil.example/"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="/x.swf"></object>',
    '<embed src="/x.swf">',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<svg onload="alert(1)"></svg>',
    '<math><a href="javascript:alert(1)">x</a></math>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0; url=https://evil.example/">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<button formaction="javascript:alert(1)">x</button>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<style>body{background:red}</style>",
]

ORDINARY = [
    "<p>Un <strong>texte</strong>, une <em>citation</em> et un <a href=\"/autre/\">lien</a>.</p>",
    '<p><a href="https://example.org/" rel="noopener">dehors</a> et <a href="mailto:a@b.example">courriel</a></p>',
    '<h2 id="section">Section</h2><table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>',
    '<p>Note<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
    '<div class="footnote"><hr><ol><li id="fn:1"><p>Là.<a class="footnote-backref" href="#fnref:1">↩</a></p>'
    '</li></ol></div>',
    '<figure><img src="/images/a.png" alt="A" width="10"><figcaption>A</figcaption></figure>',
    "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>",
    '<iframe src="/formation/" title="ici"></iframe><iframe src="https://relation-btob.example/x/"></iframe>',
    '<p>A &amp; B &lt; C, « guillemets » et <abbr title="Key account management">KAM</abbr></p><!-- note -->',
    '<details><summary>Plus</summary><p data-x="1" aria-label="y">Texte</p></details>',
]


@pytest.mark.parametrize("html", HOSTILE)
def test_hostile_html_is_refused_and_found_in_an_output(html):
    assert refusals(html, ORIGIN), html
    assert page_errors("page.html", f"<main>{html}</main>", ORIGIN), html


@pytest.mark.parametrize("html", ORDINARY)
def test_ordinary_html_passes(html):
    assert refusals(html, ORIGIN) == []
    assert page_errors("page.html", f"<main>{html}</main>", ORIGIN) == []


def test_header_fields_are_escaped_and_the_site_passes_check_security(tiny_copy, tmp_path):
    (tiny_copy / "en" / "hostile-header.md").write_text(
        "Title: Why <script>alert(1)</script> & <img src=x onerror=alert(2)> matter\n"
        "Date: 2021-03-01\nTags: <b onmouseover=alert(3)>bold</b>, fine\n"
        "Summary: A *real* summary.\n\nThe text.\n", encoding="utf-8")
    site = build(tiny_copy, tmp_path)
    # The tiny site has no _headers file: every other finding would be ours.
    errors = security_errors(site.output, ORIGIN)
    assert errors == ["_headers with a Content-Security-Policy is missing (content/extra/_headers)"]
    html = site.path("/en/why-alert1-matter/").read_text(encoding="utf-8")
    assert "Why &lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(2)&gt; matter" in html
    assert "&lt;b onmouseover=alert(3)&gt;bold&lt;/b&gt;" in html
    assert "<em>real</em>" in site.path("/en/").read_text(encoding="utf-8")
    # The post before it links to it by its title.
    assert "Why &lt;script&gt;" in site.path("/en/english-only/").read_text(encoding="utf-8")


def test_every_page_carries_the_policy_as_a_meta(tiny_site):
    from b2b_blog.csp import policy  # noqa: PLC0415

    expected = policy(tiny_site.settings)
    assert "frame-ancestors" not in expected
    for page in tiny_site.html_pages():
        meta = tiny_site.soup(tiny_site.url_of(page)).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None and meta["content"] == expected, page
    assert security_errors(tiny_site.output, ORIGIN, expected) == [
        "_headers with a Content-Security-Policy is missing (content/extra/_headers)"]


def test_a_headers_file_that_disagrees_with_the_setting_stops_the_build(tiny_copy, tmp_path):
    (tiny_copy / "extra").mkdir()
    (tiny_copy / "extra" / "_headers").write_text(
        "/*\n  Content-Security-Policy: default-src *; frame-ancestors 'none'\n", encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build(tiny_copy, tmp_path)
    assert "extra/_headers: [Content-Security-Policy]" in str(raised.value)
    assert "B2B_CONTENT_SECURITY_POLICY" in str(raised.value)


def test_check_security_compares_pages_and_headers_with_the_setting(tmp_path):
    (tmp_path / "a.html").write_text('<meta http-equiv="Content-Security-Policy" content="default-src *">')
    (tmp_path / "_headers").write_text("/*\n  Content-Security-Policy: default-src 'self'\n")
    errors = security_errors(tmp_path, ORIGIN, "default-src 'self'; object-src 'none'")
    assert any("a.html: its Content-Security-Policy <meta>" in error for error in errors)
    assert any(error.startswith("_headers: its Content-Security-Policy differs") for error in errors)


def test_shipped_headers_agree_with_the_default_policy(shipped_site):
    from b2b_blog.csp import policy, published_policy  # noqa: PLC0415

    # While writing, the pages also allow the local comment server; _headers describes the published site.
    assert "http://127.0.0.1:8080" in policy(shipped_site.settings)
    assert security_errors(shipped_site.output, ORIGIN, policy(shipped_site.settings),
                           published_policy(shipped_site.settings)) == []


def test_case_fields_are_escaped_on_the_page_and_in_the_pdf_html(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "tests" / "sites" / "tiny" / "content", content)
    case = content / "cases" / "mini-cas"
    case.mkdir(parents=True)
    source = (ROOT / "tests" / "bad_inputs" / "case-bad-level" / "content" / "cases" / "mini-cas" / "case.fr.md")
    text = source.read_text(encoding="utf-8").replace("Level: expert", "Level: introductory")
    text = text.replace("Title: Mini-cas", "Title: Mini <img src=x onerror=alert(1)> cas")
    text = text.replace("Authors: Claire Dumont", "Authors: Claire <script>x</script> Dumont")
    text = text.replace("Industry: Tests", "Industry: <b onclick=alert(2)>Tests</b>")
    (case / "case.fr.md").write_text(text, encoding="utf-8")
    site = build(content, tmp_path)
    page = (site.output / "formation" / "cas" / "mini-cas" / "index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in page and "<script>x" not in page and "<b onclick" not in page
    assert "Mini &lt;img src=x onerror=alert(1)&gt; cas" in page
    assert page_errors("case.html", page, ORIGIN) == []
    cases, _problems = load_case_library(content, "cases", ["fr", "en"], {"kam", "leadership", "partnerships"})
    html = document_html(cases[0].editions["fr"], "Site", "Citation <i onclick=x>")
    assert "<img src=x" not in html and "<script>x" not in html and "<i onclick" not in html
