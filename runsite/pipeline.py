"""The build's checkpoints, between Pelican's stages (wired in runsite/__init__.py).

start       before anything is read: the target, the language table, content/'s
            files, the catalogs; a problem stops the build there.
collect     each of Pelican's page and news generators hands over every language.
checkpoint  everything read, nothing written: counterparts; what Pelican writes
            declared in the registry of outputs (runsite.core.outputs), beside what
            the site's generators declared; the links that must reach one of them;
            every problem at once.
finish      everything written: problems found while rendering (untranslated
            strings) fail the build; then the sitemap, the search index of each
            language, and the published site's assets (hashed names, _headers,
            precompressed copies).
"""

from __future__ import annotations

from runsite.core.languages import Languages
from runsite.core.problems import ContentError
from runsite.core.state import KEY, BuildState, of
from runsite.publish import assets, search, target
from runsite.read import files
from runsite.read.catalogs import Catalogs
from runsite.validate import counterparts, links
from runsite.write import outputs, sitemap
from runsite.write.jobs import Tracker


def _raise_problems(settings):
    problems = of(settings).problems
    if problems:
        raise ContentError(problems)


def start(pelican):
    settings = pelican.settings
    target.check_target(settings)
    languages = Languages.from_settings(settings)
    state = BuildState(languages, Catalogs(languages))
    if settings.get("RUN_TRACK"):  # the live preview: what each page reads is recorded
        state.tracker = Tracker()
    settings[KEY] = state
    # Before Pelican reads anything: a link out of content/ is never followed.
    files.check_content(settings, state)
    _raise_problems(settings)
    state.catalogs.load(settings["RUN_TRANSLATIONS_PATH"], state)


def collect(generator):
    """Keep every language's pages and articles, translations included (Pelican's
    context holds only the originals)."""
    state = of(generator.settings)
    if hasattr(generator, "pages"):
        state.pages = [*generator.pages, *generator.translations,
                       *generator.hidden_pages, *generator.hidden_translations]
    else:
        state.articles = [*generator.articles, *generator.translations]


def checkpoint(generators):
    settings = generators[0].settings
    of(settings).generators = list(generators)
    counterparts.check(settings)
    outputs.declare(generators)
    links.check(generators, of(settings).outputs)
    _raise_problems(settings)


def finish(pelican):
    _raise_problems(pelican.settings)
    sitemap.write(pelican)
    # The pages as published, before their assets get hashed names (publishconf.py).
    search.build_index(pelican.settings["OUTPUT_PATH"], pelican.settings)
    # Hashed names, _headers, .gz/.br: still in the staging folder of runsite.tools.build.
    assets.post_process(pelican.settings["OUTPUT_PATH"], pelican.settings)
