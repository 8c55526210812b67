"""`python -m runsite`: the organisers' verbs without make, installed as the guide says
in a fresh virtual environment; the same commands as the guide's Windows ones and as
the workflow's Windows and macOS job."""

from __future__ import annotations

import os
import re
import shlex
import signal
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT, copy_project, free_port, make
from runsite.tools import cli

GUIDE = ROOT / "docs" / "guide-organisateurs.md"
WORKFLOW = ROOT / ".github" / "workflows" / "test.yml"


def guide_blocks(language):
    return re.findall(rf"```{language}\n(.*?)```", GUIDE.read_text("utf-8"), re.S)


def install_commands(language):
    """The guide's installation block for ``language`` (sh: macOS and Linux,
    powershell: Windows): the lines that make a virtual environment and use it."""
    blocks = [b for b in guide_blocks(language) if " -m venv " in b]
    assert len(blocks) == 1, blocks
    return [line for line in blocks[0].splitlines() if line.strip()]


def runsite(project, *arguments, timeout=300, python=None):
    return subprocess.run([python or sys.executable, "-m", "runsite", *arguments],
                          cwd=project, capture_output=True, text=True, timeout=timeout)


def test_help_and_mistakes_are_told_in_french(tmp_path):
    done = runsite(ROOT, "aide")
    assert done.returncode == 0
    for verb in ("serve", "check", "new-edition", "import-programme", "i18n-status"):
        assert f"  {verb} " in done.stdout
    assert "Utilisation : python -m runsite <action>" in done.stdout
    wrong = runsite(ROOT, "chek")
    assert wrong.returncode == 2 and "action « chek » inconnue" in wrong.stderr
    assert "check" in wrong.stderr and "Traceback" not in wrong.stderr
    wrong = runsite(ROOT, "serve", "PROT=8001")
    assert wrong.returncode == 2 and "« PROT=8001 » : réglage inconnu" in wrong.stderr
    assert "PORT=…" in wrong.stderr
    # A port out of range was taken modulo 65536; an empty BIND meant every network.
    wrong = runsite(ROOT, "serve", "PORT=99999")
    assert wrong.returncode == 2 and "PORT=99999 : un numéro de port de 1 à 65535" in wrong.stderr
    assert cli.parse(["serve", "BIND="])[1]["BIND"] == "127.0.0.1"


def test_make_help_is_in_french():
    done = subprocess.run(["make", "--no-print-directory", "help"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    assert "Pour les organisateurs" in done.stdout
    assert "make import-programme" in done.stdout
    for english in ("Usage", "build, serve", "regenerate the site", "Set DEBUG"):
        assert english not in done.stdout


def test_make_passes_values_with_quotes_and_accents_unharmed(tmp_path):
    project = copy_project(tmp_path)
    city = 'Fès « la "savante" » l\'ancienne'
    done = make(project, "new-edition", "NUMBER=8", "DATE=2031-10-02", "END=2031-10-03",
                f"CITY={city}", "CITY_AR=فاس \"العالمة\"", "HOST=universite-exemple-8",
                "HOST_NAME=Université d'Exemple", "HOST_NAME_AR=جامعة المثال")
    assert done.returncode == 0, done.stderr
    # What is said: the files made and the new edition's preview addresses, in French,
    # and no command line echoed by make.
    assert "Fichiers créés :" in done.stdout
    assert "http://127.0.0.1:8000/editions/run-8/  (français)" in done.stdout
    assert "http://127.0.0.1:8000/ar/editions/run-8/  (arabe)" in done.stdout
    assert "runsite new-edition" not in done.stdout + done.stderr
    edition = (project / "content/editions/run-8.toml").read_text("utf-8")
    assert 'city.fr = "Fès « la \\"savante\\" » l\'ancienne"' in edition
    assert 'city.ar = "فاس \\"العالمة\\""' in edition
    assert "les 2 et 3 octobre 2031 à Fès « la \"savante\" »" in (
        project / "content/editions/run-8.fr.md").read_text("utf-8")
    assert 'name.fr = "Université d\'Exemple"' in (project / "content/partenaires.toml"
                                                   ).read_text("utf-8")
    # A line break or a tag in a value is refused (it broke the TOML and the Markdown).
    wrong = runsite(project, "new-edition", "NUMBER=9", "DATE=2031-10-02", "CITY=a\n[evil]",
                    "CITY_AR=س", "HOST=universite-exemple-8")
    assert wrong.returncode != 0 and "CITY : un retour à la ligne" in wrong.stderr
    assert not (project / "content/editions/run-9.toml").exists()
    # A wrong date names the setting and the value, never "None".
    wrong = make(project, "new-edition", "NUMBER=9", "DATE=2031-10-2", f"CITY={city}")
    assert wrong.returncode != 0
    assert "DATE : « 2031-10-2 » n'est pas une date — écrivez une date réelle AAAA-MM-JJ" \
        in wrong.stderr
    assert "None" not in wrong.stderr and "Traceback" not in wrong.stderr


def _serve(python, project, port):
    log = open(project / "serve.log", "w")
    process = subprocess.Popen([python, "-m", "runsite", "serve", f"PORT={port}"],
                               cwd=project, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                return process, log
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError((project / "serve.log").read_text("utf-8")) from None
            time.sleep(0.2)


def _fetch(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_the_verbs_work_without_make_in_a_fresh_virtual_environment(tmp_path):
    """The guide's macOS and Linux installation, run as written (python3.11 being the
    interpreter of this machine), then every organisers' verb, without make."""
    project = copy_project(tmp_path)
    (project / "Makefile").unlink()  # nothing below may use it
    commands = install_commands("sh")
    assert commands[0] == "python3.11 -m venv .venv"
    assert commands[1] == ".venv/bin/python -m pip install -r requirements.txt"
    assert commands[2] == ".venv/bin/python -m runsite serve"
    venv = subprocess.run([sys.executable, "-m", "venv", ".venv"], cwd=project)
    assert venv.returncode == 0
    python = str(project / ".venv" / "bin" / "python")
    installed = subprocess.run([python, *shlex.split(commands[1])[1:], "--quiet",
                                "--disable-pip-version-check", "--no-compile"], cwd=project,
                               capture_output=True, text=True, timeout=600)
    assert installed.returncode == 0, installed.stderr

    done = runsite(project, "new-edition", "NUMBER=7", "DATE=2031-04-14", "END=2031-04-15",
                   "CITY=Exempleville", "CITY_AR=مدينة المثال", "HOST=universite-exemple",
                   "HOST_NAME=Université Exemple", "HOST_NAME_AR=جامعة المثال",
                   python=python)
    assert done.returncode == 0, done.stderr
    spreadsheet = ROOT / "content" / "exemples" / "programme.csv"
    done = runsite(project, "import-programme", f"FILE={spreadsheet}", "EDITION=run-7",
                   python=python)
    assert done.returncode == 0, done.stdout + done.stderr
    done = runsite(project, "check", python=python)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "Vérification : aucun problème."
    done = runsite(project, "i18n-status", python=python)
    assert done.returncode == 0 and "État des traductions : complet." in done.stdout
    for output in (done.stdout, done.stderr):
        assert "Traceback" not in output and "Done: Processed" not in output

    port = free_port()
    process, log = _serve(python, project, port)
    try:
        assert "Ouverture" in _fetch(f"http://127.0.0.1:{port}/editions/run-7/programme/")
        assert 'dir="rtl"' in _fetch(f"http://127.0.0.1:{port}/ar/editions/run-7/")
    finally:
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=10)
        log.close()
    said = (project / "serve.log").read_text("utf-8")
    assert f"Aperçu : http://127.0.0.1:{port}/" in said and "Aperçu arrêté." in said


def test_the_windows_commands_are_the_same_as_the_others():
    """The guide's Windows block says what its macOS/Linux block says, in PowerShell."""
    windows = install_commands("powershell")
    others = install_commands("sh")
    assert windows[0] == "py -3.11 -m venv .venv"
    assert [line.replace(".venv\\Scripts\\python", ".venv/bin/python")
            for line in windows[1:]] == others[1:]


def test_the_windows_and_macos_job_runs_the_guide_s_commands():
    """The workflow's job on windows-latest and macos-latest installs as the guide says
    and runs the organisers' verbs (actionlint checks the file: make test)."""
    text = WORKFLOW.read_text("utf-8")
    job = text[text.index("\n  organisers:\n"):]
    assert "os: [windows-latest, macos-latest]" in job
    assert re.search(r"setup-python@[0-9a-f]{40} # v[\d.]+\n\s+with:\n\s+python-version: "
                     r'"3.11"', job)
    install = install_commands("sh")[1].replace(".venv/bin/python", "").strip()
    assert install in job
    for command in ("python -m runsite check", "python -m runsite new-edition NUMBER=7",
                    "python -m runsite import-programme FILE=content/exemples/programme.csv",
                    "python -m runsite i18n-status", "python tools/try_preview.py"):
        assert command in job, command
