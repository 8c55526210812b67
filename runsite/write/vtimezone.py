"""A calendar's VTIMEZONE (RFC 5545 3.6.5) read from the time zone database itself.

Morocco is at UTC+1 except during Ramadan, at UTC+0, on dates that move every year:
a rule (RRULE) cannot say that, so each change of offset between two dates is one
observance of its own, found by asking zoneinfo for the offset (not by trusting a
library's reading of the rules: icalendar's ``Timezone.from_tzinfo`` drops Morocco's
Ramadan periods after 2028, which put one session in a hundred an hour off).
"""

from __future__ import annotations

import datetime
import functools
import zoneinfo

from icalendar import Timezone, TimezoneStandard

UTC = datetime.UTC
STEP = datetime.timedelta(hours=6)  # offsets never change twice within six hours


def _offset(zone, instant):
    return instant.astimezone(zone).utcoffset()


def transitions(zone, start, end):
    """The instants (UTC, to the second) in [start, end) where ``zone``'s offset
    changes, with the offsets before and after."""
    found, at = [], start
    while at < end:
        step_end = min(at + STEP, end)
        before, after = _offset(zone, at), _offset(zone, step_end)
        if before != after:
            low, high = at, step_end  # offset(low) == before, offset(high) == after
            while high - low > datetime.timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if middle <= low:
                    break
                if _offset(zone, middle) == before:
                    low = middle
                else:
                    high = middle
            found.append((high, before, after))
        at = step_end
    return found


def vtimezone(name: str, first: datetime.date, last: datetime.date) -> Timezone:
    """``name``'s VTIMEZONE, right for every instant from the day before ``first`` to
    the day after ``last``: the offset then, and each change of offset in between."""
    zone = zoneinfo.ZoneInfo(name)
    start = datetime.datetime.combine(first - datetime.timedelta(days=1), datetime.time(),
                                      UTC)
    # Begin in standard time (UTC+1, not Ramadan's UTC+0): a reader that looks before
    # the first observance, or that takes a zone at UTC+0 there for UTC (vobject),
    # then finds the zone's usual offset.
    for _ in range(400):
        if not start.astimezone(zone).dst():
            break
        start -= datetime.timedelta(days=1)
    end = datetime.datetime.combine(last + datetime.timedelta(days=2), datetime.time(), UTC)
    timezone = Timezone()
    timezone.add("tzid", name)

    def observance(instant, before, after):
        part = TimezoneStandard()
        # DTSTART is local time as it was just before the change (RFC 5545 3.6.5).
        part.add("dtstart", (instant + before).replace(tzinfo=None))
        part.add("tzoffsetfrom", before)
        part.add("tzoffsetto", after)
        part.add("tzname", instant.astimezone(zone).tzname())
        timezone.add_component(part)

    offset = _offset(zone, start)
    observance(start, offset, offset)
    for instant, before, after in transitions(zone, start, end):
        observance(instant, before, after)
    return timezone


@functools.lru_cache(maxsize=1024)
def vtimezone_ical(name: str, first: datetime.date, last: datetime.date) -> bytes:
    """``vtimezone(name, first, last)`` serialized: the same for every calendar file
    whose timed events fall between the same days (the sessions of one day share it),
    so computed once per range and process instead of once per file."""
    return vtimezone(name, first, last).to_ical()
