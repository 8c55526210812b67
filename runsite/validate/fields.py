"""Field-by-field validation of the organisers' TOML data files, with the line of
every problem; and the fields and values each kind of block allows.
"""

from __future__ import annotations

import datetime
import re

from runsite.core.names import meant
from runsite.read import sources

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")

PARTNER_KINDS = ("university", "platform", "ministry", "embassy", "organisation")
ROLES = ("host", "co-organiser", "partner", "support", "participant", "presented")
# The fields of each TOML block, as documented in content/exemples/.
PARTNER_FIELDS = ("id", "kind", "name", "short", "url", "logo")
MILESTONE_FIELDS = ("id", "date", "title", "description", "figure")
FIGURE_FIELDS = ("value", "label", "more_than")
EDITION_FIELDS = ("number", "start", "end", "city", "host", "venue", "map", "draft",
                  "partner", "session")
EDITION_PARTNER_FIELDS = ("id", "role")
SESSION_FIELDS = ("id", "title", "day", "start", "end", "room", "type", "description",
                  "speakers", "language", "partners")
PUBLISHER_FIELDS = ("name", "email", "address")
SESSION_TYPES = ("talk", "keynote", "round-table", "workshop", "plenary", "meeting",
                 "opening", "closing", "break", "meal")


class Block:
    """One table of a data file, read field by field; problems go to the file, at the
    line of the field (or of the block, for a missing one).

    ``path`` locates the block in the file: ``()`` for the top, ``("partner", 2)``
    for the third ``[[partner]]``, ``("milestone", 0, "figure", 1)`` for a figure.
    """

    def __init__(self, file, data, languages, path=(), allowed=()):
        self.file, self.data, self.languages = file, data, languages
        self.path = tuple(path)
        self.invalid: set[str] = set()  # fields already reported: no second diagnosis
        for key in data:
            if allowed and key not in allowed:
                intended = meant(key, [a for a in allowed if a != key])
                if intended:  # one diagnosis: the typo, not also the missing field
                    self.problem(key, "field_misspelt", field=key, meant=intended)
                    self.invalid.add(intended)
                else:
                    self.problem(key, "field_unknown", field=key, allowed=", ".join(allowed))

    def problem(self, key, code, **values):
        if key:
            self.invalid.add(key.split(".")[0])
        self.file.problem(self.path + (tuple(key.split(".")) if key else ()), code, **values)

    def child(self, key, index, allowed=()):
        """The ``index``-th ``[[key]]`` table inside this block."""
        return Block(self.file, self.tables(key)[index], self.languages,
                     (*self.path, key, index), allowed)

    def has(self, key):
        return self.data.get(key) not in (None, "", [], {})

    def missing(self, key, example):
        if key in self.invalid:  # misspelt, and told so
            return
        self.file.problem(self.path, "field_missing", field=key, example=example)
        self.invalid.add(key)

    def _controls(self, key, value, multiline=False) -> bool:
        """A control character in a value (TOML escapes such as "\\u0001" make them)."""
        match = (sources.CONTROL if multiline else sources.CONTROL_IN_LINE).search(value)
        if match:
            self.problem(key, "control_character", char=f"U+{ord(match.group()):04X}")
        return match is not None

    def string(self, key, required=False, choices=None, pattern=None, example=None):
        value = self.data.get(key)
        if value in (None, ""):
            if required:
                self.missing(key, example or f'ajoutez {key} = "…"')
            return None
        if not isinstance(value, str):
            self.problem(key, "field_not_text", field=key)
            return None
        if self._controls(key, value):
            return None
        value = value.strip()
        if choices and value not in choices:
            self.problem(key, "field_choice", value=value, field=key, choices=", ".join(choices))
            return None
        if pattern and not pattern.match(value):
            self.problem(key, "field_id", value=value, field=key)
            return None
        return value

    def _per_language(self, key):
        return " et ".join(f'{key}.{code} = "…"' for code in self.languages)

    def text(self, key, required=False, multiline=False):
        """A text in every language: key.fr = "…" and key.ar = "…"."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key, self._per_language(key))
            return None
        if not isinstance(value, dict):
            self.problem(key, "field_per_language", field=key, example=self._per_language(key))
            return None
        texts = {}
        for code, language in self.languages.items():
            text = value.get(code)
            if not isinstance(text, str) or not text.strip():
                if key not in self.invalid:  # not when a misspelt field is told already
                    self.problem(f"{key}.{code}" if code in value else key,
                                 "field_language_missing", field=key,
                                 language=language.in_words, lang=code)
            elif self._controls(f"{key}.{code}", text, multiline):
                continue
            else:
                texts[code] = text.strip()
        for code in value:
            if code not in self.languages:
                self.problem(f"{key}.{code}", "field_language_unknown", lang=code, field=key,
                             languages=", ".join(self.languages))
        return texts if len(texts) == len(self.languages) else None

    def counted_text(self, key, required=False):
        """A text that goes with a number, in every language: one text (key.fr = "…")
        or its CLDR plural forms (key.ar.few = "…", key.ar.many = "…", key.ar.other =
        "…"), chosen by the language's plural rule for the number.
        Returns {lang: {form: text}} ("other" always there)."""
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key, self._per_language(key))
            return None
        if not isinstance(value, dict):
            self.problem(key, "field_per_language", field=key, example=self._per_language(key))
            return None
        texts = {}
        for code, language in self.languages.items():
            written = value.get(code)
            if isinstance(written, str):
                written = {"other": written}
            if not isinstance(written, dict) or not written:
                self.problem(f"{key}.{code}" if code in value else key, "field_language_missing",
                             field=key, language=language.in_words, lang=code)
                continue
            forms = language.plural_forms
            for form, text in written.items():
                if form not in forms:
                    self.problem(f"{key}.{code}.{form}", "plural_form_unknown", form=form,
                                 language=language.in_words, forms=", ".join(forms))
                elif not isinstance(text, str) or not text.strip():
                    self.problem(f"{key}.{code}.{form}", "field_not_text",
                                 field=f"{key}.{code}.{form}")
                elif self._controls(f"{key}.{code}.{form}", text):
                    continue
            if "other" not in written:
                self.problem(f"{key}.{code}", "plural_other_missing", field=f"{key}.{code}")
            texts[code] = {form: text.strip() for form, text in written.items()
                           if isinstance(text, str)}
        for code in value:
            if code not in self.languages:
                self.problem(f"{key}.{code}", "field_language_unknown", lang=code, field=key,
                             languages=", ".join(self.languages))
        return texts if len(texts) == len(self.languages) else None

    def date(self, key, required=False, allow_month=False):
        """A real date: 2017-12-05 (TOML date) or "2017-12-05"; "2017-05" if allowed."""
        value = self.data.get(key)
        month = " (ou AAAA-MM pour un mois)" if allow_month else ""
        if value in (None, ""):
            if required:
                self.missing(key, "écrivez la date AAAA-MM-JJ, par exemple 2017-12-05" + month)
            return None, None
        if isinstance(value, datetime.datetime):
            return value.date(), "day"
        if isinstance(value, datetime.date):
            return value, "day"
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip()), "day"
            except ValueError:
                match = MONTH.match(value.strip())
                if allow_month and match and 1 <= int(match.group(2)) <= 12:
                    return datetime.date(int(match.group(1)), int(match.group(2)), 1), "month"
        self.problem(key, "field_date", field=key, value=_shown(value), month=month)
        return None, None

    def time(self, key):
        value = self.data.get(key)
        if value in (None, ""):
            return None
        if isinstance(value, datetime.time):
            return value
        if isinstance(value, str) and TIME.match(value.strip()):
            hours, minutes = value.strip().split(":")
            return datetime.time(int(hours), int(minutes))
        self.problem(key, "field_time", field=key, value=_shown(value))
        return None

    def integer(self, key, required=False, minimum=0):
        value = self.data.get(key)
        if value is None:
            if required:
                self.missing(key, f"ajoutez {key} = 1")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.problem(key, "field_integer", field=key, minimum=minimum,
                         example=max(minimum, 1))
            return None
        return value

    def boolean(self, key):
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            self.problem(key, "field_boolean", field=key)
            return False
        return value

    def strings(self, key):
        value = self.data.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, "field_strings", field=key)
            return []
        if any(self._controls(key, v) for v in value):
            return []
        return [v.strip() for v in value if v.strip()]

    def tables(self, key):
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(key, "field_tables", field=key)
            return []
        return value


def _shown(value) -> str:
    """A value as organisers wrote it, for a message."""
    if isinstance(value, str):
        return f"« {value} »"
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value).lower() if isinstance(value, bool) else str(value)
