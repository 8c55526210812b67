"""The RUN site's own Pelican plugin: what Pelican core lacks for a bilingual
French/Arabic conference-series site built in one pass.

The package follows the build, one folder per stage (docs/architecture.md):
read → validate → model → render → write → publish, with what every stage shares
in ``core`` and the organisers' tools (build, serve, check, scaffold) in ``tools``.
This file is the one place where the stages meet Pelican's signals, in the order
Pelican sends them; the checkpoints between stages are in runsite.pipeline.
"""

from pelican import signals

from runsite import pipeline
from runsite.core import trusted
from runsite.read import markdown
from runsite.render import environment
from runsite.write import (
    archive,
    calendars,
    editions,
    feeds,
    jobs,
    listings,
    printed,
    schedules,
    share,
    speakers,
)


def register():
    # Languages, catalogs and content/'s files are checked once per build.
    signals.initialized.connect(pipeline.start)
    # Markdown metadata is checked line by line (file:line messages), and the
    # converted HTML passes the sanitizer's allow-list.
    signals.readers_init.connect(markdown.add_reader)
    # ... so templates may print that HTML as it is (everything else is escaped).
    signals.content_object_init.connect(trusted.mark_content)
    # One Jinja environment for all generators: theme strings and dates in the
    # page's language, its language versions, the site's addresses, schema.org data.
    signals.generator_init.connect(environment.install)
    # Pelican's context lists only one language's pages; keep them all.
    signals.page_generator_finalized.connect(pipeline.collect)
    signals.article_generator_finalized.connect(pipeline.collect)
    # Editions, agendas, partners and milestones are read from content/ and written.
    signals.get_generators.connect(editions.get_generators)
    # ... with a page per speaker, and their photos in the sizes pages need.
    signals.get_generators.connect(speakers.get_generators)
    # ... with what remains once it is over: slides, recordings' images, photos.
    signals.get_generators.connect(archive.get_generators)
    # ... with a calendar per edition and for the series, in each language.
    signals.get_generators.connect(calendars.get_generators)
    # ... and their programme for conference apps (frab XML and JSON, a QR code).
    signals.get_generators.connect(schedules.get_generators)
    # ... and to print: a PDF per language and a bilingual booklet (RUN_PDF).
    signals.get_generators.connect(printed.get_generators)
    # ... and an Atom feed of the news per language.
    signals.get_generators.connect(feeds.get_generators)
    # Home and listings exist once per language (Pelican writes them in one only).
    signals.get_generators.connect(listings.get_generators)
    # The pictures of link previews: each edition's, news item's and the home's.
    signals.get_generators.connect(share.get_generators)
    # The live preview remembers how each page was written, and what it read.
    signals.get_writer.connect(jobs.get_writer)
    # Everything read, nothing written: counterparts, outputs and links, then stop
    # if anything is wrong.
    signals.all_generators_finalized.connect(pipeline.checkpoint)
    # Everything written: problems found while rendering, the sitemap, the assets.
    signals.finalized.connect(pipeline.finish)
