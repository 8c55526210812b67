"""The programme on the day, on the demonstration series: interpretation, a calendar
file per timed session (right across Ramadan, updated when the session changes or is
dropped), the change log (on the page and in the feed), and the programme for
conference apps (frab XML and JSON, a QR code of its address).

The rules the schedule files must meet are written here from the format's published
documentation (c3voc's ``schedule.xml.xsd`` and schedule JSON schema): what each must
hold, the types of its dates, times and durations, identifiers unique and stable.
"""

from __future__ import annotations

import datetime
import io
import json
import re
import shutil
import uuid
import zoneinfo

import pytest
import vobject
from bs4 import BeautifulSoup
from dateutil.tz import tzical
from icalendar import Calendar

from conftest import DEMO, run_build, screenshot, static_server
from runsite.write.calendars import calendar_file
from runsite.write.vtimezone import vtimezone

ZONE = zoneinfo.ZoneInfo("Africa/Casablanca")
PREFIXES = {"fr": "", "ar": "ar/"}
# Timed sessions of the demonstration: the first edition's, held during Ramadan (UTC+0),
# and the third's, in May (UTC+1).
TIMED = {"demo-1": ["ouverture", "presentation-eun"],
         "demo-3": ["accueil", "ouverture", "conference-inaugurale", "atelier-sous-titrage",
                    "open-education", "dejeuner", "table-ronde", "reunion-reseau",
                    "cloture"]}
PUBLISHED = "https://run.example"


def _soup(output, path):
    return BeautifulSoup((output / path / "index.html").read_text("utf-8"), "lxml")


def _sessions():
    """The demonstration's timed sessions as its data file gives them."""
    import tomllib

    found = {}
    for edition in TIMED:
        top = tomllib.loads((DEMO / "content" / "editions" / f"{edition}.toml").read_text())
        day = top["start"]
        for block in top["session"]:
            if "start" in block:
                found[(edition, block["id"])] = (block.get("day", day), block["start"],
                                                 block.get("end"))
    return found


# --- Morocco's time zone, Ramadan included -------------------------------------------

@pytest.mark.parametrize("name", ["RUN 3", "Séance 13 : retours d'expérience sur les "
                                  "MOOCs (26) — 26e Rencontre fictive",
                                  "الجلسة الافتتاحية — الدورة الثالثة من اللقاء الجامعي "
                                  "للرقمي، بالرباط; وبعد"])
def test_a_calendar_file_is_what_icalendar_writes_for_the_whole_calendar(name):
    """The fixed lines and the time zone are made once per build, the name per file:
    together, byte for byte the calendar icalendar writes (its order, its folding)."""
    first, last = datetime.date(2031, 3, 1), datetime.date(2031, 3, 3)
    calendar = Calendar()
    calendar.add("prodid", "-//RUN//Rencontre Universitaire du Numerique//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Africa/Casablanca")
    calendar.add_component(vtimezone("Africa/Casablanca", first, last))
    event = b"BEGIN:VEVENT\r\nUID:x@y\r\nEND:VEVENT\r\n"
    whole = calendar.to_ical()
    assert calendar_file({"TIMEZONE": "Africa/Casablanca"}, name, [event], [first, last]
                         ) == whole[:-len(b"END:VCALENDAR\r\n")] + event + b"END:VCALENDAR\r\n"


@pytest.mark.parametrize("year", [2026, 2030, 2031, 2035, 2040])
def test_the_time_zone_is_morocco_s_on_every_day_of_a_year(year):
    """The VTIMEZONE read back by two readers (icalendar's and dateutil's) gives the
    offset zoneinfo gives, at three times of every day of the year: UTC+0 in Ramadan."""
    first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    text = vtimezone("Africa/Casablanca", first, last).to_ical()
    readers = [Calendar.from_ical(b"BEGIN:VCALENDAR\r\n" + text + b"END:VCALENDAR\r\n")
               .walk("VTIMEZONE")[0].to_tz(), tzical(io.StringIO(text.decode())).get()]
    ramadan = 0
    day = first
    while day <= last:
        for hour in (0, 9, 15):
            expected = datetime.datetime.combine(day, datetime.time(hour), ZONE).utcoffset()
            ramadan += expected == datetime.timedelta(0)
            for reader in readers:
                assert datetime.datetime.combine(day, datetime.time(hour), reader
                                                 ).utcoffset() == expected, (day, hour)
        day += datetime.timedelta(days=1)
    assert ramadan >= 3 * 25  # the year has a Ramadan: the test would see it


# --- A calendar file per session ------------------------------------------------------

def _calendar(output, path):
    return (output / path).read_bytes()


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_each_timed_session_has_its_calendar_file_at_the_right_time(demo_site, lang):
    sessions = _sessions()
    edition_events = {}
    for edition in TIMED:
        whole = Calendar.from_ical(_calendar(
            demo_site, f"{PREFIXES[lang]}editions/{edition}/calendrier.ics"))
        edition_events.update({str(e["UID"]): e for e in whole.walk("VEVENT")})
    for (edition, sid), (day, start, end) in sessions.items():
        data = _calendar(demo_site, f"{PREFIXES[lang]}editions/{edition}/programme/{sid}.ics")
        calendar = Calendar.from_ical(data)
        assert calendar.walk()[1].name == "VTIMEZONE"  # before the event it explains
        (event,) = calendar.walk("VEVENT")
        expected = datetime.datetime.combine(day, datetime.time.fromisoformat(start), ZONE)
        assert event.decoded("DTSTART") == expected
        assert str(event["DTSTART"].params["TZID"]) == "Africa/Casablanca"
        if end:
            assert event.decoded("DTEND") == datetime.datetime.combine(
                day, datetime.time.fromisoformat(end), ZONE)
        # The same event as in the edition's calendar: adding both keeps one copy.
        uid = f"{edition}-{sid}@rencontre-universitaire-numerique.invalid"
        assert str(event["UID"]) == uid and uid in edition_events
        assert event.to_ical() == edition_events[uid].to_ical()
        assert str(event["URL"]).endswith(f"{PREFIXES[lang]}editions/{edition}/programme/#{sid}")
        # A second reader, which reads the VTIMEZONE instead of knowing the zone's name
        # (vobject keeps the first VTIMEZONE it met under a TZID for the whole process,
        # where a calendar app reads each file on its own: forget it first).
        vars(vobject.icalendar)["__tzidMap"].clear()
        other = vobject.readOne(data.decode())
        assert other.vevent.dtstart.value.utcoffset() == expected.utcoffset()
    # The first edition is in Ramadan (UTC+0), the third is not (UTC+1).
    offsets = {edition: {datetime.datetime.combine(
        day, datetime.time.fromisoformat(start), ZONE).utcoffset()
        for (e, _), (day, start, _) in sessions.items() if e == edition} for edition in TIMED}
    assert offsets == {"demo-1": {datetime.timedelta(0)},
                       "demo-3": {datetime.timedelta(hours=1)}}


def test_a_session_s_calendar_says_its_room_speakers_and_changes(demo_site):
    def event(lang, sid):
        return Calendar.from_ical(_calendar(
            demo_site, f"{PREFIXES[lang]}editions/demo-3/programme/{sid}.ics")).walk("VEVENT")[0]

    keynote = event("fr", "conference-inaugurale")
    assert str(keynote["LOCATION"]).startswith("Amphi A, Campus fictif du Port")
    assert "Amina Fictive" in str(keynote["DESCRIPTION"])
    assert "En français, avec interprétation en arabe" in str(keynote["DESCRIPTION"])
    assert "بالفرنسية، مع ترجمة فورية إلى العربية" in str(
        event("ar", "conference-inaugurale")["DESCRIPTION"])
    assert event("ar", "conference-inaugurale")["LOCATION"].startswith("المدرج أ، ")
    assert "أمينة فيكتيف" in str(event("ar", "conference-inaugurale")["DESCRIPTION"])
    # Named by one change each: SEQUENCE 1, LAST-MODIFIED the change's day.
    for sid, day in (("conference-inaugurale", "2031-05-06"), ("table-ronde", "2031-05-12")):
        changed = event("fr", sid)
        assert int(changed["SEQUENCE"]) == 1 and str(changed["STATUS"]) == "CONFIRMED"
        assert changed.decoded("LAST-MODIFIED").astimezone(ZONE).date().isoformat() == day
    untouched = event("fr", "accueil")
    assert int(untouched["SEQUENCE"]) == 0 and "LAST-MODIFIED" not in untouched
    for lang, prefix in (("fr", "Séance annulée — "), ("ar", "جلسة ملغاة — ")):
        dropped = event(lang, "reunion-reseau")
        assert str(dropped["STATUS"]) == "CANCELLED" and int(dropped["SEQUENCE"]) == 1
        assert str(dropped["SUMMARY"]).startswith(prefix)


def test_a_changed_session_s_sequence_goes_up_between_two_builds(tmp_path):
    """Build, change a session's time and log it, build again: calendars holding the
    session see a higher SEQUENCE and a later LAST-MODIFIED; the schedule's version
    goes up; the guid stays."""
    content = tmp_path / "content"
    shutil.copytree(DEMO / "content", content)
    before = run_build(tmp_path / "before", content=content, settings=DEMO / "democonf.py")
    assert before.returncode == 0, before.stderr
    data = content / "editions" / "demo-3.toml"
    text = data.read_text("utf-8")
    text = text.replace('start = "11:30"\nend = "12:00"', 'start = "12:00"\nend = "12:30"')
    text = text.replace('title.ar = "تركيب الأشغال والاختتام"\nlanguage = "ar"',
                        'title.ar = "تركيب الأشغال والاختتام"\nlanguage = "ar"\n'
                        'interpretation = ["fr", "en"]')
    text += ('\n[[change]]\ndate = 2031-05-13\nsessions = ["cloture", "table-ronde"]\n'
             'text.fr = "La clôture commence à midi."\ntext.ar = "يبدأ الاختتام عند الظهر."\n')
    data.write_text(text, "utf-8")
    after = run_build(tmp_path / "after", content=content, settings=DEMO / "democonf.py")
    assert after.returncode == 0, after.stderr

    def read(build, sid):
        return Calendar.from_ical((build.output / "editions/demo-3/programme" / f"{sid}.ics"
                                   ).read_bytes()).walk("VEVENT")[0]

    for sid, was in (("cloture", 0), ("table-ronde", 1)):
        old, new = read(before, sid), read(after, sid)
        assert int(old["SEQUENCE"]) == was and int(new["SEQUENCE"]) == was + 1
        assert str(old["UID"]) == str(new["UID"])
        assert new.decoded("LAST-MODIFIED") > old.decoded("LAST-MODIFIED", datetime.datetime(
            1970, 1, 1, tzinfo=datetime.UTC))
    assert read(after, "cloture").decoded("DTSTART").hour == 12
    # Two languages of interpretation: "x and y", in each language.
    for prefix, said in (("", "en arabe, avec interprétation en français et en anglais"),
                         ("ar/", "بالعربية، مع ترجمة فورية إلى الفرنسية وإلى الإنجليزية")):
        page = _soup(after.output, f"{prefix}editions/demo-3/programme")
        assert said in " ".join(page.select_one("#cloture dl").get_text(" ").split())
    assert "En arabe, avec interprétation en français et en anglais" in str(
        read(after, "cloture")["DESCRIPTION"])

    def schedule(build):
        return json.loads((build.output / "editions/demo-3/programme/schedule.json"
                           ).read_text("utf-8"))["schedule"]

    assert (schedule(before)["version"], schedule(after)["version"]) == ("1.3", "1.4")
    guids = [{e["slug"]: e["guid"] for day in schedule(b)["conference"]["days"]
              for events in day["rooms"].values() for e in events} for b in (before, after)]
    assert guids[0] == guids[1]


# --- The programme page ---------------------------------------------------------------

def test_the_programme_shows_interpretation_changes_and_a_dropped_session(demo_site):
    texts = {
        "fr": {"interpretation": "en français, avec interprétation en arabe",
               "opening": "en arabe, avec interprétation en français",
               "heading": "Programme modifié le 13 mai 2031",
               "cancelled": "Séance annulée", "changed": "Modifiée le 12 mai 2031",
               "add": "Ajouter cette séance à mon agenda",
               "update": "Mettre à jour mon agenda"},
        "ar": {"interpretation": "بالفرنسية، مع ترجمة فورية إلى العربية",
               "opening": "بالعربية، مع ترجمة فورية إلى الفرنسية",
               "heading": "عُدِّل البرنامج في 13 ماي 2031",
               "cancelled": "جلسة ملغاة", "changed": "عُدِّلت الجلسة في 12 ماي 2031",
               "add": "أضف هذه الجلسة إلى تقويمي", "update": "حدِّث تقويمي"},
    }
    for lang, text in texts.items():
        page = _soup(demo_site, f"{PREFIXES[lang]}editions/demo-3/programme")

        def said(selector, page=page):
            return " ".join(page.select_one(selector).get_text(" ", strip=True).split())

        assert text["interpretation"] in said("#conference-inaugurale dl")
        assert text["opening"] in said("#ouverture dl")
        assert said("#run-changes-title") == text["heading"]
        changes = page.select("#run-changes li")
        assert len(changes) == 3  # the latest first
        assert [li["id"] for li in changes] == ["run-change-2031-05-13", "run-change-2031-05-12",
                                                "run-change-2031-05-06"]
        assert changes[0].select_one('a[href="#reunion-reseau"]')
        assert text["cancelled"] in said("#reunion-reseau .run-agenda__changed")
        assert text["changed"] in said("#table-ronde .run-agenda__changed")
        assert page.select_one("#accueil .run-agenda__changed") is None
        # "Add this session" for each timed session, to its own file, saved under a name
        # that says which edition and language; the dropped one's updates a calendar.
        links = {a.find_parent("li")["id"]: a for a in
                 page.select('.run-agenda__add a[type="text/calendar"]')}
        assert set(links) == set(TIMED["demo-3"])
        suffix = "-ar" if lang == "ar" else ""
        for sid, link in links.items():
            assert link["href"] == f"/{PREFIXES[lang]}editions/demo-3/programme/{sid}.ics"
            assert link["download"] == f"demo-3-{sid}{suffix}.ics"
            assert (demo_site / link["href"].lstrip("/")).is_file()
            assert page.select_one(f'#{link["aria-describedby"]}').find_parent("li")["id"] == sid
        assert said("#ouverture .run-agenda__add a").startswith(text["add"])
        assert said("#reunion-reseau .run-agenda__add a").startswith(text["update"])
        # JSON-LD: the session's language and the ones it is interpreted into.
        graph = json.loads(page.select_one('script[type="application/ld+json"]').string)
        event = next(n for n in graph["@graph"] if n["@type"] == "EducationEvent")
        subs = {s["@id"].rsplit("#", 1)[1]: s for s in event["subEvent"]}
        assert subs["conference-inaugurale"]["inLanguage"] == ["fr", "ar"]
        assert subs["cloture"]["inLanguage"] == "ar"
        assert subs["reunion-reseau"]["eventStatus"] == "https://schema.org/EventCancelled"
        assert subs["cloture"]["eventStatus"] == "https://schema.org/EventScheduled"


def test_each_change_is_an_entry_of_the_news_feed(demo_site):
    from xml.etree import ElementTree

    atom = "{http://www.w3.org/2005/Atom}"
    for lang, title in (("fr", "Programme modifié : Troisième rencontre de démonstration"),
                        ("ar", "تعديل البرنامج: اللقاء التجريبي الثالث")):
        feed = ElementTree.parse(demo_site / PREFIXES[lang] / "actualites" / "flux.atom")
        entries = [e for e in feed.getroot().iter(f"{atom}entry")
                   if e.find(f"{atom}title").text.replace("\u00a0", " ").startswith(title)]
        assert len(entries) == 3
        ids = [e.find(f"{atom}id").text for e in entries]
        assert len(set(ids)) == 3 and all("/editions/demo-3/programme/#run-change-2031-05-" in i
                                           for i in ids)
        assert len({e.find(f"{atom}title").text for e in entries}) == 3  # told apart
        first = entries[0]
        assert first.find(f"{atom}updated").text.startswith("2031-05-13")
        content = BeautifulSoup(first.find(f"{atom}content").text, "lxml")
        assert content.select_one("a").get("href", "").endswith(
            f"/{PREFIXES[lang]}editions/demo-3/programme/#reunion-reseau")
        assert "<" not in content.get_text()  # the HTML is HTML, once escaped for Atom


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("width", [375, 1280])
def test_the_programme_on_the_day_looks_right(demo_site, page, lang, width):
    """Screenshots to look at, and nothing cut, overlapping the screen, or struck
    through but the dropped session."""
    with static_server(demo_site) as url:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{url}/{PREFIXES[lang]}editions/demo-3/programme/")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        struck = page.evaluate("""[...document.querySelectorAll('.run-agenda__title')]
            .filter(h => getComputedStyle(h).textDecorationLine.includes('line-through'))
            .map(h => h.parentElement.id)""")
        assert struck == ["reunion-reseau"]
        qr = page.locator(".run-apps__qr")
        assert qr.evaluate("img => img.complete && img.naturalWidth") > 0
        shot = screenshot(page, f"programme-on-the-day-{lang}-{width}")
        page.locator("#run-changes").screenshot(
            path=str(shot.with_name(f"programme-changes-{lang}-{width}.png")))


# --- The programme for conference apps ------------------------------------------------

DATE_TIME_TZ = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?(Z|[+-]\d{1,2}:\d\d)$")
START = re.compile(r"^([0-2]\d:[0-5]\d)(:[0-5]\d)?$")
DURATION = re.compile(r"^\d{1,2}:\d\d(:\d{1,2})?$")
UUID = re.compile(r"^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$")
# An event's elements (xs:all: each once, in any order), those it must have first.
EVENT_REQUIRED = {"room", "title", "subtitle", "type", "date", "start", "duration",
                  "abstract", "slug", "track"}
EVENT_OPTIONAL = {"logo", "persons", "language", "description", "recording", "links",
                  "attachments", "video_download_url", "url"}
CONFERENCE_REQUIRED = {"title", "acronym"}
CONFERENCE_OPTIONAL = {"start", "end", "days", "timeslot_duration", "base_url",
                       "time_zone_name"}


def _check_schedule_xml(data: bytes) -> list:
    """The rules of c3voc's schedule.xml.xsd, checked one by one; the events found."""
    from lxml import etree

    root = etree.fromstring(data)
    assert root.tag == "schedule"
    children = [c.tag for c in root]
    # <generator>? <version> <conference> <day>+, in this order.
    assert re.fullmatch(r"(generator )?version conference (day )+", " ".join(children) + " ")
    conference = root.find("conference")
    tags = [c.tag for c in conference]
    assert len(tags) == len(set(tags)) and CONFERENCE_REQUIRED <= set(tags) <= \
        CONFERENCE_REQUIRED | CONFERENCE_OPTIONAL
    for name in ("start", "end"):
        datetime.date.fromisoformat(conference.findtext(name))  # xs:date
    assert int(conference.findtext("days")) == len(root.findall("day"))
    assert DURATION.match(conference.findtext("timeslot_duration"))
    assert re.match(r"^https?://", conference.findtext("base_url"))
    events, indexes = [], []
    for day in root.findall("day"):
        datetime.date.fromisoformat(day.get("date"))
        assert DATE_TIME_TZ.match(day.get("start")) and DATE_TIME_TZ.match(day.get("end"))
        assert int(day.get("index")) >= 1
        indexes.append(day.get("index"))
        for room in day:
            assert room.tag == "room" and room.get("name")
            for event in room:
                assert event.tag == "event"
                tags = [c.tag for c in event]
                assert len(tags) == len(set(tags)), tags  # xs:all: at most once each
                assert EVENT_REQUIRED <= set(tags) <= EVENT_REQUIRED | EVENT_OPTIONAL, tags
                assert int(event.get("id")) >= 1  # xs:positiveInteger
                assert UUID.match(event.get("guid"))
                assert DATE_TIME_TZ.match(event.findtext("date"))
                assert START.match(event.findtext("start"))
                assert DURATION.match(event.findtext("duration"))
                assert event.findtext("room") == room.get("name")
                assert re.match(r"^https?://", event.findtext("url"))
                for person in event.iterfind("persons/person"):
                    assert person.get("id") is None or int(person.get("id")) >= 1
                for link in event.iterfind("links/link"):
                    assert link.get("href")
                events.append(event)
    for values in ([e.get("id") for e in events], [e.get("guid") for e in events],
                   [e.findtext("slug") for e in events], indexes):
        assert len(values) == len(set(values))  # the XSD's unique constraints
    return events


# c3voc's schedule JSON schema, as its documentation states it (the parts this site uses).
EVENT_KEYS = ["abstract", "answers", "attachments", "date", "description", "do_not_record",
              "duration", "guid", "id", "language", "links", "logo", "persons",
              "recording_license", "room", "slug", "start", "subtitle", "title", "track",
              "type", "url"]
JSON_SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["schedule"],
    "properties": {"$schema": {"type": "string"}, "schedule": {
        "type": "object", "required": ["base_url", "conference", "version"],
        "properties": {"version": {"type": "string"}, "base_url": {"type": "string",
                                                                   "format": "uri"},
                       "conference": {"$ref": "#/$defs/conference"}}}},
    "$defs": {
        "conference": {
            "type": "object", "additionalProperties": False,
            "required": ["title", "acronym", "days", "daysCount", "start", "end",
                         "timeslot_duration"],
            "properties": {
                "acronym": {"type": "string", "pattern": "^[a-z0-9_-]+$"},
                "title": {"type": "string"}, "description": {"type": "string"},
                "start": {"type": "string", "format": "date"},
                "end": {"type": "string", "format": "date"},
                "daysCount": {"type": "integer"}, "timeslot_duration": {"type": "string"},
                "time_zone_name": {"type": "string",
                                   "pattern": "^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$"},
                "url": {"type": "string", "format": "uri"},
                "rooms": {"type": "array", "items": {
                    "type": "object", "additionalProperties": False,
                    "required": ["guid", "name"],
                    "properties": {"name": {"type": "string"},
                                   "guid": {"type": "string", "format": "uuid"},
                                   "description": {"type": ["string", "null"]},
                                   "capacity": {"type": ["number", "null"]}}}},
                "days": {"type": "array", "items": {"$ref": "#/$defs/day"}}}},
        "day": {
            "type": "object", "additionalProperties": False,
            "required": ["date", "day_end", "day_start", "index", "rooms"],
            "properties": {"index": {"type": "integer"},
                           "date": {"type": "string", "format": "date"},
                           "day_start": {"type": "string", "format": "date-time"},
                           "day_end": {"type": "string", "format": "date-time"},
                           "rooms": {"type": "object", "additionalProperties": {
                               "type": "array", "items": {"$ref": "#/$defs/event"}}}}},
        "event": {
            "type": "object", "additionalProperties": False, "required": EVENT_KEYS,
            "properties": {
                **{key: {"type": "string"} for key in EVENT_KEYS},
                "id": {"type": "integer"}, "guid": {"type": "string", "format": "uuid"},
                "date": {"type": "string", "format": "date-time"},
                "duration": {"type": "string", "pattern": "^[0-9]+:[0-9]{2}$"},
                "url": {"type": "string", "format": "uri"},
                "do_not_record": {"type": "boolean"},
                "persons": {"type": "array", "items": {"anyOf": [
                    {"type": "object", "required": ["public_name", "id"],
                     "properties": {"id": {"type": "integer"},
                                    "public_name": {"type": "string"}}},
                    {"type": "object", "required": ["name"],
                     "properties": {"name": {"type": "string"}}}]}},
                "links": {"type": "array"}, "attachments": {"type": "array"},
                "answers": {"type": "array"}}},
    },
}


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("edition", sorted(TIMED))
def test_the_schedule_files_follow_the_format_and_agree(demo_site, edition, lang):
    import jsonschema

    folder = demo_site / PREFIXES[lang] / "editions" / edition / "programme"
    events = _check_schedule_xml((folder / "schedule.xml").read_bytes())
    assert sorted(e.findtext("slug") for e in events) == sorted(
        f"{edition}-{sid}" for sid in TIMED[edition])  # every timed session, once
    for event in events:  # the guid is the session's UUID, the same in both languages
        uuid.UUID(event.get("guid"))
    data = json.loads((folder / "schedule.json").read_text("utf-8"))
    jsonschema.validate(data, JSON_SCHEMA, format_checker=jsonschema.FormatChecker())
    # The JSON says what the XML says.
    conference = data["schedule"]["conference"]
    json_events = {e["guid"]: e for day in conference["days"]
                   for items in day["rooms"].values() for e in items}
    assert set(json_events) == {e.get("guid") for e in events}
    for event in events:
        mirror = json_events[event.get("guid")]
        assert mirror["id"] == int(event.get("id"))
        for key in ("date", "start", "duration", "room", "slug", "title", "subtitle",
                    "track", "type", "language", "abstract", "url"):
            assert mirror[key] == (event.findtext(key) or ""), key
        assert [p["public_name"] for p in mirror["persons"]] == \
            [p.text for p in event.iterfind("persons/person")]
    # The times are Morocco's on that date: UTC+0 in Ramadan (the first edition).
    for event in events:
        moment = datetime.datetime.fromisoformat(event.findtext("date"))
        local = moment.astimezone(ZONE)
        assert moment.utcoffset() == local.utcoffset()
        assert local.strftime("%H:%M") == event.findtext("start")
    assert conference["time_zone_name"] == "Africa/Casablanca"


def test_the_schedule_speaks_the_page_s_language(demo_site):
    from lxml import etree

    def event(lang, slug):
        root = etree.parse(str(demo_site / PREFIXES[lang] / "editions/demo-3/programme"
                                          "/schedule.xml"))
        return next(e for e in root.iter("event") if e.findtext("slug") == slug)

    keynote = {lang: event(lang, "demo-3-conference-inaugurale") for lang in PREFIXES}
    assert keynote["fr"].findtext("subtitle") == "Avec interprétation en arabe"
    assert keynote["ar"].findtext("subtitle") == "مع ترجمة فورية إلى العربية"
    assert keynote["fr"].findtext("room") == "Amphi A"
    assert keynote["ar"].findtext("room") == "المدرج أ"
    assert keynote["fr"].findtext("language") == "fr"
    assert [p.text for p in keynote["ar"].iterfind("persons/person")] == ["أمينة فيكتيف"]
    assert keynote["fr"].get("guid") == keynote["ar"].get("guid")
    assert keynote["fr"].getparent().get("guid") == keynote["ar"].getparent().get("guid")
    assert event("fr", "demo-3-reunion-reseau").findtext("title").startswith(
        "Séance annulée — ")


def test_the_qr_code_gives_the_schedule_s_published_address(tmp_path):
    import zxingcpp
    from PIL import Image

    # The demonstration with publishconf.py's settings (hashed names, absolute links).
    build = run_build(tmp_path / "output", content=DEMO / "content",
                      settings=DEMO / "democonf.py", extra={
                          "SITEURL": PUBLISHED, "RUN_PUBLISH": True, "RELATIVE_URLS": False,
                          "RUN_FINGERPRINT": True, "RUN_PRECOMPRESS": True,
                          "RUN_SECURITY_HEADERS": True})
    assert build.returncode == 0, build.stderr
    for prefix in PREFIXES.values():
        for edition in TIMED:
            folder = build.output / prefix / "editions" / edition / "programme"
            page = BeautifulSoup((folder / "index.html").read_text("utf-8"), "lxml")
            img = page.select_one(".run-apps__qr")
            assert img["src"].startswith(f"{PUBLISHED}/") and img["alt"]
            with Image.open(build.output / img["src"].removeprefix(f"{PUBLISHED}/")) as image:
                assert (int(img["width"]), int(img["height"])) == image.size
                (code,) = zxingcpp.read_barcodes(image.convert("L"))
            assert code.text == f"{PUBLISHED}/{prefix}editions/{edition}/programme/schedule.xml"
            address = page.select_one(".run-apps__address").get_text(strip=True)
            assert address == f"{PUBLISHED}/{prefix}editions/{edition}/programme/schedule.xml"
            xml = page.select_one('.run-apps a[type="application/xml"]')
            assert xml["href"] == f"{PUBLISHED}/{prefix}editions/{edition}/programme/schedule.xml"
