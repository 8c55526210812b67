"""A diagnosis for every mistake: each is one French ``file:line: what — fix``, the
build exits non-zero, and ``output/`` stays byte-identical; what is not a mistake
(a byte order mark, ``Title :``) builds."""

from __future__ import annotations

import re

import pytest

from conftest import fixture_extra, run_build, snapshot
from runsite.core.messages import problem_pattern


def edit(path, old, new, count=1):
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), "utf-8")


def line_of(path, needle, nth=1):
    found = [i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1)
             if needle in line]
    return found[nth - 1]


def fails(project, expected, env=None, count=None):
    """Rebuild: it fails with exactly the ``expected`` lines among its problems (each
    a declared message), and changes nothing."""
    root, output, before = project
    build = run_build(output, cwd=root, env=env)
    assert build.returncode == 1, build.stderr
    assert "Traceback" not in build.stderr + build.stdout
    assert "erreur inattendue" not in build.stderr
    problems = [line for line in build.stderr.splitlines() if " — " in line]
    pattern = problem_pattern()
    for line in problems:
        assert pattern.match(line), f"not a declared message: {line}"
    for message in expected:
        assert any(line.startswith(message) for line in problems), (message, build.stderr)
    if count is not None:
        assert len(problems) == count, build.stderr
    assert snapshot(output) == before
    return problems


def builds(project):
    root, output, _ = project
    build = run_build(output, cwd=root)
    assert build.returncode == 0, build.stderr
    return output


@pytest.fixture
def project(built_project):
    return built_project


def content(project):
    return project[0] / "content"


# --- Faults that had no file:line -------------------------------------------------------

def test_a_latin1_data_file(project):
    partners = content(project) / "partenaires.toml"
    text = partners.read_text("utf-8")
    partners.write_bytes(text.encode("latin-1", errors="replace"))
    line = text[:next(i for i, c in enumerate(text) if ord(c) > 127)].count("\n") + 1
    fails(project, [f"content/partenaires.toml:{line}: le fichier n'est pas enregistré en "
                    "UTF-8"], count=1)


def test_a_latin1_catalog(project):
    catalog = project[0] / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    text = catalog.read_text("utf-8")
    catalog.write_bytes(text.encode("latin-1", errors="replace"))
    line = text[:next(i for i, c in enumerate(text) if ord(c) > 127)].count("\n") + 1
    fails(project, [f"translations/fr/LC_MESSAGES/messages.po:{line}: le fichier n'est pas "
                    "enregistré en UTF-8"])


def test_a_nul_byte_in_an_arabic_text(project):
    about = content(project) / "pages" / "a-propos.ar.md"
    text = about.read_text("utf-8").splitlines(keepends=True)
    text[4] = text[4].replace(" ", " \x00", 1)
    about.write_text("".join(text), "utf-8")
    fails(project, ["content/pages/a-propos.ar.md:5: caractère invisible interdit (U+0000)"],
          count=1)


def test_an_image_named_with_a_language(project):
    images = content(project) / "images"
    images.mkdir(exist_ok=True)
    (images / "affiche.fr.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>', "utf-8")
    fails(project, ["content/images/affiche.fr.svg: nom de fichier « affiche.fr.svg » : un "
                    "fichier publié tel quel n'a pas de langue — renommez-le sans « .fr. » "
                    "(par exemple affiche-fr.svg)"], count=1)


def test_a_page_at_the_address_of_a_listing(project):
    for lang in ("fr", "ar"):
        (content(project) / "pages" / f"chronologie.{lang}.md").write_text(
            "Title: Chronologie bis\n\nTexte.\n", "utf-8")
    fails(project, ["content/pages/chronologie.fr.md: cette page s'écrirait à l'adresse "
                    "/chronologie/, déjà prise par la chronologie",
                    "content/pages/chronologie.ar.md: cette page s'écrirait à l'adresse "
                    "/ar/chronologie/, déjà prise par la chronologie"], count=2)


def test_two_pages_at_one_address(project):
    folder = content(project) / "pages" / "archives"
    folder.mkdir()
    (folder / "a-propos.fr.md").write_text("Title: Autre\n\nTexte.\n", "utf-8")
    fails(project, ["content/pages/archives/a-propos.fr.md: deux fichiers en français pour la "
                    "même adresse (l'autre : pages/a-propos.fr.md)"], count=1)


def test_an_unknown_template(project):
    about = content(project) / "pages" / "a-propos.fr.md"
    about.write_text("Template: inexistant\n" + about.read_text("utf-8"), "utf-8")
    fails(project, ["content/pages/a-propos.fr.md:1: gabarit « inexistant » inconnu — "
                    "gabarits possibles : page (ou retirez la ligne Template)"], count=1)


@pytest.mark.parametrize("msgstr,message", [
    ("Édition précédente : %(nom)s", "variable inconnue dans la traduction : %(nom)s — "
     "recopiez-la exactement comme dans le msgid : %(name)s"),
    ("Édition précédente", "variable absente de la traduction : %(name)s"),
    ("50 % des éditions : %(name)s", "signe « % » seul dans la traduction"),
])
def test_a_placeholder_mistake_in_a_catalog(project, msgstr, message):
    catalog = project[0] / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    edit(catalog, 'msgstr "Édition précédente : %(name)s"', f'msgstr "{msgstr}"')
    line = line_of(catalog, f'msgstr "{msgstr}"')
    fails(project, [f"translations/fr/LC_MESSAGES/messages.po:{line}: {message}"], count=1)


def test_a_timed_session_without_its_day_in_a_multi_day_edition(project):
    run3 = content(project) / "editions" / "run-3.toml"
    edit(run3, "start = 2017-12-05\n", "start = 2017-12-05\nend = 2017-12-06\n")
    edit(run3, 'id = "sequence-1"\n', 'id = "sequence-1"\nday = 2017-12-05\nstart = "09:00"\n')
    edit(run3, 'id = "sequence-2"\n', 'id = "sequence-2"\nstart = "10:00"\n')
    header = line_of(run3, "[[session]]", 2)
    fails(project, [f"content/editions/run-3.toml:{header}: séance à l'heure donnée sans "
                    "jour, dans une édition de plusieurs jours — ajoutez day = AAAA-MM-JJ"],
          count=1)


def test_an_invalid_source_date_epoch(project):
    fails(project, ["SOURCE_DATE_EPOCH: SOURCE_DATE_EPOCH=« abc » n'est pas un nombre entier "
                    "de secondes"], env={"SOURCE_DATE_EPOCH": "abc"}, count=1)


@pytest.mark.parametrize("settings_text,line,reason", [
    ("SITENAME = 'RUN'\nTHEME = \n", 2, "erreur de syntaxe Python"),
    ("SITENAME = RUN\n", 1, "nom inconnu « RUN »"),
])
def test_a_mistake_in_the_settings_file(project, settings_text, line, reason):
    settings = project[0] / "pelicanconf.py"
    settings.write_text(settings_text + settings.read_text("utf-8"), "utf-8")
    fails(project, [f"pelicanconf.py:{line}: réglages illisibles : {reason} — corrigez cette "
                    "ligne"], count=1)


# --- Wrong or missing diagnoses -----------------------------------------------------------

@pytest.mark.parametrize("header", [
    "\ufeffTitle: À propos, avec BOM",
    "Title : À propos, espace avant les deux-points",
    "Title\u00a0: À propos, espace insécable",
    "\u200fTitle: À propos, marque RLM",
    "\u00a0Title: À propos, espace insécable devant",
])
def test_what_editors_add_to_a_header_is_accepted(project, header):
    about = content(project) / "pages" / "a-propos.fr.md"
    text = about.read_text("utf-8")
    about.write_text(re.sub(r"^Title: .*", lambda _: header, text, count=1), "utf-8")
    output = builds(project)
    title = header.split(":", 1)[1].strip()
    assert f"<h1 class=\"run-page__title\">{title}</h1>" in (
        output / "a-propos" / "index.html").read_text("utf-8")


def test_a_file_name_with_spaces_and_capitals(project):
    pages = content(project) / "pages"
    for lang in ("fr", "ar"):
        (pages / f"Mon Contact.{lang}.md").write_text("Title: Contact\n\nTexte.\n", "utf-8")
    problems = fails(project, [
        "content/pages/Mon Contact.fr.md: nom de fichier « Mon Contact.fr.md » invalide "
        "(espaces, majuscules, accents ou autres signes) — renommez-le « mon-contact.fr.md »",
        "content/pages/Mon Contact.ar.md: nom de fichier « Mon Contact.ar.md » invalide"],
        count=2)
    assert not any("créez" in p for p in problems)


@pytest.mark.parametrize("slug", ["a-propos-bis", "à-propos"])
def test_a_slug_in_one_language(project, slug):
    about = content(project) / "pages" / "a-propos.ar.md"
    about.write_text(f"Slug: {slug}\n" + about.read_text("utf-8"), "utf-8")
    problems = fails(project, ["content/pages/a-propos.ar.md:1: le champ « Slug » n'est pas "
                               "utilisé : le nom du fichier donne l'adresse"], count=1)
    assert not any("a-propos.fr.md" in p for p in problems)


def test_files_where_the_build_does_not_read(project):
    root = content(project)
    (root / "nouvelle.fr.md").write_text("Title: x\n\ny\n", "utf-8")
    (root / "actualite").mkdir()
    (root / "actualite" / "x.fr.md").write_text("Title: x\n\ny\n", "utf-8")
    (root / "pages" / "notes.txt").write_text("notes", "utf-8")
    fails(project, [
        "content/nouvelle.fr.md: fichier « nouvelle.fr.md » hors des dossiers du site, il "
        "serait ignoré — déplacez-le : content/pages/ (page), content/actualites/ "
        "(actualité) ou content/editions/ (texte d'une édition)",
        "content/actualite/: dossier « actualite » inconnu, son contenu serait ignoré — "
        "dossiers du site : actualites, documents, editions, extra, images, pages, photos "
        "(une faute de frappe ?)",
        "content/pages/notes.txt: fichier « notes.txt » ignoré : les pages et actualités "
        "s'écrivent en Markdown (.md)"], count=3)


def test_an_edition_number_that_is_not_its_file_name(project):
    run3 = content(project) / "editions" / "run-3.toml"
    edit(run3, "number = 3", "number = 7")
    fails(project, [f"content/editions/run-3.toml:{line_of(run3, 'number = 7')}: le numéro (7) "
                    "ne correspond pas au nom du fichier (run-3.toml)"], count=1)


def test_news_with_a_different_date_in_each_language(project):
    news = content(project) / "actualites" / "annonce-run-3.ar.md"
    edit(news, "Date: 2017-11", "Date: 2017-10")
    fails(project, [f"content/actualites/annonce-run-3.ar.md:{line_of(news, 'Date:')}: date "
                    "différente de la version en français (2017-11-01) — donnez la même date "
                    "aux deux versions"], count=1)


def test_a_room_named_two_ways_in_one_language_is_reported(project):
    """Same French name, two Arabic names: one room in French, two in Arabic — and the
    overlap it hides is found once the names agree."""
    run3 = content(project) / "editions" / "run-3.toml"
    edit(run3, 'id = "sequence-1"\n', 'id = "sequence-1"\nstart = "09:00"\nend = "11:00"\n'
         'room.fr = "Amphi Atlas"\nroom.ar = "مدرج الأطلس"\n')
    edit(run3, 'id = "sequence-2"\n', 'id = "sequence-2"\nstart = "10:00"\nend = "12:00"\n'
         'room.fr = "Amphi  atlas"\nroom.ar = "القاعة الكبرى"\n')
    fails(project, [f"content/editions/run-3.toml:{line_of(run3, 'القاعة الكبرى')}: la salle "
                    "« Amphi  atlas » s'appelle « مدرج الأطلس » en arabe dans la séance "
                    "« sequence-1 », ici « القاعة الكبرى » — écrivez chaque salle avec le même "
                    "nom"], count=1)
    edit(run3, "القاعة الكبرى", "مدرج الأطلس")
    fails(project, [f"content/editions/run-3.toml:{line_of(run3, '10:00')}: la séance "
                    "« sequence-2 » (10:00) chevauche « sequence-1 » (09:00–11:00)"], count=1)


def test_three_overlapping_sessions_are_all_reported_at_once(project):
    run3 = content(project) / "editions" / "run-3.toml"
    room = 'room.fr = "Amphi"\nroom.ar = "المدرج"\n'
    edit(run3, 'id = "sequence-1"\n', f'id = "sequence-1"\nstart = "09:00"\nend = "11:00"\n{room}')
    edit(run3, 'id = "sequence-2"\n', f'id = "sequence-2"\nstart = "10:00"\nend = "12:00"\n{room}')
    run3.write_text(run3.read_text("utf-8") + '\n[[session]]\nid = "sequence-3"\n'
                    'title.fr = "Trois"\ntitle.ar = "ثلاثة"\nstart = "10:30"\n' + room, "utf-8")
    fails(project, [
        f"content/editions/run-3.toml:{line_of(run3, '10:00')}: la séance « sequence-2 » "
        "(10:00) chevauche « sequence-1 » (09:00–11:00)",
        f"content/editions/run-3.toml:{line_of(run3, '10:30')}: la séance « sequence-3 » "
        "(10:30) chevauche « sequence-1 »",
        f"content/editions/run-3.toml:{line_of(run3, '10:30')}: la séance « sequence-3 » "
        "(10:30) chevauche « sequence-2 »"], count=3)


def test_a_milestone_figure_is_reported_at_its_own_line(project):
    jalons = content(project) / "jalons.toml"
    edit(jalons, "value = 49", 'value = "quarante-neuf"')
    fails(project, [f"content/jalons.toml:{line_of(jalons, 'quarante-neuf')}: « value » doit "
                    "être un nombre entier ≥ 0"], count=1)


def test_a_link_in_a_summary_is_checked(project):
    news = content(project) / "actualites" / "annonce-run-3.fr.md"
    edit(news, "Summary: La 3e édition", "Summary: La [3e édition](/editions/run-404/)")
    fails(project, [f"content/actualites/annonce-run-3.fr.md:{line_of(news, 'Summary:')}: lien "
                    "interne vers « /editions/run-404/ » : cette page n'existe pas"], count=1)


def test_relative_links_and_links_to_generated_files_are_accepted(project):
    about = content(project) / "pages" / "a-propos.fr.md"
    about.write_text(about.read_text("utf-8") + "\n[RUN 3](../editions/run-3/) · "
                     "[agenda](/calendrier.ics) · [flux](/actualites/flux.atom) · "
                     "[plan](/sitemap.xml) · [arabe](/ar/editions/run-3/calendrier.ics)\n",
                     "utf-8")
    builds(project)


def test_a_broken_relative_link_is_reported(project):
    about = content(project) / "pages" / "a-propos.fr.md"
    line = len(about.read_text("utf-8").splitlines()) + 2
    about.write_text(about.read_text("utf-8") + "\n[RUN 404](../editions/run-404/)\n", "utf-8")
    fails(project, [f"content/pages/a-propos.fr.md:{line}: lien interne vers "
                    "« ../editions/run-404/ » : cette page n'existe pas"], count=1)


@pytest.mark.parametrize("written,message", [
    ('start = 2017-12-05\nstart = 2017-12-06', "« start » écrit deux fois dans ce bloc — "
     "gardez une seule ligne « start = … »"),
    ('city.fr = «\u00a0Fès\u00a0»', "guillemets typographiques « » dans une valeur — écrivez "
     'des guillemets droits : "…"'),
    ('city.fr = Fès', "valeur illisible sur cette ligne — un texte s'écrit entre guillemets "
     "droits"),
    ("start = 05/12/2017", "date impossible sur cette ligne"),
    ('city.fr = "Fès', "texte sans guillemet fermant"),
    ("[[session]", "en-tête de bloc mal fermé"),
])
def test_toml_syntax_errors_are_told_in_french(project, written, message):
    run3 = content(project) / "editions" / "run-3.toml"
    text = run3.read_text("utf-8")
    first = written.splitlines()[0]
    if first.startswith("start"):
        text = text.replace("start = 2017-12-05", written)
    elif first.startswith("city.fr"):
        text = text.replace('city.fr = "Fès"', written)
    else:
        text = text.replace("[[session]]", written, 1)
    run3.write_text(text, "utf-8")
    line = line_of(run3, written.splitlines()[-1])
    problems = fails(project, [f"content/editions/run-3.toml:{line}: {message}"], count=1)
    assert not any(re.search(r"[A-Z][a-z]+ [a-z]+ (?:a|an|the) ", p) for p in problems)


@pytest.mark.parametrize("written,message", [
    ('start = 11h00\nend = "12:00"', "valeur illisible sur cette ligne"),
    ('start = "11h00"\nend = "12:00"', "heure invalide pour « start » : « 11h00 »"),
])
def test_a_time_written_the_french_way_gets_one_diagnosis(project, written, message):
    run3 = content(project) / "editions" / "run-3.toml"
    edit(run3, 'id = "sequence-2"\n', f'id = "sequence-2"\n{written}\n')
    fails(project, [f"content/editions/run-3.toml:{line_of(run3, '11h00')}: {message}"],
          count=1)


def test_arabic_lost_to_question_marks_is_refused_at_its_line(project):
    """A text whose Arabic letters became « ? » (saved by a tool in another encoding
    than UTF-8) would be published as « ????? »: it is refused, in the language's name."""
    run3 = content(project) / "editions" / "run-3.toml"
    edit(run3, 'city.ar = "فاس"', 'city.ar = "???"')
    fails(project, [f"content/editions/run-3.toml:{line_of(run3, 'city.ar')}: texte en arabe "
                    "dont les lettres sont perdues"], count=1)


def test_every_failure_of_the_fixture_site_is_a_declared_message(tmp_path):
    """The fictional site broken in several ways at once: every line is declared."""
    import shutil

    from conftest import FIXTURE_SITE
    site = tmp_path / "content"
    shutil.copytree(FIXTURE_SITE / "content", site)
    edit(site / "editions" / "fiction-2.toml", 'start = "14:00"', 'start = "14h"')
    edit(site / "jalons.toml", "value = 12", "value = -1")
    edit(site / "partenaires.toml", 'kind = "platform"', 'kind = "plateforme"')
    build = run_build(tmp_path / "output", content=site, extra=fixture_extra())
    assert build.returncode == 1
    problems = [line for line in build.stderr.splitlines() if " — " in line]
    assert len(problems) == 3, build.stderr
    assert all(problem_pattern().match(p) for p in problems), problems


# --- What the second outside review found ---------------------------------------------

@pytest.mark.parametrize("name,message", [
    ("logo.en.png", "nom de fichier « logo.en.png » invalide"),
    ("photo.jpg.png", "nom de fichier « photo.jpg.png » invalide"),
    ("carte.de.fes.png", "nom de fichier « carte.de.fes.png » invalide (espaces, majuscules, "
     "accents, points ou autres signes) — renommez-le « carte-de-fes.png »"),
])
def test_a_static_file_with_dots_in_its_name(project, name, message):
    images = content(project) / "images"
    images.mkdir(exist_ok=True)
    (images / name).write_bytes(b"\x89PNG")
    fails(project, [f"content/images/{name}: {message}"], count=1)


@pytest.mark.parametrize("template", ["agenda", "base", "home"])
def test_a_template_that_is_not_a_page_template(project, template):
    about = content(project) / "pages" / "a-propos.fr.md"
    about.write_text(f"Template: {template}\n" + about.read_text("utf-8"), "utf-8")
    fails(project, [f"content/pages/a-propos.fr.md:1: gabarit « {template} » inconnu"], count=1)


@pytest.mark.parametrize("edit_from,edit_to,message", [
    ("charset=utf-8", "charset=iso-8859-1", "le catalogue déclare un autre encodage que UTF-8"),
    ('msgstr "Édition précédente : %(name)s"', 'msgstr "Édition précédente : %(name)d"',
     "variable inconnue dans la traduction : %(name)d"),
    ('msgstr "Programme"', 'msgstr "Programme <bdi>RUN"',
     "balise <bdi> ouverte et pas fermée"),
])
def test_catalog_mistakes_that_crashed(project, edit_from, edit_to, message):
    catalog = project[0] / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    edit(catalog, edit_from, edit_to)
    line = line_of(catalog, edit_to)
    fails(project, [f"translations/fr/LC_MESSAGES/messages.po:{line}: {message}"], count=1)


def test_a_string_translated_twice(project):
    catalog = project[0] / "translations" / "fr" / "LC_MESSAGES" / "messages.po"
    catalog.write_text(catalog.read_text("utf-8") + '\nmsgid "Programme"\nmsgstr "Prog."\n',
                       "utf-8")
    line = len(catalog.read_text("utf-8").splitlines()) - 1
    fails(project, [f"translations/fr/LC_MESSAGES/messages.po:{line}: texte « Programme » "
                    "traduit deux fois dans le catalogue"], count=1)


def test_a_folder_in_the_editions(project):
    (content(project) / "editions" / "run-4.toml").mkdir()
    fails(project, ["content/editions/run-4.toml/: dossier « run-4.toml » dans "
                    "content/editions/"], count=1)


@pytest.mark.parametrize("new_name,message", [
    ("run3.toml", "content/editions/run3.toml: le fichier de données et les textes de cette "
     "édition ne portent pas le même nom (textes : run-3.*.md) — renommez ce fichier "
     "run-3.toml"),
    ("run_3.toml", "content/editions/run_3.toml: nom de fichier « run_3.toml » invalide"),
])
def test_an_edition_data_file_renamed_by_mistake(project, new_name, message):
    editions = content(project) / "editions"
    (editions / "run-3.toml").rename(editions / new_name)
    problems = fails(project, [message])
    # One diagnosis for the edition (links to it are not blamed; its texts neither).
    assert [p for p in problems if "run-3" in p.split(":")[0] or new_name in p] == [
        p for p in problems if p.startswith(f"content/editions/{new_name}")]


@pytest.mark.parametrize("partners", [None, "# rien pour l'instant\n"])
def test_no_partners_is_told_once(project, partners):
    path = content(project) / "partenaires.toml"
    if partners is None:
        path.unlink()
    else:
        path.write_text(partners, "utf-8")
    fails(project, ["content/partenaires.toml: aucun partenaire déclaré"], count=1)


@pytest.mark.parametrize("header,message", [
    ("Lang: ar", "content/pages/a-propos.fr.md:1: le champ « Lang » n'est pas utilisé"),
    ("Titre: À propos", "content/pages/a-propos.fr.md:1: champ « Titre » inconnu : "
     "vouliez-vous écrire « Title » ?"),
])
def test_a_header_mistake_gets_one_diagnosis(project, header, message):
    about = content(project) / "pages" / "a-propos.fr.md"
    text = about.read_text("utf-8")
    if header.startswith("Titre"):
        text = re.sub(r"^Title: .*\n", "", text, count=1)
    about.write_text(f"{header}\n{text}", "utf-8")
    fails(project, [message], count=1)


@pytest.mark.parametrize("old,new,message", [
    ("title.fr = \"Seconde", "titel.fr = \"Seconde",
     "champ « titel » inconnu : vouliez-vous écrire « title » ?"),
    ("[[session]]\nid = \"sequence-2\"", "[session]\nid = \"sequence-2\"",
     "en-tête [session] entre crochets simples — écrivez [[session]]"),
    ("start = 2017-12-05", "start = 2017-12", "mois sans guillemets sur cette ligne"),
    ("city.fr = \"Fès\"", "résumé = \"Fès\"", "nom de champ invalide"),
    ("id = \"sequence-2\"", "id = \"main-content\"",
     "identifiant « main-content » réservé au site"),
])
def test_toml_mistakes_get_one_right_diagnosis(project, old, new, message):
    run3 = content(project) / "editions" / "run-3.toml"
    edit(run3, old, new)
    first = new.splitlines()[0]
    line = next(i for i, row in enumerate(run3.read_text("utf-8").splitlines(), 1)
                if row == first or (row.startswith("titel") and first.startswith("titel")))
    fails(project, [f"content/editions/run-3.toml:{line}: {message}"], count=1)


def test_an_address_with_user_information(project):
    partners = content(project) / "partenaires.toml"
    edit(partners, 'short = "USMBA"', 'short = "USMBA"\nurl = "https://usmba.ma@other.example/"')
    fails(project, [f"content/partenaires.toml:{line_of(partners, 'url = ')}: adresse "
                    "« https://usmba.ma@other.example/ » refusée pour « url » : ce qui précède "
                    "« @ » peut faire croire à un autre site"], count=1)


@pytest.mark.parametrize("written,message", [
    ("<?php echo 1; ?>", "déclaration HTML non autorisée dans le contenu"),
    ('<img src="x" onerror="alert(1)" alt="">', "attribut « onerror » non autorisé sur <img>"),
])
def test_raw_html_gets_one_diagnosis_at_its_line(project, written, message):
    about = content(project) / "pages" / "a-propos.fr.md"
    line = len(about.read_text("utf-8").splitlines()) + 2
    about.write_text(about.read_text("utf-8") + f"\n{written}\n", "utf-8")
    fails(project, [f"content/pages/a-propos.fr.md:{line}: {message}"], count=1)


def test_check_with_broken_settings_says_it_once(project):
    from conftest import make
    settings = project[0] / "pelicanconf.py"
    settings.write_text('SITENAME = "RUN\n' + settings.read_text("utf-8"), "utf-8")
    for target in ("check", "i18n-status"):
        done = make(project[0], target)
        assert done.returncode != 0
        assert "pelicanconf.py:1: réglages illisibles : erreur de syntaxe Python" in done.stdout
        assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.parametrize("setting,message", [
    ('THEME = "themes"', "réglages illisibles : THEME : dossier du thème introuvable"),
    ("raise SystemExit(3)", "réglages illisibles : le fichier arrête le programme (exit)"),
])
def test_settings_that_pelican_refuses(project, setting, message):
    settings = project[0] / "pelicanconf.py"
    settings.write_text(settings.read_text("utf-8") + f"\n{setting}\n", "utf-8")
    problems = fails(project, [f"pelicanconf.py:{line_of(settings, setting)}: {message}"])
    assert len(problems) == 1


def test_ctrl_c_during_a_build_leaves_the_site_and_says_so(project):
    import os
    import signal
    import subprocess
    import sys
    import time
    root, output, before = project
    process = subprocess.Popen(
        [sys.executable, "-m", "runsite.tools.build", "content", "-o", str(output), "-s",
         "pelicanconf.py"], cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".output-building-") for p in output.parent.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    if process.returncode == 0:
        pytest.skip("the build ended before Ctrl+C reached it")
    assert process.returncode == 130, stderr
    assert stderr.strip().splitlines()[-1] == ("Construction interrompue : le site n'a pas "
                                               "été modifié.")
    assert "Traceback" not in stderr
    assert snapshot(output) == before


@pytest.mark.parametrize("word", ["oui", "Vrai", "True", "yes"])
def test_yes_written_as_a_word_is_told_to_be_true(project, word):
    run3 = content(project) / "editions" / "run-3.toml"
    edit(run3, 'id = "sequence-2"\n', f'id = "sequence-2"\ncancelled = {word}\n')
    fails(project, [f"content/editions/run-3.toml:{line_of(run3, 'cancelled')}: oui ou non "
                    "s'écrit true ou false, en minuscules, sans guillemets — écrivez par "
                    "exemple cancelled = true (oui)"], count=1)
