"""Calendars (.ics) for people's agendas, one file per language:
each edition (the edition, its call's and registration's deadlines, and each agenda
session that has a time) and the whole series.

An edition cancelled or postponed keeps its events, with ``STATUS`` and a higher
``SEQUENCE`` (RFC 5545): calendars that hold them update their copy instead of
keeping the old date or dropping the event silently.

Made with the icalendar library: times in Africa/Casablanca with its VTIMEZONE,
UIDs that never change across rebuilds (edition and session ids), DTSTAMP from
SOURCE_DATE_EPOCH so that the same sources give the same files.
"""

from __future__ import annotations

import datetime
import os
import zoneinfo

from icalendar import Calendar, Event, Timezone
from pelican.generators import Generator

from runsite.core import clock, urls
from runsite.core.plain import plain
from runsite.core.state import of
from runsite.read.catalogs import N_, series_name
from runsite.validate.schema import LABELS

# (STATUS, SEQUENCE) of an edition's events by its schedule: each change goes higher.
SCHEDULES = {"scheduled": ("CONFIRMED", 0), "postponed": ("TENTATIVE", 1),
             "rescheduled": ("CONFIRMED", 1), "cancelled": ("CANCELLED", 2)}
CALL_CLOSES = N_("Call for proposals: last day")
REGISTRATION_CLOSES = N_("Registration: last day")


class CalendarsGenerator(Generator):
    def generate_context(self):  # the series' calendar (each edition's: runsite.write.editions)
        state = of(self.settings)
        for code, url in urls.all_languages(self.settings, state.languages,
                                            "calendar").items():
            state.outputs.declare(state, url, "un fichier du site", lang=code, page=False)

    def generate_output(self, writer):
        state = of(self.settings)
        # Drafts (shown by the live preview only) are never in a calendar.
        editions = [e for e in self.context.get("editions", []) if not e.draft]
        for code in state.languages:
            # Each edition's events are written once per language, for its own calendar
            # and for the series' (folding long lines is most of a calendar's cost).
            events = {edition.id: b"".join(event.to_ical() for event in
                                           edition_events(self.settings, state.languages,
                                                          code, edition))
                      for edition in editions}
            for edition in editions:
                self._write(urls.path(self.settings, state.languages, code, "edition_calendar",
                                      edition), code, [edition], edition.texts[code].title,
                            events)
            self._write(urls.path(self.settings, state.languages, code, "calendar"), code,
                        editions, series_name(state, code), events)

    def _write(self, path, lang, editions, name, events):
        target = os.path.join(self.output_path, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as fp:
            fp.write(calendar_file(self.settings, editions, name, events))


END = b"END:VCALENDAR\r\n"


def calendar_file(settings, editions, name, events) -> bytes:
    """A calendar named ``name`` with the events of ``editions`` (``events``: each
    edition's, serialized), and Morocco's time zone if an event has a time."""
    zone = zoneinfo.ZoneInfo(settings["TIMEZONE"])
    calendar = Calendar()
    calendar.add("prodid", "-//RUN//Rencontre Universitaire du Numerique//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings["TIMEZONE"])
    head = calendar.to_ical()
    assert head.endswith(END)
    days = [s.day for e in editions for s in e.sessions if s.timed and s.day]
    timezone = b""
    if days:  # all-day events need no time zone; timed ones get Morocco's rules
        # around their own dates (not 1970–2038: Morocco's changes make that long)
        timezone = Timezone.from_tzinfo(
            zone, settings["TIMEZONE"], min(days) - datetime.timedelta(days=366),
            max(days) + datetime.timedelta(days=366)).to_ical()
    return head[:-len(END)] + b"".join(events[e.id] for e in editions) + timezone + END


def edition_events(settings, languages, lang, edition) -> list[Event]:
    """An edition's event (all day) and one event per timed session, in ``lang``."""
    zone = zoneinfo.ZoneInfo(settings["TIMEZONE"])
    domain = settings["RUN_UID_DOMAIN"]
    siteurl = urls.absolute_base(settings)
    dtstamp = clock.stamp(of(settings).started)
    comma = "، " if languages[lang].dir == "rtl" else ", "
    text = edition.texts[lang]
    place = comma.join(filter(None, [
        languages.text(edition.venue, lang) if edition.venue else None,
        languages.text(edition.host.name, lang), languages.text(edition.city, lang)]))
    url = f"{siteurl}/{urls.path(settings, languages, lang, 'edition', edition)}"
    status, sequence = SCHEDULES[edition.schedule]
    state = of(settings)
    # Many calendar apps ignore STATUS: the title says it too ("Annulée — …").
    prefix = (f"{state.catalogs.text(state, lang, LABELS['status'][edition.status])} — "
              if edition.status else "")

    def event_for(uid, summary):
        event = Event()
        event.add("uid", f"{uid}@{domain}")
        event.add("dtstamp", dtstamp)
        event.add("summary", prefix + summary)
        event.add("status", status)
        event.add("sequence", sequence)
        return event

    event = event_for(edition.id, text.title)
    event.add("description", f"{plain(text.summary)}\n{url}")
    event.add("dtstart", edition.start)
    event.add("dtend", edition.last_day + datetime.timedelta(days=1))  # exclusive
    event.add("location", place)
    event.add("url", url)
    events = [event]
    deadlines = []
    if edition.call:
        deadlines.append(("call", edition.call.closes, CALL_CLOSES))
    if edition.registration and edition.registration.closes:
        deadlines.append(("registration", edition.registration.closes,
                          REGISTRATION_CLOSES))
    for name, day, what in deadlines:  # all-day events, on the last day to act
        event = event_for(f"{edition.id}-{name}", f"{state.catalogs.text(state, lang, what)} — "
                          f"{text.title}")
        event.add("description", url)
        event.add("dtstart", day)
        event.add("dtend", day + datetime.timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        event.add("url", url)
        events.append(event)
    for session in edition.sessions:
        if not (session.timed and session.day):
            continue
        start = datetime.datetime.combine(session.day, session.start, zone)
        event = event_for(f"{edition.id}-{session.id}", languages.text(session.title, lang))
        agenda_url = (f"{siteurl}/{urls.path(settings, languages, lang, 'agenda', edition)}"
                      f"#{session.id}")
        # Many calendar apps show no URL property: the link ends the description,
        # as in the edition's event.
        event.add("description", "\n".join(filter(None, [
            languages.text(session.description, lang) if session.description else None,
            comma.join(speaker_names(session.speakers, languages[lang].script)) or None,
            agenda_url])))
        event.add("dtstart", start)
        if session.end:
            event.add("dtend", datetime.datetime.combine(session.day, session.end, zone))
        event.add("location", comma.join(filter(None, [
            languages.text(session.room, lang) if session.room else None, place])))
        event.add("url", agenda_url)
        events.append(event)
    return events


def speaker_names(speakers, script) -> list[str]:
    """Speakers' names as plain text, in ``script`` where it is written."""
    return [s if isinstance(s, str) else (s.name_in(script) or s.name) for s in speakers]


def get_generators(pelican):
    return CalendarsGenerator
