"""One build, two languages: mirrored paths, lang/dir, hreflang and the switch."""

from __future__ import annotations

import shutil
from pathlib import Path

import icalendar
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup
from lxml import etree

from conftest import FIXTURE_SITE, ROOT, fixture_extra, run_build
from conftest import html_pages as all_pages

LANG_DIR = {"fr": "ltr", "ar": "rtl"}


def soup(output, relative):
    return BeautifulSoup((output / relative).read_text(encoding="utf-8"), "lxml")


def url_of(relative: str) -> str:
    """'ar/a-propos/index.html' -> '/ar/a-propos/'"""
    return "/" + relative.removesuffix("index.html")


def counterpart(relative: str) -> str:
    return relative.removeprefix("ar/") if relative.startswith("ar/") else f"ar/{relative}"


def language_of(relative: str) -> str:
    return "ar" if relative.startswith("ar/") else "fr"


def html_pages(output):
    """Every page but /404.html, the one page that shows both languages at once."""
    pages = all_pages(output)
    assert "404.html" in pages
    return [p for p in pages if p != "404.html"]


@pytest.fixture(scope="module", params=["site", "fixture_site", "demo_site"])
def output(request):
    return request.getfixturevalue(request.param)


def test_both_languages_have_pages(output):
    pages = html_pages(output)
    assert any(p.startswith("ar/") for p in pages)
    assert any(not p.startswith("ar/") for p in pages)
    assert "index.html" in pages and "ar/index.html" in pages


def test_every_page_has_its_counterpart_at_the_mirrored_path(output):
    pages = set(html_pages(output))
    missing = sorted(p for p in pages if counterpart(p) not in pages)
    assert missing == []


def test_lang_and_dir_on_every_page(output):
    for relative in html_pages(output):
        html = soup(output, relative).html
        lang = language_of(relative)
        assert (html.get("lang"), html.get("dir")) == (lang, LANG_DIR[lang]), relative


def test_hreflang_links_are_reciprocal_with_self_and_x_default(output):
    for relative in html_pages(output):
        links = {
            link["hreflang"]: link["href"]
            for link in soup(output, relative).select('head link[rel="alternate"][hreflang]')
        }
        here, there = url_of(relative), url_of(counterpart(relative))
        lang = language_of(relative)
        other = "fr" if lang == "ar" else "ar"
        assert links == {lang: here, other: there,
                         "x-default": here if lang == "fr" else there}, relative
        # ... and the counterpart lists this page back.
        back = {
            link["hreflang"]: link["href"]
            for link in soup(output, counterpart(relative)).select(
                'link[rel="alternate"][hreflang]')
        }
        assert back[lang] == here


def test_language_switch_links_to_the_counterpart_of_this_page(output):
    for relative in html_pages(output):
        switch = soup(output, relative).select(".run-lang-switch a")
        other = "fr" if language_of(relative) == "ar" else "ar"
        assert [(a["href"], a["hreflang"], a["lang"]) for a in switch] == [
            (url_of(counterpart(relative)), other, other)
        ], relative
        assert switch[0].get_text(strip=True) == {"fr": "Français", "ar": "العربية"}[other]


def test_slugs_are_ascii_in_both_languages(output):
    for relative in html_pages(output):
        assert relative.isascii(), relative


# --- A third language, added the documented way -------------------------------------

THIRD = {"fr": {"locale": "fr", "og_locale": "fr_FR", "name": "Français"},
         "ar": {"locale": "ar_MA", "og_locale": "ar_AR", "name": "العربية"},
         "en": {"locale": "en", "og_locale": "en_GB", "name": "English", "partial": True}}


@pytest.fixture(scope="module")
def three_languages(tmp_path_factory):
    """The test site with English added as docs/architecture.md says: a table entry
    (partial: being translated), its catalog, one page and one edition text in English;
    the rest shown in French, marked."""
    work = tmp_path_factory.mktemp("three")
    content = work / "content"
    shutil.copytree(FIXTURE_SITE / "content", content)
    translations = work / "translations"
    shutil.copytree(ROOT / "translations", translations,
                    ignore=shutil.ignore_patterns("*.mo"))
    with open(translations / "messages.pot", "rb") as fp:
        template = read_po(fp)
    catalog = Catalog(locale="en")
    for message in template:
        if message.id:  # English is the catalogs' source language
            catalog.add(message.id, string=message.id, context=message.context)
    (translations / "en" / "LC_MESSAGES").mkdir(parents=True)
    with open(translations / "en" / "LC_MESSAGES" / "messages.po", "wb") as fp:
        write_po(fp, catalog)
    (content / "pages" / "sonde.en.md").write_text(
        "Title: Probe page (fictional)\n\nA fictional page, in English.\n", "utf-8")
    (content / "editions" / "fiction-2.en.md").write_text(
        "Title: Second fictional meeting\nSummary: A fictional edition, in English.\n\n"
        "Described in English.\n", "utf-8")
    build = run_build(work / "output", content=content,
                      extra={**fixture_extra(), "RUN_LANGUAGES": THIRD,
                             "RUN_TRANSLATIONS_PATH": str(translations)})
    assert build.returncode == 0, build.stderr
    return build.output


def test_a_third_language_has_every_page_switch_hreflang_and_sitemap(three_languages):
    output = three_languages
    pages = [p for p in all_pages(output) if p != "404.html"]
    french = [p for p in pages if not p.startswith(("ar/", "en/"))]
    assert len(french) > 10
    sitemap = etree.parse(str(output / "sitemap.xml"))
    alternates = {}
    for url in sitemap.getroot():
        location = url.findtext("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
        alternates[location] = {link.get("hreflang")
                                for link in url.iter("{http://www.w3.org/1999/xhtml}link")}
    for page in french:
        for prefix in ("ar/", "en/"):
            assert f"{prefix}{page}" in pages, f"{prefix}{page}"
        english = soup(output, f"en/{page}")
        assert english.html["lang"] == "en" and english.html["dir"] == "ltr"
        assert {link["hreflang"] for link in english.select('link[rel="alternate"][hreflang]')} \
            == {"fr", "ar", "en", "x-default"}, page
        switch = [a["hreflang"] for a in english.select(".run-lang-switch a")]
        assert switch == ["fr", "ar"], page
        location = f"http://127.0.0.1:8000/en/{page.removesuffix('index.html')}"
        assert alternates[location] == {"fr", "ar", "en", "x-default"}, page


def test_a_third_language_shows_untranslated_texts_in_french_marked(three_languages):
    output = three_languages
    written = soup(output, "en/editions/fiction-2/index.html")
    assert written.h1.get_text() == "Second fictional meeting" and "lang" not in written.h1.attrs
    fallback = soup(output, "en/editions/fiction-1/index.html")
    assert fallback.h1["lang"] == "fr" and fallback.h1["dir"] == "ltr"
    assert fallback.select_one(".run-prose")["lang"] == "fr"
    city = fallback.select_one(".run-facts span[lang='fr']")  # a data text not in English
    assert city is not None
    assert "Probe page" in soup(output, "en/sonde/index.html").h1.get_text()


def test_a_third_language_has_its_feed_and_calendars(three_languages):
    output = three_languages
    feed = etree.parse(str(output / "en" / "actualites" / "flux.atom")).getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert feed.findtext("{http://www.w3.org/2005/Atom}title") == \
        "News of the University Digital Meeting"
    series = icalendar.Calendar.from_ical((output / "en" / "calendrier.ics").read_bytes())
    french = icalendar.Calendar.from_ical((output / "calendrier.ics").read_bytes())
    assert len(series.walk("VEVENT")) == len(french.walk("VEVENT")) > 2
    for edition in ("fiction-1", "fiction-2"):
        calendar = output / "en" / "editions" / edition / "calendrier.ics"
        events = icalendar.Calendar.from_ical(calendar.read_bytes()).walk("VEVENT")
        assert all(str(e["URL"]).startswith("http://127.0.0.1:8000/en/editions/")
                   for e in events)


def test_the_translation_status_lists_the_data_texts_a_partial_language_lacks():
    """What `make i18n-status` lists for a language being added: each text of the data
    files not written in it yet, at its line."""
    from runsite.core.languages import Languages
    from runsite.tools.build import load_settings
    from runsite.tools.check import missing_texts

    settings = load_settings(ROOT / "pelicanconf.py", FIXTURE_SITE / "content")
    languages = Languages.from_settings({**settings, "RUN_LANGUAGES": THIRD})
    missing = missing_texts(settings, languages)
    assert missing["fr"] == missing["ar"] == []
    partners = str(FIXTURE_SITE / "content" / "partenaires.toml")
    line = next(number for number, text in enumerate(
        Path(partners).read_text("utf-8").splitlines(), 1) if text.startswith("name.fr"))
    assert (partners, line, "partner.0.name") in missing["en"]
    assert any(key.endswith(".city") or key == "city" for _, _, key in missing["en"])
