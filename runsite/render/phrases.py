"""Phrases said alike on the pages, in the calendars and in the conference apps'
files: a list in the language's own words ("a, b and c"), a session's language and
interpretation ("en français, avec interprétation en arabe")."""

from __future__ import annotations

from babel.units import format_unit

from runsite.read.catalogs import N_
from runsite.validate.schema import LABELS

AND = N_(" and ")
WITH_INTERPRETATION = N_(", with interpretation %(languages)s")


def in_words(state, lang, words) -> str:
    """``words`` as a list in ``lang``: "a, b and c" ("أ، ب وج")."""
    if len(words) < 2:
        return "".join(words)
    comma, and_ = state.catalogs.text(state, lang, ", "), state.catalogs.text(state, lang, AND)
    return comma.join(words[:-1]) + and_ + words[-1]


def interpretation(state, lang, session) -> str:
    """"into Arabic and into English"."""
    return in_words(state, lang, [state.catalogs.text(state, lang, LABELS["interpretation"][c])
                                  for c in session.interpretation])


def session_language(state, lang, session, capitalized=False) -> str:
    """"en français, avec interprétation en arabe" ("En …" to begin a line)."""
    if not session.language:
        return ""
    said = state.catalogs.text(state, lang, LABELS["language"][session.language])
    if session.interpretation:
        said += state.catalogs.text(state, lang, WITH_INTERPRETATION) % {
            "languages": interpretation(state, lang, session)}
    return said[:1].upper() + said[1:] if capitalized else said


def in_languages(state, lang, codes) -> str:
    """"en français et en arabe": the languages of a recording's subtitles."""
    return in_words(state, lang, [state.catalogs.text(state, lang, LABELS["language"][c])
                                  for c in codes])


def file_size(state, lang, size) -> str:
    """A file's size as the language writes it: "1,2 Mo", "1,2 ميغابايت" (a byte count
    is nothing to a visitor: kilobytes under a megabyte, one decimal under ten)."""
    locale = state.languages[lang].locale
    megabytes = size / 1_000_000
    if megabytes < 1:
        value, unit = max(1, round(size / 1000)), "digital-kilobyte"
    else:
        value, unit = (round(megabytes, 1) if megabytes < 10 else round(megabytes),
                       "digital-megabyte")
    # The long names in Arabic script: its abbreviations ("م.ب") are not read as sizes.
    length = "long" if state.languages[lang].script == "Arab" else "short"
    return format_unit(value, unit, length=length,
                       locale=locale)
