"""What one build knows: the language table, the catalogs and the problems found.

It lives in the build's settings dict (shared by Pelican with every generator),
never in module globals, so that rebuilds in the live preview start afresh.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .i18n import Catalogs
from .languages import Languages
from .problems import ContentError, Problem, relative

KEY = "_RUNSITE_BUILD"


@dataclass
class BuildState:
    languages: Languages
    catalogs: Catalogs
    problems: list[Problem] = field(default_factory=list)

    def problem(self, path, line, message, fix):
        self.problems.append(Problem(relative(path, os.getcwd()), line or 1, message, fix))


def of(settings) -> BuildState:
    return settings[KEY]


def start_build(pelican):
    settings = pelican.settings
    languages = Languages.from_settings(settings)
    state = BuildState(languages, Catalogs(languages))
    state.catalogs.load(settings["RUN_TRANSLATIONS_PATH"], state)
    settings[KEY] = state


def _raise_problems(settings):
    problems = of(settings).problems
    if problems:
        raise ContentError(problems)


def stop_before_writing(generators):
    """After reading everything, before writing anything."""
    _raise_problems(generators[0].settings)


def stop_after_writing(pelican):
    """Problems found while rendering (untranslated strings) fail the build too."""
    _raise_problems(pelican.settings)
