"""Every address the build will write, and where each comes from.

Planned once everything is read and before anything is written: the pages and
news of every language (and the stand-ins of untranslated ones), the listings,
each edition's pages and calendars, the feeds, the sitemap, robots.txt, the 404
page and the static files. Two sources that would write the same address are a
problem; the link check (runsite.validate.links) reads this plan, and so do the drafts:
the addresses a draft would have once published.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from itertools import chain
from types import SimpleNamespace

from runsite.core import urls
from runsite.core.problems import relative
from runsite.core.state import of
from runsite.write.editions import page_kinds

# What writes the site's own pages, for a message about a conflict.
LISTING_NAMES = {"home": "l'accueil", "timeline": "la chronologie",
                 "partners": "la page des partenaires", "news": "la liste des actualités"}


@dataclass
class Plan:
    urls: dict = field(default_factory=dict)  # site path -> what writes it (a description)
    drafts: dict = field(default_factory=dict)  # site path -> how its draft is marked

    def add(self, url, origin, state, source=None):
        """Plan ``url``; a second source for it is a problem at ``source``."""
        known = self.urls.get(url)
        if known is not None and known != origin and source is not None:
            state.problem(source, None, "output_conflict", url=url, other=known)
            return
        self.urls.setdefault(url, origin)


def _published_url(source_path, settings, languages):
    """The address a draft page or news item will have once published (from its file
    name: the Markdown files of a draft are not read into pages)."""
    section = os.path.relpath(source_path, settings["PATH"]).split(os.sep)[0]
    kind = "ARTICLE" if section in settings["ARTICLE_PATHS"] else "PAGE"
    match = re.match(settings["FILENAME_METADATA"], os.path.basename(source_path))
    if not match:
        return None
    slug, lang = match.group("slug"), match.group("lang")
    pattern = settings[f"{kind}_URL" if lang == languages.default.code else f"{kind}_LANG_URL"]
    return pattern.format(slug=slug, lang=lang)


def plan(generators) -> Plan:
    settings = generators[0].settings
    context = generators[0].context
    state = of(settings)
    languages = state.languages
    result = Plan()
    for name in settings["RUN_LISTINGS"]:
        for url in urls.all_languages(settings, languages, name).values():
            result.add(url, LISTING_NAMES.get(name, name), state)
    for kind in ("calendar", "feed"):
        for url in urls.all_languages(settings, languages, kind).values():
            result.add(url, "un fichier du site", state)
    result.add(urls.path(settings, languages, languages.default.code, "sitemap"),
               "le plan du site", state)
    for url in ("robots.txt", "404.html"):
        result.add(url, "un fichier du site", state)
    editions = context.get("editions", [])
    for edition in editions:
        for kind, _ in page_kinds(edition):
            for url in urls.all_languages(settings, languages, kind, edition).values():
                result.add(url, relative(edition.source, os.getcwd()), state, edition.source)
                if edition.draft:
                    result.drafts[url] = "« draft = true »"
        for url in urls.all_languages(settings, languages, "edition_calendar", edition).values():
            result.add(url, relative(edition.source, os.getcwd()), state)
    published = {e.id for e in editions}
    for edition_id in state.edition_ids:
        if edition_id in published:
            continue
        # A draft edition (not built), or one whose data has a problem (reported).
        stand_in = SimpleNamespace(id=edition_id)
        for kind in ("edition", "agenda"):
            for url in urls.all_languages(settings, languages, kind, stand_in).values():
                if edition_id in state.draft_editions:
                    result.drafts[url] = "« draft = true »"
                else:
                    result.add(url, "une édition à corriger", state)
    written = set()
    for item in chain(state.pages, state.articles):
        if item.url in written:
            continue  # two files for one address: runsite.render.alternates tells it
        written.add(item.url)
        result.add(item.url, relative(item.source_path, os.getcwd()), state, item.source_path)
        if getattr(item, "draft", False):
            result.drafts[item.url] = "« Status: draft »"
    for source in state.draft_sources:
        url = _published_url(source, settings, languages)
        if url:
            result.drafts[url] = "« Status: draft »"
    for stub in state.untranslated:
        result.add(stub.url, relative(stub.original.source_path, os.getcwd()), state)
    for static in chain(context.get("static_content", {}).values(),
                        (s for g in generators for s in getattr(g, "staticfiles", []))):
        result.add(static.url, relative(static.source_path, os.getcwd()), state)
    return result
