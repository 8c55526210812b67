"""What builds reuse to go faster never shows in what they write.

The reader keeps one Markdown parser per direction, reset between files; templates
are compiled once per process (runsite.render.templates). The live preview rebuilds in one
process, so these tests build in this process too, several times, as it does.
"""

from __future__ import annotations

import logging

from bs4 import BeautifulSoup

from conftest import copy_project, run_build
from runsite.core.cache import ProcessCache
from runsite.tools.build import build

DEFINITIONS = """Title: {title}

Texte avec une note[^1], un sigle MUN et un [lien][ref].

[^1]: La note.
[ref]: /a-propos/
*[MUN]: Maroc Université Numérique
"""

USES = """Title: {title}

Un [lien][ref] sans définition, le sigle MUN et un texte sans note.
"""


# One cache for the whole module, as the live preview keeps one for its life.
CACHE = ProcessCache()


def _build(project, output, **extra):
    logging.getLogger("pelican").propagate = False
    result = build(str(project / "pelicanconf.py"), str(project / "content"), str(output),
                   extra=extra or None, cache=CACHE)
    assert result.ok, result.messages
    return result


def _page(output, path):
    return BeautifulSoup((output / path / "index.html").read_text("utf-8"), "lxml")


def test_nothing_of_one_markdown_file_leaks_into_the_next(tmp_path):
    project = copy_project(tmp_path)
    pages = project / "content" / "pages"
    # Whatever the reading order, a file that uses the definitions is read after it.
    for name, text in (("0-sans", USES), ("m-avec", DEFINITIONS), ("z-sans", USES)):
        for lang in ("fr", "ar"):
            (pages / f"{name}.{lang}.md").write_text(text.format(title=name), "utf-8")
    output = tmp_path / "output"
    _build(project, output)

    for prefix in ("", "ar/"):
        with_definitions = _page(output, f"{prefix}m-avec").select_one(".run-prose")
        assert with_definitions.select("abbr") and with_definitions.select(".footnote")
        assert with_definitions.select_one('a[href="/a-propos/"]')
        for name in ("0-sans", "z-sans"):
            prose = _page(output, f"{prefix}{name}").select_one(".run-prose")
            assert "[lien][ref]" in prose.get_text()
            assert not prose.select("abbr") and not prose.select(".footnote")
            assert prose.select_one('a[href="/a-propos/"]') is None
    # Arabic pages still get their Latin runs isolated, French ones do not.
    assert _page(output, "ar/z-sans").select(".run-prose bdi")
    assert not _page(output, "z-sans").select(".run-prose bdi")


def test_rebuilds_in_one_process_see_template_and_setting_edits(tmp_path):
    project = copy_project(tmp_path)
    output = tmp_path / "output"
    _build(project, output)
    first = (output / "a-propos" / "index.html").read_text("utf-8")

    template = project / "theme" / "templates" / "page.html"
    text = template.read_text("utf-8")
    assert '<h1 class="run-page__title">' in text
    template.write_text(text.replace('<h1 class="run-page__title">',
                                     '<h1 class="run-page__title" data-edited="yes">'), "utf-8")
    _build(project, output)
    edited = (output / "a-propos" / "index.html").read_text("utf-8")
    assert 'data-edited="yes"' in edited and edited != first

    # A Jinja option changes the compiled code: the cached one is not reused.
    _build(project, output, JINJA_ENVIRONMENT={"autoescape": True,
                                               "extensions": ["jinja2.ext.i18n"],
                                               "trim_blocks": False, "lstrip_blocks": True})
    untrimmed = (output / "a-propos" / "index.html").read_text("utf-8")
    assert 'data-edited="yes"' in untrimmed
    assert untrimmed.count("\n") > edited.count("\n")


def test_a_rebuild_converts_the_edited_file_and_sees_reader_settings(tmp_path):
    project = copy_project(tmp_path)
    pages = project / "content" / "pages"
    for lang in ("fr", "ar"):
        (pages / f"notes.{lang}.md").write_text(DEFINITIONS.format(title="Notes"), "utf-8")
    output = tmp_path / "output"
    _build(project, output)
    about = (output / "a-propos" / "index.html").read_bytes()

    news = project / "content" / "actualites" / "annonce-run-3.ar.md"
    news.write_text(news.read_text("utf-8") + "\nفقرة مضافة أثناء المعاينة.\n", "utf-8")
    _build(project, output)
    edited = _page(output, "ar/actualites/annonce-run-3").select_one(".run-prose")
    assert "فقرة مضافة أثناء المعاينة." in edited.get_text()
    assert (output / "a-propos" / "index.html").read_bytes() == about
    assert _page(output, "notes").select(".footnote")

    # Without Markdown's "extra" extensions, footnotes are no longer converted.
    _build(project, output, MARKDOWN={"extension_configs": {"markdown.extensions.meta": {}},
                                      "output_format": "html5"})
    assert not _page(output, "notes").select(".footnote")
    assert "[^1]" in _page(output, "notes").select_one(".run-prose").get_text()


def test_a_file_with_a_problem_is_reported_at_every_build(tmp_path):
    project = copy_project(tmp_path)
    output = tmp_path / "output"
    _build(project, output)
    about = project / "content" / "pages" / "a-propos.fr.md"
    about.write_text("Auteur: X\n" + about.read_text("utf-8"), "utf-8")
    settings, content = str(project / "pelicanconf.py"), str(project / "content")
    for _ in range(2):
        result = build(settings, content, str(output), cache=CACHE)
        assert not result.ok
        assert any("a-propos.fr.md:1: champ « Auteur » inconnu ici" in m for m in result.messages)


def test_the_footer_rendered_once_per_language_is_each_language_s_own(site):
    footers = {"fr": set(), "ar": set()}
    for page in site.rglob("index.html"):
        lang = "ar" if page.relative_to(site).parts[0] == "ar" else "fr"
        footer = BeautifulSoup(page.read_text("utf-8"), "lxml").select_one("footer.run-footer")
        footers[lang].add(str(footer))
    assert len(footers["fr"]) == 1 and len(footers["ar"]) == 1  # the same on every page
    french = BeautifulSoup(footers["fr"].pop(), "lxml")
    arabic = BeautifulSoup(footers["ar"].pop(), "lxml")
    assert french.select_one('a[href="/a-propos/"]').get_text() == "À propos de la RUN"
    assert arabic.select_one('a[href="/ar/a-propos/"]')
    partners = [a["href"] for a in french.select("#run-footer-partners + ul a")]
    assert len(partners) >= 5 and all(h.startswith("/partenaires/#") for h in partners)
    assert [h.replace("/partenaires/", "/ar/partenaires/") for h in partners] == [
        a["href"] for a in arabic.select("#run-footer-partners + ul a")]


def test_the_next_process_reuses_compiled_templates_and_sees_edits(tmp_path):
    """``make html`` after ``make html``: the templates compiled by the first process
    are loaded from Pelican's CACHE_PATH, never an edited template's old code."""
    project = copy_project(tmp_path)
    output = tmp_path / "output"
    cache = {"CACHE_PATH": str(project / "cache")}  # the project's own, as make html's
    assert run_build(output, cwd=project, extra=cache).returncode == 0
    compiled = project / "cache" / "templates"
    first = {p.name: p.stat().st_mtime_ns for p in compiled.iterdir()}
    assert len(first) >= len(list((project / "theme" / "templates").rglob("*.html")))

    assert run_build(output, cwd=project, extra=cache).returncode == 0
    assert {p.name: p.stat().st_mtime_ns for p in compiled.iterdir()} == first  # loaded

    template = project / "theme" / "templates" / "page.html"
    text = template.read_text("utf-8")
    template.write_text(text.replace('<h1 class="run-page__title">',
                                     '<h1 class="run-page__title" data-edited="yes">'), "utf-8")
    damaged = sorted(first)[:3]  # a damaged file is compiled anew, never a failure
    for name in damaged:
        (compiled / name).write_bytes(b"not bytecode")
    assert run_build(output, cwd=project, extra=cache).returncode == 0
    assert 'data-edited="yes"' in (output / "a-propos" / "index.html").read_text("utf-8")
    again = {p.name: p.stat().st_mtime_ns for p in compiled.iterdir()}
    assert sorted(again) == sorted(first)  # the same keys, rewritten where needed
    assert all(again[name] != first[name] for name in damaged)
