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
shift). The archive's galleries reuse this module (the share images have their own,
runsite.write.share: drawn, not converted).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import warnings
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageOps, UnidentifiedImageError

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

    @property
    def largest(self) -> str:
        """The largest WebP (a site path): the photo opened on its own, at half the
        JPEG's weight (every browser in use opens WebP; the JPEG is for <img>'s old
        ones)."""
        return self.sources[0][1][-1][0]


class Unreadable(Exception):
    """A photo that cannot be published: ``code`` names the message, with ``values``."""

    def __init__(self, code, **values):
        super().__init__(code)
        self.code, self.values = code, values


def _cache(settings, data, name, widths, folder) -> str:
    key = hashlib.sha256(data + repr((name, widths, folder, FORMATS)).encode()).hexdigest()[:24]
    return os.path.join(settings["CACHE_PATH"], "images", key)


def prepare(settings, source: str, name: str, width: int, folder: str = FOLDER,
            widths: tuple = ()) -> Picture:
    """``source`` (under content/) shown at ``width`` CSS pixels, in files named after
    ``name`` in the site's ``folder``, at 1x and 2x, or at each of ``widths`` (the
    first is shown; the browser picks from the others): converted now unless a build
    already did. Raises Unreadable."""
    widths = tuple(widths) or (width, 2 * width)
    path = os.path.join(settings["PATH"], source)
    with open(path, "rb") as fp:
        data = fp.read()
    cache = _cache(settings, data, name, widths, folder)
    size_file = os.path.join(cache, "size.json")
    try:
        with open(size_file, encoding="utf-8") as fp:
            original = tuple(json.load(fp))
    except (OSError, ValueError):
        original = _convert(settings, path, source, name, widths, folder, cache)
    picture = _picture(name, widths, original, cache, folder)
    if not all(os.path.exists(os.path.join(cache, os.path.basename(f)))
               for f in picture.files):
        _convert(settings, path, source, name, widths, folder, cache)
    return picture


def _picture(name, widths, original, cache, folder) -> Picture:
    full_width, full_height = original
    sizes = sorted({min(w, full_width) for w in widths})
    sources, files = [], []
    for extension, mime, _ in FORMATS:
        names = [f"{folder}/{name}-{w}.{extension}" for w in sizes]
        files += names
        sources.append((mime, tuple(zip(names, sizes, strict=True))))
    return Picture(tuple(sources), f"{folder}/{name}-{sizes[0]}.jpg", sizes[0],
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


def _convert(settings, path, source, name, widths, folder, cache):
    upright = _open(settings, path, source, widths[0])
    os.makedirs(cache, exist_ok=True)
    picture = _picture(name, widths, upright.size, cache, folder)
    for site_path in picture.files:
        stem, extension = os.path.splitext(os.path.basename(site_path))
        size = int(stem.rsplit("-", 1)[1])
        height = max(1, round(size * upright.height / upright.width))
        resized = upright.resize((size, height), Image.Resampling.LANCZOS)
        resized.info = {}  # only the pixels: no comment, EXIF, ICC or XMP
        options = next(o for e, _, o in FORMATS if e == extension[1:])
        # A name of this process's own: two builds may convert the same photo at once.
        temporary = os.path.join(cache, f".{stem}{extension}.{os.getpid()}.tmp")
        try:
            resized.save(temporary, format="WEBP" if extension == ".webp" else "JPEG",
                         **options)
        except (OSError, ValueError) as error:  # beyond what a format can hold
            raise Unreadable("photo_unreadable", value=source) from error
        os.replace(temporary, os.path.join(cache, os.path.basename(site_path)))
    temporary = os.path.join(cache, f".size.json.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8", newline="\n") as fp:
        json.dump(list(upright.size), fp)
    os.replace(temporary, os.path.join(cache, "size.json"))
    return upright.size


def write(picture: Picture, output: str) -> None:
    """The files of ``picture`` in ``output``, from the cache ``prepare`` filled."""
    for site_path in picture.files:
        target = os.path.join(output, site_path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(os.path.join(picture.cache, os.path.basename(site_path)), target)


POSTER_SIZE = (1280, 720)
POSTER_COLOURS = ("#0b5d4f", "#ffffff")  # the theme's green, and white


def generated_poster(settings) -> str:
    """The site's own image for a recording without one: a play sign on the theme's
    colour, drawn once (the same bytes every time) in ``CACHE_PATH``. No text: the link
    beside it says what the recording is, in the page's language."""
    path = os.path.abspath(os.path.join(settings["CACHE_PATH"], "images", "poster.png"))
    if os.path.exists(path):
        return path
    background, foreground = POSTER_COLOURS
    image = Image.new("RGB", POSTER_SIZE, background)
    draw = ImageDraw.Draw(image)
    width, height = POSTER_SIZE
    radius = height // 6
    centre = (width // 2, height // 2)
    draw.ellipse((centre[0] - radius, centre[1] - radius, centre[0] + radius,
                  centre[1] + radius), fill=foreground)
    side = radius * 0.9  # a triangle pointing right, its centre of gravity on the circle's
    draw.polygon([(centre[0] - side / 3, centre[1] - side / 2),
                  (centre[0] - side / 3, centre[1] + side / 2),
                  (centre[0] + side * 2 / 3, centre[1])], fill=background)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    image.save(temporary, format="PNG")
    os.replace(temporary, path)
    return path
