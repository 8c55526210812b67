"""Language versions of the page being rendered, for hreflang links and the
language switch, as the registry of outputs groups them (runsite.core.outputs): its
own versions, and the stand-ins of untranslated ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import pass_context

from runsite.core.state import of
from runsite.render import tracking
from runsite.render.i18n import context_lang


@dataclass(frozen=True)
class Alternate:
    language: object  # languages.Language
    url: str  # site-relative, without leading slash ("" for the French home)
    current: bool


@tracking.reads("lang", "translations")
@pass_context
def in_language(ctx, content):
    """The version of ``content`` in the language of the page being rendered."""
    lang = context_lang(ctx)
    if content.lang == lang:
        return content
    # A partial language shows the default language's text where it has none.
    return next((t for t in content.translations if t.lang == lang), content)


def install_in_environment(generator):
    outputs = of(generator.settings).outputs

    @pass_context
    def alternates(ctx):
        """The language versions of the page being rendered, in the languages' order."""
        content = ctx.get("article") or ctx.get("page")
        if content is None:  # a page of the site's own generators: its address given
            url, current = ctx["page_url"], ctx["lang"]
        else:
            url, current = content.url, content.lang
        by_lang = outputs.alternates(url)
        return [Alternate(language, by_lang[code], code == current)
                for code, language in ctx["languages"].items() if code in by_lang]

    @pass_context
    def current_url(ctx):
        """The site-relative URL of the page being rendered ('' for the French home),
        or None for a page that has no address of its own (the 404 page)."""
        for alternate in alternates(ctx):
            if alternate.current:
                return alternate.url
        return None

    generator.env.globals["alternates"] = alternates
    generator.env.globals["current_url"] = current_url
    generator.env.filters["in_language"] = in_language
