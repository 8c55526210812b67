"""What one build knows: the language table, the catalogs and the problems found.

A plain data holder: the stages fill it and read it; the pipeline
(runsite.pipeline) decides when. It lives in the build's settings dict (shared by
Pelican with every generator), never in module globals, so that rebuilds in the
live preview start afresh.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from runsite.core import messages
from runsite.core.languages import Languages
from runsite.core.outputs import Outputs
from runsite.core.problems import Problem, relative

if TYPE_CHECKING:  # an annotation only: the catalogs are read in runsite.read
    from runsite.read.catalogs import Catalogs

KEY = "_RUNSITE_BUILD"


@dataclass
class BuildState:
    languages: Languages
    catalogs: Catalogs
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # printed, not failing
    untranslated: list = field(default_factory=list)  # counterparts.StandIn pages to write
    # Every published page and news item in every language (Pelican's context
    # holds only the "originals"): filled when the page and article generators finish.
    pages: list = field(default_factory=list)
    articles: list = field(default_factory=list)
    # Every edition that has a data file, valid or not: links to an edition whose
    # data has a problem are not reported again as broken links.
    edition_ids: list = field(default_factory=list)
    # What is not built because it is a draft (outside the live preview): the ids of
    # draft editions, and the Markdown files of draft pages and news items.
    draft_editions: list = field(default_factory=list)
    draft_sources: list = field(default_factory=list)
    # Every address the build writes, declared by what writes it (runsite.core.outputs).
    outputs: Outputs = field(default_factory=Outputs)
    environment: object = None  # the Jinja environment shared by the generators
    styles: object = None  # the stylesheet inlined in every page (runsite.render.styles)
    # The live preview's record of what each page read (runsite.write.jobs), with
    # RUN_TRACK only; and Pelican's generators, for its incremental rebuilds.
    tracker: object = None
    generators: list = field(default_factory=list)
    # What is computed once per build from the texts (an edition's JSON-LD): the live
    # preview's rebuild after an edit empties it (runsite.tools.incremental).
    memo: dict = field(default_factory=dict)
    # Partials rendered once per language (templates.once_per_language).
    fragments: dict = field(default_factory=dict)
    # Content files refused before reading (runsite.read.files): their consequences
    # (a missing counterpart, a broken page) are not reported again.
    refused: set = field(default_factory=set)
    faulty: set = field(default_factory=set)  # files with a problem (real paths)
    # When the build started, in UTC (calendars' DTSTAMP without SOURCE_DATE_EPOCH).
    started: datetime.datetime = field(
        default_factory=lambda: datetime.datetime.now(datetime.UTC))

    def problem(self, path, line, code, **values):
        """Message ``code`` of runsite.core.messages, at ``path:line`` (line None: the file)."""
        self.problems.append(Problem.of(path, line, code, **values))
        self.faulty.add(os.path.realpath(path))

    def is_faulty(self, path) -> bool:
        """A file with a problem: what was read of it may be placeholders."""
        return os.path.realpath(path) in self.faulty

    def notice(self, path, code, line=None, **values):
        where = relative(path, os.getcwd()) + ("" if line is None else f":{line}")
        said = f"{where}: {messages.notice(code, **values)}"
        if said not in self.notices:  # the PDFs and the pictures may say the same
            self.notices.append(said)


def of(settings) -> BuildState:
    return settings[KEY]
