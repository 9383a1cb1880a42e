"""Hugo as the speed anchor: the benchmark corpus's posts and pages as a bilingual Hugo site.

`convert(content, site)` writes `site/` with one contentDir per language, `translationKey`
front matter and a minimal layout of our own (list + single templates, no theme). Cases are
not converted: Hugo builds the same posts and pages, nothing more. Links written as
`{filename}/fr/slug.md` become the same Hugo page through the `relref` shortcode, so Hugo
resolves every internal link as Pelican does.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

LANGS = ("fr", "en")
HEADER_LINE = re.compile(r"^(?P<key>[A-Za-z_]+):\s*(?P<value>.*)$")
FILENAME_LINK = re.compile(r"\{filename\}/(?:fr|en)/(?:pages/)?(?P<slug>[^)/]+)\.md")

CONFIG = """\
baseURL = "https://relation-btob.example/"
title = "Le blog de la Relation BtoB"
defaultContentLanguage = "fr"
defaultContentLanguageInSubdir = false
paginate = 10
timeZone = "Europe/Paris"
enableRobotsTXT = false
disableKinds = ["sitemap"]

[permalinks]
  posts = "/:slug/"
  pages = "/:slug/"

[taxonomies]
  tag = "tags"

[languages]
  [languages.fr]
    contentDir = "content/fr"
    languageName = "Français"
    weight = 1
  [languages.en]
    contentDir = "content/en"
    languageName = "English"
    title = "The B2B Relationship Blog"
    weight = 2
"""

BASEOF = """\
<!DOCTYPE html>
<html lang="{{ .Site.Language.Lang }}">
<head><meta charset="utf-8"><title>{{ .Title }} · {{ .Site.Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}
</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
{{ range .Translations }} · <a href="{{ .RelPermalink }}">{{ .Language.LanguageName }}</a>{{ end }}</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""

SINGLE = """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
{{ with .Params.kind }} · {{ . }}{{ end }} · {{ .ReadingTime }} min</p>
{{ .Content }}
<p>{{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
</article>
{{ end }}
"""

LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pages := where .Site.RegularPages "Section" "posts" }}
{{ if not .IsHome }}{{ $pages = .Pages }}{{ end }}
{{ $paginator := .Paginate $pages }}
{{ range $paginator.Pages }}
<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .Date.Format "2006-01-02" }}</p><p>{{ .Summary }}</p></article>
{{ end }}
{{ with $paginator.Prev }}<a href="{{ .URL }}">←</a>{{ end }}
{{ with $paginator.Next }}<a href="{{ .URL }}">→</a>{{ end }}
{{ end }}
"""


def available() -> str | None:
    """Path of the hugo binary, or None when Hugo is not installed."""
    return shutil.which("hugo")


def version() -> str:
    """Hugo's version line, e.g. 'hugo v0.111.3+extended linux/amd64'."""
    hugo = available()
    if hugo is None:
        return "absent"
    done = subprocess.run([hugo, "version"], capture_output=True, text=True, check=False)
    return done.stdout.split(" BuildDate")[0].strip()


def _split(text: str) -> tuple[dict[str, str], str]:
    """Pelican's `Key: value` header (keys lower-cased) and the Markdown body."""
    header, _, body = text.partition("\n\n")
    fields = {}
    for line in header.splitlines():
        match = HEADER_LINE.match(line)
        if match:
            fields[match["key"].lower()] = match["value"].strip()
    return fields, body


def _front_matter(fields: dict[str, str], page: bool) -> str:
    """YAML front matter; strings go through JSON, which YAML reads as they are."""
    lines = ["---", f"title: {json.dumps(fields['title'], ensure_ascii=False)}",
             f"slug: {json.dumps(fields['slug'])}",
             f"translationKey: {json.dumps(fields['translation_key'])}"]
    if "date" in fields:
        lines.append(f"date: {fields['date'].replace(' ', 'T')}:00")
    if "summary" in fields:
        lines.append(f"summary: {json.dumps(fields['summary'], ensure_ascii=False)}")
    if "kind" in fields:
        lines.append(f"kind: {json.dumps(fields['kind'])}")
    if "tags" in fields:
        tags = [tag.strip() for tag in fields["tags"].split(",") if tag.strip()]
        lines.append(f"tags: {json.dumps(tags, ensure_ascii=False)}")
    if page:
        lines.append('type: "page"')
    lines.append("---")
    return "\n".join(lines)


def _link(match: re.Match) -> str:
    return '{{< relref "/posts/' + match["slug"] + '.md" >}}'


def convert(content: Path, site: Path) -> int:
    """Write the Hugo site for `content` into `site` (replaced); return how many files it holds."""
    if site.exists():
        shutil.rmtree(site)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "config.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in (("baseof.html", BASEOF), ("single.html", SINGLE), ("list.html", LIST)):
        (site / "layouts" / "_default" / name).write_text(text, encoding="utf-8")
    count = 0
    for lang in LANGS:
        for source in sorted((content / lang).glob("**/*.md")):
            page = source.parent.name == "pages"
            fields, body = _split(source.read_text(encoding="utf-8"))
            target = site / "content" / lang / ("pages" if page else "posts") / source.name
            target.parent.mkdir(parents=True, exist_ok=True)
            body = FILENAME_LINK.sub(_link, body)
            target.write_text(f"{_front_matter(fields, page)}\n\n{body}", encoding="utf-8")
            count += 1
    return count


def command(site: Path, output: Path) -> list[str]:
    """The timed command: a full Hugo build of `site` into `output`, ignoring Hugo's cache."""
    return [available() or "hugo", "--source", str(site), "--destination", str(output),
            "--quiet", "--ignoreCache", "--cleanDestinationDir"]
