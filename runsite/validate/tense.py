"""Past editions should not be announced any more.

The texts of an edition are often written before it takes place ("se tiendra",
"ستنعقد"). Once its last day is past, each of its texts that still says one of
the words of ``announcing.toml`` gets a notice (never an error: a quotation may
need them), at the line, asking for the text to be written in the past tense.
Matched without diacritics, and in Arabic with the prefixes و and ف.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata

MARKERS_FILE = os.path.join(os.path.dirname(__file__), "announcing.toml")


def _bare(text) -> str:
    """Text without diacritics (French accents, Arabic vowel marks) nor tatweel."""
    decomposed = unicodedata.normalize("NFD", text.replace("\u0640", ""))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _patterns() -> dict[str, re.Pattern]:
    """{lang: pattern} from the file: per language, its ``words`` and the letters that
    may be joined before a word (``prefixes``)."""
    with open(MARKERS_FILE, "rb") as fp:
        markers = tomllib.load(fp)
    patterns = {}
    for lang, table in markers.items():
        prefixes = "".join(table.get("prefixes", []))
        prefix = f"[{re.escape(prefixes)}]?" if prefixes else ""
        # One look-behind per word (each must have a fixed width).
        negations = "".join(f"(?<!{re.escape(_bare(w))} )" for w in table.get("not_after", []))
        patterns[lang] = re.compile(negations + r"(?<!\w)" + prefix + "(" + "|".join(
            re.escape(_bare(m)) for m in table["words"]) + r")(?!\w)")
    return patterns


def check(editions, state):
    """A notice for each text of an edition over before the build's day (its ``now``)
    that announces it."""
    patterns = _patterns()
    for edition in editions:
        if edition.now.when != "past" or edition.now.cancelled:
            continue
        for lang, text in edition.texts.items():
            pattern = patterns.get(lang)
            if pattern is None:
                continue
            try:
                with open(text.source_path, encoding="utf-8-sig") as fp:
                    lines = fp.read().splitlines()
            except OSError:
                continue
            for number, line in enumerate(lines, 1):
                found = pattern.search(_bare(line))
                if found:
                    state.notice(text.source_path, "announced_after_the_event", line=number,
                                 words=found.group(1))
                    break
