"""The real RUN content: every page in both languages, faithful dates and facts.

Organisers add editions, news and milestones to this content: these tests check the
facts of RUN 1–3 and what any valid content must do, never that nothing was added.
"""

from __future__ import annotations

import datetime
import re
import tomllib

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, html_pages, run_build

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

    known = ["2015-10-08", "2016-07-15", "2016-12-08", "2017-05", "2017-11-16", "2017-12-05"]
    assert dates("fr") == sorted(dates("fr"))
    assert [d for d in dates("fr") if d in known] == known
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

    def among(found, expected):  # in this order, whatever later editions add
        return [r for r in found if r in expected] == expected

    assert among(roles("fr", "usmba"), ["RUN 3 · Fès · 2017 — Université hôte"])
    assert among(roles("fr", "fun"), ["RUN 1 · Marrakech · 2015 — Plateforme présentée",
                                      "RUN 3 · Fès · 2017 — Participant"])
    assert among(roles("ar", "cadi-ayyad"), ["RUN 1 · مراكش · 2015 — الجامعة المستضيفة"])
    partners = [p["id"] for p in page(site, "partenaires/").select(".run-partner")]
    assert among(partners, ["cadi-ayyad", "mohammed-v", "usmba", "fun", "mun", "ministere",
                            "ambassade-france"])


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


def _featured_edition(today):
    """The edition the home page features, from content/: the next one, or the last."""
    editions = []
    for path in (ROOT / "content" / "editions").glob("*.toml"):
        data = tomllib.loads(path.read_text("utf-8"))
        if not data.get("draft"):
            editions.append((data["start"], data.get("end") or data["start"], path.stem))
    upcoming = sorted(e for e in editions if e[1] >= today)
    return (upcoming[0][2], "upcoming") if upcoming else (max(editions)[2], "past")


def _latest_news_titles():
    news = {}
    for path in (ROOT / "content" / "actualites").glob("*.md"):
        header = dict(re.findall(r"^(\w+): *(.*)$", path.read_text("utf-8").split("\n\n")[0],
                                 re.M))
        news.setdefault(path.name.split(".")[0], {})[path.name.split(".")[-2]] = header
    latest = max(news.values(), key=lambda versions: versions["fr"]["Date"])
    return {lang: header["Title"] for lang, header in latest.items()}


def test_home_features_the_latest_edition_timeline_and_news(site):
    edition, status = _featured_edition(datetime.date.today())
    titles = _latest_news_titles()
    headings = {"upcoming": {"fr": "Prochaine édition", "ar": "الدورة المقبلة"},
                "past": {"fr": "Dernière édition", "ar": "آخر دورة"}}[status]
    for lang in ("fr", "ar"):
        soup = page(site, "", lang)
        featured = soup.select_one(".run-featured")
        assert headings[lang] in text(featured)
        prefix = "/ar" if lang == "ar" else ""
        assert featured.select_one(f'a[href="{prefix}/editions/{edition}/"]')
        assert len(soup.select(".run-home__timeline .run-timeline > li")) == 4
        assert " ".join(titles[lang].split()) in text(soup.select_one(".run-home__news"))


def test_home_links_the_programme_of_the_featured_edition(site):
    """An edition with an agenda (RUN 3 has one in the source) has its programme
    linked from the home page; one without has no link to an empty page."""
    edition, _ = _featured_edition(datetime.date.today())
    data = tomllib.loads((ROOT / "content" / "editions" / f"{edition}.toml").read_text("utf-8"))
    for prefix in ("", "/ar"):
        featured = page(site, "", "ar" if prefix else "fr").select_one(".run-featured")
        link = featured.select_one(f'a[href="{prefix}/editions/{edition}/programme/"]')
        assert (link is not None) == bool(data.get("session"))


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
