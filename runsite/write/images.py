"""Photos in the sizes pages need (Pillow), cached between builds.

A photo of content/images/ (JPEG or PNG) becomes, for each width of
``RUN_PHOTO_WIDTHS`` (CSS pixels at 1x and 2x), a WebP and a JPEG for the browsers
without WebP, under ``images/tailles/``. The orientation written in its EXIF is
applied, then every metadata is dropped (a phone's photo carries the place it was
taken). The files are made once: they are kept in Pelican's ``CACHE_PATH`` under the
hash of the photo's bytes and the options, and copied from there by later builds.
The pages get ``width``/``height`` (no layout shift) and ``loading="lazy"`` below
the fold. The archive's galleries and the share images reuse this module.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass

from PIL import Image, ImageOps

FORMATS = (("webp", "image/webp", {"quality": 80, "method": 4}),
           ("jpg", "image/jpeg", {"quality": 82, "optimize": True, "progressive": True}))
FOLDER = "images/tailles"


@dataclass(frozen=True)
class Picture:
    """What a <picture> needs: a srcset per type, the fallback, its size at 1x."""

    sources: tuple  # ((mime type, ((site path, width), …)), …), WebP first
    src: str  # the JPEG at 1x (a site path)
    width: int
    height: int


def picture(settings, source: str, name: str, width: int) -> tuple[Picture, list[str]]:
    """``source`` (a path under content/) at ``width`` CSS pixels, in files named
    after ``name`` (unique in the site: a speaker's id): the Picture, and the site
    paths of the files it needs (written by ``write``)."""
    path = os.path.join(settings["PATH"], source)
    with Image.open(path) as image:
        upright = ImageOps.exif_transpose(image)
        ratio = upright.height / upright.width
    stem = name
    sizes = sorted({min(w, upright.width) for w in (width, 2 * width)})
    sources, files = [], []
    for extension, mime, _ in FORMATS:
        names = [f"{FOLDER}/{stem}-{w}.{extension}" for w in sizes]
        files += names
        sources.append((mime, tuple(zip(names, sizes, strict=True))))
    return Picture(tuple(sources), f"{FOLDER}/{stem}-{sizes[0]}.jpg", sizes[0],
                   round(sizes[0] * ratio)), files


def write(settings, source: str, name: str, width: int, output: str) -> None:
    """The files of ``picture(settings, source, name, width)`` in ``output``, made
    once per photo and options (CACHE_PATH/images)."""
    path = os.path.join(settings["PATH"], source)
    with open(path, "rb") as fp:
        data = fp.read()
    key = hashlib.sha256(data + repr((width, FORMATS)).encode()).hexdigest()[:20]
    cache = os.path.join(settings["CACHE_PATH"], "images", key)
    _, files = picture(settings, source, name, width)
    if not all(os.path.exists(os.path.join(cache, os.path.basename(f))) for f in files):
        _convert(path, files, cache)
    for name in files:
        target = os.path.join(output, name)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(cache, os.path.basename(name)), target)


def _convert(path, files, cache):
    os.makedirs(cache, exist_ok=True)
    with Image.open(path) as image:
        upright = ImageOps.exif_transpose(image).convert("RGB")  # no alpha in a JPEG
    for name in files:
        stem, extension = os.path.splitext(os.path.basename(name))
        width = int(stem.rsplit("-", 1)[1])
        height = round(width * upright.height / upright.width)
        resized = upright.resize((width, height), Image.Resampling.LANCZOS)
        options = next(o for e, _, o in FORMATS if e == extension[1:])
        temporary = os.path.join(cache, f".{stem}{extension}.tmp")
        # No EXIF, ICC or XMP is passed on: only the pixels.
        resized.save(temporary, format="WEBP" if extension == ".webp" else "JPEG", **options)
        os.replace(temporary, os.path.join(cache, os.path.basename(name)))
