"""sitemap.xml with language alternates, and robots.txt pointing at it.

Written after every page, from what the pages themselves declare: each HTML page
in the output (but noindex ones) with its <link rel="alternate" hreflang> links,
so the sitemap can never disagree with the pages.
"""

from __future__ import annotations

import os
import re
from html import unescape
from urllib.parse import urljoin
from xml.sax.saxutils import quoteattr

from runsite.core import urls
from runsite.core.state import of

ALTERNATE = re.compile(
    r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
NOINDEX = re.compile(r'<meta name="robots" content="[^"]*noindex')


def _pages(output):
    for folder, _, files in os.walk(output):
        for name in files:
            if name.endswith(".html"):
                yield os.path.join(folder, name)


def write(pelican):
    settings = pelican.settings
    output = pelican.output_path
    siteurl = urls.absolute_base(settings)
    entries = []
    for path in _pages(output):
        with open(path, encoding="utf-8") as fp:
            head = fp.read().split("</head>", 1)[0]
        if NOINDEX.search(head):
            continue
        # Absolute in every build (the development build's pages link root-relatively).
        alternates = [(hreflang, urljoin(f"{siteurl}/", unescape(href)))
                      for hreflang, href in ALTERNATE.findall(head)]
        relative = os.path.relpath(path, output).replace(os.sep, "/")
        location = f"{siteurl}/{relative.removesuffix('index.html')}"
        entries.append((location, alternates))
    entries.sort()
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for location, alternates in entries:
        lines.append(f"  <url>\n    <loc>{_escape(location)}</loc>")
        for hreflang, href in alternates:
            lines.append(f'    <xhtml:link rel="alternate" hreflang={quoteattr(hreflang)} '
                         f"href={quoteattr(href)}/>")
        lines.append("  </url>")
    lines.append("</urlset>\n")
    sitemap = urls.path(settings, of(settings).languages, of(settings).languages.default.code,
                        "sitemap")
    with open(os.path.join(output, sitemap), "w", encoding="utf-8") as fp:
        fp.write("\n".join(lines))
    with open(os.path.join(output, "robots.txt"), "w", encoding="utf-8") as fp:
        fp.write(f"User-agent: *\nAllow: /\n\nSitemap: {siteurl}/{sitemap}\n")


def _escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
