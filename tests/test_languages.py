"""One build, two languages: mirrored paths, lang/dir, hreflang and the switch."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

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


@pytest.fixture(scope="module", params=["site", "fixture_site"])
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
