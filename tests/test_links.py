"""Gate: every internal link and anchor of the built site resolves, in both languages.

LinkChecker (PyPI, pinned in requirements-test.txt) crawls the build served over
HTTP on 127.0.0.1 (links are root-relative: ``/ar/…``), starting from every built
page so that none is left out, with its AnchorCheck plugin for ``#id`` links.
Other hosts are never contacted (``checkextern=0``: their syntax only is checked).
"""

from __future__ import annotations

import csv
import http.server
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import html_pages, static_server

# linkchecker, except that as root it would switch to the user nobody before loading
# its plugins: with the virtualenv in a folder nobody cannot read (a clone in a
# mktemp folder), AnchorCheck was silently not loaded and no anchor was checked. It
# only fetches the build from our own server on 127.0.0.1, so it keeps the user.
LINKCHECKER = [sys.executable, "-c", (
    "import sys; import linkcheck.command.linkchecker as cli; "
    "cli.drop_privileges = lambda: None; sys.argv[0] = 'linkchecker'; "
    "sys.exit(cli.linkchecker())")]

# linkchecker spaces its requests to one host (10 a second at most) unless the
# server answers with a "LinkChecker" header: the test server does.
CONFIG = """\
[checking]
threads=4
maxrequestspersecond=200
[filtering]
checkextern=0
[AnchorCheck]
"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self):
        self.send_header("LinkChecker", "local test server")
        super().end_headers()

    def log_message(self, *args):
        pass


def _serve(directory: Path):
    return static_server(directory, _Handler)


def check_links(output: Path, workdir: Path):
    """(problems, site paths checked) of a build, as LinkChecker sees it."""
    config = workdir / "linkcheckerrc"
    config.write_text(CONFIG, "utf-8")
    with _serve(output) as root:
        starts = [f"{root}/{page.removesuffix('index.html')}" for page in html_pages(output)]
        done = subprocess.run(
            [*LINKCHECKER, "-f", str(config), "--no-status", "--verbose", "-o", "csv",
             # --no-robots: the robots.txt check races between threads (a URL checked
             # before robots.txt is read is "denied" and its anchors go unchecked).
             "--no-robots", "--recursion-level=-1", *starts],
            capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr  # 1: warnings or errors found; 2: crashed
    # Comment lines start with "# "; a row may start with "#" (a link to "#main-content").
    rows = list(csv.DictReader((line for line in done.stdout.splitlines()
                                if not line.startswith("# ")), delimiter=";"))
    problems = sorted(
        f"{row['parentname'].removeprefix(root) or '(start)'}:{row['line']}: {row['urlname']}"
        f" — {row['result']} {row['warningstring']}".strip()
        for row in rows if row["valid"] != "True" or row["warningstring"])
    assert (done.returncode == 1) == bool(problems), done.stdout
    # Every address of the site was fetched, not only checked for its syntax.
    unfetched = [row["url"] for row in rows
                 if row["url"].startswith(root) and not row["result"][:3].isdigit()]
    assert unfetched == [], done.stdout
    checked = {row["url"].removeprefix(root) for row in rows if row["url"].startswith(root)}
    return problems, checked


@pytest.mark.parametrize("build", ["site", "fixture_site", "demo_site"])
def test_every_internal_link_and_anchor_resolves(build, request, tmp_path):
    output = request.getfixturevalue(build)
    problems, checked = check_links(output, tmp_path)
    assert problems == []
    # Every page of both languages was fetched, and the anchors were followed.
    pages = {"/" + page.removesuffix("index.html") for page in html_pages(output)}
    assert pages <= checked
    assert {"/#main-content", "/ar/#main-content"} <= checked
    assert any(url.startswith("/theme/fonts/") for url in checked)  # urls in the CSS too


def test_broken_links_and_anchors_are_reported(site, tmp_path):
    broken = tmp_path / "output"
    shutil.copytree(site, broken)
    french = broken / "a-propos" / "index.html"
    french.write_text(french.read_text("utf-8").replace(
        'href="#main-content"', 'href="#nulle-part"'), "utf-8")
    arabic = broken / "ar" / "a-propos" / "index.html"
    arabic.write_text(arabic.read_text("utf-8").replace(
        'href="/ar/a-propos/"', 'href="/ar/nulle-part/"'), "utf-8")

    problems, _ = check_links(broken, tmp_path)

    assert any(p.startswith("/a-propos/:") and "#nulle-part" in p and "not found" in p
               for p in problems), problems
    assert any(p.startswith("/ar/a-propos/:") and "/ar/nulle-part/" in p and "404" in p
               for p in problems), problems
