"""Content reads right today: past editions in the past tense (and a notice when a
text still announces one), Arabic that keeps its Latin names whole on a phone,
figures that agree with their number, footnotes in the page's language, search
snippets and share cards within their limits, and the accessibility and privacy
statements, written from what the build knows."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import tomllib
from collections import defaultdict

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURE_SITE, ROOT, copy_project, fixture_extra, html_pages, run_build

ARABIC_MISTAKES = ["واسعة الانتشار", "مفكرتي", "تقديم التقدم", "تطوير الرقمنة", "عن بعد",
                   "اتفاق حكومي ", "حول RUN", "اللقاء الأول", "تنعقد", "وينعقد"]
FRENCH_ANNOUNCEMENTS = ["se tient le", "se tiendra"]


def _text(path, without=()):
    soup = BeautifulSoup(path.read_text("utf-8"), "lxml")
    for selector in without:
        for element in soup.select(selector):
            element.decompose()
    return soup.get_text(" ")


def _past_edition_pages(site):
    """The pages of editions past on the day of the build (RUN 1–3 today), and the
    about page; not the pages that may announce an edition the organisers add."""
    today = datetime.date.today()
    for path in (ROOT / "content" / "editions").glob("*.toml"):
        data = tomllib.loads(path.read_text("utf-8"))
        if (data.get("end") or data["start"]) < today:
            for prefix in ("", "ar/"):
                yield from (page for page in html_pages(site)
                            if page.startswith(f"{prefix}editions/{path.stem}/"))
    yield from ("a-propos/index.html", "ar/a-propos/index.html")


def test_past_editions_read_in_the_past_tense(site):
    """The 2017 news item keeps its future tense: it is dated, and it is news."""
    pages = list(_past_edition_pages(site))
    assert len(pages) >= 8
    for page in pages:
        text = _text(site / page, without=[".run-news"])  # news summaries: dated news
        mistakes = ARABIC_MISTAKES if page.startswith("ar/") else FRENCH_ANNOUNCEMENTS
        assert [m for m in mistakes if m in text] == [], page
    assert "se tiendra le" in _text(site / "actualites" / "annonce-run-3" / "index.html")


def test_a_past_edition_that_still_announces_itself_gets_a_notice(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "content", content)
    past = content / "editions" / "fiction-1.fr.md"
    past.write_text(past.read_text("utf-8") + "\nLa rencontre se tiendra à Testville.\n", "utf-8")
    arabic = content / "editions" / "fiction-1.ar.md"
    # "لم تنعقد" (it did not take place) is past: only the line after it is told.
    arabic.write_text(arabic.read_text("utf-8") + "\nلم تنعقد في موعدها الأول.\n"
                      "\nوسَيَنْعَقِدُ اللقاء بتستفيل.\n", "utf-8")
    upcoming = content / "editions" / "fiction-2.fr.md"
    upcoming.write_text(upcoming.read_text("utf-8") + "\nElle se tiendra à Ville-Exemple.\n",
                        "utf-8")
    build = run_build(tmp_path / "output", content=content, extra=fixture_extra())
    assert build.returncode == 0, build.stderr
    notices = [line for line in build.stderr.splitlines() if "l'annonce encore" in line]
    french_line = len(past.read_text("utf-8").splitlines())
    arabic_line = len(arabic.read_text("utf-8").splitlines())
    assert any(n.endswith(f"fiction-1.fr.md:{french_line}: l'édition est passée, et ce texte "
                          "l'annonce encore (« se tiendra ») : réécrivez-le au passé")
               for n in notices), build.stderr
    assert any(n.endswith(f"fiction-1.ar.md:{arabic_line}: l'édition est passée, et ce texte "
                          "l'annonce encore (« سينعقد ») : réécrivez-le au passé")
               for n in notices), build.stderr
    assert len(notices) == 2  # the upcoming edition may announce itself


def test_the_real_site_gets_no_tense_notice(tmp_path):
    build = run_build(tmp_path / "output")
    assert build.returncode == 0, build.stderr
    assert "l'annonce encore" not in build.stderr


def test_a_figure_agrees_with_its_number(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "content", content)
    milestones = content / "jalons.toml"
    milestones.write_text(milestones.read_text("utf-8") + """
[[milestone.figure]]
value = 5
label.fr = "projets fictifs retenus"
label.ar.few = "مشاريع وهمية"
label.ar.many = "مشروعًا وهميًا"
label.ar.other = "مشروع وهمي"

[[milestone.figure]]
value = 200
label.fr = "projets fictifs lus"
label.ar.few = "مشاريع وهمية"
label.ar.many = "مشروعًا وهميًا"
label.ar.other = "مشروع وهمي"
""", "utf-8")
    build = run_build(tmp_path / "output", content=content, extra=fixture_extra())
    assert build.returncode == 0, build.stderr
    soup = BeautifulSoup((tmp_path / "output" / "ar" / "chronologie" / "index.html")
                         .read_text("utf-8"), "lxml")
    figures = [" ".join(li.get_text(" ").split()) for li in soup.select(".run-figures__item")]
    assert "5 مشاريع وهمية" in figures
    assert "200 مشروع وهمي" in figures
    assert "أكثر من 12 مشروعًا وهميًا" in figures


def test_an_unknown_plural_form_is_refused(built_project):
    project, output, _ = built_project
    milestones = project / "content" / "jalons.toml"
    text = milestones.read_text("utf-8").replace('label.ar.few = "مشاريع مقبولة"',
                                                 'label.ar.plenty = "مشاريع مقبولة"')
    milestones.write_text(text, "utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "plenty" in row)
    build = run_build(output, cwd=project)
    assert build.returncode == 1
    assert (f"content/jalons.toml:{line}: forme « plenty » inconnue en arabe — formes du "
            "pluriel en arabe : zero, one, two, few, many, other") in build.stderr


def test_footnotes_speak_the_language_of_the_page(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "content", content)
    for lang in ("fr", "ar"):
        news = content / "actualites" / f"annonce-fictive.{lang}.md"
        news.write_text(news.read_text("utf-8") + "\nUne note[^1].\n\n[^1]: La note.\n", "utf-8")
    build = run_build(tmp_path / "output", content=content, extra=fixture_extra())
    assert build.returncode == 0, build.stderr
    titles = {}
    for prefix in ("", "ar/"):
        soup = BeautifulSoup((tmp_path / "output" / prefix / "actualites" / "annonce-fictive"
                              / "index.html").read_text("utf-8"), "lxml")
        titles[prefix] = soup.select_one("a.footnote-backref")["title"]
    assert titles == {"": "Revenir à l'appel de la note 1 dans le texte",
                      "ar/": "العودة إلى موضع الإحالة على الحاشية 1 في النص"}


# --- Search results and share cards ---------------------------------------------------

def _head(path):
    soup = BeautifulSoup(path.read_text("utf-8"), "lxml")

    def meta(attribute, name):
        found = soup.find("meta", attrs={attribute: name})
        return found["content"] if found else None

    return soup, meta


@pytest.mark.parametrize("which", ["site", "fixture_site"])
def test_every_page_has_its_own_short_description_and_title(which, request):
    output = request.getfixturevalue(which)
    descriptions = defaultdict(dict)
    for page in html_pages(output):
        soup, meta = _head(output / page)
        if meta("name", "robots") == "noindex":
            continue
        lang = soup.html["lang"]
        title = soup.title.string
        description = meta("name", "description")
        assert description and len(description) <= 160, (page, len(description or ""))
        assert len(title) <= 70, (page, title)
        assert meta("property", "og:description") == description
        assert description not in descriptions[lang].values(), (
            page, [p for p, d in descriptions[lang].items() if d == description])
        descriptions[lang][page] = description


def test_share_tags_use_locales_the_platforms_accept(site):
    for page in html_pages(site):
        if page == "404.html":
            continue
        _, meta = _head(site / page)
        arabic = page.startswith("ar/")
        assert meta("property", "og:locale") == ("ar_AR" if arabic else "fr_FR"), page
        assert meta("property", "og:locale:alternate") == ("fr_FR" if arabic else "ar_AR")
        news = re.match(r"(ar/)?actualites/[^/]+/index.html$", page)
        assert meta("property", "og:type") == ("article" if news else "website"), page


def test_a_long_title_is_shortened_and_its_author_told(tmp_path):
    project = copy_project(tmp_path)
    news = project / "content" / "actualites" / "annonce-run-3.fr.md"
    long_title = "Fès accueillera en décembre la troisième Rencontre Universitaire du Numérique"
    news.write_text(re.sub(r"^Title: .*", f"Title: {long_title}", news.read_text("utf-8"),
                           count=1, flags=re.M), "utf-8")
    build = run_build(tmp_path / "output", cwd=project)
    assert build.returncode == 0, build.stderr
    assert (f"avis : content/actualites/annonce-run-3.fr.md:1: titre de {len(long_title)} "
            "caractères : les résultats de recherche en montrent 70 au plus") in build.stderr
    soup, _ = _head(tmp_path / "output" / "actualites" / "annonce-run-3" / "index.html")
    assert len(soup.title.string) <= 70 and soup.title.string.endswith("…")
    assert soup.h1.get_text() == long_title  # the page itself keeps it whole


# --- Statements --------------------------------------------------------------------------

def test_accessibility_and_privacy_statements_in_both_languages(site):
    for prefix, words in (("", ["WCAG", "axe-core 4.12.1", "Nu Html Checker 26.9.27",
                                "loi n° 09-08", "CNDP"]),
                          ("ar/", ["WCAG", "axe-core 4.12.1", "09.08", "CNDP",
                                   "اللجنة الوطنية لمراقبة حماية المعطيات ذات الطابع الشخصي"])):
        text = _text(site / prefix / "accessibilite" / "index.html") + _text(
            site / prefix / "confidentialite" / "index.html")
        for word in words:
            assert word in text, (prefix, word)
        # No publisher named yet: nothing invented.
        assert "publié par" not in text and "ينشر هذا الموقع" not in text
        assert "mailto:" not in (site / prefix / "confidentialite" / "index.html").read_text()
        footer = BeautifulSoup((site / prefix / "index.html").read_text("utf-8"), "lxml")
        links = {a["href"] for a in footer.select(".run-footer a")}
        assert {f"/{prefix}accessibilite/", f"/{prefix}confidentialite/"} <= links


def test_the_statements_name_the_publisher_once_filled_in_and_date_the_checks(tmp_path):
    project = copy_project(tmp_path)
    (project / "content" / "editeur.toml").write_text(
        'name.fr = "Comité fictif de la RUN"\nname.ar = "لجنة وهمية للقاء"\n'
        'email = "contact@run.example"\n', "utf-8")
    build = run_build(tmp_path / "output", cwd=project,
                      extra={"RUN_CHECKED": True, "RUN_BUILD_DATE": "2030-01-02"})
    assert build.returncode == 0, build.stderr
    assert "éditeur du site n'est pas indiqué" not in build.stderr
    output = tmp_path / "output"
    french = _text(output / "confidentialite" / "index.html")
    assert "Ce site est publié par Comité fictif de la RUN." in " ".join(french.split())
    arabic = (output / "ar" / "accessibilite" / "index.html").read_text("utf-8")
    assert 'href="mailto:contact@run.example"' in arabic and "لجنة وهمية للقاء" in arabic
    assert "2 يناير 2030" in _text(output / "ar" / "accessibilite" / "index.html")


def test_the_real_site_says_its_publisher_is_missing(tmp_path):
    build = run_build(tmp_path / "output")
    assert ("avis : content/editeur.toml: l'éditeur du site n'est pas indiqué"
            in build.stderr)


def test_the_named_checks_are_the_tools_installed():
    """The statement names the versions `make test` really runs."""
    from runsite.tools.build import load_settings
    checks = dict(load_settings(str(ROOT / "pelicanconf.py"))["RUN_ACCESSIBILITY_CHECKS"])
    import axe_playwright_python
    axe = (ROOT / ".venv").glob("lib/python*/site-packages/axe_playwright_python/axe.min.js")
    header = next(iter(axe)).read_text("utf-8")[:40]
    assert f"axe v{checks['axe-core']}" in header, axe_playwright_python.__file__
    lock = json.loads((ROOT / "package-lock.json").read_text("utf-8"))
    assert lock["packages"]["node_modules/vnu-jar"]["version"] == checks["Nu Html Checker"]


# --- Latin names kept whole on a phone ---------------------------------------------------

# The lines the text of each short Latin run is laid out on, with the parentheses
# written around it ("(USMBA)", "(RUN 3)"): a Range counts the fragments of its text,
# whether the element breaks across lines, wraps inside or leaves a bracket behind.
WHOLE = """() => [...document.querySelectorAll('bdi[dir="ltr"]:not(.run-wrap)')]
  .filter(e => { const r = document.createRange(); r.selectNodeContents(e);
    const before = e.previousSibling, after = e.nextSibling;
    if (before && before.nodeType === 3 && before.data.endsWith('('))
      r.setStart(before, before.data.length - 1);
    if (after && after.nodeType === 3 && after.data.startsWith(')')) r.setEnd(after, 1);
    return new Set([...r.getClientRects()].filter(q => q.width > 0)
                   .map(q => Math.round(q.top))).size > 1; })
  .map(e => e.textContent)"""


@pytest.mark.parametrize("width", [320, 375])
def test_short_latin_runs_stay_on_one_line_in_arabic(page, site_url, site, width):
    """And in French: the footer's "(USMBA)" is isolated there too."""
    page.set_viewport_size({"width": width, "height": 800})
    checked = 0
    for path in html_pages(site):
        page.goto(f"{site_url}/{path.removesuffix('index.html')}")
        assert page.evaluate(WHOLE) == [], path
        checked += page.evaluate("""document.querySelectorAll('bdi[dir="ltr"]').length""")
    assert checked > 50


def test_french_high_punctuation_never_starts_a_line(tmp_path):
    """French puts a non-breaking space before : ; ! ? » and after «, in the data files'
    texts and in Markdown alike; times, addresses, code and Arabic pages are untouched."""
    project = copy_project(tmp_path)
    page = project / "content" / "pages" / "a-propos.fr.md"
    page.write_text(page.read_text("utf-8") + "\n\nÀ retenir : « deux séquences » ; "
                    "pourquoi ? Voilà ! À 10:30, voir https://example.org/ et `a : b`.\n",
                    "utf-8")
    build = run_build(tmp_path / "output", cwd=project)
    assert build.returncode == 0, build.stderr
    output = tmp_path / "output"
    html = (output / "a-propos" / "index.html").read_text("utf-8")
    body = BeautifulSoup(html, "lxml").get_text()
    assert ("À retenir\u00a0: «\u00a0deux séquences\u00a0»\u00a0; pourquoi\u00a0? "
            "Voilà\u00a0! À 10:30, voir") in body
    assert "https://example.org/" in body and "<code>a : b</code>" in html
    programme = (output / "editions" / "run-3" / "programme" / "index.html").read_text("utf-8")
    assert "Première séquence\u00a0: échanges" in programme  # a title of run-3.toml
    arabic = (output / "ar" / "editions" / "run-3" / "programme" / "index.html").read_text()
    assert "الشق الأول: تبادل" in arabic
