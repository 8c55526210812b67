"""The series made from the organisers' TOML files, as they are checked against their
schema (runsite.validate.schema), then across blocks: partners named by the editions,
identifiers used once, sessions inside their edition's days, rooms that agree.

``content/partenaires.toml``  partners (``[[partner]]``)
``content/jalons.toml``       milestones of the series (``[[milestone]]``)
``content/editions/<id>.toml`` one edition: facts, partners' roles, agenda (``[[session]]``)
``content/editeur.toml``      who publishes the site
"""

from __future__ import annotations

import datetime
import itertools
import os
import re

from runsite.core.languages import in_words as _in_words
from runsite.core.names import REPORT_SUFFIX
from runsite.model.series import (
    Call,
    Change,
    Edition,
    Figure,
    GalleryPhoto,
    Milestone,
    Partner,
    Publisher,
    Recording,
    Registration,
    Slides,
    Slot,
    Speaker,
)
from runsite.read.datafile import DataFile
from runsite.validate import schema


def _context(state, path):
    return {"languages": state.languages, "content": os.path.dirname(path)}


def _blocks(file, checked, model, path, context):
    """Each [[block]] of a checked block, checked on its own: (key path, Checked)."""
    for index, data in enumerate(checked[model.block] or []):
        where = (*path, model.block, index)
        yield where, schema.check(model, data, file, where, context)


def read_publisher(path, state) -> Publisher | None:
    """The site's publisher, or None while the organisers have not filled it in."""
    if not os.path.exists(path):
        return None
    file = DataFile(path, state)
    if not file.data:
        if file.data is not None:
            state.notice(path, "publisher_missing")
        return None
    checked = schema.check(schema.Publisher, file.data, file, (), _context(state, path))
    if not checked["name"]:
        return None
    return Publisher(checked["name"], checked["email"], checked["address"])


def read_partners(path, state) -> dict | None:
    """The partners by id; None if the file could not be read (its problem is told:
    the editions that name partners are then not blamed for it)."""
    if not os.path.isfile(path):
        state.problem(path, None, "partners_none")
        return None
    file = DataFile(path, state)
    if file.data is None:
        return None
    context = _context(state, path)
    top = schema.check(schema.PartnersFile, file.data, file, (), context)
    if not top["partner"] and top.ok:
        state.problem(path, None, "partners_none")
        return None
    partners: dict[str, Partner | None] = {}
    for where, block in _blocks(file, top, schema.Partner, (), context):
        pid = block["id"]
        if pid in partners:
            file.problem((*where, "id"), "id_taken", id=pid)
        elif pid:  # None for a block with a problem: editions naming it are not blamed
            partners[pid] = Partner(
                id=pid, kind=block["kind"], name=block["name"], short=block["short"],
                url=block["url"], logo=block["logo"]) if block.ok else None
    return partners


def read_speakers(path, state, partners, photos="photos") -> dict | None:
    """The speakers by id ({} without the file: sessions then name people only; None
    if the file could not be read: its problem is told, sessions are not blamed)."""
    if not os.path.exists(path):
        return {}
    file = DataFile(path, state)
    if file.data is None:
        return None
    context = {**_context(state, path), "photos": photos}
    top = schema.check(schema.SpeakersFile, file.data, file, (), context)
    speakers: dict[str, Speaker | None] = {}
    for where, block in _blocks(file, top, schema.Speaker, (), context):
        sid = block["id"]
        fine = block.ok
        if sid in speakers:
            file.problem((*where, "id"), "id_taken", id=sid)
            continue
        photo = block["photo"]
        if photo and not block["photo_consent"]:
            file.problem((*where, "photo"), "photo_without_consent")
            fine = False
        elif photo and not block["photo_alt"] and "photo_alt" not in block.invalid:
            file.problem((*where, "photo"), "photo_without_alt")
            fine = False
        kind, value = block["affiliation"] or (None, None)
        affiliation = None
        if kind == "partner":
            affiliation = _partner(file, (*where, "affiliation"), value, partners)
            fine = fine and affiliation is not None
        if sid:  # None for a block with a problem: sessions naming it are not blamed
            speakers[sid] = Speaker(
                id=sid, name=block["name"], name_ar=block["name_ar"], affiliation=affiliation,
                affiliation_text=value if kind == "text" else None, bio=block["bio"],
                photo=photo, photo_alt=block["photo_alt"], links=block["links"] or [],
                photo_at=(path, file.line((*where, "photo"))) if photo else None,
            ) if fine else None
    return speakers


def read_milestones(path, state) -> list:
    if not os.path.exists(path):
        return []
    file = DataFile(path, state)
    if file.data is None:
        return []
    context = _context(state, path)
    top = schema.check(schema.MilestonesFile, file.data, file, (), context)
    milestones, seen = [], set()
    for where, block in _blocks(file, top, schema.Milestone, (), context):
        figures = [Figure(figure["value"], figure["label"], figure["more_than"])
                   for _, figure in _blocks(file, block, schema.Figure, where, context)
                   if figure["value"] is not None and figure["label"]]
        mid = block["id"]
        if mid and mid in seen:
            file.problem((*where, "id"), "id_taken", id=mid)
        seen.add(mid)
        date, precision = block["date"] or (None, None)
        if mid and date and block["title"]:
            milestones.append(Milestone(mid, date, precision, block["title"],
                                        block["description"], figures))
    return milestones


def read_edition(path, state, partners, speakers, places=None) -> Edition | None:
    """``places``: where the files an edition names are ({"content": content/,
    "photos": "photos", "documents": "documents", "document_limit": MB})."""
    file = DataFile(path, state)
    if file.data is None:
        return None
    context = {**_context(state, path), **(places or {})}
    edition_id = os.path.splitext(os.path.basename(path))[0]
    top = schema.check(schema.Edition, file.data, file, (), context)
    if not schema.ID.match(edition_id):
        file.problem((), "edition_file_name", name=os.path.basename(path))
    elif edition_id.endswith(REPORT_SUFFIX):  # its texts would be read as a report
        file.problem((), "edition_named_like_a_report", name=os.path.basename(path),
                     suffix=REPORT_SUFFIX)
    number = top["number"]
    ending = re.search(r"-(\d+)$", edition_id)
    if number is not None and ending and int(ending.group(1)) != number:
        file.problem(("number",), "edition_number_mismatch", number=number,
                     name=os.path.basename(path))
    start = (top["start"] or (None,))[0]
    end = (top["end"] or (None,))[0]
    if start and end and end < start:
        file.problem(("end",), "edition_end_before_start", end=end, start=start)
        end = None
    if end == start:
        end = None
    previous_start = previous_end = None
    new_start, new_end = _new_dates(file, top)
    if start and new_start and new_start <= start:
        file.problem(("new_start",), "new_date_not_later", new=new_start, start=start)
        new_start = new_end = None
    if start and new_start:  # rescheduled: the new dates are the edition's dates
        if new_end is None and end:  # as long as announced, unless new_end says otherwise
            new_end = new_start + (end - start)
        previous_start, previous_end = start, end
        start, end = new_start, (new_end if new_end != new_start else None)
    host_id = top["host"]
    host = _partner(file, ("host",), host_id, partners)
    edition = Edition(
        id=edition_id, number=number or 0, start=start, city=top["city"], host=host, end=end,
        venue=top["venue"], source=path, draft=bool(top["draft"]), map_url=top["map"],
        status=top["status"], previous_start=previous_start, previous_end=previous_end,
    )
    if start:
        edition.call = _call(file, top, edition, context)
        edition.registration = _registration(file, top, edition, context)
    roles_seen = set()
    for where, block in _blocks(file, top, schema.EditionPartner, (), context):
        pid = block["id"]
        partner = _partner(file, (*where, "id"), pid, partners)
        role = block["role"]
        if partner and role and (pid, role) not in roles_seen:
            roles_seen.add((pid, role))
            edition.partners.append((partner, role))
    if host and (host.id, "host") not in roles_seen:
        edition.partners.insert(0, (host, "host"))
    edition.sessions = _sessions(file, top, edition, partners, speakers, context)
    edition.changes = _changes(file, top, edition, context)
    edition.photos = _gallery(file, top, path, context)
    if None in (number, start, top["city"], host):
        return None
    return edition


def _day(checked, name):
    return (checked[name] or (None,))[0]


def _new_dates(file, top):
    """A postponed edition's new dates (None, None when they are not known)."""
    new_start, new_end = _day(top, "new_start"), _day(top, "new_end")
    for name, value in (("new_start", new_start), ("new_end", new_end)):
        if value and top["status"] not in ("postponed", "cancelled") and \
                "status" not in top.invalid:  # cancelled after a postponement: the last dates
            file.problem((name,), "new_date_not_postponed", field=name)
            return None, None
    if new_end and not new_start:
        if "new_start" not in top.invalid:  # an unreadable one is told already
            file.problem(("new_end",), "new_date_without_start")
        return None, None
    if new_start and new_end and new_end < new_start:
        file.problem(("new_end",), "dates_reversed", later_field="new_end", later=new_end,
                     earlier_field="new_start", earlier=new_start)
        return new_start, None
    return new_start, new_end


def _ordered(file, where, checked, first, second):
    """``first`` no later than ``second`` (opens before closes), else a problem."""
    early, late = _day(checked, first), _day(checked, second)
    if early and late and late < early:
        file.problem((*where, second), "dates_reversed", later_field=second, later=late,
                     earlier_field=first, earlier=early)
        return False
    return True


def _before_the_end(file, where, checked, name, edition):
    date = _day(checked, name)
    if date and date > edition.last_day:
        file.problem((*where, name), "deadline_after_event", field=name, date=date,
                     last=edition.last_day)
        return False
    return True


def _call(file, top, edition, context):
    if top["call"] is None:
        return None
    where = ("call",)
    call = schema.check(schema.Call, top["call"], file, where, context)
    fine = _ordered(file, where, call, "opens", "closes")
    fine = _before_the_end(file, where, call, "closes", edition) and fine
    fine = _before_the_end(file, where, call, "opens", edition) and fine
    if not (call.ok and fine):
        return None
    return Call(closes=_day(call, "closes"), url=call["url"], opens=_day(call, "opens"),
                text=call["text"])


def _registration(file, top, edition, context):
    if top["registration"] is None:
        return None
    where = ("registration",)
    checked = schema.check(schema.Registration, top["registration"], file, where, context)
    if checked["free"]:
        extra = [name for name in ("url", "opens", "closes") if checked[name]]
        if extra:
            file.problem((*where, "free"), "registration_free_and_form",
                         fields=", ".join(extra))
            return None
    elif not checked["url"] and "url" not in checked.invalid:
        file.problem(where, "registration_without_form")
        return None
    fine = _ordered(file, where, checked, "opens", "closes")
    fine = _before_the_end(file, where, checked, "closes", edition) and fine
    fine = _before_the_end(file, where, checked, "opens", edition) and fine
    if not (checked.ok and fine):
        return None
    return Registration(free=checked["free"], url=checked["url"], opens=_day(checked, "opens"),
                        closes=_day(checked, "closes"))


def _partner(file, where, pid, partners):
    if not pid or partners is None:
        return None
    if pid not in partners:
        file.problem(where, "partner_unknown", id=pid, known=", ".join(sorted(partners)) or "aucun")
        return None
    return partners[pid]


def _speakers(file, where, names, speakers):
    """A session's speakers: an identifier names someone of content/intervenants.toml;
    anything else (capitals, spaces) is the name of someone without a page."""
    found, seen = [], set()
    for name in names:
        if name in seen:
            file.problem((*where, "speakers"), "speaker_twice", id=name)
            continue
        seen.add(name)
        near = re.sub(r"[\s_]+", "-", name.strip().lower())
        if speakers is None:  # the speakers' file has a problem of its own
            continue
        if not schema.ID.match(name):
            if near in speakers:  # "Amina-Fictive", "amina_fictive": meant as the id
                file.problem((*where, "speakers"), "speaker_near_id", name=name, id=near)
            else:
                found.append(name)
        elif name not in speakers:
            file.problem((*where, "speakers"), "speaker_unknown", id=name,
                         known=", ".join(sorted(speakers)) or "aucun")
        elif speakers[name] is not None:  # else its own problem is told
            found.append(speakers[name])
    return found


def _sessions(file, top, edition, partners, speakers, context):
    sessions, seen = [], set()
    for where, block in _blocks(file, top, schema.Slot, (), context):
        sid = block["id"]
        session = Slot(
            id=sid or "", title=block["title"], day=(block["day"] or (None,))[0],
            start=block["start"], end=block["end"], room=block["room"], type=block["type"],
            description=block["description"],
            speakers=_speakers(file, where, block["speakers"] or [], speakers),
            language=block["language"], interpretation=block["interpretation"] or [],
            cancelled=bool(block["cancelled"]),
        )
        _archive(file, where, block, session, file.state, context)
        if session.interpretation and not session.language and "language" not in block.invalid:
            file.problem((*where, "interpretation"), "interpretation_without_language")
        elif session.language in session.interpretation:
            file.problem((*where, "interpretation"), "interpretation_own_language",
                         language=_in_words(session.language), lang=session.language)
            session.interpretation.remove(session.language)
        for pid in block["partners"] or []:
            partner = _partner(file, (*where, "partners"), pid, partners)
            if partner:
                session.partners.append(partner)
        if sid and sid in seen:
            file.problem((*where, "id"), "session_id_taken", id=sid)
        seen.add(sid)
        if edition.start:
            _check_times(file, where, block, session, edition)
        if session.title:
            sessions.append((where, session))
    _check_overlaps(file, sessions, context["languages"])
    if all(s.timed for _, s in sessions):  # a programme with times is shown in time order
        sessions.sort(key=lambda item: (item[1].day or datetime.date.min, item[1].start))
    return [session for _, session in sessions]


def _archive(file, where, block, session, state, context):
    """A session's slides, recording and links; a recording a speaker declined
    (``recording_opt_out``) is left out with its captions and transcript."""
    if block["slides"]:
        size = os.path.getsize(os.path.join(context["content"], block["slides"]))
        session.slides = Slides(block["slides"], size,
                                block["slides_language"] or session.language)
    elif block["slides_language"]:
        file.problem((*where, "slides_language"), "slides_language_alone")
    recording = block["recording"]
    if not recording and "recording" not in block.invalid:
        for name in ("captions", "transcript", "recording_poster"):
            if block[name]:
                file.problem((*where, name), "recording_detail_alone", field=name)
    if recording and not (block["captions"] or block["transcript"]):
        state.notice(file.path, "recording_without_captions",
                     line=file.line((*where, "recording")))
    if recording and not block["recording_opt_out"]:
        session.recording = Recording(recording, tuple(block["captions"] or ()),
                                      block["transcript"], block["recording_poster"])
    session.links = block["links"] or []


def _gallery(file, top, path, context):
    """The edition's photos, each once (the consent and the alt text are required by
    the schema: a photo without them is not published, and its line is told)."""
    photos, seen = [], set()
    for where, block in _blocks(file, top, schema.GalleryPhoto, (), context):
        if not block.ok:
            continue
        if block["file"] in seen:
            file.problem((*where, "file"), "gallery_photo_twice", value=block["file"])
            continue
        seen.add(block["file"])
        photos.append(GalleryPhoto(block["file"], block["alt"], block["credit"],
                                   block["caption"], (path, file.line((*where, "file")))))
    return photos


def _changes(file, top, edition, context):
    """The programme's change log, the latest first; each change names sessions of the
    edition, and a cancelled session is named by one (so that calendars update it)."""
    by_id = {s.id: s for s in edition.sessions}
    changes = []
    for where, block in _blocks(file, top, schema.Change, (), context):
        day = _day(block, "date")
        if not by_id:
            file.problem(where, "change_without_programme")
            continue
        if day and edition.start and day > edition.last_day:
            file.problem((*where, "date"), "change_after_event", date=day,
                         last=edition.last_day)
            continue
        if not (day and block["text"]):
            continue
        change = Change(date=day, text=block["text"])
        for sid in dict.fromkeys(block["sessions"] or []):
            session = by_id.get(sid)
            if session is None:
                file.problem((*where, "sessions"), "change_session_unknown", id=sid,
                             known=", ".join(by_id) or "aucune")
                continue
            change.sessions.append(session)
            session.changes.append(change)
        changes.append(change)
    changes.sort(key=lambda c: c.date)  # stable: same day, in the file's order
    that_day: dict = {}
    for number, change in enumerate(changes, 1):
        change.number = number
        # Its anchor and its feed entry's id: a change added later, on another day,
        # leaves the others' as they were.
        rank = that_day[change.date] = that_day.get(change.date, 0) + 1
        change.key = change.date.isoformat() + (f"-{rank}" if rank > 1 else "")
    for index, data in enumerate(top["session"] or []):
        session = by_id.get(data.get("id")) if isinstance(data, dict) else None
        if session is not None and session.cancelled and not session.changes:
            file.problem(("session", index, "cancelled"), "session_cancelled_without_change",
                         id=session.id)
            by_id.pop(session.id)  # told once, even if its id is taken twice
    return changes[::-1]


def _check_times(file, where, block, session, edition):
    if session.day is None and "day" not in block.invalid:
        if len(edition.days) == 1:
            session.day = edition.start
        elif session.timed:
            file.problem((*where, "day"), "session_without_day")
    elif session.day is not None and session.day not in edition.days:
        file.problem((*where, "day"), "session_day_outside", day=session.day,
                     start=edition.start, end=edition.last_day)
    if session.end and not session.start:
        if "start" not in block.invalid:  # an unreadable start is reported already
            file.problem((*where, "end"), "session_end_without_start")
        session.end = None
    if session.start and session.end and session.end <= session.start:
        file.problem((*where, "end"), "session_ends_before_start", end=f"{session.end:%H:%M}",
                     start=f"{session.start:%H:%M}")
        session.end = None


def _room_key(name) -> str:
    return " ".join(name.split()).casefold()


def _check_rooms(file, sessions, languages):
    """One room, one name per language: a room written "Amphi A" with two Arabic names
    would be one room on the French programme and two on the Arabic one."""
    seen: dict = {}  # (lang, name) -> (session, room)
    for where, session in sessions:
        if not session.room:
            continue
        for lang, name in session.room.items():
            other_session, other_room = seen.setdefault((lang, _room_key(name)),
                                                        (session, session.room))
            for code, language in languages.items():
                if code != lang and _room_key(other_room.get(code, "")) != \
                        _room_key(session.room.get(code, "")):
                    file.problem((*where, "room", code), "room_names_differ", room=name,
                                 language=language.in_words, other=other_session.id,
                                 other_name=other_room.get(code, ""),
                                 name=session.room.get(code, ""))
                    return False
    return True


def _check_overlaps(file, sessions, languages):
    """Two timed sessions in one room on one day must not overlap: every pair is told."""
    if not _check_rooms(file, sessions, languages):
        return
    by_room: dict = {}
    for where, session in sessions:
        # A cancelled session leaves its room free for another.
        if session.timed and session.room and session.day and not session.cancelled:
            key = (session.day, _room_key(session.room[languages.default.code]))
            by_room.setdefault(key, []).append((where, session))
    for items in by_room.values():
        items.sort(key=lambda item: item[1].start)
        for (_, first), (where, second) in itertools.combinations(items, 2):
            first_end = first.end or first.start
            if second.start < first_end or second.start == first.start:
                file.problem((*where, "start"), "session_overlap", id=second.id,
                             start=f"{second.start:%H:%M}", other=first.id,
                             other_start=f"{first.start:%H:%M}",
                             other_end=f"{first_end:%H:%M}",
                             room=next(iter(second.room.values())))
