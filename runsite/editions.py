"""The series: partners, milestones and editions (with their agenda) read from
content/, put in the context of every template, and each edition's pages
written in every language (the edition and its programme).
"""

from __future__ import annotations

import datetime
import glob
import os
from dataclasses import dataclass

from pelican.contents import Page
from pelican.generators import Generator

from . import tense, urls
from .clock import build_date
from .data import read_edition, read_milestones, read_partners, read_publisher
from .problems import relative
from .state import of


@dataclass(frozen=True)
class TimelineEntry:
    date: datetime.date
    precision: str  # "day" or "month"
    item: object  # Edition or Milestone

    @property
    def kind(self):
        return self.item.kind


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
        editions = self._read_editions(state, partners)
        for edition in editions:
            for partner, role in edition.partners:
                partner.roles.append((edition, role))
        timeline = sorted(
            [TimelineEntry(e.start, "day", e) for e in editions]
            + [TimelineEntry(m.date, m.precision, m) for m in milestones],
            key=lambda entry: (entry.date, entry.kind != "milestone"),
        )
        today = build_date(self.settings)
        tense.check(editions, today, state)
        upcoming = [e for e in editions if e.status(today) == "upcoming"]
        self.context.update(
            editions=editions,
            partners=[p for p in (partners or {}).values() if p],
            milestones=milestones,
            timeline=timeline,
            build_date=today,
            featured_edition=upcoming[0] if upcoming else (editions[-1] if editions else None),
            publisher=read_publisher(
                os.path.join(content, self.settings["RUN_PUBLISHER_FILE"]), state),
        )

    def _read_editions(self, state, partners):
        folder = os.path.join(self.path, self.settings["RUN_EDITIONS_PATH"])
        languages = state.languages
        editions, numbers = [], {}
        data_files = sorted(glob.glob(os.path.join(folder, "*.toml")))
        stems = {os.path.splitext(os.path.basename(p))[0] for p in data_files}
        state.edition_ids = sorted(stems)
        for text_file in sorted(glob.glob(os.path.join(folder, "*.md"))):
            stem = os.path.basename(text_file).split(".")[0]
            if stem not in stems:
                state.problem(text_file, None, "edition_text_without_data",
                              file=relative(os.path.join(folder, stem + ".toml"), os.getcwd()))
        for data_file in data_files:
            edition = read_edition(data_file, state, partners)
            if edition is None:
                continue
            if edition.draft and not self.settings.get("RUN_SHOW_DRAFTS"):
                state.draft_editions.append(edition.id)
                continue
            for code in languages:
                text_file = os.path.join(folder, f"{edition.id}.{code}.md")
                if not os.path.exists(text_file):
                    state.problem(data_file, None, "edition_text_missing",
                                  language=languages[code].in_words,
                                  file=relative(text_file, os.getcwd()))
                    continue
                edition.texts[code] = self.readers.read_file(
                    base_path=self.path, path=text_file, content_class=Page,
                    context=self.context)
            if edition.number in numbers:
                state.problem(data_file, None, "edition_number_taken", number=edition.number,
                              other=relative(numbers[edition.number].source, os.getcwd()))
            numbers[edition.number] = edition
            if len(edition.texts) == len(languages):
                editions.append(edition)
        return sorted(editions, key=lambda e: e.start)

    def generate_output(self, writer):
        languages = of(self.settings).languages
        for edition in self.context["editions"]:
            for kind, template in page_kinds(edition):
                alternate_urls = urls.all_languages(self.settings, languages, kind, edition)
                for code in languages:
                    url = alternate_urls[code]
                    writer.write_file(
                        f"{url}index.html", self.get_template(template), self.context,
                        url=url, lang=code, alternate_urls=alternate_urls,
                        edition=edition, text=edition.texts[code], page_name=kind,
                        draft=edition.draft,
                    )


def get_generators(pelican):
    return SeriesGenerator
