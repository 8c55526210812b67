"""The registry of outputs: every address the build writes, declared by what writes it.

Each generator declares its addresses once everything is read (the pages and news
of every language, the listings, each edition's pages and calendars, the feeds, the
sitemap, the stand-ins of untranslated pages, the static files); Pelican's own pages
and news are declared for it by runsite.pipeline. Two declarations of one address
are a problem. The same page in every language shares a ``group``: the language
switch, the hreflang links and the sitemap's alternates read it from here, and the
link check (runsite.validate.links) knows every address, and the drafts', from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Output:
    url: str  # site-relative: "" (the French home), "ar/editions/run-3/", "sitemap.xml"
    origin: str  # what writes it, for a message about a conflict
    lang: str | None = None
    group: object = None  # shared by the versions of one page in every language
    page: bool = True  # an HTML page (listed in the sitemap unless a draft or unindexed)
    indexed: bool = True


@dataclass
class Outputs:
    by_url: dict = field(default_factory=dict)  # url -> Output
    drafts: dict = field(default_factory=dict)  # url a draft would have -> how it is marked
    _groups: dict = field(default_factory=dict)  # group -> {lang: url}

    def declare(self, state, url, origin, source=None, lang=None, group=None, page=True,
                indexed=True, draft=None):
        """Declare ``url``, written by ``origin``; a second source for it is a problem
        at ``source``. ``draft``: how the draft is marked, for a draft built only by
        the preview (then neither linked to nor listed elsewhere)."""
        if draft is not None:
            self.drafts[url] = draft
        known = self.by_url.get(url)
        if known is not None:
            if known.origin != origin and source is not None:
                state.problem(source, None, "output_conflict", url=url, other=known.origin)
            return
        self.by_url[url] = Output(url, origin, lang, group, page, indexed and draft is None)
        if group is not None and lang is not None:
            self._groups.setdefault(group, {}).setdefault(lang, url)

    def declare_draft(self, url, how):
        """An address a draft would have once published (not built)."""
        self.drafts[url] = how

    def alternates(self, url) -> dict:
        """{lang: url} of the page at ``url`` in every language it has."""
        output = self.by_url.get(url)
        if output is None or output.group is None:
            return {output.lang: url} if output is not None and output.lang else {}
        return dict(self._groups[output.group])

    def pages(self):
        """The pages search engines may list: HTML, indexed, not drafts."""
        return [o for o in self.by_url.values() if o.page and o.indexed]
