"""French typography: the space before « : ; ! ? » and inside « guillemets » is a
non-breaking one, so that a colon never starts a line on a phone ("Programme
modifié" / ": …"). Only a space the writer typed is replaced: "10:30" and
"https://" have none and stay as they are; code is left alone.
"""

from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

NBSP = "\u00a0"
_BEFORE = re.compile(r"[ \t]+([:;!?»])")
_AFTER = re.compile(r"«[ \t]+")
_CODE = {"code", "pre", "kbd", "samp", "script", "style"}


def applies(language) -> bool:
    """Whether ``language`` spaces its high punctuation (French does)."""
    return language.locale.split("_")[0] == "fr"


def spaced(text: str) -> str:
    return _AFTER.sub("«" + NBSP, _BEFORE.sub(NBSP + r"\1", text))


class FrenchSpacing(Treeprocessor):
    def run(self, root):
        self._walk(root)

    def _walk(self, element):
        if element.tag in _CODE:
            return
        if element.text:
            element.text = spaced(element.text)
        for child in element:
            self._walk(child)
            if child.tail:
                child.tail = spaced(child.tail)


class FrenchSpacingExtension(Extension):
    def extendMarkdown(self, md):
        # Last of the tree processors: on the text as it will be written.
        md.treeprocessors.register(FrenchSpacing(md), "run_french_spacing", 0)
