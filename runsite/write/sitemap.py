"""sitemap.xml with language alternates, and robots.txt pointing at it.

Written after every page, from the registry of outputs (runsite.core.outputs): each
indexed page (not a draft, not the 404 page) with its versions in every language,
the same ones its own hreflang links and language switch show.
"""

from __future__ import annotations

import os

from lxml import etree

from runsite.core import urls
from runsite.core.state import of

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def write(pelican):
    settings = pelican.settings
    state = of(settings)
    languages = state.languages
    siteurl = urls.absolute_base(settings)  # absolute in every build
    root = etree.Element(f"{{{SITEMAP}}}urlset", nsmap={None: SITEMAP, "xhtml": XHTML})
    for output in sorted(state.outputs.pages(), key=lambda o: f"{siteurl}/{o.url}"):
        entry = etree.SubElement(root, f"{{{SITEMAP}}}url")
        etree.SubElement(entry, f"{{{SITEMAP}}}loc").text = f"{siteurl}/{output.url}"
        versions = state.outputs.alternates(output.url)
        for code, language in languages.items():
            if code not in versions:
                continue
            for hreflang in (code, "x-default") if language.is_default else (code,):
                etree.SubElement(entry, f"{{{XHTML}}}link", rel="alternate",
                                 hreflang=hreflang, href=f"{siteurl}/{versions[code]}")
    sitemap = urls.path(settings, languages, languages.default.code, "sitemap")
    etree.ElementTree(root).write(os.path.join(pelican.output_path, sitemap),
                                  xml_declaration=True, encoding="UTF-8", pretty_print=True)
    with open(os.path.join(pelican.output_path, "robots.txt"), "w", encoding="utf-8",
              newline="\n") as fp:
        fp.write(f"User-agent: *\nAllow: /\n\nSitemap: {siteurl}/{sitemap}\n")
