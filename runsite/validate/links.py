"""Internal links written by organisers must lead somewhere on the site.

Checked once everything is read (before anything is written): each link in the
text or the summary of a page, a news item or an edition text to a site path —
root-relative (``/editions/run-3/``) or relative (``../a-propos/``) — must be an
address the build will write (the registry, runsite.core.outputs): a page, a calendar, a feed, a
static file. A link to a draft is an error where drafts are not built, and a
notice in the live preview, which shows them.
"""

from __future__ import annotations

import re
from html import unescape
from itertools import chain
from urllib.parse import unquote, urljoin, urlsplit

from runsite.core import urls
from runsite.core.state import of

HREF = re.compile(r'\b(?:href|src)="([^"]+)"')


def _target(href, siteurl, page_url):
    """Site-relative path of an internal link from the page at ``page_url``, or None
    for other links."""
    href = unescape(href)
    if siteurl and (href + "/").startswith(siteurl.rstrip("/") + "/"):
        href = "/" + href[len(siteurl.rstrip("/")):].lstrip("/")
    if re.match(r"^[a-z][a-z0-9+.-]*:", href, re.I) or href.startswith(("#", "//")):
        return None
    if href.startswith("{"):  # a {filename}/{static} link Pelican could not resolve
        return href
    path = urlsplit(urljoin("/" + page_url, href)).path
    return unquote(path).lstrip("/")


def check(generators, outputs, only=None):
    """Every internal link against ``outputs`` (the registry, runsite.core.outputs);
    ``only``: of the texts read from these files (the live preview's edited files)."""
    settings = generators[0].settings
    state = of(settings)
    context = generators[0].context
    preview = settings.get("RUN_SHOW_DRAFTS")
    # An edition's text is shown on the edition's page: its links are relative to it.
    texts = chain(((t, t.url, getattr(t, "draft", False))
                   for t in chain(state.articles, state.pages)),
                  ((t, urls.path(settings, state.languages, lang, "edition", e), e.draft)
                   for e in context.get("editions", []) for lang, t in e.texts.items()))
    for item, url, draft in texts:
        if only is not None and item.source_path not in only:
            continue
        if state.is_faulty(item.source_path):
            continue  # what its problem left in it (an image stripped of onerror) is not a link
        for href in HREF.findall(f"{item.content or ''} {item.summary or ''}"):
            target = _target(href, settings.get("SITEURL", ""), url)
            if target is None:
                continue
            candidates = {target, target.removesuffix("index.html"),
                          target.rstrip("/") + "/"}
            line = _line_of(item.source_path, href)
            how = next((outputs.drafts[c] for c in candidates if c in outputs.drafts), None)
            if how and preview:
                if not draft:  # a draft may link to itself and to other drafts
                    state.notice(item.source_path, "link_to_draft_preview", href=href,
                                 line=line)
            elif how:
                state.problem(item.source_path, line, "link_to_draft", href=href, how=how)
            elif not candidates & outputs.by_url.keys():
                state.problem(item.source_path, line, "link_broken", href=href)


def _line_of(path, href):
    bare = re.sub(r"^\{\w+\}", "", unescape(href))
    try:
        with open(path, encoding="utf-8-sig") as fp:
            for number, line in enumerate(fp, 1):
                if bare and bare in line:
                    return number
    except (OSError, UnicodeDecodeError):
        pass
    return None
