"""Atom feeds of the news, one per language, at mirrored paths
(/actualites/flux.atom, /ar/actualites/flux.atom), with xml:lang set: the news items,
and each published change of a programme (an entry that links to the change log)."""

from __future__ import annotations

import datetime
import functools
import os
import zoneinfo
from dataclasses import dataclass

from feedgenerator import Atom1Feed
from markupsafe import escape
from pelican.generators import Generator

from runsite.core import trusted, urls
from runsite.core.state import of
from runsite.read.catalogs import N_, feed_title, series_name

PROGRAMME_CHANGED = N_("Programme changed: %(title)s")


@dataclass
class Entry:
    title: str
    link: str
    summary: str  # HTML
    content: str  # HTML
    date: datetime.datetime
    updated: datetime.datetime
    sort: str


def _news(articles, code, siteurl):
    """(date, sort key, how to make its entry) of each news item in ``code``: the
    entries of the items the feed holds only are made (addresses and absolute links
    cost time, and the feed holds the last FEED_MAX_ITEMS)."""
    for article in articles:
        # Drafts (shown by the live preview only) are never in a feed.
        if article.lang != code or getattr(article, "draft", False):
            continue
        yield article.date, article.slug, functools.partial(_news_entry, article, siteurl)


def _news_entry(article, siteurl) -> Entry:
    return Entry(article.title, f"{siteurl}/{article.url}",
                 urls.absolute_links(article.summary, siteurl),
                 urls.absolute_links(article.content, siteurl), article.date,
                 getattr(article, "modified", None) or article.date, article.slug)


def _changes(settings, state, editions, code, siteurl):
    """Each published change of a programme, dated at noon in Morocco (its day)."""
    zone = zoneinfo.ZoneInfo(settings["TIMEZONE"])
    languages = state.languages
    for edition in editions:
        if edition.draft:
            continue
        agenda = f"{siteurl}/{urls.path(settings, languages, code, 'agenda', edition)}"
        title = state.catalogs.text(state, code, PROGRAMME_CHANGED) % {
            "title": edition.texts[code].title}
        for change in edition.changes:
            text = escape(languages.text(change.text, code))
            links = trusted.links([(f"{agenda}#{s.id}", languages.text(s.title, code))
                                   for s in change.sessions],
                                  state.catalogs.text(state, code, ", "))
            when = datetime.datetime.combine(change.date, datetime.time(12), zone)
            # Its text in the title too: a reader's list shows changes apart.
            yield Entry(f"{title} — {languages.text(change.text, code)}",
                        f"{agenda}#run-change-{change.key}",
                        str(text), f"<p>{text}</p>" + (f"<p>{links}</p>" if links else ""),
                        when, when, f"{edition.id}-{change.number}")


def _given(entry):
    return entry


class FeedsGenerator(Generator):
    def generate_context(self):
        state = of(self.settings)
        for code, url in urls.all_languages(self.settings, state.languages, "feed").items():
            state.outputs.declare(state, url, "un fichier du site", lang=code, page=False)

    def generate_output(self, writer):
        state = of(self.settings)
        siteurl = urls.absolute_base(self.settings)
        for code in state.languages:
            changes = _changes(self.settings, state, self.context.get("editions", []),
                               code, siteurl)
            found = sorted([*_news(state.articles, code, siteurl),
                            *((e.date, e.sort, functools.partial(_given, e)) for e in changes)],
                           key=lambda found: found[:2], reverse=True)
            items = [make() for _, _, make in found[: self.settings.get("FEED_MAX_ITEMS") or None]]
            path = urls.path(self.settings, state.languages, code, "feed")
            news_url = f"{siteurl}/{urls.path(self.settings, state.languages, code, 'news')}"
            feed = Atom1Feed(
                title=feed_title(state, code),
                # RFC 4287 4.1.1: a feed names its author (the entries name none).
                author_name=series_name(state, code),
                author_link=f"{siteurl}/{urls.path(self.settings, state.languages, code, 'home')}",
                link=news_url,
                description="",
                feed_url=f"{siteurl}/{path}",
                feed_guid=f"{siteurl}/{path}",
                language=code,
            )
            for entry in items:
                feed.add_item(title=entry.title, link=entry.link, unique_id=entry.link,
                              description=entry.summary, content=entry.content,
                              pubdate=entry.date, updateddate=entry.updated)
            target = os.path.join(self.output_path, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="\n") as fp:
                feed.write(fp, "utf-8")


def get_generators(pelican):
    return FeedsGenerator
