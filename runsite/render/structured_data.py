"""schema.org JSON-LD for search engines, in the language of the page.

The series is an ``EventSeries``; each edition an ``EducationEvent`` whose
``superEvent`` is the series, with its ``Place`` and ``PostalAddress``, its host as
``organizer`` and its other partners as ``sponsor``; agenda sessions that have a
time are its ``subEvent``s, each with its recording (``recordedIn``) and slides
(``workFeatured``). Only facts the content gives: no invented times.
"""

from __future__ import annotations

import datetime
import zoneinfo

from jinja2 import pass_context

from runsite.core import urls
from runsite.core.plain import plain
from runsite.core.state import of
from runsite.core.trusted import json_script
from runsite.read.catalogs import series_name
from runsite.render import tracking
from runsite.render.i18n import context_lang

SPONSOR_ROLES = {"co-organiser", "partner", "support"}
EVENT_STATUS = {"scheduled": "EventScheduled", "postponed": "EventPostponed",
                "rescheduled": "EventRescheduled", "cancelled": "EventCancelled"}


def _organization(partner, lang, siteurl, settings, languages):
    node = {
        "@type": "CollegeOrUniversity" if partner.kind == "university" else "Organization",
        "@id": f"{siteurl}/{urls.path(settings, languages, lang, 'partners')}#{partner.id}",
        "name": languages.text(partner.name, lang),
    }
    if partner.short:
        node["alternateName"] = partner.short
    if partner.url:
        node["url"] = partner.url
    return node


def series_node(settings, languages, lang, editions):
    siteurl = urls.absolute_base(settings)
    node = {
        "@type": "EventSeries",
        "@id": f"{siteurl}/{urls.path(settings, languages, lang, 'timeline')}#series",
        "name": series_name(of(settings), lang),
        "url": f"{siteurl}/{urls.path(settings, languages, lang, 'home')}",
        "inLanguage": lang,
    }
    if editions:
        node["startDate"] = editions[0].start.isoformat()
    return node


MEDIA_TYPES = {"PDF": "application/pdf",
               "ODP": "application/vnd.oasis.opendocument.presentation",
               "PPTX": "application/vnd.openxmlformats-officedocument.presentationml."
                       "presentation"}


def archive_nodes(settings, languages, lang, edition, session, pictures) -> dict:
    """What a session left, as schema.org says it: its recording (``recordedIn``, a
    VideoObject at the host's page) and its slides (``workFeatured``)."""
    siteurl = urls.absolute_base(settings)
    title = languages.text(session.title, lang)
    nodes = {}
    if session.recording:
        video = {"@type": "VideoObject", "name": title, "url": session.recording.url}
        poster = pictures.get((edition.id, session.id))
        if poster:
            video["thumbnailUrl"] = f"{siteurl}/{poster.src}"
        if session.language:
            video["inLanguage"] = session.language
        nodes["recordedIn"] = video
    if session.slides:
        slides = session.slides
        document = {"@type": "PresentationDigitalDocument", "name": title,
                    "url": f"{siteurl}/{slides.path}",
                    "encodingFormat": MEDIA_TYPES[slides.type]}
        if slides.language:
            document["inLanguage"] = slides.language
        nodes["workFeatured"] = document
    return nodes


def edition_node(settings, languages, lang, edition, series_id, pictures=None, image=None):
    """The edition as an EducationEvent; ``image``: the absolute URL of its picture
    (runsite.write.share), the one its pages' link previews show."""
    siteurl = urls.absolute_base(settings)
    zone = zoneinfo.ZoneInfo(settings["TIMEZONE"])
    text = edition.texts[lang]
    page_url = f"{siteurl}/{urls.path(settings, languages, lang, 'edition', edition)}"
    place = {
        "@type": "Place",
        "name": languages.text(edition.venue or edition.host.name, lang),
        "address": {"@type": "PostalAddress",
                    "addressLocality": languages.text(edition.city, lang),
                    "addressCountry": "MA"},
    }
    node = {
        "@type": "EducationEvent",
        "@id": f"{page_url}#event",
        "name": text.title,
        "description": plain(text.summary),
        "url": page_url,
        "startDate": edition.start.isoformat(),
        "endDate": edition.last_day.isoformat(),
        "eventStatus": f"https://schema.org/{EVENT_STATUS[edition.schedule]}",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "inLanguage": lang,
        "location": place,
        "superEvent": {"@id": series_id},
        "organizer": _organization(edition.host, lang, siteurl, settings, languages),
    }
    if image:
        node["image"] = image
    if edition.previous_start:
        node["previousStartDate"] = edition.previous_start.isoformat()
    registration = edition.registration
    if registration and registration.free:
        node["isAccessibleForFree"] = True
    elif registration and edition.schedule != "cancelled":
        offer = {"@type": "Offer", "url": registration.url}
        if registration.opens:
            offer["validFrom"] = registration.opens.isoformat()
        offer["validThrough"] = (registration.closes or edition.last_day).isoformat()
        node["offers"] = offer
    sponsors = [_organization(p, lang, siteurl, settings, languages)
                for p, role in edition.partners if role in SPONSOR_ROLES]
    if sponsors:
        node["sponsor"] = sponsors
    agenda_url = f"{siteurl}/{urls.path(settings, languages, lang, 'agenda', edition)}"
    sub_events = []
    for session in edition.sessions:
        if not (session.timed and session.day):
            continue
        sub = {
            "@type": "EducationEvent",
            "@id": f"{agenda_url}#{session.id}",
            "name": languages.text(session.title, lang),
            "url": f"{agenda_url}#{session.id}",
            "startDate": datetime.datetime.combine(session.day, session.start, zone).isoformat(),
            "location": ({**place, "name": languages.text(session.room, lang)}
                         if session.room else place),
            "superEvent": {"@id": node["@id"]},
            "eventStatus": (f"https://schema.org/{EVENT_STATUS['cancelled']}"
                            if session.cancelled else node["eventStatus"]),
            "eventAttendanceMode": node["eventAttendanceMode"],
        }
        if session.end:
            sub["endDate"] = datetime.datetime.combine(session.day, session.end,
                                                       zone).isoformat()
        if session.language:  # with the languages it is interpreted into
            sub["inLanguage"] = ([session.language, *session.interpretation]
                                 if session.interpretation else session.language)
        if session.speakers:
            sub["performer"] = [person(settings, languages, lang, s) for s in session.speakers]
        sub.update(archive_nodes(settings, languages, lang, edition, session, pictures or {}))
        sub_events.append(sub)
    if sub_events:
        node["subEvent"] = sub_events
    # A session without a time is no sub-event: what it left is the edition's.
    for session in edition.archived_sessions:
        if not (session.timed and session.day):
            for key, value in archive_nodes(settings, languages, lang, edition, session,
                                            pictures or {}).items():
                node.setdefault(key, []).append(value)
    return node


def person(settings, languages, lang, speaker, full=False):
    """A speaker as a schema.org Person: a name alone for someone without a page; with
    the page's address (its ``@id``) otherwise, and all we know on their own page."""
    if isinstance(speaker, str):
        return {"@type": "Person", "name": speaker}
    url = urls.absolute(settings, languages, lang, "speaker", speaker)
    script = languages[lang].script
    node = {"@type": "Person", "@id": f"{url}#person", "url": url,
            "name": speaker.name_in(script) or speaker.name}
    if not full:
        return node
    other = [n for n in (speaker.name, speaker.name_ar) if n and n != node["name"]]
    if other:
        node["alternateName"] = other[0]
    siteurl = urls.absolute_base(settings)
    if speaker.affiliation:
        node["affiliation"] = _organization(speaker.affiliation, lang, siteurl, settings,
                                            languages)
    elif speaker.affiliation_text:
        node["affiliation"] = {"@type": "Organization",
                               "name": languages.text(speaker.affiliation_text, lang)}
    if speaker.bio:
        node["description"] = languages.text(speaker.bio, lang)
    if speaker.links:
        node["sameAs"] = speaker.links
    return node


def news_node(settings, lang, article, image):
    """A news item as a NewsArticle: its title, date (to the month when only the month
    is known: "2017-11"), summary and picture."""
    url = f"{urls.absolute_base(settings)}/{article.url}"
    day = article.date.date()
    month = getattr(article, "date_precision", None) == "month"
    return {
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "headline": article.title,
        "url": url,
        "datePublished": day.strftime("%Y-%m") if month else day.isoformat(),
        "description": plain(article.summary),
        "inLanguage": lang,
        **({"image": image} if image else {}),
    }


def install_in_environment(generator):
    settings = generator.settings
    languages = of(settings).languages

    # An edition's JSON-LD (some 30 KB with its sessions) is the same on its page and
    # its programme's: made once per language. Its pages are written one edition
    # after the other (runsite.write.editions): only the current edition's are kept.
    # Emptied by the live preview's rebuild after an edit (its texts are in it).
    editions_json = of(settings).memo.setdefault("json_ld", {})

    @pass_context
    def json_ld(ctx, edition=None, speaker=None, article=None):
        """The page's JSON-LD: the series, and the edition, the speaker or the news item
        it shows."""
        lang = context_lang(ctx)
        if edition is not None and speaker is None and article is None:
            key = (lang, edition.id)
            if key not in editions_json:
                if all(other != edition.id for _, other in editions_json):
                    editions_json.clear()
                editions_json[key] = _json_ld(ctx, lang, edition)
            return editions_json[key]
        return _json_ld(ctx, lang, edition, speaker, article)

    def _json_ld(ctx, lang, edition=None, speaker=None, article=None):
        # The series' first date only: a fact of the data files, not of any text.
        series = series_node(settings, languages, lang, tracking.facts(ctx, "editions", []))
        graph = [series]
        images = ctx.get("share_images")  # runsite.write.share: each page's picture

        def image(url):
            return images.of(url, lang).url if images else None

        if edition is not None:
            page = urls.path(settings, languages, lang, "edition", edition)
            graph.append(edition_node(settings, languages, lang, edition, series["@id"],
                                      ctx.get("archive_pictures"), image(page)))
        if article is not None:
            graph.append(news_node(settings, lang, article, image(article.url)))
        if speaker is not None:
            graph.append(person(settings, languages, lang, speaker, full=True))
        return json_script({"@context": "https://schema.org", "@graph": graph})

    generator.env.globals["json_ld"] = json_ld
