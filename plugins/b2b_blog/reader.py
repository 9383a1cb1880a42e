"""Markdown reader that knows each post's language from its folder and checks the header."""

from __future__ import annotations

import contextlib
import difflib
import logging
import os
import re

from markdown import Markdown
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED, BaseReader, MarkdownReader
from pelican.utils import SafeDatetime

from . import settings as plugin_settings
from . import sites
from .conversion_cache import conversions
from .dates import DateError, parse_date
from .habits import not_utf8, read_habits
from .header import parse_header, repeated_keys
from .header_values import value_mistakes
from .markdown_links import EXTENSION as EXTERNAL_LINKS
from .markdown_tables import EXTENSION as TABLE_ALIGNMENT
from .posts import word_count
from .problems import ContentError, Problem, problems
from .sanitizing import locate, refusals
from .texts import Text
from .topics.assign import check_named_topics

logger = logging.getLogger(__name__)

# A file needs at least these fields to be a post or a page.
REQUIRED_FIELDS = ("title",)
# Every field a post or page may carry; anything else is most likely a typo.
KNOWN_FIELDS = {"title", "date", "modified", "slug", "translation_key", "kind", "tags", "summary", "status",
                "topics", "lang", "template", "author", "authors", "save_as", "url", "category",
                "aliases"}
# French names authors try first, and the field each means.
FRENCH_NAMES = {"titre": "title", "auteur": "author", "auteurs": "authors", "resume": "summary",
                "etiquettes": "tags", "mots-cles": "tags", "statut": "status", "langue": "lang",
                "modifie": "modified", "categorie": "category", "sujets": "topics", "themes": "topics",
                "genre": "kind", "rubrique": "kind"}
STATUSES = ("published", "draft", "hidden")
# The dates authors write (YYYY-MM-DD, with HH:MM or HH:MM:SS); others go to Pelican's parser.
PLAIN_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?)?")
SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


class BlogMarkdownReader(MarkdownReader):
    """Reads a post, fills its language from its folder and records every mistake."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        extensions = self.settings["MARKDOWN"]["extensions"]
        if EXTERNAL_LINKS not in extensions:
            extensions.append(EXTERNAL_LINKS)
        if TABLE_ALIGNMENT not in extensions:
            extensions.append(TABLE_ALIGNMENT)
        self._file_problems: list[Problem] = []
        self._relative_path = ""

    def read(self, source_path: str):
        relative = os.path.relpath(source_path, self.settings["PATH"])
        self._file_problems = []
        self._relative_path = relative
        self._header_lines: dict[str, int] = {}
        self._repeated: dict[str, list[int]] = {}
        content, metadata = self._read_checked(source_path)
        if metadata or content:  # an empty or unreadable file has no header to check; a bad date does
            read_habits(metadata, self._header_lines, sites.languages(self.settings), self.settings, self._report)
            self._check_language(metadata)
            self._check_header(metadata, content)
            self._check_kind(metadata)
            self._check_topics(metadata)
        if self._file_problems:
            for problem in self._file_problems:
                problems.add(problem)
            raise ContentError("; ".join(str(problem) for problem in self._file_problems))
        return content, metadata

    def _parse_metadata(self, meta):
        """Pelican's metadata parsing, keeping what the cache needs to skip Markdown next time."""
        # The body was just converted; the summary's conversion below resets the toc extension.
        tokens = getattr(self._md, "toc_tokens", [])
        self._toc = (getattr(self._md, "toc", ""), sum(1 + len(token.get("children", [])) for token in tokens))
        self._raw_meta = {key: list(values) for key, values in meta.items()}
        self._md.preprocessors.deregister("meta")
        self._formatted = {}
        for name, values in self._raw_meta.items():
            if name.lower() in self.settings["FORMATTED_FIELDS"]:
                self._md.reset()
                self._formatted[name.lower()] = self._md.convert("\n".join(values))
        return self._metadata_from(self._raw_meta, self._formatted)

    def _metadata_from(self, meta: dict[str, list[str]], formatted: dict[str, str]) -> dict:
        output = {}
        for key, values in meta.items():
            name = key.lower()
            if name in formatted:
                output[name] = self.process_metadata(name, formatted[name])
            elif not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True) or len(values) == 1:
                output[name] = self.process_metadata(name, values[0])
            else:
                output[name] = self.process_metadata(name, values)
        return output

    def process_metadata(self, name, value):
        """Record a value Pelican cannot parse (a bad date, say) instead of failing."""
        if name in ("date", "modified") and isinstance(value, str) and PLAIN_DATE.fullmatch(value.strip()):
            # What dateutil would read, without its general parser (a tenth of a second per build);
            # an impossible date (month 13) goes on to Pelican's parser and its message.
            with contextlib.suppress(ValueError):
                return SafeDatetime.fromisoformat(value.strip())
        if name in ("date", "modified") and isinstance(value, str):
            # Ours first: dateutil would read 03/11/2016 as 11 March without a word.
            try:
                when = parse_date(value, tuple(sites.languages(self.settings)))
            except DateError as error:
                self._report(name, error.message, error.fix)
                return value
            if when is not None:
                return when
        try:
            return super().process_metadata(name, value)
        except Exception as error:  # noqa: BLE001 - any parse error is the author's to fix
            self._report(name, Text("cannot read {value}: {error}", value=repr(value), error=error),
                         _FIXES.get(name, Text("correct the value")))
            return value

    def _read_checked(self, source_path: str):
        with open(source_path, "rb") as handle:
            raw = handle.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            self._report("encoding", not_utf8(raw, error), Text("save the file as UTF-8 in your editor"),
                         raw[:error.start].count(b"\n") + 1)
            return "", {}
        if not raw.strip():
            self._report("file", Text("the file is empty"),
                         Text("write a metadata header and a text, or delete the file"))
            return "", {}
        header = parse_header(text)
        self._repeated = repeated_keys(text)
        self._header_lines = {key: field.line for key, field in header.fields.items()}
        for mistake in header.mistakes:
            self._report("header", mistake.message, mistake.fix, mistake.line)
        if header.mistakes:
            return "", {}
        return self._convert(source_path, header.markdown, text)

    def _convert(self, source_path: str, text: str, written: str):
        """Markdown to HTML, or the cached result of the same file's last conversion."""
        cached = conversions.get("markdown", source_path)
        if cached is None:
            content, metadata = self._markdown(source_path, text)
            if self._refuse_unsafe_html(content, written):
                return content, metadata  # refused: never cached, so checked again next time
            cached = (content, self._raw_meta, self._formatted, *self._toc, word_count(content))
            conversions.put("markdown", source_path, cached)
        else:
            # Metadata is processed again for each site: it depends on that site's settings.
            self._source_path = source_path
            metadata = self._metadata_from(cached[1], cached[2])
        content, _meta, _formatted, toc_html, headings, words = cached
        metadata["toc_html"], metadata["toc_headings"], metadata["word_count"] = toc_html, headings, words
        return content, metadata

    def _refuse_unsafe_html(self, content: str, written: str) -> bool:
        """Report every script, event handler, unsafe URL or foreign frame in the text and summary.

        `written` is the file as the author wrote it: the line of each refusal is found there.
        """
        found = False
        for field, html in (("text", content), *self._formatted.items()):
            for refusal in refusals(html or "", self.settings.get("SITE_ORIGIN", "")):
                found = True
                self._file_problems.append(Problem(self._relative_path, field,
                                                   Text("{what} is not allowed", what=refusal.what),
                                                   refusal.fix, locate(written, refusal)))
        return found

    def _markdown(self, source_path: str, text: str):
        """MarkdownReader.read (Pelican 4.12) on the text with its header in the meta extension's form."""
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        content = self._md.convert(text)
        metadata = self._parse_metadata(self._md.Meta) if hasattr(self._md, "Meta") else {}
        return content, metadata

    def _check_header(self, metadata: dict, content: str) -> None:
        for field in REQUIRED_FIELDS:
            if not str(metadata.get(field, "")).strip():
                self._report(field, Text("the metadata header has no title (missing or malformed header)"),
                             Text("start the file with lines like 'Title: My post' and 'Date: 2024-05-01', "
                                  "then a blank line"))
        for field, lines in self._repeated.items():
            self._report(field, Text("the header has {count} '{key}:' lines (lines {lines}); only the first "
                                     "would count", count=len(lines), key=field.capitalize(),
                                     lines=", ".join(map(str, lines))),
                         Text("keep one '{key}:' line; a long value goes on indented lines below it",
                              key=field.capitalize()))
        extra = {name.lower() for name in plugin_settings.get(self.settings, "B2B_EXTRA_FIELDS")}
        known = sorted(KNOWN_FIELDS | extra)
        for field in self._header_lines:
            if field not in KNOWN_FIELDS and field not in extra:
                # Only a close name is worth proposing ('Place' is not a typo of 'Template').
                guess = FRENCH_NAMES.get(field) or next(iter(difflib.get_close_matches(field, known, n=1,
                                                                                       cutoff=0.65)), None)
                hint = Text("did you mean '{guess}'?", guess=guess.capitalize()) if guess else \
                    Text("use one of: {known}, or declare it in B2B_EXTRA_FIELDS if the site uses it",
                         known=", ".join(known))
                self._report(field, Text("unknown field '{field}'", field=field), hint)
        status = metadata.get("status")
        if status is not None and status not in STATUSES:
            self._report("status", Text("unknown status '{status}'", status=status),
                         Text("use one of: {choices}", choices=", ".join(STATUSES)))
        slug = metadata.get("slug")
        if slug is not None and not SLUG.match(str(slug)):
            self._report("slug", Text("'{slug}' is not a valid slug", slug=slug),
                         Text("use lowercase letters, digits and hyphens only, e.g. 'diriger-sans-autorite'"))
        date, modified = metadata.get("date"), metadata.get("modified")
        if hasattr(date, "year") and hasattr(modified, "year") and modified < date:
            self._report("modified", Text("modified ({modified}) is before the date ({date})",
                                          modified=modified.strftime("%Y-%m-%d"), date=date.strftime("%Y-%m-%d")),
                         Text("a post is modified after it is published: correct one of the two dates"))
        for field, message, fix in value_mistakes(metadata, self.settings):
            self._report(field, message, fix)
        template = metadata.get("template")
        if template and not os.path.isfile(os.path.join(self.settings["THEME"], "templates", f"{template}.html")):
            self._report("template", Text("the theme has no template '{template}'", template=template),
                         Text("remove the Template line, or use a template of theme/templates/"))
        if metadata.get("title") and not (content or "").strip():
            self._report("text", Text("the file has a header but no text"), Text("write the text after the blank line"))

    def _check_language(self, metadata: dict) -> None:
        languages = sites.languages(self.settings)
        folder = self._relative_path.replace(os.sep, "/").split("/")[0]
        folder_lang = folder if folder in languages else None
        lang = metadata.get("lang")
        if lang and lang not in languages:
            self._report("lang", Text("no site is configured for the language '{lang}' (configured: {languages})",
                                      lang=lang, languages=", ".join(languages)),
                         Text("use one of the configured languages, or add the language to I18N_SUBSITES"))
        elif lang and folder_lang and lang != folder_lang:
            self._report("lang", Text("'Lang: {lang}' contradicts the folder content/{folder}/", lang=lang,
                                      folder=folder_lang),
                         Text("remove the Lang line (the folder says {folder}) or move the file to content/{lang}/",
                              folder=folder_lang, lang=lang))
        elif not lang and folder_lang:
            metadata["lang"] = folder_lang
        elif not lang:
            self._report("lang", Text("the file is outside the language folders ({languages})",
                                      languages=", ".join(languages)),
                         Text("move it into content/<lang>/ or add a 'Lang:' line"))

    def _check_kind(self, metadata: dict) -> None:
        kinds = plugin_settings.get(self.settings, "B2B_KINDS")
        kind = metadata.get("kind")
        if kind is not None and kind not in kinds:
            self._report("kind", Text("unknown kind '{kind}'", kind=kind), Text("use one of: {choices}",
                                                                                 choices=", ".join(kinds)))

    def _check_topics(self, metadata: dict) -> None:
        topics = plugin_settings.get(self.settings, "B2B_TOPICS")
        message = check_named_topics(metadata, topics)
        if message:
            self._report("topics", message, Text("name topics by their key, slug or label, separated by commas"))

    def _report(self, field: str, message: str, fix: str, line: int | None = None) -> None:
        line = line or self._header_lines.get(field)
        self._file_problems.append(Problem(self._relative_path, field, message, fix, line))


_FIXES = {
    "date": Text("write the date as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2024-05-01 09:00"),
    "modified": Text("write the date as YYYY-MM-DD or YYYY-MM-DD HH:MM, e.g. 2024-05-01 09:00"),
}


def add_reader(readers) -> None:
    """Use our reader for every Markdown extension, and no other (unread.py reports the rest)."""
    for extension, reader_class in readers.reader_classes.items():
        if reader_class is not None and reader_class is not BaseReader:  # BaseReader reads static files
            readers.reader_classes[extension] = None  # reStructuredText, HTML: their headers escape our checks
    for extension in BlogMarkdownReader.file_extensions:
        readers.reader_classes[extension] = BlogMarkdownReader
