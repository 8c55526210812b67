"""Reading the organisers' TOML files into the model, with validation.

``content/partenaires.toml``  partners (``[[partner]]``)
``content/jalons.toml``       milestones of the series (``[[milestone]]``)
``content/editions/<id>.toml`` one edition: facts, partners' roles, agenda (``[[session]]``)
"""

from __future__ import annotations

import datetime
import itertools
import os
import re
from urllib.parse import urlsplit

from runsite.model.series import Edition, Figure, Milestone, Partner, Publisher, Slot
from runsite.read.datafile import DataFile
from runsite.read.sanitize import RESERVED_ID
from runsite.validate.fields import (
    EDITION_FIELDS,
    EDITION_PARTNER_FIELDS,
    FIGURE_FIELDS,
    ID,
    MILESTONE_FIELDS,
    PARTNER_FIELDS,
    PARTNER_KINDS,
    PUBLISHER_FIELDS,
    ROLES,
    SESSION_FIELDS,
    SESSION_TYPES,
    Block,
)

SESSION_LANGUAGES = ("fr", "ar", "en")
# Never in an address as written (RFC 3986 has them percent-encoded): they would
# end an HTML attribute or a Markdown link.
URL_FORBIDDEN = re.compile(r'[\s"<>\\^`{|}\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]')
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
IMAGES_FOLDER = "images"


def _url(block, key):
    """An address to another site, parsed and allowed by its scheme (https, http)."""
    value = block.string(key)
    if value is None:
        return None
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 -- raises ValueError for a port out of range
    except ValueError:
        parts = None
    if parts is not None and "@" in parts.netloc:
        block.problem(key, "url_userinfo", value=value, field=key)
        return None
    if (parts is None or URL_FORBIDDEN.search(value) or parts.scheme.lower() not in
            ("https", "http") or not parts.hostname):
        block.problem(key, "url_refused", value=value, field=key)
        return None
    return value


def _logo(block, content):
    """A logo: an image file of content/images/, named from content/."""
    value = block.string("logo")
    if value is None:
        return None
    normalized = os.path.normpath(value).replace(os.sep, "/")
    if (urlsplit(value).scheme or value.startswith(("/", "\\"))
            or not normalized.startswith(f"{IMAGES_FOLDER}/")):
        block.problem("logo", "logo_outside", value=value)
        return None
    if URL_FORBIDDEN.search(value) or "%" in value:
        block.problem("logo", "logo_name", value=value)
        return None
    if not normalized.lower().endswith(LOGO_TYPES):
        block.problem("logo", "logo_type", value=value, types=", ".join(LOGO_TYPES))
        return None
    if not os.path.isfile(os.path.join(content, normalized)):
        block.problem("logo", "logo_missing", value=value)
        return None
    return normalized


EMAIL = re.compile(r"^[^@\s\"<>]+@[^@\s\"<>]+\.[A-Za-z]{2,}$")


def read_publisher(path, state) -> Publisher | None:
    """The site's publisher, or None while the organisers have not filled it in."""
    if not os.path.exists(path):
        return None
    file = DataFile(path, state)
    if not file.data:
        if file.data is not None:
            state.notice(path, "publisher_missing")
        return None
    top = Block(file, file.data, state.languages, allowed=PUBLISHER_FIELDS)
    name = top.text("name", required=True)
    email = top.string("email")
    if email and not EMAIL.match(email):
        top.problem("email", "email_invalid", value=email)
        email = None
    address = top.text("address", multiline=True)
    return Publisher(name, email, address) if name else None


def _id(block, key="id"):
    """An identifier: also an anchor of the pages (#usmba, #ouverture), never one of
    the theme's."""
    value = block.string(key, required=True, pattern=ID,
                          example=f'ajoutez {key} = "…" (minuscules, chiffres et tirets)')
    if value and RESERVED_ID.match(value):
        block.problem(key, "html_id_reserved", id=value)
        return None
    return value


def _top(file, state, name):
    """The file's top block: only [[name]] blocks in it."""
    top = Block(file, file.data, state.languages, allowed=(name,))
    return top, range(len(top.tables(name)))


def read_partners(path, state) -> dict | None:
    """The partners by id; None if the file could not be read (its problem is told:
    the editions that name partners are then not blamed for it)."""
    if not os.path.isfile(path):
        state.problem(path, None, "partners_none")
        return None
    file = DataFile(path, state)
    partners: dict[str, Partner] = {}
    if file.data is None:
        return None
    top, indexes = _top(file, state, "partner")
    if not indexes and not top.invalid:
        state.problem(path, None, "partners_none")
        return None
    for index in indexes:
        block = top.child("partner", index, PARTNER_FIELDS)
        pid = _id(block)
        partner = Partner(
            id=pid or "",
            kind=block.string("kind", required=True, choices=PARTNER_KINDS),
            name=block.text("name", required=True),
            short=block.string("short"),
            url=_url(block, "url"),
            logo=_logo(block, os.path.dirname(path)),
        )
        if pid in partners:
            block.problem("id", "id_taken", id=pid)
        elif pid:  # None when the block has a problem: editions naming it are not blamed
            partners[pid] = partner if block.invalid == set() else None
    return partners


def read_milestones(path, state) -> list:
    if not os.path.exists(path):
        return []
    file = DataFile(path, state)
    if file.data is None:
        return []
    milestones, seen = [], set()
    top, indexes = _top(file, state, "milestone")
    for index in indexes:
        block = top.child("milestone", index, MILESTONE_FIELDS)
        mid = _id(block)
        date, precision = block.date("date", required=True, allow_month=True)
        title = block.text("title", required=True)
        figures = []
        for figure_index in range(len(block.tables("figure"))):
            figure = block.child("figure", figure_index, FIGURE_FIELDS)
            value = figure.integer("value", required=True)
            label = figure.counted_text("label", True)
            if value is not None and label:
                figures.append(Figure(value, label, figure.boolean("more_than")))
        if mid in seen:
            block.problem("id", "id_taken", id=mid)
        seen.add(mid)
        if mid and date and title:
            milestones.append(Milestone(mid, date, precision, title,
                                        block.text("description", multiline=True), figures))
    return milestones


def read_edition(path, state, partners) -> Edition | None:
    file = DataFile(path, state)
    if file.data is None:
        return None
    languages = state.languages
    edition_id = os.path.splitext(os.path.basename(path))[0]
    top = Block(file, file.data, languages, allowed=EDITION_FIELDS)
    if not ID.match(edition_id):
        file.problem((), "edition_file_name", name=os.path.basename(path))
    number = top.integer("number", required=True, minimum=1)
    ending = re.search(r"-(\d+)$", edition_id)
    if number is not None and ending and int(ending.group(1)) != number:
        top.problem("number", "edition_number_mismatch", number=number,
                    name=os.path.basename(path))
    start, _ = top.date("start", required=True)
    end, _ = top.date("end")
    if start and end and end < start:
        top.problem("end", "edition_end_before_start", end=end, start=start)
        end = None
    if end == start:
        end = None
    city = top.text("city", required=True)
    host_id = top.string("host", required=True,
                         example='ajoutez host = "identifiant du partenaire"')
    host = _partner(top, "host", host_id, partners)
    edition = Edition(
        id=edition_id, number=number or 0, start=start, city=city, host=host, end=end,
        venue=top.text("venue"), source=path, draft=top.boolean("draft"),
        map_url=_url(top, "map"),
    )
    roles_seen = set()
    for index in range(len(top.tables("partner"))):
        block = top.child("partner", index, EDITION_PARTNER_FIELDS)
        pid = block.string("id", required=True)
        partner = _partner(block, "id", pid, partners)
        role = block.string("role", required=True, choices=ROLES)
        if partner and role and (pid, role) not in roles_seen:
            roles_seen.add((pid, role))
            edition.partners.append((partner, role))
    if host and (host.id, "host") not in roles_seen:
        edition.partners.insert(0, (host, "host"))
    edition.sessions = _sessions(top, edition, partners)
    if None in (number, start, city, host):
        return None
    return edition


def _partner(block, key, pid, partners):
    if not pid or partners is None:
        return None
    if pid not in partners:
        block.problem(key, "partner_unknown", id=pid, known=", ".join(sorted(partners)) or "aucun")
        return None
    return partners[pid]


def _sessions(top, edition, partners):
    sessions, seen = [], set()
    for index in range(len(top.tables("session"))):
        block = top.child("session", index, SESSION_FIELDS)
        sid = _id(block)
        session = Slot(
            id=sid or "", title=block.text("title", required=True),
            day=block.date("day")[0], start=block.time("start"), end=block.time("end"),
            room=block.text("room"), type=block.string("type", choices=SESSION_TYPES),
            description=block.text("description", multiline=True),
            speakers=block.strings("speakers"),
            language=block.string("language", choices=SESSION_LANGUAGES),
        )
        for pid in block.strings("partners"):
            partner = _partner(block, "partners", pid, partners)
            if partner:
                session.partners.append(partner)
        if sid in seen:
            block.problem("id", "session_id_taken", id=sid)
        seen.add(sid)
        if edition.start:
            _check_times(block, session, edition)
        if session.title:
            sessions.append((block, session))
    _check_overlaps(sessions, top.languages)
    if all(s.timed for _, s in sessions):  # a programme with times is shown in time order
        sessions.sort(key=lambda item: (item[1].day or datetime.date.min, item[1].start))
    return [session for _, session in sessions]


def _check_times(block, session, edition):
    if session.day is None and "day" not in block.invalid:
        if len(edition.days) == 1:
            session.day = edition.start
        elif session.timed:
            block.problem("day", "session_without_day")
    elif session.day is not None and session.day not in edition.days:
        block.problem("day", "session_day_outside", day=session.day, start=edition.start,
                      end=edition.last_day)
    if session.end and not session.start:
        if "start" not in block.invalid:  # an unreadable start is reported already
            block.problem("end", "session_end_without_start")
        session.end = None
    if session.start and session.end and session.end <= session.start:
        block.problem("end", "session_ends_before_start", end=f"{session.end:%H:%M}",
                      start=f"{session.start:%H:%M}")
        session.end = None


def _room_key(name) -> str:
    return " ".join(name.split()).casefold()


def _check_rooms(sessions, languages):
    """One room, one name per language: a room written "Amphi A" with two Arabic names
    would be one room on the French programme and two on the Arabic one."""
    seen: dict = {}  # (lang, name) -> (session, room)
    for block, session in sessions:
        if not session.room:
            continue
        for lang, name in session.room.items():
            known = seen.setdefault((lang, _room_key(name)), (session, session.room))
            other_session, other_room = known
            for code, language in languages.items():
                if code != lang and _room_key(other_room.get(code, "")) != \
                        _room_key(session.room.get(code, "")):
                    block.problem(f"room.{code}", "room_names_differ", room=name,
                                  language=language.in_words, other=other_session.id,
                                  other_name=other_room.get(code, ""),
                                  name=session.room.get(code, ""))
                    return False
    return True


def _check_overlaps(sessions, languages):
    """Two timed sessions in one room on one day must not overlap: every pair is told."""
    if not _check_rooms(sessions, languages):
        return
    by_room: dict = {}
    for block, session in sessions:
        if session.timed and session.room and session.day:
            key = (session.day, _room_key(session.room[languages.default.code]))
            by_room.setdefault(key, []).append((block, session))
    for items in by_room.values():
        items.sort(key=lambda item: item[1].start)
        for (_, first), (block, second) in itertools.combinations(items, 2):
            first_end = first.end or first.start
            if second.start < first_end or second.start == first.start:
                block.problem("start", "session_overlap", id=second.id,
                              start=f"{second.start:%H:%M}", other=first.id,
                              other_start=f"{first.start:%H:%M}",
                              other_end=f"{first_end:%H:%M}",
                              room=next(iter(second.room.values())))
