"""Drafts, one rule everywhere: built only by the live preview (with a banner and
noindex), never in feeds, calendars or the sitemap; html, check and publish leave
them out, and a link written to one is an error there and a notice in the preview."""

from __future__ import annotations

import icalendar
from bs4 import BeautifulSoup

from conftest import copy_project, run_build

PREVIEW = {"RUN_SHOW_DRAFTS": True}


def _drafts(tmp_path):
    """A copy of the real site with a draft news item and a draft (fictional) edition."""
    project = copy_project(tmp_path)
    content = project / "content"
    for lang, title in (("fr", "Brouillon fictif"), ("ar", "مسودة وهمية")):
        (content / "actualites" / f"brouillon.{lang}.md").write_text(
            f"Title: {title}\nDate: 2017-11-20\nStatus: draft\n\nTexte.\n", "utf-8")
    run4 = (content / "editions" / "run-3.toml").read_text("utf-8")
    run4 = run4.replace("number = 3", "number = 4").replace("2017-12-05", "2018-12-05")
    (content / "editions" / "run-4.toml").write_text("draft = true\n" + run4, "utf-8")
    for lang in ("fr", "ar"):
        text = (content / "editions" / f"run-3.{lang}.md").read_text("utf-8")
        (content / "editions" / f"run-4.{lang}.md").write_text(
            text.replace("/editions/run-3/", "/editions/run-4/"), "utf-8")
    return project


def _links_to_drafts(project):
    about = project / "content" / "pages" / "a-propos.fr.md"
    text = about.read_text("utf-8")
    about.write_text(text + "\n[un brouillon](/actualites/brouillon/) et "
                     "[la 4e](/editions/run-4/)\n", "utf-8")
    return len(text.splitlines()) + 2


def test_html_leaves_drafts_out_of_every_output(tmp_path):
    project = _drafts(tmp_path)
    build = run_build(tmp_path / "output", cwd=project)
    assert build.returncode == 0, build.stderr
    output = build.output
    for path in ("actualites/brouillon", "ar/actualites/brouillon", "editions/run-4",
                 "ar/editions/run-4", "editions/run-4/programme"):
        assert not (output / path).exists(), path
    everything = "".join(p.read_text("utf-8", errors="ignore") for p in output.rglob("*")
                         if p.is_file() and p.suffix in {".html", ".xml", ".atom", ".ics"})
    assert "Brouillon fictif" not in everything and "editions/run-4" not in everything


def test_the_preview_shows_drafts_with_a_banner_and_noindex(tmp_path):
    project = _drafts(tmp_path)
    build = run_build(tmp_path / "output", cwd=project, extra=PREVIEW)
    assert build.returncode == 0, build.stderr
    output = build.output
    for path, banner in (("actualites/brouillon/index.html", "Brouillon : cette page"),
                         ("ar/actualites/brouillon/index.html", "مسودة: لا تظهر"),
                         ("editions/run-4/index.html", "Brouillon : cette page"),
                         ("ar/editions/run-4/programme/index.html", "مسودة: لا تظهر")):
        soup = BeautifulSoup((output / path).read_text("utf-8"), "lxml")
        assert soup.select_one('meta[name="robots"]')["content"] == "noindex", path
        assert banner in soup.select_one(".run-draft-banner").text, path
    published = BeautifulSoup((output / "a-propos" / "index.html").read_text("utf-8"), "lxml")
    assert published.select_one(".run-draft-banner") is None
    assert published.select_one('meta[name="robots"]') is None
    # Never in the feeds, the calendars or the sitemap, even in the preview.
    for prefix in ("", "ar/"):
        assert "brouillon" not in (output / prefix / "actualites" / "flux.atom").read_text()
        calendar = icalendar.Calendar.from_ical((output / prefix / "calendrier.ics").read_bytes())
        uids = {str(e["UID"]).split("@")[0] for e in calendar.walk("VEVENT")}
        assert {"run-1", "run-2", "run-3"} <= uids
        assert not [uid for uid in uids if uid == "run-4" or uid.startswith("run-4-")]
    sitemap = (output / "sitemap.xml").read_text("utf-8")
    assert "brouillon" not in sitemap and "run-4" not in sitemap
    assert not (output / "editions" / "run-4" / "calendrier.ics").exists()


def test_a_link_to_a_draft_is_an_error_outside_the_preview(tmp_path):
    project = _drafts(tmp_path)
    line = _links_to_drafts(project)
    build = run_build(tmp_path / "output", cwd=project)
    assert build.returncode == 1
    assert (f"content/pages/a-propos.fr.md:{line}: lien vers « /actualites/brouillon/ », un "
            "brouillon qui ne sera pas publié — publiez-le d'abord (retirez « Status: draft »)"
            ) in build.stderr
    assert (f"content/pages/a-propos.fr.md:{line}: lien vers « /editions/run-4/ », un "
            "brouillon qui ne sera pas publié — publiez-le d'abord (retirez « draft = true »)"
            ) in build.stderr


def test_a_link_to_a_draft_is_a_notice_in_the_preview(tmp_path):
    project = _drafts(tmp_path)
    _links_to_drafts(project)
    build = run_build(tmp_path / "output", cwd=project, extra=PREVIEW)
    assert build.returncode == 0, build.stderr
    about = project / "content" / "pages" / "a-propos.fr.md"
    line = next(number for number, text in enumerate(about.read_text("utf-8").splitlines(), 1)
                if "/actualites/brouillon/" in text)
    assert (f"avis : content/pages/a-propos.fr.md:{line}: lien vers « /actualites/brouillon/ », "
            "un brouillon : il ne sera pas publié tant qu'il en est un") in build.stderr
    # The draft edition's own link to its programme is no news to its author.
    assert "run-4.fr.md" not in build.stderr and "run-4.ar.md" not in build.stderr


def test_publish_leaves_drafts_out(tmp_path):
    project = _drafts(tmp_path)
    build = run_build(tmp_path / "output", cwd=project, settings=project / "publishconf.py",
                      fatal_warnings=True, env={"SITEURL": "https://run.example.org"})
    assert build.returncode == 0, build.stderr
    assert not (build.output / "editions" / "run-4").exists()
    assert not (build.output / "actualites" / "brouillon").exists()
