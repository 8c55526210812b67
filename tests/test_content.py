"""The real RUN content: every page in both languages, faithful dates and facts."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import html_pages, run_build

PAGES = ["", "a-propos/", "actualites/", "actualites/annonce-run-3/", "chronologie/",
         "partenaires/", "editions/run-1/", "editions/run-2/", "editions/run-3/",
         "editions/run-3/programme/"]
EDITION_DATES = {
    "run-1": ("2015-10-08", "8 octobre 2015", "8 أكتوبر 2015"),
    "run-2": ("2016-12-08", "8 décembre 2016", "8 دجنبر 2016"),
    "run-3": ("2017-12-05", "5 décembre 2017", "5 دجنبر 2017"),
}


def page(output, path, lang="fr"):
    prefix = "ar/" if lang == "ar" else ""
    return BeautifulSoup((output / prefix / path / "index.html").read_text("utf-8"), "lxml")


def text(soup):
    return " ".join(soup.get_text(" ").split())


def test_every_page_exists_in_both_languages(site):
    built = set(html_pages(site))
    for path in PAGES:
        assert f"{path}index.html" in built
        assert f"ar/{path}index.html" in built
    # Editions without an agenda in the source have no empty programme page.
    assert "editions/run-1/programme/index.html" not in built


@pytest.mark.parametrize("edition", EDITION_DATES)
def test_edition_dates_in_french_and_moroccan_arabic(site, edition):
    iso, french, arabic = EDITION_DATES[edition]
    fr, ar = page(site, f"editions/{edition}/"), page(site, f"editions/{edition}/", "ar")
    assert french in text(fr.select_one(".run-facts"))
    assert arabic in text(ar.select_one(".run-facts"))
    assert fr.select_one(f'.run-facts time[datetime="{iso}"]')
    assert ar.select_one(f'.run-facts time[datetime="{iso}"]')


def test_no_middle_eastern_month_names_or_rlm_marks_in_arabic(site):
    for relative in html_pages(site):
        if relative.startswith("ar/"):
            html = (site / relative).read_text("utf-8")
            assert not re.search("ديسمبر|نوفمبر|أغسطس|سبتمبر|يوليو(?!ز)|مايو", html), relative
            assert "\u200f" not in html, relative


def test_timeline_is_chronological_and_the_same_in_both_languages(site):
    def dates(lang):
        soup = page(site, "chronologie/", lang)
        entries = soup.select("ol.run-timeline > li")
        return [e.select_one(".run-timeline__date time")["datetime"] for e in entries]

    assert dates("fr") == ["2015-10-08", "2016-07-15", "2016-12-08", "2017-05",
                           "2017-11-16", "2017-12-05"]
    assert dates("ar") == dates("fr")
    fr = text(page(site, "chronologie/"))
    assert "mai 2017" in fr and "plus de 119 projets de MOOCs déposés" in fr
    assert "49 projets retenus" in fr
    ar = text(page(site, "chronologie/", "ar"))
    assert "ماي 2017" in ar and "أكثر من 119 مشروعًا مقدَّمًا" in ar


def test_partners_list_every_edition_and_role(site):
    def roles(lang, partner):
        soup = page(site, "partenaires/", lang)
        return [text(li) for li in soup.select(f"#{partner} .run-partner__roles li")]

    assert roles("fr", "usmba") == ["RUN 3 · Fès · 2017 — Université hôte"]
    assert roles("fr", "fun") == ["RUN 1 · Marrakech · 2015 — Plateforme présentée",
                                  "RUN 3 · Fès · 2017 — Participant"]
    assert roles("ar", "cadi-ayyad") == ["RUN 1 · مراكش · 2015 — الجامعة المستضيفة"]
    partners = page(site, "partenaires/").select(".run-partner")
    assert [p["id"] for p in partners] == ["cadi-ayyad", "mohammed-v", "usmba", "fun", "mun",
                                           "ministere", "ambassade-france"]


def test_run3_agenda_has_the_two_sequences_and_no_invented_times(site):
    for lang in ("fr", "ar"):
        soup = page(site, "editions/run-3/programme/", lang)
        slots = soup.select(".run-agenda__slot")
        assert [s["id"] for s in slots] == ["sequence-1", "sequence-2"]
        assert soup.select(".run-agenda__time") == []
        assert soup.select(".run-agenda .run-facts__row dt") == soup.select(
            ".run-agenda__slot#sequence-1 dt")  # only the partners taking part
    fr = text(page(site, "editions/run-3/programme/"))
    assert "Première séquence" in fr and "Table ronde" in fr
    ar = text(page(site, "editions/run-3/programme/", "ar"))
    assert "الشق الأول" in ar and "مائدة مستديرة" in ar


def test_home_features_the_latest_edition_timeline_and_news(site):
    for lang, heading, news in (("fr", "Dernière édition", "Fès accueillera"),
                                ("ar", "آخر دورة", "فاس تحتضن")):
        soup = page(site, "", lang)
        featured = soup.select_one(".run-featured")
        assert heading in text(featured)
        prefix = "/ar" if lang == "ar" else ""
        assert featured.select_one(f'a[href="{prefix}/editions/run-3/"]')
        assert featured.select_one(f'a[href="{prefix}/editions/run-3/programme/"]')
        assert len(soup.select(".run-home__timeline .run-timeline > li")) == 4
        assert news in text(soup.select_one(".run-home__news"))


def test_status_is_derived_from_the_build_date(tmp_path):
    build = run_build(tmp_path / "out", extra={"RUN_BUILD_DATE": "2017-12-01"})
    assert build.returncode == 0, build.stderr
    home = page(build.output, "")
    assert "Prochaine édition" in text(home.select_one(".run-featured"))
    assert text(page(build.output, "editions/run-3/").select_one(".run-badge")) == "À venir"
    assert text(page(build.output, "editions/run-2/", "ar").select_one(".run-badge")) == \
        "دورة سابقة"


def test_news_item_date_is_known_to_the_month_only(site):
    fr = page(site, "actualites/annonce-run-3/")
    time = fr.select_one(".run-page__meta time")
    assert (time["datetime"], time.get_text()) == ("2017-11", "novembre 2017")
    ar = page(site, "actualites/annonce-run-3/", "ar").select_one(".run-page__meta time")
    assert ar.get_text() == "نونبر 2017"


def test_latin_runs_are_isolated_in_arabic_model_texts(site):
    soup = page(site, "chronologie/", "ar")
    isolated = [b.get_text() for b in soup.select(".run-timeline bdi")]
    assert "Maroc Université Numérique" in isolated and "FUN" in isolated
