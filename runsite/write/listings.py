"""Pages that Pelican would write once, in the default language, written once
per language at mirrored paths: the home page and the listings (RUN_LISTINGS),
plus the stand-in pages of content declared untranslated.
"""

from __future__ import annotations

from pelican.generators import Generator

from runsite.core import urls
from runsite.core.state import of

# What writes the site's own pages, for a message about a conflict.
LISTING_NAMES = {"home": "l'accueil", "timeline": "la chronologie",
                 "partners": "la page des partenaires", "news": "la liste des actualités"}


class ListingsGenerator(Generator):
    """Renders each RUN_LISTINGS template for every language."""

    def generate_context(self):
        state = of(self.settings)
        for name in self.settings["RUN_LISTINGS"]:
            for code, url in urls.all_languages(self.settings, state.languages, name).items():
                state.outputs.declare(state, url, LISTING_NAMES.get(name, name), lang=code,
                                      group=("listing", name))
        if self.settings.get("RUN_NOT_FOUND_TEMPLATE"):
            state.outputs.declare(state, "404.html", "un fichier du site", indexed=False)

    def generate_output(self, writer):
        languages = of(self.settings).languages
        news = self._news_by_language(languages)
        for name, template in self.settings["RUN_LISTINGS"].items():
            for code, url in urls.all_languages(self.settings, languages, name).items():
                writer.write_file(
                    f"{url}index.html", self.get_template(template), self.context,
                    page_url=url, lang=code, page_name=name,
                    news=news[code],
                )
        not_found = self.settings.get("RUN_NOT_FOUND_TEMPLATE")
        if not_found:  # one page for every language: hosts serve a single /404.html
            writer.write_file(
                "404.html", self.get_template(not_found), self.context, page_url="404.html",
                lang=languages.default.code, page_name="404", news=[],
            )
        for stub in of(self.settings).untranslated:
            writer.write_file(
                f"{stub.url}index.html", self.get_template("untranslated"), self.context,
                page_url=stub.url, lang=stub.lang,
                original=stub.original, page_name="untranslated", news=news[stub.lang],
            )

    def _news_by_language(self, languages):
        """Every language's news, newest first (Pelican lists only 'originals')."""
        articles = of(self.settings).articles
        news = {code: [] for code in languages}
        for article in articles:
            if article.lang in news:
                news[article.lang].append(article)
        for items in news.values():
            items.sort(key=lambda a: (a.date, a.slug), reverse=True)
        return news


def get_generators(pelican):
    return ListingsGenerator
