"""`make serve`: serves both languages on 127.0.0.1 and reloads the open page by itself
after an edit to content, a template or a translation; a failed build shows its
problems in the open page, which a good build takes away; the preview works behind a
forwarded host and port (GitHub Codespaces, .devcontainer/devcontainer.json)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from conftest import ARTIFACTS, ROOT, free_port


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
        # The same page, with the failed build's problems on top (the server's panel).
        after = fetch(f"{url}/ar/")[1]
        panel = re.search(r'<section id="run-preview-problems".*?</section>', after, re.S)
        assert "orpheline.ar.md" in panel[0]
        assert after.replace(panel[0], "") == before
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


PANEL = "#run-preview-problems"
INJECTED = "<script>window.__injected = 1</script>"


def _ready_for_a_reload(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1000)  # livereload's websocket is connected (see above)
    page.evaluate("window.__notReloaded = true")


def _panel_screenshots(page, name):
    folder = ARTIFACTS / "panel"
    folder.mkdir(parents=True, exist_ok=True)
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.evaluate("window.scrollTo(0, 0)")  # a reload keeps the reader's place
        page.screenshot(path=str(folder / f"{name}-{width}.png"))
    page.set_viewport_size({"width": 320, "height": 640})  # the narrowest phone
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.evaluate(f"document.querySelector('{PANEL}').scrollWidth") <= 320


@pytest.mark.parametrize("address, lang, heading", [
    ("/a-propos/", "fr", "Le site n'a pas pu être mis à jour"),
    ("/ar/a-propos/", "ar", "تعذّر تحديث الموقع"),
])
def test_a_failed_build_shows_its_problems_in_the_open_page_until_mended(
        preview, page, address, lang, heading):
    project, url = preview
    edition = project / "content" / "editions" / "run-3.toml"
    good = edition.read_text("utf-8")
    line = good.splitlines().index('host = "usmba"') + 1
    _ready_for_a_reload(page, f"{url}{address}")
    title = page.locator("h1").inner_text()
    try:
        # A mistake whose message repeats the content: markup in it is shown as text.
        _edit(edition, 'host = "usmba"', f'host = "{INJECTED}"')
        panel = page.locator(PANEL)
        expect(panel).to_contain_text(f"content/editions/run-3.toml:{line}:", timeout=15000)
        assert page.evaluate("window.__notReloaded === undefined")  # by itself
        expect(panel.locator("h2")).to_have_text(heading)
        assert panel.get_attribute("role") == "alert"
        assert panel.get_attribute("lang") == lang
        assert panel.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        problems = panel.locator("ol")
        assert (problems.get_attribute("lang"), problems.get_attribute("dir")) == ("fr", "ltr")
        expect(problems).to_contain_text(INJECTED)
        assert page.evaluate("window.__injected === undefined")
        assert panel.locator("script").count() == 0
        expect(panel).to_contain_text("make serve")
        expect(page.locator("h1")).to_have_text(title)  # the last good page, beneath
        _panel_screenshots(page, lang)
        page.evaluate("window.__notReloaded = true")
    finally:
        edition.write_text(good, "utf-8")
    expect(panel).to_have_count(0, timeout=15000)
    assert page.evaluate("window.__notReloaded === undefined")
    expect(page.locator("h1")).to_have_text(title)
    assert PANEL[1:] not in (project / "output" / address.strip("/") / "index.html").read_text(
        "utf-8")  # the panel is the server's, never written to output/


def test_a_broken_settings_file_at_the_first_build_shows_a_page_with_the_panel(preview):
    """No site built yet: every page address answers with the panel, not a 404."""
    project, _ = preview
    broken = project / "brokenconf.py"
    broken.write_text((project / "pelicanconf.py").read_text("utf-8").replace(
        'SITENAME = "RUN"', 'SITENAME = "RUN'), "utf-8")
    line = broken.read_text("utf-8").splitlines().index('SITENAME = "RUN') + 1
    port = free_port()
    log = open(project / f"serve-{port}.log", "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "runsite.tools.serve", "content", "-o", "output-broken",
         "-s", "brokenconf.py", "--port", str(port)],
        cwd=project, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        env={**os.environ, "PYTHONPATH": str(project)})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                raise AssertionError("a broken build served a site")
            except urllib.error.HTTPError as error:
                assert error.code == 503
                french = error.read().decode("utf-8")
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline
                time.sleep(0.1)
        assert '<html lang="fr" dir="ltr">' in french and "/livereload.js" in french
        assert f"brokenconf.py:{line}: réglages illisibles" in french
        assert "1 problème à corriger" in french
        with pytest.raises(urllib.error.HTTPError) as arabic:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/ar/a-propos/", timeout=5)
        body = arabic.value.read().decode("utf-8")
        assert '<html lang="ar" dir="rtl">' in body and "تعذّر تحديث الموقع" in body
        with pytest.raises(urllib.error.HTTPError) as image:  # not a page: a plain 404
            urllib.request.urlopen(f"http://127.0.0.1:{port}/theme/logo.png", timeout=5)
        assert image.value.code == 404
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
        log.close()


class _Forward(socketserver.BaseRequestHandler):
    """One connection, copied both ways to the preview (a websocket's too)."""

    def handle(self):
        upstream = socket.create_connection(("127.0.0.1", self.server.target))

        def copy(source, target):
            try:
                while data := source.recv(65536):
                    target.sendall(data)
            except OSError:
                pass
            finally:
                with contextlib.suppress(OSError):
                    target.shutdown(socket.SHUT_WR)

        back = threading.Thread(target=copy, args=(upstream, self.request), daemon=True)
        back.start()
        copy(self.request, upstream)
        back.join()
        upstream.close()


@contextlib.contextmanager
def _forwarder(target_port):
    """A TCP forwarder on localhost:<another port> to the preview's 127.0.0.1:<port>,
    as Codespaces forwards https://name-8000.app.github.dev to the container's 8000."""
    server = socketserver.ThreadingTCPServer(("localhost", 0), _Forward)
    server.daemon_threads = True
    server.target = target_port
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def test_the_preview_reloads_behind_a_forwarded_host_and_port(preview, page):
    project, url = preview
    sockets = []
    page.on("websocket", lambda socket: sockets.append(socket.url))
    with _forwarder(int(url.rsplit(":", 1)[1])) as port:
        source = project / "content" / "pages" / "a-propos.ar.md"
        _reloads_by_itself(
            page, f"http://localhost:{port}/ar/a-propos/",
            lambda: _edit(source, "Title: نبذة عن", "Title: عبر منفذ آخر: نبذة عن"),
            "h1", "عبر منفذ آخر")
    assert sockets and all(s == f"ws://localhost:{port}/livereload" for s in sockets), sockets


def test_the_codespaces_container_forwards_the_preview():
    config = json.loads((ROOT / ".devcontainer" / "devcontainer.json").read_text("utf-8"))
    assert config["image"] == "mcr.microsoft.com/devcontainers/python:1-3.11-bookworm"
    assert 8000 in config["forwardPorts"]
    assert config["portsAttributes"]["8000"]["label"] == "Aperçu du site"
    assert config["portsAttributes"]["8000"]["onAutoForward"] in ("openBrowser", "openPreview")
    assert "make venv fribidi" in config["postCreateCommand"]
    assert config["postAttachCommand"] == "make serve"
