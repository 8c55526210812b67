"""The pictures of link previews (runsite/write/share.py): one per edition, per news
item and for the home, in each language, drawn by the build; Arabic shaped and ordered
by libraqm; every page names one of the build's; the same bytes from build to build,
and a rebuild copies them from the cache."""

from __future__ import annotations

import io
import json
import re
import shutil

import pytest
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageDraw, ImageFont

from conftest import ARTIFACTS, ROOT, html_pages, run_build
from runsite.core import messages
from runsite.write import share

PREFIXES = ("", "ar/")
PREVIEW = "http://127.0.0.1:8000"  # RUN_PREVIEW_URL: the development build's base
PUBLISHED = "https://run.example"
PUBLISH_LIKE = {"SITEURL": PUBLISHED, "RUN_PUBLISH": True, "RUN_FINGERPRINT": True}
SETTINGS = {"RUN_PRINT_PATH": str(ROOT / "theme" / "print")}
HASHED = re.compile(r"\.[0-9a-f]{8}(?=\.png$)")  # the publish build's name: run-3.1a2b3c4d.png
TEXT_CHUNKS = (b"tIME", b"tEXt", b"iTXt", b"zTXt", b"eXIf")

# What the real content says (content/editions/run-3.*, content/partenaires.toml).
RUN_3 = {
    "": share.Card("ltr", "fr", "RUN 3", "3e Rencontre Universitaire du Numérique",
                   ("5 décembre 2017 · Fès", "Université Sidi Mohammed Ben Abdellah")),
    "ar/": share.Card("rtl", "ar", "RUN 3", "الدورة الثالثة من اللقاء الجامعي للرقمنة",
                      ("5 دجنبر 2017 · فاس", "جامعة سيدي محمد بن عبد الله")),
}


def _names() -> set:
    """Every picture the real content asks for: its editions, its news, the home."""
    editions = {p.stem for p in (ROOT / "content" / "editions").glob("*.toml")}
    news = {p.name.split(".")[0] for p in (ROOT / "content" / "actualites").glob("*.md")}
    assert {"run-1", "run-2", "run-3"} <= editions and news
    return {"accueil", *editions, *(f"actualite-{slug}" for slug in news)}


def _pictures(output) -> dict:
    """{site path without the publish build's hash: bytes} of every share picture."""
    return {HASHED.sub("", str(p.relative_to(output))): p.read_bytes()
            for p in sorted(output.rglob("partage/*.png"))}


def _pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as picture:
        return picture.convert("RGB").tobytes()


def _meta(soup, name) -> list:
    return [m["content"] for m in soup.select(f'meta[property="{name}"], meta[name="{name}"]')]


@pytest.fixture(scope="module")
def faces():
    return share.typefaces(SETTINGS)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The real site built publish-like, then in development, each drawing into an
    empty cache of its own; then again on the second one's cache (its files' times
    noted before): {"published", "drawn", "rebuilt": output, "cache": {name: mtime}}."""
    root = tmp_path_factory.mktemp("share")
    first = run_build(root / "published" / "output",
                      extra={**PUBLISH_LIKE, "CACHE_PATH": str(root / "cache-a")})
    assert first.returncode == 0, first.stderr
    cache = root / "cache-b"
    second = run_build(root / "drawn" / "output", extra={"CACHE_PATH": str(cache)})
    assert second.returncode == 0, second.stderr
    times = {p.name: p.stat().st_mtime_ns for p in (cache / "share").iterdir()}
    third = run_build(root / "rebuilt" / "output", extra={"CACHE_PATH": str(cache)})
    assert third.returncode == 0, third.stderr
    return {"published": first.output, "drawn": second.output, "rebuilt": third.output,
            "cache": cache / "share", "times": times}


# --- The pictures ----------------------------------------------------------------------

def test_a_picture_per_edition_news_item_and_the_home_in_each_language(site):
    names = _names()
    pictures = _pictures(site)
    assert set(pictures) == {f"{prefix}partage/{name}.png"
                             for prefix in PREFIXES for name in names}
    folder = ARTIFACTS / "share"  # to look at (git-ignored)
    folder.mkdir(parents=True, exist_ok=True)
    for path, data in pictures.items():
        assert len(data) <= 150_000, (path, len(data))
        assert not any(chunk in data for chunk in TEXT_CHUNKS), path  # no date, no text
        with Image.open(io.BytesIO(data)) as picture:
            assert picture.format == "PNG" and picture.size == (1200, 630), path
        language = "ar" if path.startswith("ar/") else "fr"
        (folder / f"{path.rsplit('/', 1)[1][:-4]}.{language}.png").write_bytes(data)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_built_picture_is_the_card_drawn_with_raqm_not_the_basic_layout(site, faces,
                                                                            prefix):
    """Arabic shaped and ordered: the build's RUN 3 is the card raqm draws (joined
    letters, right to left, « RUN 3 » and the digits in their place), not the one drawn
    letter by letter from left to right."""
    built = _pixels((site / prefix / "partage" / "run-3.png").read_bytes())
    card = RUN_3[prefix]
    raqm = share.png(share.draw(card, faces, ImageFont.Layout.RAQM))
    basic = share.png(share.draw(card, faces, ImageFont.Layout.BASIC))
    assert built == _pixels(raqm)
    assert built != _pixels(basic)


def _word(face: bytes, text, layout, **options) -> Image.Image:
    font = ImageFont.truetype(io.BytesIO(face), 96, layout_engine=layout)
    image = Image.new("L", (600, 160), 0)
    ImageDraw.Draw(image).text((580, 120), text, font=font, fill=255, anchor="rs",
                               **options)
    return image


def test_an_arabic_word_is_shaped_by_raqm_and_each_script_keeps_its_font(faces):
    arabic = {"direction": "rtl", "language": "ar"}
    shaped = _word(faces[700], "فاس", ImageFont.Layout.RAQM, **arabic)
    apart = _word(faces[700], "فاس", ImageFont.Layout.BASIC)
    assert shaped.getbbox() and ImageChops.difference(shaped, apart).getbbox() is not None
    # The merged font draws each script as its own font does.
    for script, text, options in (("arabic", "فاس", arabic), ("latin", "RUN 3", {})):
        own = share.unhinted(TTFont(ROOT / "theme" / "print" / "fonts" /
                                    f"noto-sans-{script}-700.ttf"))
        assert ImageChops.difference(
            _word(faces[700], text, ImageFont.Layout.RAQM, **options),
            _word(own, text, ImageFont.Layout.RAQM, **options)).getbbox() is None, script


def test_a_hostile_title_is_cut_to_the_card(faces):
    """40,000 characters, a word wider than the card: at most three lines, each within
    the card, the last ending with « … » when something was left out."""
    for title in ("a" * 40_000, "mot " * 10_000, "x" * 80 + " fin"):
        pen = share._Pen(faces, share.Card("ltr", "fr", "RUN 3", title), ImageFont.Layout.RAQM)
        size, lines = pen.fit(title, 700, share.TITLE_SIZES, share.WIDTH - 2 * share.MARGIN, 3)
        assert 1 <= len(lines) <= 3
        assert all(pen.length(line, 700, size) <= share.WIDTH - 2 * share.MARGIN
                   for line in lines)
        assert lines[-1].endswith("…") == (title != "x" * 80 + " fin"), lines


def test_the_merged_fonts_are_the_two_fonts_merged():
    # Committed (merging takes seconds every first build would pay): never stale.
    folder = ROOT / "theme" / "print" / "fonts"
    for weight in (400, 700):
        assert (folder / f"noto-sans-latin-arabic-{weight}.ttf").read_bytes() == share.merge(
            str(folder / f"noto-sans-latin-{weight}.ttf"),
            str(folder / f"noto-sans-arabic-{weight}.ttf")), weight


def test_without_raqm_the_build_says_what_to_install():
    what, fix = messages.say("share_raqm_missing")
    assert "libraqm" in what and "libraqm0" in fix and "libfribidi0" in fix


# --- The pages -------------------------------------------------------------------------

def _own(path: str) -> str:
    """The picture a page shows: its edition's, its news item's, else the home's."""
    page = path.removeprefix("ar/")
    edition = re.match(r"editions/([^/]+)/(programme/)?index\.html$", page)
    if edition:
        return edition[1]
    news = re.match(r"actualites/([^/]+)/index\.html$", page)
    if news:
        return f"actualite-{news[1]}"
    return "accueil"


def test_every_page_names_a_picture_of_the_build(site):
    pages = html_pages(site)
    assert len(pages) > 20
    for path in pages:
        soup = BeautifulSoup((site / path).read_text("utf-8"), "lxml")
        images = _meta(soup, "og:image")
        assert len(images) == 1, path
        assert images[0].startswith(f"{PREVIEW}/"), (path, images[0])
        lang = soup.html["lang"]
        assert images[0] == (f"{PREVIEW}/{'ar/' if lang == 'ar' else ''}partage/"
                             f"{_own(path)}.png"), path
        assert (site / images[0].removeprefix(f"{PREVIEW}/")).is_file(), path
        assert _meta(soup, "og:image:width") == ["1200"]
        assert _meta(soup, "og:image:height") == ["630"]
        assert _meta(soup, "og:image:type") == ["image/png"]
        assert _meta(soup, "og:image:alt")[0].strip(), path
        assert _meta(soup, "twitter:card") == ["summary_large_image"]


@pytest.mark.parametrize("prefix,alt", [
    ("", "RUN 3 — 3e Rencontre Universitaire du Numérique — 5 décembre 2017, Fès, "
         "Université Sidi Mohammed Ben Abdellah"),
    ("ar/", "RUN 3 — الدورة الثالثة من اللقاء الجامعي للرقمنة — 5 دجنبر 2017، فاس، "
            "جامعة سيدي محمد بن عبد الله"),
])
def test_the_alt_text_says_what_the_picture_says(site, prefix, alt):
    for page in ("editions/run-3/index.html", "editions/run-3/programme/index.html"):
        soup = BeautifulSoup((site / prefix / page).read_text("utf-8"), "lxml")
        assert _meta(soup, "og:image:alt") == [alt]


def _graph(output, path) -> dict:
    soup = BeautifulSoup((output / path).read_text("utf-8"), "lxml")
    script = soup.select_one('script[type="application/ld+json"]')
    return soup, {node["@type"]: node for node in json.loads(script.string)["@graph"]}


def test_the_publish_build_names_its_pictures_absolutely_and_in_json_ld(builds):
    output = builds["published"]
    for path in html_pages(output):
        soup = BeautifulSoup((output / path).read_text("utf-8"), "lxml")
        image = _meta(soup, "og:image")[0]
        # Absolute under SITEURL, the file's hashed name (cached for a year).
        assert image.startswith(f"{PUBLISHED}/") and HASHED.search(image), (path, image)
        assert (output / image.removeprefix(f"{PUBLISHED}/")).is_file(), (path, image)
    for prefix in PREFIXES:
        soup, nodes = _graph(output, f"{prefix}editions/run-3/index.html")
        assert nodes["EducationEvent"]["image"] == _meta(soup, "og:image")[0]
        assert HASHED.sub("", nodes["EducationEvent"]["image"]) == \
            f"{PUBLISHED}/{prefix}partage/run-3.png"
        soup, nodes = _graph(output, f"{prefix}actualites/annonce-run-3/index.html")
        assert nodes["NewsArticle"]["image"] == _meta(soup, "og:image")[0]
        assert nodes["NewsArticle"]["datePublished"] == "2017-11"  # known to the month


# --- Reproducible, cached --------------------------------------------------------------

def test_two_builds_draw_the_same_bytes_and_a_rebuild_copies_the_cache(builds):
    drawn = _pictures(builds["drawn"])
    assert drawn and _pictures(builds["published"]) == drawn  # two empty caches
    assert _pictures(builds["rebuilt"]) == drawn
    # The rebuild drew nothing: the cache holds the same files, untouched.
    assert {p.name: p.stat().st_mtime_ns for p in builds["cache"].iterdir()} == \
        builds["times"]
    assert len([p for p in builds["times"] if p.endswith(".png")]) == len(drawn)


def test_a_changed_title_is_drawn_anew(builds, tmp_path):
    """The cache is keyed by what is drawn: a new title, a new picture; the others
    come from the cache as they were."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    text = content / "editions" / "run-2.fr.md"
    title = "Title: 2e Rencontre Universitaire du Numérique\n"
    assert title in text.read_text("utf-8")
    text.write_text(text.read_text("utf-8").replace(
        title, "Title: 2e Rencontre Universitaire du Numérique à Rabat\n"), "utf-8")
    cache = tmp_path / "cache"
    shutil.copytree(builds["cache"].parent, cache)
    after = run_build(tmp_path / "output", content=content, extra={"CACHE_PATH": str(cache)})
    assert after.returncode == 0, after.stderr
    old, new = _pictures(builds["drawn"]), _pictures(after.output)
    assert [p for p in old if old[p] != new[p]] == ["partage/run-2.png"]
    assert len(list((cache / "share").glob("*.png"))) == len(old) + 1
