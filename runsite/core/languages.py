"""The language table: one place that says which languages the site has, their
Babel locale, text direction and URL prefix.

``dir`` comes from Babel (CLDR's character order), not from a hand-kept list.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale

from runsite.core.problems import Problem, SettingsError


def in_words(code) -> str:
    """Any language code as organisers' messages say it: "en anglais" for "en"."""
    try:
        name = Locale.parse(code).get_language_name("fr")
    except (ValueError, TypeError, UnknownLocaleError):
        name = None
    return f"en {name}" if name else f"dans la langue « {code} »"


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47 tag used in lang= and hreflang=
    locale: str  # Babel locale for dates and numbers (ar_MA: Moroccan months)
    og_locale: str
    name: str  # the language's own name, for the switch
    dir: str  # "ltr" or "rtl"
    prefix: str  # URL prefix: "" for the default language, "ar/" otherwise
    is_default: bool
    name_fr: str  # its name in French, the organisers' language: "arabe"
    plural_forms: tuple  # CLDR plural categories, "other" last: ("zero", "one", …)
    script: str = "Latn"  # its usual script (ISO 15924, CLDR): "Arab", "Latn", "Tfng"…
    # A language being added ("partial": True in its entry): a text not yet written in
    # it is shown in the default language, marked as such, instead of failing the build.
    partial: bool = False

    def plural_form(self, number) -> str:
        """The CLDR plural category of ``number`` in this language (Babel's rule)."""
        return Locale.parse(self.locale).plural_form(number)

    @property
    def in_words(self) -> str:
        """For organisers' messages: "en arabe", "en français"."""
        return f"en {self.name_fr}"


_CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")


def _likely_script(language) -> str:
    """CLDR's likely script of a language: "ar" → "Arab" (ar_Arab_EG)."""
    likely = get_global("likely_subtags").get(language, "")
    return (parse_locale(likely)[2] if likely else None) or "Latn"


class Languages(dict):
    """code -> Language, in the order of RUN_LANGUAGES, default language first."""

    default: Language

    @classmethod
    def from_settings(cls, settings) -> Languages:
        table = settings.get("RUN_LANGUAGES") or {}
        default = settings["DEFAULT_LANG"]
        if default not in table:
            raise SettingsError(Problem.of(
                "pelicanconf.py", None, "settings_language",
                reason=f"DEFAULT_LANG {default!r} manque dans RUN_LANGUAGES"))
        languages = cls()
        for code in [default] + [c for c in table if c != default]:
            entry = table[code]
            try:
                locale = Locale.parse(entry["locale"])
            except (UnknownLocaleError, ValueError, KeyError) as error:
                raise SettingsError(Problem.of(
                    "pelicanconf.py", None, "settings_language",
                    reason=f"RUN_LANGUAGES[{code!r}] : locale {entry.get('locale')!r} "
                           "inconnue de Babel")) from error
            languages[code] = Language(
                code=code,
                locale=entry["locale"],
                og_locale=entry.get("og_locale", entry["locale"]),
                name=entry.get("name", locale.get_display_name(locale)),
                dir="rtl" if locale.character_order == "right-to-left" else "ltr",
                prefix="" if code == default else f"{code}/",
                is_default=code == default,
                name_fr=locale.get_language_name("fr"),
                plural_forms=tuple(sorted(locale.plural_form.tags | {"other"},
                                          key=_CLDR_ORDER.index)),
                partial=bool(entry.get("partial")) and code != default,
                script=locale.script or _likely_script(locale.language),
            )
        languages.default = languages[default]
        return languages

    def text(self, texts, code):
        """A {lang: text} value in language ``code``, or in the default language while
        ``code`` is partial and the text is not written in it yet."""
        if code in texts:
            return texts[code]
        return texts[self.default.code]
