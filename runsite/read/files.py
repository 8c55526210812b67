"""What ``content/`` may hold, checked before anything is read.

- No symbolic link (a link to ``/etc/passwd``, or to a script disguised as an image,
  would be published).
- Every file where the build reads it: Markdown in ``pages/`` and ``actualites/``,
  an edition's files in ``editions/``, images and documents in ``images/`` and
  ``extra/``, the data files at the top. Anything else would be ignored, or
  published as it is: it is reported.
- Names that are addresses: lowercase ASCII, digits and dashes, the language
  before ``.md`` (``contact.fr.md``); a file published as it is has no language.
- Files copied as they are only of the kinds a visitor's browser opens without
  running anything (no ``.html`` or ``.js``), and SVG images through an
  allow-list (runsite.read.svg).
"""

from __future__ import annotations

import fnmatch
import os
import re

from slugify import slugify

from runsite.read import svg

STATIC_TYPES = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico",
    ".pdf", ".odp", ".odt", ".ods", ".pptx", ".docx", ".xlsx", ".txt", ".csv",
})
# Files published as they are: lowercase ASCII, one dot (a second one would be read
# by Pelican as a language: "logo.en.png").
STATIC_NAME = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*\.[a-z0-9]+$")


NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _layout(settings):
    """{top-level name: kind} of what content/ holds: markdown, editions, static, data."""
    layout = {}
    for name in (*settings.get("PAGE_PATHS", ()), *settings.get("ARTICLE_PATHS", ())):
        layout[os.path.normpath(name)] = "markdown"
    layout[os.path.normpath(settings["RUN_EDITIONS_PATH"])] = "editions"
    for name in settings.get("STATIC_PATHS") or ():
        layout[os.path.normpath(name)] = "static"
    # Read by the image pipeline only (runsite.write.images), never published as they
    # are: a phone's photo carries where it was taken.
    layout[os.path.normpath(settings["RUN_PHOTOS_PATH"])] = "photos"
    # Published by runsite.write.archive only while a session names them.
    layout[os.path.normpath(settings["RUN_DOCUMENTS_PATH"])] = "documents"
    for name in (settings["RUN_PARTNERS_FILE"], settings["RUN_MILESTONES_FILE"],
                 settings["RUN_PUBLISHER_FILE"], settings["RUN_SPEAKERS_FILE"]):
        layout[os.path.normpath(name)] = "data"
    return layout


def check_content(settings, state):
    """Problems in the files of the content folder, before Pelican reads any.

    Files that no part of the build would read, or that it would read under a name
    that is not the one intended, are reported and remembered in
    ``state.refused``: their other problems (a missing counterpart) are not
    reported a second time."""
    root = os.path.realpath(settings["PATH"])
    patterns = settings.get("IGNORE_FILES") or ()

    def ignored(name):  # Pelican's own rule: it neither reads nor copies these
        return any(fnmatch.fnmatch(name, pattern) for pattern in patterns)

    layout = _layout(settings)
    languages = state.languages
    for folder, subfolders, files in os.walk(root):  # links are not followed
        for name in sorted(subfolders + files):
            path = os.path.join(folder, name)
            if os.path.islink(path):  # never content, whatever its name: it could be anything
                state.problem(path, None, "symlink")
                state.refused.add(path)
        subfolders[:] = sorted(name for name in subfolders if not ignored(name))
        files = sorted(name for name in files if not ignored(name))
        relative = os.path.relpath(folder, root)
        if relative == ".":
            _check_top(root, subfolders, files, layout, state)
            continue
        kind = layout.get(relative.split(os.sep)[0])
        if kind == "editions":  # one folder of files: the build reads no subfolder here
            for name in subfolders:
                state.problem(os.path.join(folder, name), None, "folder_in_editions",
                              name=name)
            subfolders[:] = []
        for name in files:
            path = os.path.join(folder, name)
            if path in state.refused:
                continue
            if kind in ("static", "photos", "documents"):
                _check_static(path, name, languages, state)
            elif kind in ("markdown", "editions"):
                _check_source_name(path, name, kind, languages, state)


def _check_top(root, subfolders, files, layout, state):
    places = ("content/pages/ (page), content/actualites/ (actualité) ou "
              "content/editions/ (texte d'une édition)")
    for name in subfolders:
        if layout.get(name) not in (None, "data"):
            continue
        state.problem(os.path.join(root, name), None, "folder_unknown", name=name,
                      folders=", ".join(sorted(n for n, k in layout.items() if k != "data")))
    for name in files:
        if layout.get(name) == "data":
            continue
        path = os.path.join(root, name)
        state.refused.add(path)
        where = places if name.endswith(".md") else "dans content/images/ pour une image"
        state.problem(path, None, "file_misplaced", name=name, where=where)


def _check_static(path, name, languages, state):
    extension = os.path.splitext(name)[1].lower()
    parts = name.split(".")
    if extension not in STATIC_TYPES:
        state.problem(path, None, "static_type_refused", name=name,
                      types=", ".join(sorted(STATIC_TYPES)))
    elif len(parts) >= 3 and parts[-2] in languages:
        state.refused.add(path)
        suggestion = ".".join(parts[:-2]) + f"-{parts[-2]}.{parts[-1]}"
        state.problem(path, None, "static_language_suffix", name=name, lang=parts[-2],
                      suggestion=suggestion)
    elif not STATIC_NAME.match(name):
        state.refused.add(path)
        state.problem(path, None, "static_name_invalid", name=name,
                      suggestion=(slugify(os.path.splitext(name)[0]) or "fichier") + extension)
    elif extension == ".svg":
        _check_svg(path, state)


def _check_source_name(path, name, kind, languages, state):
    """pages/x.fr.md, actualites/x.ar.md, editions/run-4.toml and run-4.fr.md."""
    if kind == "editions" and name.endswith(".toml"):
        if not NAME.match(name.removesuffix(".toml")):
            state.refused.add(path)
            state.problem(path, None, "file_name_invalid", name=name,
                          suggestion=f"{slugify(name.removesuffix('.toml')) or 'run-n'}.toml")
        return
    if not name.endswith(".md"):
        expected = ("les pages et actualités s'écrivent en Markdown (.md)" if kind == "markdown"
                    else "une édition est un fichier .toml et ses textes .fr.md et .ar.md")
        extension = os.path.splitext(name)[1].lower()
        if extension in (".pdf", ".odp", ".pptx"):
            fix = ("déplacez-le : les diapositives d'une séance vont dans content/documents/ "
                   "(un document lié depuis un texte, dans content/images/)")
        elif extension in (".jpg", ".jpeg", ".png"):
            fix = ("déplacez-le : les photos d'une édition ou d'un intervenant vont dans "
                   "content/photos/, les autres images dans content/images/")
        else:
            fix = "renommez-le ou retirez-le"
        state.refused.add(path)
        state.problem(path, None, "file_type_ignored", name=name, expected=expected, fix=fix)
        return
    stem, _, lang = name.removesuffix(".md").rpartition(".")
    if not stem or not NAME.match(stem) or not lang.isascii() or not lang.islower():
        state.refused.add(path)
        base = slugify(stem or lang) or "page"
        code = lang if lang in languages else languages.default.code
        state.problem(path, None, "file_name_invalid", name=name,
                      suggestion=f"{base}.{code}.md")
    elif lang not in languages:
        state.refused.add(path)
        state.problem(path, None, "language_unknown", lang=lang,
                      languages=", ".join(languages))


def _check_svg(path, state):
    for line, code, values in svg.problems(path):
        state.problem(path, line, code, **values)
