"""Pages that Pelican would write once, in the default language, written once
per language at mirrored paths: the home page and the listings (RUN_LISTINGS),
plus the stand-in pages of content declared untranslated.
"""

from __future__ import annotations

from pelican.generators import Generator

from runsite.core import urls
from runsite.core.state import of


class ListingsGenerator(Generator):
    """Renders each RUN_LISTINGS template for every language."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        languages = of(self.settings).languages
        news = self._news_by_language(languages)
        for name, template in self.settings["RUN_LISTINGS"].items():
            alternate_urls = urls.all_languages(self.settings, languages, name)
            for code in languages:
                url = alternate_urls[code]
                writer.write_file(
                    f"{url}index.html", self.get_template(template), self.context,
                    url=url, lang=code, alternate_urls=alternate_urls, page_name=name,
                    news=news[code],
                )
        not_found = self.settings.get("RUN_NOT_FOUND_TEMPLATE")
        if not_found:  # one page for every language: hosts serve a single /404.html
            writer.write_file(
                "404.html", self.get_template(not_found), self.context, url="404.html",
                lang=languages.default.code, alternate_urls={}, page_name="404", news=[],
            )
        for stub in of(self.settings).untranslated:
            writer.write_file(
                f"{stub.url}index.html", self.get_template("untranslated"), self.context,
                url=stub.url, lang=stub.lang, alternate_urls=stub.alternate_urls,
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
