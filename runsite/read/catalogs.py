"""Theme-string catalogs: ``translations/<lang>/LC_MESSAGES/messages.po`` read and
checked at the start of every build, compiled in memory (so an edited translation
shows on the next live-preview rebuild, and no ``.mo`` file is ever needed in git).

A string with no translation in a page's language is a build error, never a
silent fallback to English (``Catalogs.lookup``).
"""

from __future__ import annotations

import gettext as stdlib_gettext
import html
import io
import os
import re

from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po
from markupsafe import escape

from runsite.read import sources


class Catalog:
    """One language's compiled catalog plus where each message is written.

    Jinja gives a theme string to the page as HTML (autoescaping trusts
    translations): each translation is compiled escaped, but for the markup its
    msgid carries (and <bdi>), so that a quote or a tag written by a translator is
    text, never code, wherever the string is printed (an attribute included)."""

    def __init__(self, path, po):
        self.path = path
        for message in po:
            if message.id:
                allowed = _allowed_markup(message)
                message.string = (_as_html(message.string, allowed)
                                  if isinstance(message.string, str) else
                                  tuple(_as_html(s, allowed) for s in message.string))
        mo = io.BytesIO()
        write_mo(mo, po, use_fuzzy=False)
        mo.seek(0)
        self.translations = stdlib_gettext.GNUTranslations(mo)
        self.translated = {
            message.id if isinstance(message.id, str) else message.id[0]
            for message in po
            if message.id and not message.fuzzy and _filled(message.string)
        }
        self.lines = {
            (message.id if isinstance(message.id, str) else message.id[0]): message.lineno
            for message in po
            if message.id
        }


# A .po line: a keyword and a quoted string, a continued string, a comment or nothing.
# Babel's reader silently truncates an unterminated string, so lines are checked first.
_PO_LINE = re.compile(
    r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$'
    r"|^#.*$|^\s*$"
)


def _malformed_line(text):
    for number, line in enumerate(text.splitlines(), 1):
        if not _PO_LINE.match(line):
            return number
    return None


def _duplicate_msgid(text):
    """(line, msgid) of the first entry written twice (Babel keeps one in silence)."""
    seen, context = set(), None
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("msgctxt "):
            context = line
        elif line.startswith("msgid ") and line != 'msgid ""':
            key = (context, line)
            if key in seen:
                return number, line[len('msgid "'):-1]
            seen.add(key)
            context = None
    return None


_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s")
# Which keyword may follow which, within one entry.
_FOLLOWS = {"msgctxt": (None, "msgstr"), "msgid": (None, "msgctxt", "msgstr"),
            "msgid_plural": ("msgid",), "msgstr": ("msgid",)}


def _disordered_line(text):
    """The first line where an entry is incomplete or out of order (a msgid without its
    msgstr, a msgid_plural after a msgstr…): Babel would join it to its neighbour."""
    previous, plural_form = None, -1
    lines = text.splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            if previous in ("msgctxt", "msgid", "msgid_plural"):
                return number
            previous, plural_form = None, -1
            continue
        match = _KEYWORD.match(line)
        if match is None:  # a continued string
            if previous is None:
                return number
            continue
        keyword, index = match.group(1), match.group(2)
        if keyword == "msgstr" and index is not None:
            expected = "msgid_plural" if int(index) == 0 else "msgstr"
            if previous != expected or int(index) != plural_form + 1:
                return number
            plural_form = int(index)
        elif previous not in _FOLLOWS[keyword] or (keyword == "msgstr" and plural_form >= 0):
            return number
        elif keyword in ("msgctxt", "msgid"):
            plural_form = -1
        previous = keyword
    return len(lines) if previous in ("msgctxt", "msgid", "msgid_plural") else None


# What a translation may contain besides words: the placeholders and markup of its
# msgid, and <bdi> around Latin-script runs in right-to-left text. Jinja formats every
# theme string (``text % variables``): a lone "%" would break the page.
# A translation printed in an attribute (an aria-label, a title) must not close it:
# the isolation it may add has no quote.
PLACEHOLDER = re.compile(r"%\((\w+)\)([sd])|%%|%")
MARKUP = re.compile(r"<[^<>]*>|&#?\w+;")
# A Latin name of four words or more may wrap (run-wrap): kept whole, it would push a
# phone's page sideways once its text is enlarged.
ISOLATION = frozenset({"<bdi>", "</bdi>", "<bdi dir=ltr>", "<bdi dir=ltr class=run-wrap>"})


def _allowed_markup(message) -> set[str]:
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    return set().union(*(MARKUP.findall(i) for i in ids)) | ISOLATION


def _as_html(string, allowed) -> str:
    """A translation escaped as HTML, the markup of ``allowed`` put back."""
    html = str(escape(string or ""))
    for piece in sorted(allowed, key=len, reverse=True):
        html = html.replace(str(escape(piece)), piece)
    return html


def _placeholders(text):
    """({"%(name)s", …} as written, a lone % found)."""
    names, lone = set(), False
    for match in PLACEHOLDER.finditer(text):
        if match.group(1):
            names.add(f"%({match.group(1)}){match.group(2)}")
        elif match.group(0) == "%":
            lone = True
    return names, lone


def check_translation(message, lines, path, state):
    """Problems in one message's translations: placeholders and markup."""
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    strings = ([message.string] if isinstance(message.string, str)
               else list(message.string or ()))
    expected = set().union(*(_placeholders(i)[0] for i in ids))
    allowed_markup = _allowed_markup(message)
    plural = len(ids) > 1
    for index, string in enumerate(strings):
        if not string:
            continue
        keyword = f"msgstr[{index}]" if plural else "msgstr"
        line = _line_of_keyword(lines, message.lineno, keyword)
        names, lone = _placeholders(string)
        unknown = names - expected
        # A plural form may leave the count out ("دورتان": two editions).
        dropped = expected - names - ({"%(num)s", "%(num)d"} if plural else set())
        if unknown:  # a typo: one diagnosis, which also says what is expected
            state.problem(path, line, "po_placeholder_unknown", names=", ".join(sorted(unknown)),
                          expected=", ".join(sorted(expected)) or "aucune")
        elif dropped:
            state.problem(path, line, "po_placeholder_missing", names=", ".join(sorted(dropped)))
        if lone:
            state.problem(path, line, "po_lone_percent")
        extra = [piece for piece in MARKUP.findall(string) if piece not in allowed_markup]
        rest = string
        for piece in allowed_markup:
            rest = rest.replace(piece, "")
        if extra or "<" in rest or ">" in rest:
            found = extra[0] if extra else rest[rest.find("<") if "<" in rest else
                                                rest.find(">"):][:30]
            state.problem(path, line, "po_markup", markup=found)
        elif string.count("<bdi") != string.count("</bdi>"):
            state.problem(path, line, "po_markup_unclosed")


def _line_of_keyword(lines, first, keyword):
    """The line of ``keyword`` ("msgstr", "msgstr[2]") in the message starting at ``first``."""
    for number in range(first, min(first + 50, len(lines)) + 1):
        if lines[number - 1].startswith(keyword + " ") or lines[number - 1] == keyword:
            return number
    return first


def _filled(string) -> bool:
    if isinstance(string, (tuple, list)):
        return all(string)
    return bool(string)


class Catalogs:
    """All languages' catalogs for one build."""

    def __init__(self, languages):
        self.languages = languages
        self.by_lang: dict[str, Catalog] = {}

    @staticmethod
    def po_path(directory, lang) -> str:
        return os.path.join(directory, lang, "LC_MESSAGES", "messages.po")

    def load(self, directory, state):
        for lang in self.languages:
            path = self.po_path(directory, lang)
            if not os.path.exists(path):
                state.problem(path, None, "po_missing", lang=lang)
                continue
            text = sources.read(path, state)
            if text is None:
                continue
            bad_line = _malformed_line(text)
            if bad_line:
                state.problem(path, bad_line, "po_malformed_line")
                continue
            bad_line = _disordered_line(text)
            if bad_line:
                state.problem(path, bad_line, "po_disordered")
                continue
            charset = re.search(r'^"Content-Type:.*charset=([^\\";]+)', text, re.M | re.I)
            if charset and charset.group(1).strip().lower().replace("_", "-") not in (
                    "utf-8", "utf8"):
                state.problem(path, text.count("\n", 0, charset.start()) + 1, "po_charset")
                continue
            duplicate = _duplicate_msgid(text)
            if duplicate:
                state.problem(path, duplicate[0], "po_duplicate", msgid=duplicate[1])
                continue
            expected = get_plural(self.languages[lang].locale)
            header = re.search(r'^"Plural-Forms:\s*(.*?)(?:\\n)?"\s*$', text, re.M)
            if header and " ".join(header.group(1).split()) != expected.plural_forms:
                line = text.count("\n", 0, header.start()) + 1
                state.problem(path, line, "po_plural_forms", expected=expected.plural_forms)
                continue
            try:
                po = read_po(io.StringIO(text), locale=self.languages[lang].locale,
                             abort_invalid=True)
            except PoFileError as error:
                state.problem(path, (getattr(error, "lineno", 0) or 0) + 1, "po_unreadable")
                continue
            lines = text.splitlines()
            for message in po:
                if message.id:
                    check_translation(message, lines, path, state)
            self.by_lang[lang] = Catalog(path, po)

    def text(self, state, lang, msgid) -> str:
        """A theme string as plain text, for Python code (not a template)."""
        return html.unescape(self.lookup(state, lang, msgid).gettext(msgid))

    def lookup(self, state, lang, msgid):
        """The catalog of ``lang``, recording a problem if ``msgid`` is untranslated."""
        catalog = self.by_lang.get(lang)
        if catalog is None:
            return stdlib_gettext.NullTranslations()
        if msgid not in catalog.translated:
            line = catalog.lines.get(msgid)
            state.problem(
                catalog.path, line, "po_untranslated", msgid=msgid,
                language=self.languages[lang].in_words,
                advice="lancez « make i18n-update » puis remplissez son msgstr"
                if line is None else "remplissez son msgstr (et retirez « fuzzy »)")
        return catalog.translations

    def translates(self, lang, msgid) -> bool:
        """Whether ``lang``'s catalog translates ``msgid`` (a lookup then records nothing)."""
        catalog = self.by_lang.get(lang)
        return catalog is not None and msgid in catalog.translated


def N_(message) -> str:
    """Marks a theme string written in Python, for extraction (babel.cfg)."""
    return message


# The series' name and its news feed's title, in each language, from the catalogs:
# calendars, feeds and schema.org data name the series with them.
SERIES_NAME = N_("University Digital Meeting")
FEED_TITLE = N_("News of the University Digital Meeting")


def series_name(state, lang) -> str:
    return f"{state.catalogs.text(state, lang, SERIES_NAME)} (RUN)"


def feed_title(state, lang) -> str:
    return state.catalogs.text(state, lang, FEED_TITLE)
