"""The site's search: a static index per language, built by Pagefind at publication.

Switched on by ``RUN_SEARCH_INDEX`` (publishconf.py) and run by runsite.pipeline
on the staging folder, once Pelican has written every page and before the assets
are hashed and compressed and the folder swapped in: a failed index fails the
build and leaves the published site as it was.

Pagefind (PyPI ``pagefind[bin]``, pinned in requirements.txt) reads each page's
``<html lang>`` and writes one index per language in ``pagefind/``, with the
stemmer of the language (Arabic included): a search in French finds only French
pages. It indexes only what templates mark with ``data-pagefind-body`` (editions,
programmes, speakers, news and pages; not the listings, the statements, the 404
page or the stand-ins). The search page runs it with the site's own script
(theme/static/js/search.js); Pagefind's prebuilt interfaces (English strings,
inline styles) are not published.

Pagefind is run as ``python -m pagefind`` (the same interpreter as the build),
quietly; anything wrong is a French message, never its own output alone.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

from runsite.core.problems import ContentError, Problem
from runsite.core.state import of

FOLDER = "pagefind"  # in the published site: /pagefind/pagefind.js
ENTRY = "pagefind-entry.json"  # Pagefind's list of the languages it indexed
TIMEOUT = 300  # seconds; the demonstration series takes well under one
# What Pagefind writes that the site does not use: its ready-made interfaces and the
# index of pages without a language (every page has one).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js",
          "pagefind-modular-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-highlight.js", "wasm.unknown.pagefind")
SETTING = "RUN_SEARCH_INDEX"  # what a problem names: the switch that asked for the index
# Arabic joins "and" (و), "so" (ف), "with" (ب) and "like" (ك) to the word after them:
# Pagefind's stemmer takes "المختبرات" to "مختبر" but keeps "والمختبرات" whole, so that
# "مختبر" would not find it. The pages Pagefind reads (a copy: the published ones are
# not touched) have a space after those letters before an article; the search page's
# script (theme/static/js/search.js) drops them from a query and joins them back in an
# excerpt, by the same rule.
PROCLITIC = re.compile(r"(?<![\u0621-\u064a])([وف][بك]?|[بك])(?=ال[\u0621-\u064a]{2})")


def for_index(html: str) -> str:
    """A page as the index reads it: "والمختبرات" as "و المختبرات"."""
    return PROCLITIC.sub(r"\1 ", html)


def build_index(folder, settings):
    """Index the pages of the site in ``folder`` (per language) into ``folder/pagefind``."""
    if not settings.get("RUN_SEARCH_INDEX"):
        return
    bundle = os.path.join(folder, FOLDER)
    if os.path.lexists(bundle):  # a page or folder of the site at that address
        raise ContentError([Problem.of(SETTING, None, "search_folder_taken", folder=FOLDER)])
    try:
        with tempfile.TemporaryDirectory(prefix="run-search-") as pages:
            _copy_for_index(folder, pages)
            command = [sys.executable, "-m", "pagefind", "--site", pages, "--output-path",
                       bundle, "--silent"]
            # Its messages in UTF-8 whatever the system's code page (cp1252 on Windows).
            done = subprocess.run(command, capture_output=True, encoding="utf-8",
                                  errors="replace", timeout=TIMEOUT,
                                  env={**os.environ, "PYTHONWARNINGS": "ignore"})
    except subprocess.TimeoutExpired:
        raise ContentError([Problem.of(SETTING, None, "search_index_timeout",
                                       seconds=TIMEOUT)]) from None
    if done.returncode != 0:
        said = _last_line(done.stderr) or _last_line(done.stdout)
        code = "search_tool_missing" if "No module named" in said else "search_index_failed"
        raise ContentError([Problem.of(SETTING, None, code, status=done.returncode,
                                       said=said or "rien")])
    _check_languages(bundle, settings)
    for name in UNUSED:
        path = os.path.join(bundle, name)
        if os.path.isfile(path):
            os.remove(path)


def _copy_for_index(folder, pages):
    """The site's HTML pages, at the same paths (their addresses), as the index reads
    them."""
    for directory, _, files in os.walk(folder):
        for name in files:
            if not name.endswith(".html"):
                continue
            source = os.path.join(directory, name)
            target = os.path.join(pages, os.path.relpath(source, folder))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(source, encoding="utf-8") as fp:
                html = fp.read()
            with open(target, "w", encoding="utf-8", newline="\n") as fp:
                fp.write(for_index(html))


def _check_languages(bundle, settings):
    """Every language of the site has pages in the index (its list rewritten in order)."""
    try:
        with open(os.path.join(bundle, ENTRY), encoding="utf-8") as fp:
            entry = json.load(fp)
        indexed = entry.get("languages", {})
    except (OSError, ValueError):
        shutil.rmtree(bundle, ignore_errors=True)
        raise ContentError([Problem.of(SETTING, None, "search_index_failed", status=0,
                                       said=f"{ENTRY} illisible")]) from None
    # Pagefind lists the languages in no fixed order: the same site, the same bytes.
    with open(os.path.join(bundle, ENTRY), "w", encoding="utf-8", newline="\n") as fp:
        fp.write(json.dumps({**entry, "languages": dict(sorted(indexed.items()))},
                            ensure_ascii=False, separators=(",", ":")))
    missing = [language for code, language in of(settings).languages.items()
               if not indexed.get(code, {}).get("page_count")]
    if missing:
        raise ContentError([Problem.of(SETTING, None, "search_language_missing",
                                       language=language.in_words) for language in missing])


def _last_line(text):
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def sizes(folder) -> dict[str, int]:
    """Bytes of the index of each language in ``folder/pagefind`` (its metadata, word
    index, page fragments and WebAssembly module), for the benchmark."""
    bundle = os.path.join(folder, FOLDER)
    with open(os.path.join(bundle, ENTRY), encoding="utf-8") as fp:
        entry = json.load(fp)
    found = {}
    for code, language in entry.get("languages", {}).items():
        total = 0
        for directory, _, files in os.walk(bundle):
            for name in files:
                if (name.startswith((f"{code}_", f"wasm.{language.get('wasm')}."))
                        or name.startswith(f"pagefind.{language.get('hash')}.")):
                    total += os.path.getsize(os.path.join(directory, name))
        found[code] = total
    return found
