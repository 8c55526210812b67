"""The series: partners, milestones and editions (with their agenda) read from
content/, put in the context of every template, and each edition's pages
written in every language (the edition and its programme).
"""

from __future__ import annotations

import datetime
import glob
import itertools
import os
from dataclasses import dataclass
from types import SimpleNamespace

from pelican.contents import Page
from pelican.generators import Generator

from runsite.core import urls
from runsite.core.clock import build_date
from runsite.core.names import REPORT_SUFFIX
from runsite.core.problems import relative
from runsite.core.state import of
from runsite.model.load import (
    read_edition,
    read_milestones,
    read_partners,
    read_publisher,
    read_speakers,
)
from runsite.validate import tense


@dataclass(frozen=True)
class TimelineEntry:
    date: datetime.date
    precision: str  # "day" or "month"
    item: object  # Edition or Milestone

    @property
    def kind(self):
        return self.item.kind


def _stem(path):
    """The edition a file belongs to: run-3 for run-3.toml, run-3.fr.md and its report
    run-3-compte-rendu.fr.md."""
    return os.path.basename(path).split(".")[0].removesuffix(REPORT_SUFFIX)


def _squeezed(name):
    return "".join(c for c in name.lower() if c.isalnum())


def _apart(data_files, stems, text_stems, state) -> dict:
    """Data files and texts that belong together but are not named alike (run3.toml and
    run-3.fr.md): one problem each, at the data file. Returns {data file: text stem}."""
    orphans = {_squeezed(s): s for s in text_stems - stems}
    apart = {}
    for data_file in data_files:
        stem = _stem(data_file)
        if stem in text_stems:
            continue
        match = orphans.get(_squeezed(stem))
        if match:
            apart[data_file] = match
            if os.path.realpath(data_file) not in state.refused:  # else its name is told
                state.problem(data_file, None, "edition_files_apart",
                              texts=f"{match}.*.md", expected=f"{match}.toml")
    return apart


def page_kinds(edition):
    """The pages an edition has: itself, and its programme when it has sessions."""
    kinds = [("edition", "edition")]
    if edition.sessions:
        kinds.append(("agenda", "agenda"))
    return kinds


class SeriesGenerator(Generator):
    """Reads the series' data; writes every edition's page and programme per language."""

    def generate_context(self):
        state = of(self.settings)
        content = self.path
        partners = read_partners(os.path.join(content, self.settings["RUN_PARTNERS_FILE"]),
                                 state)
        milestones = read_milestones(
            os.path.join(content, self.settings["RUN_MILESTONES_FILE"]), state)
        speakers = read_speakers(os.path.join(content, self.settings["RUN_SPEAKERS_FILE"]),
                                 state, partners, self.settings["RUN_PHOTOS_PATH"])
        editions = self._read_editions(state, partners, speakers)
        for edition in editions:
            for partner, role in edition.partners:
                partner.roles.append((edition, role))
            for session in edition.sessions:
                for speaker in session.speakers:
                    if not isinstance(speaker, str):
                        speaker.sessions.append((edition, session))
        timeline = sorted(
            [TimelineEntry(e.start, "day", e) for e in editions]
            + [TimelineEntry(m.date, m.precision, m) for m in milestones],
            key=lambda entry: (entry.date, entry.kind != "milestone"),
        )
        self._declare(state, editions)
        today = build_date(self.settings)
        for edition in editions:
            edition.now = edition.standing(today)
        tense.check(editions, state)
        # The home page shows the edition of the day, or the next one, or the last.
        upcoming = [e for e in editions if e.now.when != "past" and not e.now.cancelled]
        self.context.update(
            editions=editions,
            partners=[p for p in (partners or {}).values() if p],
            # Speakers with a page: those who speak at a published edition.
            speakers=[p for p in (speakers or {}).values() if p and p.sessions],
            # ... and every speaker written without a problem (their photos are checked).
            speakers_written=[p for p in (speakers or {}).values() if p],
            milestones=milestones,
            timeline=timeline,
            build_date=today,
            featured_edition=upcoming[0] if upcoming else (editions[-1] if editions else None),
            # The series counts the editions that took place or will (not those cancelled).
            editions_held=[e for e in editions if not e.now.cancelled],
            publisher=read_publisher(
                os.path.join(content, self.settings["RUN_PUBLISHER_FILE"]), state),
        )

    def _read_editions(self, state, partners, speakers):
        folder = os.path.join(self.path, self.settings["RUN_EDITIONS_PATH"])
        languages = state.languages
        editions, numbers = [], {}
        places = {"content": self.path, "photos": self.settings["RUN_PHOTOS_PATH"],
                  "documents": self.settings["RUN_DOCUMENTS_PATH"],
                  "document_limit": self.settings["RUN_DOCUMENT_MAX_MB"]}
        data_files = [p for p in sorted(glob.glob(os.path.join(folder, "*.toml")))
                      if os.path.isfile(p)]
        stems = {_stem(p) for p in data_files}
        state.edition_ids = sorted(stems)
        text_stems = {_stem(p) for p in glob.glob(os.path.join(folder, "*.md"))}
        apart = _apart(data_files, stems, text_stems, state)
        # Links to an edition whose files are apart are not blamed: its problem is told.
        state.edition_ids = sorted(stems | set(apart.values()))
        for text_file in sorted(glob.glob(os.path.join(folder, "*.md"))):
            stem = _stem(text_file)
            if stem in stems or stem in apart.values():
                continue
            # run-4-rapport.fr.md: meant as run-4's report, under another name.
            edition = next((s for s in sorted(stems, key=len, reverse=True)
                            if stem.startswith(s + "-")), None)
            if edition:
                lang = os.path.basename(text_file).split(".")[-2]
                state.problem(text_file, None, "report_name", name=os.path.basename(text_file),
                              edition=edition, expected=f"{edition}{REPORT_SUFFIX}.{lang}.md")
            else:
                state.problem(text_file, None, "edition_text_without_data",
                              file=relative(os.path.join(folder, stem + ".toml"), os.getcwd()))
        for data_file in data_files:
            if os.path.realpath(data_file) in state.refused or data_file in apart:
                continue
            edition = read_edition(data_file, state, partners, speakers, places)
            if edition is None:
                continue
            if edition.draft and not self.settings.get("RUN_SHOW_DRAFTS"):
                state.draft_editions.append(edition.id)
                continue
            for code in languages:
                text_file = os.path.join(folder, f"{edition.id}.{code}.md")
                if not os.path.exists(text_file) and languages[code].partial:
                    continue  # shown in the default language (below), marked
                if not os.path.exists(text_file):
                    state.problem(data_file, None, "edition_text_missing",
                                  language=languages[code].in_words,
                                  file=relative(text_file, os.getcwd()))
                    continue
                edition.texts[code] = self.readers.read_file(
                    base_path=self.path, path=text_file, content_class=Page,
                    context=self.context)
            self._read_report(state, folder, data_file, edition)
            if edition.number in numbers:
                state.problem(data_file, None, "edition_number_taken", number=edition.number,
                              other=relative(numbers[edition.number].source, os.getcwd()))
            numbers[edition.number] = edition
            default = languages.default.code
            if default in edition.texts:
                for code, language in languages.items():
                    if language.partial and code not in edition.texts:
                        edition.texts[code] = edition.texts[default]
            if len(edition.texts) == len(languages):
                editions.append(edition)
        editions = sorted(editions, key=lambda e: e.start)
        for earlier, later in itertools.pairwise(editions):
            earlier.next, later.previous = later, earlier
        return editions

    def _read_report(self, state, folder, data_file, edition):
        """The edition's report (run-3-compte-rendu.fr.md…): in every language, or in
        none; a partial language shows the default language's."""
        languages = state.languages
        files = {code: os.path.join(folder, f"{edition.id}{REPORT_SUFFIX}.{code}.md")
                 for code in languages}
        written = {code for code, path in files.items() if os.path.exists(path)}
        if not written:
            return
        for code, path in files.items():
            if code in written:
                edition.report[code] = self.readers.read_file(
                    base_path=self.path, path=path, content_class=Page,
                    context=self.context)
            elif not languages[code].partial:
                state.problem(files[sorted(written)[0]], None, "report_missing",
                              language=languages[code].in_words,
                              file=relative(path, os.getcwd()))
        default = languages.default.code
        for code, language in languages.items():
            if language.partial and code not in edition.report and default in edition.report:
                edition.report[code] = edition.report[default]
        if len(edition.report) < len(languages):
            edition.report = {}

    def _declare(self, state, editions):
        """Each edition's pages and calendar in every language; and the addresses of
        the editions not built (a draft, or one whose data has a problem)."""
        outputs, languages = state.outputs, state.languages
        for edition in editions:
            origin = relative(edition.source, os.getcwd())
            draft = "« draft = true »" if edition.draft else None
            for kind, _ in page_kinds(edition):
                for code, url in urls.all_languages(self.settings, languages, kind,
                                                    edition).items():
                    outputs.declare(state, url, origin, edition.source, lang=code,
                                    group=(kind, edition.id), draft=draft)
            for code, url in urls.all_languages(self.settings, languages, "edition_calendar",
                                                edition).items():
                outputs.declare(state, url, origin, lang=code, page=False)
        published = {e.id for e in editions}
        for edition_id in state.edition_ids:
            if edition_id in published:
                continue
            stand_in = SimpleNamespace(id=edition_id)
            for kind in ("edition", "agenda"):
                for url in urls.all_languages(self.settings, languages, kind,
                                              stand_in).values():
                    if edition_id in state.draft_editions:
                        outputs.declare_draft(url, "« draft = true »")
                    else:
                        outputs.declare(state, url, "une édition à corriger", page=False)

    def generate_output(self, writer):
        languages = of(self.settings).languages
        for edition in self.context["editions"]:
            for kind, template in page_kinds(edition):
                for code, url in urls.all_languages(self.settings, languages, kind,
                                                    edition).items():
                    writer.write_file(
                        f"{url}index.html", self.get_template(template), self.context,
                        page_url=url, lang=code,
                        edition=edition, text=edition.texts[code], page_name=kind,
                        draft=edition.draft,
                    )


def get_generators(pelican):
    return SeriesGenerator
