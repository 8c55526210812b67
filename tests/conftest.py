"""Shared fixtures: real builds into temporary folders, a static server, the browser.

Builds run the real command (``python -m runsite.tools.build``) in a subprocess, as
``make html`` does. The browser is Debian's chromium driven by Playwright.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = ROOT / "tests" / "fixtures" / "site"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@dataclass
class Build:
    returncode: int
    stdout: str
    stderr: str
    output: Path


def run_build(output: Path, content: Path | None = None, settings: Path | None = None,
              extra: dict | None = None, cwd: Path = ROOT, fatal_warnings=False,
              env: dict | None = None) -> Build:
    """Build like ``make html`` does, into ``output``. Every build of the session shares
    this project's cache/ (unless ``extra`` gives a CACHE_PATH): what it keeps is keyed
    by its inputs, and drawing every share image and converting every photo again in
    each copy of the project cost minutes of the suite."""
    command = [sys.executable, "-m", "runsite.tools.build", str(content or cwd / "content"),
               "-o", str(output), "-s", str(settings or cwd / "pelicanconf.py")]
    extra = {"CACHE_PATH": str(ROOT / "cache"), **(extra or {})}
    if extra:
        command += ["-e", *(f"{key}={value!r}" for key, value in extra.items())]
    if fatal_warnings:
        command += ["--fatal", "warnings"]
    env = {**os.environ, "PYTHONPATH": str(cwd), **(env or {})}
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    return Build(done.returncode, done.stdout, done.stderr, output)


FIXTURE_BUILD_DATE = "2030-06-01"  # fiction-1 is past, fiction-2 upcoming


def fixture_extra() -> dict:
    return {"THEME_TEMPLATES_OVERRIDES": [str(FIXTURE_SITE / "templates")],
            "RUN_BUILD_DATE": FIXTURE_BUILD_DATE}


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test session."""
    build = run_build(tmp_path_factory.mktemp("site") / "output")
    assert build.returncode == 0, build.stderr
    return build.output


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The fictional test content with the real theme and plugin."""
    build = run_build(tmp_path_factory.mktemp("fixture") / "output",
                      content=FIXTURE_SITE / "content", extra=fixture_extra())
    assert build.returncode == 0, build.stderr
    return build.output


DEMO = ROOT / "demo"
DEMO_DATE = "2031-05-13"  # demo/democonf.py's day: the third edition's first day


def demo_build(output: Path, date: str | None = None) -> Build:
    """The demonstration series, as ``make demo-html`` builds it (on ``date``)."""
    extra = {"RUN_BUILD_DATE": date} if date else None
    return run_build(output, content=DEMO / "content", settings=DEMO / "democonf.py",
                     extra=extra)


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demonstration series on its own day."""
    build = demo_build(tmp_path_factory.mktemp("demo") / "output")
    assert build.returncode == 0, build.stderr
    return build.output


def examples_in_place(content: Path) -> None:
    """The commented examples of content/exemples/ copied where the guide says, into
    ``content``: an edition run-9, a news item, a page, partners, milestones, speakers."""
    examples = ROOT / "content" / "exemples"
    shutil.copy(examples / "edition.toml", content / "editions" / "run-9.toml")
    for lang in ("fr", "ar"):
        shutil.copy(examples / f"edition.{lang}.md", content / "editions" / f"run-9.{lang}.md")
        shutil.copy(examples / f"actualite.{lang}.md",
                    content / "actualites" / f"exemple.{lang}.md")
        shutil.copy(examples / f"page.{lang}.md", content / "pages" / f"exemple.{lang}.md")
    shutil.copy(examples / "intervenants.toml", content / "intervenants.toml")
    for name in ("partenaires.toml", "jalons.toml"):
        with open(content / name, "a", encoding="utf-8") as target:
            target.write("\n" + (examples / name).read_text("utf-8"))


def copy_project(tmp_path: Path) -> Path:
    """A copy of the project's sources, to break things in."""
    copy = tmp_path / "project"
    for name in ("content", "theme", "translations", "runsite"):
        shutil.copytree(ROOT / name, copy / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    # copy2 keeps modification times: `make` then sees the venv as up to date.
    for name in ("pelicanconf.py", "publishconf.py", "Makefile", "babel.cfg",
                 "requirements.txt", "requirements-test.txt"):
        shutil.copy2(ROOT / name, copy / name)
    return copy


@pytest.fixture
def built_project(tmp_path):
    """A copy of the real site, built once into output/: (project, output, snapshot)."""
    project = copy_project(tmp_path)
    output = tmp_path / "output"
    build = run_build(output, cwd=project)
    assert build.returncode == 0, build.stderr
    return project, output, snapshot(output)


def make(project: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Run a make target in a copy of the project, with this project's virtualenv."""
    return subprocess.run(["make", "--no-print-directory", *arguments, f"VENV={ROOT / '.venv'}"],
                          cwd=project, capture_output=True, text=True, timeout=300)


def snapshot(folder: Path) -> dict:
    """Every file's bytes, to prove a failed build changed nothing."""
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def html_pages(output: Path) -> list[str]:
    """Site-relative paths of every HTML page, e.g. 'a-propos/index.html'."""
    return sorted(str(p.relative_to(output)) for p in output.rglob("*.html"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def static_server(directory: Path, handler_class=_QuietHandler):
    """Serves ``directory`` on 127.0.0.1 (a free port) with ``handler_class``."""
    handler = functools.partial(handler_class, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(site):
    with static_server(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's chromium, offline-friendly flags (see shared notes on tooling)."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"],
    }


def screenshot(page, name: str):
    """Full-page screenshot into the git-ignored test-artifacts/ folder."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
