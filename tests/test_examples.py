"""The commented examples in content/exemples/ document every field, and work as written."""

from __future__ import annotations

import re
import shutil
import tomllib

from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_build
from runsite.read import markdown as reader
from runsite.validate import fields as schema

EXAMPLES = ROOT / "content" / "exemples"


def load(name):
    return tomllib.loads((EXAMPLES / name).read_text("utf-8"))


def test_examples_document_every_field():
    edition = load("edition.toml")
    assert set(edition) | {"draft"} == set(schema.EDITION_FIELDS)
    assert "# draft = true" in (EXAMPLES / "edition.toml").read_text("utf-8")
    assert set(edition["partner"][0]) == set(schema.EDITION_PARTNER_FIELDS)
    assert set(edition["session"][0]) == set(schema.SESSION_FIELDS)
    partner = load("partenaires.toml")["partner"][0]
    assert set(partner) | {"logo"} == set(schema.PARTNER_FIELDS)
    milestone = load("jalons.toml")["milestone"][0]
    assert set(milestone) == set(schema.MILESTONE_FIELDS)
    assert set(milestone["figure"][0]) == set(schema.FIGURE_FIELDS)
    for kind in schema.SESSION_TYPES + schema.ROLES + schema.PARTNER_KINDS:
        assert re.search(rf"\b{kind}\b", " ".join(
            (EXAMPLES / n).read_text("utf-8") for n in ("edition.toml", "partenaires.toml")))
    for name, section in (("actualite.fr.md", "actualites"), ("page.fr.md", "pages")):
        text = (EXAMPLES / name).read_text("utf-8")
        for field in reader.FIELDS[section]["required"]:
            assert re.search(rf"^{field}:", text, re.I | re.M), (name, field)


def test_examples_build_when_copied_into_place(tmp_path):
    project = copy_project(tmp_path)
    content = project / "content"
    shutil.copy(EXAMPLES / "edition.toml", content / "editions" / "run-9.toml")
    for lang in ("fr", "ar"):
        shutil.copy(EXAMPLES / f"edition.{lang}.md", content / "editions" / f"run-9.{lang}.md")
        shutil.copy(EXAMPLES / f"actualite.{lang}.md",
                    content / "actualites" / f"exemple.{lang}.md")
        shutil.copy(EXAMPLES / f"page.{lang}.md", content / "pages" / f"exemple.{lang}.md")
    for name in ("partenaires.toml", "jalons.toml"):
        with open(content / name, "a", encoding="utf-8") as target:
            target.write("\n" + (EXAMPLES / name).read_text("utf-8"))

    build = run_build(tmp_path / "output", cwd=project, extra={"RUN_BUILD_DATE": "2030-01-01"})

    assert build.returncode == 0, build.stderr
    output = tmp_path / "output"
    agenda = BeautifulSoup((output / "ar/editions/run-9/programme/index.html").read_text(),
                           "lxml")
    assert agenda.select_one("#ouverture .run-agenda__title").get_text() == "الافتتاح"
    home = (output / "index.html").read_text("utf-8")
    assert 'href="/editions/run-9/"' in home and "Prochaine édition" in home
    assert (output / "ar/pages/exemple/index.html").exists() is False
    assert (output / "ar/exemple/index.html").exists()
