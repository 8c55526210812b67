"""Templates compiled once, not once per generator and per build; partials that
depend on the language only, rendered once per language.

Pelican gives each generator its own Jinja environment, and every build (each
live-preview rebuild) new ones: the same templates were parsed and compiled again
and again — three quarters of a build of the real site. The environments now share
an in-memory bytecode cache kept in the process cache (runsite.core.cache), which the
live preview keeps from one build to the next, written to Pelican's ``CACHE_PATH``
for the next ``make html``.

It needs no reset between builds: a compiled template is used only for the same
template name and file, the same source text (Jinja checks its checksum, so an
edited template is compiled anew) and the same environment configuration (syntax
options, extensions, autoescaping, and the filters and tests with how they are
called, which the compiler bakes in).

``once_per_language("partials/footer.html")`` renders a partial once per language
and build instead of on every page: the footer lists every partner of the series,
and on a 50-edition series it was a third of a rebuild. It is only for partials
whose output depends on nothing but the page's language and the whole site.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import pass_context

from runsite.core import cache
from runsite.core.state import of
from runsite.core.trusted import rendered
from runsite.render.i18n import context_lang


def install_in_environment(generator):

    fragments = of(generator.settings).fragments  # new at every build

    @pass_context
    def once_per_language(ctx, name):
        # SITEURL too: with RELATIVE_URLS it differs with the page's depth.
        key = (name, context_lang(ctx), ctx.get("SITEURL"))
        tracker = of(generator.settings).tracker
        if key not in fragments:
            def render():
                return rendered(ctx.environment.get_template(name).render(ctx.get_all()))
            # In the live preview, what the partial read is kept with it: every page
            # showing it read that too (runsite.render.tracking).
            fragments[key] = (tracker.recorder.record(render) if tracker is not None
                              else (render(), None))
        else:
            deps = fragments[key][1]
            if deps is not None and tracker.recorder.current is not None:
                tracker.recorder.current.merge(deps)
        return fragments[key][0]

    env = generator.env
    env.globals["once_per_language"] = once_per_language
    env.bytecode_cache = cache.TemplateCache(
        cache.of(generator.settings).compiled,
        Path(generator.settings["CACHE_PATH"], "templates"))
    # Environments live for one build: checking template files for changes
    # (a stat on every include) is useless; a new build sees every edit.
    env.auto_reload = False
