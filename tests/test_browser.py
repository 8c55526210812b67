"""In a real browser (Debian's chromium): the language switch and both directions."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import screenshot

WIDTHS = {"phone": 375, "desktop": 1280}


def test_language_switch_round_trip(page, site_url):
    page.goto(f"{site_url}/")
    assert page.evaluate("document.dir") == "ltr"
    assert page.evaluate("document.documentElement.lang") == "fr"

    page.get_by_role("link", name="العربية").click()
    page.wait_for_url(f"{site_url}/ar/")
    assert page.evaluate("document.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"

    page.get_by_role("link", name="Français").click()
    page.wait_for_url(f"{site_url}/")
    assert page.evaluate("document.dir") == "ltr"


def test_switch_on_an_inner_page_goes_to_its_counterpart(page, site_url):
    page.goto(f"{site_url}/a-propos/")
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url(f"{site_url}/ar/a-propos/")
    page.get_by_role("link", name="Français").click()
    page.wait_for_url(f"{site_url}/a-propos/")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_home_screenshots(page, site_url, lang, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{site_url}/" + ("ar/" if lang == "ar" else ""))
    # The page fits the screen: no horizontal scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    path = screenshot(page, f"home-{lang}-{width}")
    assert path.stat().st_size > 1000


def test_from_french_home_to_run3_agenda_then_to_arabic(page, site_url):
    page.goto(f"{site_url}/")
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Chronologie").click()
    page.wait_for_url(f"{site_url}/chronologie/")
    page.get_by_role("link", name="RUN 3 · Fès").click()
    page.wait_for_url(f"{site_url}/editions/run-3/")
    page.get_by_role("link", name="Le programme détaillé").click()
    page.wait_for_url(f"{site_url}/editions/run-3/programme/")

    page.get_by_role("link", name="العربية").click()

    page.wait_for_url(f"{site_url}/ar/editions/run-3/programme/")
    assert page.evaluate("document.dir") == "rtl"
    expect(page.locator("h1")).to_contain_text("البرنامج")
    expect(page.locator(".run-agenda__slot")).to_have_count(2)


PAGE_TYPES = {
    "home": "", "edition": "editions/run-3/", "agenda": "editions/run-3/programme/",
    "timeline": "chronologie/", "partners": "partenaires/", "news": "actualites/",
    "article": "actualites/annonce-run-3/", "page": "a-propos/",
}


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_type_screenshots(page, site_url, kind, lang, width):
    """Every page type fits a phone and a desktop screen; screenshots to look at."""
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{site_url}/" + ("ar/" if lang == "ar" else "") + PAGE_TYPES[kind])
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("document.dir") == ("rtl" if lang == "ar" else "ltr")
    screenshot(page, f"{kind}-{lang}-{width}")
