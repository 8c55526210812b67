"""The fonts of what the build draws outside the browser: the PDF programmes
(runsite.write.printed) and the share images (runsite.write.share).

Static files, one weight each, in ``RUN_PRINT_PATH``/fonts (theme/print/fonts, never
published; theme/print/README.md says where they come from): WeasyPrint and Pillow
draw one weight per file, and the site's variable Arabic font would make the PDF's
text read wrong letters when copied or searched.
"""

from __future__ import annotations

import hashlib
import os
import unicodedata

from fontTools.ttLib import TTFont

SCRIPTS = ("latin", "arabic")
WEIGHTS = (400, 700)


def path(settings, script: str, weight: int) -> str:
    return os.path.join(settings["RUN_PRINT_PATH"], "fonts", f"noto-sans-{script}-{weight}.ttf")


def merged(settings, weight: int) -> str:
    """Both scripts in one file (the share images: runsite.write.share.merge)."""
    return os.path.abspath(path(settings, "latin-arabic", weight))


def files(settings) -> dict:
    """{(script, weight): absolute path} of every font."""
    return {(script, weight): os.path.abspath(path(settings, script, weight))
            for script in SCRIPTS for weight in WEIGHTS}


def fingerprint(settings) -> str:
    """A hash of every font's bytes: what a cached PDF or image was drawn with."""
    digest = hashlib.sha256()
    every = {**files(settings), **{("latin-arabic", weight): merged(settings, weight)
                                   for weight in WEIGHTS}}
    for key, name in sorted(every.items()):
        with open(name, "rb") as fp:
            digest.update(repr(key).encode() + fp.read())
    return digest.hexdigest()


def coverage(settings) -> frozenset:
    """Every character one of the fonts draws."""
    covered = set()
    for name in files(settings).values():
        covered |= set(TTFont(name, lazy=True).getBestCmap())
    return frozenset(covered)


def missing(covered, text) -> str:
    """The characters of ``text`` that no font of ``covered`` draws (spaces and
    invisible format characters apart), in order, each once: « → ⵜ »."""
    seen = []
    for char in text:
        if (ord(char) not in covered and char not in seen
                and unicodedata.category(char) not in ("Cc", "Cf", "Zs", "Zl", "Zp")):
            seen.append(char)
    return " ".join(seen)
