"""Language versions of the page being rendered, for hreflang links and the
language switch: its own versions, and the stand-ins of untranslated ones
(runsite.validate.counterparts).
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import pass_context

from runsite.render.i18n import context_lang


@dataclass(frozen=True)
class Alternate:
    language: object  # languages.Language
    url: str  # site-relative, without leading slash ("" for the French home)
    current: bool


@pass_context
def alternates(ctx):
    """The language versions of the page being rendered, in the languages' order."""
    languages = ctx["languages"]
    by_lang = ctx.get("alternate_urls")
    if by_lang is None:
        content = ctx.get("article") or ctx.get("page")
        by_lang = {content.lang: content.url}
        by_lang.update({t.lang: t.url for t in content.translations})
        by_lang.update(getattr(content, "stub_urls", {}))
        current = content.lang
    else:
        current = ctx["lang"]
    return [
        Alternate(language, by_lang[code], code == current)
        for code, language in languages.items()
        if code in by_lang
    ]


@pass_context
def in_language(ctx, content):
    """The version of ``content`` in the language of the page being rendered."""
    lang = context_lang(ctx)
    if content.lang == lang:
        return content
    return next(t for t in content.translations if t.lang == lang)


@pass_context
def current_url(ctx):
    """The site-relative URL of the page being rendered ('' for the French home), or
    None for a page that has no address of its own (the 404 page)."""
    for alternate in alternates(ctx):
        if alternate.current:
            return alternate.url
    return None


def install_in_environment(generator):
    generator.env.globals["alternates"] = alternates
    generator.env.globals["current_url"] = current_url
    generator.env.filters["in_language"] = in_language
