"""Fast everywhere: content-hashed asset names and precompressed text files.

Run by the safe build (``runsite.tools.build``) on the staging folder, once Pelican has
written the whole site and before the folder is swapped in. The steps below are
switched on in ``publishconf.py`` only: the live preview keeps plain names, so that
its reload of a changed stylesheet works.

absolute links (whenever ``SITEURL`` is an absolute address)
    the root-relative links organisers write (``/editions/run-3/``) name a page
    of the site: they become absolute under ``SITEURL``, so that they still work on
    a site served from a sub-path (``https://organisation.github.io/run/``) and in
    feeds.
``RUN_FINGERPRINT``
    CSS, fonts and images get the hash of their content in their name
    (``theme/css/noscript.css`` becomes ``theme/css/noscript.3f2a9c1b.css``), so hosts can
    cache them for a year, and every reference is rewritten: ``href``, ``src`` and
    ``srcset`` in HTML, ``url()`` and ``@import`` in CSS, and addresses under
    ``SITEURL`` in any text file (feeds, JSON-LD, Open Graph, calendars). Fonts and
    images first, then the stylesheets that name them, then the stylesheets
    themselves, minified (once their references are checked, at their lines). A hashed
    file stays in its folder, so a reference keeps its form
    (absolute, root-relative or relative): only its file name changes. Files at the
    site's root (``favicon.ico``) are also kept under their own name, since
    browsers ask for them by name.
``RUN_PRECOMPRESS``
    ``name.gz`` (gzip, no time stamp) and ``name.br`` (brotli) beside every text
    file, where they save at least 5%, for servers that send them as they are
    (nginx ``gzip_static``).
``RUN_SECURITY_HEADERS``
    the ``_headers`` file (``runsite.render.headers``), with a year of cache for exactly
    the hashed files.

Files are handled in sorted order and nothing depends on the clock: the same site
gives the same bytes.
"""

from __future__ import annotations

import gzip
import os
import posixpath
import re
from urllib.parse import unquote, urlsplit

import brotli

from runsite.core import urls
from runsite.core.fingerprints import digest as _digest
from runsite.core.fingerprints import hashed_name
from runsite.core.problems import ContentError, Problem, relative
from runsite.render import headers, styles

# Files that get a hashed name. Stylesheets name other files, so they come last.
FINGERPRINTED = {".css", ".woff2", ".woff", ".ttf", ".otf", ".png", ".jpg", ".jpeg",
                 ".gif", ".webp", ".avif", ".svg", ".ico"}
# Text files: references to rewrite in them, and .gz/.br beside them.
TEXT = {".html", ".css", ".xml", ".svg", ".js", ".json", ".ics", ".txt", ".atom", ".rss",
        ".webmanifest"}
COMPRESSED_ENOUGH = 0.95  # keep name.gz / name.br only if at most 95% of the original

HTML_ATTRIBUTE = re.compile(r"""(\s(?:href|src|poster)\s*=\s*)(["'])(.*?)\2""", re.I | re.S)
HTML_SRCSET = re.compile(r"""(\s(?:srcset|imagesrcset)\s*=\s*)(["'])(.*?)\2""", re.I | re.S)
# Comments first, so that a url() in a comment is left alone.
CSS_REFERENCE = re.compile(
    r"""/\*.*?\*/"""
    r"""|(?P<url>url\(\s*(?P<q1>["']?)(?P<u1>[^"')]*?)(?P=q1)\s*\))"""
    r"""|(?P<import>@import\s+(?P<q2>["'])(?P<u2>[^"']*)(?P=q2))""", re.S)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)
LINKING = {".html", ".xml", ".atom", ".rss"}


def post_process(folder, settings):
    """Everything publishing adds to a freshly built site, in ``folder``."""
    siteurl = settings.get("SITEURL") or ""
    if re.match(r"^https?://", siteurl) and not settings.get("RELATIVE_URLS"):
        absolute_links(folder, siteurl.rstrip("/"))
    hashed = fingerprint(folder, settings) if settings.get("RUN_FINGERPRINT") else {}
    if settings.get("RUN_SECURITY_HEADERS"):
        headers.write_headers_file(folder, settings, sorted(hashed.values()))
    if settings.get("RUN_PRECOMPRESS"):
        precompress(folder)


def absolute_links(folder, siteurl):
    """Root-relative links in pages and feeds made absolute under ``siteurl``."""
    for path in _site_files(folder):
        if _extension(path) in LINKING:
            text = _read_text(folder, path)
            new = urls.absolute_links(text, siteurl)
            if new != text:
                _write_text(folder, path, new)


# --- Fingerprints ----------------------------------------------------------------

def _site_files(folder):
    """Every file of the site, as sorted site paths ('theme/css/run.css')."""
    found = []
    for directory, subdirectories, files in os.walk(folder):
        subdirectories.sort()
        relative = os.path.relpath(directory, folder)
        for name in files:
            found.append(posixpath.normpath(posixpath.join(relative.replace(os.sep, "/"), name)))
    return sorted(found)


def _extension(path):
    return posixpath.splitext(path)[1].lower()


class _References:
    """Finds which site file a reference names, and rewrites it to the hashed name."""

    def __init__(self, siteurl, digests):
        self.siteurl = (siteurl or "").rstrip("/")
        self.base = urlsplit(self.siteurl).path.rstrip("/")  # '/run' on a project site
        self.digests = digests  # site path -> hash, filled as files are hashed
        self.absolute = (re.compile(re.escape(self.siteurl) + r"""/[^\s"'<>()\\&]*""")
                         if self.siteurl else None)

    def target(self, reference, directory):
        """Site path named by ``reference`` from a file in ``directory``, or None."""
        path = re.split(r"[?#]", reference, maxsplit=1)[0].strip()
        if self.siteurl and (path + "/").startswith(self.siteurl + "/"):
            path = path[len(self.siteurl):].lstrip("/")
        elif not path or EXTERNAL.match(path):
            return None
        elif path.startswith("/"):
            if self.base and not path.startswith(self.base + "/"):
                return None
            path = path[len(self.base):].lstrip("/")
        else:
            path = posixpath.join(directory, path)
        path = posixpath.normpath(unquote(path))
        return None if path.startswith("../") else path

    def rewrite(self, reference, directory):
        target = self.target(reference, directory)
        digest = self.digests.get(target)
        if digest is None:
            return reference
        end = len(re.split(r"[?#]", reference, maxsplit=1)[0])
        head, slash, name = reference[:end].rpartition("/")
        return f"{head}{slash}{hashed_name(name, digest)}{reference[end:]}"

    def in_html(self, text, directory):
        def attribute(match):
            return match[1] + match[2] + self.rewrite(match[3], directory) + match[2]

        def srcset(match):
            candidates = []
            for candidate in match[3].split(","):
                parts = candidate.strip().split(None, 1)
                if parts:
                    parts[0] = self.rewrite(parts[0], directory)
                candidates.append(" ".join(parts))
            return match[1] + match[2] + ", ".join(candidates) + match[2]

        text = HTML_ATTRIBUTE.sub(attribute, text)
        text = HTML_SRCSET.sub(srcset, text)
        return self.in_text(text)

    def in_text(self, text):
        """Absolute addresses under SITEURL, wherever they are (feeds, JSON-LD, meta)."""
        if self.absolute is None:
            return text
        return self.absolute.sub(lambda match: self.rewrite(match[0], ""), text)


def _css_references(text):
    """(position, reference) of every url() and @import outside comments."""
    for match in CSS_REFERENCE.finditer(text):
        if match["url"]:
            yield match.start("u1"), match["u1"]
        elif match["import"]:
            yield match.start("u2"), match["u2"]


def _rewrite_css(text, directory, references):
    def replace(match):
        if match["url"]:
            old = match["u1"]
            new = references.rewrite(old, directory) if old else old
            return match[0].replace(old, new, 1) if old else match[0]
        if match["import"]:
            return match[0].replace(match["u2"], references.rewrite(match["u2"], directory), 1)
        return match[0]  # a comment

    return CSS_REFERENCE.sub(replace, text)


def _source_of(site_path, settings):
    """Where organisers find a site file: the theme's static folder or content/."""
    theme_dir = settings.get("THEME_STATIC_DIR", "theme").strip("/")
    candidates = []
    if site_path.startswith(theme_dir + "/"):
        rest = site_path[len(theme_dir) + 1:]
        candidates += [os.path.join(settings["THEME"], static, rest)
                       for static in settings.get("THEME_STATIC_PATHS", ["static"])]
    candidates.append(os.path.join(settings["PATH"], site_path))
    for candidate in candidates:
        if os.path.isfile(candidate):
            return candidate
    return site_path


def fingerprint(folder, settings) -> dict[str, str]:
    """Hash-name the assets of the site in ``folder``, rewrite every reference.

    Returns {old site path: new site path}. A stylesheet naming a file the site
    does not have stops the build (its visitors would get a 404).
    """
    files = _site_files(folder)
    existing = set(files)
    references = _References(settings.get("SITEURL", ""), {})
    renamed = {}

    def rename(path, data):
        digest = _digest(data)
        new = posixpath.join(posixpath.dirname(path), hashed_name(posixpath.basename(path),
                                                                   digest))
        with open(os.path.join(folder, new), "wb") as fp:
            fp.write(data)
        if "/" in path:  # files at the root keep their own name too (favicon.ico)
            os.remove(os.path.join(folder, path))
        references.digests[path] = digest
        renamed[path] = new

    assets = [p for p in files if _extension(p) in FINGERPRINTED]
    for path in assets:
        if _extension(path) != ".css":
            with open(os.path.join(folder, path), "rb") as fp:
                rename(path, fp.read())

    # Stylesheets: once every stylesheet they @import has its final name.
    problems = []
    sheets = {p: _read_text(folder, p) for p in assets if _extension(p) == ".css"}
    waiting = dict(sheets)
    while waiting:
        ready = []
        for path, text in waiting.items():
            directory = posixpath.dirname(path)
            targets = {references.target(r, directory) for _, r in _css_references(text)}
            if not (targets - {path}) & set(waiting):
                ready.append(path)
        if not ready:
            cycle = ", ".join(sorted(waiting))
            raise ContentError([Problem.of(_source_of(p, settings), None, "css_import_cycle",
                                           sheets=cycle) for p in sorted(waiting)])
        for path in sorted(ready):
            text = waiting.pop(path)
            directory = posixpath.dirname(path)
            for position, reference in _css_references(text):
                target = references.target(reference, directory)
                if target is not None and target not in existing:
                    problems.append(Problem.of(
                        _source_of(path, settings), text.count("\n", 0, position) + 1,
                        "css_reference_missing", reference=reference))
            css = styles.minify(_rewrite_css(text, directory, references))
            rename(path, css.encode("utf-8"))
    if problems:
        raise ContentError(problems)

    for path in files:
        extension = _extension(path)
        if path in renamed or extension not in TEXT or extension == ".css":
            continue
        text = _read_text(folder, path)
        if extension == ".html":
            new = references.in_html(text, posixpath.dirname(path))
        else:
            new = references.in_text(text)
        if new != text:
            _write_text(folder, path, new)
    return renamed


def _read_text(folder, path):
    with open(os.path.join(folder, path), encoding="utf-8", newline="") as fp:
        return fp.read()


def _write_text(folder, path, text):
    with open(os.path.join(folder, path), "w", encoding="utf-8", newline="") as fp:
        fp.write(text)


def _relative(path):
    return relative(path, os.getcwd())


# --- Precompression ----------------------------------------------------------------

def precompress(folder):
    """``name.gz`` and ``name.br`` beside each text file, where they save bytes."""
    for path in _site_files(folder):
        if _extension(path) not in TEXT:
            continue
        full = os.path.join(folder, path)
        with open(full, "rb") as fp:
            data = fp.read()
        limit = len(data) * COMPRESSED_ENOUGH
        for suffix, compressed in ((".gz", gzip.compress(data, compresslevel=9, mtime=0)),
                                   (".br", brotli.compress(data, quality=11))):
            if len(compressed) <= limit:
                with open(full + suffix, "wb") as fp:
                    fp.write(compressed)
