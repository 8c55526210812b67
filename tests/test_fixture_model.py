"""The whole content model on fictional data: a two-day, two-room agenda with
times, rooms, speakers, languages and partners; ranges; month-precision dates."""

from __future__ import annotations

from bs4 import BeautifulSoup


def page(output, path, lang="fr"):
    prefix = "ar/" if lang == "ar" else ""
    return BeautifulSoup((output / prefix / path / "index.html").read_text("utf-8"), "lxml")


def text(node):
    return " ".join(node.get_text(" ").split())


def agenda(output, lang):
    soup = page(output, "editions/fiction-2/programme/", lang)
    return soup, [
        {
            "id": slot["id"],
            "times": [t["datetime"] for t in slot.select(".run-agenda__time time")],
            "speakers": [b.get_text() for b in slot.select(".run-agenda__speakers bdi")],
        }
        for slot in soup.select(".run-agenda__slot")
    ]


def test_multi_day_agenda_grouped_by_day_and_sorted_by_time(fixture_site):
    soup, slots = agenda(fixture_site, "fr")
    assert [text(h) for h in soup.select(".run-agenda__day")] == ["14 avril 2031",
                                                                  "15 avril 2031"]
    assert [s["id"] for s in slots] == ["ouverture", "conference", "atelier", "pause",
                                        "table-ronde"]
    assert slots[1]["times"] == ["2031-04-14T09:30", "2031-04-14T10:30"]
    assert text(soup.select_one("#conference .run-agenda__time")) == "de 09:30 à 10:30"
    assert "Alice Exemple" in slots[1]["speakers"]
    assert "Les heures sont celles du Maroc" in text(soup)


def test_french_and_arabic_agendas_agree_on_every_fact(fixture_site):
    _, fr = agenda(fixture_site, "fr")
    ar_soup, ar = agenda(fixture_site, "ar")
    assert [(s["id"], s["times"], s["speakers"]) for s in fr] == [
        (s["id"], s["times"], s["speakers"]) for s in ar]
    assert text(ar_soup.select_one("#conference .run-agenda__time")) == "من 09:30 إلى 10:30"
    assert [text(h) for h in ar_soup.select(".run-agenda__day")] == ["14 أبريل 2031",
                                                                     "15 أبريل 2031"]


def test_session_type_and_language_are_written_not_only_coloured(fixture_site):
    fr = page(fixture_site, "editions/fiction-2/programme/")
    assert text(fr.select_one("#table-ronde .run-agenda__type")) == "Table ronde"
    assert "en anglais" in text(fr.select_one("#table-ronde"))
    ar = page(fixture_site, "editions/fiction-2/programme/", "ar")
    assert text(ar.select_one("#atelier .run-agenda__type")) == "ورشة"
    assert ar.select_one('#atelier a[href="/ar/partenaires/#plateforme-fictive"]')


def test_edition_date_range_venue_status_and_map(fixture_site):
    fr = page(fixture_site, "editions/fiction-2/")
    assert "du 14 au 15 avril 2031" in text(fr.select_one(".run-facts"))
    assert fr.select_one('.run-facts a[href="https://carte.example/campus"]')
    assert text(fr.select_one(".run-badge")) == "À venir"
    ar = page(fixture_site, "editions/fiction-2/", "ar")
    assert "من 14 إلى 15 أبريل 2031" in text(ar.select_one(".run-facts"))
    assert text(page(fixture_site, "editions/fiction-1/", "ar").select_one(".run-badge")) == \
        "دورة سابقة"


def test_home_features_the_next_edition(fixture_site):
    home = page(fixture_site, "")
    assert "Prochaine édition" in text(home.select_one(".run-featured"))
    assert home.select_one('.run-featured a[href="/editions/fiction-2/"]')


def test_partner_roles_and_urls(fixture_site):
    fr = page(fixture_site, "partenaires/")
    assert [text(li) for li in fr.select("#plateforme-fictive .run-partner__roles li")] == [
        "RUN 2 · Ville-Exemple · 2031 — Co-organisateur"]
    assert fr.select_one('#plateforme-fictive a[href="https://plateforme.example/"]')
    logo = fr.select_one("#plateforme-fictive img.run-partner__logo")
    assert logo["src"] == "/images/plateforme-fictive.svg" and logo["alt"] == ""
    assert (fixture_site / "images" / "plateforme-fictive.svg").exists()
    roles = [text(li) for li in fr.select("#univ-imaginaire .run-partner__roles li")]
    assert roles == ["RUN 1 · Testville · 2001 — Université hôte",
                     "RUN 2 · Ville-Exemple · 2031 — Université hôte"]


def test_milestones_in_the_timeline_with_month_precision(fixture_site):
    fr = page(fixture_site, "chronologie/")
    dates = [t["datetime"] for t in fr.select(".run-timeline__date time:first-child")]
    assert dates == ["2001-01-20", "2001-03-04", "2030-03", "2031-04-14"]
    assert "mars 2030" in text(fr) and "plus de 12 projets fictifs" in text(fr)
    assert "مارس 2030" in text(page(fixture_site, "chronologie/", "ar"))
