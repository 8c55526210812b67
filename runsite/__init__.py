"""The RUN site's own Pelican plugin: what Pelican core lacks for a bilingual
French/Arabic conference-series site built in one pass.

One module per concern; this file only connects signals.
"""

from pelican import signals

from . import alternates, editions, i18n, listings, reader, state, templates, urls


def register():
    # Languages, catalogs and the problem report exist once per build.
    signals.initialized.connect(state.start_build)
    # Markdown metadata is checked line by line (file:line messages).
    signals.readers_init.connect(reader.add_reader)
    # Every Jinja environment renders theme strings and dates in the page's language...
    signals.generator_init.connect(i18n.install_in_environment)
    # ... knows the page's language versions (hreflang, language switch) ...
    signals.generator_init.connect(alternates.install_in_environment)
    # ... and the site's addresses in that language.
    signals.generator_init.connect(urls.install_in_environment)
    # Templates are compiled once per process, not per generator and per build.
    signals.generator_init.connect(templates.install_in_environment)
    # Pelican's context lists only one language's pages; keep them all.
    signals.page_generator_finalized.connect(state.collect_contents)
    signals.article_generator_finalized.connect(state.collect_contents)
    # Editions, agendas, partners and milestones are read from content/ and written.
    signals.get_generators.connect(editions.get_generators)
    # Home and listings exist once per language (Pelican writes them in one only).
    signals.get_generators.connect(listings.get_generators)
    # After reading: check counterparts and internal links, then stop before
    # writing if anything is wrong.
    signals.all_generators_finalized.connect(state.stop_before_writing)
    # Untranslated theme strings are found while rendering.
    signals.finalized.connect(state.stop_after_writing)
