"""TOML data files of the organisers, with the line of every key for error messages.

``tomllib`` gives values but not lines; organisers need ``file:line``. The text is
scanned once for the line of every key path: ``("partner", 2, "name", "fr")`` is
``name.fr`` in the third ``[[partner]]`` block, ``("milestone", 0, "figure", 1)`` the
second ``[[milestone.figure]]`` of the first milestone. A syntax error is told in
French, with what to do (the parser's English never reaches organisers).
"""

from __future__ import annotations

import re
import tomllib

from runsite.read import sources

_PART = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
_DOTTED = rf"{_PART}(?:\s*\.\s*{_PART})*"
ARRAY_HEADER = re.compile(rf"\s*\[\[\s*({_DOTTED})\s*\]\]")
TABLE_HEADER = re.compile(rf"\s*\[\s*({_DOTTED})\s*\]")
KEY = re.compile(rf"\s*({_DOTTED})\s*=")
TYPOGRAPHIC_QUOTES = re.compile(r"[«»“”„‟‘’‹›]")
# What a value that the parser refused looks like: a date (impossible, or with "/"),
# or text and times written without quotes (Fès, 11h00, 9:30).
DATE_LIKE = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")
MONTH_LIKE = re.compile(r"^\d{4}-\d{1,2}\s*(?:#.*)?$")  # a month alone: a text, in quotes
NON_ASCII_KEY = re.compile(r"^\s*[^\s=\[#\"']*[^\x00-\x7f][^\s=]*\s*=")  # résumé = …
UNQUOTED = re.compile(r"^(?:[^\W\d_]|\d{1,2}\s*[hH:.]\s*\d{2})")
# Yes or no written as a word (cancelled = oui): TOML knows only true and false.
YES_NO = re.compile(r"^(?:oui|non|vrai|faux|yes|no|true|false|نعم|لا)\s*(?:#.*)?$", re.I)

# tomllib's messages (Python 3.11): their start -> a message of runsite.core.messages.
SYNTAX = (
    ("Invalid date or datetime", "toml_date_impossible"),
    ("Invalid value", "toml_unquoted"),
    ("Expected '=' after a key", "toml_equals_missing"),
    ("Unterminated string", "toml_string_unclosed"),
    ("Illegal character '\\n'", "toml_string_unclosed"),  # a string reaching the line's end
    ("Unclosed array", "toml_array_unclosed"),
    ("Unclosed inline table", "toml_array_unclosed"),
    ("Expected ']' at the end of a table", "toml_header_unclosed"),
    ("Expected ']]' at the end of an array", "toml_header_unclosed"),
    ("Invalid statement", "toml_statement_invalid"),
    ("Invalid initial character for a key part", "toml_key_invalid"),
    ("Unescaped '\\' in a string", "toml_escape_invalid"),
    ("Invalid hex value", "toml_escape_invalid"),
    ("Escaped character is not a Unicode scalar", "toml_escape_invalid"),
    ("Expected newline or end of document", "toml_newline_expected"),
    ("Found invalid character", "toml_unquoted"),
)
REPEATED = ("Cannot overwrite a value", "Cannot declare", "Duplicate inline table key",
            "Cannot mutate immutable namespace", "Cannot redefine namespace")


def _split_key(dotted):
    parts = re.findall(_PART, dotted)
    return tuple(part[1:-1] if part[:1] in "\"'" else part for part in parts)


def _scan_value(text, depth, quote):
    """(depth of open brackets, open multi-line quote) after ``text``."""
    i = 0
    while i < len(text):
        if quote:
            end = text.find(quote, i)
            if end < 0:
                return depth, quote
            i, quote = end + 3, None
            continue
        char = text[i]
        if text.startswith(('"""', "'''"), i):
            quote = text[i:i + 3]
            i += 3
        elif char == '"':
            i += 1
            while i < len(text) and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
            i += 1
        elif char == "'":
            end = text.find("'", i + 1)
            i = end + 1 if end >= 0 else len(text)
        elif char == "#":
            break
        else:
            depth += (char in "[{") - (char in "]}")
            i += 1
    return max(depth, 0), quote


def key_lines(text) -> dict[tuple, int]:
    """The 1-based line of every table and key path of a TOML text."""
    lines: dict[tuple, int] = {(): 1}
    counts: dict[tuple, int] = {}  # arrays of tables -> how many so far
    table: tuple = ()
    depth, quote = 0, None

    def resolve(parts):
        current: tuple = ()
        for part in parts:
            current += (part,)
            if current in counts:  # an array of tables: its last element
                current += (counts[current] - 1,)
        return current

    for number, line in enumerate(text.splitlines(), 1):
        if depth or quote:  # inside a multi-line value
            depth, quote = _scan_value(line, depth, quote)
            continue
        if match := ARRAY_HEADER.match(line):
            parts = _split_key(match[1])
            array = (*resolve(parts[:-1]), parts[-1])
            index = counts.get(array, 0)
            counts[array] = index + 1
            table = (*array, index)
            lines.setdefault(array, number)
            lines.setdefault(table, number)
        elif match := TABLE_HEADER.match(line):
            table = resolve(_split_key(match[1]))
            lines.setdefault(table, number)
        elif match := KEY.match(line):
            path = table + _split_key(match[1])
            for end in range(len(table) + 1, len(path) + 1):
                lines.setdefault(path[:end], number)
            depth, quote = _scan_value(line[match.end():], 0, None)
    return lines


def _value_of(line) -> str:
    """The value written after ``key =`` on a line, or ""."""
    match = KEY.match(line)
    return line[match.end():].strip() if match else ""


def _opening_line(lines, last) -> int:
    """The line, up to ``last``, where the bracket left open was opened."""
    opened, depth, quote = last, 0, None
    for number, line in enumerate(lines[:last], 1):
        was_open = depth or quote
        key = KEY.match(line)
        depth, quote = _scan_value(line[key.end():] if key and not was_open else line,
                                   depth, quote)
        if depth and not was_open:
            opened = number
    return opened


class DataFile:
    def __init__(self, path, state):
        self.path = path
        self.state = state
        self.data = None
        self.keys: dict[tuple, int] = {(): 1}
        text = sources.read(path, state)
        if text is None:
            return  # reported: not UTF-8, or a control character
        self.keys = key_lines(text)
        try:
            self.data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            self._syntax_error(str(error), text.splitlines())

    def _syntax_error(self, reason, lines):
        match = re.search(r"\(at line (\d+), column (\d+)\)", reason)
        if match:
            number = int(match.group(1))
        else:  # "at end of document": the last line written
            number = max((i for i, line in enumerate(lines, 1) if line.strip()), default=1)
        line = lines[number - 1] if 0 < number <= len(lines) else ""
        value = _value_of(line)
        if TYPOGRAPHIC_QUOTES.search(line.split("#", 1)[0]):
            quotes = " ".join(sorted(set(TYPOGRAPHIC_QUOTES.findall(line))))
            self.state.problem(self.path, number, "toml_typographic_quotes", quotes=quotes)
        elif TABLE_HEADER.match(line) and not ARRAY_HEADER.match(line):
            # [session] where [[session]] is meant: a second block, not a repetition.
            name = ".".join(_split_key(TABLE_HEADER.match(line)[1]))
            earlier = [n for n, other in enumerate(lines[:number - 1], 1)
                       if TABLE_HEADER.match(other) and not ARRAY_HEADER.match(other)
                       and ".".join(_split_key(TABLE_HEADER.match(other)[1])) == name]
            if earlier:  # a one-block table ([call]) written twice
                self.state.problem(self.path, number, "toml_table_twice", name=name,
                                   first=earlier[0])
            else:
                self.state.problem(self.path, number, "toml_header_single", name=name)
        elif NON_ASCII_KEY.match(line):
            self.state.problem(self.path, number, "toml_key_invalid")
        elif value and MONTH_LIKE.match(value):
            self.state.problem(self.path, number, "toml_month_unquoted")
        elif reason.startswith(REPEATED):
            key = KEY.match(line) or ARRAY_HEADER.match(line) or TABLE_HEADER.match(line)
            name = ".".join(_split_key(key[1])) if key else line.strip()[:40]
            self.state.problem(self.path, number, "toml_key_repeated", key=name)
        elif value and DATE_LIKE.match(value):
            self.state.problem(self.path, number, "toml_date_impossible")
        elif value and YES_NO.match(value):
            self.state.problem(self.path, number, "toml_boolean_word")
        elif value and UNQUOTED.match(value):
            self.state.problem(self.path, number, "toml_unquoted")
        else:
            code = next((code for start, code in SYNTAX if reason.startswith(start)),
                        "toml_other")
            if code == "toml_array_unclosed":  # the parser sees it lines later
                number = _opening_line(lines, number)
            self.state.problem(self.path, number, code)

    def line(self, path=()) -> int:
        """The line of a key path, or of its nearest enclosing key or block."""
        path = tuple(path)
        while path not in self.keys:
            path = path[:-1]
        return self.keys[path]

    def problem(self, path, code, **values):
        self.state.problem(self.path, self.line(path), code, **values)
