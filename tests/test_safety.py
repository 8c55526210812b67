"""Safe by construction: nothing written in content reaches a page as code.

A hostile copy of the fictional test site puts quotes, ampersands, tags, comments,
entities and ``</script>`` in every free-text field the content schema has; the
pages, built with the development settings (no Content-Security-Policy: escaping,
not the policy, is what is tested) and with the publish settings, are opened in
Chromium, which must find no injected element, attribute, script run or
navigation, and the texts as written. What cannot be escaped (raw HTML, links with
other schemes, symbolic links, files that carry code) stops the build with a
French ``file:line: what — fix``, leaving ``output/`` byte-identical.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path

import pytest
import tomlkit
from test_publish import pages_server

from conftest import FIXTURE_SITE, ROOT, fixture_extra, run_build, snapshot
from runsite.validate import schema

# Plain text written by a hostile contributor: it must read exactly as written.
PAYLOAD = ('Essai "q" \'a\' & <x-injected data-x="1"></x-injected> '
           "</script><script>window.__pwned=1</script> <!--<script> "
           "&lt;/title&gt;&lt;script&gt;window.__pwned=2&lt;/script&gt; "
           '0;url=http://other.example/" http-equiv="refresh" x="')
PAYLOAD_AR = "تجربة " + PAYLOAD
# Markdown (a Summary, a body): entities and quotes only, raw HTML is refused.
MARKDOWN_PAYLOAD = ('Résumé "cité" & \'x\' &lt;/script&gt;&lt;script&gt;window.__pwned=3'
                    '&lt;/script&gt; 0;url=http://other.example/" http-equiv="refresh" x="')
MARKDOWN_TEXT = ('Résumé "cité" & \'x\' </script><script>window.__pwned=3</script> '
                 '0;url=http://other.example/" http-equiv="refresh" x="')
URL = "https://example.org/chemin?a=1&b='2'#x"

TEXT, STRING, STRINGS, LINK, CHECKED = "text", "string", "strings", "url", "checked"
# How the hostile fixture fills each field of each block of the schema. CHECKED:
# identifiers, choices, dates, numbers and references, refused unless valid.
COVERAGE = {
    "partner": ({"id": CHECKED, "kind": CHECKED, "name": TEXT, "short": STRING, "url": LINK,
                 "logo": CHECKED}, tuple(schema.Partner.model_fields)),
    "milestone": ({"id": CHECKED, "date": CHECKED, "title": TEXT, "description": TEXT,
                   "figure": CHECKED}, tuple(schema.Milestone.model_fields)),
    "figure": ({"value": CHECKED, "label": TEXT, "more_than": CHECKED},
               tuple(schema.Figure.model_fields)),
    "edition": ({"number": CHECKED, "start": CHECKED, "end": CHECKED, "city": TEXT,
                 "host": CHECKED, "venue": TEXT, "map": LINK, "draft": CHECKED,
                 "status": CHECKED, "new_start": CHECKED, "new_end": CHECKED,
                 "call": CHECKED, "registration": CHECKED,
                 "partner": CHECKED, "session": CHECKED, "change": CHECKED,
                 "photo": CHECKED},
                tuple(schema.Edition.model_fields)),
    "gallery photo": ({"file": CHECKED, "alt": TEXT, "caption": TEXT, "credit": STRING,
                       "consent": CHECKED}, tuple(schema.GalleryPhoto.model_fields)),
    "change": ({"date": CHECKED, "text": TEXT, "sessions": CHECKED},
               tuple(schema.Change.model_fields)),
    "call": ({"opens": CHECKED, "closes": CHECKED, "url": LINK, "text": TEXT},
             tuple(schema.Call.model_fields)),
    "registration": ({"free": CHECKED, "opens": CHECKED, "closes": CHECKED, "url": LINK},
                     tuple(schema.Registration.model_fields)),
    "speaker": ({"id": CHECKED, "name": STRING, "name_ar": CHECKED, "affiliation": TEXT,
                 "bio": TEXT, "photo": CHECKED, "photo_consent": CHECKED, "photo_alt": TEXT,
                 "links": LINK}, tuple(schema.Speaker.model_fields)),
    "edition partner": ({"id": CHECKED, "role": CHECKED},
                        tuple(schema.EditionPartner.model_fields)),
    "session": ({"id": CHECKED, "title": TEXT, "day": CHECKED, "start": CHECKED,
                 "end": CHECKED, "room": TEXT, "type": CHECKED, "description": TEXT,
                 "speakers": STRINGS, "language": CHECKED, "partners": CHECKED,
                 "interpretation": CHECKED, "cancelled": CHECKED, "slides": CHECKED,
                 "slides_language": CHECKED, "recording": LINK, "recording_poster": CHECKED,
                 "captions": CHECKED, "transcript": LINK, "recording_opt_out": CHECKED,
                 "links": LINK},
                tuple(schema.Slot.model_fields)),
}
MARKDOWN_FIELDS = {"title": TEXT, "summary": "markdown", "untranslated": TEXT,
                   "date": CHECKED, "modified": CHECKED, "template": CHECKED,
                   "status": CHECKED}


def _fill(block, kind):
    for name, how in COVERAGE[kind][0].items():
        if kind == "session" and name == "room":  # one room per session: no overlap
            block[name] = {"fr": f"{PAYLOAD} {block['id']}", "ar": f"{PAYLOAD_AR} {block['id']}"}
        elif how == TEXT:
            block[name] = {"fr": PAYLOAD, "ar": PAYLOAD_AR}
        elif how == STRING:
            block[name] = PAYLOAD
        elif how == STRINGS:
            block[name] = [PAYLOAD, "Nom Simple"]
        elif how == LINK:
            block[name] = URL


def hostile_content(destination: Path) -> Path:
    """The fictional test content, with hostile text in every free-text field."""
    shutil.copytree(FIXTURE_SITE / "content", destination)
    partners = tomlkit.parse((destination / "partenaires.toml").read_text("utf-8"))
    for block in partners["partner"]:
        _fill(block, "partner")
    (destination / "partenaires.toml").write_text(tomlkit.dumps(partners), "utf-8")
    milestones = tomlkit.parse((destination / "jalons.toml").read_text("utf-8"))
    for block in milestones["milestone"]:
        _fill(block, "milestone")
        for figure in block.get("figure", []):
            _fill(figure, "figure")
    (destination / "jalons.toml").write_text(tomlkit.dumps(milestones), "utf-8")
    speakers = {"speaker": [{"id": "hostile-speaker", "name_ar": "اسم عربي"}]}
    _fill(speakers["speaker"][0], "speaker")
    (destination / "intervenants.toml").write_text(tomlkit.dumps(speakers), "utf-8")
    for path in (destination / "editions").glob("*.toml"):
        edition = tomlkit.parse(path.read_text("utf-8"))
        _fill(edition, "edition")
        for block in edition.get("partner", []):
            _fill(block, "edition partner")
        for block in edition.get("session", []):
            _fill(block, "session")
            block["speakers"].append("hostile-speaker")
            block["captions"] = ["fr"]
        if edition.get("session"):  # a change of its programme: on the page, in the feed
            change = {"date": edition["start"], "sessions": [edition["session"][0]["id"]]}
            _fill(change, "change")
            edition["change"] = [change]
        if path.stem == "fiction-1":  # past on the fixture's day: its archive is shown
            photo = {"file": "photos/fiction-1/salle.jpg", "consent": "nobody"}
            _fill(photo, "gallery photo")
            edition["photo"] = [photo]
        if path.stem == "fiction-2":  # upcoming on the fixture's day: call and form shown
            edition["call"] = {"closes": datetime.date(2031, 3, 1)}
            _fill(edition["call"], "call")
            edition["registration"] = {}
            _fill(edition["registration"], "registration")
        path.write_text(tomlkit.dumps(edition), "utf-8")
    for path in destination.rglob("*.md"):
        arabic = path.name.endswith(".ar.md")
        header, _, body = path.read_text("utf-8").partition("\n\n")
        lines = [line for line in header.splitlines()
                 if not line.lower().startswith(("title:", "summary:"))]
        lines[:0] = [f"Title: {PAYLOAD_AR if arabic else PAYLOAD}",
                     f"Summary: {MARKDOWN_PAYLOAD}"]
        path.write_text("\n".join(lines) + f"\n\n{body}\n\nCorps : {MARKDOWN_PAYLOAD}\n",
                        "utf-8")
    (destination / "photos" / "fiction-1").mkdir(parents=True)
    shutil.copy(ROOT / "demo/content/photos/demo-1/amphi.jpg",
                destination / "photos/fiction-1/salle.jpg")
    for lang in ("fr", "ar"):  # a report: Markdown, as the edition's texts
        (destination / "editions" / f"fiction-1-compte-rendu.{lang}.md").write_text(
            f"{MARKDOWN_PAYLOAD}\n", "utf-8")
    (destination / "pages" / "presse.fr.md").write_text(
        f"Title: {PAYLOAD}\nSummary: {MARKDOWN_PAYLOAD}\nUntranslated: {PAYLOAD}\n"
        f"\n{MARKDOWN_PAYLOAD}\n", "utf-8")
    return destination


def test_the_hostile_fixture_fills_every_field_of_the_schema():
    """A new field must say here how it is attacked, or this test fails."""
    for kind, (coverage, fields) in COVERAGE.items():
        assert set(coverage) == set(fields), kind
    from runsite.read.markdown import FIELDS
    written = {name for rules in FIELDS.values()
               for name in (*rules["required"], *rules["optional"])} | {"status"}
    assert written == set(MARKDOWN_FIELDS)


@pytest.fixture(scope="module")
def hostile_builds(tmp_path_factory):
    """The hostile content built with the development and with the publish settings."""
    content = hostile_content(tmp_path_factory.mktemp("hostile") / "content")
    development = run_build(tmp_path_factory.mktemp("dev") / "output", content=content,
                            extra=fixture_extra())
    assert development.returncode == 0, development.stderr
    folder = tmp_path_factory.mktemp("publish") / "output"
    with pages_server(folder) as url:
        publish = run_build(folder, content=content, settings=ROOT / "publishconf.py",
                            extra=fixture_extra(), fatal_warnings=True,
                            env={"SITEURL": url})
        assert publish.returncode == 0, publish.stderr
        yield {"development": development.output, "publish": (publish.output, url)}


def _pages(output: Path) -> list[str]:
    return sorted(str(p.relative_to(output)).removesuffix("index.html")
                  for p in output.rglob("*.html"))


INSPECT = """() => {
  const all = [...document.querySelectorAll('*')];
  return {
    scripts: [...document.scripts].filter(s => s.type !== 'application/ld+json').length,
    ownScript: [...document.scripts].some(s => !s.textContent &&
                                          s.src.split('?')[0].endsWith('/theme/js/search.js')),
    injected: document.querySelectorAll('x-injected, [data-x]').length,
    handlers: all.flatMap(e => [...e.attributes].map(a => a.name))
                 .filter(n => n.startsWith('on')),
    refresh: document.querySelectorAll('meta[http-equiv="refresh" i]').length,
    pwned: window.__pwned === undefined ? null : window.__pwned,
    title: document.title,
    description: document.querySelector('meta[name="description"]')?.content ?? null,
    ogTitle: document.querySelector('meta[property="og:title"]')?.content ?? null,
    jsonLd: [...document.querySelectorAll('script[type="application/ld+json"]')]
              .map(s => s.textContent),
    text: document.body.innerText,
    bodyChildren: document.body.children.length,
  };
}"""


def _visit_every_page(browser, base, output):
    """Open every page in Chromium; return what each shows and every alarm."""
    context = browser.new_context(java_script_enabled=True)
    page = context.new_page()
    alarms, seen = [], {}
    page.on("dialog", lambda dialog: (alarms.append(f"dialog {dialog.message}"),
                                      dialog.dismiss()))
    host = base.split("//", 1)[1]
    page.on("request", lambda request: None if host in request.url or
            request.url.startswith("data:") else alarms.append(f"request {request.url}"))
    for path in _pages(output):
        url = f"{base}/{path}"
        page.goto(url)
        page.wait_for_timeout(50)  # a meta refresh of 0 s would have fired
        assert page.url == url, f"navigated away from {url} to {page.url}"
        seen[path] = page.evaluate(INSPECT)
    context.close()
    return seen, alarms


def _assert_nothing_injected(seen, alarms):
    assert alarms == []
    for path, found in seen.items():
        # The search page's one script is the site's own file (tests/test_publish.py).
        own = 1 if path.removeprefix("ar/") == "recherche/" and found["ownScript"] else 0
        assert found["scripts"] == own, path
        assert found["injected"] == 0, path
        assert found["handlers"] == [], path
        assert found["refresh"] == 0, path
        assert found["pwned"] is None, path
        assert found["bodyChildren"] > 2, path  # the body was not swallowed
        for block in found["jsonLd"]:
            json.loads(block)
            assert "<" not in block and ">" not in block and "&" not in block, path


def _title(text):
    return " ".join(text.split())


def _assert_texts_read_as_written(seen):
    # The texts as written: titles (plain text) exactly, summaries as their text.
    news = seen["actualites/annonce-fictive/"]
    assert news["ogTitle"] == _title(PAYLOAD)
    # The window's title: as written, cut at a word to 70 characters (runsite.core.seo).
    assert news["title"].endswith("…") and _title(PAYLOAD).startswith(news["title"][:-1])
    assert news["description"] == MARKDOWN_TEXT
    assert _title(PAYLOAD) in _title(news["text"])
    assert MARKDOWN_TEXT in news["text"]
    arabic = seen["ar/editions/fiction-2/"]
    assert arabic["ogTitle"] == _title(PAYLOAD_AR)
    assert arabic["description"] == MARKDOWN_TEXT
    event = next(node for block in arabic["jsonLd"] for node in json.loads(block)["@graph"]
                 if node["@type"] == "EducationEvent")
    assert event["name"] == PAYLOAD_AR
    assert event["description"] == MARKDOWN_TEXT
    assert {sub["name"] for sub in event["subEvent"]} == {PAYLOAD_AR}
    programme = seen["editions/fiction-2/programme/"]["text"]
    assert _title(PAYLOAD) in _title(programme)  # titles, rooms, speakers…
    partners = seen["partenaires/"]["text"]
    assert _title(PAYLOAD) in _title(partners)
    stand_in = seen["ar/presse/"]
    assert _title(PAYLOAD) in _title(stand_in["text"])


def test_development_build_has_nothing_injected_and_texts_as_written(hostile_builds, browser):
    output = hostile_builds["development"]
    from conftest import static_server
    with static_server(output) as base:
        seen, alarms = _visit_every_page(browser, base, output)
    assert len(seen) > 20
    _assert_nothing_injected(seen, alarms)
    _assert_texts_read_as_written(seen)


def test_publish_build_has_nothing_injected_and_texts_as_written(hostile_builds, browser):
    output, base = hostile_builds["publish"]
    seen, alarms = _visit_every_page(browser, base, output)
    _assert_nothing_injected(seen, alarms)
    _assert_texts_read_as_written(seen)


def test_hostile_addresses_are_escaped_in_attributes(hostile_builds):
    partners = (hostile_builds["development"] / "partenaires" / "index.html").read_text("utf-8")
    assert 'href="https://example.org/chemin?a=1&amp;b=&#39;2&#39;#x"' in partners


def test_machine_readable_outputs_carry_the_texts_as_written(hostile_builds):
    import icalendar
    from lxml import etree

    output = hostile_builds["development"]
    calendar = icalendar.Calendar.from_ical(
        (output / "ar" / "editions" / "fiction-2" / "calendrier.ics").read_bytes())
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    # Sessions are named by their title; the call's deadline by what it is, then it.
    assert summaries == {PAYLOAD_AR, f"آخر أجل لتقديم المداخلات — {PAYLOAD_AR}"}
    feed = etree.parse(str(output / "actualites" / "flux.atom"))
    titles = feed.findall(".//{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}"
                          "title")
    # The news item, and the change of a programme (its title says which edition).
    assert sorted(t.text for t in titles) == sorted(
        [PAYLOAD, f"Programme modifié\xa0: {PAYLOAD} — {PAYLOAD}"])
    atom = "{http://www.w3.org/2005/Atom}"
    change = next(e for e in feed.iter(f"{atom}entry")
                  if e.findtext(f"{atom}title").startswith("Programme modifié"))
    from bs4 import BeautifulSoup

    html = BeautifulSoup(change.findtext(f"{atom}content"), "html.parser")
    assert not html.select("x-injected, script")  # the change's text and its links: text
    assert html.select_one("p").get_text() == PAYLOAD
    assert [a.get_text() for a in html.select("a")] == [PAYLOAD]


# --- What cannot be escaped is refused -------------------------------------------


def fails(project, messages):
    root, output, before = project
    build = run_build(output, cwd=root)
    assert build.returncode == 1, build.stderr
    for message in messages:
        assert message in build.stderr, build.stderr
    assert "Traceback" not in build.stderr + build.stdout
    assert "erreur inattendue" not in build.stderr
    assert snapshot(output) == before
    return build.stderr


def _append(path: Path, text: str) -> int:
    """Append ``text`` to ``path``; returns the line its first line lands on."""
    old = path.read_text("utf-8")
    if not old.endswith("\n"):
        old += "\n"
    path.write_text(old + "\n" + text, "utf-8")
    return old.count("\n") + 2


REFUSED_MARKDOWN = {
    "script": ("<script>alert(1)</script>", "balise HTML <script> non autorisée"),
    "event-handler": ('<p onclick="alert(1)">Cliquez</p>', "attribut « onclick » non autorisé"),
    "attribute-list": ('Un paragraphe.\n{: onclick="alert(1)" }',
                       "attribut « onclick » non autorisé sur <p>"),
    "style-attribute": ('Texte.\n{: style="background:url(https://other.example/x)" }',
                        "attribut « style » non autorisé sur <p>"),
    "javascript-link": ("[cliquez](javascript:alert(1))",
                        "lien « javascript:alert(1) » non autorisé"),
    "javascript-link-obfuscated": ('<a href="JaVaScRiPt&#58;alert(1)">x</a>',
                                   "lien « JaVaScRiPt:alert(1) » non autorisé (schéma "
                                   "« javascript: »)"),
    "iframe": ('<iframe src="https://other.example/"></iframe>',
               "balise HTML <iframe> non autorisée"),
    "object": ('<object data="https://other.example/x.swf"></object>',
               "balise HTML <object> non autorisée"),
    "remote-image": ("![logo](https://other.example/pixel.png)",
                     "image d'un autre site : « https://other.example/pixel.png »"),
    "form": ('<form action="https://other.example/"><input name="x"></form>',
             "balise HTML <form> non autorisée"),
}


@pytest.mark.parametrize("case", sorted(REFUSED_MARKDOWN))
def test_markdown_outside_the_allow_list_is_an_error_at_its_line(built_project, case):
    project, _, _ = built_project
    written, message = REFUSED_MARKDOWN[case]
    page = project / "content" / "pages" / "a-propos.fr.md"
    line = _append(page, written)
    if written.startswith(("Un paragraphe.\n", "Texte.\n")):
        line += 1  # the attribute list's own line
    fails(built_project, [f"content/pages/a-propos.fr.md:{line}: {message}"])


def test_raw_html_in_a_summary_is_refused_at_the_summary_line(built_project):
    project, _, _ = built_project
    page = project / "content" / "actualites" / "annonce-run-3.ar.md"
    text = page.read_text("utf-8")
    text = re.sub(r"^Summary: ", 'Summary: <img src="x" onerror="alert(1)"> ', text, count=1,
                  flags=re.M)
    page.write_text(text, "utf-8")
    line = next(number for number, written in enumerate(text.splitlines(), 1)
                if written.startswith("Summary:"))
    fails(built_project, [f"content/actualites/annonce-run-3.ar.md:{line}: attribut "
                          "« onerror » non autorisé sur <img>"])


def test_what_the_allow_list_keeps_builds_unchanged(tmp_path):
    """Tables (aligned), footnotes, abbreviations, details, sup/sub, span[lang],
    images of the site: all kept."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "content", content)
    page = content / "actualites" / "annonce-fictive.fr.md"
    page.write_text(page.read_text("utf-8") + """
| a | b | c |
|:--|:-:|--:|
| 1 | 2 | 3 |

Une note[^1], H<sub>2</sub>O, x<sup>2</sup>, <abbr title="Maroc Université Numérique">MUN</abbr>,
<span lang="ar" dir="rtl">نص</span>, <bdi>RUN 3</bdi>.

<details><summary>Plus</summary>Caché</details>

![Logo fictif](/images/plateforme-fictive.svg)

[^1]: La note.
""", "utf-8")
    build = run_build(tmp_path / "output", content=content, extra=fixture_extra())
    assert build.returncode == 0, build.stderr
    html = (tmp_path / "output" / "actualites" / "annonce-fictive" / "index.html").read_text(
        "utf-8")
    for kept in ('<th class="run-align-start">a</th>', '<td class="run-align-center">2</td>',
                 '<td class="run-align-end">3</td>', '<sup id="fnref:1">',
                 '<abbr title="Maroc Université Numérique">MUN</abbr>',
                 '<span lang="ar" dir="rtl">نص</span>', "<details><summary>Plus</summary>",
                 'src="/images/plateforme-fictive.svg"', "<sub>2</sub>"):
        assert kept in html
    assert "style=" not in html


def test_a_symlink_leaving_content_is_refused(built_project):
    project, _, _ = built_project
    link = project / "content" / "images" / "passwd.svg"
    link.parent.mkdir(exist_ok=True)
    link.symlink_to("/etc/passwd")
    stderr = fails(built_project, ["content/images/passwd.svg: lien symbolique refusé"])
    assert "root:" not in stderr


def test_a_symlink_to_a_folder_is_refused(built_project):
    project, _, _ = built_project
    (project / "content" / "pages" / "boucle").symlink_to(project / "content")
    fails(built_project, ["content/pages/boucle: lien symbolique refusé"])


@pytest.mark.parametrize("name", ["page.html", "script.js"])
def test_static_files_that_carry_code_are_refused(built_project, name):
    project, _, _ = built_project
    images = project / "content" / "images"
    images.mkdir(exist_ok=True)
    (images / name).write_text("<script>alert(1)</script>", "utf-8")
    fails(built_project, [f"content/images/{name}: fichier « {name} » d'un type que le "
                          "site ne publie pas"])


SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">\n{}\n</svg>\n'


@pytest.mark.parametrize("inside,message", [
    ("<script>alert(1)</script>", "image SVG avec un élément <script> refusé"),
    ('<rect width="5" height="5" onload="alert(1)"/>', "image SVG avec un attribut « onload »"),
    ('<image href="https://other.example/x.png"/>', "image SVG qui charge un autre fichier"),
    ("<foreignObject><p>x</p></foreignObject>",
     "image SVG avec un élément <foreignObject> refusé"),
])
def test_svg_images_with_code_are_refused(built_project, inside, message):
    project, _, _ = built_project
    images = project / "content" / "images"
    images.mkdir(exist_ok=True)
    (images / "logo.svg").write_text(SVG.format(inside), "utf-8")
    fails(built_project, [f"content/images/logo.svg:2: {message}"])


def _partner_line(path, needle):
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                if needle in line)


@pytest.mark.parametrize("value", [
    'https://usmba.example/" onmouseover="alert(1)',
    "https://usmba.example/<script>",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//other.example/",
    "https:///nohost",
])
def test_partner_urls_are_parsed_and_allowed_by_scheme(built_project, value):
    project, _, _ = built_project
    partners = project / "content" / "partenaires.toml"
    text = partners.read_text("utf-8")
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    partners.write_text(text.replace('short = "USMBA"', f'short = "USMBA"\nurl = "{escaped}"'),
                        "utf-8")
    line = _partner_line(partners, "url = ")
    fails(built_project, [f"content/partenaires.toml:{line}: adresse « {value} » refusée pour "
                          "« url » — écrivez une adresse complète qui commence par https://"])


def test_edition_map_is_allowed_by_scheme(built_project):
    project, _, _ = built_project
    run3 = project / "content" / "editions" / "run-3.toml"
    text = run3.read_text("utf-8")
    run3.write_text(text.replace('host = "usmba"', 'host = "usmba"\nmap = "javascript:alert(1)"'),
                    "utf-8")
    fails(built_project, [f"content/editions/run-3.toml:{_partner_line(run3, 'map = ')}: "
                          "adresse « javascript:alert(1) » refusée pour « map »"])


@pytest.mark.parametrize("logo", ["../pelicanconf.py", "/etc/passwd",
                                  "https://other.example/logo.png", "extra/favicon.svg"])
def test_partner_logos_come_from_content_images(built_project, logo):
    project, _, _ = built_project
    partners = project / "content" / "partenaires.toml"
    text = partners.read_text("utf-8")
    partners.write_text(text.replace('short = "USMBA"', f'short = "USMBA"\nlogo = "{logo}"'),
                        "utf-8")
    fails(built_project, [f"content/partenaires.toml:{_partner_line(partners, 'logo = ')}: "
                          f"logo « {logo} » hors de content/images/"])


@pytest.mark.parametrize("msgstr,message", [
    ('"<script>alert(1)</script>Programme"',
     "balise HTML absente du texte d'origine dans la traduction : <script>"),
    ('"<img src=x onerror=alert(1)>"', "balise HTML absente du texte d'origine"),
])
def test_translations_carry_no_markup_of_their_own(built_project, msgstr, message):
    project, _, _ = built_project
    catalog = project / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text("utf-8")
    old = 'msgid "Programme"\nmsgstr "Programme"'
    assert old in text
    catalog.write_text(text.replace(old, f'msgid "Programme"\nmsgstr {msgstr}'), "utf-8")
    line = _partner_line(catalog, "msgstr " + msgstr)
    fails(built_project, [f"translations/fr/LC_MESSAGES/messages.po:{line}: {message}"])


def test_a_quote_in_a_translation_is_text_even_in_an_attribute(built_project):
    """Translations are trusted as HTML for their msgid's markup only: a translator's
    quote cannot open an attribute."""
    project, output, _ = built_project
    catalog = project / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text("utf-8")
    hostile = 'Navigation principale" tabindex="0" autofocus onfocus="alert(1)" x="'
    old = 'msgid "Main"\nmsgstr "Navigation principale"'
    assert old in text
    catalog.write_text(text.replace(old, 'msgid "Main"\nmsgstr "{}"'.format(
        hostile.replace('"', '\\"'))), "utf-8")
    build = run_build(output, cwd=project)
    assert build.returncode == 0, build.stderr
    html = (output / "index.html").read_text("utf-8")
    assert "onfocus" not in html.replace("onfocus=&#34;", "")
    from bs4 import BeautifulSoup
    nav = BeautifulSoup(html, "lxml").select_one("nav.run-nav")
    assert nav["aria-label"] == hostile and "onfocus" not in nav.attrs


@pytest.mark.parametrize("msgid,msgstr,message", [
    ("Skip to content", "Aller au contenu<img src=x onerror=alert(1)//",
     "balise HTML absente du texte d'origine dans la traduction : <img src=x"),
])
def test_an_unclosed_tag_in_a_translation_is_refused(built_project, msgid, msgstr, message):
    project, _, _ = built_project
    catalog = project / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text("utf-8")
    start = text.index(f'msgid "{msgid}"\nmsgstr "')
    end = text.index("\n", text.index("msgstr", start))
    catalog.write_text(text[:start] + f'msgid "{msgid}"\nmsgstr "{msgstr}"' + text[end:],
                       "utf-8")
    line = _partner_line(catalog, f'msgstr "{msgstr}"')
    fails(built_project, [f"translations/fr/LC_MESSAGES/messages.po:{line}: {message}"])


def test_a_changed_plural_rule_is_refused(built_project):
    project, _, _ = built_project
    catalog = project / "translations" / "ar" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text("utf-8")
    text = re.sub(r'"Plural-Forms: [^"]*"', lambda _: '"Plural-Forms: nplurals=2; '
                  'plural=(n > 1);\\n"', text)
    catalog.write_text(text, "utf-8")
    line = _partner_line(catalog, "Plural-Forms:")
    fails(built_project, [f"translations/ar/LC_MESSAGES/messages.po:{line}: en-tête "
                          "Plural-Forms différent des règles de pluriel de la langue"])


@pytest.mark.parametrize("name,body", [
    ("evil.fr.html", "<html><body><script>alert(1)</script></body></html>"),
    ("evil.fr.rst", "Titre\n#####\n\n.. raw:: html\n\n   <script>alert(1)</script>\n"),
    ("inclus.fr.rst", "Titre\n#####\n\n.. include:: /etc/os-release\n   :literal:\n"),
])
def test_only_markdown_is_read(built_project, name, body):
    """Pelican's HTML and reST readers would publish raw HTML, or a file of the machine."""
    project, _, _ = built_project
    (project / "content" / "pages" / name).write_text(body, "utf-8")
    fails(built_project, [f"content/pages/{name}: fichier « {name} » ignoré : les pages et "
                          "actualités s'écrivent en Markdown (.md)"])


def test_files_linked_with_static_must_be_in_their_place(built_project):
    project, _, _ = built_project
    (project / "content" / "pages" / "evil.svg").write_text(
        SVG.format("<script>alert(1)</script>"), "utf-8")
    (project / "content" / "evil.html").write_text("<script>alert(1)</script>", "utf-8")
    _append(project / "content" / "pages" / "a-propos.fr.md",
            "[svg]({static}/pages/evil.svg) [html]({static}/evil.html)")
    fails(built_project, ["content/pages/evil.svg: fichier « evil.svg » ignoré",
                          "content/evil.html: fichier « evil.html » hors des dossiers du site"])


def test_a_symlink_inside_content_is_refused_too(built_project):
    project, _, _ = built_project
    (project / "content" / "images").mkdir(exist_ok=True)
    (project / "content" / "images" / "cible.png").write_bytes(b"\x89PNG")
    (project / "content" / "images" / "logo.png").symlink_to("cible.png")
    fails(built_project, ["content/images/logo.png: lien symbolique refusé"])


@pytest.mark.parametrize("svg,line,message", [
    ('<!DOCTYPE svg [<!ENTITY p "<script>alert(1)</script>">]>\n'
     '<svg xmlns="http://www.w3.org/2000/svg">&p;</svg>\n', 1,
     "image SVG avec des déclarations (DOCTYPE, ENTITY)"),
    ('<?xml-stylesheet type="text/xsl" href="/images/x.svg"?>\n'
     '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>\n', 1,
     "image SVG avec une instruction <?xml-stylesheet …?>"),
    ('<svg xmlns="http://www.w3.org/2000/svg">\n<a><set attributeName="href" '
     'to="javascript:alert(1)"/><text>x</text></a>\n</svg>\n', 2,
     "image SVG avec un élément <a> refusé"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xhtml">\n'
     '<x:meta http-equiv="refresh" content="0;url=https://other.example/"/>\n</svg>\n', 2,
     "image SVG avec un élément <meta> refusé"),
    ('<svg xmlns="http://www.w3.org/2000/svg">\n<style>rect{fill:u\\72l(https://other.example/)}'
     '</style>\n</svg>\n', 2, "image SVG dont le style charge un fichier d'un autre site"),
    ('<svg xmlns="http://www.w3.org/2000/svg">\n<rect style="fill:url(https://other.example/x)" '
     'width="1" height="1"/>\n</svg>\n', 2,
     "image SVG dont le style charge un fichier d'un autre site"),
])
def test_svg_images_pass_an_allow_list(built_project, svg, line, message):
    project, _, _ = built_project
    images = project / "content" / "images"
    images.mkdir(exist_ok=True)
    (images / "logo.svg").write_text(svg, "utf-8")
    fails(built_project, [f"content/images/logo.svg:{line}: {message}"])


def test_an_inkscape_drawing_is_accepted(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "content", content)
    (content / "images" / "dessin.svg").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!-- Created with Inkscape -->\n'
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
        'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" '
        'width="10" height="10" inkscape:version="1.3">'
        '<sodipodi:namedview id="nv" inkscape:zoom="1"/><defs><linearGradient id="g">'
        '<stop offset="0" style="stop-color:#0b5d4f"/></linearGradient></defs>'
        '<rect width="10" height="10" style="fill:url(#g)"/><use xlink:href="#g"/>'
        '<text x="1" y="9" font-family="sans-serif">RUN</text></svg>\n', "utf-8")
    build = run_build(tmp_path / "output", content=content, extra=fixture_extra())
    assert build.returncode == 0, build.stderr


def test_a_slug_is_refused_the_file_name_gives_the_address(built_project):
    project, _, _ = built_project
    page = project / "content" / "pages" / "a-propos.fr.md"
    page.write_text('Slug: a-propos" onfocus="alert(1)\n' + page.read_text("utf-8"), "utf-8")
    fails(built_project, ["content/pages/a-propos.fr.md:1: le champ « Slug » n'est pas "
                          "utilisé : le nom du fichier donne l'adresse"])


def test_a_static_file_name_with_quotes_is_refused(built_project):
    project, _, _ = built_project
    (project / "content" / "images").mkdir(exist_ok=True)
    name = 'a" onerror="alert(1)" x=".png'
    (project / "content" / "images" / name).write_bytes(b"\x89PNG")
    fails(built_project, [f"content/images/{name}: nom de fichier « {name} » invalide",
                          "renommez-le « a-onerror-alert-1-x.png »"])


@pytest.mark.parametrize("source", ["![p](/\\other.example/p.png)",
                                    '<img src="/&Tab;/other.example/p.png" alt="">'])
def test_a_protocol_relative_image_in_disguise_is_refused(built_project, source):
    project, _, _ = built_project
    news = project / "content" / "actualites" / "annonce-run-3.fr.md"
    text = news.read_text("utf-8")
    news.write_text(re.sub(r"^Summary: ", lambda _: f"Summary: {source} ", text, count=1,
                           flags=re.M), "utf-8")
    line = _partner_line(news, "Summary:")
    fails(built_project, [f"content/actualites/annonce-run-3.fr.md:{line}: image d'un autre "
                          "site"])


@pytest.mark.parametrize("value,code", [("Fès\\u0001", "U+0001"), ("F\\u202Eès", "U+202E"),
                                        ("Fès\\r\\nx", "U+000D"),
                                        ("F\\u0090ès", "U+0090")])  # C1: from Windows-1252
def test_control_characters_in_toml_values_are_refused(built_project, value, code):
    project, _, _ = built_project
    run3 = project / "content" / "editions" / "run-3.toml"
    run3.write_text(run3.read_text("utf-8").replace('city.fr = "Fès"',
                                                    f'city.fr = "{value}"'), "utf-8")
    fails(built_project, [f"content/editions/run-3.toml:{_partner_line(run3, 'city.fr')}: "
                          f"caractère invisible interdit ({code})"])


def test_an_address_with_a_port_out_of_range_is_refused(built_project):
    test_partner_urls_are_parsed_and_allowed_by_scheme(built_project,
                                                       "https://usmba.example:99999/")


def test_an_address_that_names_another_site_before_at_is_refused(built_project):
    """https://usmba.ac.ma@other.example/ leads to other.example."""
    project, _, _ = built_project
    partners = project / "content" / "partenaires.toml"
    value = "https://user:pass@other.example/"
    partners.write_text(partners.read_text("utf-8").replace(
        'short = "USMBA"', f'short = "USMBA"\nurl = "{value}"'), "utf-8")
    line = _partner_line(partners, "url = ")
    fails(built_project, [f"content/partenaires.toml:{line}: adresse « {value} » refusée pour "
                          "« url » : ce qui précède « @ » peut faire croire à un autre site"])


def test_a_right_to_left_override_is_refused_wherever_it_is(built_project):
    """U+202E makes "gnp.exe" read "exe.png": refused in any file, once."""
    project, _, _ = built_project
    partners = project / "content" / "partenaires.toml"
    partners.write_text(partners.read_text("utf-8").replace(
        'short = "USMBA"', 'short = "USMBA"\nurl = "https://usmba.example/\u202egnp.exe"'),
        "utf-8")
    stderr = fails(built_project, [f"content/partenaires.toml:{_partner_line(partners, 'url')}"
                                   ": caractère invisible interdit (U+202E)"])
    assert "1 problème" in stderr  # the editions that name partners are not blamed


def test_ids_of_the_theme_are_reserved(built_project):
    project, _, _ = built_project
    page = project / "content" / "pages" / "a-propos.fr.md"
    line = _append(page, "Texte.\n{: #main-content }")
    fails(built_project, [f"content/pages/a-propos.fr.md:{line + 1}: identifiant "
                          "« main-content » réservé au site"])


def test_jinja_autoescaping_cannot_be_switched_off(built_project):
    project, _, _ = built_project
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text("utf-8").replace('"autoescape": True,',
                                                            '"autoescape": False,'), "utf-8")
    fails(built_project, ['JINJA_ENVIRONMENT doit contenir "autoescape": True'])


def test_only_runsite_trusted_marks_html_safe():
    """By construction: no other module or template trusts HTML."""
    offenders = []
    modules = sorted((ROOT / "runsite").rglob("*.py"))
    assert len(modules) > 30  # every stage package, not only the top folder
    for path in modules:
        if path == ROOT / "runsite" / "core" / "trusted.py":
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if re.search(r"Markup\((?!\"\"\))", line) or "mark_safe" in line:
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    for path in sorted((ROOT / "theme" / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if re.search(r"\|\s*safe\b|autoescape\s+false|\|\s*striptags", line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []


def test_nothing_is_escaped_twice(site, fixture_site):
    """Escaping once, in one place: no entity of an entity in any page (an apostrophe
    of a translation read « d&#39;adresse » before)."""
    for output in (site, fixture_site):
        for page in output.rglob("*.html"):
            text = page.read_text("utf-8")
            assert not re.search(r"&amp;(?:#\d+|#x[0-9a-f]+|[a-z]+);", text, re.I), page


# --- What the second outside review found ---------------------------------------------

def test_files_pelican_ignores_are_neither_checked_nor_published(built_project):
    """Hidden files and editors' leftovers: Pelican ignores them (IGNORE_FILES), and the
    check follows the same rule, so nothing it skips can be published."""
    project, output, _ = built_project
    images = project / "content" / "images"
    images.mkdir(exist_ok=True)
    (images / "assets~").mkdir()
    (images / "assets~" / "index.html").write_text("<script>alert(1)</script>", "utf-8")
    (project / "content" / "extra" / "old.bak").mkdir()
    (project / "content" / "extra" / "old.bak" / "logo.svg").write_text(
        SVG.format('<rect onload="alert(1)"/>'), "utf-8")
    (images / ".secret.html").write_text("<script>alert(1)</script>", "utf-8")
    build = run_build(output, cwd=project)
    assert build.returncode == 0, build.stderr
    published = {p.name for p in output.rglob("*")}
    assert not {"assets~", "old.bak", ".secret.html"} & published


def test_a_symlink_is_refused_whatever_its_name(built_project):
    project, _, _ = built_project
    (project / "content" / "extra" / "env.txt~").symlink_to("/proc/self/environ")
    (project / "content" / "images").mkdir(exist_ok=True)
    (project / "content" / "images" / "Thumbs.db").symlink_to("/etc/passwd")
    stderr = fails(built_project, ["content/extra/env.txt~: lien symbolique refusé",
                                   "content/images/Thumbs.db: lien symbolique refusé"])
    assert "root:" not in stderr


@pytest.mark.parametrize("inside", [
    "<style>rect{}<!-- -->svg{background:url(https://other.example/bg.png)}</style>",
    "<style>@imp<!-- -->ort 'https://other.example/i.css';</style>",
    '<rect width="1" height="1" cursor="\\75 rl(https://other.example/c.png), auto"/>',
    '<rect width="1" height="1" filter="url(https://other.example/f.svg#f)"/>',
])
def test_svg_styles_are_checked_whole_and_unescaped(built_project, inside):
    project, _, _ = built_project
    images = project / "content" / "images"
    images.mkdir(exist_ok=True)
    (images / "logo.svg").write_text(SVG.format(inside), "utf-8")
    fails(built_project, ["content/images/logo.svg:2: image SVG dont le style charge un "
                          "fichier d'un autre site"])


def test_a_translation_isolates_with_an_unquoted_dir(built_project):
    """<bdi dir=ltr> (no quote) may isolate a Latin name; a quoted one could close the
    attribute the theme string is printed in."""
    project, output, _ = built_project
    catalog = project / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text("utf-8")
    old = 'msgid "University Digital Meeting"\nmsgstr "Rencontre Universitaire du Numérique"'
    assert old in text
    catalog.write_text(text.replace(old, old.replace(
        "Universitaire", "<bdi dir=ltr>Universitaire</bdi>")), "utf-8")
    build = run_build(output, cwd=project)
    assert build.returncode == 0, build.stderr
    from bs4 import BeautifulSoup
    soup = BeautifulSoup((output / "index.html").read_text("utf-8"), "lxml")
    assert soup.title.string == "Rencontre Universitaire du Numérique — RUN"
    assert soup.find("meta", property="og:site_name")["content"] == (
        "Rencontre Universitaire du Numérique (RUN)")
    assert soup.select_one(".run-header__name bdi[dir=ltr]").text == "Universitaire"
    catalog.write_text(text.replace(old, old.replace(
        "Universitaire", '<bdi dir=\\"ltr\\">Universitaire</bdi>')), "utf-8")
    line = _partner_line(catalog, 'dir=\\"ltr\\"')
    fails((project, output, snapshot(output)),
          [f"translations/fr/LC_MESSAGES/messages.po:{line}: balise HTML absente du texte "
           'd\'origine dans la traduction : <bdi dir="ltr">'])


def test_an_automatic_summary_shows_no_tag(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "content", content)
    for lang in ("fr", "ar"):
        (content / "actualites" / f"sans-resume.{lang}.md").write_text(
            "Title: Sans résumé\nDate: 2030-01-01\n\n" + "Un *texte* [lié](/chronologie/). "
            * 40 + "\n\n- une liste\n", "utf-8")
    build = run_build(tmp_path / "output", content=content, extra=fixture_extra())
    assert build.returncode == 0, build.stderr
    for page in ("actualites/index.html", "actualites/sans-resume/index.html", "index.html"):
        html = (tmp_path / "output" / page).read_text("utf-8")
        assert "&lt;" not in html and "&amp;lt;" not in html, page


def test_theme_strings_in_attributes_are_printed_as_text():
    """A theme string may carry <bdi>: in an attribute it must be its text (|plain)."""
    offenders = []
    for path in sorted((ROOT / "theme" / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            for match in re.finditer(r'="[^"]*\{\{\s*(?:_|translate)\((?:[^{}]|\{[^{}]*\})*?\}\}',
                                     line):
                if "|plain" not in match.group(0):
                    offenders.append(f"{path.name}:{number}")
    assert offenders == []
