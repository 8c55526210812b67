"""`make serve`: serves both languages on 127.0.0.1 and reloads the open page by itself
after an edit to content, a template or a translation."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import urllib.request

import pytest
from playwright.sync_api import expect

from conftest import ROOT, free_port


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """`make serve` on a copy of the project, with the project's virtualenv."""
    project = tmp_path_factory.mktemp("preview") / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
        ".venv", ".venv-bench", ".git", "output", ".output*", "test-artifacts", "cache",
        "__pycache__",
        ".pytest_cache", ".ruff_cache", "node_modules"))
    port = free_port()
    log = open(project / "serve.log", "w")
    process = subprocess.Popen(
        ["make", "serve", f"PORT={port}", f"VENV={ROOT / '.venv'}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"{url}/", timeout=2)
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError((project / "serve.log").read_text()) from None
            time.sleep(0.2)
    yield project, url
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=10)
    log.close()


def fetch(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode("utf-8")


def test_serves_both_languages_on_loopback(preview):
    _, url = preview
    assert url.startswith("http://127.0.0.1:")
    status, french = fetch(f"{url}/")
    assert status == 200 and '<html lang="fr" dir="ltr">' in french
    status, arabic = fetch(f"{url}/ar/")
    assert status == 200 and '<html lang="ar" dir="rtl">' in arabic
    status, _ = fetch(f"{url}/ar/a-propos/")
    assert status == 200


def _edit(path, old, new):
    text = path.read_text("utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new), "utf-8")


def _reloads_by_itself(page, url, edit, locator, expected):
    page.goto(url)
    # Let livereload's script connect its websocket before the edit: a reload sent
    # before it listens is lost (an organiser's page is open long before a save).
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)
    page.evaluate("window.__notReloaded = true")
    edit()
    expect(page.locator(locator)).to_contain_text(expected, timeout=15000)
    # The browser loaded the page anew by itself (nobody called page.reload()).
    assert page.evaluate("window.__notReloaded === undefined")


def test_content_edit_reaches_the_open_page(preview, page):
    project, url = preview
    source = project / "content" / "pages" / "a-propos.fr.md"
    _reloads_by_itself(
        page, f"{url}/a-propos/",
        lambda: _edit(source, "Title: À propos de la RUN", "Title: À propos, modifié"),
        "h1", "À propos, modifié")
    # ... and a plain request sees it too.
    assert "À propos, modifié" in fetch(f"{url}/a-propos/")[1]


def test_template_edit_reaches_the_open_page(preview, page):
    project, url = preview
    template = project / "theme" / "templates" / "page.html"
    _reloads_by_itself(
        page, f"{url}/ar/a-propos/",
        lambda: _edit(template, '<h1 class="run-page__title">',
                      '<h1 class="run-page__title" data-edited="yes">'),
        "h1[data-edited=yes]", "")


def test_translation_edit_reaches_the_open_page(preview, page):
    project, url = preview
    catalog = project / "translations" / "ar" / "LC_MESSAGES" / "messages.po"
    _reloads_by_itself(
        page, f"{url}/ar/",
        lambda: _edit(catalog, 'msgstr "كل الأخبار"', 'msgstr "جميع الأخبار"'),
        ".run-home__news .run-more", "جميع الأخبار")


def test_a_broken_edit_keeps_serving_the_last_good_site(preview):
    project, url = preview
    before = fetch(f"{url}/ar/")[1]
    broken = project / "content" / "pages" / "orpheline.fr.md"
    broken.write_text("Title: Sans traduction\n\nx\n", "utf-8")
    try:
        log = project / "serve.log"
        deadline = time.monotonic() + 15
        while "orpheline.ar.md" not in log.read_text("utf-8"):
            assert time.monotonic() < deadline, log.read_text("utf-8")
            time.sleep(0.1)
        assert fetch(f"{url}/ar/")[1] == before
        assert "Traceback" not in log.read_text("utf-8")
    finally:
        broken.unlink()


def _wait_for(log, text, after=0, seconds=20):
    deadline = time.monotonic() + seconds
    while text not in log.read_text("utf-8")[after:]:
        assert time.monotonic() < deadline, log.read_text("utf-8")[after:]
        time.sleep(0.1)


def test_a_broken_configuration_is_reported_and_rebuilt_once_mended(preview):
    project, url = preview
    log = project / "serve.log"
    settings = project / "pelicanconf.py"
    good = settings.read_text("utf-8")
    start = len(log.read_text("utf-8"))
    settings.write_text(good.replace('SITENAME = "RUN"', 'SITENAME = "RUN'), "utf-8")
    try:
        _wait_for(log, "pelicanconf.py:", start)
        assert "réglages illisibles : erreur de syntaxe Python" in log.read_text("utf-8")[start:]
        assert fetch(f"{url}/")[0] == 200  # the last good site is still served
    finally:
        settings.write_text(good, "utf-8")
    mended = len(log.read_text("utf-8"))
    _wait_for(log, "Site construit", mended)
    source = project / "content" / "pages" / "a-propos.fr.md"
    after = len(log.read_text("utf-8"))
    _edit(source, "Title: À propos", "Title: À propos (après réglages)")
    _wait_for(log, "Site construit", after)
    assert "À propos (après réglages)" in fetch(f"{url}/a-propos/")[1]
    assert "Traceback" not in log.read_text("utf-8")


def _start_preview(project, port):
    log = open(project / f"serve-{port}.log", "w")
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "runsite.tools.serve", "content", "-o",
         "output", "-s", "pelicanconf.py", "--port", str(port)],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    return process, log


def test_ctrl_c_stops_the_preview_and_frees_the_port_within_two_seconds(preview):
    project, _ = preview
    port = free_port()
    process, log = _start_preview(project, port)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        sent = time.monotonic()
        process.send_signal(signal.SIGINT)  # what Ctrl+C sends
        process.wait(timeout=5)
        stopped = time.monotonic() - sent
        import socket
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", port))  # the port is free again
        assert stopped < 2, stopped
        assert process.returncode == 0
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def test_a_busy_port_is_told_in_french(preview):
    project, url = preview
    busy = int(url.rsplit(":", 1)[1])
    process, log = _start_preview(project, busy)
    process.wait(timeout=60)
    log.close()
    output = (project / f"serve-{busy}.log").read_text("utf-8")
    assert process.returncode == 1
    assert (f"Le port {busy} est déjà utilisé (un autre aperçu est peut-être ouvert). "
            f"Arrêtez-le, ou choisissez un autre port : make serve PORT={busy + 1}") in output
    assert "Traceback" not in output
