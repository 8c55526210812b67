"""Phrases said alike on the pages, in the calendars and in the conference apps'
files: a list in the language's own words ("a, b and c"), a session's language and
interpretation ("en français, avec interprétation en arabe")."""

from __future__ import annotations

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
