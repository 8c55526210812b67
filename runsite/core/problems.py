"""Problems found in the organisers' files, reported all at once.

Each problem names the file (relative to the project), the line and the fix, in
French, the organisers' language: ``content/x.fr.md:3: what is wrong — how to fix``.
The messages themselves are in runsite.core.messages, by name.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from runsite.core import messages


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None  # None: the whole file, folder or setting
    message: str
    fix: str
    code: str = field(default="", compare=False)

    @classmethod
    def of(cls, path, line, code, **values) -> Problem:
        what, fix = messages.say(code, **values)
        shown = relative(path, os.getcwd())
        if os.path.isdir(path) and not os.path.islink(path):  # a folder, named as one
            shown = (os.path.abspath(path) if shown == "." else shown).rstrip(os.sep) + os.sep
        return cls(shown, line, what, fix, code)

    def sort_key(self):
        return (self.path, self.line or 0, self.message, self.fix)

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message} — {self.fix}"


class ContentError(Exception):
    """The build stopped because of problems in the organisers' files."""

    def __init__(self, problems):
        self.problems = sorted(set(problems), key=Problem.sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(p) for p in self.problems]
        lines.append(f"{messages.counted(len(self.problems), 'problème')} à corriger.")
        return "\n".join(lines)


class SettingsError(ValueError):
    """A setting the site cannot be built with (pelicanconf.py, publishconf.py)."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def relative(path, root) -> str:
    """``path`` as organisers see it: relative to the project folder."""
    try:
        return os.path.relpath(path, root)
    except ValueError:  # another drive on Windows
        return str(path)
