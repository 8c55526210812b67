"""Latin-script runs inside right-to-left text, isolated with <bdi dir="ltr">.

"RUN 3", "MOOCs", "Maroc Université Numérique" or an address inside Arabic text
would otherwise have their punctuation and numbers moved by the bidirectional
algorithm. Organisers write plain text; the site isolates the runs: in TOML texts
through the ``tr`` filter, in Markdown through the extension below.

A short run (three words or fewer: a name, "RUN 3") is kept whole by the theme
(``bdi[dir=ltr]`` is an inline block): "(RUN" / "3)" split across two lines of a
phone reads as nonsense. A longer one gets ``class="run-wrap"`` and flows as text.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from runsite.core.trusted import isolated

# A run starts with a Latin letter and ends with a letter or a digit.
LATIN_RUN = re.compile(
    r"[A-Za-z\u00C0-\u024F](?:[A-Za-z\u00C0-\u024F0-9 .,'’&/:_@-]*[A-Za-z\u00C0-\u024F0-9])?"
)
# Python-Markdown's placeholders for raw HTML and stashed nodes: never touched.
PLACEHOLDER = re.compile("(\x02[^\x03]*\x03)")
SKIPPED_TAGS = {"bdi", "code", "pre", "script", "style", "kbd", "samp"}
SHORT_RUN_WORDS = 3  # up to this many words, a run is never broken across lines


def _long(run) -> bool:
    return len(run.split()) > SHORT_RUN_WORDS


# Pure and called for every partner name, city and title of every right-to-left
# page: remembered. typed: a Markup argument (kept as is) is not the same as a
# str with the same characters (escaped).
@functools.lru_cache(maxsize=8192, typed=True)
def isolate_latin(text) -> Markup:
    """Escape plain ``text`` and wrap its Latin-script runs in <bdi>."""
    parts, last = [], 0
    for match in LATIN_RUN.finditer(text):
        parts.append(escape(text[last:match.start()]))
        parts.append(isolated(match.group(0), wrap=_long(match.group(0))))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def _split(text):
    """[(plain text, isolate?)…] — placeholders are kept as they are."""
    pieces = []
    for chunk in PLACEHOLDER.split(text):
        if PLACEHOLDER.fullmatch(chunk):
            pieces.append((chunk, False))
            continue
        last = 0
        for match in LATIN_RUN.finditer(chunk):
            pieces.append((chunk[last:match.start()], False))
            pieces.append((match.group(0), True))
            last = match.end()
        pieces.append((chunk[last:], False))
    return pieces


class IsolateLatinRuns(Treeprocessor):
    def run(self, root):
        for element in list(root.iter()):
            if element.tag in SKIPPED_TAGS:
                continue
            if element.text:
                self._wrap(element, "text", 0)
            for index, child in reversed(list(enumerate(element))):
                if child.tail:
                    self._wrap(child, "tail", index + 1, parent=element)

    def _wrap(self, node, attribute, position, parent=None):
        pieces = _split(getattr(node, attribute))
        if not any(isolate for _, isolate in pieces):
            return
        host = parent if attribute == "tail" else node
        leading, new = "", []
        for text, isolate in pieces:
            if isolate:
                bdi = etree.Element("bdi", {"dir": "ltr"})
                if _long(text):
                    bdi.set("class", "run-wrap")
                bdi.text = text
                bdi.tail = ""
                new.append(bdi)
            elif new:
                new[-1].tail += text
            else:
                leading += text
        setattr(node, attribute, leading)
        for offset, bdi in enumerate(new):
            host.insert(position + offset, bdi)


class BidiExtension(Extension):
    """For right-to-left documents: isolate Latin-script runs (after inline parsing)."""

    def extendMarkdown(self, md):
        md.treeprocessors.register(IsolateLatinRuns(md), "run_isolate_latin", 5)
