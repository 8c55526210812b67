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
import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit


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


@dataclass(eq=False)  # one object per speaker: compared by identity
class Speaker:
    """Someone who speaks at sessions (content/intervenants.toml), with a page per
    language listing their sessions across editions."""

    id: str
    name: str  # in Latin script
    name_ar: str | None = None  # in Arabic script, when given
    affiliation: Partner | None = None
    affiliation_text: dict | None = None
    bio: dict | None = None
    photo: str | None = None  # published only with the person's consent (checked)
    photo_alt: dict | None = None
    links: list = field(default_factory=list)
    photo_at: tuple | None = None  # (data file, line) of ``photo``, for its problems
    sessions: list = field(default_factory=list)  # [(Edition, Slot)], from the editions

    kind = "speaker"

    def name_in(self, script: str) -> str | None:
        """The name as written in ``script`` (ISO 15924: "Arab", "Latn"), if there is
        one."""
        return {"Arab": self.name_ar, "Latn": self.name}.get(script)


@dataclass(frozen=True)
class Slides:
    """A session's slides: a file of content/documents/, published at the same path."""

    path: str  # "documents/demo-3/ouverture.pdf", from content/ (and in the site)
    size: int  # in bytes
    language: str | None = None  # the language it is written in, when known

    @property
    def type(self) -> str:
        """"PDF", "ODP", "PPTX": what visitors see before they download it."""
        return self.path.rsplit(".", 1)[-1].upper()


@dataclass(frozen=True)
class Recording:
    """A session's recording: a link to its page on a video host, never embedded."""

    url: str
    captions: tuple = ()  # the languages of its subtitles
    transcript: str | None = None
    poster: str | None = None  # a photo of content/photos/, or None for the site's own

    @property
    def host(self) -> str:
        """The video host's name, as the link says it ("video.example")."""
        name = urlsplit(self.url).hostname or ""
        return name.removeprefix("www.")


@dataclass(frozen=True)
class GalleryPhoto:
    """One photo of an edition's gallery, published through the image pipeline."""

    file: str  # under content/photos/ (never published as it is)
    alt: dict
    credit: str
    caption: dict | None = None
    at: tuple = ()  # (data file, line) of ``file``, for its problems

    @property
    def name(self) -> str:
        """What the photo's published files are called: the original's name."""
        return os.path.splitext(os.path.basename(self.file))[0]


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
    speakers: list = field(default_factory=list)  # Speaker, or a name (no page)
    language: str | None = None
    partners: list = field(default_factory=list)
    interpretation: list = field(default_factory=list)  # languages it is interpreted into
    cancelled: bool = False  # dropped after the programme was published
    changes: list = field(default_factory=list)  # the edition's Changes that name it
    # After the event (none of it for a recording a speaker declined: recording_opt_out).
    slides: Slides | None = None
    recording: Recording | None = None
    links: list = field(default_factory=list)  # https addresses

    @property
    def archived(self) -> bool:
        """Whether it has something to see after the event."""
        return bool(self.slides or self.recording or self.links)

    @property
    def timed(self) -> bool:
        return self.start is not None

    @property
    def revision(self) -> int:
        """How many times it changed since the programme was published: calendars
        that hold it update their copy when this goes up (``SEQUENCE``)."""
        return len(self.changes)

    @property
    def modified(self) -> datetime.date | None:
        return max((c.date for c in self.changes), default=None)


@dataclass(eq=False)
class Change:
    """One published change of an edition's programme, dated, said in every language."""

    date: datetime.date
    text: dict
    sessions: list = field(default_factory=list)  # the Slots it names
    number: int = 0  # its rank in the edition's log, 1 for the first published
    key: str = ""  # "2031-05-12", "2031-05-12-2" (its day, its rank that day): its anchor

    kind = "change"


@dataclass(frozen=True)
class Call:
    """An edition's call for proposals: open from ``opens`` (or its publication) to
    ``closes``, that day included."""

    closes: datetime.date
    url: str
    opens: datetime.date | None = None
    text: dict | None = None

    def phase(self, today) -> str:
        if self.opens and today < self.opens:
            return "soon"
        return "open" if today <= self.closes else "closed"


@dataclass(frozen=True)
class Registration:
    """How to attend: free entry, or a form open from ``opens`` to ``closes`` (by
    default until the edition's last day)."""

    free: bool = False
    url: str | None = None
    opens: datetime.date | None = None
    closes: datetime.date | None = None

    def phase(self, today, last_day) -> str:
        if self.free:
            return "free"
        if self.opens and today < self.opens:
            return "soon"
        return "open" if today <= (self.closes or last_day) else "closed"


@dataclass(frozen=True)
class Standing:
    """Where an edition stands on the day of the build: what its pages show now."""

    when: str  # "upcoming", "today" (one of its days) or "past"
    schedule: str  # "scheduled", "cancelled", "postponed" (no new date yet), "rescheduled"
    call: str | None = None  # "soon", "open", "closed"; None: none, or not shown
    registration: str | None = None  # "free", "soon", "open", "closed"; None: idem
    day: int | None = None  # which of its days today is (1, 2…), on one of them

    @property
    def cancelled(self) -> bool:
        return self.schedule == "cancelled"


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
    status: str | None = None  # "cancelled" or "postponed", as the organisers wrote it
    # A postponed edition with its new dates: start and end are the new ones.
    previous_start: datetime.date | None = None
    previous_end: datetime.date | None = None
    call: Call | None = None
    registration: Registration | None = None
    changes: list = field(default_factory=list)  # Change, the latest first
    # After the event: the report (lang -> Pelican Page), the gallery (GalleryPhoto).
    report: dict = field(default_factory=dict)
    photos: list = field(default_factory=list)
    # Set once the build's day is known (runsite.write.editions).
    now: Standing | None = field(default=None, repr=False, compare=False)
    # Its neighbours in the series, in time order (set once the series is read).
    previous: Edition | None = field(default=None, repr=False, compare=False)
    next: Edition | None = field(default=None, repr=False, compare=False)

    kind = "edition"

    @property
    def date(self) -> datetime.date:
        return self.start

    @property
    def schedule_version(self) -> str:
        """The programme's version for conference apps: one more with each change."""
        return f"1.{len(self.changes)}"

    @property
    def archive(self) -> bool:
        """Whether there is something to see of it after the event: a report, photos,
        slides or recordings (the timeline marks it)."""
        return bool(self.report or self.photos or any(s.archived for s in self.sessions))

    @property
    def archived_sessions(self) -> list:
        return [s for s in self.sessions if s.archived]

    @property
    def last_day(self) -> datetime.date:
        return self.end or self.start

    @property
    def days(self) -> list:
        count = (self.last_day - self.start).days + 1
        return [self.start + datetime.timedelta(days=i) for i in range(count)]

    @property
    def speakers(self) -> list:
        """The speakers with a page, in the order of the programme."""
        found = []
        for session in self.sessions:
            for speaker in session.speakers:
                if isinstance(speaker, Speaker) and speaker not in found:
                    found.append(speaker)
        return found

    @property
    def agenda(self) -> list:
        """The agenda by day, [(day, sessions)]: one group per day of an edition of
        several days; one group (day None) for a single day."""
        if len(self.days) == 1:
            return [(None, self.sessions)]
        return [(day, [s for s in self.sessions if s.day == day]) for day in self.days]

    @property
    def schedule(self) -> str:
        if self.status == "postponed":
            return "rescheduled" if self.previous_start else "postponed"
        return self.status or "scheduled"

    def standing(self, today: datetime.date) -> Standing:
        """Where the edition stands on ``today``: its days, its call, its registration
        (neither is shown for a cancelled edition)."""
        if today < self.start or self.schedule == "postponed":  # no new date yet
            when = "upcoming"
        elif today <= self.last_day:
            when = "today"
        else:
            when = "past"
        shown = self.schedule != "cancelled"
        return Standing(
            when=when, schedule=self.schedule,
            call=self.call.phase(today) if self.call and shown else None,
            registration=(self.registration.phase(today, self.last_day)
                          if self.registration and shown and when != "past" else None),
            day=(today - self.start).days + 1 if when == "today" else None)
