"""The organisers' data files, declared once per kind of block (pydantic models).

Each field says its type and how organisers write it; from these declarations
follow the validation of content/ with its French messages at the line of the
field (``check``), the check that the commented examples of content/exemples/ show
every field (``undocumented``) and the edition file that ``make new-edition`` writes
(runsite.tools.scaffold). Adding a field to a kind is one line here; a template
then shows it.

Values are checked as organisers write them in TOML: ``""`` is a value left empty
(the field is then absent), a text is given per language (``title.fr`` /
``title.ar``), a date is ``2017-12-05`` with or without quotes. Every refusal is a
message of runsite.core.messages (PydanticCustomError carries its name and values);
pydantic's own English never reaches organisers.
"""

from __future__ import annotations

import datetime
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar
from urllib.parse import urlsplit

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError
from slugify import slugify

from runsite.core.names import meant
from runsite.read import sources
from runsite.read.catalogs import N_
from runsite.read.files import STATIC_NAME
from runsite.read.sanitize import RESERVED_ID

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
# Never in an address as written (RFC 3986 has them percent-encoded): they would
# end an HTML attribute or a Markdown link.
URL_FORBIDDEN = re.compile(
    r'[\s"<>\\^`{|}\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]')
ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u0671-\u06d3\u06fa-\u06ff]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
EMAIL = re.compile(r"^[^@\s\"<>]+@[^@\s\"<>]+\.[A-Za-z]{2,}$")
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
PHOTO_TYPES = (".jpg", ".jpeg", ".png")
IMAGES_FOLDER = "images"
# Slides: what a visitor opens without a plug-in, and what presentation software saves.
DOCUMENT_TYPES = (".pdf", ".odp", ".pptx")


def _refuse(code, at=None, **values):
    """A refusal: message ``code`` of runsite.core.messages, at the field or at the
    sub-key ``at`` ("title.ar")."""
    return PydanticCustomError(code, code, {**values, "_at": at})


def _shown(value) -> str:
    """A value as organisers wrote it, for a message."""
    if isinstance(value, str):
        return f"« {value} »"
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, dict):
        return "un bloc de champs"
    if isinstance(value, list):
        return "une liste"
    return str(value).lower() if isinstance(value, bool) else str(value)


def _no_controls(value):
    """A control character in a one-line value (TOML escapes such as "\\u0001")."""
    match = sources.CONTROL_IN_LINE.search(value)
    if match:
        raise _refuse("control_character", char=f"U+{ord(match.group()):04X}")


# --- How each kind of value is written ------------------------------------------------

@dataclass(frozen=True)
class Kind:
    """How one field is written and checked. ``example`` is what the message for a
    missing field shows; ``scaffold`` what a new edition file shows for it."""

    example: str | None = None
    help: str = ""  # what the field is, for a new edition's file (in French)
    sample: Any = "…"  # a value to show in a new edition's file
    empty_is_absent: bool = True  # "" means the field was left out

    def example_for(self, field, languages) -> str:
        return self.example or f'ajoutez {field} = "…"'

    def toml(self, field, languages, value=None) -> list[str]:
        """The TOML line(s) that write ``value`` (or the sample) for ``field``."""
        value = self.sample if value is None else value
        return [f"{field} = {_toml_value(value)}"]

    def check(self, value, field, info):  # returns the value for the model
        return value


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, datetime.date)):
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def kind_of(field_info) -> Kind:
    """How a field of a schema is written (its Kind)."""
    return next(m for m in field_info.metadata if isinstance(m, Kind))


def _checked(kind_class):
    """``Annotated[Any, KindClass(...)]`` runs ``check`` before pydantic sees the value."""
    def annotate(*args, **kwargs):
        kind = kind_class(*args, **kwargs)

        def run(value, info: ValidationInfo):
            return kind.check(value, info.field_name, info)

        return Annotated[Any, kind, BeforeValidator(run)]
    return annotate


@dataclass(frozen=True)
class _String(Kind):
    choices: tuple = ()
    pattern: Any = None

    def check(self, value, field, info):
        if not isinstance(value, str):
            raise _refuse("field_not_text", field=field)
        _no_controls(value)
        value = value.strip()
        if self.choices and value not in self.choices:
            raise _refuse("field_choice", value=value, field=field, choices=", ".join(self.choices))
        if self.pattern and not self.pattern.match(value):
            raise _refuse("field_id", value=value, field=field)
        return value


ID_LONGEST = 80


@dataclass(frozen=True)
class _Id(_String):
    pattern: Any = ID

    def example_for(self, field, languages):
        return self.example or f'ajoutez {field} = "…" (minuscules, chiffres et tirets)'

    def check(self, value, field, info):
        value = super().check(value, field, info)
        if RESERVED_ID.match(value):
            raise _refuse("html_id_reserved", id=value)
        if len(value) > ID_LONGEST:  # it names files: some systems refuse long names
            raise _refuse("field_id_long", field=field, length=len(value), most=ID_LONGEST)
        return value


@dataclass(frozen=True)
class _Text(Kind):
    """A text in every language: ``key.fr = "…"`` and ``key.ar = "…"``."""

    multiline: bool = False
    empty_is_absent: bool = False

    def example_for(self, field, languages):
        return " et ".join(f'{field}.{code} = "…"' for code in languages)

    def toml(self, field, languages, value=None) -> list[str]:
        value = value or {}
        return [f"{field}.{code} = {_toml_value(value.get(code, self.sample))}"
                for code in languages]

    def check(self, value, field, info):
        languages = info.context["languages"]
        if not isinstance(value, dict):
            raise _refuse("field_per_language", field=field,
                          example=self.example_for(field, languages))
        problems, texts = [], {}
        for code, language in languages.items():
            written = self._written(value.get(code))
            if written is None and language.partial and code not in value:
                continue  # shown in the default language until it is written
            if written is None:
                problems.append(_refuse("field_language_missing",
                                        at=f"{field}.{code}" if code in value else None,
                                        field=field, language=language.in_words, lang=code))
                continue
            text = self._one(written, f"{field}.{code}", language, problems)
            if text is not None:
                texts[code] = text
        for code in value:
            if code not in languages:
                problems.append(_refuse("field_language_unknown", at=f"{field}.{code}",
                                        lang=code, field=field, languages=", ".join(languages)))
        if problems:
            raise _Several(problems)
        return texts

    def _written(self, value):
        """The text as written in one language, or None if there is none."""
        return value if isinstance(value, str) and value.strip() else None

    def _one(self, text, at, language, problems):
        match = (sources.CONTROL if self.multiline else sources.CONTROL_IN_LINE).search(text)
        if match:
            problems.append(_refuse("control_character", at=at,
                                    char=f"U+{ord(match.group()):04X}"))
            return None
        if _characters_lost(text, language):
            problems.append(_refuse("text_characters_lost", at=at,
                                    language=language.in_words))
            return None
        return text.strip()


# What an encoding loss leaves: U+FFFD, or « ???? » where letters of a script other
# than Latin were (Excel's « CSV » of an Arabic text, a copy through a Latin-1 tool).
LOST = re.compile(r"\ufffd|\?\?")
SCRIPT_LETTERS = {"Arab": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
                  "Tfng": re.compile(r"[\u2d30-\u2d7f]")}


def _characters_lost(text, language) -> bool:
    if "\ufffd" in text:
        return True
    letters = SCRIPT_LETTERS.get(language.script)
    return bool(letters and LOST.search(text) and not letters.search(text))


@dataclass(frozen=True)
class _CountedText(_Text):
    """A text that goes with a number: one text per language, or its CLDR plural forms
    (``label.ar.few``, ``label.ar.other``…), chosen by the language's rule for the
    number. The model gets {lang: {form: text}}, "other" always there."""

    def _written(self, value):
        if isinstance(value, str):
            value = {"other": value}
        return value if isinstance(value, dict) and value else None

    def _one(self, forms, at, language, problems):
        for form, text in forms.items():
            where = f"{at}.{form}"
            if form not in language.plural_forms:
                problems.append(_refuse("plural_form_unknown", at=where, form=form,
                                        language=language.in_words,
                                        forms=", ".join(language.plural_forms)))
            elif not isinstance(text, str) or not text.strip():
                problems.append(_refuse("field_not_text", at=where, field=where))
            else:
                match = sources.CONTROL_IN_LINE.search(text)
                if match:
                    problems.append(_refuse("control_character", at=where,
                                            char=f"U+{ord(match.group()):04X}"))
        if "other" not in forms:
            problems.append(_refuse("plural_other_missing", at=at, field=at))
        return {form: text.strip() for form, text in forms.items() if isinstance(text, str)}


class _Several(ValueError):
    """More than one refusal for one field (a text missing in two languages)."""

    def __init__(self, refusals):
        super().__init__("several")
        self.refusals = refusals


@dataclass(frozen=True)
class _Date(Kind):
    """A real date: 2017-12-05 (a TOML date) or "2017-12-05"; "2017-05" if allowed.
    The model gets (date, "day" | "month")."""

    allow_month: bool = False

    def _month(self):
        return " (ou AAAA-MM pour un mois)" if self.allow_month else ""

    def example_for(self, field, languages):
        return "écrivez la date AAAA-MM-JJ, par exemple 2017-12-05" + self._month()

    def toml(self, field, languages, value=None) -> list[str]:
        if isinstance(value, tuple):  # as checked: (date, precision)
            value = value[0]
        return [f"{field} = {value.isoformat() if value else 'AAAA-MM-JJ'}"]

    def check(self, value, field, info):
        if isinstance(value, datetime.datetime):
            return value.date(), "day"
        if isinstance(value, datetime.date):
            return value, "day"
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip()), "day"
            except ValueError:
                match = MONTH.match(value.strip())
                if self.allow_month and match and 1 <= int(match.group(2)) <= 12:
                    return datetime.date(int(match.group(1)), int(match.group(2)), 1), "month"
        raise _refuse("field_date", field=field, value=_shown(value), month=self._month())


@dataclass(frozen=True)
class _Time(Kind):
    def check(self, value, field, info):
        if isinstance(value, datetime.time):
            return value
        # "9:30" as well as "09:30": the spreadsheet import accepts both, so does the file.
        if isinstance(value, str) and TIME.match(re.sub(r"^(\d):", r"0\1:", value.strip())):
            hours, minutes = value.strip().split(":")
            return datetime.time(int(hours), int(minutes))
        raise _refuse("field_time", field=field, value=_shown(value))


@dataclass(frozen=True)
class _Integer(Kind):
    minimum: int = 0
    empty_is_absent: bool = False

    def example_for(self, field, languages):
        return self.example or f"ajoutez {field} = 1"

    def check(self, value, field, info):
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            raise _refuse("field_integer", field=field, minimum=self.minimum,
                          example=max(self.minimum, 1))
        return value


@dataclass(frozen=True)
class _Boolean(Kind):
    empty_is_absent: bool = False

    def check(self, value, field, info):
        if not isinstance(value, bool):
            raise _refuse("field_boolean", field=field)
        return value


@dataclass(frozen=True)
class _Strings(Kind):
    """A list of texts; one text alone is a list of one."""

    empty_is_absent: bool = False

    def check(self, value, field, info):
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise _refuse("field_strings", field=field)
        for item in value:
            _no_controls(item)
        return [v.strip() for v in value if v.strip()]


@dataclass(frozen=True)
class _Choices(_Strings):
    """A list of values among ``choices`` ("fr", "ar"), each once."""

    choices: tuple = ()

    def check(self, value, field, info):
        values = super().check(value, field, info)
        for item in values:
            if item not in self.choices:
                raise _refuse("field_choice", value=item, field=field,
                              choices=", ".join(self.choices))
        return list(dict.fromkeys(values))


@dataclass(frozen=True)
class _Url(_String):
    """An address to another site, parsed and allowed by its scheme (https, http)."""

    def check(self, value, field, info):
        value = super().check(value, field, info)
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 -- raises ValueError for a port out of range
        except ValueError:
            parts = None
        if parts is not None and "@" in parts.netloc:
            raise _refuse("url_userinfo", value=value, field=field)
        if (parts is None or URL_FORBIDDEN.search(value) or parts.scheme.lower() not in
                ("https", "http") or not parts.hostname):
            raise _refuse("url_refused", value=value, field=field)
        return value


@dataclass(frozen=True)
class _Links(_Strings):
    """Addresses to other sites, https only (a speaker's pages)."""

    def check(self, value, field, info):
        links = super().check(value, field, info)  # a list of texts, as for _Strings
        for item in links:
            if not item.lower().startswith("https://"):
                raise _refuse("link_not_https", value=item, field=field)
            _Url().check(item, field, info)
        return links


@dataclass(frozen=True)
class _Name(_String):
    """A person's name: letters, and no invisible character (a zero-width space, a
    direction mark) that would make it empty or reorder what follows it."""

    def check(self, value, field, info):
        value = super().check(value, field, info)
        for char in value:
            if unicodedata.category(char) == "Cf":
                raise _refuse("control_character", char=f"U+{ord(char):04X}")
        if not re.search(r"[^\W\d_]", value):
            raise _refuse("name_without_letter", value=value, field=field)
        return value


@dataclass(frozen=True)
class _ArabicName(_Name):
    """A name in Arabic script (a speaker's, beside the Latin one)."""

    def check(self, value, field, info):
        value = super().check(value, field, info)
        if not ARABIC_LETTER.search(value) or LATIN_LETTER.search(value):
            raise _refuse("name_not_arabic", value=value, field=field)
        return value


@dataclass(frozen=True)
class _Affiliation(_Text):
    """Where someone works: a partner's id (``affiliation = "usmba"``), or a text per
    language (``affiliation.fr`` / ``affiliation.ar``). The model gets ("partner", id)
    or ("text", {lang: text})."""

    def example_for(self, field, languages):
        return f'ajoutez {field} = "identifiant du partenaire", ou ' + \
            super().example_for(field, languages)

    def toml(self, field, languages, value=None) -> list[str]:
        return [f"{field} = {_toml_value(value or self.sample)}"]

    empty_is_absent: bool = True

    def check(self, value, field, info):
        if isinstance(value, str):
            if not ID.match(value.strip()):
                raise _refuse("affiliation_invalid", value=value, field=field)
            return "partner", _Id().check(value, field, info)
        return "text", super().check(value, field, info)


def _named_well(value):
    """A file named as content/ requires (lowercase ASCII, digits, dashes: an address),
    or a refusal that gives the name to use."""
    name = value.rpartition("/")[2]
    stem, dot, extension = name.rpartition(".")
    if URL_FORBIDDEN.search(value) or "%" in value or not STATIC_NAME.match(name):
        suggestion = (slugify(stem or name) or "fichier") + (dot + extension.lower())
        raise _refuse("file_named_badly", value=value, suggestion=suggestion)


@dataclass(frozen=True)
class _ContentFile(_String):
    """A file of a folder of content/, named from content/ (``photos/run-4/amphi.jpg``):
    inside the folder, named as an address, of an accepted type, there. The model gets
    the normalised path."""

    place: str = ""  # the context's key for the folder ("photos": RUN_PHOTOS_PATH)
    types: tuple = ()
    outside: str = ""  # the message codes of each refusal
    wrong_type: str = ""
    missing: str = ""

    def check(self, value, field, info):
        value = super().check(value, field, info)
        normalized = os.path.normpath(value).replace(os.sep, "/")
        folder = info.context.get(self.place, self.place)
        if (urlsplit(value).scheme or value.startswith(("/", "\\"))
                or not normalized.startswith(f"{folder}/")):
            raise _refuse(self.outside, value=value, folder=folder, field=field)
        _named_well(value)
        if not normalized.lower().endswith(self.types):
            raise _refuse(self.wrong_type, value=value)
        if not os.path.isfile(os.path.join(info.context["content"], normalized)):
            raise _refuse(self.missing, value=value, folder=folder)
        return normalized


@dataclass(frozen=True)
class _Photo(_ContentFile):
    """A person's photo in content/photos/ (JPEG or PNG): never published as it is,
    only through the image pipeline."""

    place: str = "photos"
    types: tuple = PHOTO_TYPES
    outside: str = "photo_outside"
    wrong_type: str = "photo_type"
    missing: str = "photo_missing"


@dataclass(frozen=True)
class _Document(_ContentFile):
    """A session's slides in content/documents/ (PDF, ODP or PPTX), published only
    while a session names it, refused above the size limit."""

    place: str = "documents"
    types: tuple = DOCUMENT_TYPES
    outside: str = "document_outside"
    wrong_type: str = "document_type"
    missing: str = "document_missing"

    def check(self, value, field, info):
        normalized = super().check(value, field, info)
        limit = info.context.get("document_limit", 20)
        size = os.path.getsize(os.path.join(info.context["content"], normalized))
        if size > limit * 1_000_000:
            raise _refuse("document_too_large", value=normalized,
                          size=round(size / 1_000_000), limit=limit)
        return normalized


@dataclass(frozen=True)
class _SecureUrl(_Url):
    """An address to another site in https only (a recording, a transcript)."""

    def check(self, value, field, info):
        value = super().check(value, field, info)
        if not value.lower().startswith("https://"):
            raise _refuse("link_not_https", value=value, field=field)
        return value


@dataclass(frozen=True)
class _Email(_String):
    def check(self, value, field, info):
        value = super().check(value, field, info)
        if not EMAIL.match(value):
            raise _refuse("email_invalid", value=value)
        return value


@dataclass(frozen=True)
class _Image(_String):
    """An image file of content/images/, named from content/."""

    def check(self, value, field, info):
        value = super().check(value, field, info)
        normalized = os.path.normpath(value).replace(os.sep, "/")
        if (urlsplit(value).scheme or value.startswith(("/", "\\"))
                or not normalized.startswith(f"{IMAGES_FOLDER}/")):
            raise _refuse("logo_outside", value=value)
        if URL_FORBIDDEN.search(value) or "%" in value:
            raise _refuse("logo_name", value=value)
        if not normalized.lower().endswith(LOGO_TYPES):
            raise _refuse("logo_type", value=value, types=", ".join(LOGO_TYPES))
        if not os.path.isfile(os.path.join(info.context["content"], normalized)):
            raise _refuse("logo_missing", value=value)
        return normalized


@dataclass(frozen=True)
class Blocks(Kind):
    """``[[name]]`` blocks of the kind ``model``, each checked on its own (a mistake in
    one session does not hide the others')."""

    model: Any = None
    empty_is_absent: bool = False

    def check(self, value, field, info):
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise _refuse("field_tables", field=field)
        return value


String = _checked(_String)
Id = _checked(_Id)
Text = _checked(_Text)
CountedText = _checked(_CountedText)
Date = _checked(_Date)
Time = _checked(_Time)
Integer = _checked(_Integer)
Boolean = _checked(_Boolean)
Strings = _checked(_Strings)
Choices = _checked(_Choices)
Url = _checked(_Url)
Email = _checked(_Email)
Links = _checked(_Links)
Name = _checked(_Name)
ArabicName = _checked(_ArabicName)
Affiliation = _checked(_Affiliation)
Image = _checked(_Image)
Photo = _checked(_Photo)
Document = _checked(_Document)
SecureUrl = _checked(_SecureUrl)


@dataclass(frozen=True)
class Table(Kind):
    """A ``[name]`` table of the kind ``model`` (an edition's call for proposals)."""

    model: Any = None
    empty_is_absent: bool = False

    def check(self, value, field, info):
        if not isinstance(value, dict):
            raise _refuse("field_table", field=field)
        return value


def BlocksOf(model, **options):
    return _checked(Blocks)(model=model, **options)


def TableOf(model, **options):
    return _checked(Table)(model=model, **options)


# --- The kinds of blocks ---------------------------------------------------------------

# The values a choice allows, with how the site names them (theme strings: the
# templates show ``label("role", role)`` in the page's language).
LABELS = {
    "kind": {"university": N_("University"), "platform": N_("Platform"),
             "ministry": N_("Ministry"), "embassy": N_("Embassy"),
             "organisation": N_("Organisation")},
    "role": {"host": N_("Host university"), "co-organiser": N_("Co-organiser"),
             "partner": N_("Partner"), "support": N_("Support"),
             "participant": N_("Taking part"), "presented": N_("Platform presented")},
    "type": {"talk": N_("Talk"), "keynote": N_("Keynote"), "round-table": N_("Round table"),
             "workshop": N_("Workshop"), "plenary": N_("Plenary session"),
             "meeting": N_("Meeting"), "opening": N_("Opening"), "closing": N_("Closing"),
             "break": N_("Break"), "meal": N_("Meal")},
    # The language a session is given in (not the site's languages).
    "language": {"fr": N_("in French"), "ar": N_("in Arabic"), "en": N_("in English")},
    # The languages a session is interpreted into: "with interpretation into Arabic".
    "interpretation": {"fr": N_("into French"), "ar": N_("into Arabic"),
                       "en": N_("into English")},
    # An edition that does not take place as announced.
    "status": {"cancelled": N_("Cancelled"), "postponed": N_("Postponed")},
    # Why a photo of the gallery may be published (law 09-08: a person's image is
    # personal data).
    "consent": {"written": N_("Everyone recognisable agreed in writing"),
                "nobody": N_("No one can be recognised")},
}
PARTNER_KINDS = tuple(LABELS["kind"])
ROLES = tuple(LABELS["role"])
SESSION_TYPES = tuple(LABELS["type"])
SESSION_LANGUAGES = tuple(LABELS["language"])
STATUSES = tuple(LABELS["status"])
CONSENTS = tuple(LABELS["consent"])


class Schema(BaseModel):
    """A block of a data file: only its declared fields, each as declared."""

    model_config = ConfigDict(extra="forbid", frozen=True, hide_input_in_errors=True)
    block: ClassVar[str] = ""  # the [[block]] header of its blocks, "" for a whole file

    @model_validator(mode="before")
    @classmethod
    def _empty_is_absent(cls, data):
        """``key = ""`` is a field left out (a required one is then missing)."""
        if not isinstance(data, dict):
            return data
        return {key: value for key, value in data.items()
                if not (value in ("", None) and key in cls.model_fields
                        and kind_of(cls.model_fields[key]).empty_is_absent)}


class Partner(Schema):
    """content/partenaires.toml, one [[partner]] block."""

    block: ClassVar[str] = "partner"
    id: Id(help="identifiant (minuscules, chiffres et tirets)", sample="universite-exemple")
    kind: String(choices=PARTNER_KINDS, sample="university")
    name: Text(help="le nom complet, dans chaque langue")
    short: String(help="sigle (facultatif)", sample="UE") = None
    url: Url(help="son site (facultatif)", sample="https://…") = None
    logo: Image(help="facultatif, fichier dans content/images/",
                sample="images/universite-exemple.svg") = None


class Publisher(Schema):
    """content/editeur.toml: who publishes the site, named in its statements."""

    name: Text(help="l'établissement ou le service qui publie le site")
    email: Email(help="l'adresse à laquelle écrire", sample="contact@universite.ma") = None
    address: Text(multiline=True, help="l'adresse postale (facultatif)") = None


class Figure(Schema):
    """A figure of a milestone: ``value`` and the ``label`` that goes with it."""

    block: ClassVar[str] = "figure"
    value: Integer(help="le nombre", sample=49)
    label: CountedText(help="ce qu'il compte (formes du pluriel possibles)")
    more_than: Boolean(help="true : « plus de »", sample=True) = False


class Milestone(Schema):
    """content/jalons.toml, one [[milestone]] block of the timeline."""

    block: ClassVar[str] = "milestone"
    id: Id(help="identifiant (minuscules, chiffres et tirets)")
    date: Date(allow_month=True, help="AAAA-MM-JJ, ou AAAA-MM si seul le mois est connu")
    title: Text(help="le titre, dans chaque langue")
    description: Text(multiline=True, help="facultatif") = None
    figure: BlocksOf(Figure, help="Chiffres du jalon (facultatif).") = []


class EditionPartner(Schema):
    """A partner's role in one edition ([[partner]] of an edition file)."""

    block: ClassVar[str] = "partner"
    id: String(help="identifiant dans content/partenaires.toml", sample="identifiant")
    role: String(choices=ROLES, sample="partner")


class Speaker(Schema):
    """content/intervenants.toml, one [[speaker]] block: someone who speaks at a
    session, written once for every edition."""

    block: ClassVar[str] = "speaker"
    id: Id(help="identifiant (minuscules, chiffres et tirets), cité par les séances",
           sample="prenom-nom")
    name: Name(help="le nom en caractères latins, tel que la personne l'écrit",
               sample="Prénom Nom")
    name_ar: ArabicName(help="le nom en caractères arabes (facultatif)",
                        sample="الاسم العائلي") = None
    affiliation: Affiliation(help="identifiant de son établissement dans "
                             "content/partenaires.toml, ou affiliation.fr / .ar",
                             sample="identifiant") = None
    bio: Text(multiline=True, help="deux ou trois phrases, dans chaque langue "
              "(facultatif)") = None
    photo: Photo(help="facultatif, fichier .jpg ou .png dans content/photos/",
                 sample="photos/prenom-nom.jpg") = None
    photo_consent: Boolean(help="true : la personne a accepté par écrit que sa photo "
                           "soit publiée (obligatoire pour publier photo)", sample=True
                           ) = False
    photo_alt: Text(help="ce que montre la photo, dans chaque langue (obligatoire avec "
                    "photo)") = None
    links: Links(help="ses pages (https seulement)", sample=["https://…"]) = []


class SpeakersFile(Schema):
    speaker: BlocksOf(Speaker) = []


class Slot(Schema):
    """One slot of an edition's agenda ([[session]] of an edition file)."""

    block: ClassVar[str] = "session"
    id: Id(help="identifiant de la séance", sample="ouverture")
    title: Text(help="le titre, dans chaque langue")
    day: Date(help="le jour, pour une édition de plusieurs jours") = None
    start: Time(help="heure du Maroc, sur 24 h", sample="09:00") = None
    end: Time(help="heure du Maroc, sur 24 h", sample="09:30") = None
    room: Text(help="la salle, écrite de la même façon dans toutes les séances") = None
    type: String(choices=SESSION_TYPES, sample="opening") = None
    description: Text(multiline=True, help="facultatif") = None
    speakers: Strings(help="les intervenants : identifiants de content/intervenants.toml, "
                      "ou nom d'une personne sans page", sample=["prenom-nom"]) = []
    language: String(choices=SESSION_LANGUAGES, help="la langue de la séance",
                     sample="fr") = None
    partners: Strings(help="partenaires qui y prennent part (identifiants)",
                      sample=["identifiant"]) = []
    interpretation: Choices(choices=SESSION_LANGUAGES, help="langues vers lesquelles la "
                            "séance est interprétée (facultatif ; avec language)",
                            sample=["ar"]) = []
    cancelled: Boolean(help="true : la séance n'a plus lieu (gardez le bloc, et dites-le "
                       "dans un bloc [[change]])", sample=True) = False
    # After the event: what visitors come back for (docs/guide-organisateurs.md).
    slides: Document(help="les diapositives : fichier .pdf, .odp ou .pptx dans "
                     "content/documents/ (facultatif)",
                     sample="documents/run-n/ouverture.pdf") = None
    slides_language: String(choices=SESSION_LANGUAGES, help="la langue des diapositives "
                            "(facultatif : sinon, celle de la séance)", sample="fr") = None
    recording: SecureUrl(help="l'enregistrement : l'adresse de sa page chez l'hébergeur "
                         "vidéo (https)", sample="https://…") = None
    recording_poster: Photo(help="l'image de l'enregistrement, .jpg ou .png dans "
                            "content/photos/ (facultatif : sinon, celle du site)",
                            sample="photos/run-n/ouverture.jpg") = None
    captions: Choices(choices=SESSION_LANGUAGES, help="les langues des sous-titres de "
                      "l'enregistrement", sample=["fr", "ar"]) = []
    transcript: SecureUrl(help="la transcription de l'enregistrement (https, facultatif)",
                          sample="https://…") = None
    recording_opt_out: Boolean(help="true : un intervenant refuse que l'enregistrement "
                               "soit publié (il n'est plus montré)", sample=True) = False
    links: Links(help="d'autres liens de la séance (https seulement)",
                 sample=["https://…"]) = []


class Change(Schema):
    """One published change of an edition's programme ([[change]] of an edition file)."""

    block: ClassVar[str] = "change"
    date: Date(help="le jour où le changement est publié (AAAA-MM-JJ)")
    text: Text(multiline=True, help="ce qui change, en une phrase, dans chaque langue")
    sessions: Strings(help="les séances concernées (leurs id ; facultatif)",
                      sample=["ouverture"]) = []


class GalleryPhoto(Schema):
    """One photo of an edition's gallery ([[photo]] of an edition file)."""

    block: ClassVar[str] = "photo"
    file: Photo(help="fichier .jpg ou .png dans content/photos/",
                sample="photos/run-n/salle.jpg")
    alt: Text(help="ce que montre la photo, pour qui ne la voit pas, dans chaque langue")
    caption: Text(help="la légende, dans chaque langue (facultatif)") = None
    credit: String(help="l'auteur de la photo", sample="Service communication",
                   example='ajoutez credit = "…" (l\'auteur de la photo)')
    consent: String(choices=CONSENTS, example='ajoutez consent = "written" si chaque '
                    "personne reconnaissable a accepté par écrit, ou consent = \"nobody\" si "
                    "personne n'est reconnaissable (sinon, ne publiez pas la photo)",
                    help="written : chaque personne reconnaissable a "
                    "accepté par écrit ; nobody : personne n'est reconnaissable",
                    sample="written")


class Call(Schema):
    """An edition's call for proposals ([call] of an edition file)."""

    block: ClassVar[str] = "call"
    opens: Date(help="ouverture de l'appel (facultatif : sinon, ouvert dès la publication)"
                ) = None
    closes: Date(help="date limite des propositions (AAAA-MM-JJ, ce jour compris)")
    url: Url(help="où proposer : le formulaire ou la page de l'appel", sample="https://…")
    text: Text(multiline=True, help="ce qui est attendu, en deux ou trois lignes "
               "(facultatif)") = None


class Registration(Schema):
    """How to attend an edition ([registration] of an edition file): a form, or free
    entry with no registration."""

    block: ClassVar[str] = "registration"
    free: Boolean(help="true : entrée libre, sans inscription (alors ni url, ni dates)",
                  sample=False) = False
    opens: Date(help="ouverture des inscriptions (facultatif)") = None
    closes: Date(help="clôture des inscriptions (facultatif, ce jour compris)") = None
    url: Url(help="le formulaire d'inscription", sample="https://…") = None


class Edition(Schema):
    """content/editions/<id>.toml: one edition's facts, partners' roles and agenda."""

    number: Integer(minimum=1, help="le numéro de l'édition")
    start: Date(help="premier jour (AAAA-MM-JJ)")
    end: Date(help="dernier jour, si l'édition dure plusieurs jours") = None
    city: Text(help="la ville, dans chaque langue")
    host: String(example='ajoutez host = "identifiant du partenaire"',
                 help="l'université hôte (identifiant dans content/partenaires.toml)")
    venue: Text(help="lieu précis (facultatif), dans chaque langue") = None
    map: Url(help="lien vers une carte (facultatif)", sample="https://…") = None
    draft: Boolean(help="true : l'édition n'est pas publiée (aperçu seulement)",
                   sample=True) = False
    status: String(choices=STATUSES, help="si l'édition n'a pas lieu comme annoncé",
                   sample="postponed") = None
    new_start: Date(help="édition reportée : la nouvelle date, quand elle est connue") = None
    new_end: Date(help="édition reportée : le nouveau dernier jour (plusieurs jours)") = None
    call: TableOf(Call, help="Appel à communications (facultatif).") = None
    registration: TableOf(Registration, help="Inscriptions (facultatif) : un formulaire, "
                          "ou free = true.") = None
    partner: BlocksOf(EditionPartner, help="Partenaires et rôles (l'université hôte est "
                      "ajoutée d'office).") = []
    session: BlocksOf(Slot, help="Programme : une séance par bloc [[session]], dans l'ordre. "
                      "Seuls id et title sont obligatoires.") = []
    change: BlocksOf(Change, help="Modifications du programme après sa publication : un "
                     "bloc [[change]] par modification, la plus récente en dernier.") = []
    photo: BlocksOf(GalleryPhoto, help="Photos de l'édition, pour ses archives : un bloc "
                    "[[photo]] par photo, dans l'ordre de la galerie.") = []


class PartnersFile(Schema):
    partner: BlocksOf(Partner) = []


class MilestonesFile(Schema):
    milestone: BlocksOf(Milestone) = []


# --- Checking a block --------------------------------------------------------------------

@dataclass
class Checked:
    """What a block holds once checked: the values of its valid fields (declared
    defaults for those left out) and the fields that have a problem, told already."""

    fields: dict
    invalid: set

    @property
    def ok(self) -> bool:
        return not self.invalid

    def __getitem__(self, name):
        return self.fields.get(name)


def _adapter(model, name) -> TypeAdapter:
    """One field's validation on its own (for the valid fields of a faulty block)."""
    info = model.model_fields[name]
    return TypeAdapter(Annotated[(info.annotation, *info.metadata)])


def check(model, data, file, path, context) -> Checked:
    """Check ``data`` (one block of a data file, at key path ``path``) against
    ``model``; every problem goes to ``file`` at its line."""
    try:
        valid = model.model_validate(data, context=context)
    except ValidationError as error:
        invalid = _report(model, error, file, tuple(path), context)
    else:
        return Checked(dict(valid), set())
    present = model._empty_is_absent(data)
    fields = {}
    for name, info in model.model_fields.items():
        if name in invalid:
            continue
        if name in present:
            try:
                fields[name] = _adapter(model, name).validate_python(present[name],
                                                                      context=context)
            except ValidationError:  # told already
                continue
        elif not info.is_required():
            fields[name] = info.get_default(call_default_factory=True)
    return Checked(fields, invalid)


def _refusals(error):
    """(message code, values) of one of pydantic's errors."""
    if error["type"] == "value_error" and isinstance(error["ctx"].get("error"), _Several):
        return [(r.type, r.context) for r in error["ctx"]["error"].refusals]
    return [(error["type"], error.get("ctx") or {})]


def _report(model, error, file, path, context) -> set:
    allowed = list(model.model_fields)
    errors = error.errors(include_url=False)
    invalid, misspelt = set(), set()
    for item in errors:  # first the fields that do not exist: a typo hides no other field
        if item["type"] != "extra_forbidden":
            continue
        key = str(item["loc"][0])
        intended = meant(key, [a for a in allowed if a != key])
        if intended:  # one diagnosis: the typo, not also the missing field
            file.problem((*path, key), "field_misspelt", field=key, meant=intended)
            misspelt.add(intended)
        else:
            file.problem((*path, key), "field_unknown", field=key, allowed=", ".join(allowed))
    for item in errors:
        field = str(item["loc"][0]) if item["loc"] else ""
        if item["type"] == "extra_forbidden":
            continue
        invalid.add(field)
        if field in misspelt:  # told once, as a typo: its other half is no second problem
            continue
        if item["type"] == "missing":
            kind = kind_of(model.model_fields[field])
            file.problem(path, "field_missing", field=field,
                         example=kind.example_for(field, context["languages"]))
            continue
        for code, values in _refusals(item):
            values = dict(values)
            at = values.pop("_at", None) or field
            file.problem((*path, *at.split(".")), code, **values)
    return invalid | misspelt


def texts(model, data, path=()):
    """(key path, {lang: text}) of every text field of ``data``, a block of ``model``
    as written (its [[blocks]] included)."""
    for name, info in model.model_fields.items():
        kind, value = kind_of(info), data.get(name)
        if isinstance(kind, Blocks) and isinstance(value, list):
            for index, block in enumerate(value):
                if isinstance(block, dict):
                    yield from texts(kind.model, block, (*path, name, index))
        elif isinstance(kind, Table) and isinstance(value, dict):
            yield from texts(kind.model, value, (*path, name))
        elif isinstance(kind, _Text) and isinstance(value, dict):
            yield (*path, name), value


def undocumented(model, text) -> list[str]:
    """What the commented example ``text`` (a TOML file of content/exemples/) does not
    show of ``model``: fields (written, or commented out as ``# field = …``) and the
    values a choice allows. Empty when the example documents everything."""
    commented = set(re.findall(r"(?m)^\s*#\s*([A-Za-z_]+)[A-Za-z_.]*\s*=", text))
    commented |= set(re.findall(r"(?m)^\s*#\s*\[\[?([A-Za-z_]+)\]\]?\s*$", text))  # # [[photo]]
    words = set(re.findall(r"[\w-]+", text))

    def walk(model, block, prefix):
        for name, info in model.model_fields.items():
            if name not in block and name not in commented:
                yield prefix + name
            kind = kind_of(info)
            for choice in getattr(kind, "choices", ()):
                if choice not in words:
                    yield f"{prefix}{name} = {choice}"
            if isinstance(kind, Blocks):
                items = block.get(name) or [{}]
                yield from walk(kind.model, items[0], f"{prefix}{name}.")
            elif isinstance(kind, Table):
                yield from walk(kind.model, block.get(name) or {}, f"{prefix}{name}.")

    return list(walk(model, tomllib.loads(text), ""))
