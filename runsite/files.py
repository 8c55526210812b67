"""What ``content/`` may hold, checked before anything is read.

- No symbolic link that leaves ``content/`` (a link to ``/etc/passwd`` would be
  published), and no link to a folder (the folder would be read twice, or forever).
- Files copied as they are (images, documents) only of the kinds a visitor's
  browser opens without running anything: no ``.html`` or ``.js`` page beside the
  site's own.
- SVG images without script, event handlers, embedded HTML or references to other
  sites: opened on their own, an SVG runs its scripts with the site's address.
"""

from __future__ import annotations

import fnmatch
import os
import re

from lxml import etree

# Files published as they are: images and documents.
STATIC_TYPES = frozenset({
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg", ".ico",
    ".pdf", ".odp", ".odt", ".ods", ".pptx", ".docx", ".xlsx", ".txt", ".csv",
})
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
SVG_FORBIDDEN = {"script", "foreignObject", "iframe", "embed", "object", "handler",
                 "listener"}
# Styles that fetch something from elsewhere.
EXTERNAL_STYLE = re.compile(r"@import|url\(\s*[\"']?\s*(?:[a-z][a-z0-9+.-]*:|//)(?!image/)",
                            re.I)


def _inside(path, root) -> bool:
    return os.path.commonpath([path, root]) == root


def check_content(settings, state):
    """Problems in the files of the content folder, before Pelican reads any."""
    root = os.path.realpath(settings["PATH"])
    ignored = settings.get("IGNORE_FILES") or ()
    static_folders = {os.path.normpath(p) for p in settings.get("STATIC_PATHS") or ()}
    for folder, subfolders, files in os.walk(root):  # links are not followed
        subfolders[:] = [name for name in subfolders
                         if not any(fnmatch.fnmatch(name, pattern) for pattern in ignored)]
        for name in sorted(subfolders + files):
            path = os.path.join(folder, name)
            if os.path.islink(path):
                _check_link(path, root, state)
        relative = os.path.relpath(folder, root)
        top = relative.split(os.sep)[0]
        if top not in static_folders:
            continue
        for name in sorted(files):
            path = os.path.join(folder, name)
            extension = os.path.splitext(name)[1].lower()
            if extension not in STATIC_TYPES:
                state.problem(path, None, "static_type_refused", name=name,
                              types=", ".join(sorted(STATIC_TYPES)))
            elif extension == ".svg" and not os.path.islink(path):
                _check_svg(path, state)


def _check_link(path, root, state):
    target = os.path.realpath(path)
    if os.path.isdir(path):
        state.problem(path, None, "symlink_folder")
    elif not _inside(target, root):
        state.problem(path, None, "symlink_outside")


def _check_svg(path, state):
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        tree = etree.parse(path, parser)
    except etree.XMLSyntaxError as error:
        state.problem(path, error.lineno or 1, "svg_unreadable")
        return
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # comments, processing instructions
        local = etree.QName(element).localname
        if local in SVG_FORBIDDEN:
            state.problem(path, element.sourceline, "svg_code_element", element=local)
            continue
        if local == "style" and EXTERNAL_STYLE.search(element.text or ""):
            state.problem(path, element.sourceline, "svg_external_style")
        for name, value in element.attrib.items():
            attribute = etree.QName(name).localname
            if attribute.lower().startswith("on"):
                state.problem(path, element.sourceline, "svg_code_attribute",
                              attribute=attribute)
            elif attribute == "style" and EXTERNAL_STYLE.search(value):
                state.problem(path, element.sourceline, "svg_external_style")
            elif attribute == "href" and not value.strip().startswith(("#", "data:image/")):
                state.problem(path, element.sourceline, "svg_external_reference",
                              reference=value.strip()[:60])
