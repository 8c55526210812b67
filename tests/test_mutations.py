"""Generated mistakes (Hypothesis): the real content, the commented examples put in
place and the catalogs, each mutated as a hurried hand would — a line deleted, duplicated or cut
short; a quote, a bracket, an equals sign, a chevron, a byte order mark, a NUL or a
right-to-left mark typed somewhere.

For every one: never a traceback nor an "unexpected error"; a build that fails
prints only declared messages (runsite.core.messages), names the mutated file at the
mutated line (± 1), or, for a field the mutation removed, at the start of the block
that lost it; and leaves ``output/`` byte-identical.

Builds run in this process with one cache, as the live preview does (its rebuilds of
only what an edit changes included), so that 300 examples fit in CI time.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import copy_project, examples_in_place, snapshot
from runsite.core.cache import ProcessCache
from runsite.core.messages import problem_pattern
from runsite.tools.build import build

INSERTED = ['"', "[", "=", "<", "\ufeff", "\x00", "\u200f"]
MUTATIONS = ["delete", "duplicate", "truncate", "insert"]
# Messages that say a field is missing: told at the start of the block that lost it.
# What is missing is told at its block, or at the first line of what remains of the
# field (label.ar, whose label.ar.other line was deleted).
MISSING = ("champ obligatoire", "n'a pas de texte en", "sans la forme")
PROBLEM = problem_pattern()


@dataclass
class Workspace:
    project: Path
    output: Path
    files: list
    cache: ProcessCache = field(default_factory=ProcessCache)  # kept across examples
    before: dict | None = None  # the site of the unmutated sources

    def build(self):
        # As the live preview builds: a text edited without a problem is rewritten
        # in place (runsite.tools.incremental), whatever the mutations before it.
        return build(str(self.project / "pelicanconf.py"), str(self.project / "content"),
                     str(self.output), {"RUN_TRACK": True}, cache=self.cache)

    def baseline(self):
        """The output as it is before this example's build: the unmutated site at
        first, then whatever the last successful (mutated) build wrote — a failed build
        must leave it byte-identical, whichever it is (no rebuild needed to know it)."""
        if self.before is None:
            if not self.output.exists():
                result = self.build()
                assert result.ok, result.messages
            self.before = snapshot(self.output)
        return self.before


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mutations")
    project = copy_project(folder)
    examples_in_place(project / "content")
    files = sorted(p for p in (project / "content").rglob("*")
                   if p.suffix in (".md", ".toml") and "exemples" not in p.parts)
    files += sorted((project / "translations").rglob("*.po"))  # translators' hands too
    return Workspace(project, folder / "output", files)


def _block_start(lines, index):
    """1-based line of the block holding line ``index`` (0-based): the nearest TOML
    header above it, or the file's first line."""
    for number in range(index, -1, -1):
        if number < len(lines) and lines[number].lstrip().startswith("["):
            return number + 1
    return 1


def _mutate(text, kind, index, position, inserted):
    lines = text.split("\n")
    index = min(index, len(lines) - 1)
    line = lines[index]
    if kind == "delete":
        del lines[index]
        near = {index, index + 1}  # the lines around the hole (1-based)
    elif kind == "duplicate":
        lines.insert(index, line)
        near = {index + 1, index + 2}
    elif kind == "truncate":
        lines[index] = line[: position % (len(line) + 1)]
        near = {index + 1}
    else:
        at = position % (len(line) + 1)
        lines[index] = line[:at] + inserted + line[at:]
        near = {index + 1}
    allowed = {n + d for n in near for d in (-1, 0, 1)}
    return "\n".join(lines), allowed, _block_start(text.split("\n"), index)


@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_a_mutated_content_file_never_breaks_the_build_or_the_site(workspace, monkeypatch, data):
    project, output = workspace.project, workspace.output
    monkeypatch.chdir(project)
    logging.getLogger("pelican").propagate = False
    before = workspace.baseline()
    files = workspace.files

    path = data.draw(st.sampled_from(files), label="file")
    original = path.read_bytes()
    text = original.decode("utf-8")
    kind = data.draw(st.sampled_from(MUTATIONS), label="mutation")
    index = data.draw(st.integers(0, max(0, text.count("\n"))), label="line index")
    position = data.draw(st.integers(0, 200), label="position")
    inserted = data.draw(st.sampled_from(INSERTED), label="inserted")
    mutated, allowed, block = _mutate(text, kind, index, position, inserted)
    path.write_bytes(mutated.encode("utf-8"))
    try:
        result = workspace.build()
    finally:
        path.write_bytes(original)

    event(f"{kind} {'built' if result.ok else 'refused'}")
    said = "\n".join(result.messages)
    assert "Traceback" not in said and "erreur inattendue" not in said, said
    if result.ok:
        workspace.before = None  # the site changed: that is allowed (read it again next)
        return
    problems = [line for message in result.messages for line in message.splitlines()
                if " — " in line and not line.startswith("avis :")]
    assert problems, said
    for line in problems:
        assert PROBLEM.match(line), f"not a declared message: {line!r}"
    name = str(path.relative_to(project))
    here = [PROBLEM.match(line) for line in problems if line.startswith(name + ":")]
    assert here, f"{kind} in {name} at line {index + 1}: {said}"
    assert any(
        match["line"] is None
        or int(match["line"]) in allowed
        or (block <= int(match["line"]) <= max(allowed, default=block)
            and any(m in match.group(0) for m in MISSING))
        for match in here), f"{kind} in {name} at line {index + 1} ({allowed}): {said}"
    assert snapshot(output) == before, said


def test_the_mutations_reach_every_kind_of_file(workspace):
    names = {re.sub(r"\.(fr|ar)\.md$", ".md", f.name) for f in workspace.files}
    assert {"partenaires.toml", "jalons.toml", "run-3.toml", "run-9.toml", "run-9.md",
            "a-propos.md", "annonce-run-3.md", "exemple.md", "messages.po"} <= names
