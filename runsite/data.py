"""Reading the organisers' TOML files into the model, with validation.

``content/partenaires.toml``  partners (``[[partner]]``)
``content/jalons.toml``       milestones of the series (``[[milestone]]``)
``content/editions/<id>.toml`` one edition: facts, partners' roles, agenda (``[[session]]``)
"""

from __future__ import annotations

import itertools
import os
import re
from urllib.parse import urlsplit

from .datafile import DataFile
from .model import (
    EDITION_FIELDS,
    EDITION_PARTNER_FIELDS,
    FIGURE_FIELDS,
    ID,
    MILESTONE_FIELDS,
    PARTNER_FIELDS,
    PARTNER_KINDS,
    ROLES,
    SESSION_FIELDS,
    SESSION_TYPES,
    Block,
    Edition,
    Figure,
    Milestone,
    Partner,
    Session,
)

SESSION_LANGUAGES = ("fr", "ar", "en")
# Never in an address as written (RFC 3986 has them percent-encoded): they would
# end an HTML attribute or a Markdown link.
URL_FORBIDDEN = re.compile(r'[\s"<>\\^`{|}\x00-\x1f\x7f]')
LOGO_TYPES = (".svg", ".png", ".jpg", ".jpeg", ".webp")
IMAGES_FOLDER = "images"


def _url(block, key, schemes=("https", "http")):
    """An address to another site, parsed and allowed by its scheme."""
    value = block.string(key)
    if value is None:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        parts = None
    if (parts is None or URL_FORBIDDEN.search(value) or parts.scheme.lower() not in schemes
            or (parts.scheme.lower() in ("http", "https") and not parts.hostname)):
        block.problem(key, f"adresse « {value} » refusée pour « {key} »",
                      "écrivez une adresse complète qui commence par "
                      + " ou ".join(f"{s}://" if s.startswith("http") else f"{s}:"
                                    for s in schemes)
                      + ", sans espace, guillemet ni chevron")
        return None
    return value


def _logo(block, content):
    """A logo: an image file of content/images/, named from content/."""
    value = block.string("logo")
    if value is None:
        return None
    normalized = os.path.normpath(value).replace(os.sep, "/")
    fix = (f"placez le fichier dans content/{IMAGES_FOLDER}/ et écrivez "
           f'logo = "{IMAGES_FOLDER}/nom-du-fichier.svg"')
    if (urlsplit(value).scheme or value.startswith(("/", "\\")) or URL_FORBIDDEN.search(value)
            or not normalized.startswith(f"{IMAGES_FOLDER}/")):
        block.problem("logo", f"logo « {value} » hors de content/{IMAGES_FOLDER}/", fix)
        return None
    if not normalized.lower().endswith(LOGO_TYPES):
        block.problem("logo", f"logo « {value} » : type d'image non accepté",
                      "une image " + ", ".join(LOGO_TYPES))
        return None
    if not os.path.isfile(os.path.join(content, normalized)):
        block.problem("logo", f"logo « {value} » introuvable", fix)
        return None
    return normalized


def _id(block, key="id"):
    return block.string(key, required=True, pattern=ID,
                        fix="en minuscules sans accents ni espaces, par exemple run-4 ou usmba")


def read_partners(path, state) -> dict:
    if not os.path.exists(path):
        return {}
    file = DataFile(path, state)
    partners: dict[str, Partner] = {}
    if file.data is None:
        return partners
    Block(file, file.data, state.languages, allowed=("partner",))
    for index, data in enumerate(Block(file, file.data, state.languages).tables("partner")):
        block = Block(file, data, state.languages, "partner", index,
                      allowed=PARTNER_FIELDS)
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
            block.problem("id", f"identifiant « {pid} » déjà utilisé", "choisissez-en un autre")
        elif pid and partner.name and partner.kind:
            partners[pid] = partner
    return partners


def read_milestones(path, state) -> list:
    if not os.path.exists(path):
        return []
    file = DataFile(path, state)
    if file.data is None:
        return []
    milestones, seen = [], set()
    Block(file, file.data, state.languages, allowed=("milestone",))
    for index, data in enumerate(Block(file, file.data, state.languages).tables("milestone")):
        block = Block(file, data, state.languages, "milestone", index,
                      allowed=MILESTONE_FIELDS)
        mid = _id(block)
        date, precision = block.date("date", required=True, allow_month=True)
        title = block.text("title", required=True)
        figures = []
        for figure_data in block.tables("figure"):
            figure = Block(file, figure_data, state.languages, "milestone", index,
                           allowed=FIGURE_FIELDS)
            value, label = figure.integer("value", required=True), figure.text("label", True)
            if value is not None and label:
                figures.append(Figure(value, label, figure.boolean("more_than")))
        if mid in seen:
            block.problem("id", f"identifiant « {mid} » déjà utilisé", "choisissez-en un autre")
        seen.add(mid)
        if mid and date and title:
            milestones.append(Milestone(mid, date, precision, title,
                                        block.text("description"), figures))
    return milestones


def read_edition(path, state, partners) -> Edition | None:
    file = DataFile(path, state)
    if file.data is None:
        return None
    languages = state.languages
    edition_id = os.path.splitext(os.path.basename(path))[0]
    top = Block(file, file.data, languages, allowed=EDITION_FIELDS)
    if not ID.match(edition_id):
        top.problem(None, f"nom de fichier « {edition_id} » invalide",
                    "renommez-le en minuscules sans accents ni espaces, par exemple run-4.toml")
    number = top.integer("number", required=True, minimum=1)
    start, _ = top.date("start", required=True)
    end, _ = top.date("end")
    if start and end and end < start:
        top.problem("end", f"la fin ({end}) précède le début ({start})",
                    "corrigez start ou end (end est le dernier jour)")
        end = None
    if end == start:
        end = None
    city = top.text("city", required=True)
    host_id = top.string("host", required=True, fix='ajoutez host = "identifiant du partenaire"')
    host = _partner(top, "host", host_id, partners)
    edition = Edition(
        id=edition_id, number=number or 0, start=start, city=city, host=host, end=end,
        venue=top.text("venue"), source=path, draft=top.boolean("draft"),
        map_url=_url(top, "map"),
    )
    roles_seen = set()
    for index, data in enumerate(top.tables("partner")):
        block = Block(file, data, languages, "partner", index, allowed=EDITION_PARTNER_FIELDS)
        pid = block.string("id", required=True)
        partner = _partner(block, "id", pid, partners)
        role = block.string("role", required=True, choices=ROLES)
        if partner and role and (pid, role) not in roles_seen:
            roles_seen.add((pid, role))
            edition.partners.append((partner, role))
    if host and (host.id, "host") not in roles_seen:
        edition.partners.insert(0, (host, "host"))
    edition.sessions = _sessions(file, top, edition, partners, languages)
    if None in (number, start, city, host):
        return None
    return edition


def _partner(block, key, pid, partners):
    if not pid:
        return None
    if pid not in partners:
        block.problem(key, f"partenaire « {pid} » introuvable",
                      "déclarez-le dans content/partenaires.toml ou corrigez l'identifiant "
                      f"(connus : {', '.join(sorted(partners)) or 'aucun'})")
        return None
    return partners[pid]


def _sessions(file, top, edition, partners, languages):
    sessions, seen = [], set()
    for index, data in enumerate(top.tables("session")):
        block = Block(file, data, languages, "session", index, allowed=SESSION_FIELDS)
        sid = _id(block)
        session = Session(
            id=sid or "", title=block.text("title", required=True),
            day=block.date("day")[0], start=block.time("start"), end=block.time("end"),
            room=block.text("room"), type=block.string("type", choices=SESSION_TYPES),
            description=block.text("description"), speakers=block.strings("speakers"),
            language=block.string("language", choices=SESSION_LANGUAGES),
        )
        for pid in block.strings("partners"):
            partner = _partner(block, "partners", pid, partners)
            if partner:
                session.partners.append(partner)
        if sid in seen:
            block.problem("id", f"identifiant de séance « {sid} » déjà utilisé",
                          "chaque séance a son propre id")
        seen.add(sid)
        if edition.start:
            _check_times(block, session, edition)
        if session.title:
            sessions.append((index, session))
    _check_overlaps(file, sessions)
    timed = all(s.timed for _, s in sessions)
    ordered = sorted(sessions, key=lambda item: (item[1].day, item[1].start)) if timed else sessions
    return [session for _, session in ordered]


def _check_times(block, session, edition):
    if session.day is None and len(edition.days) == 1:
        session.day = edition.start
    elif session.day is None and session.timed:
        block.problem("day", "séance à l'heure donnée sans jour, dans une édition de "
                      "plusieurs jours", "ajoutez day = AAAA-MM-JJ")
    elif session.day is not None and session.day not in edition.days:
        block.problem("day", f"le jour {session.day} n'est pas un jour de l'édition "
                      f"({edition.start} – {edition.last_day})", "corrigez day")
    if session.end and not session.start:
        block.problem("end", "séance avec une fin mais sans début", 'ajoutez start = "HH:MM"')
        session.end = None
    if session.start and session.end and session.end <= session.start:
        block.problem("end", f"la séance finit ({session.end:%H:%M}) avant de commencer "
                      f"({session.start:%H:%M})", "corrigez start ou end")
        session.end = None


def _check_overlaps(file, sessions):
    """Two timed sessions in one room on one day must not overlap."""
    by_room: dict = {}
    for index, session in sessions:
        if session.timed and session.room and session.day:
            by_room.setdefault((session.day, tuple(sorted(session.room.items()))), []).append(
                (index, session))
    for (_, _), items in by_room.items():
        items.sort(key=lambda item: item[1].start)
        for (_, first), (index, second) in itertools.pairwise(items):
            first_end = first.end or first.start
            if second.start < first_end or second.start == first.start:
                room = next(iter(second.room.values()))
                file.problem(
                    f"la séance « {second.id} » ({second.start:%H:%M}) chevauche "
                    f"« {first.id} » ({first.start:%H:%M}–{first_end:%H:%M}) "
                    f"dans la même salle ({room})",
                    "changez l'heure ou la salle de l'une des deux",
                    key="start", table="session", index=index)
