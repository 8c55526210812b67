"""TOML data files of the organisers, with the line of every key for error messages.

``tomllib`` gives values but not lines; organisers need ``file:line``. Lines are
found in the text: the n-th ``[[table]]`` header, then the key inside that block.
"""

from __future__ import annotations

import re
import tomllib


class DataFile:
    def __init__(self, path, state):
        self.path = path
        self.state = state
        with open(path, encoding="utf-8") as fp:
            self.text = fp.read()
        self.lines = self.text.splitlines()
        try:
            self.data = tomllib.loads(self.text)
        except tomllib.TOMLDecodeError as error:
            match = re.search(r"at line (\d+)", str(error))
            reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
            state.problem(
                path, int(match.group(1)) if match else 1,
                f"syntaxe TOML invalide ({reason})",
                "vérifiez les guillemets, les crochets et les dates (AAAA-MM-JJ, date réelle) "
                "sur cette ligne",
            )
            self.data = None

    def _block(self, table, index):
        """(first, last) line indexes of the index-th [[table]] block, or the top."""
        if table is None:
            end = next((i for i, line in enumerate(self.lines) if line.lstrip().startswith("[")),
                       len(self.lines))
            return 0, end
        headers = [i for i, line in enumerate(self.lines)
                   if re.match(rf"\s*\[\[\s*{re.escape(table)}\s*\]\]", line)]
        if index >= len(headers):
            return 0, len(self.lines)
        start = headers[index]
        end = next((i for i in range(start + 1, len(self.lines))
                    if re.match(r"\s*\[", self.lines[i])), len(self.lines))
        return start, end

    def line(self, key=None, table=None, index=0) -> int:
        """1-based line of ``key`` (``name`` or ``name.fr``) in a block, else the block's."""
        start, end = self._block(table, index)
        if key:
            pattern = re.compile(rf"\s*{re.escape(key)}\s*=|\s*{re.escape(key)}\.")
            for i in range(start, end):
                if pattern.match(self.lines[i]):
                    return i + 1
            head = key.split(".")[0]
            if head != key:
                return self.line(head, table, index)
        return start + 1

    def problem(self, message, fix, key=None, table=None, index=0):
        self.state.problem(self.path, self.line(key, table, index), message, fix)
