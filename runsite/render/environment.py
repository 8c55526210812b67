"""One Jinja environment per build, shared by every generator.

Pelican gives each generator its own environment, so each template would be
compiled once per generator; sharing the first one compiles it once per build.
The first environment receives what the site's templates need: per-page theme
strings and dates, the page's language versions, the site's addresses,
schema.org data, the inlined stylesheet and (publish only) the Content-Security-Policy.
"""

from __future__ import annotations

from jinja2 import pass_context

from runsite.core import seo, urls
from runsite.core.plain import plain
from runsite.core.problems import Problem, SettingsError
from runsite.core.state import of
from runsite.render import (
    alternates,
    headers,
    i18n,
    phrases,
    structured_data,
    styles,
    templates,
    tracking,
)
from runsite.render.i18n import context_lang
from runsite.validate import schema


def install(generator):
    state = of(generator.settings)
    if state.environment is not None:
        generator.env = state.environment
        return
    # Safety by construction: every value a template prints is escaped unless it
    # is marked safe in runsite.core.trusted. A configuration that turns it off is refused.
    if generator.env.autoescape is not True:
        raise SettingsError(Problem.of("pelicanconf.py", None, "settings_autoescape"))
    generator.env.filters["plain"] = plain
    generator.env.globals["labels"] = schema.LABELS  # label("role", role) in macros.html
    i18n.install_in_environment(generator)
    alternates.install_in_environment(generator)
    _install_addresses(generator)
    structured_data.install_in_environment(generator)
    seo.install_in_environment(generator)
    styles.install_in_environment(generator)  # the stylesheet inlined, its font
    headers.install_in_environment(generator)
    templates.install_in_environment(generator)  # compiled once per process
    if state.tracker is not None:  # last: the filters above are recorded too
        tracking.install(generator.env, state.tracker.recorder)
    state.environment = generator.env


def _install_addresses(generator):
    """``url_for("edition", edition)``: a page's address in the page's language."""
    settings = generator.settings
    languages = of(settings).languages

    @tracking.reads("metadata")  # an address depends on the item's metadata only
    @pass_context
    def url_for(ctx, kind, item=None, **parts):
        return urls.path(settings, languages, context_lang(ctx), kind, item, **parts)

    @tracking.reads("metadata")
    @pass_context
    def absolute_url(ctx, kind, item=None, **parts):
        """The absolute address, for a visitor to copy (a conference app's file)."""
        return urls.absolute(settings, languages, context_lang(ctx), kind, item, **parts)

    @pass_context
    def session_language(ctx, session):
        """"en français, avec interprétation en arabe", as the calendars say it."""
        return phrases.session_language(of(settings), context_lang(ctx), session)

    @pass_context
    def in_languages(ctx, codes):
        """"en français et en arabe"."""
        return phrases.in_languages(of(settings), context_lang(ctx), codes)

    @pass_context
    def file_size(ctx, size):
        """"1,2 Mo" in the page's language."""
        return phrases.file_size(of(settings), context_lang(ctx), size)

    generator.env.globals["in_languages"] = in_languages
    generator.env.filters["file_size"] = file_size
    generator.env.globals["url_for"] = url_for
    generator.env.globals["session_language"] = session_language
    generator.env.globals["absolute_url"] = absolute_url
