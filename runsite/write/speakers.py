"""A page per speaker and language (content/intervenants.toml, read with the series
in runsite.write.editions): who they are, and their sessions across editions; their
photo through the image pipeline (runsite.write.images). And, once the series has a
speaker, the list of every speaker, per language (/intervenants/).
"""

from __future__ import annotations

import os

from pelican.generators import Generator

from runsite.core import urls
from runsite.core.problems import relative
from runsite.core.state import of
from runsite.write import images


class SpeakersGenerator(Generator):
    def generate_context(self):
        state = of(self.settings)
        width = self.settings["RUN_PHOTO_WIDTH"]
        pictures = {}
        origin = relative(os.path.join(self.path, self.settings["RUN_SPEAKERS_FILE"]),
                          os.getcwd())
        for speaker in self.context.get("speakers", []):
            for code, url in urls.all_languages(self.settings, state.languages, "speaker",
                                                speaker).items():
                state.outputs.declare(state, url, origin, lang=code,
                                      group=("speaker", speaker.id))
        if self.context.get("speakers"):
            for code, url in urls.all_languages(self.settings, state.languages,
                                                "speakers").items():
                state.outputs.declare(state, url, origin, lang=code, group=("speakers",))
        published = {speaker.id for speaker in self.context.get("speakers", [])}
        # Every photo is checked, even of someone who speaks at no published edition yet.
        for speaker in self.context.get("speakers_written", []):
            if not speaker.photo:
                continue
            try:  # checked and converted now: a bad photo stops the build before writing
                picture = images.prepare(self.settings, speaker.photo, speaker.id, width)
            except images.Unreadable as problem:
                state.problem(*speaker.photo_at, problem.code, **problem.values)
                continue
            if speaker.id not in published:
                continue
            pictures[speaker.id] = picture
            photo = os.path.join(self.path, speaker.photo)
            for name in picture.files:
                state.outputs.declare(state, name, relative(photo, os.getcwd()), photo,
                                      page=False)
        self.context["speaker_pictures"] = pictures

    def generate_output(self, writer):
        languages = of(self.settings).languages
        pictures = self.context["speaker_pictures"]
        for speaker in self.context.get("speakers", []):
            if speaker.id in pictures:
                images.write(pictures[speaker.id], self.output_path)
            for code, url in urls.all_languages(self.settings, languages, "speaker",
                                                speaker).items():
                writer.write_file(
                    f"{url}index.html", self.get_template("speaker"), self.context,
                    page_url=url, lang=code, speaker=speaker, page_name="speaker",
                )
        if self.context.get("speakers"):
            for code, url in urls.all_languages(self.settings, languages, "speakers").items():
                script = languages[code].script
                # In the page's script where the name is written in it, then the others.
                ordered = sorted(self.context["speakers"], key=lambda s: (
                    s.name_in(script) is None, (s.name_in(script) or s.name).casefold()))
                writer.write_file(
                    f"{url}index.html", self.get_template("speakers"), self.context,
                    page_url=url, lang=code, ordered_speakers=ordered, page_name="speakers",
                )


def get_generators(pelican):
    return SpeakersGenerator
