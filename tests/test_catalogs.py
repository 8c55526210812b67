"""Gate: the theme's catalogs are complete.

- A fresh ``pybabel extract`` of the templates (the options of ``make i18n-extract``)
  finds no string that the committed ``translations/messages.pot`` lacks.
- The French and Arabic catalogs translate every string of messages.pot: no empty
  and no fuzzy msgstr; plural entries fill every form of the language (Babel 2.19
  gives French three, the ordinary plural being ``msgstr[2]``; Arabic has six).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT

PYBABEL = Path(sys.executable).with_name("pybabel")
EXTRACT_OPTIONS = ["-F", "babel.cfg", "-k", "translate:2", "-k", "N_"]  # as in the Makefile
SOURCES = ["theme/templates", "runsite"]
PLURAL_FORMS = {"fr": 3, "ar": 6}


def extract(project: Path, destination: Path):
    """The templates' strings, extracted afresh into ``destination``."""
    subprocess.run([str(PYBABEL), "-q", "extract", *EXTRACT_OPTIONS, "-o", str(destination),
                    *SOURCES], cwd=project, check=True, capture_output=True,
                   text=True, timeout=120)
    return _read(destination)


def _read(path: Path, locale=None):
    with open(path, "rb") as fp:
        return read_po(fp, locale=locale, abort_invalid=True)


def _key(message):
    return (message.context, message.id)


def missing_from_template(fresh, pot) -> list:
    """Strings of the templates that messages.pot does not have (run make i18n-update)."""
    known = {_key(m) for m in pot if m.id}
    return sorted(str(m.id) for m in fresh if m.id and _key(m) not in known)


def untranslated(pot, catalog, forms: int) -> list[str]:
    """Every string of messages.pot without a complete, non-fuzzy translation."""
    problems = []
    for template in pot:
        if not template.id:
            continue
        message = catalog.get(template.id, template.context)
        where = repr(template.id)
        if message is None:
            problems.append(f"{where}: absent")
        elif message.fuzzy:
            problems.append(f"line {message.lineno}: {where}: fuzzy")
        elif message.pluralizable:
            strings = list(message.string)
            if len(strings) != forms or not all(strings):
                problems.append(f"line {message.lineno}: {where}: plural forms "
                                f"{[i for i, s in enumerate(strings) if not s]} of {forms} empty"
                                if len(strings) == forms else
                                f"line {message.lineno}: {where}: {len(strings)} plural forms "
                                f"instead of {forms}")
        elif not message.string:
            problems.append(f"line {message.lineno}: {where}: empty")
    return problems


def test_the_makefile_extracts_with_the_same_options():
    recipe = re.search(r"^i18n-extract:.*\n((?:\t.*\n)+)",
                       (ROOT / "Makefile").read_text("utf-8"), re.M)
    assert recipe and " ".join(EXTRACT_OPTIONS) in recipe.group(1)
    assert " ".join(SOURCES) in recipe.group(1)


def test_messages_pot_has_every_string_of_the_templates(tmp_path):
    fresh = extract(ROOT, tmp_path / "fresh.pot")
    assert len(fresh) > 50  # the templates' strings were found
    assert missing_from_template(fresh, _read(ROOT / "translations" / "messages.pot")) == []


@pytest.mark.parametrize("lang", PLURAL_FORMS)
def test_catalog_is_fully_translated(lang):
    pot = _read(ROOT / "translations" / "messages.pot")
    catalog = _read(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po", locale=lang)
    assert catalog.num_plurals == PLURAL_FORMS[lang]
    assert any(m.pluralizable for m in pot if m.id)  # plural entries are checked too
    assert untranslated(pot, catalog, PLURAL_FORMS[lang]) == []


def test_the_gate_finds_new_strings_and_incomplete_translations(tmp_path):
    """The same checks on a broken copy: a new template string, an empty French
    ordinary plural, a fuzzy and an empty Arabic string."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copytree(ROOT / "runsite", project / "runsite",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "translations", project / "translations")
    shutil.copy(ROOT / "babel.cfg", project / "babel.cfg")
    page = project / "theme" / "templates" / "page.html"
    page.write_text(page.read_text("utf-8") + '{{ _("A brand new string") }}\n', "utf-8")
    french = project / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    text = french.read_text("utf-8")
    assert 'msgstr[2] "%(num)s éditions"' in text
    french.write_text(text.replace('msgstr[2] "%(num)s éditions"', 'msgstr[2] ""'), "utf-8")
    arabic = project / "translations" / "ar" / "LC_MESSAGES" / "messages.po"
    text = arabic.read_text("utf-8")
    assert 'msgstr "الانتقال إلى المحتوى"' in text and 'msgstr "كل الأخبار"' in text
    text = text.replace('msgstr "الانتقال إلى المحتوى"', 'msgstr ""')
    text = text.replace('msgid "All news"', '#, fuzzy\nmsgid "All news"')
    arabic.write_text(text, "utf-8")

    pot = _read(project / "translations" / "messages.pot")
    fresh = extract(project, tmp_path / "fresh.pot")
    assert missing_from_template(fresh, pot) == ["A brand new string"]
    fr_problems = untranslated(pot, _read(french, "fr"), 3)
    assert len(fr_problems) == 1 and "plural forms [2] of 3 empty" in fr_problems[0]
    ar_problems = untranslated(pot, _read(arabic, "ar"), 6)
    assert len(ar_problems) == 2
    assert any("'Skip to content': empty" in p for p in ar_problems)
    assert any("'All news': fuzzy" in p for p in ar_problems)
