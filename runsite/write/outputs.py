"""What Pelican writes itself, declared in the registry of outputs
(runsite.core.outputs) for it, once everything is read: the pages and news of every
language, the addresses drafts would have once published, the stand-ins of
untranslated pages, the static files; and the sitemap with robots.txt. The site's
own generators declare theirs as they read (runsite.write.editions, listings,
calendars, feeds).
"""

from __future__ import annotations

import os
import re
from itertools import chain

from runsite.core import urls
from runsite.core.problems import relative
from runsite.core.state import of


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


def group_of(item, news, settings):
    """The versions of a page or a news item in every language share it (Pelican
    links them by their translation id). ``news``: the ids of the news items."""
    if id(item) in news:
        return ("news", getattr(item, settings["ARTICLE_TRANSLATION_ID"]))
    return ("page", getattr(item, settings["PAGE_TRANSLATION_ID"]))


def declare(generators):
    settings = generators[0].settings
    context = generators[0].context
    state = of(settings)
    outputs, languages = state.outputs, state.languages
    default = languages.default.code
    outputs.declare(state, urls.path(settings, languages, default, "sitemap"), "le plan du site",
                    page=False)
    outputs.declare(state, "robots.txt", "un fichier du site", page=False)
    news = {id(item) for item in state.articles}
    written = set()
    for item in chain(state.pages, state.articles):
        if item.url in written:
            continue  # two files for one address: runsite.validate.counterparts tells it
        written.add(item.url)
        outputs.declare(state, item.url, relative(item.source_path, os.getcwd()),
                        item.source_path, lang=item.lang, group=group_of(item, news, settings),
                        draft="« Status: draft »" if getattr(item, "draft", False) else None)
    for source in state.draft_sources:
        url = _published_url(source, settings, languages)
        if url:
            outputs.declare_draft(url, "« Status: draft »")
    for stub in state.untranslated:
        outputs.declare(state, stub.url, relative(stub.original.source_path, os.getcwd()),
                        lang=stub.lang, group=group_of(stub.original, news, settings))
    for static in chain(context.get("static_content", {}).values(),
                        (s for g in generators for s in getattr(g, "staticfiles", []))):
        outputs.declare(state, static.url, relative(static.source_path, os.getcwd()),
                        static.source_path, page=False)
