"""Plain text from the HTML that Markdown produces (summaries), for the places
that take no markup: meta descriptions, calendars and structured data.

The text is what a reader sees: entities decoded once, inline elements
(``<bdi>``, ``<em>``, ``<a>``) joined to their neighbours without a space —
``(<bdi>USMBA</bdi>)`` reads ``(USMBA)`` — and block elements separated by one.
Titles are plain text already and never go through here.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose edges separate words (the rest are inline: no space added).
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
    "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr",
    "ul",
})
# Elements whose text is not part of what a reader sees.
HIDDEN = frozenset({"script", "style", "template"})
# HTML collapses ASCII whitespace only: no-break spaces (French « », 10 h) are kept.
SPACES = re.compile(r"[ \t\n\r\f]+")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
        elif tag in BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def plain(html) -> str:
    parser = _Text()
    parser.feed(str(html or ""))
    parser.close()
    return SPACES.sub(" ", "".join(parser.parts)).strip(" ")
