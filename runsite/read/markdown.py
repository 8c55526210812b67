"""Markdown files of the organisers, with their metadata checked line by line.

Pelican's reader skips a file it cannot read and says little about why; this
reader reports each problem (unknown or missing field, invalid date, not UTF-8)
as ``file:line: what — fix`` and lets the build go on to find the others.

Within one process (the live preview), a file read without a problem is not
converted again by the next build unless its bytes or the reader's settings changed.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import re

from markdown import Markdown
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED, BaseReader

from runsite.core import cache, seo
from runsite.core.names import REPORT_SUFFIX
from runsite.core.names import meant as _meant
from runsite.core.plain import plain
from runsite.core.state import of
from runsite.read import sanitize, sources, typography
from runsite.read.bidi import BidiExtension
from runsite.read.catalogs import N_
from runsite.read.prose import ProseExtension

META_PRIORITY = 27  # markdown.extensions.meta registers its preprocessor at 27
DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[ T](\d{2}):(\d{2}))?$")
# A header line "Key: value". Accepted as organisers type it: with a space or a
# no-break space before the colon (French typography), and with invisible marks
# (byte order mark, RLM/LRM from an Arabic keyboard) before the key.
_INVISIBLE = "\ufeff\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c"
_SPACES = " \t\u00a0\u202f"
HEADER_FIELD = re.compile(
    rf"^[{_INVISIBLE}{_SPACES}]*([A-Za-z][\w-]*)[{_INVISIBLE}{_SPACES}]*:[{_SPACES}]*")

# What each content folder accepts; the first folder of the file's path decides.
# Every file may also say "Status: draft".
FIELDS = {
    "pages": {"required": ("title",), "optional": ("summary", "template", "untranslated")},
    "actualites": {"required": ("title", "date"),
                   "optional": ("summary", "modified", "untranslated")},
    "editions": {"required": ("title", "summary"), "optional": ()},
    # An edition's report (run-4-compte-rendu.fr.md): its text only, under the edition's
    # own heading.
    "reports": {"required": (), "optional": ()},
}
FIELD_HELP = {
    "title": "Title: le titre de la page",
    "date": "Date: AAAA-MM-JJ (ou AAAA-MM si seul le mois est connu)",
    "summary": "Summary: une ou deux phrases de résumé",
}
ALWAYS_ALLOWED = ("lang", "status")
# A theme string used here, in Python: extracted into the catalogs (babel.cfg).
FOOTNOTE_BACK = N_("Back to the reference of note %(num)s in the text")


def normalise_header(text):
    """``(text, {field: line}, [(field, line) written again], first body line)``:
    the header rewritten as ``Key: value`` lines, the line count unchanged."""
    lines = text.splitlines(keepends=True)
    fields, repeated, body = {}, [], len(lines) + 1
    for index, line in enumerate(lines):
        if not line.strip():
            body = index + 2
            break
        match = HEADER_FIELD.match(line)
        if match:
            key = match.group(1).lower()
            if key in fields:
                repeated.append((key, index + 1))
            fields.setdefault(key, index + 1)
            lines[index] = f"{match.group(1)}: {line[match.end():]}"
    return "".join(lines), fields, repeated, body


def header_line(path, field) -> int | None:
    """The line where ``field`` is written in the header of the Markdown file ``path``."""
    try:
        with open(path, encoding="utf-8-sig") as fp:
            return normalise_header(fp.read())[1].get(field)
    except (OSError, UnicodeDecodeError):
        return None


# Files read without a problem are kept in the process cache (runsite.core.cache):
# a rebuild (live preview) converts again only what changed. The key is the file's
# bytes and the settings the reader depends on. Bounded by the number of files.
PLAIN_TYPES = (str, int, float, bool, datetime.date, type(None))


def _plain(value) -> bool:
    """Metadata safe to hand to another build: no object tied to a build's settings."""
    if isinstance(value, (list, tuple)):
        return all(isinstance(item, PLAIN_TYPES) for item in value)
    return isinstance(value, PLAIN_TYPES)


class RunMarkdownReader(BaseReader):
    """Pelican's reader interface (``read``, ``process_metadata``), on the site's own
    Python-Markdown instances: nothing of Pelican's MarkdownReader internals."""

    enabled = True
    file_extensions = ("md", "markdown", "mkd", "mdown")

    def read(self, source_path):
        with open(source_path, "rb") as fp:
            raw = fp.read()
        path = os.path.abspath(source_path)
        key = (hashlib.sha1(raw).digest(), self._settings_key())
        reads = cache.of(self.settings).reads
        known = reads.get(path)
        if known is not None and known[0] == key:
            if known[2].get("status") == "skip":
                of(self.settings).draft_sources.append(path)
            return known[1], dict(known[2])
        self._remember = True
        try:
            content, metadata = self._read(source_path, raw)
        except Exception as error:  # a defect of this reader: named, never Pelican's bare
            if self.settings.get("DEBUG"):  # "Could not process" (without its reason)
                raise
            of(self.settings).problem(source_path, None, "md_read_failed",
                                      reason=type(error).__name__)
            reads.pop(path, None)
            return "", self._placeholders(source_path, self._section(source_path))
        if self._remember and not self._problems and all(_plain(v) for v in metadata.values()):
            reads[path] = (key, content, dict(metadata))
        else:
            reads.pop(path, None)
        if metadata.get("status") == "skip":
            of(self.settings).draft_sources.append(path)
        return content, metadata

    def _settings_key(self):
        """What a read depends on besides the file's bytes (once per reader)."""
        if "_key" not in self.__dict__:
            state = of(self.settings)
            self._key = repr((
                self.settings["MARKDOWN"], self.settings["FORMATTED_FIELDS"],
                self.settings["PATH"], self.settings.get("RUN_SHOW_DRAFTS"),
                [(code, language.dir, self._footnote_title(code))
                 for code, language in state.languages.items()],
                self._page_templates()))
        return self._key

    def _read(self, source_path, raw):
        state = of(self.settings)
        self._problems = []
        self._extra = {}
        self._source_path = source_path
        text = sources.decode(raw, source_path, state)
        if text is None:
            self._remember = False
            return "", self._placeholders(source_path, "actualites")
        text, self._lines, repeated, self._body_line = normalise_header(text)
        for key, line in repeated:
            self._problem(key, "md_field_repeated", line=line, field=key.capitalize())
        content, metadata, fields = self._convert(source_path, text, state)
        content = self._sanitize(content, text, self._body_line)
        for name in self.settings["FORMATTED_FIELDS"]:
            if isinstance(metadata.get(name), str):
                line = self._lines.get(name, 1)
                metadata[name] = self._sanitize(metadata[name], text, line, line)
        section = self._section(source_path)
        self._check_fields(section, fields, metadata)
        self._check_status(metadata)
        self._check_lengths(state, source_path, metadata)
        for path, line, code, values in self._problems:
            state.problem(path, line, code, **values)
        if self._problems:
            metadata.update(self._placeholders(source_path, section))
        metadata.update({k: v for k, v in self._extra.items() if k != "invalid"})
        return content, metadata

    def _check_fields(self, section, fields, metadata):
        rules = FIELDS.get(section)
        if not rules:
            return
        allowed = {*rules["required"], *rules["optional"], *ALWAYS_ALLOWED} - {"lang"}
        misspelt = set()
        for key, values in fields.items():
            if key in ("slug", "lang"):  # the file name gives both
                self._problem(key, f"md_{key}_refused")
                metadata.pop(key, None)  # the file name's, so that its pair is found
            elif section == "reports" and key != "lang":  # no header at all, not even Status
                self._problem(key, "report_header", field=key.capitalize())
            elif key not in allowed:
                meant = _meant(key, [a for a in allowed if a not in fields])
                if meant:  # one diagnosis: the typo, not also the missing field
                    misspelt.add(meant)
                    self._problem(key, "md_field_misspelt", field=key.capitalize(),
                                  meant=meant.capitalize())
                else:  # as they are written in the files: Title, Summary…
                    self._problem(key, "md_field_unknown", field=key.capitalize(),
                                  allowed=", ".join(sorted(a.capitalize() for a in allowed)))
            elif not any(str(v).strip() for v in values):
                self._problem(key, "md_field_required_empty" if key in rules["required"]
                              else "md_field_empty", field=key.capitalize())
        for key in rules["required"]:
            if key not in fields and key not in misspelt:
                self._problem(key, "md_field_missing", line=1, field=key,
                              example=FIELD_HELP[key])
        template = metadata.get("template")
        if "template" in fields and template and template not in self._page_templates():
            self._problem("template", "md_template_unknown", name=template,
                          choices=", ".join(self._page_templates()))

    def _template_folders(self):
        overrides = self.settings.get("THEME_TEMPLATES_OVERRIDES") or []
        return [*overrides, os.path.join(self.settings["THEME"], "templates")]

    def _page_templates(self):
        """Templates a page may ask for: those that extend the page template."""
        names = set()
        for folder in self._template_folders():
            for entry in sorted(os.listdir(folder)) if os.path.isdir(folder) else ():
                if entry.endswith(".html"):
                    with open(os.path.join(folder, entry), encoding="utf-8") as fp:
                        if '{% extends "page.html" %}' in fp.read() or entry == "page.html":
                            names.add(entry.removesuffix(".html"))
        return sorted(names)

    def _check_lengths(self, state, source_path, metadata):
        """Notices for what search results would cut (runsite.core.seo)."""
        title = metadata.get("title")
        if isinstance(title, str) and len(title) > seo.TITLE_LIMIT:
            state.notice(source_path, "title_long", line=self._lines.get("title"),
                         length=len(title), limit=seo.TITLE_LIMIT)
        summary = plain(metadata.get("summary") or "")
        if "summary" in self._lines and len(summary) > seo.DESCRIPTION_LIMIT:
            state.notice(source_path, "summary_long", line=self._lines.get("summary"),
                         length=len(summary), limit=seo.DESCRIPTION_LIMIT)

    def _check_status(self, metadata):
        """``Status: draft``: shown only by the live preview (RUN_SHOW_DRAFTS), with a
        banner; otherwise Pelican keeps it among its drafts, which are never written."""
        status = metadata.get("status")
        if status is None:
            return
        if status != "draft":
            self._problem("status", "md_status_invalid", value=status)
            metadata.pop("status")
        elif self.settings.get("RUN_SHOW_DRAFTS"):
            metadata["status"] = "published"
            metadata["draft"] = True
        else:  # not built at all; its address is kept for the link check
            metadata["status"] = "skip"

    def _sanitize(self, html, text, first_line, last_line=None):
        """The HTML kept by the allow-list (runsite.read.sanitize); whatever it refuses is a
        problem at the first line, from ``first_line``, that writes it."""
        kept, refusals = sanitize.check(html)
        for refusal in refusals:
            line = sanitize.line_of(text, refusal.needles, first_line, last_line)
            self._problems.append((self._source_path, line, refusal.code, refusal.values))
        return kept

    def _convert(self, source_path, text, state):
        """Content and metadata as Pelican's Markdown reader gives them, plus Latin-run
        isolation in right-to-left documents. Returns the content, the metadata and
        the field names as written."""
        lang = os.path.basename(source_path).split(".")[-2]
        md = self._markdown(lang if lang in state.languages else None)
        content = md.convert(text)
        # Kept now: converting a formatted field (Summary) below resets md.Meta.
        fields = getattr(md, "Meta", {})
        return content, self._metadata(md, fields), fields

    def _metadata(self, md, fields):
        """Metadata values as Pelican's own Markdown reader makes them: formatted
        fields (Summary) converted as Markdown, repeated lines a list, the rest text."""
        md.preprocessors.deregister("meta")  # no metadata inside a field
        output = {}
        for name, value in fields.items():
            name = name.lower()
            if name in self.settings["FORMATTED_FIELDS"]:
                md.reset()
                output[name] = self.process_metadata(name, md.convert("\n".join(value)))
            elif not DUPLICATES_DEFINITIONS_ALLOWED.get(name, True) or len(value) == 1:
                output[name] = self.process_metadata(name, value[0])  # repeated: told
            else:
                output[name] = self.process_metadata(name, value)
        return output

    def _footnote_title(self, lang):
        """The title of a footnote's back link, in the page's language."""
        if lang is None:
            return None
        title = of(self.settings).catalogs.text(of(self.settings), lang, FOOTNOTE_BACK)
        # Python-Markdown formats it with str.format: the note's number is {}.
        return title.replace("{", "{{").replace("}", "}}").replace("%(num)s", "{}")

    def _markdown(self, lang):
        """This reader's Markdown instance for one language, ready for a new file.

        Creating a Markdown instance (extensions, patterns) per file cost more than a
        fifth of reading; one per reader is reset between files, as Python-Markdown
        intends. Reading the metadata deregisters the meta preprocessor: it is
        put back, and if the pipeline is not exactly the one created, a new one is made.
        """
        instances = self.__dict__.setdefault("_markdown_instances", {})
        if lang in instances:
            md, meta, pipeline = instances[lang]
            if "meta" not in md.preprocessors:
                md.preprocessors.register(meta, "meta", META_PRIORITY)
            if list(md.preprocessors) == pipeline:
                return md.reset()
        config = dict(self.settings["MARKDOWN"])
        extensions = [*config.get("extensions", [])]
        for name in [*config.get("extension_configs", {}), "markdown.extensions.meta"]:
            if name not in extensions:  # as Pelican's reader: configured means enabled
                extensions.append(name)
        config["extensions"] = [*extensions, ProseExtension()]
        title = self._footnote_title(lang)
        if title is not None:
            configs = {key: dict(value) for key, value in
                       config.get("extension_configs", {}).items()}
            extra = configs.setdefault("markdown.extensions.extra", {})
            extra["footnotes"] = {**extra.get("footnotes", {}), "BACKLINK_TITLE": title}
            config["extension_configs"] = configs
        languages = of(self.settings).languages
        if lang is not None and languages[lang].dir == "rtl":
            config["extensions"].append(BidiExtension())
        if lang is not None and typography.applies(languages[lang]):
            config["extensions"].append(typography.FrenchSpacingExtension())
        md = Markdown(**config)
        instances[lang] = (md, md.preprocessors["meta"], list(md.preprocessors))
        return md

    def _section(self, source_path):
        relative = os.path.relpath(source_path, self.settings["PATH"])
        section = relative.split(os.sep)[0]
        stem = os.path.basename(source_path).split(".")[0]
        if section == self.settings["RUN_EDITIONS_PATH"] and stem.endswith(REPORT_SUFFIX):
            return "reports"
        return section

    def _placeholders(self, source_path, section):
        """Enough metadata for Pelican to go on; the build fails on the problems anyway."""
        name = os.path.basename(source_path)
        placeholders = {"title": name, "summary": name}
        if section == "actualites":
            placeholders["date"] = datetime.datetime(2000, 1, 1)
        return placeholders

    def _problem(self, key, code, line=None, **values):
        self._problems.append(
            (self._source_path, line or self._lines.get(key, 1), code, values))

    def process_metadata(self, name, value):
        if name in ("date", "modified"):
            return self._date(name, value)
        try:
            return super().process_metadata(name, value)
        except Exception:  # a Pelican metadata processor refused the value
            self._problem(name, "md_field_invalid", field=name, value=value)
            self._extra.setdefault("invalid", set()).add(name)
            return value

    def _date(self, name, value):
        """A real date: AAAA-MM-JJ (optionally HH:MM), or AAAA-MM (month only)."""
        match = DATE.match(str(value).strip())
        try:
            if not match:
                raise ValueError
            year, month, day, hour, minute = match.groups()
            result = datetime.datetime(int(year), int(month), int(day or 1),
                                       int(hour or 0), int(minute or 0))
        except ValueError:
            self._problem(name, "md_date_invalid", field=name, value=value)
            self._extra.setdefault("invalid", set()).add(name)
            return datetime.datetime(2000, 1, 1)
        if name == "date":
            self._extra["date_precision"] = "day" if match.group(3) else "month"
        return result


def add_reader(readers):
    """This reader for Markdown files, and no other reader: Pelican's HTML and
    reStructuredText readers would publish raw HTML, scripts and included files
    without any check."""
    for extension in list(readers.reader_classes):
        if extension != "static":  # Pelican's pseudo-format for files copied as they are
            del readers.reader_classes[extension]
    for extension in RunMarkdownReader.file_extensions:
        readers.reader_classes[extension] = RunMarkdownReader
