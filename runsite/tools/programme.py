"""Import an edition's programme from a spreadsheet: ``make import-programme FILE=… EDITION=…``.

``python -m runsite.tools.programme --file programme.csv --edition run-4`` reads a
table, one row per session, and writes its sessions as the ``[[session]]`` blocks of
content/editions/run-4.toml. Every other line of that file (facts, partners,
changes, photos, comments, the commented templates of ``make new-edition``) stays
byte for byte as it was; the previous sessions are replaced where they were (or,
in a file without any, added after the commented ``# [[session]]`` template, else at
the end). Importing the same table twice gives the same file.

The table
---------
A **CSV** file (``,`` or ``;`` between cells, as Excel saves it in French; UTF-8,
with or without BOM: in Excel, « Enregistrer sous » → « CSV UTF-8 (délimité par des
virgules) ») or an **Excel workbook .xlsx** (its first sheet; cells read as values,
times and dates as Excel formats them). The first row names the columns, in
French; case, accents and spaces do not matter, the order is free:

``identifiant``           the session's id (minuscules, chiffres, tirets: ``ouverture``);
                          obligatory, it keeps the session's address and calendars
``jour``                  AAAA-MM-JJ or JJ/MM/AAAA, or a date cell (facultatif for a
                          one-day edition)
``début``, ``fin``        24-hour time: ``09:00``, ``9:00``, ``9h00``, ``9h`` (written
                          ``09:00``), or a time cell
``salle (français)``, ``salle (arabe)``   the room, in each language
``type``                  Intervention, Conférence inaugurale, Table ronde, Atelier,
                          Séance plénière, Rencontre, Ouverture, Clôture, Pause, Repas
                          (or the site's codes: talk, keynote, round-table…)
``titre (français)``, ``titre (arabe)``   obligatory
``résumé (français)``, ``résumé (arabe)``  facultatif
``intervenants``          ids of content/intervenants.toml, or names of people
                          without a page, separated by ``,`` or ``;``
``partenaires``           ids of content/partenaires.toml, separated by ``,`` or ``;``
``langue``                français, arabe, anglais (or fr, ar, en)
``interprétation``        the languages it is interpreted into, as for langue
``annulée``               oui, or empty

The language columns follow the site's languages (RUN_LANGUAGES: ``titre (<name of
the language in French>)``). A column the table does not have leaves that field as
it is, per session (by identifier): the slides and recordings written after the
event are kept by a new import. Empty rows are skipped.

Every problem is told at once, at its cell: ``programme.csv:4:C: what — fix``
(row of the spreadsheet, header = 1; column letter), in French, with the messages
of runsite.core.messages. The sessions are checked as the build checks them (the
schema, then the edition's cross-checks: days, overlaps in a room, speakers,
partners); if anything is wrong nothing is written. The file is written atomically
(a temporary file, then renamed).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import io
import os
import re
import sys
import tempfile
import tomllib
import unicodedata
import zipfile
from dataclasses import dataclass, field
from types import SimpleNamespace

import openpyxl
import tomlkit
from babel.messages.pofile import read_po
from openpyxl.utils.exceptions import InvalidFileException
from slugify import slugify

from runsite.core import messages, urls
from runsite.core.languages import Languages
from runsite.core.problems import SettingsError, relative
from runsite.model.load import read_edition, read_partners, read_speakers
from runsite.read.datafile import ARRAY_HEADER, TABLE_HEADER, DataFile, key_lines
from runsite.tools.build import load_settings
from runsite.validate import schema

BOM = "\ufeff"
# The columns: (field of schema.Slot, French name, one column per language?).
COLUMNS = (
    ("id", "identifiant", False),
    ("day", "jour", False),
    ("start", "début", False),
    ("end", "fin", False),
    ("room", "salle", True),
    ("type", "type", False),
    ("language", "langue", False),
    ("interpretation", "interprétation", False),
    ("speakers", "intervenants", False),
    ("partners", "partenaires", False),
    ("title", "titre", True),
    ("description", "résumé", True),
    ("cancelled", "annulée", False),
)
# Other ways organisers name a column (after _key: no case, accents or signs).
ALIASES = {"id": "identifiant", "date": "jour", "heure de debut": "debut",
           "heure debut": "debut", "heure de fin": "fin", "heure fin": "fin",
           "description": "resume", "intervenant": "intervenants",
           "partenaire": "partenaires", "annule": "annulee", "annulation": "annulee"}
LANGUAGE_WORDS = {"francais": "fr", "arabe": "ar", "anglais": "en",
                  "fr": "fr", "ar": "ar", "en": "en"}
YES = {"oui", "x", "vrai", "1", "true"}
NO = {"non", "faux", "0", "false"}
TIME = re.compile(r"^(\d{1,2})\s*(?:[:hH.]\s*(\d{2})?)?(?::\d{2})?$")
DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
LIST = re.compile(r"\s*[;,]\s*")


MAX_BYTES = 20_000_000  # a programme's table: a few hundred kilobytes
MAX_ROWS = 2000


class ImportError_(Exception):
    """A problem that stops the import before any cell is read: (where, code, values)."""

    def __init__(self, where, code, **values):
        super().__init__(code)
        self.where, self.code, self.values = where, code, values


def _key(text) -> str:
    """A header as compared: no case, no accents, words only."""
    text = unicodedata.normalize("NFKD", str(text)).casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def letter(index) -> str:
    """The spreadsheet's letter of column ``index`` (0 → A, 26 → AA)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(65 + rest) + name
    return name


def column_names(languages) -> dict[tuple, str]:
    """(field, lang or None) -> the column's French name, in the documented order."""
    names = {}
    for name, label, per_language in COLUMNS:
        if per_language:
            for code, language in languages.items():
                names[(name, code)] = f"{label} ({language.name_fr})"
        else:
            names[(name, None)] = label
    return names


# --- Reading the table ---------------------------------------------------------------

def read_table(path) -> list[tuple[int, list]]:
    """(row number, cells) of every row of the table, the header's included."""
    if not os.path.isfile(path):
        raise ImportError_(path, "import_file_missing")
    extension = os.path.splitext(path)[1].lower()
    if os.path.getsize(path) > MAX_BYTES:
        raise ImportError_(path, "import_too_large", what=_megabytes(os.path.getsize(path)),
                           limit=_megabytes(MAX_BYTES))
    with open(path, "rb") as fp:
        raw = fp.read()
    if extension == ".xlsx":
        return _limited(path, _read_xlsx(path))
    if extension != ".csv":
        raise ImportError_(path, "import_file_type", extension=extension or "(aucune)")
    if raw.startswith(b"PK\x03\x04"):  # a workbook named .csv
        raise ImportError_(path, "import_csv_is_workbook")
    try:
        text = raw.decode("utf-8").removeprefix(BOM)
    except UnicodeDecodeError as error:
        row = raw[: error.start].count(b"\n") + 1
        raise ImportError_(path, "import_not_utf8", row=row) from None
    lines = text.splitlines()
    header = next((line for line in lines if line.strip()), "")
    delimiter = ";" if header.count(";") > header.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    try:
        for cells in reader:
            rows.append((len(rows) + 1, cells))
            # A quote opened and never closed takes the following lines into its cell.
            if any(cell.count("\n") > 1 for cell in cells):
                raise ImportError_(path, "import_csv_broken", row=len(rows))
    except csv.Error:  # ... up to csv's limit of a cell's length
        raise ImportError_(path, "import_csv_broken", row=len(rows) + 1) from None
    return _limited(path, rows)


def _megabytes(size) -> str:
    return f"{size / 1_000_000:.0f} Mo" if size >= 1_000_000 else f"{size} octets"


def _limited(path, rows):
    """A programme is a few hundred rows; more is not a programme (and would take
    minutes to check)."""
    if len(rows) > MAX_ROWS:
        raise ImportError_(path, "import_too_large", what=f"{len(rows)} lignes",
                           limit=f"{MAX_ROWS} lignes")
    return rows


def _read_xlsx(path):
    try:  # a workbook is a zip: its unpacked size is checked before anything is read
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise ImportError_(path, "import_xlsx_unreadable") from None
    if unpacked > MAX_BYTES:
        raise ImportError_(path, "import_too_large", what=f"{_megabytes(unpacked)} décompressé",
                           limit=_megabytes(MAX_BYTES))
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ImportError_(path, "import_xlsx_unreadable") from None
    try:
        sheet = book.worksheets[0]
        return [(number, list(cells)) for number, cells in
                enumerate(sheet.iter_rows(min_row=1, values_only=True), 1)]
    except (KeyError, ValueError, zipfile.BadZipFile):
        raise ImportError_(path, "import_xlsx_unreadable") from None
    finally:
        book.close()


def _text(value) -> str:
    """A cell as text: "" for an empty cell, 12 for 12.0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value).strip()


# --- From rows to sessions --------------------------------------------------------------

@dataclass
class Row:
    number: int
    session: dict
    cells: dict = field(default_factory=dict)  # (field, lang) -> column letter
    shown: dict = field(default_factory=dict)  # field -> the cell as written


@dataclass
class Sheet:
    path: str
    columns: dict  # (field, lang) -> column index
    names: dict  # (field, lang) -> French name
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # (row, column letter, code, values)

    def column(self, name, lang=None) -> str:
        index = self.columns.get((name, lang))
        if index is None:
            index = next((i for (n, _), i in self.columns.items() if n == name),
                         self.columns[("id", None)])
        return letter(index)


def read_header(path, number, cells, languages) -> dict:
    names = column_names(languages)
    known = {_key(name): spec for spec, name in names.items()}
    for (name, lang), label in names.items():
        if lang:
            known.setdefault(_key(f"{label.split(' (')[0]} {lang}"), (name, lang))
    for alias, target in ALIASES.items():
        for spec in [s for k, s in list(known.items()) if k.split(" ")[0] == target]:
            rest = _key(names[spec])[len(target):]
            known.setdefault(alias + rest, spec)
    columns, problems = {}, []
    for index, cell in enumerate(cells):
        text = _text(cell)
        if not text:
            continue
        spec = known.get(_key(text))
        if spec is None:
            problems.append((number, letter(index), "import_header_unknown",
                             {"name": text, "known": ", ".join(names.values())}))
        elif spec in columns:
            problems.append((number, letter(index), "import_header_twice",
                             {"name": text, "first": letter(columns[spec])}))
        else:
            columns[spec] = index
    required = [("id", None)] + [("title", code) for code in languages]
    for name, _, per_language in COLUMNS:
        if per_language and any(n == name for n, _ in columns):
            required += [(name, code) for code in languages]
    missing = [names[spec] for spec in dict.fromkeys(required) if spec not in columns]
    if missing:
        problems.append((number, None, "import_header_missing",
                         {"names": ", ".join(f"« {m} »" for m in missing)}))
    if problems:
        raise _Refused(problems)
    return columns


class _Refused(Exception):
    def __init__(self, problems):
        super().__init__("refused")
        self.problems = problems


@dataclass
class Vocabulary:
    """The words a cell may hold for a choice: French labels and the site's codes."""

    types: dict  # _key(word) -> code
    type_labels: list

    @classmethod
    def of(cls, settings):
        path = os.path.join(settings["RUN_TRANSLATIONS_PATH"], settings["DEFAULT_LANG"],
                            "LC_MESSAGES", "messages.po")
        labels = {}
        try:
            with open(path, "rb") as fp:
                catalog = read_po(fp)
            for code, msgid in schema.LABELS["type"].items():
                message = catalog.get(msgid)
                labels[code] = message.string if message and message.string else code
        except OSError:
            labels = {code: code for code in schema.SESSION_TYPES}
        types = {_key(code): code for code in schema.SESSION_TYPES}
        types.update({_key(label): code for code, label in labels.items()})
        return cls(types, list(labels.values()))


def _time(value):
    if isinstance(value, datetime.datetime):
        value = value.time()
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    match = TIME.match(_text(value))
    if match:
        return f"{int(match.group(1)):02d}:{match.group(2) or '00'}"
    return _text(value)  # refused by the schema, as written


def _day(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    match = DAY_FIRST.match(text)
    try:
        if match:
            return datetime.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        return datetime.date.fromisoformat(text)
    except ValueError:
        return text  # refused by the schema, as written


def _language(text):
    return LANGUAGE_WORDS.get(_key(text), text)


def read_rows(sheet, table, languages, vocabulary):
    ids = {}
    for number, cells in table:
        values = {spec: cells[index] for spec, index in sheet.columns.items()
                  if index < len(cells) and _text(cells[index]) != ""}
        if not values:
            continue
        row = Row(number, {}, {spec: letter(i) for spec, i in sheet.columns.items()},
                  {name: _text(v) for (name, _), v in values.items()})
        session = row.session
        for (name, lang), value in values.items():
            text = _text(value)
            if lang:
                session.setdefault(name, {})[lang] = str(value) if isinstance(value, str) \
                    else text
            elif name == "day":
                session["day"] = _day(value)
            elif name in ("start", "end"):
                session[name] = _time(value)
            elif name == "type":
                session["type"] = vocabulary.types.get(_key(text), text)
            elif name == "language":
                session["language"] = _language(text)
            elif name == "interpretation":
                session[name] = [_language(t) for t in LIST.split(text) if t]
            elif name in ("speakers", "partners"):
                session[name] = [t for t in LIST.split(text) if t]
            elif name == "cancelled":
                if _key(text) in YES:
                    session["cancelled"] = True
                elif _key(text) not in NO:
                    sheet.problems.append((number, row.cells[(name, None)], "import_yes_no",
                                           {"value": text}))
            else:
                session[name] = text
        sid = session.get("id")
        if not sid:
            title = (session.get("title") or {}).get(languages.default.code, "")
            suggestion = slugify(title, max_length=40, word_boundary=True) or "ouverture"
            sheet.problems.append((number, row.cells[("id", None)], "import_id_missing",
                                   {"example": suggestion}))
            continue
        if sid in ids:
            sheet.problems.append((number, row.cells[("id", None)], "import_id_taken",
                                   {"id": sid, "other_row": ids[sid].number}))
        else:
            ids[sid] = row
        sheet.rows.append(row)


# --- Writing the blocks -----------------------------------------------------------------

ORDER = ("id", "day", "start", "end", "room", "type", "language", "interpretation",
         "speakers", "partners", "title", "description", "cancelled")


def _block(session) -> str:
    table = tomlkit.table()
    names = list(ORDER) + [n for n in schema.Slot.model_fields if n not in ORDER]
    for name in names:
        value = session.get(name)
        if value is None or value == [] or value == {}:
            continue
        if isinstance(value, dict):
            for code, text in value.items():
                table.add(tomlkit.key([name, code]), text)
        else:
            table.add(name, value)
    document = tomlkit.document()
    blocks = tomlkit.aot()
    blocks.append(table)
    document.append("session", blocks)
    return tomlkit.dumps(document).strip("\n") + "\n"


def render(sessions) -> str:
    return "\n".join(_block(s) for s in sessions)


def _headers(text) -> list[tuple[int, bool]]:
    """(0-based line, is a [[session]] header) of every table header of a TOML text."""
    known = set(key_lines(text).values())
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        match = ARRAY_HEADER.match(line) or TABLE_HEADER.match(line)
        if match and number in known:
            is_session = bool(ARRAY_HEADER.match(line)) and \
                re.sub(r"\s", "", match[1]) == "session"
            found.append((number - 1, is_session))
    return found


def _blank_or_comment(line) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


def line_ends_of(old, new) -> str:
    """``new`` with the line ends of ``old``: CRLF throughout if ``old`` has them (a
    Windows checkout), never a mix of the two; unchanged otherwise."""
    if "\r\n" not in old:
        return new
    return re.sub(r"(?<!\r)\n", "\r\n", new)


def splice(text, blocks) -> tuple[str, list]:
    """``text`` with its sessions replaced by ``blocks``, where the first one was (each
    session removed from its header to the next block's, whatever lies between: a
    ``[[change]]`` may sit between two sessions). Returns the new text and, for each of
    its lines, the line of ``text`` it comes from (1-based; None for the blocks)."""
    lines = text.splitlines(keepends=True)
    headers = _headers(text)
    starts = [n for n, _ in headers]
    sessions = [n for n, is_session in headers if is_session]
    new = blocks.splitlines(keepends=True)
    if not sessions:
        template = next((n for n, line in enumerate(lines)
                         if re.match(r"^#\s*\[\[\s*session\s*\]\]\s*$", line)), None)
        if template is None:
            return append(text, blocks)
        at = template + 1  # after the commented template of make new-edition
        while at < len(lines) and lines[at].strip() and _blank_or_comment(lines[at]):
            at += 1
        return _joined(lines, [(at, at)], ["\n", *new])
    removed = []
    for start in sessions:
        end = next((n for n in starts if n > start), len(lines))
        while end not in sessions and end > start + 1 and _blank_or_comment(lines[end - 1]):
            end -= 1  # the comments before the next block are that block's
        removed.append((start, end))
    return _joined(lines, removed, new)


def _joined(lines, removed, new) -> tuple[str, list]:
    """``lines`` without the ``removed`` (start, end) ranges, ``new`` at the first."""
    kept, origin = [], []
    gone = {n for start, end in removed for n in range(start, end)}
    for number, line in enumerate(lines):
        if number == removed[0][0]:
            kept += new
            origin += [None] * len(new)
        if number not in gone:
            kept.append(line)
            origin.append(number + 1)
    if removed[0][0] >= len(lines):
        kept += new
        origin += [None] * len(new)
    return "".join(kept), origin


def append(text, blocks) -> tuple[str, list]:
    lines = text.splitlines(keepends=True)
    head = text if text.endswith("\n") or not text else text + "\n"
    new = (["\n"] if head.strip() else []) + blocks.splitlines(keepends=True)
    return head + "".join(new), [*range(1, len(lines) + 1), *[None] * len(new)]


def _same_elsewhere(old, new, sessions) -> bool:
    """The new text holds the sessions, and everything else of the old one."""
    try:
        before, after = tomllib.loads(old), tomllib.loads(new)
    except tomllib.TOMLDecodeError:
        return False
    before.pop("session", None)
    return after.pop("session", None) == tomllib.loads(render(sessions)).get("session") \
        and before == after


# --- Checking as the build does ---------------------------------------------------------

class Recorder:
    """A build state that keeps each problem's values (runsite.core.state.BuildState
    formats them at once)."""

    def __init__(self, languages):
        self.languages = languages
        self.problems = []  # (path, line, code, values)

    def problem(self, path, line, code, **values):
        self.problems.append((path, line, code, values))

    def notice(self, *args, **values):
        pass  # a notice is the build's to say


def _choices(vocabulary, name) -> str:
    if name == "type":
        return ", ".join(vocabulary.type_labels)
    return "français, arabe, anglais (ou fr, ar, en)"


def _at_cell(sheet, vocabulary, row, name, lang, code, values, ids):
    """A problem of the build at a session's cell: (column letter, code, values)."""
    column = row.cells.get((name, lang)) or sheet.column(name, lang)
    shown = row.shown.get(name, "")
    heading = sheet.names.get((name, lang)) or sheet.names.get((name, None), name)
    if code == "field_time":
        return column, "import_time", {"value": shown}
    if code == "field_date":
        return column, "import_date", {"value": shown}
    if code == "field_id":
        return column, "import_id", {"value": shown}
    if code == "field_choice":
        return column, "import_choice", {"value": values.get("value", shown),
                                         "column": heading,
                                         "choices": _choices(vocabulary, name)}
    if code in ("field_language_missing", "field_missing") and name in ("title", "room",
                                                                         "description"):
        return column, "import_text_missing", {"column": heading}
    if code == "session_ends_before_start":
        return column, "import_end_before_start", {"end": values["end"],
                                                   "start": values["start"]}
    if code == "session_end_without_start":
        return column, "import_end_without_start", {"column": sheet.names[("start", None)]}
    if code == "session_without_day":
        return column, "import_day_missing", {}
    if code == "session_day_outside":
        return column, "import_day_outside", {k: values[k] for k in ("day", "start", "end")}
    if code == "session_overlap":
        other = ids.get(values["other"])
        return column, "import_overlap", {**values, "other_row": other.number if other
                                          else "?"}
    if code == "interpretation_without_language":
        return column, "import_interpretation_without_language",\
            {"column": sheet.names[("language", None)]}
    if code == "interpretation_own_language":
        return column, "import_interpretation_own_language", values
    return column, code, values


def check(sheet, candidate, target, content, settings, languages, vocabulary, origin):
    """The build's checks of the edition file ``candidate`` would be: every problem,
    at a cell of ``sheet`` or at a line of ``target``."""
    state = Recorder(languages)
    places = {"content": content, "photos": settings["RUN_PHOTOS_PATH"],
              "documents": settings["RUN_DOCUMENTS_PATH"],
              "document_limit": settings["RUN_DOCUMENT_MAX_MB"]}
    partners = read_partners(os.path.join(content, settings["RUN_PARTNERS_FILE"]), state)
    speakers = read_speakers(os.path.join(content, settings["RUN_SPEAKERS_FILE"]), state,
                             partners, settings["RUN_PHOTOS_PATH"])
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, os.path.basename(target))
        with open(path, "w", encoding="utf-8", newline="") as fp:
            fp.write(candidate)
        read_edition(path, state, partners, speakers, places)
    by_line: dict[int, tuple] = {}
    for key, line in key_lines(candidate).items():
        if key[:1] == ("session",) and len(key) > 1 and len(key) >= len(by_line.get(line, ())):
            by_line[line] = key
    ids = {row.session["id"]: row for row in sheet.rows}
    cells, lines = [], []
    first = next((n for n, old in enumerate(origin, 1) if old is None), 1)
    for problem_path, line, code, values in state.problems:
        key = by_line.get(line) if problem_path == path else None
        if key is None or not isinstance(key[1], int) or key[1] >= len(sheet.rows):
            if problem_path == path:
                problem_path = target  # a line of the file as it is now
                if line and line <= len(origin):
                    # a line of the blocks: where they go (the line before them)
                    line = origin[line - 1] or (origin[first - 2] if first > 1 else 1)
            lines.append((problem_path, line, code, values))
            continue
        if code == "session_id_taken":
            continue  # told already, with both rows
        row = sheet.rows[key[1]]
        name = key[2] if len(key) > 2 else values.get("field", "id")
        lang = values.get("lang") or (key[3] if len(key) > 3 else None)
        if name not in ("room", "title", "description"):
            lang = None
        elif lang is None:
            lang = languages.default.code
        column, code, values = _at_cell(sheet, vocabulary, row, name, lang, code, values, ids)
        cells.append((row.number, column, code, values))
    return cells, lines


# --- The command ------------------------------------------------------------------------

@dataclass
class Result:
    problems: list  # printed lines, file:row:column: what — fix
    written: str | None = None  # the edition file
    sessions: int = 0
    changed: bool = False


def _say(where, code, values) -> str:
    what, fix = messages.say(code, **values)
    return f"{where}: {what} — {fix}"


def _sorted(problems):
    def order(item):
        number, column = item[0], item[1] or ""
        return (number, len(column), column)
    return sorted(problems, key=order)


def import_programme(file, edition, content="content", settings_file="pelicanconf.py",
                     settings=None) -> Result:
    """Read the table ``file`` and write its sessions into the edition ``edition`` of
    ``content``; nothing is written if anything is wrong (Result.problems)."""
    settings = settings or load_settings(settings_file, content)
    languages = Languages.from_settings(settings)
    shown = relative(file, os.getcwd())
    folder = os.path.join(content, settings["RUN_EDITIONS_PATH"])
    target = os.path.join(folder, f"{edition}.toml")
    # An edition's name, never a path: nothing outside content/editions/ is written.
    if not schema.ID.match(edition or "") or not os.path.isfile(target):
        known = sorted(os.path.splitext(n)[0] for n in os.listdir(folder)
                       if n.endswith(".toml")) if os.path.isdir(folder) else []
        shown_target = target if schema.ID.match(edition or "") else folder
        return Result([_say(relative(shown_target, os.getcwd()), "import_edition_unknown",
                            {"edition": edition, "known": ", ".join(known) or "aucune"})])
    try:
        table = read_table(file)
    except ImportError_ as error:
        where = relative(error.where, os.getcwd())
        if "row" in error.values:
            where += f":{error.values.pop('row')}"
        return Result([_say(where, error.code, error.values)])
    table = [(n, cells) for n, cells in table]
    header = next(((n, cells) for n, cells in table if any(_text(c) for c in cells)), None)
    if header is None:
        return Result([_say(shown, "import_empty", {})])
    try:
        columns = read_header(file, *header, languages)
    except _Refused as refused:
        return Result([_say(f"{shown}:{n}" + (f":{c}" if c else ""), code, values)
                       for n, c, code, values in refused.problems])
    sheet = Sheet(file, columns, column_names(languages))
    vocabulary = Vocabulary.of(settings)
    read_rows(sheet, [(n, c) for n, c in table if n > header[0]], languages, vocabulary)
    if not sheet.rows and not sheet.problems:
        return Result([_say(shown, "import_empty", {})])
    with open(target, "rb") as fp:
        raw = fp.read()
    try:
        old_text = raw.decode("utf-8")
        old = tomllib.loads(old_text.removeprefix(BOM))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        state = Recorder(languages)
        DataFile(target, state)  # says what is wrong with it, in French
        return Result([_say(f"{relative(p, os.getcwd())}:{line}", code, values)
                       for p, line, code, values in state.problems])
    previous = {s.get("id"): s for s in old.get("session", []) if isinstance(s, dict)}
    imported = {name for name, _ in columns}
    sessions = []
    for row in sheet.rows:
        kept = {name: value for name, value in previous.get(row.session["id"], {}).items()
                if name not in imported and name in schema.Slot.model_fields}
        sessions.append({**kept, **row.session})
    blocks = render(sessions)
    candidate, origin = splice(old_text, blocks)
    if not _same_elsewhere(old_text, candidate, sessions):
        candidate, origin = append(old_text, blocks)  # after everything: always a session
    candidate = line_ends_of(old_text, candidate)
    cells, lines = check(sheet, candidate, target, content, settings, languages, vocabulary,
                         origin)
    problems = [_say(f"{shown}:{n}" + (f":{c}" if c else ""), code, values)
                for n, c, code, values in _sorted(sheet.problems + cells)]
    problems += [_say(relative(p, os.getcwd()) + (f":{line}" if line else ""), code, values)
                 for p, line, code, values in lines]
    if problems:
        return Result(list(dict.fromkeys(problems)))
    changed = candidate != old_text
    if changed:
        write_atomically(target, candidate)
    return Result([], target, len(sessions), changed)


def write_atomically(path, text):
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=".import-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as fp:
            fp.write(text)
            fp.flush()
            os.fsync(fp.fileno())
        if os.path.exists(path):
            os.chmod(temporary, os.stat(path).st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", required=True, help="le tableau : .csv ou .xlsx")
    parser.add_argument("--edition", required=True, help="l'édition, par exemple run-4")
    parser.add_argument("--content", default="content")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    args = parser.parse_args(argv)
    try:
        settings = load_settings(args.settings, args.content)
        result = import_programme(args.file, args.edition, args.content, settings=settings)
    except SettingsError as error:
        print(error.problem, file=sys.stderr)
        return 1
    if result.problems:
        for line in result.problems:
            print(line, file=sys.stderr)
        print(f"{messages.counted(len(result.problems), 'problème')} à corriger : rien n'a "
              "été écrit.", file=sys.stderr)
        return 1
    target = relative(result.written, os.getcwd())
    print(f"{messages.counted(result.sessions, 'séance importée', 'séances importées')} "
          f"dans {target}"
          + ("." if result.changed else " (le fichier était déjà à jour)."))
    languages = Languages.from_settings(settings)
    edition = SimpleNamespace(id=args.edition)
    addresses = [urls.absolute(settings, languages, code, "agenda", edition)
                 for code in languages]
    python = relative(sys.executable, os.getcwd())
    print(f"Aperçu (make serve, ou {python} -m runsite serve) : " + " et ".join(addresses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
