"""Counterparts: every page and news item exists in every language, at the mirrored
path, or says it is not translated (``Untranslated:``, then a stand-in page is
written in the missing language); a news item's versions share its date.

Pelican links translations by their translation id (the slug, taken from the
file name); this module checks that each group is complete.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from runsite.core import urls
from runsite.core.problems import relative
from runsite.core.state import of
from runsite.read.markdown import header_line


def _groups(items, translation_id):
    groups: dict[object, list] = {}
    for item in items:
        groups.setdefault(getattr(item, translation_id, None), []).append(item)
    return groups.values()


def _counterpart_path(source_path, lang, other):
    """content/pages/x.fr.md -> content/pages/x.ar.md"""
    folder, name = os.path.split(source_path)
    return os.path.join(folder, re.sub(rf"\.{lang}(\.[^.]+)$", rf".{other}\1", name))


def check(settings):
    """Report pages and articles that miss a language or have one twice, and news
    whose versions give different dates."""
    state = of(settings)

    def accepted(items):  # files refused by name are reported already
        return [i for i in items if os.path.realpath(i.source_path) not in state.refused]

    _check_groups(state, accepted(state.pages), settings["PAGE_TRANSLATION_ID"])
    _check_groups(state, accepted(state.articles), settings["ARTICLE_TRANSLATION_ID"])
    _check_dates(state, accepted(state.articles), settings["ARTICLE_TRANSLATION_ID"])


def _check_dates(state, items, translation_id):
    """The versions of a news item in each language share its date."""
    for group in _groups(items, translation_id):
        default = next((i for i in group if i.lang == state.languages.default.code), None)
        if default is None:
            continue
        if state.is_faulty(default.source_path):
            continue
        for item in group:
            if item is not default and item.date != default.date \
                    and not state.is_faulty(item.source_path):
                state.problem(item.source_path, header_line(item.source_path, "date"),
                              "md_dates_differ", language=state.languages.default.in_words,
                              other=default.date.strftime("%Y-%m-%d"))


def _check_groups(state, items, translation_id):
    languages = state.languages
    for group in _groups(items, translation_id):
        by_lang: dict[str, list] = {}
        for item in group:
            by_lang.setdefault(item.lang, []).append(item)
        for lang, versions in by_lang.items():
            if lang not in languages:
                for item in versions:
                    state.problem(item.source_path, None, "language_unknown", lang=lang,
                                  languages=", ".join(languages))
            elif len(versions) > 1:  # the shorter path is the one meant; told of the others
                versions = sorted(versions, key=lambda v: (v.relative_source_path.count("/"),
                                                           v.relative_source_path))
                for item in versions[1:]:
                    state.problem(item.source_path, None, "counterpart_duplicate",
                                  language=languages[lang].in_words,
                                  other=versions[0].relative_source_path)
        known = [item for item in group if item.lang in languages]
        for language in languages.values():
            if not known or language.code in by_lang:
                continue
            source = known[0]
            reason = getattr(source, "untranslated", None)
            if language.partial:  # a language being added: its stand-ins go without saying
                _stand_in(state, source, language)
                continue
            if reason:
                _stand_in(state, source, language)
                state.notice(source.source_path, "untranslated_declared",
                             language=language.in_words, reason=reason)
                continue
            state.problem(
                source.source_path, None, "counterpart_missing", language=language.in_words,
                file=relative(_counterpart_path(source.source_path, source.lang,
                                                language.code), os.getcwd()))


@dataclass(frozen=True)
class StandIn:
    """A page in ``lang`` saying that ``original`` is not translated, at the mirrored path."""

    url: str
    lang: str
    original: object


def _stand_in(state, source, language):
    """Declared with the original's versions in the registry (runsite.write.outputs)."""
    url = urls.mirror(source.url, state.languages, source.lang, language.code)
    state.untranslated.append(StandIn(url, language.code, source))
