"""Photos in the sizes pages need (Pillow), checked, stripped and cached between builds.

A person's photo lives in content/photos/ (``RUN_PHOTOS_PATH``), a folder Pelican never
publishes: a phone's photo carries the place it was taken. For each width of a
picture (CSS pixels at 1x and 2x) it becomes a WebP and a JPEG for browsers without
WebP, under ``photos/`` in the site, named after its owner (a speaker's id). Only JPEG
and PNG are decoded (never the other formats Pillow knows, some of which run external
programs); a photo larger than ``RUN_PHOTO_MAX_PIXELS`` is refused before it is
decoded. The orientation in its EXIF is applied, then only the pixels are kept: no
EXIF, ICC, XMP or comment reaches the site.

``prepare`` converts once per photo and options: the files and the original's size
are kept in Pelican's ``CACHE_PATH`` under the hash of the photo's bytes, and later
builds only copy them (``write``). The pages get ``width``/``height`` (no layout
shift). The archive's galleries and the share images reuse this module.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

FORMATS = (("webp", "image/webp", {"quality": 80, "method": 4}),
           ("jpg", "image/jpeg", {"quality": 82, "optimize": True, "progressive": True}))
DECODED = ("JPEG", "PNG")
FOLDER = "photos"  # in the site


@dataclass(frozen=True)
class Picture:
    """What a <picture> needs: the files per type, the fallback, its size at 1x."""

    sources: tuple  # ((mime type, ((site path, width), …)), …), WebP first
    src: str  # the JPEG at 1x (a site path)
    width: int
    height: int
    files: tuple  # every site path it needs
    cache: str  # the folder of CACHE_PATH that holds them


class Unreadable(Exception):
    """A photo that cannot be published: ``code`` names the message, with ``values``."""

    def __init__(self, code, **values):
        super().__init__(code)
        self.code, self.values = code, values


def _cache(settings, data, name, width) -> str:
    key = hashlib.sha256(data + repr((name, width, FORMATS)).encode()).hexdigest()[:24]
    return os.path.join(settings["CACHE_PATH"], "images", key)


def prepare(settings, source: str, name: str, width: int) -> Picture:
    """``source`` (under content/) at ``width`` CSS pixels, in files named after
    ``name``: converted now unless a build already did. Raises Unreadable."""
    path = os.path.join(settings["PATH"], source)
    with open(path, "rb") as fp:
        data = fp.read()
    cache = _cache(settings, data, name, width)
    size_file = os.path.join(cache, "size.json")
    try:
        with open(size_file, encoding="utf-8") as fp:
            original = tuple(json.load(fp))
    except (OSError, ValueError):
        original = _convert(settings, path, source, name, width, cache)
    picture = _picture(name, width, original, cache)
    if not all(os.path.exists(os.path.join(cache, os.path.basename(f)))
               for f in picture.files):
        _convert(settings, path, source, name, width, cache)
    return picture


def _picture(name, width, original, cache) -> Picture:
    full_width, full_height = original
    sizes = sorted({min(w, full_width) for w in (width, 2 * width)})
    sources, files = [], []
    for extension, mime, _ in FORMATS:
        names = [f"{FOLDER}/{name}-{w}.{extension}" for w in sizes]
        files += names
        sources.append((mime, tuple(zip(names, sizes, strict=True))))
    return Picture(tuple(sources), f"{FOLDER}/{name}-{sizes[0]}.jpg", sizes[0],
                   max(1, round(sizes[0] * full_height / full_width)), tuple(files), cache)


def _open(settings, path, source, width):
    """The photo, upright, as RGB pixels; Unreadable if it is not a whole JPEG or PNG
    of a reasonable size."""
    limit = settings["RUN_PHOTO_MAX_PIXELS"]
    too_large = Unreadable("photo_too_large", value=source, limit=limit // 1_000_000,
                           shown=width)
    try:
        with warnings.catch_warnings():
            # Pillow's own limit (a warning, then an error at twice it) is ours, lower.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path, formats=DECODED) as image:
                if image.width * image.height > limit:
                    raise too_large
                image.load()
                return ImageOps.exif_transpose(image).convert("RGB")
    except Unreadable:
        raise
    except Image.DecompressionBombError as error:
        raise too_large from error
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError) as error:
        raise Unreadable("photo_unreadable", value=source) from error


def _convert(settings, path, source, name, width, cache):
    upright = _open(settings, path, source, width)
    os.makedirs(cache, exist_ok=True)
    picture = _picture(name, width, upright.size, cache)
    for site_path in picture.files:
        stem, extension = os.path.splitext(os.path.basename(site_path))
        size = int(stem.rsplit("-", 1)[1])
        height = max(1, round(size * upright.height / upright.width))
        resized = upright.resize((size, height), Image.Resampling.LANCZOS)
        resized.info = {}  # only the pixels: no comment, EXIF, ICC or XMP
        options = next(o for e, _, o in FORMATS if e == extension[1:])
        temporary = os.path.join(cache, f".{stem}{extension}.tmp")
        try:
            resized.save(temporary, format="WEBP" if extension == ".webp" else "JPEG",
                         **options)
        except (OSError, ValueError) as error:  # beyond what a format can hold
            raise Unreadable("photo_unreadable", value=source) from error
        os.replace(temporary, os.path.join(cache, os.path.basename(site_path)))
    with open(os.path.join(cache, ".size.json.tmp"), "w", encoding="utf-8") as fp:
        json.dump(list(upright.size), fp)
    os.replace(os.path.join(cache, ".size.json.tmp"), os.path.join(cache, "size.json"))
    return upright.size


def write(picture: Picture, output: str) -> None:
    """The files of ``picture`` in ``output``, from the cache ``prepare`` filled."""
    for site_path in picture.files:
        target = os.path.join(output, site_path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(picture.cache, os.path.basename(site_path)), target)
