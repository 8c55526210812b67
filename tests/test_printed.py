"""The programme to print: a PDF per language and a bilingual booklet per edition with a
programme, read back with Debian's poppler-utils (pdffonts, pdftotext, pdfinfo,
pdftoppm) and its QR codes decoded (zxing-cpp) from the rasterised pages, which are
kept in test-artifacts/pdf/ to be looked at.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import ARTIFACTS, DEMO, ROOT, copy_project, run_build, snapshot
from runsite.tools import cli

PUBLISHED = "https://run.example"
EPOCH = "1700000000"  # 14 November 2023, 22:13:20 UTC
PREFIXES = {"fr": "", "ar": "ar/"}
WITH_PDF = {"RUN_PDF": True, "SITEURL": PUBLISHED, "RELATIVE_URLS": False}


def _tool(name, *arguments) -> str:
    if shutil.which(name) is None:
        pytest.fail(f"{name} is needed (Debian: poppler-utils; make test installs it)")
    return subprocess.run([name, *arguments], capture_output=True, text=True, check=True,
                          timeout=60).stdout


def _build(output, cache, content=None, settings=None, extra=None):
    build = run_build(output, content=content, settings=settings,
                      extra={**WITH_PDF, "CACHE_PATH": str(cache), **(extra or {})},
                      env={"SOURCE_DATE_EPOCH": EPOCH})
    assert build.returncode == 0, build.stderr
    return build.output


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> Path:
    """The real site with its PDFs, at a fixed SOURCE_DATE_EPOCH, from an empty cache."""
    root = tmp_path_factory.mktemp("printed")
    return _build(root / "output", root / "cache")


@pytest.fixture(scope="module")
def printed_demo(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("printed-demo")
    return _build(root / "output", root / "cache", content=DEMO / "content",
                  settings=DEMO / "democonf.py")


def _programmes(output) -> list[str]:
    """The editions that have a programme page (an edition with sessions)."""
    return sorted(p.parent.parent.name
                  for p in (output / "editions").glob("*/programme/index.html"))


def _text(pdf, page=None) -> str:
    """The text of ``pdf`` (or of one page), without the direction marks pdftotext adds
    around each run (U+202A–202E, U+2066–2069)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return re.sub("[\u202a-\u202e\u2066-\u2069]", " ",
                  _tool("pdftotext", *pages, str(pdf), "-"))


# --- Which PDFs, and where they are linked ----------------------------------------------

def test_every_edition_with_a_programme_has_its_pdfs_in_both_languages(printed, printed_demo):
    assert _programmes(printed) == ["run-3"]  # RUN 1 and 2: the source gives no programme
    assert len(_programmes(printed_demo)) >= 3
    for output in (printed, printed_demo):
        for edition in _programmes(output):
            for prefix in PREFIXES.values():
                folder = output / prefix / "editions" / edition / "programme"
                pdf = folder / f"{edition}-programme.pdf"
                assert pdf.read_bytes().startswith(b"%PDF-"), pdf
            booklet = f"{edition}-programme-bilingue.pdf"
            assert (output / "editions" / edition / "programme" / booklet).read_bytes() \
                .startswith(b"%PDF-")
            # One booklet for both languages.
            assert not (output / "ar" / "editions" / edition / "programme" / booklet).exists()
    assert not list((printed / "editions" / "run-1").rglob("*.pdf"))


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_programme_page_links_to_every_pdf_with_their_sizes(printed, lang):
    prefix, other = PREFIXES[lang], PREFIXES["ar" if lang == "fr" else "fr"]
    page = BeautifulSoup((printed / prefix / "editions/run-3/programme/index.html")
                         .read_text("utf-8"), "lxml")
    links = page.select('a[type="application/pdf"]')
    # Its language's, the other's (said in words), the booklet.
    assert [a["href"] for a in links] == [
        f"{PUBLISHED}/{prefix}editions/run-3/programme/run-3-programme.pdf",
        f"{PUBLISHED}/{other}editions/run-3/programme/run-3-programme.pdf",
        f"{PUBLISHED}/editions/run-3/programme/run-3-programme-bilingue.pdf"]
    assert ("en arabe" if lang == "fr" else "بالفرنسية") in links[1].get_text()
    assert links[1]["hreflang"] == ("ar" if lang == "fr" else "fr")
    for link in links:
        target = printed / link["href"].removeprefix(f"{PUBLISHED}/")
        kilobytes = round(target.stat().st_size / 1000)
        assert "PDF" in link.get_text()
        assert (f"{kilobytes}\u202fko" if lang == "fr" else f"{kilobytes} كيلوبايت") \
            in link.get_text(), link.get_text()


def test_without_run_pdf_there_is_no_pdf_and_no_link(site):
    assert not list((site / "editions").rglob("*-programme*.pdf"))
    page = (site / "editions/run-3/programme/index.html").read_text("utf-8")
    assert "application/pdf" not in page


def test_make_serve_makes_them_when_asked():
    done = subprocess.run(["make", "-n", "serve", "PDF=1"], cwd=ROOT, capture_output=True,
                          text=True, check=True)
    assert "-m runsite serve" in done.stdout and "PDF='1'" in done.stdout
    # ... which the command line turns into RUN_PDF=True for the build (and only then).
    assert "RUN_PDF=True" in cli._extra(cli.parse(["serve", "PDF=1"])[1])
    assert "RUN_PDF=True" not in cli._extra(cli.parse(["serve"])[1])


# --- What is in them -------------------------------------------------------------------

def test_every_font_is_embedded(printed, printed_demo):
    pdfs = [*printed.rglob("*-programme*.pdf"), *printed_demo.rglob("*-programme*.pdf")]
    assert len(pdfs) >= 9
    for pdf in pdfs:
        rows = _tool("pdffonts", str(pdf)).splitlines()[2:]
        assert rows, pdf
        for row in rows:
            # name type encoding emb sub uni object ID: emb is the fourth field from the end
            assert row.split()[-5] == "yes", (pdf, row)
    arabic = _tool("pdffonts", str(printed / "ar/editions/run-3/programme/run-3-programme.pdf"))
    assert "RUN-Arabic" in arabic and "RUN-Latin" in arabic


def _arabic_title():
    text = (ROOT / "content/editions/run-3.ar.md").read_text("utf-8")
    return re.search(r"^Title:\s*(.+)$", text, re.M)[1].split()


@pytest.mark.parametrize("word", ["فاس", "دجنبر", *_arabic_title()])
def test_the_arabic_pdf_has_the_city_the_moroccan_month_and_the_title(printed, word):
    # Each word whole, in logical order (the extractor's order of mixed runs is no test).
    words = _text(printed / "ar/editions/run-3/programme/run-3-programme.pdf").split()
    assert word in words


def test_the_french_pdf_says_the_programme_and_no_time_it_does_not_have(printed):
    text = " ".join(_text(printed / "editions/run-3/programme/run-3-programme.pdf").split())
    for expected in ("Fès", "5 décembre 2017", "Première séquence", "Seconde séquence",
                     "Université Sidi Mohammed Ben Abdellah", "Ambassade de France"):
        assert expected in text
    # RUN 3's programme is two sequences without times: the PDF says less, as the page.
    assert not re.search(r"\d{2}:\d{2}", text)
    assert "heures sont celles du Maroc" not in text


def test_a_timed_programme_gives_days_times_rooms_languages_and_speakers(printed_demo):
    text = " ".join(_text(printed_demo / "editions/demo-3/programme/demo-3-programme.pdf").split())
    page = BeautifulSoup((printed_demo / "editions/demo-3/programme/index.html")
                         .read_text("utf-8"), "lxml")
    for time in page.select(".run-agenda__time"):
        assert " ".join(time.get_text().split()) in text
    for fact in page.select(".run-agenda__slot .run-facts dd"):
        assert " ".join(fact.get_text().split()) in text
    assert "13 mai 2031" in text
    assert "Les heures sont celles du Maroc (Africa/Casablanca)." in text


def _pages(pdf) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", _tool("pdfinfo", str(pdf)), re.M)[1])


def test_the_booklet_reads_french_from_the_left_cover_and_arabic_from_the_right(printed):
    booklet = printed / "editions/run-3/programme/run-3-programme-bilingue.pdf"
    count = _pages(booklet)
    assert count % 4 == 0  # whole sheets, folded
    first, last = _text(booklet, 1), _text(booklet, count)
    assert "Rencontre Universitaire du Numérique" in first and "Programme" in first
    assert "اللقاء الجامعي للرقمنة" in last and "البرنامج" in last.split()
    assert not _text(booklet, 2).strip() and not _text(booklet, count - 1).strip()
    # The French programme right after its cover, the Arabic one just before its own.
    assert "Première séquence" in _text(booklet, 3)
    assert "الشق" in _text(booklet, count - 2).split()
    # Each half numbers its pages from its programme's first, covers not counted.
    assert _text(booklet, 3).split()[-1] == "1"
    assert _text(booklet, count - 2).split()[-1] == "1"


def test_each_half_of_the_booklet_is_tagged_in_its_language():
    import weasyprint

    from runsite.write.printed import _booklet, _tag_languages

    halves = [weasyprint.HTML(string=f'<html lang="{lang}"><title>{lang}</title>'
                              f'<p>{text}</p><p style="break-before: page">{text}</p>').render()
              for lang, text in (("fr", "Programme"), ("ar", "البرنامج"))]
    booklet, languages = _booklet(halves)
    assert languages == ["fr", "fr", "ar", "ar"]
    data = booklet.write_pdf(pdf_variant="pdf/ua-1", uncompressed_pdf=True,
                             finisher=_tag_languages(languages))
    # The file's language (French), then each page's top-level structure elements.
    assert re.findall(rb"/Lang \((\w+)\)", data) == [b"fr", b"fr", b"fr", b"ar", b"ar"]


def test_a_postponed_or_changed_edition_says_so_in_its_pdf(printed_demo):
    postponed = " ".join(_text(printed_demo / "editions/demo-5/programme/"
                               "demo-5-programme.pdf").split())
    assert "Cette édition est reportée." in postponed
    arabic = " ".join(_text(printed_demo / "ar/editions/demo-5/programme/"
                            "demo-5-programme.pdf").split())
    # (pdftotext splits a word at its vowel marks: « أُجّلت » is no test)
    assert "الموعد" in arabic.split() and "الجديد" in arabic
    changed = " ".join(_text(printed_demo / "editions/demo-3/programme/"
                             "demo-3-programme.pdf").split())
    assert "Programme modifié le" in changed and "Séance annulée" in changed


def test_the_pdf_is_tagged_titled_in_its_language_and_dated_by_source_date_epoch(printed):
    info = _tool("pdfinfo", "-isodates",
                 str(printed / "ar/editions/run-3/programme/run-3-programme.pdf"))
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    title = re.search(r"^Title:\s+(.+)$", info, re.M)[1]
    assert "RUN 3" in title and "البرنامج" in title
    epoch = datetime.datetime.fromtimestamp(int(EPOCH), datetime.UTC)
    for key in ("CreationDate", "ModDate"):
        assert re.search(rf"^{key}:\s+{epoch:%Y-%m-%dT%H:%M:%S}", info, re.M), info


# --- QR codes, and the pages to look at ---------------------------------------------------

@pytest.mark.parametrize("output_name, edition", [("printed", "run-3"),
                                                  ("printed_demo", "demo-3")])
def test_each_session_has_a_qr_code_of_its_place_on_the_site(request, output_name, edition):
    import zxingcpp

    output = request.getfixturevalue(output_name)
    folder = ARTIFACTS / "pdf"
    folder.mkdir(parents=True, exist_ok=True)
    for lang, prefix in PREFIXES.items():
        programme = output / prefix / "editions" / edition / "programme"
        page = BeautifulSoup((programme / "index.html").read_text("utf-8"), "lxml")
        expected = {f"{PUBLISHED}/{prefix}editions/{edition}/programme/#{li['id']}"
                    for li in page.select("li.run-agenda__slot")}
        assert expected
        stem = folder / f"{edition}-{lang}"
        for old in folder.glob(f"{stem.name}-*.png"):
            old.unlink()
        # Every page rasterised into test-artifacts/pdf/ (looked at), and read back.
        pdf = programme / f"{edition}-programme.pdf"
        _tool("pdftoppm", "-r", "150", "-png", str(pdf), str(stem))
        found = set()
        for image_file in sorted(folder.glob(f"{stem.name}-*.png")):
            with Image.open(image_file) as image:
                found |= {code.text for code in zxingcpp.read_barcodes(image.convert("L"))}
        assert found == expected


# --- Reproducible, cached ------------------------------------------------------------------

def test_the_same_sources_give_the_same_bytes_and_a_rebuild_uses_the_cache(printed, tmp_path):
    cache = tmp_path / "cache"
    again = _build(tmp_path / "again", cache)  # another folder, another (empty) cache
    pdfs = sorted(p.relative_to(printed) for p in printed.rglob("*-programme*.pdf"))
    assert len(pdfs) == 3
    for pdf in pdfs:
        assert (again / pdf).read_bytes() == (printed / pdf).read_bytes(), pdf
    cached = {p: p.stat().st_mtime_ns for p in (cache / "pdf").iterdir()}
    assert len(cached) == 3
    third = _build(tmp_path / "third", cache)
    assert {p: p.stat().st_mtime_ns for p in (cache / "pdf").iterdir()} == cached
    for pdf in pdfs:
        assert (third / pdf).read_bytes() == (printed / pdf).read_bytes()


# --- Safe by construction ---------------------------------------------------------------------

def test_isolates_stand_for_what_weasyprint_ignores():
    from runsite.write.printed import isolate

    html = isolate('<p dir="rtl">برنامج <bdi dir="ltr">RUN 3</bdi> و<bdi>اسم <b>x</b></bdi>'
                   ' <span dir="ltr">09:00</span> <span>بلا</span></p>')
    assert "\u2066RUN 3\u2069" in html and "\u2066" "09:00\u2069" in html
    assert "\u2068اسم <b>x</b>\u2069" in html
    assert "<span>بلا</span>" in html  # no direction: nothing to isolate


def test_a_pdf_loads_nothing_from_the_network_or_outside_theme_print(tmp_path):
    import weasyprint

    from runsite.write.printed import _fetcher

    fetcher = _fetcher(weasyprint, ROOT / "theme" / "print")
    for url in ("https://example.com/x.css", "file:///etc/passwd",
                f"file://{ROOT}/pelicanconf.py", f"file://{ROOT}/theme/print/../../README.md"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert b"@font-face" in fetcher.fetch(f"file://{ROOT}/theme/print/programme.css").read()


# --- What the organisers and the theme's maintainers are told ---------------------------

def test_a_character_the_fonts_lack_is_said_and_a_broken_print_theme_stops_the_build(
        tmp_path):
    project = copy_project(tmp_path)
    run3 = project / "content" / "editions" / "run-3.toml"
    run3.write_text(run3.read_text("utf-8").replace(
        'title.fr = "Première séquence :', 'title.fr = "Première séquence → ⵜⴰⵙⴷⴰⵡⵉⵜ :'),
        "utf-8")
    output = tmp_path / "output"
    build = run_build(output, cwd=project, extra={"RUN_PDF": True})
    assert build.returncode == 0, build.stderr
    said = build.stdout + build.stderr
    assert "content/editions/run-3.toml: caractères absents des polices du programme " \
           "imprimé et des images de partage : → ⵜ ⴰ ⵙ ⴷ ⵡ ⵉ" in said
    assert said.count("caractères absents") == 1
    # A font the print style sheet names, misspelt: the build stops, output/ as it was.
    before = snapshot(output)
    css = project / "theme" / "print" / "programme.css"
    css.write_text(css.read_text("utf-8").replace("noto-sans-latin-400.ttf",
                                                  "noto-sans-latin-400.tff"), "utf-8")
    failed = run_build(output, cwd=project, extra={"RUN_PDF": True})
    assert failed.returncode != 0
    assert "theme/print/programme.css: le programme imprimé (PDF) ne se fait pas comme " \
           "theme/print/ le décrit ; WeasyPrint dit :" in failed.stdout + failed.stderr
    assert "Traceback" not in failed.stdout + failed.stderr
    assert snapshot(output) == before
