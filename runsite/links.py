"""Internal links written by organisers must lead somewhere on the site.

Checked once everything is read (before anything is written): each link in a
page, a news item or an edition text to a site path must match a page the build
will write, or a static file.
"""

from __future__ import annotations

import re
from itertools import chain
from types import SimpleNamespace

from . import urls
from .editions import page_kinds
from .state import of

HREF = re.compile(r'\b(?:href|src)="([^"]+)"')


def _known_urls(generators, settings, languages):
    known = set()
    context = generators[0].context
    state = of(settings)
    for item in chain(state.articles, state.pages):
        known.add(item.url)
    for name in settings["RUN_LISTINGS"]:
        known.update(urls.all_languages(settings, languages, name).values())
    for edition in context.get("editions", []):
        for kind, _ in page_kinds(edition):
            known.update(urls.all_languages(settings, languages, kind, edition).values())
    for edition_id in state.edition_ids:  # invalid ones: their problem is reported already
        if edition_id not in {e.id for e in context.get("editions", [])}:
            for kind in ("edition", "agenda"):
                known.update(urls.all_languages(
                    settings, languages, kind, SimpleNamespace(id=edition_id)).values())
    for static in context.get("static_content", {}).values():
        known.add(static.url)
    for generator in generators:
        for item in getattr(generator, "staticfiles", []):
            known.add(item.url)
    for stub in of(settings).untranslated:
        known.add(stub.url)
    return known


def _target(href, siteurl):
    """Site-relative path of an internal link, or None for other links."""
    if siteurl and href.startswith(siteurl):
        href = href[len(siteurl):]
    if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I) or href.startswith(("#", "//")):
        return None
    if href.startswith("{"):  # a {filename}/{static} link Pelican could not resolve
        return href
    return href.split("#")[0].split("?")[0].lstrip("/")


def check(generators):
    settings = generators[0].settings
    state = of(settings)
    known = _known_urls(generators, settings, state.languages)
    context = generators[0].context
    texts = chain(state.articles, state.pages,
                  (t for e in context.get("editions", []) for t in e.texts.values()))
    for item in texts:
        for href in HREF.findall(item.content or ""):
            target = _target(href, settings.get("SITEURL", ""))
            if target is None:
                continue
            normalised = target.removesuffix("index.html")
            if normalised in known or target in known or f"{normalised}/" in known:
                continue
            state.problem(item.source_path, _line_of(item.source_path, href), "link_broken",
                          href=href)


def _line_of(path, href):
    bare = re.sub(r"^\{\w+\}", "", href)
    try:
        with open(path, encoding="utf-8") as fp:
            for number, line in enumerate(fp, 1):
                if bare and bare in line:
                    return number
    except OSError:
        pass
    return 1
