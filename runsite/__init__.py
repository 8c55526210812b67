"""The RUN site's own Pelican plugin: what Pelican core lacks for a bilingual
French/Arabic conference-series site built in one pass.

One module per concern; this file only connects signals.
"""

from pelican import signals

from . import alternates, i18n, listings, state


def register():
    # Languages, catalogs and the problem report exist once per build.
    signals.initialized.connect(state.start_build)
    # Every Jinja environment renders theme strings and dates in the page's language.
    signals.generator_init.connect(i18n.install_in_environment)
    # ... and know the page's language versions (hreflang, language switch).
    signals.generator_init.connect(alternates.install_in_environment)
    # Every page must have its counterpart in every language.
    signals.page_generator_finalized.connect(alternates.check_counterparts)
    signals.article_generator_finalized.connect(alternates.check_counterparts)
    # Home and listings exist once per language (Pelican writes them in one only).
    signals.get_generators.connect(listings.get_generators)
    # Stop before writing anything when content has problems.
    signals.all_generators_finalized.connect(state.stop_before_writing)
    # Missing translations are found while rendering.
    signals.finalized.connect(state.stop_after_writing)
