"""The programme for conference apps (Giggity, ConfClerk, EventFahrplan…), per edition
and language: frab's ``schedule.xml`` as c3voc's XSD describes it, its JSON
counterpart (c3voc's schedule JSON schema), and a QR code of the XML's address that an
app scans to load it.

Only the timed sessions of a published edition are listed (the format has no place
for a session without a time). Identifiers never change across builds: a session's
``guid`` is a UUID made from the series' UID domain, the edition and the session
(the same in both languages: one event), its ``id`` a number made from that UUID.
A dropped session stays, its title saying so (the format has no status); the
schedule's ``version`` goes up with each change of the programme.
"""

from __future__ import annotations

import datetime
import functools
import io
import json
import os
import uuid
import zoneinfo

import segno
from lxml import etree
from pelican.generators import Generator

from runsite.core import urls
from runsite.core.plain import plain
from runsite.core.state import of
from runsite.read.catalogs import N_
from runsite.render import phrases
from runsite.validate.schema import LABELS
from runsite.write.calendars import SESSION_CANCELLED, speaker_names, timed_sessions

GENERATOR = "runsite"
JSON_SCHEMA = "https://c3voc.de/schedule/schema.json"
QR_SCALE = 4  # pixels per module: sharp on a screen, scanned from a phone at arm's length
QR_BORDER = 4  # the quiet zone the QR standard asks for
INTERPRETED = N_("With interpretation %(languages)s")
ADD_SESSION = N_("Add this session to my calendar")


def _minutes(value: datetime.timedelta) -> str:
    minutes = int(value.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def has_schedule(edition) -> bool:
    return not edition.draft and bool(timed_sessions(edition))


@functools.lru_cache(maxsize=1024)
def qr_code(url: str):
    """The QR code of ``url``: (PNG bytes, width in pixels). Kept by the process: the
    live preview's rebuilds need the same hundred codes again (some 10 ms each)."""
    code = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=QR_SCALE, border=QR_BORDER)
    return buffer.getvalue(), code.symbol_size(scale=QR_SCALE, border=QR_BORDER)[0]


class Schedule:
    """One edition's programme in one language, as conference apps read it."""

    def __init__(self, settings, languages, lang, edition):
        self.settings, self.languages, self.lang, self.edition = settings, languages, lang, edition
        self.zone = zoneinfo.ZoneInfo(settings["TIMEZONE"])
        self.state = of(settings)
        domain = settings["RUN_UID_DOMAIN"]
        self.namespace = uuid.uuid5(uuid.NAMESPACE_URL, f"https://{domain}/{edition.id}/")
        self.sessions = timed_sessions(edition)
        self.ids = self._ids()

    def _ids(self) -> dict:
        """A number per session, from its UUID, unique within the edition."""
        ids, taken = {}, set()
        for session in sorted(self.sessions, key=lambda s: s.id):
            number = int(self.guid(session).hex[:7], 16) + 1
            while number in taken:
                number += 1
            taken.add(number)
            ids[session.id] = number
        return ids

    def guid(self, session) -> uuid.UUID:
        return uuid.uuid5(self.namespace, f"session/{session.id}")

    def text(self, value) -> str:
        return self.languages.text(value, self.lang) if value else ""

    def label(self, kind, key) -> str:
        return self.state.catalogs.text(self.state, self.lang, LABELS[kind][key]) if key else ""

    def _where(self, session) -> dict:
        # A session without a room is at the edition's venue, or its host's.
        edition = self.edition
        return session.room or edition.venue or edition.host.name

    def room(self, session) -> str:
        return self.text(self._where(session))

    def room_guid(self, session) -> uuid.UUID:
        """The room's UUID, from its name in the default language: one room, one guid
        in every language's file."""
        name = self.languages.text(self._where(session), self.languages.default.code)
        return uuid.uuid5(self.namespace, f"room/{' '.join(name.split()).casefold()}")

    def title(self, session) -> str:
        title = self.text(session.title)
        if session.cancelled:
            return f"{self.state.catalogs.text(self.state, self.lang, SESSION_CANCELLED)} — {title}"
        return title

    def subtitle(self, session) -> str:
        """Its interpretation, the one fact about a session the format has no field for."""
        if not session.interpretation:
            return ""
        return self.state.catalogs.text(self.state, self.lang, INTERPRETED) % {
            "languages": phrases.interpretation(self.state, self.lang, session)}

    def url(self, kind, **parts) -> str:
        return urls.absolute(self.settings, self.languages, self.lang, kind, self.edition,
                             **parts)

    def events(self):
        """Per session, what both formats say of it."""
        agenda = self.url("agenda")
        script = self.languages[self.lang].script
        for session in self.sessions:
            start = datetime.datetime.combine(session.day, session.start, self.zone)
            end = (datetime.datetime.combine(session.day, session.end, self.zone)
                   if session.end else start)
            yield session, {
                "id": self.ids[session.id],
                "guid": str(self.guid(session)),
                "date": start.isoformat(),
                "start": f"{session.start:%H:%M}",
                "duration": _minutes(end - start),
                "room": self.room(session),
                "room_guid": str(self.room_guid(session)),
                "slug": f"{self.edition.id}-{session.id}",
                "url": f"{agenda}#{session.id}",
                "title": self.title(session),
                "subtitle": self.subtitle(session),
                "track": self.label("type", session.type),
                "type": session.type or "other",
                "language": session.language or "",
                "abstract": plain(self.text(session.description)),
                "persons": [(self.person_id(s), name) for s, name in
                            zip(session.speakers, speaker_names(session.speakers, script),
                                strict=True)],
                "links": [(self.url("session_calendar", session=session.id),
                           self.state.catalogs.text(self.state, self.lang, ADD_SESSION))],
            }

    def person_id(self, speaker):
        """A speaker with a page has a number (the same in every edition); a name alone
        has none."""
        if isinstance(speaker, str):
            return None
        namespace = uuid.uuid5(uuid.NAMESPACE_URL,
                               f"https://{self.settings['RUN_UID_DOMAIN']}/speakers/")
        return int(uuid.uuid5(namespace, speaker.id).hex[:7], 16) + 1

    @functools.cached_property
    def days(self):
        """[(index, date, first start, last end, {room: [(session, event)]})], the
        rooms in the order they first appear (once for both formats)."""
        events = list(self.events())
        result = []
        for index, day in enumerate(self.edition.days, 1):
            todays = [(s, e) for s, e in events if s.day == day]
            if not todays:
                continue
            rooms: dict = {}
            for session, event in sorted(todays, key=lambda item: item[0].start):
                rooms.setdefault(event["room"], []).append((session, event))
            starts = [datetime.datetime.fromisoformat(e["date"]) for _, e in todays]
            ends = [datetime.datetime.combine(s.day, s.end or s.start, self.zone)
                    for s, _ in todays]
            result.append((index, day, min(starts), max(ends), rooms))
        return result

    def conference(self) -> dict:
        edition = self.edition
        return {
            "acronym": edition.id,
            "title": edition.texts[self.lang].title,
            "start": edition.start.isoformat(),
            "end": edition.last_day.isoformat(),
            "days": len(edition.days),
            "timeslot_duration": "00:15",
            "base_url": self.url("agenda"),
            "time_zone_name": self.settings["TIMEZONE"],
        }

    def version(self) -> str:
        return self.edition.schedule_version

    # --- The two formats ----------------------------------------------------------------

    def xml(self) -> bytes:
        root = etree.Element("schedule")
        etree.SubElement(root, "generator", name=GENERATOR)
        etree.SubElement(root, "version").text = self.version()
        conference = etree.SubElement(root, "conference")
        for key, value in self.conference().items():
            etree.SubElement(conference, key).text = str(value)
        for index, day, first, last, rooms in self.days:
            day_node = etree.SubElement(root, "day", index=str(index), date=day.isoformat(),
                                        start=first.isoformat(), end=last.isoformat())
            for name, items in rooms.items():
                room_node = etree.SubElement(day_node, "room", name=name,
                                             guid=items[0][1]["room_guid"])
                for _, event in items:
                    node = etree.SubElement(room_node, "event", id=str(event["id"]),
                                            guid=event["guid"])
                    for key in ("date", "start", "duration", "room", "slug", "url", "title",
                                "subtitle", "track", "type", "language", "abstract"):
                        etree.SubElement(node, key).text = event[key]
                    persons = etree.SubElement(node, "persons")
                    for number, name in event["persons"]:
                        person = etree.SubElement(persons, "person")
                        if number is not None:
                            person.set("id", str(number))
                        person.text = name
                    links = etree.SubElement(node, "links")
                    for href, title in event["links"]:
                        etree.SubElement(links, "link", href=href).text = title
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)

    def json(self) -> bytes:
        conference = self.conference()
        base_url = conference.pop("base_url")
        conference["daysCount"] = conference.pop("days")
        conference["url"] = base_url
        days = self.days
        rooms: dict = {}
        for *_, day_rooms in days:
            for name, items in day_rooms.items():
                rooms.setdefault(name, {"name": name, "guid": items[0][1]["room_guid"]})
        conference["rooms"] = list(rooms.values())
        conference["days"] = [{
            "index": index, "date": day.isoformat(), "day_start": first.isoformat(),
            "day_end": last.isoformat(),
            "rooms": {name: [self._json_event(event) for _, event in items]
                      for name, items in day_rooms.items()},
        } for index, day, first, last, day_rooms in days]
        data = {"$schema": JSON_SCHEMA, "schedule": {
            "version": self.version(), "base_url": base_url, "conference": conference}}
        return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n").encode()

    @staticmethod
    def _json_event(event) -> dict:
        result = {key: event[key] for key in (
            "id", "guid", "date", "start", "duration", "room", "slug", "url", "title",
            "subtitle", "track", "type", "language", "abstract")}
        result.update(
            logo="", description="", recording_license="",
            # Nothing says a session is recorded: apps must not announce a recording.
            do_not_record=True,
            persons=[{"name": name, "public_name": name, **({"id": number} if number else {})}
                     for number, name in event["persons"]],
            links=[{"url": href, "title": title} for href, title in event["links"]],
            attachments=[], answers=[])
        return result


class SchedulesGenerator(Generator):
    def generate_context(self):
        state = of(self.settings)
        qr = self.context.setdefault("schedule_qr", {})
        for edition in self.context.get("editions", []):
            if not has_schedule(edition):
                continue
            for code in state.languages:
                for kind in ("schedule_xml", "schedule_json", "schedule_qr"):
                    state.outputs.declare(
                        state, urls.path(self.settings, state.languages, code, kind, edition),
                        "un fichier du site", lang=code, page=False)
                qr[(edition.id, code)] = qr_code(
                    urls.absolute(self.settings, state.languages, code, "schedule_xml", edition))

    def generate_output(self, writer):
        state = of(self.settings)
        for edition in self.context.get("editions", []):
            if not has_schedule(edition):
                continue
            for code in state.languages:
                schedule = Schedule(self.settings, state.languages, code, edition)
                files = {"schedule_xml": schedule.xml(), "schedule_json": schedule.json(),
                         "schedule_qr": self.context["schedule_qr"][(edition.id, code)][0]}
                for kind, data in files.items():
                    target = os.path.join(self.output_path, urls.path(
                        self.settings, state.languages, code, kind, edition))
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(target, "wb") as fp:
                        fp.write(data)


def get_generators(pelican):
    return SchedulesGenerator
