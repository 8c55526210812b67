"""The site's stylesheet, inlined in every page's ``<head>``: the first view in one round trip.

A linked stylesheet blocks the first paint until it has come back, and the fonts it
names are found only once it has: two round trips before any text. The whole
stylesheet, minified (rcssmin), is small enough to go in each page (about 4 KB
gzip; every page stays within the 14 KB of a first TCP round trip, which
tests/test_first_view.py checks), so the page paints from its first response, with
no script and nothing that can arrive late and restyle it.

- Its source is ``theme/css/run.css``, outside ``static/``: it is not published as a
  file (no page would name it). Its ``url()``s name files of the theme's static
  folder relative to it (``../static/fonts/x.woff2``); they become the files' site
  addresses under the page's ``SITEURL``, with their hashed names when the build
  renames assets (``RUN_FINGERPRINT``, runsite.publish.assets), since the inlined
  text must be final before its hash goes in the policy.
- Its hash (``'sha256-…'``) is computed here, from the exact text put between
  ``<style>`` and ``</style>``, and nowhere else: runsite.render.headers adds it to
  ``style-src`` in each page's ``<meta>`` and in ``_headers``. No ``'unsafe-inline'``.
- The page preloads the font files of its language: those of the ``@font-face`` rules
  whose ``unicode-range`` covers the characters of the language's month and day
  names (CLDR, through Babel), its digits and the space. French: the Latin file.
  Arabic: the Arabic file, and the Latin one, which draws the spaces between its
  words, its digits and its Latin names (the Arabic file has none of them).

The text depends on ``SITEURL`` only: one text, one hash for the whole site (a page
of a ``RELATIVE_URLS`` build has its own ``SITEURL``, so its own text and hash; each
one made is kept, and ``_headers`` lists them all).
"""

from __future__ import annotations

import base64
import hashlib
import os
import posixpath
import re
from dataclasses import dataclass, field

import rcssmin
from babel import Locale
from babel.numbers import format_decimal

from runsite.core import trusted
from runsite.core.fingerprints import digest, hashed_name
from runsite.core.state import of

SOURCE = os.path.join("css", "run.css")  # in the theme folder
# Comments first, so that a url() in a comment is left alone.
URL = re.compile(r"""/\*.*?\*/|url\(\s*(?P<q>["']?)(?P<u>[^"')]*?)(?P=q)\s*\)""", re.S)
FONT_FACE = re.compile(r"@font-face\s*\{(?P<body>[^}]*)\}", re.S)
UNICODE_RANGE = re.compile(r"unicode-range\s*:\s*(?P<ranges>[^;}]*)", re.I)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#|/)", re.I)


def source_path(settings) -> str:
    return os.path.join(settings["THEME"], SOURCE)


@dataclass
class Styles:
    """The build's stylesheet: read and checked once, its text for each ``SITEURL``."""

    path: str
    text: str
    # reference as written -> site path of the file (its hashed name when fingerprinted)
    targets: dict[str, str]
    made: dict[str, tuple[str, str]] = field(default_factory=dict)  # siteurl -> (css, hash)

    @classmethod
    def read(cls, settings, state) -> Styles:
        path = source_path(settings)
        with open(path, encoding="utf-8") as fp:
            text = fp.read()
        end = text.lower().find("</style")
        if end >= 0:  # it would end the <style> element early
            state.problem(path, text.count("\n", 0, end) + 1, "css_inline_end_tag")
        statics = [os.path.realpath(os.path.join(settings["THEME"], static))
                   for static in settings.get("THEME_STATIC_PATHS", ["static"])]
        site_folder = settings.get("THEME_STATIC_DIR", "theme").strip("/")
        targets = {}
        for match in URL.finditer(text):
            reference = match["u"]
            if not reference or EXTERNAL.match(reference) or reference.startswith("data:"):
                continue
            file = os.path.realpath(os.path.join(os.path.dirname(path),
                                                 re.split(r"[?#]", reference)[0]))
            static = next((s for s in statics if file.startswith(s + os.sep)), None)
            if static is None or not os.path.isfile(file):
                state.problem(path, text.count("\n", 0, match.start()) + 1,
                              "css_reference_missing", reference=reference)
                continue
            site_path = posixpath.join(site_folder,
                                       os.path.relpath(file, static).replace(os.sep, "/"))
            if settings.get("RUN_FINGERPRINT"):
                with open(file, "rb") as fp:
                    name = hashed_name(posixpath.basename(site_path), digest(fp.read()))
                site_path = posixpath.join(posixpath.dirname(site_path), name)
            targets[reference] = site_path
        return cls(path, text, targets)

    def css(self, siteurl) -> str:
        """The minified text inlined in a page whose SITEURL is ``siteurl``."""
        if siteurl not in self.made:
            base = (siteurl or "").rstrip("/")

            def address(match):
                target = self.targets.get(match["u"] or "")
                return match[0] if target is None else f'url("{base}/{target}")'

            css = minify(URL.sub(address, self.text))
            self.made[siteurl] = (css, source_hash(css))
        return self.made[siteurl][0]

    def hash(self, siteurl) -> str:
        self.css(siteurl)
        return self.made[siteurl][1]

    def hashes(self) -> list[str]:
        """Every hash of a text inlined so far (one, but for RELATIVE_URLS builds)."""
        return sorted({made[1] for made in self.made.values()})

    def fonts_for(self, language) -> list[str]:
        """Site paths of the font files that draw ``language``'s text (its letters,
        spaces and digits), the one that draws most of them first."""
        faces = []
        for face in FONT_FACE.finditer(self.text):
            ranges = UNICODE_RANGE.search(face["body"])
            sources = [m["u"] for m in URL.finditer(face["body"]) if m["u"] in self.targets]
            if ranges and sources:
                faces.append((self.targets[sources[0]], list(unicode_ranges(ranges["ranges"]))))
        drawn: dict[str, int] = {}
        for character in language_characters(language):
            code = ord(character)
            # The browser takes the last face of the family that covers a character.
            for font, spans in reversed(faces):
                if any(low <= code <= high for low, high in spans):
                    drawn[font] = drawn.get(font, 0) + 1
                    break
        return sorted(drawn, key=lambda font: (-drawn[font], font))


def language_characters(language) -> set[str]:
    """What the language's text is written with: the characters of its month and day
    names (CLDR, through Babel), its own name, its digits and the space."""
    locale = Locale.parse(language.locale)
    words = [*locale.months["format"]["wide"].values(), *locale.days["format"]["wide"].values(),
             language.name, format_decimal(1234567890, locale=locale, group_separator=False),
             " "]
    return {c for word in words for c in word}


def unicode_ranges(value):
    """(first, last) code points of a ``unicode-range`` value (U+0600-06FF, U+4??)."""
    for part in value.split(","):
        part = part.strip().upper().removeprefix("U+")
        if not part:
            continue
        if "-" in part:
            low, high = part.split("-", 1)
            yield int(low, 16), int(high, 16)
        else:
            yield int(part.replace("?", "0"), 16), int(part.replace("?", "F"), 16)


def minify(css: str) -> str:
    """Comments and spaces out (rcssmin: the same text gives the same bytes)."""
    return rcssmin.cssmin(css)


def source_hash(css: str) -> str:
    """The CSP source of an inline style whose text is ``css`` (UTF-8)."""
    data = hashlib.sha256(css.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(data).decode('ascii')}'"


def of_build(settings) -> Styles:
    state = of(settings)
    if state.styles is None:
        state.styles = Styles.read(settings, state)
    return state.styles


def install_in_environment(generator):
    settings = generator.settings
    styles = of_build(settings)
    languages = of(settings).languages
    fonts = {code: styles.fonts_for(language) for code, language in languages.items()}
    # inline_stylesheet(SITEURL): the <style> element of a page.
    generator.env.globals["inline_stylesheet"] = lambda siteurl: trusted.stylesheet(
        styles.css(siteurl))
    # language_fonts(code): the site paths of the font files to preload.
    generator.env.globals["language_fonts"] = lambda code: fonts.get(code, [])
