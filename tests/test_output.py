"""The output folder is always a whole site, whatever is killed when, whoever builds
at the same time, whatever the umask, and wherever ``output`` points."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import threading
import time

import pytest

from conftest import ROOT, copy_project, make, run_build, snapshot

SWAP_STEPS = {  # runsite.publish.output: the crash points of each way of swapping
    "exchange": ["staged", "kept", "swapped", "cleaned"],
    "rename": ["staged", "kept", "set-aside", "swapped", "cleaned"],
}


def _siblings(output):
    return sorted(p.name for p in output.parent.iterdir() if p.name.startswith(f".{output.name}"))


@pytest.fixture
def two_sites(tmp_path):
    """A project built once (old site), and an edit that makes the next build differ."""
    project = copy_project(tmp_path)
    output = tmp_path / "output"
    assert run_build(output, cwd=project).returncode == 0
    old = snapshot(output)
    about = project / "content" / "pages" / "a-propos.fr.md"
    about.write_text(about.read_text("utf-8").replace("Title: À propos de la RUN",
                                                      "Title: À propos, nouveau"), "utf-8")
    return project, output, old


@pytest.mark.parametrize("way,step", [(w, s) for w, steps in SWAP_STEPS.items() for s in steps])
def test_a_build_killed_at_any_step_leaves_a_whole_site(two_sites, way, step):
    project, output, old = two_sites
    env = {"RUNSITE_CRASH_AT": step, "RUNSITE_SWAP": way if way == "rename" else ""}
    killed = run_build(output, cwd=project, env=env)
    assert killed.returncode == -9, killed.stderr  # SIGKILL: no clean-up ran

    if way == "rename" and step == "set-aside":
        # The one instant without output/: the old site is whole beside it, and the
        # next build, even a failed one, puts it back first.
        assert not output.exists()
        (project / "content" / "pages" / "casse.fr.md").write_text("Title: x\n\ny\n", "utf-8")
        failed = run_build(output, cwd=project, env={"RUNSITE_SWAP": way})
        assert failed.returncode == 1
        assert snapshot(output) == old
        (project / "content" / "pages" / "casse.fr.md").unlink()
    else:
        whole = snapshot(output)
        assert whole == old or "À propos, nouveau" in (
            output / "a-propos" / "index.html").read_text("utf-8")
        assert whole == old or whole.keys() == old.keys()

    again = run_build(output, cwd=project, env={"RUNSITE_SWAP": way if way == "rename" else ""})
    assert again.returncode == 0, again.stderr
    assert "À propos, nouveau" in (output / "a-propos" / "index.html").read_text("utf-8")
    assert snapshot(output).keys() == old.keys()
    assert _siblings(output) == []  # staging folders and old copies cleaned up


def test_builds_racing_each_other_always_leave_a_whole_site(two_sites):
    project, output, old = two_sites
    seen_missing = []
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            pages = (output / "index.html", output / "ar" / "index.html")
            if not all(page.is_file() for page in pages):
                seen_missing.append(time.monotonic())
            time.sleep(0.001)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    command = [sys.executable, "-m", "runsite.tools.build", str(project / "content"),
               "-o", str(output), "-s", str(project / "pelicanconf.py")]
    env = {**os.environ, "PYTHONPATH": str(project)}
    builds = [subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for _ in range(4)]
    results = [(b.wait(timeout=300), b.stderr.read()) for b in builds]
    stop.set()
    watcher.join()
    assert [code for code, _ in results] == [0, 0, 0, 0], results
    assert seen_missing == []
    assert snapshot(output).keys() == old.keys()
    assert _siblings(output) == []


def test_files_are_readable_by_a_static_server_whatever_the_umask(tmp_path):
    project = copy_project(tmp_path)
    output = tmp_path / "output"
    command = (f"umask 077 && {sys.executable} -m runsite.tools.build content -o {output} "
               "-s pelicanconf.py")
    done = subprocess.run(["sh", "-c", command], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(project)})
    assert done.returncode == 0, done.stderr
    for path in [output, *output.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))


def test_a_symlinked_output_keeps_working(tmp_path):
    project = copy_project(tmp_path)
    real = tmp_path / "www" / "run"
    real.mkdir(parents=True)
    link = tmp_path / "output"
    link.symlink_to(real)
    for _ in range(2):
        build = run_build(link, cwd=project)
        assert build.returncode == 0, build.stderr
        assert link.is_symlink() and link.resolve() == real.resolve()
        assert (real / "index.html").is_file() and (real / "ar" / "index.html").is_file()
    assert _siblings(real) == []


def test_a_read_only_project_is_told_in_french(tmp_path):
    """Run in a mount namespace where the project is read-only (root ignores modes)."""
    if shutil.which("unshare") is None:
        pytest.fail("util-linux's unshare is needed (Debian: util-linux)")
    project = copy_project(tmp_path)
    probe = subprocess.run(["unshare", "--map-root-user", "--mount", "true"],
                           capture_output=True)
    assert probe.returncode == 0, "user namespaces are needed for this test"
    script = (f"mount --bind -o ro {project} {project} && cd {project} && "
              f"{sys.executable} -m runsite.tools.build content -o {project}/output "
              "-s pelicanconf.py")
    done = subprocess.run(["unshare", "--map-root-user", "--mount", "sh", "-c", script],
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(project)})
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        f"{project}/: impossible d'écrire dans ce dossier — vérifiez ses droits (ou "
        "construisez ailleurs avec -o DOSSIER)")
    assert "Traceback" not in done.stderr


# --- Publishing refuses an unsafe target --------------------------------------------------

@pytest.mark.parametrize("target,siteurl,message", [
    ("publish", None, "SITEURL: SITEURL manque : le site publié ne saurait pas son adresse"),
    ("publish", "http://run.example.org", "SITEURL: SITEURL « http://run.example.org » "
     "refusée pour make publish"),
    ("github", "http://127.0.0.1:8000", "SITEURL: SITEURL « http://127.0.0.1:8000 » refusée "
     "pour une mise en ligne — une adresse https://… (le site en ligne)"),
    ("rsync_upload", "http://localhost:8000", "refusée pour une mise en ligne"),
    ("publish DEPLOY=1", "ftp://run.example.org", "refusée pour une mise en ligne"),
])
def test_publishing_refuses_a_missing_or_unsafe_address(tmp_path, target, siteurl, message):
    project = copy_project(tmp_path)
    variables = [] if siteurl is None else [f"SITEURL={siteurl}"]
    env_siteurl = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    done = subprocess.run(["make", "--no-print-directory", *target.split(), *variables,
                           f"VENV={ROOT / '.venv'}", "SSH=false"], cwd=project,
                          capture_output=True, text=True, env=env_siteurl, timeout=300)
    assert done.returncode != 0
    assert message in done.stderr, done.stderr
    assert not (project / "output").exists()


def test_make_publish_accepts_https_and_a_local_address(tmp_path):
    project = copy_project(tmp_path)
    for siteurl in ("https://run.example.org", "http://127.0.0.1:8123"):
        done = make(project, "publish", f"SITEURL={siteurl}")
        assert done.returncode == 0, done.stderr
        assert siteurl in (project / "output" / "index.html").read_text("utf-8")
