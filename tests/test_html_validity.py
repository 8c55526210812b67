"""Gate: every built page is valid HTML for the current Nu Html Checker.

The checker is npm's ``vnu-jar`` (pinned in package-lock.json, installed into
node_modules/ by ``make test``), run with Java on the real site and on the
fictional test site, in both languages. One checker run covers both builds
and a deliberately broken page, which proves the gate can fail.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, html_pages

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# The checker also validates the stylesheet inlined in every page, with a CSS grammar
# that lacks container queries (CSS Containment 3, in every browser since 2023): its
# two messages about them, and only these, are not errors of the page.
UNKNOWN_TO_THE_CHECKER = {
    "CSS: “container-type”: Property “container-type” doesn't exist.",
    "CSS: Unrecognized at-rule “@container”",
}


def nu_check(files: list[Path]) -> list[dict]:
    """The Nu Html Checker's errors (messages of type error or non-document-error)."""
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail(f"the Nu Html Checker needs java and {VNU.relative_to(ROOT)}: "
                    "run `make test` (it installs both)")
    done = subprocess.run(
        [java, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json",
         *map(str, files)],
        capture_output=True, text=True, timeout=600)
    report = json.loads(done.stderr)  # vnu writes its JSON report to stderr
    errors = [m for m in report["messages"] if m["type"] in ("error", "non-document-error")]
    assert (done.returncode != 0) == bool(errors), done.stderr
    return [m for m in errors if m["message"] not in UNKNOWN_TO_THE_CHECKER]


def _describe(message, root: Path) -> str:
    path = message.get("url", "").removeprefix("file:")
    where = Path(path).relative_to(root) if path.startswith(str(root)) else path
    return f"{where}:{message.get('lastLine', '?')}: {message['message']}"


@pytest.fixture(scope="module")
def nu_errors(site, fixture_site, demo_site, tmp_path_factory):
    """One checker run (the JVM starts once): both builds and a broken copy of a page."""
    broken = tmp_path_factory.mktemp("invalid") / "broken.html"
    page = (site / "a-propos" / "index.html").read_text("utf-8")
    assert '<main id="main-content"' in page
    broken.write_text(page.replace("</main>", '<p id="main-content"><div></div></p></main>'),
                      "utf-8")
    roots = {"site": site, "fixture_site": fixture_site, "demo_site": demo_site}
    files = [root / p for root in roots.values() for p in html_pages(root)]
    errors = nu_check([*files, broken])
    grouped = {name: [_describe(m, root) for m in errors
                      if m.get("url", "").startswith(f"file:{root}/")]
               for name, root in roots.items()}
    grouped["broken"] = [m["message"] for m in errors if m.get("url") == f"file:{broken}"]
    grouped["checked"] = files
    return grouped


@pytest.mark.parametrize("build", ["site", "fixture_site", "demo_site"])
def test_every_page_is_valid_html(nu_errors, build, request):
    root = request.getfixturevalue(build)
    checked = [f for f in nu_errors["checked"] if root in f.parents]
    # Every page of both languages is checked, the bilingual 404 included.
    assert {root / "index.html", root / "ar" / "index.html", root / "404.html"} <= set(checked)
    assert nu_errors[build] == []


def test_the_checker_reports_invalid_markup(nu_errors):
    assert any("Duplicate ID" in m for m in nu_errors["broken"]), nu_errors["broken"]
    assert any("No “p” element in scope" in m for m in nu_errors["broken"]), nu_errors["broken"]
