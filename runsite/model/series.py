"""The series as the templates see it: partners, editions with their agenda,
milestones, the publisher.

Facts that do not depend on the language (dates, times, numbers, rooms' codes,
speakers' names, partner references) are written once, in TOML; texts are given
per language side by side (``title.fr`` / ``title.ar``), so the language versions
cannot disagree. These objects are made by runsite.model.load from files that
passed validation: templates and generators may trust them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass
class Partner:
    id: str
    kind: str
    name: dict
    short: str | None = None
    url: str | None = None
    logo: str | None = None
    roles: list = field(default_factory=list)  # [(Edition, role)], filled from the editions


@dataclass
class Publisher:
    """Who publishes the site, named in its statements (content/editeur.toml)."""

    name: dict
    email: str | None = None
    address: dict | None = None


@dataclass
class Figure:
    value: int
    label: dict
    more_than: bool = False


@dataclass
class Milestone:
    id: str
    date: datetime.date
    precision: str  # "day" or "month"
    title: dict
    description: dict | None
    figures: list

    kind = "milestone"


@dataclass
class Slot:
    """One slot of an edition's agenda: a talk, a round table, a break…"""

    id: str
    title: dict
    day: datetime.date | None = None
    start: datetime.time | None = None
    end: datetime.time | None = None
    room: dict | None = None
    type: str | None = None
    description: dict | None = None
    speakers: list = field(default_factory=list)
    language: str | None = None
    partners: list = field(default_factory=list)

    @property
    def timed(self) -> bool:
        return self.start is not None


@dataclass
class Edition:
    id: str
    number: int
    start: datetime.date
    city: dict
    host: Partner
    end: datetime.date | None = None
    venue: dict | None = None
    map_url: str | None = None
    partners: list = field(default_factory=list)  # [(Partner, role)]
    sessions: list = field(default_factory=list)
    texts: dict = field(default_factory=dict)  # lang -> Pelican Page (title, summary, body)
    source: str = ""
    draft: bool = False
    # Its neighbours in the series, in time order (set once the series is read).
    previous: Edition | None = field(default=None, repr=False, compare=False)
    next: Edition | None = field(default=None, repr=False, compare=False)

    kind = "edition"

    @property
    def date(self) -> datetime.date:
        return self.start

    @property
    def last_day(self) -> datetime.date:
        return self.end or self.start

    @property
    def days(self) -> list:
        count = (self.last_day - self.start).days + 1
        return [self.start + datetime.timedelta(days=i) for i in range(count)]

    @property
    def agenda(self) -> list:
        """The agenda by day, [(day, sessions)]: one group per day of an edition of
        several days; one group (day None) for a single day."""
        if len(self.days) == 1:
            return [(None, self.sessions)]
        return [(day, [s for s in self.sessions if s.day == day]) for day in self.days]

    def status(self, today: datetime.date) -> str:
        return "upcoming" if self.last_day >= today else "past"
