"""The demonstration series (demo/, ``make demo``): invented editions in every phase.

Each phase is a real build of demo/ on a day placed in it, looked at in Chromium at a
phone's and a desktop's width, in both languages: the call for proposals with its
deadline while it is open and gone once it is closed, registration (its form, or free
entry), the day itself, then the past; and the notices of a cancelled or postponed
edition, in the pages, the JSON-LD and the calendar files.
"""

from __future__ import annotations

import contextlib
import json
import re
import tomllib

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from conftest import DEMO, ROOT, demo_build, html_pages, run_build, screenshot, static_server
from runsite.validate import schema

# Where the fourth (next) edition stands on each day: call opens 2031-04-01 and closes
# 2031-07-15; registration opens 2031-05-01 and closes 2031-11-20; held 25–26 November.
PHASES = {
    "2031-03-15": "before the call",
    "2031-05-13": "call and registration open",
    "2031-08-01": "call closed",
    "2031-11-25": "the day",
    "2031-12-01": "past",
}
CALL_FORM = "https://montclair.example/appel"
REGISTRATION_FORM = "https://montclair.example/inscription"
WIDTHS = [375, 1280]


@pytest.fixture(scope="module")
def phases(tmp_path_factory):
    """demo/ built on each day of PHASES, each served: {day: its address}."""
    with contextlib.ExitStack() as stack:
        served = {}
        for day in PHASES:
            build = demo_build(tmp_path_factory.mktemp(f"demo-{day}") / "output", day)
            assert build.returncode == 0, build.stderr
            served[day] = stack.enter_context(static_server(build.output))
        yield served


def _soup(output, path):
    return BeautifulSoup((output / path / "index.html").read_text("utf-8"), "lxml")


def _json_ld(soup):
    return json.loads(soup.select_one('script[type="application/ld+json"]').string)


def _event(soup):
    return next(n for n in _json_ld(soup)["@graph"] if n["@type"] == "EducationEvent")


def _model_keys():
    """Every field of every kind of block of the content model, as key paths."""
    def walk(model, prefix):
        for name, info in model.model_fields.items():
            kind = schema.kind_of(info)
            yield prefix + name
            if isinstance(kind, (schema.Blocks, schema.Table)):
                yield from walk(kind.model, f"{prefix}{name}.")
    return {
        "editions": set(walk(schema.Edition, "")),
        "partenaires.toml": set(walk(schema.PartnersFile, "")),
        "jalons.toml": set(walk(schema.MilestonesFile, "")),
        "editeur.toml": set(walk(schema.Publisher, "")),
    }


def _written_keys(data, prefix=""):
    for key, value in data.items():
        yield prefix + key
        if isinstance(value, dict) and not all(isinstance(v, str) for v in value.values()):
            yield from _written_keys(value, f"{prefix}{key}.")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            for block in value:
                yield from _written_keys(block, f"{prefix}{key}.")


def test_the_demonstration_uses_every_field_of_the_model():
    content = DEMO / "content"
    model = _model_keys()
    written = {"editions": set()}
    for path in (content / "editions").glob("*.toml"):
        written["editions"] |= set(_written_keys(tomllib.loads(path.read_text("utf-8"))))
    for name in ("partenaires.toml", "jalons.toml", "editeur.toml"):
        written[name] = set(_written_keys(tomllib.loads((content / name).read_text("utf-8"))))
    for name, fields in model.items():
        assert sorted(fields - written[name]) == [], name
    # Every value of every choice: partner kinds, roles, session types and languages…
    text = "\n".join(p.read_text("utf-8") for p in content.rglob("*.toml"))
    for table, values in schema.LABELS.items():
        missing = [v for v in values if f'"{v}"' not in text]
        assert missing == [], table


def test_the_demonstration_says_on_every_page_that_it_is_invented(demo_site):
    for page in html_pages(demo_site):
        soup = BeautifulSoup((demo_site / page).read_text("utf-8"), "lxml")
        if page == "404.html":
            continue
        banner = soup.select_one("main .run-draft-banner")
        assert banner is not None, page
        assert ("inventés" in banner.get_text()) or ("خيالية" in banner.get_text()), page
        assert soup.select_one('meta[name="robots"][content="noindex"]'), page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("day", PHASES)
def test_the_next_edition_shows_what_can_be_done_on_each_day(phases, page, day, lang, width):
    url = phases[day]
    prefix = "ar/" if lang == "ar" else ""
    page.set_viewport_size({"width": width, "height": 900})
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{url}/{prefix}editions/demo-4/")
    main = page.locator("main")
    call = page.locator(f'main a[href="{CALL_FORM}"]')
    register = page.locator(f'main a[href="{REGISTRATION_FORM}"]')
    badge = page.locator(".run-edition__kicker .run-badge")
    phase = PHASES[day]
    if phase == "before the call":
        assert call.count() == 0 and register.count() == 0
        expected = {"fr": "Ouverture le 1er avril 2031 ; date limite le 15 juillet 2031.",
                    "ar": "يُفتح باب تقديم المقترحات يوم فاتح أبريل 2031، وآخر أجل لذلك 15 يوليوز "
                          "2031."}
        assert expected[lang] in main.inner_text()
        assert {"fr": "Ouverture des inscriptions le 1er mai 2031.",
                "ar": "يُفتح باب التسجيل يوم فاتح ماي 2031."}[lang] in main.inner_text()
    elif phase == "call and registration open":
        assert call.is_visible() and register.is_visible()
        text = main.inner_text()
        assert {"fr": "Propositions acceptées jusqu'au 15 juillet 2031 inclus.",
                "ar": "تُستقبل المقترحات إلى غاية متمّ يوم 15 يوليوز 2031."}[lang] in text
        assert {"fr": "Inscriptions ouvertes jusqu'au 20 novembre 2031 inclus.",
                "ar": "باب التسجيل مفتوح إلى غاية متمّ يوم 20 نونبر 2031."}[lang] in text
        assert call.inner_text() == {"fr": "Proposer une communication",
                                      "ar": "تقديم مقترح مداخلة"}[lang]
    elif phase == "call closed":
        assert call.count() == 0  # a closed call is not shown at all
        assert register.is_visible()
    elif phase == "the day":
        assert call.count() == 0 and register.count() == 0
        assert badge.inner_text() == {"fr": "Aujourd'hui", "ar": "اليوم"}[lang]
        assert {"fr": "jour 1 sur 2", "ar": "الدورة في يومها 1 من أصل 2"}[lang] in main.inner_text()
        assert {"fr": "Les inscriptions sont closes.",
                "ar": "أُغلق باب التسجيل."}[lang] in main.inner_text()
    else:
        assert call.count() == 0 and register.count() == 0
        assert badge.inner_text() == {"fr": "Édition passée", "ar": "دورة سابقة"}[lang]
        assert page.locator(".run-standing").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert [r for r in requests if not r.startswith(url)] == []
    if width == 375 and day == "2031-05-13":
        screenshot(page, f"demo-call-open-{lang}")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_on_the_day_the_home_page_leads_to_the_day_s_programme(demo_site, page, lang, width):
    prefix = "ar/" if lang == "ar" else ""
    with static_server(demo_site) as url:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{url}/{prefix}")
        featured = page.locator(".run-featured")
        assert featured.locator("#run-featured-title").inner_text() == \
            {"fr": "Aujourd'hui", "ar": "اليوم"}[lang]
        link = featured.locator(f'a[href="/{prefix}editions/demo-3/programme/"]').first
        assert link.is_visible()
        assert {"fr": "Le programme du jour", "ar": "برنامج اليوم"}[lang] in \
            featured.inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        screenshot(page, f"demo-home-today-{lang}-{width}")
        page.goto(f"{url}/{prefix}editions/demo-3/")
        screenshot(page, f"demo-edition-today-{lang}-{width}")


NOTICES = {
    "demo-2": {"fr": "Cette édition est annulée.", "ar": "أُلغيت هذه الدورة."},
    "demo-5": {"fr": "Cette édition est reportée. Nouvelle date : du 14 au 15 avril 2032 "
                     "(date annoncée d'abord : 10 mars 2032).",
               "ar": "أُجّلت هذه الدورة. الموعد الجديد: من 14 إلى 15 أبريل 2032 (بعدما "
                     "كان الموعد المعلن أولًا: 10 مارس 2032)."},
    "demo-6": {"fr": "Cette édition est reportée : sa nouvelle date sera annoncée sur cette "
                     "page.",
               "ar": "أُجّلت هذه الدورة، وسيُعلَن موعدها الجديد في هذه الصفحة."},
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("edition", NOTICES)
def test_cancelled_and_postponed_editions_say_so(demo_site, page, edition, lang, width):
    prefix = "ar/" if lang == "ar" else ""
    with static_server(demo_site) as url:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{url}/{prefix}editions/{edition}/")
        notice = page.locator("main .run-notice--alert")
        assert notice.is_visible()
        assert " ".join(notice.inner_text().split()) == NOTICES[edition][lang]
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if edition == "demo-2":
            screenshot(page, f"demo-cancelled-{lang}-{width}")
            # Nothing to register for any more.
            form = page.locator('main a[href="https://imaginor.example/inscription"]')
            assert form.count() == 0
    if edition == "demo-6":  # no new date yet: the planned one is not announced as such
        timeline_entry = _soup(demo_site, f"{prefix}chronologie").select_one(
            f'a[href="/{prefix}editions/demo-6/"]').find_parent("li")
        assert {"fr": "reportée", "ar": "مؤجلة"}[lang] in timeline_entry.select_one(
            ".run-timeline__date").get_text()
        facts = " ".join(_soup(demo_site, f"{prefix}editions/demo-6").select_one(
            ".run-facts").get_text().split())
        assert {"fr": "reportée ; prévue d'abord : 8 juin 2032",
                "ar": "مؤجلة؛ كانت مقررة أولًا: 8 يونيو 2032"}[lang] in facts
    # The timeline marks it too.
    timeline = _soup(demo_site, f"{prefix}chronologie")
    entry = timeline.select_one(f'a[href="/{prefix}editions/{edition}/"]')
    item = entry.find_parent("li")
    assert item.select_one(".run-badge--cancelled, .run-badge--postponed") is not None


def test_schema_org_event_status(demo_site):
    statuses = {"demo-1": "EventScheduled", "demo-2": "EventCancelled",
                "demo-5": "EventRescheduled", "demo-6": "EventPostponed"}
    for edition, status in statuses.items():
        for prefix in ("", "ar/"):
            event = _event(_soup(demo_site, f"{prefix}editions/{edition}"))
            assert event["eventStatus"] == f"https://schema.org/{status}"
    rescheduled = _event(_soup(demo_site, "editions/demo-5"))
    assert rescheduled["startDate"] == "2032-04-14"
    assert rescheduled["previousStartDate"] == "2032-03-10"
    assert _event(_soup(demo_site, "editions/demo-1"))["isAccessibleForFree"] is True
    offer = _event(_soup(demo_site, "editions/demo-4"))["offers"]
    assert offer == {"@type": "Offer", "url": REGISTRATION_FORM, "validFrom": "2031-05-01",
                     "validThrough": "2031-11-20"}
    # A cancelled edition's sessions are cancelled with it; its form is not offered.
    assert "offers" not in _event(_soup(demo_site, "editions/demo-2"))


def _vocabulary():
    """schema.org's types and properties, from Google's schema-dts typings (npm)."""
    typings = ROOT / "node_modules" / "schema-dts" / "dist" / "schema.d.ts"
    text = typings.read_text("utf-8")
    types = set(re.findall(r'"@type": "(\w+)"', text))
    properties = set(re.findall(r'^\s*"(\w+)"\??: ', text, re.M))
    enumerations = set(re.findall(r'"https://schema\.org/(\w+)"', text))
    return types, properties, enumerations


def _nodes(value):
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _nodes(item)
    elif isinstance(value, list):
        for item in value:
            yield from _nodes(item)


def test_json_ld_uses_only_schema_org_terms(demo_site):
    types, properties, enumerations = _vocabulary()
    assert {"EducationEvent", "EventSeries", "Place"} <= types and "eventStatus" in properties
    unknown = set()
    for page in html_pages(demo_site):
        soup = BeautifulSoup((demo_site / page).read_text("utf-8"), "lxml")
        for script in soup.select('script[type="application/ld+json"]'):
            for node in _nodes(json.loads(script.string)):
                if node.get("@type") and node["@type"] not in types:
                    unknown.add(node["@type"])
                unknown |= {k for k in node if not k.startswith("@") and k not in properties}
                for value in node.values():
                    if isinstance(value, str) and value.startswith("https://schema.org/"):
                        if value.removeprefix("https://schema.org/") not in enumerations:
                            unknown.add(value)
    assert unknown == set()


def _calendar(output, path):
    return (output / path).read_bytes()


def test_a_cancelled_edition_s_calendar_cancels_its_events(demo_site):
    import vobject  # a second, independent parser

    for prefix in ("", "ar/"):
        data = _calendar(demo_site, f"{prefix}editions/demo-2/calendrier.ics")
        events = [c for c in Calendar.from_ical(data).walk("VEVENT")]
        assert events and all(str(e["STATUS"]) == "CANCELLED" for e in events)
        assert all(int(e["SEQUENCE"]) == 2 for e in events)
        title = {"": "Annulée — ", "ar/": "دورة ملغاة — "}[prefix]
        assert all(str(e["SUMMARY"]).startswith(title) for e in events)  # apps without STATUS
        other = vobject.readOne(data.decode("utf-8"))
        assert [e.status.value for e in other.vevent_list] == ["CANCELLED"] * len(events)
        assert [int(e.sequence.value) for e in other.vevent_list] == [2] * len(events)
    # A scheduled edition's events: confirmed, first version; postponed ones higher.
    scheduled = Calendar.from_ical(_calendar(demo_site, "editions/demo-4/calendrier.ics"))
    assert {(str(e["STATUS"]), int(e["SEQUENCE"])) for e in scheduled.walk("VEVENT")} == \
        {("CONFIRMED", 0)}
    moved = Calendar.from_ical(_calendar(demo_site, "editions/demo-5/calendrier.ics"))
    edition = next(e for e in moved.walk("VEVENT") if str(e["UID"]).startswith("demo-5@"))
    assert int(edition["SEQUENCE"]) == 1 and edition.decoded("DTSTART").isoformat() == \
        "2032-04-14"


def test_deadlines_are_in_the_edition_s_calendar(demo_site):
    for prefix, words in (("", "Dernier jour de l'appel à communications"),
                          ("ar/", "آخر أجل لتقديم المداخلات")):
        calendar = Calendar.from_ical(_calendar(demo_site,
                                                f"{prefix}editions/demo-4/calendrier.ics"))
        events = {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
        call = events["demo-4.call"]
        assert str(call["SUMMARY"]).startswith(words)
        assert call.decoded("DTSTART").isoformat() == "2031-07-15"
        assert str(call["TRANSP"]) == "TRANSPARENT"
        assert events["demo-4.registration"].decoded("DTSTART").isoformat() == "2031-11-20"


# --- Speakers ---------------------------------------------------------------------------

def test_speaker_pages_in_both_languages_link_each_other(demo_site):
    for speaker in ("amina-fictive", "claire-modele", "youssef-exemple", "karim-imaginaire"):
        french = _soup(demo_site, f"intervenants/{speaker}")
        arabic = _soup(demo_site, f"ar/intervenants/{speaker}")
        assert french.html["lang"] == "fr" and arabic.html["dir"] == "rtl"
        for soup in (french, arabic):
            alternates = {link["hreflang"]: link["href"]
                          for link in soup.select('link[rel="alternate"][hreflang]')}
            assert alternates["fr"].endswith(f"/intervenants/{speaker}/")
            assert alternates["ar"].endswith(f"/ar/intervenants/{speaker}/")
    # Karim speaks at two editions: his page lists both sessions.
    karim = _soup(demo_site, "intervenants/karim-imaginaire")
    sessions = [a["href"] for a in karim.select(".run-speaker__sessions a")]
    assert sessions == ["/editions/demo-1/programme/#presentation-eun",
                        "/editions/demo-3/programme/#table-ronde"]


def test_names_in_the_page_s_script_and_latin_names_isolated(demo_site):
    agenda = _soup(demo_site, "ar/editions/demo-3/programme")
    round_table = agenda.select_one("#table-ronde .run-agenda__speakers")
    links = {a["href"]: a for a in round_table.select("a")}
    assert links["/ar/intervenants/amina-fictive/"].get_text() == "أمينة فيكتيف"
    # No Arabic name: the Latin one, isolated left to right.
    claire = links["/ar/intervenants/claire-modele/"].select_one("bdi")
    assert claire.get_text() == "Claire Modèle" and claire["dir"] == "ltr"
    # A name without a page is written as it is, with no link.
    workshop = agenda.select_one("#atelier-sous-titrage .run-agenda__speakers")
    assert workshop.get_text(strip=True) == "Salma Prototype" and not workshop.select("a")
    french = _soup(demo_site, "editions/demo-3/programme")
    assert french.select_one('#ouverture a[href="/intervenants/youssef-exemple/"]').get_text() \
        == "Youssef Exemple"
    # The edition's page lists its speakers.
    edition = _soup(demo_site, "ar/editions/demo-3")
    listed = [a["href"] for a in edition.select(".run-speakers a")]
    assert listed == ["/ar/intervenants/youssef-exemple/", "/ar/intervenants/amina-fictive/",
                      "/ar/intervenants/claire-modele/", "/ar/intervenants/karim-imaginaire/"]


def test_performers_in_json_ld_point_to_the_speakers_pages(demo_site):
    event = _event(_soup(demo_site, "ar/editions/demo-3/programme"))
    sub = next(s for s in event["subEvent"] if s["@id"].endswith("#table-ronde"))
    performers = {p["name"]: p for p in sub["performer"]}
    assert performers["أمينة فيكتيف"]["url"].endswith("/ar/intervenants/amina-fictive/")
    assert performers["Claire Modèle"]["@type"] == "Person"
    workshop = next(s for s in event["subEvent"] if s["@id"].endswith("#atelier-sous-titrage"))
    assert workshop["performer"] == [{"@type": "Person", "name": "Salma Prototype"}]
    page = _json_ld(_soup(demo_site, "intervenants/amina-fictive"))
    person = next(n for n in page["@graph"] if n["@type"] == "Person")
    assert person["name"] == "Amina Fictive" and person["alternateName"] == "أمينة فيكتيف"
    assert person["affiliation"]["name"] == "Université de Sableport"
    assert person["sameAs"] == ["https://amina.example/"]


def test_photos_are_resized_typed_and_stripped(demo_site, page):
    from PIL import Image

    soup = _soup(demo_site, "intervenants/amina-fictive")
    picture = soup.select_one(".run-speaker__photo")
    types = [s["type"] for s in picture.select("source")]
    assert types == ["image/webp", "image/jpeg"]
    img = picture.select_one("img")
    assert (img["width"], img["height"]) == ("160", "200")
    assert img["alt"] == "Silhouette dessinée, claire sur fond vert"
    for source in picture.select("source"):
        for candidate in source["srcset"].split(", "):
            path, width = candidate.split()
            with Image.open(demo_site / path.lstrip("/")) as image:
                assert f"{image.width}w" == width
                assert not image.getexif() and "icc_profile" not in image.info
    # Someone without a photo has no picture; the browser loads the WebP.
    assert _soup(demo_site, "intervenants/youssef-exemple").select_one("picture") is None
    with static_server(demo_site) as url:
        loaded = []
        page.on("request", lambda request: loaded.append(request.url))
        page.goto(f"{url}/ar/intervenants/amina-fictive/")
        page.wait_for_load_state("networkidle")
        assert any(u.endswith(".webp") for u in loaded)
        assert not any(u.endswith(".jpg") for u in loaded)
        screenshot(page, "demo-speaker-ar")


def test_a_session_s_kind_is_not_repeated_when_its_title_says_it(demo_site):
    for prefix, keynote in (("", "Conférence inaugurale"), ("ar/", "محاضرة افتتاحية")):
        agenda = _soup(demo_site, f"{prefix}editions/demo-3/programme")
        assert agenda.select_one("#ouverture .run-agenda__type") is None  # "Ouverture"
        assert agenda.select_one("#conference-inaugurale .run-agenda__type").get_text() == \
            keynote


# --- The site's gates, on the pages only the demonstration has ----------------------

DEMO_PAGES = ["", "chronologie/", "editions/demo-1/", "editions/demo-1/programme/",
              "editions/demo-2/", "editions/demo-3/", "editions/demo-3/programme/",
              "editions/demo-4/", "editions/demo-5/", "intervenants/",
              "intervenants/amina-fictive/", "intervenants/claire-modele/", "recherche/"]


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("path", DEMO_PAGES)
def test_demonstration_pages_pass_the_gates(demo_site, page, axe, path, lang):
    from test_theme import LOW_CONTRAST, SPACED_ARABIC

    prefix = "ar/" if lang == "ar" else ""
    with static_server(demo_site) as url:
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.set_viewport_size({"width": 320, "height": 800})
        page.goto(f"{url}/{prefix}{path}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        results = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a",
                                                       "wcag21aa", "wcag22aa", "best-practice"]})
        assert [(v["id"], [n["target"] for n in v["nodes"]])
                for v in results.response["violations"]] == []
        assert [r for r in requests if not r.startswith(url)] == []
        if lang == "ar":
            assert page.evaluate(SPACED_ARABIC) == [] and page.evaluate(LOW_CONTRAST) == []


def test_demonstration_pages_keep_the_size_budget(demo_site):
    import gzip

    for relative in html_pages(demo_site):
        size = len(gzip.compress((demo_site / relative).read_bytes(), 9))
        assert size <= 14 * 1024, (relative, size)
    for photo in (demo_site / "photos").iterdir():
        assert photo.stat().st_size <= 20 * 1024, photo.name


def test_a_photo_s_file_and_metadata_are_never_published(tmp_path):
    """A phone's photo says where it was taken: only resized pixels reach the site."""
    import shutil

    from PIL import Image

    content = tmp_path / "content"
    shutil.copytree(DEMO / "content", content)
    original = content / "photos" / "amina-fictive.jpg"
    with Image.open(original) as image:
        exif = image.getexif()
        exif[0x010F] = "Fabricant fictif"  # Make
        exif.get_ifd(0x8825).update({1: "N", 2: (34.0, 2.0, 3.0), 3: "W", 4: (5.0, 0.0, 1.0)})
        image.save(original, exif=exif, comment=b"commentaire secret")
    with Image.open(original) as image:  # the test photo carries what must not leak
        assert image.getexif().get_ifd(0x8825) and image.info.get("comment")
    (content / "photos" / "sans-page.jpg").write_bytes(original.read_bytes())  # unused
    build = run_build(tmp_path / "output", content=content, settings=DEMO / "democonf.py")
    assert build.returncode == 0, build.stderr
    data = original.read_bytes()
    published = [p for p in (tmp_path / "output").rglob("*") if p.is_file()]
    assert not [p for p in published if p.read_bytes() == data]
    assert not [p for p in published if p.name in ("amina-fictive.jpg", "sans-page.jpg")]
    photos = sorted(p.name for p in (tmp_path / "output" / "photos").iterdir())
    assert photos == [f"{who}-{w}.{ext}" for who in ("amina-fictive", "claire-modele")
                      for w in (160, 320) for ext in ("jpg", "webp")]
    for name in photos:
        with Image.open(tmp_path / "output" / "photos" / name) as image:
            assert not image.getexif() and not {"comment", "icc_profile", "xmp", "exif"} & \
                set(image.info), name
        assert b"Fabricant" not in (tmp_path / "output" / "photos" / name).read_bytes()


def test_a_cancelled_edition_offers_no_calendar_and_is_not_the_next_one(demo_site, tmp_path):
    import shutil

    for prefix in ("", "ar/"):
        page = _soup(demo_site, f"{prefix}editions/demo-2")
        assert page.select_one('a[type="text/calendar"]') is None
        assert _soup(demo_site, f"{prefix}editions/demo-4").select_one('a[type="text/calendar"]')
    # On a day after the third edition, the next one shown is the fourth, not a cancelled
    # one, and the series counts the editions held: six, less the cancelled one.
    content = tmp_path / "content"
    shutil.copytree(DEMO / "content", content)
    data = content / "editions" / "demo-4.toml"
    data.write_text(data.read_text("utf-8").replace("number = 4", 'number = 4\nstatus = '
                                                    '"cancelled"'), "utf-8")
    build = run_build(tmp_path / "output", content=content, settings=DEMO / "democonf.py",
                      extra={"RUN_BUILD_DATE": "2031-06-01"})
    assert build.returncode == 0, build.stderr
    home = BeautifulSoup((tmp_path / "output" / "index.html").read_text("utf-8"), "lxml")
    assert home.select_one('.run-featured a[href="/editions/demo-5/"]')
    assert "4 éditions" in home.get_text()
    # Postponed, then cancelled: the last dates announced are the ones cancelled.
    data = content / "editions" / "demo-5.toml"
    data.write_text(data.read_text("utf-8").replace('status = "postponed"',
                                                    'status = "cancelled"'), "utf-8")
    build = run_build(tmp_path / "output2", content=content, settings=DEMO / "democonf.py")
    assert build.returncode == 0, build.stderr
    calendar = Calendar.from_ical(
        (tmp_path / "output2" / "editions" / "demo-5" / "calendrier.ics").read_bytes())
    edition = next(e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("demo-5@"))
    assert str(edition["STATUS"]) == "CANCELLED"
    assert edition.decoded("DTSTART").isoformat() == "2032-04-14"
    # A speaker's page says it too.
    speaker = _soup(tmp_path / "output2", "intervenants/youssef-exemple")
    assert speaker.select_one(".run-speaker__sessions .run-badge--cancelled")


def test_the_series_lists_its_speakers_in_each_language(demo_site, site):
    """/intervenants/: every speaker with a page, in the page's script, with the editions
    they spoke at; linked from each speaker's page and from an edition's speakers."""
    for prefix, first, names in (
            ("", "Amina Fictive", {"Amina Fictive", "Claire Modèle", "Karim Imaginaire",
                                   "Youssef Exemple"}),
            ("ar/", "أمينة فيكتيف", {"أمينة فيكتيف", "Claire Modèle"})):
        page = _soup(demo_site, f"{prefix}intervenants")
        items = page.select(".run-speakers-list > li")
        shown = [li.select_one(".run-speakers-list__name").get_text(strip=True) for li in items]
        assert len(shown) == 4 and shown[0] == first and names <= set(shown)
        amina = next(li for li in items if li.select_one(f'a[href="/{prefix}intervenants/'
                                                         'amina-fictive/"]'))
        assert [a["href"] for a in amina.select(".run-speakers-list__editions a")] == [
            f"/{prefix}editions/demo-3/"]
        for path in ("intervenants/amina-fictive", "editions/demo-3"):
            assert _soup(demo_site, f"{prefix}{path}").select_one(
                f'a[href="/{prefix}intervenants/"]'), path
    # The real series has no speaker: no such page, and no link to one.
    assert not (site / "intervenants").exists()
    assert not [p for p in site.rglob("*.html") if 'href="/intervenants/"' in p.read_text()]
