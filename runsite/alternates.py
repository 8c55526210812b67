"""Counterparts: every page exists in every language, at the mirrored path.

Pelican links translations by their translation id (the slug, taken from the
file name); this module checks that each group is complete and gives templates
the list of a page's language versions, for hreflang links and the language switch.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from itertools import chain

from jinja2 import pass_context

from .problems import relative
from .state import of


@dataclass(frozen=True)
class Alternate:
    language: object  # languages.Language
    url: str  # site-relative, without leading slash ("" for the French home)
    current: bool


def _groups(items, translation_id):
    groups: dict[object, list] = {}
    for item in items:
        groups.setdefault(getattr(item, translation_id, None), []).append(item)
    return groups.values()


def _counterpart_path(source_path, lang, other):
    """content/pages/x.fr.md -> content/pages/x.ar.md"""
    folder, name = os.path.split(source_path)
    return os.path.join(folder, re.sub(rf"\.{lang}(\.[^.]+)$", rf".{other}\1", name))


def check_counterparts(generator):
    """Report pages and articles that miss a language or have one twice."""
    state = of(generator.settings)
    languages = state.languages
    if hasattr(generator, "pages"):
        items = chain(generator.pages, generator.translations,
                      generator.hidden_pages, generator.hidden_translations)
        translation_id = generator.settings["PAGE_TRANSLATION_ID"]
    else:
        items = chain(generator.articles, generator.translations)
        translation_id = generator.settings["ARTICLE_TRANSLATION_ID"]
    for group in _groups(items, translation_id):
        by_lang: dict[str, list] = {}
        for item in group:
            by_lang.setdefault(item.lang, []).append(item)
        for lang, versions in by_lang.items():
            if lang not in languages:
                for item in versions:
                    state.problem(
                        item.source_path, 1, f"langue « {lang} » inconnue",
                        "nommez le fichier nom.fr.md ou nom.ar.md "
                        f"(langues du site : {', '.join(languages)})",
                    )
            elif len(versions) > 1:
                for item in versions[1:]:
                    state.problem(
                        item.source_path, 1,
                        f"deux fichiers en « {lang} » pour la même adresse "
                        f"(l'autre : {versions[0].relative_source_path})",
                        "renommez l'un des deux (le nom du fichier donne l'adresse)",
                    )
        known = [item for item in group if item.lang in languages]
        for language in languages.values():
            if known and language.code not in by_lang:
                source = known[0]
                state.problem(
                    source.source_path, 1,
                    f"cette page n'existe pas en « {language.code} » ({language.name})",
                    "créez " + relative(
                        _counterpart_path(source.source_path, source.lang, language.code),
                        os.getcwd()),
                )


@pass_context
def alternates(ctx):
    """The language versions of the page being rendered, in the languages' order."""
    languages = ctx["languages"]
    urls = ctx.get("alternate_urls")
    if urls is None:
        content = ctx.get("article") or ctx.get("page")
        urls = {content.lang: content.url}
        urls.update({t.lang: t.url for t in content.translations})
        current = content.lang
    else:
        current = ctx["lang"]
    return [
        Alternate(language, urls[code], code == current)
        for code, language in languages.items()
        if code in urls
    ]


@pass_context
def in_language(ctx, content):
    """The version of ``content`` in the language of the page being rendered."""
    from .i18n import context_lang

    lang = context_lang(ctx)
    if content.lang == lang:
        return content
    return next(t for t in content.translations if t.lang == lang)


def install_in_environment(generator):
    generator.env.globals["alternates"] = alternates
    generator.env.filters["in_language"] = in_language
