"""What calendars, search engines and feed readers get: .ics, JSON-LD, sitemap,
robots.txt, Atom feeds, sharing tags — valid, in both languages, reproducible."""

from __future__ import annotations

import datetime
import json
import re

import icalendar
import pytest
from bs4 import BeautifulSoup
from lxml import etree
from PIL import Image

from conftest import html_pages, run_build, snapshot

EPOCH = 1764000000  # SOURCE_DATE_EPOCH for reproducible builds
ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The real site built twice with the same SOURCE_DATE_EPOCH and an absolute SITEURL."""
    outputs = []
    for name in ("first", "second"):
        build = run_build(tmp_path_factory.mktemp(name) / "output",
                          extra={"SITEURL": "https://run.example"},
                          env={"SOURCE_DATE_EPOCH": str(EPOCH)})
        assert build.returncode == 0, build.stderr
        outputs.append(build.output)
    return outputs


def calendars(output):
    return {str(p.relative_to(output)): icalendar.Calendar.from_ical(p.read_bytes())
            for p in sorted(output.rglob("*.ics"))}


def test_same_sources_same_epoch_give_byte_identical_output(published):
    first, second = published
    assert snapshot(first) == snapshot(second)


def test_a_calendar_per_edition_and_for_the_series_in_each_language(published):
    names = set(calendars(published[0]))
    for prefix in ("", "ar/"):
        assert f"{prefix}calendrier.ics" in names
        for edition in ("run-1", "run-2", "run-3"):
            assert f"{prefix}editions/{edition}/calendrier.ics" in names


def test_calendar_events_texts_and_stamps(published):
    for name, calendar in calendars(published[0]).items():
        events = calendar.walk("VEVENT")
        assert events, name
        for event in events:
            assert event["DTSTAMP"].dt == datetime.datetime.fromtimestamp(EPOCH, datetime.UTC)
            summary = str(event["SUMMARY"])
            assert bool(ARABIC.search(summary)) == name.startswith("ar/"), (name, summary)
            assert str(event["URL"]).startswith("https://run.example/" + (
                "ar/" if name.startswith("ar/") else ""))
    run3 = calendars(published[0])["ar/editions/run-3/calendrier.ics"].walk("VEVENT")
    assert [(e["DTSTART"].dt, str(e["UID"])) for e in run3] == [
        (datetime.date(2017, 12, 5), "run-3@rencontre-universitaire-numerique.invalid")]
    assert str(run3[0]["LOCATION"]) == "جامعة سيدي محمد بن عبد الله، فاس"


def test_timed_sessions_are_events_in_casablanca_time(fixture_site):
    for prefix in ("", "ar/"):
        path = fixture_site / prefix / "editions" / "fiction-2" / "calendrier.ics"
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Africa/Casablanca"]
        events = calendar.walk("VEVENT")
        sessions = [e for e in events if "-" in str(e["UID"]).split("@")[0].removeprefix(
            "fiction-2")]
        assert len(sessions) == 5  # one event per session with a time
        keynote = next(e for e in events if str(e["UID"]) ==
                       "fiction-2-conference@rencontre-universitaire-numerique.invalid")
        assert keynote["DTSTART"].params["TZID"] == "Africa/Casablanca"
        assert keynote["DTSTART"].dt.isoformat() == "2031-04-14T09:30:00+01:00"
        assert keynote["DTEND"].dt.isoformat() == "2031-04-14T10:30:00+01:00"
        assert str(keynote["SUMMARY"]) == ("محاضرة خيالية" if prefix else "Conférence imaginaire")
        assert keynote["DTSTART"].to_ical().startswith(b"20310414T093000")


def test_uids_are_stable_across_builds(published, tmp_path):
    other = run_build(tmp_path / "output", env={"SOURCE_DATE_EPOCH": str(EPOCH + 86400)})
    assert other.returncode == 0, other.stderr

    def uids(output):
        return {name: [str(e["UID"]) for e in cal.walk("VEVENT")]
                for name, cal in calendars(output).items()}

    assert uids(other.output) == uids(published[0])


def json_ld(output, path):
    soup = BeautifulSoup((output / path).read_text("utf-8"), "lxml")
    blocks = [json.loads(s.string) for s in soup.select('script[type="application/ld+json"]')]
    assert len(blocks) == 1, path
    return {node["@type"]: node for node in blocks[0]["@graph"]}, soup.html["lang"]


@pytest.mark.parametrize("prefix", ["", "ar/"])
@pytest.mark.parametrize("edition", ["run-1", "run-2", "run-3"])
def test_edition_pages_describe_the_event_in_schema_org(published, prefix, edition):
    nodes, lang = json_ld(published[0], f"{prefix}editions/{edition}/index.html")
    series, event = nodes["EventSeries"], nodes["EducationEvent"]
    assert event["superEvent"] == {"@id": series["@id"]}
    assert series["@id"].startswith("https://run.example/")
    assert event["inLanguage"] == lang == series["inLanguage"]
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"]["@type"] == "Place"
    assert event["location"]["address"]["@type"] == "PostalAddress"
    assert event["location"]["address"]["addressCountry"] == "MA"
    assert event["organizer"]["@type"] == "CollegeOrUniversity"
    assert bool(ARABIC.search(event["name"])) == (lang == "ar")
    assert "subEvent" not in event  # the real agendas have no times
    if edition == "run-2":  # the ministry and the embassy were partners
        assert {s["name"] for s in event["sponsor"]} == (
            {"سفارة فرنسا", "وزارة التعليم العالي والبحث العلمي (المغرب)"} if lang == "ar" else
            {"Ambassade de France",
             "Ministère de l'Enseignement supérieur et de la Recherche (Maroc)"})


def test_timed_sessions_are_sub_events(fixture_site):
    nodes, _ = json_ld(fixture_site, "editions/fiction-2/index.html")
    event = nodes["EducationEvent"]
    assert event["startDate"] == "2031-04-14" and event["endDate"] == "2031-04-15"
    assert [s["startDate"] for s in event["subEvent"]][:2] == [
        "2031-04-14T09:00:00+01:00", "2031-04-14T09:30:00+01:00"]
    assert all(s["superEvent"] == {"@id": event["@id"]} for s in event["subEvent"])
    assert {s["name"] for s in event["sponsor"]} == {"Plateforme Fictive", "Fondation Fictive"}


def test_sitemap_lists_every_page_once_with_reciprocal_alternates(published):
    output = published[0]
    tree = etree.parse(str(output / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {}
    for url in tree.findall("s:url", ns):
        loc = url.findtext("s:loc", namespaces=ns)
        assert loc not in entries
        entries[loc] = {link.get("hreflang"): link.get("href")
                        for link in url.findall("x:link", ns)}
    pages = [p for p in html_pages(output) if p != "404.html"]
    assert sorted(entries) == sorted(
        "https://run.example/" + p.removesuffix("index.html") for p in pages)
    for loc, alternates in entries.items():
        assert set(alternates) == {"fr", "ar", "x-default"}
        assert loc in alternates.values()
        for lang in ("fr", "ar"):
            assert entries[alternates[lang]] == alternates  # reciprocal
    robots = (output / "robots.txt").read_text()
    assert "Sitemap: https://run.example/sitemap.xml" in robots


@pytest.mark.parametrize("prefix,lang", [("", "fr"), ("ar/", "ar")])
def test_atom_feed_per_language(published, prefix, lang):
    feed = etree.parse(str(published[0] / prefix / "actualites" / "flux.atom"))
    atom = "{http://www.w3.org/2005/Atom}"
    root = feed.getroot()
    assert root.tag == f"{atom}feed"
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    entries = root.findall(f"{atom}entry")
    links = [entry.find(f"{atom}link").get("href") for entry in entries]
    assert f"https://run.example/{prefix}actualites/annonce-run-3/" in links
    assert all(link.startswith(f"https://run.example/{prefix}actualites/") for link in links)
    for required in ("id", "title", "updated"):
        assert root.find(f"{atom}{required}") is not None
        assert all(entry.find(f"{atom}{required}") is not None for entry in entries)
    home = BeautifulSoup((published[0] / prefix / "index.html").read_text("utf-8"), "lxml")
    assert home.select_one('link[rel="alternate"][type="application/atom+xml"]')["href"] == \
        f"https://run.example/{prefix}actualites/flux.atom"


@pytest.mark.parametrize("path", ["index.html", "editions/run-3/index.html",
                                  "actualites/annonce-run-3/index.html"])
def test_sharing_tags(published, path):
    for prefix, locale, other in (("", "fr_FR", "ar_AR"), ("ar/", "ar_AR", "fr_FR")):
        soup = BeautifulSoup((published[0] / prefix / path).read_text("utf-8"), "lxml")

        def meta(prop, soup=soup):
            return [m["content"] for m in soup.select(f'meta[property="{prop}"]')]

        url = "https://run.example/" + prefix + path.removesuffix("index.html")
        assert soup.select_one('link[rel="canonical"]')["href"] == url
        assert meta("og:url") == [url]
        assert meta("og:locale") == [locale] and meta("og:locale:alternate") == [other]
        assert meta("og:title")[0] and meta("og:description")[0]
        assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"
        assert soup.select_one('meta[name="description"]')["content"] == meta("og:description")[0]
        # The preview picture: absolute, the page's own in its language (the home's on
        # the home), the size it says (tests/test_share.py: every page's).
        image = meta("og:image")[0]
        own = {"index.html": "accueil", "editions/run-3/index.html": "run-3",
               "actualites/annonce-run-3/index.html": "actualite-annonce-run-3"}[path]
        assert re.fullmatch(rf"https://run\.example/{prefix}partage/{own}"
                            r"(\.[0-9a-f]{8})?\.png", image), image
        with Image.open(published[0] / image.removeprefix("https://run.example/")) as picture:
            assert picture.size == (int(meta("og:image:width")[0]),
                                    int(meta("og:image:height")[0])) == (1200, 630)
        assert meta("og:image:type") == ["image/png"]
        assert ("RUN" in meta("og:image:alt")[0]) and \
            bool(ARABIC.search(meta("og:image:alt")[0])) == bool(prefix)


# --- Exact outputs: each format's own rules, in every build ---------------------------

URL_IN_JSON = re.compile(r'"(?:@id|url|item|sameAs)": "([^"]*)"')


def _absolute(url):
    return re.match(r"^https?://[^/\s]+/", url) is not None


def test_development_build_writes_absolute_urls_in_every_machine_format(site):
    """Calendars, feeds, the sitemap, robots.txt and JSON-LD forbid relative URLs: the
    development build (no SITEURL) uses the preview's address."""
    base = "http://127.0.0.1:8000/"
    for path, calendar in calendars(site).items():
        for event in calendar.walk("VEVENT"):
            assert str(event["URL"]).startswith(base), path
            assert str(event["DESCRIPTION"]).splitlines()[-1].startswith(base), path
    for prefix in ("", "ar/"):
        feed = etree.parse(str(site / prefix / "actualites" / "flux.atom")).getroot()
        hrefs = [link.get("href") for link in feed.iter("{http://www.w3.org/2005/Atom}link")]
        hrefs += [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}id")]
        assert hrefs and all(h.startswith(base) for h in hrefs), hrefs
        for content in feed.iter("{http://www.w3.org/2005/Atom}content"):
            assert 'href="/' not in content.text and "src=\"/" not in content.text
    sitemap = etree.parse(str(site / "sitemap.xml"))
    locations = [e.text for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    locations += [e.get("href") for e in sitemap.iter("{http://www.w3.org/1999/xhtml}link")]
    assert locations and all(u.startswith(base) for u in locations)
    assert f"Sitemap: {base}sitemap.xml" in (site / "robots.txt").read_text()
    for page in ("index.html", "ar/editions/run-3/index.html", "chronologie/index.html"):
        soup = BeautifulSoup((site / page).read_text("utf-8"), "lxml")
        data = soup.select_one('script[type="application/ld+json"]').string
        urls = URL_IN_JSON.findall(data)
        assert urls and all(_absolute(u) for u in urls), (page, urls)


def test_plain_text_adds_no_space_around_isolated_latin_runs(site):
    """(<bdi>USMBA</bdi>) in an Arabic summary reads (USMBA) in calendars and JSON-LD."""
    calendar = calendars(site)["ar/editions/run-3/calendrier.ics"]
    description = str(calendar.walk("VEVENT")[0]["DESCRIPTION"])
    assert "(USMBA)" in description and "( USMBA )" not in description
    nodes, _ = json_ld(site, "ar/editions/run-3/index.html")
    assert "(USMBA)" in nodes["EducationEvent"]["description"]
    soup = BeautifulSoup((site / "ar/editions/run-3/index.html").read_text("utf-8"), "lxml")
    assert "(USMBA)" in soup.select_one('meta[name="description"]')["content"]


@pytest.mark.parametrize("prefix", ["", "ar/"])
def test_atom_feeds_name_their_author(site, prefix):
    """RFC 4287 4.1.1: atom:feed has an atom:author unless every entry has one."""
    atom = "{http://www.w3.org/2005/Atom}"
    root = etree.parse(str(site / prefix / "actualites" / "flux.atom")).getroot()
    author = root.find(f"{atom}author")
    assert author is not None and author.findtext(f"{atom}name")
    assert bool(ARABIC.search(author.findtext(f"{atom}name"))) == (prefix == "ar/")


def test_dtstamp_is_the_build_start_in_utc_without_source_date_epoch(tmp_path):
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    env = {"SOURCE_DATE_EPOCH": ""}
    build = run_build(tmp_path / "output", env=env)
    after = datetime.datetime.now(datetime.UTC)
    assert build.returncode == 0, build.stderr
    stamps = {e["DTSTAMP"].dt for c in calendars(build.output).values()
              for e in c.walk("VEVENT")}
    assert len(stamps) == 1
    stamp = stamps.pop()
    assert stamp.tzinfo is not None and stamp.utcoffset() == datetime.timedelta(0)
    assert before <= stamp <= after


def test_uids_use_one_fixed_domain_whatever_the_siteurl(tmp_path):
    def uids(siteurl, name):
        build = run_build(tmp_path / name / "output", extra={"SITEURL": siteurl},
                          env={"SOURCE_DATE_EPOCH": str(EPOCH)})
        assert build.returncode == 0, build.stderr
        return {str(e["UID"]) for c in calendars(build.output).values() for e in c.walk("VEVENT")}

    first = uids("https://run.example", "a")
    assert first == uids("https://other.example/run", "b")
    assert all(u.endswith("@rencontre-universitaire-numerique.invalid") for u in first)
