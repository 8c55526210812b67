"""The pictures that link previews show (WhatsApp, Facebook, LinkedIn): a 1200×630 PNG
per edition, per news item and for the home, in each language, drawn by the build
with Pillow from the same data as the pages (an edition's title, its dates as the
pages write them, its city and host). Every other page shows its language's home
picture. ``partials/meta.html`` names them (``og:image``), the JSON-LD too.

Arabic needs libraqm (HarfBuzz shapes, FriBiDi orders): without it Pillow draws the
letters apart and from left to right, so the build stops and says what to install.

The two scripts' fonts (runsite.write.fonts) are merged into one font per weight, so
that raqm lays out a whole line at once — the Latin runs of an Arabic line (« RUN 3 »,
digits) in their place — while each script keeps its own glyphs (the Arabic font has
no Latin letter; the space, digits and punctuation both have are the Latin font's).
The merged font has no hinting: its two sources hint differently, and at these sizes
hinting changes nothing one sees. make fonts merges them (``merge``) and they are
committed, in theme/print/fonts: merging takes seconds that every first build (and
every test's) would pay.

Each PNG is cached in Pelican's ``CACHE_PATH`` under a hash of everything drawn (the
texts, the fonts, the size, ``VERSION``, Pillow's); a rebuild copies it. Same inputs,
same bytes: a palette, no time stamp, no metadata.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
from dataclasses import dataclass
from types import SimpleNamespace

import PIL
from fontTools.merge import Merger
from fontTools.ttLib import TTFont
from pelican.generators import Generator
from PIL import Image, ImageDraw, ImageFont, features

from runsite.core import urls
from runsite.core.plain import plain
from runsite.core.state import of
from runsite.read import typography
from runsite.read.catalogs import N_, SERIES_NAME
from runsite.validate.schema import LABELS
from runsite.write import fonts
from runsite.write.editions import page_kinds

VERSION = 3  # of the drawing below: change it when the pictures change
WIDTH, HEIGHT = 1200, 630  # what Facebook, LinkedIn and WhatsApp show at full width
GREEN, WHITE, GOLD = "#0b5d4f", "#ffffff", "#e0a526"  # the theme's colours
MARGIN, BAND = 80, 24  # the sides; the gold band along the bottom
COLOURS = 64  # in the palette: the three colours and the antialiased edges between them
# Sizes in pixels, largest first: a long title is drawn smaller.
TITLE_SIZES = tuple(range(72, 39, -4))
HOME_TITLE_SIZES = tuple(range(64, 43, -4))
LINE_SIZES = (34, 32, 30, 28)
KICKER_SIZE, HOME_KICKER_SIZE = 40, 150
GAP_KICKER, GAP_TITLE = 24, 36
LONGEST = 400  # characters of a text considered for a card (3 lines hold fewer)
SMALLER_FOR_A_LINE = 0.8  # drawn at most this much smaller to take a line fewer

NEWS = N_("News")
LEAD = N_("A meeting of Moroccan and French universities about MOOCs and online courses "
          "on the Morocco Digital University platform.")
HOME = "accueil"  # the home's picture: {id} of RUN_URLS["share_image"]
NEWS_PREFIX = "actualite-"  # a news item's: actualite-<slug>
# Spaces the Latin font lacks, as the no-break space it has (French typography puts
# narrow ones before « : ; ! ? »: they must not become a line break either).
SPACES = str.maketrans({"\u202f": "\u00a0", "\u2009": " ", "\u2007": "\u00a0"})
MANY_SPACES = re.compile(" {2,}")


@dataclass(frozen=True)
class Card:
    """What one picture says, in one language (plain text)."""

    direction: str  # "ltr" or "rtl"
    language: str  # its code, for raqm (Arabic letter forms)
    kicker: str  # « RUN 3 » above the title (the home's: « RUN », large)
    title: str
    lines: tuple = ()  # below the title: dates and city, host…
    home: bool = False


@dataclass(frozen=True)
class ShareImage:
    """A picture as the pages name it."""

    path: str  # in the site: partage/run-3.png, ar/partage/run-3.png
    url: str  # absolute: link previews fetch it from elsewhere
    alt: str
    width: int = WIDTH
    height: int = HEIGHT
    type: str = "image/png"


@dataclass
class ShareImages:
    """Every page's picture: ``of(page's address, language)`` (templates, JSON-LD)."""

    pages: dict  # a page's site-relative URL -> ShareImage
    default: dict  # language code -> the home's ShareImage

    def of(self, url, lang) -> ShareImage:
        return self.pages.get(url) or self.default[lang]


# --- Drawing --------------------------------------------------------------------------

def typefaces(settings) -> dict:
    """{weight: font file bytes}: the Latin and Arabic fonts merged (``merge``), as
    theme/print/fonts holds them (make fonts writes them: merging takes a second or
    two per weight, which every first build would pay)."""
    faces = {}
    for weight in fonts.WEIGHTS:
        with open(fonts.merged(settings, weight), "rb") as fp:
            faces[weight] = fp.read()
    return faces


def merge(latin: str, arabic: str) -> bytes:
    """One font of the two files, without hinting (tools/fonts.sh)."""
    # Latin first: its space, digits and punctuation serve both scripts, as on the
    # site's pages (the Arabic file has them too, for the PDFs' sake).
    font = Merger().merge([latin, arabic])
    # The merger dates the result now: the sources' dates keep the same bytes.
    head = TTFont(latin)["head"]
    font["head"].created, font["head"].modified = head.created, head.modified
    return unhinted(font)


def unhinted(font) -> bytes:
    """The file of ``font`` (fontTools) without its hinting programs."""
    for table in ("fpgm", "prep", "cvt ", "hdmx", "LTSH", "VDMX"):
        if table in font:
            del font[table]
    for glyph in font["glyf"].glyphs.values():
        glyph.removeHinting()
    font.recalcTimestamp = False  # the same bytes every time (no "modified" of today)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _save(path, data):
    """``data`` at ``path``, whole or not at all (two builds may share the cache)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    temporary = f"{path}.{os.getpid()}.tmp"
    with open(temporary, "wb") as fp:
        fp.write(data)
    os.replace(temporary, path)


class _Pen:
    """Measures and draws lines in one layout engine, at any size."""

    def __init__(self, faces, card, layout):
        self.faces, self.layout = faces, layout
        self._fonts = {}
        # raqm orders and shapes a line in the card's direction; the basic layout
        # (a test's comparison) knows neither direction nor language.
        self.options = ({"direction": card.direction, "language": card.language}
                        if layout == ImageFont.Layout.RAQM else {})

    def font(self, weight, size):
        key = (weight, size)
        if key not in self._fonts:
            self._fonts[key] = ImageFont.truetype(io.BytesIO(self.faces[weight]), size,
                                                  layout_engine=self.layout)
        return self._fonts[key]

    def length(self, text, weight, size) -> float:
        return self.font(weight, size).getlength(text, **self.options)

    def wrap(self, text, weight, size, width, most) -> list | None:
        """``text`` in lines of at most ``width`` pixels, None beyond ``most`` lines.
        Breaks at ordinary spaces (a no-break space holds its neighbours)."""
        lines = []
        for word in text.split(" "):
            if lines and self.length(f"{lines[-1]} {word}", weight, size) <= width:
                lines[-1] = f"{lines[-1]} {word}"
            elif self.length(word, weight, size) <= width:
                lines.append(word)
            else:
                return None  # a word wider than the card: a smaller size
            if len(lines) > most:
                return None
        return lines

    def fit(self, text, weight, sizes, width, most) -> tuple:
        """(size, lines): the largest of ``sizes`` at which ``text`` fits in ``most``
        lines, or a little smaller for a line fewer (a name whole on one line); the
        lines balanced (no word alone on the last one). At the smallest size, what
        fits, its last line ending with « … »."""
        # A card holds a few lines: beyond LONGEST characters nothing would be shown,
        # and measuring a hostile 40,000-character title would stall the build.
        text = text[:LONGEST]
        for index, size in enumerate(sizes):
            lines = self.wrap(text, weight, size, width, most)
            if lines is None:
                continue
            for smaller in sizes[index + 1:]:
                if smaller < size * SMALLER_FOR_A_LINE:
                    break
                fewer = self.wrap(text, weight, smaller, width, len(lines) - 1)
                if fewer:
                    size, lines = smaller, fewer
                    break
            return size, self.balance(text, weight, size, width, len(lines))
        size, lines = sizes[-1], []
        for word in text.split(" "):
            pieces = ([word] if self.length(word, weight, size) <= width
                      else self.pieces(word, weight, size, width))
            for index, piece in enumerate(pieces):
                if index == 0 and lines and \
                        self.length(f"{lines[-1]} {piece}", weight, size) <= width:
                    lines[-1] = f"{lines[-1]} {piece}"
                else:
                    lines.append(piece)
            if len(lines) > most:
                break
        if len(lines) <= most and len(text) < LONGEST:
            return size, lines  # whole, once its overlong words were cut
        kept = lines[:most]
        kept[-1] = self.longest(kept[-1], "…", weight, size, width)
        return size, kept

    def longest(self, text, end, weight, size, width) -> str:
        """The longest start of ``text`` that fits ``width`` followed by ``end``
        (found by halves: a line is measured a dozen times, not once per character)."""
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if self.length(text[:middle].rstrip() + end, weight, size) <= width:
                low = middle
            else:
                high = middle - 1
        return text[:low].rstrip() + end

    def pieces(self, word, weight, size, width) -> list:
        """A word wider than the card, cut where it must."""
        cut = []
        while word:
            piece = self.longest(word, "", weight, size, width) or word[0]
            cut.append(piece)
            word = word[len(piece):]
        return cut

    def balance(self, text, weight, size, width, count) -> list:
        """``text`` in ``count`` lines as even as they go: the narrowest width that
        still takes ``count`` lines (CSS's text-wrap: balance)."""
        narrow, wide = 0, width
        while wide - narrow > 2:
            middle = (narrow + wide) / 2
            if self.wrap(text, weight, size, middle, count) is None:
                narrow = middle
            else:
                wide = middle
        return self.wrap(text, weight, size, wide, count)


def draw(card: Card, faces: dict, layout=ImageFont.Layout.RAQM) -> Image.Image:
    """The picture of ``card``, drawn with ``faces`` (``typefaces``) by ``layout``."""
    pen = _Pen(faces, card, layout)
    width = WIDTH - 2 * MARGIN
    # Arabic letters rise and fall further than Latin ones: its lines are taller.
    leading = 1.5 if card.direction == "rtl" else 1.22
    blocks = []  # (lines, weight, size, colour, line height)
    if card.home:
        blocks.append(([card.kicker], 700, HOME_KICKER_SIZE, WHITE, HOME_KICKER_SIZE))
        sizes, most = HOME_TITLE_SIZES, 2
    else:
        blocks.append(([card.kicker], 700, KICKER_SIZE, GOLD, KICKER_SIZE * leading))
        sizes, most = TITLE_SIZES, 3
    size, lines = pen.fit(card.title, 700, sizes, width, most)
    blocks.append((lines, 700, size, WHITE, size * leading))
    for text in card.lines:
        size, lines = pen.fit(text, 400, LINE_SIZES, width, 3 if card.home else 2)
        blocks.append((lines, 400, size, WHITE, size * leading))
    gaps = [GAP_KICKER, GAP_TITLE] + [0] * (len(blocks) - 2)
    height = sum(len(b[0]) * b[4] for b in blocks) + sum(gaps[:len(blocks) - 1])

    image = Image.new("RGB", (WIDTH, HEIGHT), GREEN)
    canvas = ImageDraw.Draw(image)
    canvas.rectangle((0, HEIGHT - BAND, WIDTH, HEIGHT), fill=GOLD)
    # The text block in the middle of the green, each line centred: an app that shows
    # the picture cropped to a square (a small WhatsApp preview) keeps « RUN 3 » and
    # the middle of the title.
    top = max(40, (HEIGHT - BAND - height) / 2)
    x, anchor = WIDTH / 2, "ms"
    for (lines, weight, size, colour, line_height), gap in zip(blocks, gaps, strict=True):
        font = pen.font(weight, size)
        for line in lines:
            # The baseline a little below the middle of the line: the middle of the
            # letters' mass (x-height, Arabic bowls) then sits in the middle.
            baseline = round(top + line_height / 2 + size * 0.36)
            canvas.text((x, baseline), line, font=font, fill=colour, anchor=anchor,
                        **pen.options)
            top += line_height
        top += gap
    return image


def png(image: Image.Image) -> bytes:
    """The PNG of ``image``: a palette (less than half the bytes, no pixel off by more
    than a few levels: the antialiased edges' shades are few), no time stamp or
    metadata, so the same picture gives the same bytes."""
    palette = image.quantize(colors=COLOURS, method=Image.Quantize.MAXCOVERAGE,
                             dither=Image.Dither.NONE)
    palette.info = {}
    buffer = io.BytesIO()
    palette.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _key(settings, card) -> str:
    """Everything a picture depends on: what it says and how it is drawn."""
    what = repr((VERSION, WIDTH, HEIGHT, COLOURS, card, fonts.fingerprint(settings),
                 PIL.__version__, features.version("raqm"), features.version("fribidi"),
                 features.version("harfbuzz"), features.version("freetype2")))
    return hashlib.sha256(what.encode()).hexdigest()[:24]


# --- The site's pictures --------------------------------------------------------------

# The dates as the pages write them (macros.html): "5 décembre 2017", "5 دجنبر 2017".
SAID = ('{% from "macros.html" import edition_dates, date with context %}'
        '{% if edition %}{{ edition_dates(edition) }}'
        '{% else %}{{ date(day, precision) }}{% endif %}')


class ShareGenerator(Generator):
    def generate_context(self):
        state = of(self.settings)
        self.cards = {}  # site path -> (Card, its file in the cache)
        self.context["share_images"] = None  # pages then have no picture
        if not self.settings.get("RUN_SHARE_IMAGES", True):
            return
        if not features.check("raqm"):
            # Before anything is drawn: the build stops at the checkpoint.
            state.problem("Pillow", None, "share_raqm_missing")
            return
        self.said = state.environment.from_string(SAID)
        self.coverage = fonts.coverage(self.settings)
        pages, default = {}, {}
        for code in state.languages:
            catalog = os.path.join(self.settings["RUN_TRANSLATIONS_PATH"], code,
                                   "LC_MESSAGES", "messages.po")
            default[code] = image = self._card(state, code, HOME, self._home(state, code),
                                               catalog)
            pages[urls.path(self.settings, state.languages, code, "home")] = image
            for edition in self.context.get("editions", []):
                image = self._card(state, code, edition.id,
                                   self._edition(state, code, edition), edition.source)
                for kind, _ in page_kinds(edition):
                    pages[urls.path(self.settings, state.languages, code, kind,
                                    edition)] = image
            for article in state.articles:
                if article.lang == code:
                    pages[article.url] = self._card(state, code, NEWS_PREFIX + article.slug,
                                                    self._news(state, code, article),
                                                    article.source_path)
        self.context["share_images"] = ShareImages(pages, default)

    def _card(self, state, code, name, said, source) -> ShareImage:
        """Declares the picture ``name`` of language ``code``: ``said`` is its card
        and its alt text, from ``source`` (told of characters the fonts lack)."""
        card, alt = said
        missing = fonts.missing(self.coverage, " ".join((card.kicker, card.title,
                                                         *card.lines)))
        if missing:
            state.notice(source, "glyph_missing", chars=missing)
        path = urls.path(self.settings, state.languages, code, "share_image",
                         SimpleNamespace(id=name))
        state.outputs.declare(state, path, "un fichier du site", page=False)
        cache = os.path.join(self.settings["CACHE_PATH"], "share",
                             f"{_key(self.settings, card)}.png")
        self.cards[path] = (card, cache)
        return ShareImage(path, f"{urls.absolute_base(self.settings)}/{path}", alt)

    def _text(self, state, code, text) -> str:
        """A plain text (a title, a city: never HTML) as the card draws it: spaced as
        French pages space it."""
        text = MANY_SPACES.sub(" ", text).strip(" ")  # a line breaks at one space
        if typography.applies(state.languages[code]):
            text = typography.spaced(text)
        return text.translate(SPACES)

    def _date(self, code, **values) -> str:
        return plain(self.said.render(lang=code, **values))

    def _home(self, state, code):
        language = state.languages[code]
        # Theme strings may hold markup (<bdi> around a Latin name in Arabic).
        name = self._text(state, code, plain(state.catalogs.text(state, code, SERIES_NAME)))
        lead = self._text(state, code, plain(state.catalogs.text(state, code, LEAD)))
        card = Card(language.dir, code, "RUN", name, (lead,), home=True)
        return card, f"{name} (RUN) — {lead}"

    def _edition(self, state, code, edition):
        languages = state.languages
        title = self._text(state, code, edition.texts[code].title)
        city = self._text(state, code, languages.text(edition.city, code))
        host = self._text(state, code, languages.text(edition.host.name, code))
        name = f"RUN {edition.number}"
        if edition.status:  # « RUN 2 · Annulée »: a shared link must not announce it
            label = state.catalogs.text(state, code, LABELS["status"][edition.status])
            name = f"{name} · {self._text(state, code, label)}"
        # Postponed without a new date: the date first planned is no date to come to.
        dates = None if edition.schedule == "postponed" else self._date(code, edition=edition)
        where = f"{dates} · {city}" if dates else city
        card = Card(languages[code].dir, code, name, title, (where, host))
        comma = state.catalogs.text(state, code, ", ")
        said = comma.join(part for part in (dates, city, host) if part)
        return card, f"{name} — {title} — {said}"

    def _news(self, state, code, article):
        title = self._text(state, code, article.title)
        day = self._date(code, edition=None, day=article.date,
                         precision=getattr(article, "date_precision", None) or "day")
        news = plain(state.catalogs.text(state, code, NEWS))
        card = Card(state.languages[code].dir, code, f"RUN · {news}", title, (day,))
        return card, f"RUN · {news} — {title} — {day}"

    def generate_output(self, writer):
        faces = None  # merged only when a picture is not in the cache yet
        for path, (card, cache) in sorted(self.cards.items()):
            if not os.path.exists(cache):
                if faces is None:
                    faces = typefaces(self.settings)
                _save(cache, png(draw(card, faces)))
            target = os.path.join(self.output_path, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(cache, target)


def get_generators(pelican):
    return ShareGenerator
