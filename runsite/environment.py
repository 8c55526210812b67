"""One Jinja environment per build, shared by every generator.

Pelican gives each generator its own environment, so each template would be
compiled once per generator; sharing the first one compiles it once per build.
The first environment receives what the site's templates need: per-page theme
strings and dates, the page's language versions, the site's addresses,
schema.org data and (publish only) the Content-Security-Policy.
"""

from __future__ import annotations

from . import alternates, headers, i18n, seo, structured_data, templates, urls
from .plain import plain
from .problems import Problem, SettingsError
from .state import of


def install(generator):
    state = of(generator.settings)
    if state.environment is not None:
        generator.env = state.environment
        return
    # Safety by construction: every value a template prints is escaped unless it
    # is marked safe in runsite.trusted. A configuration that turns it off is refused.
    if generator.env.autoescape is not True:
        raise SettingsError(Problem.of("pelicanconf.py", None, "settings_autoescape"))
    generator.env.filters["plain"] = plain
    i18n.install_in_environment(generator)
    alternates.install_in_environment(generator)
    urls.install_in_environment(generator)
    structured_data.install_in_environment(generator)
    seo.install_in_environment(generator)
    headers.install_in_environment(generator)
    templates.install_in_environment(generator)  # compiled once per process
    state.environment = generator.env
