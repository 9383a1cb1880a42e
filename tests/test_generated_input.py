"""Property-based: whatever header and Markdown an author writes, the build gives a page or a clear error."""

from __future__ import annotations

import shutil
import string

from b2b_blog.problems import BuildError
from conftest import SITES, build
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

FIELDS = ["Title", "Date", "Modified", "Slug", "Translation_key", "Kind", "Tags", "Summary", "Status",
          "Topics", "Lang", "Template"]
VALUES = {
    "Date": st.sampled_from(["2020-01-01", "2020-13-45", "yesterday", "2021-02-03 10:00", "", "0000-00-00"]),
    "Modified": st.sampled_from(["2022-01-01", "not a date", "1999-12-31"]),
    "Kind": st.sampled_from(["point-of-view", "news", "rant", "", "Agenda"]),
    "Topics": st.sampled_from(["kam", "kam, partnerships", "sales", "Leadership", ",", "grands-comptes"]),
    "Lang": st.sampled_from(["en", "fr", "de", "EN", ""]),
    "Status": st.sampled_from(["published", "draft", "hidden", "drafted"]),
    "Template": st.sampled_from(["article", "training", "nope"]),
}
free_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\n#*_[]():{}<>|`"),
                    max_size=200)
header_value = st.text(alphabet=string.ascii_letters + string.digits + " -éà:,'\"<>&", max_size=40)


@st.composite
def posts(draw):
    fields = draw(st.lists(st.sampled_from([*FIELDS, "Data", "Titel"]), unique=True, max_size=8))
    lines = [f"{field}: {draw(VALUES.get(field, header_value))}" for field in fields]
    body = draw(free_text)
    separator = draw(st.sampled_from(["\n\n", "\n", ""]))
    return "\n".join(lines) + separator + body


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=posts(), folder=st.sampled_from(["fr", "en"]))
def test_any_post_gives_a_page_or_a_clear_error(text, folder, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("generated")
    content = tmp / "content"
    shutil.copytree(SITES / "tiny" / "content", content)
    (content / folder / "generated.md").write_text(text, encoding="utf-8")
    try:
        site = build(content, tmp)
    except BuildError as error:
        message = str(error)
        assert "generated.md" in message and "Fix:" in message, message
        return
    assert (site.output / "index.html").is_file()


CASE_FIELDS = ["Title", "Lang", "Authors", "Abstract", "Objectives", "Topics", "Industry", "Country", "Year",
               "Audience", "Level", "Date", "Reference", "Licence", "Exhibits", "Teaching_note",
               "Teaching_note_access"]
CASE_VALUES = {
    "Lang": st.sampled_from(["fr", "en", "de", ""]),
    "Year": st.sampled_from(["2024", "twenty", "-1", ""]),
    "Level": st.sampled_from(["introductory", "advanced", "expert"]),
    "Date": st.sampled_from(["2025-01-15", "15/01/2025", ""]),
    "Exhibits": st.sampled_from(["exhibits/a.csv | A", "../x | X", "/etc/passwd | P", "a.csv", "| only title"]),
    "Teaching_note": st.sampled_from(["notes/n.md", "../n.md", ""]),
    "Teaching_note_access": st.sampled_from(["restricted", "public", "secret"]),
}


@st.composite
def case_editions(draw):
    fields = draw(st.lists(st.sampled_from(CASE_FIELDS), unique=True, min_size=8))
    lines = [f"{field}: {draw(CASE_VALUES.get(field, header_value))}" for field in fields]
    return "\n".join(lines) + "\n\n" + draw(free_text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=case_editions())
def test_any_case_edition_loads_or_gives_problems(text, tmp_path_factory):
    from b2b_blog.cases import load_case_library  # noqa: PLC0415

    content = tmp_path_factory.mktemp("case")
    folder = content / "cases" / "generated-case"
    folder.mkdir(parents=True)
    (folder / "case.md").write_text(text, encoding="utf-8")
    (folder / "exhibits").mkdir()
    (folder / "exhibits" / "a.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    cases, found = load_case_library(content, "cases", ["fr", "en"], {"kam", "leadership", "partnerships"})
    assert cases or found
    for problem in found:
        assert problem.path.startswith("cases/generated-case") and problem.fix
