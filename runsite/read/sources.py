"""Reading the organisers' text files: UTF-8, and nothing invisible that breaks them.

Every file organisers or translators write (Markdown, TOML, catalogs) is read here
first: a file saved in another encoding (Latin-1, Windows-1252) is reported at the
line of its first foreign byte, and a control character (a NUL from a copy-paste)
at its own line. A UTF-8 byte order mark, which some editors add, is accepted.
"""

from __future__ import annotations

import re

BOM = "\ufeff"
# C0 controls, DEL and the C1 controls (HTML forbids them; a copy-paste from a
# Windows-1252 file brings them) but tab, newline and carriage return; the bidirectional
# overrides (U+202D, U+202E: they make text read otherwise than written; Arabic
# needs none of them, isolation is done by the site); non-characters.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202d\u202e\ufffe\uffff]")
# In a one-line value (a title, a name, an address), line breaks are controls too, and
# so are the other bidirectional embeddings and isolates: unbalanced, they reorder what
# follows the value where no element contains them (a calendar's name, a feed's title).
CONTROL_IN_LINE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]")


def decode(raw: bytes, path, state) -> str | None:
    """The text of ``raw`` (read from ``path``), or None if it is not UTF-8 or holds a
    control character (then told to ``state``: nothing more is said of the file)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        state.problem(path, raw[: error.start].count(b"\n") + 1, "not_utf8")
        return None
    text = text.removeprefix(BOM)
    clean = True
    for number, line in enumerate(text.splitlines(), 1):
        match = CONTROL.search(line)
        if match:
            state.problem(path, number, "control_character",
                          char=f"U+{ord(match.group()):04X}")
            clean = False
    return text if clean else None


def read(path, state) -> str | None:
    with open(path, "rb") as fp:
        return decode(fp.read(), path, state)
