"""A page per speaker and language (content/intervenants.toml, read with the series
in runsite.write.editions): who they are, and their sessions across editions; their
photo through the image pipeline (runsite.write.images).
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
        for speaker in self.context.get("speakers", []):
            for code, url in urls.all_languages(self.settings, state.languages, "speaker",
                                                speaker).items():
                state.outputs.declare(state, url, "content/intervenants.toml", lang=code,
                                      group=("speaker", speaker.id))
            if speaker.photo:
                picture, files = images.picture(self.settings, speaker.photo, speaker.id,
                                                width)
                pictures[speaker.id] = picture
                for name in files:
                    state.outputs.declare(state, name, relative(
                        os.path.join(self.path, speaker.photo), os.getcwd()), page=False)
        self.context["speaker_pictures"] = pictures

    def generate_output(self, writer):
        languages = of(self.settings).languages
        for speaker in self.context.get("speakers", []):
            if speaker.photo:
                images.write(self.settings, speaker.photo, speaker.id,
                             self.settings["RUN_PHOTO_WIDTH"], self.output_path)
            for code, url in urls.all_languages(self.settings, languages, "speaker",
                                                speaker).items():
                writer.write_file(
                    f"{url}index.html", self.get_template("speaker"), self.context,
                    page_url=url, lang=code, speaker=speaker, page_name="speaker",
                )


def get_generators(pelican):
    return SpeakersGenerator
