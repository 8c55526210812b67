"""The commented examples in content/exemples/ document every field, and work as written."""

from __future__ import annotations

import re
import tomllib

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, examples_in_place, run_build
from runsite.read import markdown as reader
from runsite.validate import schema

EXAMPLES = ROOT / "content" / "exemples"


def load(name):
    return tomllib.loads((EXAMPLES / name).read_text("utf-8"))


@pytest.mark.parametrize("name,model", [("edition.toml", schema.Edition),
                                        ("partenaires.toml", schema.PartnersFile),
                                        ("jalons.toml", schema.MilestonesFile),
                                        ("intervenants.toml", schema.SpeakersFile)])
def test_examples_document_every_field_and_value(name, model):
    """Every field of the schema, and every value a choice allows, is in the example
    (written, or commented out)."""
    assert schema.undocumented(model, (EXAMPLES / name).read_text("utf-8")) == []


def test_the_examples_check_finds_what_an_example_leaves_out():
    text = (EXAMPLES / "edition.toml").read_text("utf-8")
    assert schema.undocumented(schema.Edition, re.sub(r"(?m)^#? ?venue\..*$", "", text)) == \
        ["venue"]
    assert schema.undocumented(schema.Edition, text.replace("round-table", "table")) == \
        ["session.type = round-table"]


def test_markdown_examples_show_their_required_fields():
    for name, section in (("actualite.fr.md", "actualites"), ("page.fr.md", "pages")):
        text = (EXAMPLES / name).read_text("utf-8")
        for field in reader.FIELDS[section]["required"]:
            assert re.search(rf"^{field}:", text, re.I | re.M), (name, field)


def test_examples_build_when_copied_into_place(tmp_path):
    project = copy_project(tmp_path)
    examples_in_place(project / "content")

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
    # The session's speaker by id links their page; the name without a page is as written.
    speakers = agenda.select_one("#ouverture .run-agenda__speakers")
    assert speakers.select_one('a[href="/ar/intervenants/prenom-nom/"]').get_text() == \
        "الاسم العائلي"
    assert "Autre Personne" in speakers.get_text()
    assert (output / "intervenants/prenom-nom/index.html").exists()
