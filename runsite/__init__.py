"""The RUN site's own Pelican plugin: what Pelican core lacks for a bilingual
French/Arabic conference-series site built in one pass.

One module per concern; this file only connects signals.
"""

from pelican import signals

from . import calendars, editions, environment, feeds, listings, reader, state, trusted


def register():
    # Languages, catalogs and the problem report exist once per build.
    signals.initialized.connect(state.start_build)
    # Markdown metadata is checked line by line (file:line messages), and the
    # converted HTML passes the sanitizer's allow-list.
    signals.readers_init.connect(reader.add_reader)
    # ... so templates may print that HTML as it is (everything else is escaped).
    signals.content_object_init.connect(trusted.mark_content)
    # One Jinja environment for all generators: theme strings and dates in the
    # page's language, its language versions, the site's addresses, schema.org data.
    signals.generator_init.connect(environment.install)
    # Pelican's context lists only one language's pages; keep them all.
    signals.page_generator_finalized.connect(state.collect_contents)
    signals.article_generator_finalized.connect(state.collect_contents)
    # Editions, agendas, partners and milestones are read from content/ and written.
    signals.get_generators.connect(editions.get_generators)
    # ... with a calendar per edition and for the series, in each language.
    signals.get_generators.connect(calendars.get_generators)
    # ... and an Atom feed of the news per language.
    signals.get_generators.connect(feeds.get_generators)
    # Home and listings exist once per language (Pelican writes them in one only).
    signals.get_generators.connect(listings.get_generators)
    # After reading: check counterparts and internal links, then stop before
    # writing if anything is wrong.
    signals.all_generators_finalized.connect(state.stop_before_writing)
    # Untranslated theme strings are found while rendering; then the sitemap is
    # written from the pages themselves.
    signals.finalized.connect(state.finish_writing)
