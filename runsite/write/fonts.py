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
