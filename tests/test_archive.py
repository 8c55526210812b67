"""After the event, on the demonstration series: the sessions' slides, recordings and
links, the edition's report and photos, shown once it is over; what an organiser may
get wrong, told at its line; and taking something down leaves no trace in the site.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import DEMO, copy_project, run_build, screenshot, static_server

PREFIXES = {"fr": "", "ar": "ar/"}
ARABIC = re.compile(r"[\u0600-\u06ff]")
PUBLISHED = "https://run.example"
PUBLISH_LIKE = {"SITEURL": PUBLISHED, "RUN_PUBLISH": True, "RELATIVE_URLS": False,
                "RUN_FINGERPRINT": True, "RUN_PRECOMPRESS": True, "RUN_SECURITY_HEADERS": True,
                "RUN_SEARCH_INDEX": True}


def _soup(output, path):
    return BeautifulSoup((output / path / "index.html").read_text("utf-8"), "lxml")


# --- What the pages show ---------------------------------------------------------------

@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_past_edition_shows_its_archive_and_an_edition_of_the_day_does_not(demo_site, lang):
    prefix = PREFIXES[lang]
    page = _soup(demo_site, f"{prefix}editions/demo-1")
    archive = page.select_one(".run-archive")
    assert archive is not None
    report = archive.select_one("#run-archive-report").find_next("div")
    assert ("plateforme EUN" if lang == "fr" else "منصة جامعة المثال") in report.get_text()
    slides = archive.select('a[href="/documents/demo-1/presentation-eun.pdf"]')
    assert len(slides) == 1 and slides[0].has_attr("download")
    # The type, the size in the page's language, the language of the deck.
    about = slides[0].get_text()
    assert "PDF" in about and ("44\u202fko" in about if lang == "fr" else "44 كيلوبايت" in about)
    assert ("en français" if lang == "fr" else "بالفرنسية") in about
    # The recording: the site's own image, a link out, its subtitles and transcript.
    recording = archive.select_one(".run-recording")
    assert recording["href"] == "https://video.example/run-demo-1/presentation-eun"
    assert recording.img["src"].startswith("/editions/demo-1/photos/presentation-eun-")
    assert recording.img["alt"] == ""  # the link's text says it
    captions = archive.select_one(".run-recording__captions").get_text()
    assert ("en français et en arabe" if lang == "fr" else "بالفرنسية وبالعربية") in captions
    assert archive.select_one('.run-recording__transcript a[href$="/transcription"]')
    assert archive.select_one('a[href="https://eun.example/catalogue-des-cours"]')
    # Photos with their alt text in the page's language, their credit, their size.
    photos = archive.select(".run-gallery img")
    assert len(photos) == 4
    for img in photos:
        assert img["alt"] and bool(ARABIC.search(img["alt"])) == (lang == "ar")
        assert img["loading"] == "lazy" and int(img["width"]) and int(img["height"])
    assert all("Atelier graphique" in c.get_text() for c in archive.select("figcaption"))
    # The edition of the day has no archive section, the timeline marks the past one.
    assert _soup(demo_site, f"{prefix}editions/demo-3").select_one(".run-archive") is None
    timeline = _soup(demo_site, f"{prefix}chronologie")
    marked = [a["href"] for a in timeline.select(".run-badge--archive")]
    assert marked == [f"/{prefix}editions/demo-1/#run-archive-title"]


def test_the_programme_shows_what_each_session_left(demo_site):
    agenda = _soup(demo_site, "editions/demo-1/programme")
    eun = agenda.select_one("#presentation-eun .run-material")
    assert eun.select_one('a[href="/documents/demo-1/presentation-eun.pdf"]')
    assert eun.select_one(".run-recording")
    opening = agenda.select_one("#ouverture .run-material")
    assert opening.select_one('a[href="/documents/demo-1/ouverture.pdf"]')
    assert opening.select_one(".run-recording") is None  # the speaker declined


def test_a_declined_recording_is_nowhere(demo_site):
    for path in demo_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".ics", ".atom"):
            assert "run-demo-1/ouverture" not in path.read_text("utf-8"), path
    assert not list(demo_site.rglob("ouverture-enregistrement*"))


def test_slides_and_photos_are_published_as_named_and_nothing_else(demo_site):
    for name in ("ouverture.pdf", "presentation-eun.pdf"):
        assert (demo_site / "documents/demo-1" / name).read_bytes() == \
            (DEMO / "content/documents/demo-1" / name).read_bytes()
    # The originals are never published; the copies carry no metadata.
    assert not (demo_site / "photos/demo-1").exists()
    for path in (demo_site / "editions/demo-1/photos").iterdir():
        with Image.open(path) as image:
            assert not image.info.get("exif") and not image.getexif()
            assert image.width in (320, 640, 960, 1280)


def test_json_ld_links_the_recording_and_the_slides(demo_site):
    page = _soup(demo_site, "editions/demo-1")
    graph = json.loads(page.select_one('script[type="application/ld+json"]').string)["@graph"]
    event = next(node for node in graph if node["@type"] == "EducationEvent")
    eun = next(s for s in event["subEvent"] if s["@id"].endswith("#presentation-eun"))
    assert eun["recordedIn"]["@type"] == "VideoObject"
    assert eun["recordedIn"]["url"] == "https://video.example/run-demo-1/presentation-eun"
    assert eun["recordedIn"]["thumbnailUrl"].endswith(".jpg")
    assert eun["workFeatured"] == {
        "@type": "PresentationDigitalDocument",
        "name": "Présentation de la plateforme fictive EUN",
        "url": "http://127.0.0.1:8000/documents/demo-1/presentation-eun.pdf",
        "encodingFormat": "application/pdf", "inLanguage": "fr"}
    opening = next(s for s in event["subEvent"] if s["@id"].endswith("#ouverture"))
    assert "recordedIn" not in opening and "workFeatured" in opening


# --- In the browser ----------------------------------------------------------------------

CLS = """async () => {
  // Scroll the gallery into view, let its lazy images load, then sum the layout shifts.
  document.querySelector('.run-gallery').scrollIntoView();
  await Promise.all([...document.images].map(img => img.decode().catch(() => null)));
  await new Promise(done => setTimeout(done, 300));
  const shifts = performance.getEntriesByType('layout-shift');
  return shifts.reduce((sum, entry) => sum + entry.value, 0);
}"""


@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("width", [375, 1280])
def test_the_archive_in_the_browser(demo_site, page, lang, width):
    """The slides download, nothing is asked of another host, the photos move nothing
    as they load and say what they show in the page's language."""
    elsewhere = []
    with static_server(demo_site) as url:
        page.on("request", lambda r: None if r.url.startswith((url, "data:")) else
                elsewhere.append(r.url))
        page.set_viewport_size({"width": width, "height": 800})
        page.add_init_script("""new PerformanceObserver(() => {}).observe(
            {type: 'layout-shift', buffered: true});""")
        for path in ("editions/demo-1/", "editions/demo-1/programme/", "chronologie/"):
            page.goto(f"{url}/{PREFIXES[lang]}{path}")
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        page.goto(f"{url}/{PREFIXES[lang]}editions/demo-1/")
        assert page.evaluate(CLS) < 0.01
        for image in page.locator(".run-gallery img").all():
            assert image.evaluate("img => img.complete && img.naturalWidth") > 0
            assert bool(ARABIC.search(image.get_attribute("alt"))) == (lang == "ar")
        screenshot(page, f"archive-{lang}-{width}")
        with page.expect_download() as download:
            page.locator('.run-archive a[href$="presentation-eun.pdf"]').click()
        saved = download.value
        assert saved.suggested_filename == "presentation-eun.pdf"
        assert Path(saved.path()).read_bytes()[:5] == b"%PDF-"
    assert elsewhere == []


# --- Mistakes, at their line ------------------------------------------------------------

def _line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                if text in line)


def test_archive_mistakes_are_told_at_their_line(tmp_path):
    project = copy_project(tmp_path)
    content = project / "content"
    (content / "documents/run-3").mkdir(parents=True)
    (content / "photos/run-3").mkdir(parents=True)
    shutil.copy(DEMO / "content/photos/demo-1/amphi.jpg", content / "photos/run-3/amphi.jpg")
    (content / "documents/run-3/lourd.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 21_000_000)
    run3 = content / "editions" / "run-3.toml"
    run3.write_text(run3.read_text("utf-8") + """
[[session]]
id = "archive-a"
title.fr = "A"
title.ar = "أ"
slides = "documents/run-3/lourd.pdf"
recording = "javascript:alert(1)"

[[session]]
id = "archive-b"
title.fr = "B"
title.ar = "ب"
slides = "../pelicanconf.py"
transcript = "http://video.example/b"
captions = ["fr"]

[[photo]]
file = "photos/run-3/amphi.jpg"
alt.fr = "Un amphithéâtre."
credit = "Service communication"
""", "utf-8")
    (content / "editions" / "run-3-compte-rendu.fr.md").write_text("Un compte rendu.\n",
                                                                    "utf-8")
    build = run_build(tmp_path / "output", cwd=project)
    assert build.returncode != 0
    where = "content/editions/run-3.toml"
    expected = [
        f"{where}:{_line(run3, 'lourd.pdf')}: diapositives « documents/run-3/lourd.pdf » "
        "trop lourdes (21 Mo, au plus 20 Mo)",
        f"{where}:{_line(run3, 'javascript:')}: adresse « javascript:alert(1) » refusée "
        "pour « recording »",
        f"{where}:{_line(run3, 'pelicanconf')}: diapositives « ../pelicanconf.py » hors de "
        "content/documents/",
        f"{where}:{_line(run3, 'http://video')}: adresse « http://video.example/b » refusée "
        "pour « transcript » : https seulement",
        f"{where}:{_line(run3, 'captions')}: « captions » sans enregistrement (recording)",
        f"{where}:{_line(run3, 'Un amphithéâtre')}: « alt » n'a pas de texte en arabe",
        f"{where}:{_line(run3, '[[photo]]')}: champ obligatoire « consent » manquant — "
        'ajoutez consent = "written"',
        "content/editions/run-3-compte-rendu.fr.md: compte rendu sans sa version en arabe — "
        "écrivez content/editions/run-3-compte-rendu.ar.md",
    ]
    for message in expected:
        assert message in build.stdout + build.stderr, message
    assert "Traceback" not in build.stderr


# --- Taking something down ----------------------------------------------------------------

def _texts(output: Path):
    """Every file of the site as text, compressed copies, the search index and the PDF
    programmes' text included."""
    for path in output.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        text = data.decode("utf-8", "replace")
        if "-programme" in path.name and path.suffix == ".pdf":
            text += subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                                   text=True, check=True).stdout
        yield path, text


def test_taking_down_a_photo_slides_and_a_speaker_leaves_no_trace(tmp_path):
    """The guide's steps (docs/guide-organisateurs.md), then one build: nothing of what was
    removed is left anywhere in output/, not even in a file name."""
    content = tmp_path / "content"
    shutil.copytree(DEMO / "content", content)
    output = tmp_path / "output"
    before = run_build(output, content=content, settings=DEMO / "democonf.py",
                       extra={**PUBLISH_LIKE, "RUN_PDF": True})
    assert before.returncode == 0, before.stderr
    # A gallery's hashed photos share one rule of _headers: Cloudflare Pages reads 100.
    rules = [line for line in (output / "_headers").read_text("utf-8").splitlines()
             if line.startswith("/")]
    assert "/editions/demo-1/photos/*" in rules and len(rules) <= 100, len(rules)
    traces = ["table-ronde-320", "table-ronde-1280", "table ronde en bois", "طاولة مستديرة",
              "La salle des ateliers",
              "presentation-eun.pdf", "Karim Imaginaire", "karim-imaginaire",
              "كريم إيماجينير"]
    found = {t for _, text in _texts(output) for t in traces if t in text}
    assert found == set(traces)  # each trace is there before: the test can see it
    programme = output / "editions/demo-1/programme/demo-1-programme.pdf"
    assert "Karim Imaginaire" in next(t for p, t in _texts(output) if p == programme)
    index = "".join(text for path, text in _texts(output) if path.suffix == ".pf_fragment")
    assert "Karim Imaginaire" in index and "La salle des ateliers" in index

    edition = content / "editions/demo-1.toml"
    text = edition.read_text("utf-8")
    text = re.sub(r'\[\[photo\]\]\nfile = "photos/demo-1/table-ronde.jpg"\n(?:(?!\[\[).*\n)*',
                  "", text)
    text = text.replace('slides = "documents/demo-1/presentation-eun.pdf"\n', "")
    edition.write_text(text, "utf-8")
    (content / "photos/demo-1/table-ronde.jpg").unlink()
    (content / "documents/demo-1/presentation-eun.pdf").unlink()
    speakers = content / "intervenants.toml"
    blocks = speakers.read_text("utf-8").split("[[speaker]]")
    speakers.write_text("[[speaker]]".join(b for b in blocks if "karim-imaginaire" not in b),
                        "utf-8")
    for path in (content / "editions").glob("*.toml"):
        path.write_text(re.sub(r'"karim-imaginaire",? ?', "", path.read_text("utf-8")),
                        "utf-8")

    after = run_build(output, content=content, settings=DEMO / "democonf.py",
                      extra={**PUBLISH_LIKE, "RUN_PDF": True})
    assert after.returncode == 0, after.stdout + after.stderr
    for path, text in _texts(output):
        for trace in traces:
            assert trace not in text and trace not in str(path.relative_to(output)), \
                (trace, path)
    # What was not taken down is still there.
    assert list(output.rglob("amphi-320*.jpg")) and list(output.rglob("ouverture*.pdf"))


def test_archive_files_named_or_placed_wrongly_are_told_what_to_do(tmp_path):
    """The organisers' review's mistakes: a report under another name, a title in a
    report, slides in the editions' folder, a file name with spaces and capitals."""
    project = copy_project(tmp_path)
    editions = project / "content" / "editions"
    (editions / "run-3-rapport.fr.md").write_text("Un compte rendu.\n", "utf-8")
    for lang in ("fr", "ar"):
        (editions / f"run-3-compte-rendu.{lang}.md").write_text("Title: Bilan\n\nTexte.\n",
                                                                 "utf-8")
    shutil.copy(DEMO / "content/documents/demo-1/ouverture.pdf", editions / "ouverture.pdf")
    run3 = editions / "run-3.toml"
    run3.write_text(run3.read_text("utf-8") + """
[[session]]
id = "archive-c"
title.fr = "C"
title.ar = "ج"
slides = "documents/run-3/Ouverture Finale.pdf"
""", "utf-8")
    # Files where the build does not read them are told first, alone.
    build = run_build(tmp_path / "output", cwd=project)
    assert build.returncode != 0
    assert ("content/editions/ouverture.pdf: fichier « ouverture.pdf » ignoré : une édition "
            "est un fichier .toml et ses textes .fr.md et .ar.md — déplacez-le : les "
            "diapositives d'une séance vont dans content/documents/") in build.stderr
    (editions / "ouverture.pdf").unlink()
    build = run_build(tmp_path / "output", cwd=project)
    assert build.returncode != 0
    said = build.stdout + build.stderr
    for message in [
        "content/editions/run-3-rapport.fr.md: « run-3-rapport.fr.md » ne correspond à aucune "
        "édition — le compte rendu de l'édition run-3 s'appelle run-3-compte-rendu.fr.md",
        "content/editions/run-3-compte-rendu.fr.md:1: un compte rendu n'a pas de ligne "
        "« Title: » — retirez-la",
        f"content/editions/run-3.toml:{_line(run3, 'Ouverture Finale')}: « documents/run-3/"
        "Ouverture Finale.pdf » : nom de fichier invalide (espace, majuscule, accent ou signe) "
        "— renommez le fichier en minuscules, chiffres et tirets (« ouverture-finale.pdf »)",
    ]:
        assert message in said, (message, said)


def test_pictures_never_overwrite_each_other_and_wait_for_the_end(tmp_path):
    """The attacker's review: two photos with one name, a photo named like a recording's
    image, photos and a report of an edition not over yet, Status in a report, one deck
    named by two editions."""
    content = tmp_path / "content"
    shutil.copytree(DEMO / "content", content)
    (content / "photos/autre").mkdir()
    shutil.copy(content / "photos/demo-1/pupitre.jpg", content / "photos/autre/amphi.jpg")
    shutil.copy(content / "photos/demo-1/pupitre.jpg",
                content / "photos/demo-1/presentation-eun-enregistrement.jpg")
    demo1 = content / "editions/demo-1.toml"
    photo = ('\n[[photo]]\nfile = "{}"\nalt.fr = "Une photo."\nalt.ar = "صورة."\n'
             'credit = "Atelier"\nconsent = "written"\n')
    demo1.write_text(demo1.read_text("utf-8") + photo.format("photos/autre/amphi.jpg")
                     + photo.format("photos/demo-1/presentation-eun-enregistrement.jpg"),
                     "utf-8")
    build = run_build(tmp_path / "output", content=content, settings=DEMO / "democonf.py")
    assert build.returncode != 0
    said = build.stderr
    assert ("image « photos/autre/amphi.jpg » : son nom est déjà celui de "
            "« photos/demo-1/amphi.jpg » dans cette édition") in said, said
    assert ("image « photos/demo-1/presentation-eun-enregistrement.jpg » : son nom est déjà "
            "celui de « photos/demo-1/presentation-eun.jpg »") in said, said

    # Photos and a report for the edition of the day: told, checked, not published.
    shutil.rmtree(content)
    shutil.copytree(DEMO / "content", content)
    demo3 = content / "editions/demo-3.toml"
    demo3.write_text(demo3.read_text("utf-8") + photo.format("photos/demo-1/amphi.jpg"),
                     "utf-8")
    for lang in ("fr", "ar"):
        (content / f"editions/demo-3-compte-rendu.{lang}.md").write_text("Bilan.\n", "utf-8")
    # One deck named by sessions of two editions: published once.
    demo3.write_text(demo3.read_text("utf-8").replace(
        'title.ar = "الافتتاح"\n',
        'title.ar = "الافتتاح"\nslides = "documents/demo-1/ouverture.pdf"\n', 1), "utf-8")
    output = tmp_path / "output"
    build = run_build(output, content=content, settings=DEMO / "democonf.py")
    assert build.returncode == 0, build.stderr
    assert ("compte rendu ou photos d'une édition qui n'est pas encore passée : ils seront "
            "publiés après son dernier jour") in build.stdout + build.stderr
    assert not (output / "editions/demo-3/photos").exists()
    assert "Bilan" not in (output / "editions/demo-3/index.html").read_text("utf-8")
    assert (output / "documents/demo-1/ouverture.pdf").exists()
    programme = _soup(output, "editions/demo-3/programme")
    assert programme.select_one('#ouverture a[href="/documents/demo-1/ouverture.pdf"]')

    # A report has no header at all, not even Status (its draft would have no page).
    report = content / "editions/demo-1-compte-rendu.fr.md"
    report.write_text("Status: draft\n\n" + report.read_text("utf-8"), "utf-8")
    build = run_build(output, content=content, settings=DEMO / "democonf.py")
    assert build.returncode != 0 and "Traceback" not in build.stderr
    assert ("demo-1-compte-rendu.fr.md:1: un compte rendu n'a pas de ligne « Status: »"
            in build.stderr), build.stderr


def test_an_edition_named_like_a_report_is_refused(tmp_path):
    project = copy_project(tmp_path)
    editions = project / "content" / "editions"
    for name in ("run-3.toml", "run-3.fr.md", "run-3.ar.md"):
        (editions / name).rename(editions / name.replace("run-3", "bilan-compte-rendu"))
    build = run_build(tmp_path / "output", cwd=project)
    assert build.returncode != 0 and "Traceback" not in build.stderr
    assert ("content/editions/bilan-compte-rendu.toml:1: nom de fichier "
            "« bilan-compte-rendu.toml » : « -compte-rendu » termine le nom du compte rendu "
            "d'une édition") in build.stderr, build.stderr
