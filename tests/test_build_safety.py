"""A failed build says what is wrong, where and how to fix it, and changes nothing."""

from __future__ import annotations

from test_i18n import snapshot

from conftest import run_build


def test_missing_counterpart_is_reported_and_output_untouched(built_project, tmp_path):
    project, output, before = built_project
    (project / "content" / "pages" / "contact.fr.md").write_text(
        "Title: Contact fictif\n\nTexte.\n", "utf-8")

    build = run_build(output, cwd=project)

    assert build.returncode == 1
    assert ("content/pages/contact.fr.md: cette page n'existe pas en arabe — "
            "créez content/pages/contact.ar.md") in build.stderr
    assert "Traceback" not in build.stderr + build.stdout
    assert snapshot(output) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output")] == []


def test_unknown_language_in_file_name_is_reported(built_project, tmp_path):
    project, output, before = built_project
    (project / "content" / "pages" / "a-propos.en.md").write_text("Title: About\n\nx\n", "utf-8")

    build = run_build(output, cwd=project)

    assert build.returncode == 1
    assert "content/pages/a-propos.en.md: langue « en » inconnue" in build.stderr
    assert snapshot(output) == before


def test_every_problem_is_reported_at_once(built_project, tmp_path):
    project, output, before = built_project
    for name in ("un", "deux"):
        (project / "content" / "pages" / f"{name}.ar.md").write_text("Title: x\n\ny\n", "utf-8")

    build = run_build(output, cwd=project)

    assert build.returncode == 1
    assert "content/pages/un.ar.md: cette page n'existe pas en français" in build.stderr
    assert "content/pages/deux.ar.md: cette page n'existe pas en français" in build.stderr
    assert "2 problèmes" in build.stderr
    assert snapshot(output) == before


def test_a_file_pelican_cannot_read_fails_the_build_without_traceback(built_project, tmp_path):
    project, output, before = built_project
    (project / "content" / "pages" / "casse.fr.md").write_bytes(b"Title: \xff\xfe broken\n\nx\n")
    (project / "content" / "pages" / "casse.ar.md").write_text("Title: x\n\ny\n", "utf-8")

    build = run_build(output, cwd=project)

    assert build.returncode == 1
    assert "casse.fr.md" in build.stderr
    assert "Traceback" not in build.stderr + build.stdout
    assert snapshot(output) == before
