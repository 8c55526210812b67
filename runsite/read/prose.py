"""The site's own Markdown extension for organisers' prose.

Table columns aligned with ``:---``, ``:--:`` or ``---:`` get a class instead of
Markdown's inline ``style="text-align: …"``: the Content-Security-Policy refuses
inline styles, and the sanitizer (runsite.read.sanitize) refuses ``style`` attributes.
The classes are logical: "left" is the start of the line, which is the right
side on an Arabic page.
"""

from __future__ import annotations

import re

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALIGNMENT = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$")
ALIGNMENT_CLASSES = {"left": "run-align-start", "right": "run-align-end",
                     "center": "run-align-center"}


class TableAlignment(Treeprocessor):
    def run(self, root):
        for cell in (e for e in root.iter() if e.tag in ("th", "td")):
            match = ALIGNMENT.match(cell.get("style", ""))
            if match:
                del cell.attrib["style"]
                classes = [cell.get("class", ""), ALIGNMENT_CLASSES[match.group(1)]]
                cell.set("class", " ".join(c for c in classes if c))


class ProseExtension(Extension):
    def extendMarkdown(self, md):
        # After the tables extension has built its cells (it is a block processor).
        md.treeprocessors.register(TableAlignment(md), "run_table_alignment", 4)
