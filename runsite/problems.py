"""Problems found in the organisers' files, reported all at once.

Each problem names the file (relative to the project), the line and the fix, in
French, the organisers' language: ``content/x.fr.md:3: what is wrong — how to fix``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message} — {self.fix}"


class ContentError(Exception):
    """The build stopped because of problems in the organisers' files."""

    def __init__(self, problems):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        count = len(self.problems)
        lines.append(
            f"{count} problème{'s' if count > 1 else ''} : le site n'a pas été "
            "modifié. Corrigez puis relancez."
        )
        return "\n".join(lines)


class SettingsError(ValueError):
    """A setting the site cannot be built with (pelicanconf.py, publishconf.py)."""


def relative(path, root) -> str:
    """``path`` as organisers see it: relative to the project folder."""
    try:
        return os.path.relpath(path, root)
    except ValueError:  # another drive on Windows
        return str(path)
