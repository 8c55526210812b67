"""Calendars (.ics) for people's agendas, in each language: each edition's (the
edition, its call's and registration's deadlines, and each agenda session that has a
time), the whole series', and one per timed session ("add this session").

A session's event has the same UID in every file, so that adding it twice keeps one
copy; its ``SEQUENCE`` goes up with each change of the programme that names it
(runsite.model.series.Slot.revision), with ``LAST-MODIFIED`` the day of the latest,
and a session dropped is ``CANCELLED``.

An edition cancelled or postponed keeps its events, with ``STATUS`` and a higher
``SEQUENCE`` (RFC 5545): calendars that hold them update their copy instead of
keeping the old date or dropping the event silently.

Made with the icalendar library: times in Africa/Casablanca with its VTIMEZONE
(runsite.write.vtimezone: Ramadan's UTC+0 included), placed before the events,
UIDs that never change across rebuilds (edition and session ids), DTSTAMP from
SOURCE_DATE_EPOCH so that the same sources give the same files.
"""

from __future__ import annotations

import datetime
import functools
import os
import zoneinfo

from icalendar import Calendar, Event
from pelican.generators import Generator

from runsite.core import clock, urls
from runsite.core.plain import plain
from runsite.core.state import of
from runsite.read.catalogs import N_, series_name
from runsite.render import phrases
from runsite.validate.schema import LABELS
from runsite.write.vtimezone import vtimezone_ical

# (STATUS, SEQUENCE) of an edition's events by its schedule: each change goes higher.
SCHEDULES = {"scheduled": ("CONFIRMED", 0), "postponed": ("TENTATIVE", 1),
             "rescheduled": ("CONFIRMED", 1), "cancelled": ("CANCELLED", 2)}
CALL_CLOSES = N_("Call for proposals: last day")
REGISTRATION_CLOSES = N_("Registration: last day")
SESSION_CANCELLED = N_("Session cancelled")


class CalendarsGenerator(Generator):
    def generate_context(self):
        """The series' calendar, and each timed session's (each edition's:
        runsite.write.editions)."""
        state = of(self.settings)
        for code, url in urls.all_languages(self.settings, state.languages,
                                            "calendar").items():
            state.outputs.declare(state, url, "un fichier du site", lang=code, page=False)
        for edition in self.context.get("editions", []):
            for session in timed_sessions(edition):
                for code in state.languages:
                    state.outputs.declare(
                        state, session_path(self.settings, state.languages, code, edition,
                                            session),
                        "un fichier du site", lang=code, page=False)

    def generate_output(self, writer):
        state = of(self.settings)
        # Drafts (shown by the live preview only) are never in a calendar.
        editions = [e for e in self.context.get("editions", []) if not e.draft]
        for code in state.languages:
            # Each event is written once per language, for the edition's calendar, the
            # series' and its session's (folding long lines is most of a calendar's cost).
            events = {}
            for edition in editions:
                for key, event in edition_events(self.settings, state.languages, code,
                                                 edition):
                    events[key] = event.to_ical()
            for edition in editions:
                keys = [k for k in events if k[0] == edition.id]
                self._write(urls.path(self.settings, state.languages, code, "edition_calendar",
                                      edition), edition.texts[code].title, keys, events,
                            [edition])
                for session in timed_sessions(edition):
                    name = (f"{state.languages.text(session.title, code)} — "
                            f"{edition.texts[code].title}")
                    self._write(session_path(self.settings, state.languages, code, edition,
                                             session), name, [(edition.id, session.id)],
                                events, [edition], [session])
            self._write(urls.path(self.settings, state.languages, code, "calendar"),
                        series_name(state, code), list(events), events, editions)

    def _write(self, path, name, keys, events, editions, sessions=None):
        target = os.path.join(self.output_path, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if sessions is None:
            sessions = [s for e in editions for s in timed_sessions(e)]
        with open(target, "wb") as fp:
            fp.write(calendar_file(self.settings, name, [events[k] for k in keys],
                                   [s.day for s in sessions]))


def timed_sessions(edition) -> list:
    """The sessions that have a day and a time: each has its calendar file."""
    return [s for s in edition.sessions if s.timed and s.day]


def session_path(settings, languages, lang, edition, session) -> str:
    return urls.path(settings, languages, lang, "session_calendar", edition, session=session.id)


BEGIN = b"BEGIN:VCALENDAR\r\n"
END = b"END:VCALENDAR\r\n"


def _lines(*properties) -> bytes:
    """The content lines icalendar writes for ``properties`` ((name, value)…) in a
    calendar, in its order, without the calendar's BEGIN and END."""
    calendar = Calendar()
    for name, value in properties:
        calendar.add(name, value)
    text = calendar.to_ical()
    assert text.startswith(BEGIN) and text.endswith(END)
    return text[len(BEGIN):-len(END)]


@functools.lru_cache(maxsize=8)
def _fixed_lines(timezone) -> tuple[bytes, bytes]:
    """The lines around the calendar's name (X-WR-CALNAME), the same in every file:
    made once, not once per file (a build writes thousands)."""
    return (_lines(("prodid", "-//RUN//Rencontre Universitaire du Numerique//FR"),
                   ("version", "2.0"), ("calscale", "GREGORIAN"), ("method", "PUBLISH")),
            _lines(("x-wr-timezone", timezone)))


def calendar_file(settings, name, events, days) -> bytes:
    """A calendar named ``name`` with ``events`` (serialized), and Morocco's time zone
    around ``days``, the days of its timed events (all-day events need none)."""
    before, after = _fixed_lines(settings["TIMEZONE"])
    timezone = b""
    if days:  # Morocco's offsets around these days (not 1970–2087: that is long)
        # Before the events: some readers resolve TZID as they meet it.
        timezone = vtimezone_ical(settings["TIMEZONE"], min(days), max(days))
    return (BEGIN + before + _lines(("x-wr-calname", name)) + after + timezone
            + b"".join(events) + END)


def edition_events(settings, languages, lang, edition) -> list[tuple]:
    """An edition's event (all day), its deadlines and one event per timed session, in
    ``lang``: [((edition id, what), Event)]."""
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

    def event_for(uid, summary, prefix=prefix, status=status, sequence=sequence):
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
    events = [((edition.id, ""), event)]
    deadlines = []
    if edition.call:
        deadlines.append(("call", edition.call.closes, CALL_CLOSES))
    if edition.registration and edition.registration.closes:
        deadlines.append(("registration", edition.registration.closes,
                          REGISTRATION_CLOSES))
    for name, day, what in deadlines:  # all-day events, on the last day to act
        # "demo-4.call": a dot, which no session's id has ("demo-4-<session>").
        event = event_for(f"{edition.id}.{name}", f"{state.catalogs.text(state, lang, what)} — "
                          f"{text.title}")
        event.add("description", url)
        event.add("dtstart", day)
        event.add("dtend", day + datetime.timedelta(days=1))
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        event.add("url", url)
        events.append(((edition.id, f"@{name}"), event))
    cancelled = state.catalogs.text(state, lang, SESSION_CANCELLED)
    for session in timed_sessions(edition):
        start = datetime.datetime.combine(session.day, session.start, zone)
        event = event_for(
            f"{edition.id}-{session.id}", languages.text(session.title, lang),
            prefix=f"{cancelled} — " if session.cancelled else prefix,
            status="CANCELLED" if session.cancelled else status,
            sequence=sequence + session.revision)
        if session.modified:  # the day of its latest change, at midnight in Morocco
            event.add("last-modified", datetime.datetime.combine(
                session.modified, datetime.time(), zone).astimezone(datetime.UTC))
        agenda_url = (f"{siteurl}/{urls.path(settings, languages, lang, 'agenda', edition)}"
                      f"#{session.id}")
        # Many calendar apps show no URL property: the link ends the description,
        # as in the edition's event.
        event.add("description", "\n".join(filter(None, [
            languages.text(session.description, lang) if session.description else None,
            phrases.session_language(state, lang, session, capitalized=True),
            comma.join(speaker_names(session.speakers, languages[lang].script)) or None,
            agenda_url])))
        event.add("dtstart", start)
        if session.end:
            event.add("dtend", datetime.datetime.combine(session.day, session.end, zone))
        event.add("location", comma.join(filter(None, [
            languages.text(session.room, lang) if session.room else None, place])))
        event.add("url", agenda_url)
        events.append(((edition.id, session.id), event))
    return events


def speaker_names(speakers, script) -> list[str]:
    """Speakers' names as plain text, in ``script`` where it is written."""
    return [s if isinstance(s, str) else (s.name_in(script) or s.name) for s in speakers]


def get_generators(pelican):
    return CalendarsGenerator
