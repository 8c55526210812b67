"""Theme strings from the gettext catalogs, plurals per catalog, dates through Babel."""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import FIXTURE_SITE, copy_project, fixture_extra, run_build, snapshot


def probe(output, prefix=""):
    page = BeautifulSoup((output / prefix / "sonde" / "index.html").read_text("utf-8"), "lxml")
    return {int(li["data-n"]): li.get_text(strip=True) for li in page.select("#plural-probe li")}


def test_arabic_plural_uses_the_six_forms(fixture_site):
    forms = probe(fixture_site, "ar")
    assert forms[0] == "لا توجد أي دورة"  # zero
    assert forms[1] == "دورة واحدة"  # one
    assert forms[2] == "دورتان"  # two
    assert forms[3] == "3 دورات"  # few: 3-10
    assert forms[11] == "11 دورةً"  # many: 11-99
    assert forms[100] == "100 دورة"  # other
    assert len({forms[n].replace(str(n), "N") for n in (0, 1, 2, 3, 11, 100)}) == 6


def test_french_plural_uses_babel_forms(fixture_site):
    forms = probe(fixture_site)
    assert forms[0] == "0 édition"  # French: 0 and 1 take the singular
    assert forms[1] == "1 édition"
    assert forms[2] == "2 éditions"  # msgstr[2], the ordinary plural
    assert forms[1000000] == "1000000 d’éditions"  # msgstr[1], exact millions


def test_dates_through_babel_with_moroccan_months(fixture_site):
    def date_text(prefix):
        path = fixture_site / prefix / "actualites" / "annonce-fictive" / "index.html"
        page = BeautifulSoup(path.read_text("utf-8"), "lxml")
        time = page.select_one(".run-page__meta time")
        return time["datetime"], time.get_text(strip=True)

    assert date_text("") == ("2017-12-05", "5 décembre 2017")
    assert date_text("ar") == ("2017-12-05", "5 دجنبر 2017")
    arabic = (fixture_site / "ar" / "actualites" / "annonce-fictive" / "index.html").read_text()
    assert "ديسمبر" not in arabic and "\u200f" not in arabic


def test_theme_strings_follow_the_page_language(site):
    fr = (site / "index.html").read_text("utf-8")
    ar = (site / "ar" / "index.html").read_text("utf-8")
    assert "Aller au contenu" in fr and "الانتقال إلى المحتوى" in ar
    assert "Skip to content" not in fr + ar


def test_untranslated_string_fails_the_build_and_names_the_catalog(tmp_path):
    project = copy_project(tmp_path)
    output = tmp_path / "output"
    assert run_build(output, cwd=project).returncode == 0
    before = snapshot(output)
    po = project / "translations" / "ar" / "LC_MESSAGES" / "messages.po"
    text = po.read_text("utf-8")
    po.write_text(text.replace('msgstr "الانتقال إلى المحتوى"', 'msgstr ""'), "utf-8")
    line = next(i for i, row in enumerate(po.read_text().splitlines(), 1)
                if row == 'msgid "Skip to content"')

    build = run_build(output, cwd=project)

    assert build.returncode != 0
    assert f"translations/ar/LC_MESSAGES/messages.po:{line}: texte sans traduction" in build.stderr
    assert "en arabe : « Skip to content »" in build.stderr and "Traceback" not in build.stderr
    assert snapshot(output) == before


def test_malformed_catalog_is_reported_with_its_line(tmp_path):
    project = copy_project(tmp_path)
    po = project / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    lines = po.read_text("utf-8").splitlines()
    broken = next(i for i, row in enumerate(lines) if row.startswith('msgstr "Aller'))
    lines[broken] = 'msgstr "Aller au contenu'  # unterminated string
    po.write_text("\n".join(lines) + "\n", "utf-8")

    build = run_build(tmp_path / "output", cwd=project)

    assert build.returncode != 0
    assert f"translations/fr/LC_MESSAGES/messages.po:{broken + 1}: ligne mal formée" in build.stderr
    assert "Traceback" not in build.stderr
    assert not (tmp_path / "output").exists()


def test_fixture_site_builds_with_fatal_warnings(tmp_path):
    build = run_build(tmp_path / "out", content=FIXTURE_SITE / "content",
                      extra=fixture_extra(), fatal_warnings=True)
    assert build.returncode == 0, build.stderr
