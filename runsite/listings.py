"""Pages that Pelican would write once, in the default language, written once
per language at mirrored paths: the home page and the listings (RUN_LISTINGS).
"""

from __future__ import annotations

from pelican.generators import Generator

from .state import of


class ListingsGenerator(Generator):
    """Renders each RUN_LISTINGS template for every language."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        languages = of(self.settings).languages
        for name, (template, path) in self.settings.get("RUN_LISTINGS", {}).items():
            urls = {code: f"{language.prefix}{path}" for code, language in languages.items()}
            for code in languages:
                url = urls[code]
                writer.write_file(
                    f"{url}index.html",
                    self.get_template(template.removesuffix(".html")),
                    self.context,
                    url=url,
                    lang=code,
                    alternate_urls=urls,
                    page_name=name,
                )


def get_generators(pelican):
    return ListingsGenerator
