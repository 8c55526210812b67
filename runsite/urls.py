"""The site's addresses, from one table (RUN_URLS), mirrored under each language's prefix."""

from __future__ import annotations

from jinja2 import pass_context


def path(settings, languages, lang, kind, item=None) -> str:
    """Site-relative URL ('' for the French home, 'ar/editions/run-3/'…)."""
    pattern = settings["RUN_URLS"][kind]
    return languages[lang].prefix + pattern.format(id=getattr(item, "id", ""))


def all_languages(settings, languages, kind, item=None) -> dict:
    return {code: path(settings, languages, code, kind, item) for code in languages}


def mirror(url, languages, from_lang, to_lang) -> str:
    """The same page's URL in another language."""
    return languages[to_lang].prefix + url.removeprefix(languages[from_lang].prefix)


def install_in_environment(generator):
    from .i18n import context_lang
    from .state import of

    settings = generator.settings
    languages = of(settings).languages

    @pass_context
    def url_for(ctx, kind, item=None):
        return path(settings, languages, context_lang(ctx), kind, item)

    generator.env.globals["url_for"] = url_for
