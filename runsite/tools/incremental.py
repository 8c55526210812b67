"""The live preview's rebuild after an edit: only the pages the edit changes.

A full build in the preview (``RUN_TRACK``) keeps, beside its output, what it was
made of (a ``Site``): Pelican's generators and context, the build's state, the
signature of every source file, and for every page written the call that wrote it
and what it read (runsite.write.jobs, runsite.render.tracking).

After a save, ``update`` compares the sources with that signature. When the edit is
one it knows how to apply — the text of news items, pages, editions' texts or
reports, their metadata unchanged — it reads the edited files again, puts their new
text into the items already in the model (every listing and link keeps pointing at
them), checks their links, and writes again, into a staging folder, only the pages
that read something the edit changed: the item's own pages, the listings that show
its summary, the feeds (a news item), the calendars (an edition's summary). Once all
are written without a problem they replace their old copies, one rename each; a
problem leaves the output as it was.

Anything else (a file added or removed, a title, a date, a data file, a template,
a catalog, the settings, a build that failed before) is answered by ``None``: the
caller then builds the whole site, as ``make html`` does. Either way the output is
byte for byte what a full build writes (tests/test_incremental.py edits a series at
random and compares).
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import time
from dataclasses import dataclass, field

from pelican import signals
from pelican.contents import Article, Content

from runsite.core import clock, urls
from runsite.core.problems import relative
from runsite.core.state import BuildState
from runsite.publish.output import FILE_MODE, FOLDER_MODE, discard, staging
from runsite.validate import links
from runsite.write.calendars import CalendarsGenerator
from runsite.write.editions import SeriesGenerator
from runsite.write.feeds import FeedsGenerator
from runsite.write.jobs import RecordingWriter

# What makes a build more than pages: these need the whole site.
WHOLE_SITE_SETTINGS = ("RUN_PDF", "RUN_SEARCH_INDEX", "RUN_FINGERPRINT", "RUN_PRECOMPRESS",
                       "RUN_SECURITY_HEADERS", "RELATIVE_URLS")
# Set on an item by its generator after reading, not by the reader.
SET_BY_GENERATOR = {"translations", "in_default_lang"}
MISSING = object()


@dataclass
class Site:
    """What the last successful full build of the preview was made of."""

    inputs: tuple  # (settings file, content, output, extra settings)
    settings: dict
    state: BuildState
    sources: dict  # path -> (mtime_ns, size, sha1)
    build_date: object
    roots: list = field(default_factory=list)


def inputs_of(settings_file, path, output, extra) -> tuple:
    return (settings_file, path, output, repr(sorted((extra or {}).items())))


def _signature(path, known=None):
    stat = os.stat(path)
    if known is not None and known[:2] == (stat.st_mtime_ns, stat.st_size):
        return known
    with open(path, "rb") as fp:
        return stat.st_mtime_ns, stat.st_size, hashlib.sha1(fp.read()).hexdigest()


def scan(roots, known=None) -> dict:
    """Every file under ``roots`` (folders or files) with its signature; a file whose
    time and size are those of ``known`` is not read again."""
    known = known or {}
    found = {}
    for root in roots:
        if os.path.isfile(root):
            found[root] = _signature(root, known.get(root))
            continue
        for folder, folders, files in os.walk(root):
            folders[:] = sorted(f for f in folders if not f.startswith(".")
                                and f != "__pycache__")
            for name in files:
                path = os.path.join(folder, name)
                found[path] = _signature(path, known.get(path))
    return found


def roots_of(settings, settings_file) -> list:
    here = os.path.dirname(os.path.abspath(settings_file))
    return sorted({os.path.abspath(p) for p in (
        settings["PATH"], settings["THEME"], settings["RUN_TRANSLATIONS_PATH"],
        settings_file, os.path.join(here, "pelicanconf.py")) if os.path.exists(p)})


def remember(inputs, settings, settings_file) -> Site | None:
    """The ``Site`` of a build that has just succeeded with ``settings``."""
    state = settings.get("_RUNSITE_BUILD")
    if state is None or state.tracker is None or not state.generators:
        return None
    roots = roots_of(settings, settings_file)
    return Site(inputs, settings, state, scan(roots), clock.build_date(settings), roots)


def _value(item, name):
    try:
        value = getattr(item, name)
    except Exception:
        return MISSING
    return MISSING if callable(value) else value  # a method may now answer otherwise


def _reread(generator, item):
    """``item``'s file read again, as its generator read it."""
    is_article = isinstance(item, Article)
    return generator.readers.read_file(
        base_path=generator.path, path=item.get_relative_source_path(),
        content_class=type(item), context=generator.context,
        preread_signal=(signals.article_generator_preread if is_article
                        else signals.page_generator_preread),
        preread_sender=generator,
        context_signal=(signals.article_generator_context if is_article
                        else signals.page_generator_context),
        context_sender=generator)


def _series(state):
    return next(g for g in state.generators if isinstance(g, SeriesGenerator))


def _items(state) -> dict:
    """{file: (its item, how to read it again)} of every text the site has read: news
    items and pages, read by Pelican's generators; editions' texts and reports, read
    by the series' (runsite.write.editions), without Pelican's signals."""
    items = {}
    for item in (*state.articles, *state.pages):
        generator = _generator_of(state, item)
        if generator is not None:
            items[item.source_path] = (item, functools.partial(_reread, generator, item))
    series = _series(state)
    for edition in series.context.get("editions", []):
        for text in (*edition.texts.values(), *edition.report.values()):
            items[text.source_path] = (text, functools.partial(
                series.readers.read_file, base_path=series.path, path=text.source_path,
                content_class=type(text), context=series.context))
    return items


def _generator_of(state, item):
    wanted = "articles" if isinstance(item, Article) else "pages"
    return next((g for g in state.generators
                 if hasattr(g, wanted) and hasattr(g, "readers")), None)


def _text_only(old, new) -> set | None:
    """The attributes of ``new`` to put into ``old``, when only its text changed;
    None if anything else did (its metadata, its links to static files)."""
    if old.metadata != new.metadata or type(old) is not type(new):
        return None
    # The static files it links to are copied (or no longer) by Pelican's generator.
    if new.get_static_links() != old.get_static_links():
        return None
    mine, theirs = vars(old), vars(new)
    if set(mine) != set(theirs):
        return None
    changed = {k for k in theirs if k not in SET_BY_GENERATOR and k != "_context"
               and theirs[k] != mine[k]}
    return changed if changed <= {"_content", "_summary"} else None


def forget_all():
    """Drop everything Pelican remembers of items' texts: a new full build makes new
    items, and the preview would otherwise keep every build's, for its whole life."""
    for name in ("get_content", "get_summary"):
        remembered = getattr(Content.__dict__.get(name), "cache", None)
        if isinstance(remembered, dict):
            remembered.clear()


def _forget(item):
    """Drop what Pelican remembers of ``item``'s text: its ``get_content`` and
    ``get_summary`` keep every answer, by item and address, for the process's life."""
    for name in ("get_content", "get_summary"):
        for klass in type(item).__mro__:
            remembered = getattr(klass.__dict__.get(name), "cache", None)
            if isinstance(remembered, dict):
                for key in [k for k in remembered if k and k[0] is item]:
                    del remembered[key]
                break


@dataclass
class Update:
    """What one rebuild after an edit did."""

    pages: list  # output names written again
    seconds: float


def update(site: Site, settings_file, path, output, extra) -> Update | None:
    """Apply the edit since ``site`` was built; None: build the whole site instead."""
    start = time.perf_counter()
    settings, state = site.settings, site.state
    if site.inputs != inputs_of(settings_file, path, output, extra):
        return None
    if any(settings.get(name) for name in WHOLE_SITE_SETTINGS):
        return None
    if urls.absolute_base(settings) == (settings.get("SITEURL") or "").rstrip("/"):
        return None  # an absolute SITEURL: publishing rewrites every page's links
    if clock.build_date(settings) != site.build_date:
        return None
    sources = scan(site.roots, site.sources)
    if set(sources) != set(site.sources):
        return None  # a file added or removed: listings, links, counterparts change
    edited = [p for p in sources if sources[p][2] != site.sources[p][2]]
    items = _items(state)
    if any(p not in items for p in edited):
        return None  # a data file, a template, a catalog, the settings
    problems = len(state.problems)
    # What was said of the edited files is said again as they are read and checked.
    said = tuple(relative(p, os.getcwd()) + ":" for p in edited)
    state.notices[:] = [n for n in state.notices if not n.startswith(said)]
    patches = []
    for source in edited:
        old, reread = items[source]
        new = reread()
        if len(state.problems) > problems:
            return None  # the full build reports it, and leaves the output as it was
        changed = _text_only(old, new)
        if changed is None:
            return None
        patches.append((old, {k: vars(new)[k] for k in changed}))
    # An edition's summary is the description of its calendars' events (written in
    # Python: not recorded).
    texts = {t.source_path for e in _series(state).context.get("editions", [])
             for t in (*e.texts.values(), *e.report.values())}
    summaries = {old.source_path: _value(old, "summary") for old, _ in patches
                 if old.source_path in texts}
    jobs = state.tracker.jobs
    read = {}
    for old, _ in patches:
        read[old.source_path] = set().union(
            *(j.deps.read.get(old.source_path, ()) for j in jobs.values()))
    before = {old.source_path: {n: _value(old, n) for n in read[old.source_path]}
              for old, _ in patches}
    for old, new_values in patches:
        vars(old).update(new_values)
        _forget(old)
    changed = {}
    for old, _ in patches:
        changed[old.source_path] = {n for n, v in before[old.source_path].items()
                                    if v is MISSING or _value(old, n) != v}
    links.check(state.generators, state.outputs, only=set(edited))
    if len(state.problems) > problems:
        del state.problems[problems:]
        return None

    def affected(deps):
        return any(s in deps.whole or deps.read.get(s, set()) & names
                   for s, names in changed.items())

    for memo in state.memo.values():
        memo.clear()
    for key, (_, deps) in list(state.fragments.items()):
        if deps is not None and affected(deps):
            del state.fragments[key]
    again = [j for j in jobs.values() if affected(j.deps)]
    news = any(isinstance(old, Article) for old, _ in patches)
    calendars = any(_value(old, "summary") != summaries[old.source_path]
                    for old, _ in patches if old.source_path in summaries)
    with staging(output) as (target, folder):
        ok = False
        try:
            _write(settings, state, folder, again,
                   [*([FeedsGenerator] if news else []),
                    *([CalendarsGenerator] if calendars else [])])
            ok = len(state.problems) == problems
            if ok:
                _move_in(folder, target.path)
        finally:
            discard(folder)
        if not ok:
            return None
    site.sources = sources
    return Update([j.name for j in again], time.perf_counter() - start)


def _write(settings, state, folder, again, generators):
    """The jobs ``again`` and the files of ``generators`` (classes), into ``folder``."""
    writer = RecordingWriter(folder, settings=settings)
    original = settings["OUTPUT_PATH"]
    settings["OUTPUT_PATH"] = folder
    try:
        for job in again:
            writer.run(job)
        for generator in state.generators:
            if isinstance(generator, tuple(generators)):
                kept, generator.output_path = generator.output_path, folder
                try:
                    generator.generate_output(writer)
                finally:
                    generator.output_path = kept
    finally:
        settings["OUTPUT_PATH"] = original


def _move_in(folder, target):
    """Every file of ``folder`` over its old copy in ``target``: one rename each."""
    for root, _, files in os.walk(folder):
        place = os.path.join(target, os.path.relpath(root, folder))
        if not os.path.isdir(place):
            os.makedirs(place, mode=FOLDER_MODE)
        for name in files:
            os.chmod(os.path.join(root, name), FILE_MODE)
            os.replace(os.path.join(root, name), os.path.join(place, name))
    shutil.rmtree(folder, ignore_errors=True)
