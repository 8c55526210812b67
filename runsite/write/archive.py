"""What remains of an edition once it is over: the sessions' slides (copied from
content/documents/ while a session names them), the recordings' images, and the
gallery's photos through the image pipeline (runsite.write.images). The report is
read with the edition's texts (runsite.write.editions).

Nothing is published that no edition names: taking a photo, a slide deck or a
recording down is deleting its line (and its file), and the next build, written
whole in a new folder, leaves no copy behind (docs/guide-organisateurs.md).
"""

from __future__ import annotations

import os
import shutil

from pelican.generators import Generator

from runsite.core import urls
from runsite.core.problems import relative
from runsite.core.state import of
from runsite.write import images

POSTER = "enregistrement"  # a recording's image: <session>-enregistrement-320.webp


def _site_folder(settings, languages, edition, name) -> str:
    """Where an edition's pictures go: beside its page (editions/run-3/photos)."""
    return urls.path(settings, languages, languages.default.code, "edition",
                     edition).rstrip("/") + f"/{name}"


class ArchiveGenerator(Generator):
    def generate_context(self):
        state = of(self.settings)
        languages = state.languages
        pictures, documents, named = {}, {}, {}
        for edition in self.context.get("editions", []):
            origin = relative(edition.source, os.getcwd())
            folder = _site_folder(self.settings, languages, edition, "photos")
            # The report and the photos are shown once the edition is over: until then
            # they are checked, and neither shown nor published.
            shown = edition.now is not None and edition.now.when == "past"
            if not shown and (edition.photos or edition.report):
                state.notice(edition.source, "archive_before_the_end")
            for session in edition.sessions:
                if session.slides and session.slides.path not in documents:
                    documents[session.slides.path] = edition.source
                    state.outputs.declare(state, session.slides.path, origin,
                                          os.path.join(self.path, session.slides.path),
                                          page=False)
                if session.recording:
                    source = session.recording.poster or images.generated_poster(
                        self.settings)
                    at = (edition.source, None)
                    picture = self._prepare(
                        state, source, f"{session.id}-{POSTER}", folder, at,
                        width=self.settings["RUN_POSTER_WIDTH"])
                    label = session.recording.poster or f"{session.id}-{POSTER}"
                    if picture and self._declare(state, picture, origin,
                                                 session.recording.poster, label, at, named):
                        pictures[(edition.id, session.id)] = picture
            for photo in edition.photos:
                picture = self._prepare(state, photo.file, photo.name, folder, photo.at,
                                        widths=self.settings["RUN_GALLERY_WIDTHS"])
                if picture and shown and self._declare(state, picture, origin, photo.file,
                                                       photo.file, photo.at, named):
                    pictures[(edition.id, photo.file)] = picture
            if not shown:
                edition.photos, edition.report = [], {}
        self._unused(state, documents)
        self.context["archive_pictures"] = pictures
        self.context["archive_documents"] = documents

    def _prepare(self, state, source, name, folder, at, width=None, widths=()):
        try:
            return images.prepare(self.settings, source, name, width or widths[0],
                                  folder=folder, widths=widths)
        except images.Unreadable as problem:
            state.problem(*at, problem.code, **problem.values)
            return None

    def _declare(self, state, picture, origin, source, label, at, named) -> bool:
        """The picture's files in the registry; False (and a problem at ``at``) if one
        of them is another picture's already: two photos named "amphi.jpg" in two
        folders, or a photo named like a recording's image, would overwrite it."""
        taken = next((named[name] for name in picture.files if name in named), None)
        if taken is not None:
            state.problem(*at, "picture_name_taken", value=label, other=taken)
            return False
        path = os.path.join(self.path, source) if source else None
        for name in picture.files:
            named[name] = label
            state.outputs.declare(state, name, origin, path, page=False)
        return True

    def _unused(self, state, documents):
        """A file of content/documents/ that no session names is not published: said,
        so that a deck awaiting its line is not thought online."""
        root = os.path.join(self.path, self.settings["RUN_DOCUMENTS_PATH"])
        for folder, _, files in os.walk(root):
            for name in sorted(files):
                path = os.path.join(folder, name)
                site_path = os.path.relpath(path, self.path).replace(os.sep, "/")
                if site_path not in documents and not name.startswith("."):
                    state.notice(path, "document_unused", name=site_path)

    def generate_output(self, writer):
        for picture in self.context["archive_pictures"].values():
            images.write(picture, self.output_path)
        for site_path in self.context["archive_documents"]:
            target = os.path.join(self.output_path, site_path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(self.path, site_path), target)


def get_generators(pelican):
    return ArchiveGenerator
