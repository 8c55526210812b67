"""Organisers' mistakes: each is reported as `file:line: what — fix`, in French, the
build exits non-zero, and the previously built output/ stays byte-identical."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT, copy_project, run_build, snapshot


@pytest.fixture
def project(built_project):
    return built_project


def edit(path, old, new):
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def line_of(path, needle):
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1)
                if needle in line)


def fails_with(project, messages):
    """Rebuild; assert it failed, said each message, and changed nothing."""
    root, output, before = project
    build = run_build(output, cwd=root)
    assert build.returncode == 1
    for message in messages:
        assert message in build.stderr, build.stderr
    assert "Traceback" not in build.stderr + build.stdout
    assert "n'a pas été modifié" in build.stderr
    assert snapshot(output) == before
    return build.stderr


def test_missing_required_field_in_an_edition(project):
    run3 = project[0] / "content" / "editions" / "run-3.toml"
    edit(run3, "start = 2017-12-05\n", "")
    fails_with(project, ["content/editions/run-3.toml:1: champ obligatoire « start » manquant"
                         " — écrivez la date AAAA-MM-JJ"])


def test_missing_title_in_a_markdown_file(project):
    about = project[0] / "content" / "pages" / "a-propos.fr.md"
    edit(about, "Title: À propos de la RUN\n", "")
    fails_with(project, ["content/pages/a-propos.fr.md:1: champ obligatoire « title » manquant"
                         " — ajoutez en tête du fichier la ligne « Title: le titre de la page »"])


def test_malformed_date_in_news_metadata(project):
    news = project[0] / "content" / "actualites" / "annonce-run-3.fr.md"
    edit(news, "Date: 2017-11\n", "Date: 05/12/2017\n")
    fails_with(project, ["content/actualites/annonce-run-3.fr.md:2: date invalide pour « date »"
                         " : « 05/12/2017 »"])


def test_date_that_does_not_exist(project):
    news = project[0] / "content" / "actualites" / "annonce-run-3.ar.md"
    edit(news, "Date: 2017-11\n", "Date: 2017-02-30\n")
    run2 = project[0] / "content" / "editions" / "run-2.toml"
    edit(run2, "start = 2016-12-08", "start = 2016-13-08")
    fails_with(project, [
        "content/actualites/annonce-run-3.ar.md:2: date invalide pour « date » : « 2017-02-30 »",
        f"content/editions/run-2.toml:{line_of(run2, 'start =')}: date impossible sur cette ligne",
    ])


def test_date_as_text_is_checked_too(project):
    jalons = project[0] / "content" / "jalons.toml"
    edit(jalons, "date = 2017-11-16", 'date = "2017-11-31"')
    fails_with(project, [f"content/jalons.toml:{line_of(jalons, '2017-11-31')}: date invalide "
                         "pour « date » : « 2017-11-31 »"])


def test_agenda_slot_ending_before_it_starts(project):
    run3 = project[0] / "content" / "editions" / "run-3.toml"
    edit(run3, 'id = "sequence-2"\n', 'id = "sequence-2"\nstart = "11:00"\nend = "10:30"\n')
    fails_with(project, [f"content/editions/run-3.toml:{line_of(run3, 'end = ')}: la séance "
                         "finit (10:30) avant de commencer (11:00) — corrigez start ou end"])


def test_overlapping_sessions_in_one_room(project):
    run3 = project[0] / "content" / "editions" / "run-3.toml"
    room = 'room.fr = "Amphi fictif"\nroom.ar = "مدرج وهمي"\n'
    edit(run3, 'id = "sequence-1"\n', f'id = "sequence-1"\nstart = "09:00"\nend = "11:00"\n{room}')
    edit(run3, 'id = "sequence-2"\n', f'id = "sequence-2"\nstart = "10:00"\nend = "12:00"\n{room}')
    line = line_of(run3, '"10:00"')
    fails_with(project, [f"content/editions/run-3.toml:{line}: la "
                         "séance « sequence-2 » (10:00) chevauche « sequence-1 » (09:00–11:00) "
                         "dans la même salle (Amphi fictif)"])


def test_session_text_missing_in_one_language(project):
    run3 = project[0] / "content" / "editions" / "run-3.toml"
    edit(run3, 'title.ar = "الشق الثاني: لقاءات وموائد مستديرة مع الفاعلين"\n', "")
    line = line_of(run3, 'title.fr = "Seconde')
    fails_with(project, [f"content/editions/run-3.toml:{line}: "
                         "« title » n'a pas de texte en arabe — ajoutez title.ar = \"…\""])


def test_partner_reference_that_does_not_resolve(project):
    run2 = project[0] / "content" / "editions" / "run-2.toml"
    edit(run2, 'id = "ambassade-france"', 'id = "ambassade-de-france"')
    fails_with(project, [f"content/editions/run-2.toml:{line_of(run2, 'ambassade-de-france')}: "
                         "partenaire « ambassade-de-france » introuvable"])


def test_partner_logo_that_does_not_exist(project):
    partners = project[0] / "content" / "partenaires.toml"
    edit(partners, 'short = "USMBA"', 'short = "USMBA"\nlogo = "images/usmba.svg"')
    fails_with(project, [f"content/partenaires.toml:{line_of(partners, 'logo =')}: logo "
                         "« images/usmba.svg » introuvable"])


def test_edition_without_its_arabic_text(project):
    (project[0] / "content" / "editions" / "run-2.ar.md").unlink()
    fails_with(project, ["content/editions/run-2.toml: l'édition n'a pas de texte en arabe — "
                         "créez content/editions/run-2.ar.md"])


def test_broken_internal_link(project):
    run3 = project[0] / "content" / "editions" / "run-3.fr.md"
    edit(run3, "(/editions/run-3/programme/)", "(/editions/run-404/programme/)")
    fails_with(project, [f"content/editions/run-3.fr.md:{line_of(run3, 'run-404')}: lien interne "
                         "vers « /editions/run-404/programme/ » : cette page n'existe pas"])


def test_unknown_fields_are_typos(project):
    about = project[0] / "content" / "pages" / "a-propos.ar.md"
    edit(about, "Title:", "Titre:")
    partners = project[0] / "content" / "partenaires.toml"
    edit(partners, 'kind = "embassy"', 'kind = "embassy"\nsite = "x"')
    fails_with(project, [
        "content/pages/a-propos.ar.md:1: champ « Titre » inconnu : "
        "vouliez-vous écrire « Title » ?",
        f"content/partenaires.toml:{line_of(partners, 'site = ')}: champ inconnu « site »",
    ])


def test_unknown_field_beside_a_summary(project):
    # Pelican converts Summary with the file's Markdown parser, which forgets the
    # fields it read: they are checked as written.
    news = project[0] / "content" / "actualites" / "annonce-run-3.fr.md"
    edit(news, "Summary:", "Auteur: Quelqu'un\nSummary:")
    fails_with(project, [
        f"content/actualites/annonce-run-3.fr.md:{line_of(news, 'Auteur:')}: champ « Auteur » "
        "inconnu ici — champs possibles : Date, Modified, Status, Summary, Title, "
        "Untranslated",
    ])


def test_every_problem_reported_at_once_with_a_summary(project):
    edit(project[0] / "content" / "editions" / "run-1.toml", 'host = "cadi-ayyad"', 'host = "x"')
    edit(project[0] / "content" / "jalons.toml", 'date = "2017-05"', 'date = "mai 2017"')
    stderr = fails_with(project, ["content/editions/run-1.toml:", "content/jalons.toml:"])
    assert "2 problèmes à corriger." in stderr and "output n'a pas été modifié." in stderr


def test_declared_untranslated_page_gets_a_stand_in_and_a_notice(tmp_path):
    project = copy_project(tmp_path)
    (project / "content" / "pages" / "presse.fr.md").write_text(
        "Title: Espace presse fictif\nUntranslated: en attente de traduction\n\nTexte.\n",
        "utf-8")
    build = run_build(tmp_path / "output", cwd=project)
    assert build.returncode == 0, build.stderr
    assert ("avis : content/pages/presse.fr.md: pas de version en arabe (exception déclarée : "
            "en attente de traduction)") in build.stderr
    stand_in = (tmp_path / "output" / "ar" / "presse" / "index.html").read_text("utf-8")
    assert '<html lang="ar" dir="rtl">' in stand_in
    assert "هذه الصفحة غير متوفرة بالعربية" in stand_in
    assert 'href="/presse/" lang="fr"' in stand_in
    french = (tmp_path / "output" / "presse" / "index.html").read_text("utf-8")
    assert 'hreflang="ar" href="/ar/presse/"' in french


PHASE_MISTAKES = {
    "run-7": """number = 7
start = 2031-04-14
city.fr = "Exempleville"
city.ar = "مدينة المثال"
host = "usmba"
new_start = 2031-05-01

[call]
opens = 2031-03-01
closes = 2031-05-01
url = "https://appel.example/"

[registration]
free = true
url = "https://inscription.example/"
""",
    "run-8": """number = 8
start = 2032-04-14
city.fr = "Exempleville"
city.ar = "مدينة المثال"
host = "usmba"
call = "bientôt"

[registration]
url = "https://inscription.example/"
opens = 2032-03-10
closes = 2032-03-01
""",
    "run-9": """number = 9
start = 2033-04-14
city.fr = "Exempleville"
city.ar = "مدينة المثال"
host = "usmba"
status = "postponed"
new_start = 2033-05-10
new_end = 2033-05-09

[registration]
opens = 2033-03-01
""",
}


def test_calls_registrations_and_new_dates_that_cannot_be(project):
    """Every mistake in an edition's call, registration or new date, told at its line."""
    editions = project[0] / "content" / "editions"
    for name, data in PHASE_MISTAKES.items():
        (editions / f"{name}.toml").write_text(data, "utf-8")
        for lang, title in (("fr", "Une édition"), ("ar", "دورة")):
            (editions / f"{name}.{lang}.md").write_text(
                f"Title: {title} {name}\nSummary: {title}.\n\n{title}.\n", "utf-8")
    fails_with(project, [
        "content/editions/run-7.toml:6: nouvelle date pour une édition qui n'est pas "
        'reportée — ajoutez status = "postponed", ou retirez new_start',
        "content/editions/run-7.toml:10: closes (2031-05-01) tombe après l'édition (dernier "
        "jour : 2031-04-14)",
        "content/editions/run-7.toml:14: entrée libre (free = true) mais aussi url — sans "
        "inscription, retirez url ; avec inscription, retirez free = true",
        "content/editions/run-8.toml:6: « call » doit être un bloc [call]",
        "content/editions/run-8.toml:11: closes (2032-03-01) précède opens (2032-03-10)",
        "content/editions/run-9.toml:8: new_end (2033-05-09) précède new_start (2033-05-10)",
        "content/editions/run-9.toml:10: inscriptions sans formulaire ni entrée libre — "
        'ajoutez url = "https://…" (le formulaire), ou free = true',
    ])


SPEAKER_MISTAKES = """[[speaker]]
id = "sans-accord"
name = "Personne Fictive"
photo = "photos/personne.jpg"
photo_alt.fr = "Une silhouette"
photo_alt.ar = "صورة ظلية"

[[speaker]]
id = "sans-description"
name = "Autre Fictive"
name_ar = "Autre"
photo = "photos/personne.jpg"
photo_consent = true
links = ["http://autre.example/"]

[[speaker]]
id = "pas-une-image"
name = "Troisième Fictive"
photo = "photos/texte.jpg"
photo_consent = true
photo_alt.fr = "Une silhouette"
photo_alt.ar = "صورة ظلية"

[[speaker]]
id = "trop-grande"
name = "Quatrième Fictive"
photo = "photos/immense.png"
photo_consent = true
photo_alt.fr = "Une silhouette"
photo_alt.ar = "صورة ظلية"

[[speaker]]
id = "ailleurs"
name = "Cinquième Fictive"
affiliation = "Université Inconnue"
"""


def test_speakers_that_cannot_be_published(project):
    root = project[0]
    (root / "content" / "photos").mkdir()
    shutil.copy(ROOT / "demo" / "content" / "photos" / "amina-fictive.jpg",
                root / "content" / "photos" / "personne.jpg")
    (root / "content" / "photos" / "texte.jpg").write_text("pas une image", "utf-8")
    from PIL import Image  # 100 million pixels in a few kilobytes

    Image.new("1", (10_000, 10_000)).save(root / "content" / "photos" / "immense.png")
    (root / "content" / "intervenants.toml").write_text(SPEAKER_MISTAKES, "utf-8")
    run3 = root / "content" / "editions" / "run-3.toml"
    edit(run3, 'partners = ["fun", "ministere", "ambassade-france"]\n',
         'partners = ["fun", "ministere", "ambassade-france"]\n'
         'speakers = ["sans-page", "Pas-Une-Image", "trop-grande", "trop-grande"]\n')
    line = line_of(run3, 'speakers = ["sans-page"')

    def speakers_line(needle):
        return line_of(root / "content" / "intervenants.toml", needle)

    fails_with(project, [
        "content/intervenants.toml:4: photo publiée sans l'accord de la personne — ajoutez "
        "photo_consent = true quand elle a accepté par écrit, sinon retirez photo",
        "content/intervenants.toml:11: « Autre » n'est pas écrit en caractères arabes",
        "content/intervenants.toml:12: photo sans description (photo_alt)",
        "content/intervenants.toml:14: adresse « http://autre.example/ » refusée pour « links » "
        ": https seulement",
        f"content/editions/run-3.toml:{line}: intervenant « sans-page » inconnu de "
        "content/intervenants.toml",
        f"content/editions/run-3.toml:{line}: « Pas-Une-Image » ressemble à l'identifiant "
        "« pas-une-image » de content/intervenants.toml, mais n'en est pas un",
        f"content/editions/run-3.toml:{line}: intervenant « trop-grande » cité deux fois",
        f"content/intervenants.toml:{speakers_line('Université Inconnue')}: « Université "
        "Inconnue » n'est pas un identifiant de partenaire",
        f"content/intervenants.toml:{speakers_line('texte.jpg')}: photo « photos/texte.jpg » "
        "illisible : ce n'est pas une image JPEG ou PNG complète",
        f"content/intervenants.toml:{speakers_line('immense.png')}: photo « photos/immense.png"
        " » trop grande (plus de 50 millions de pixels) — réduisez-la à 4000 pixels de côté "
        "au plus",
    ])


@pytest.mark.parametrize("name,message", [
    ("\\u200b", "caractère invisible interdit (U+200B) dans le texte"),
    ("Amina\\u2067 Fictive", "caractère invisible interdit (U+2067) dans le texte"),
    ("123", "« 123 » n'est pas un nom (aucune lettre)"),
])
def test_a_speaker_s_name_is_letters_and_visible(project, name, message):
    (project[0] / "content" / "intervenants.toml").write_text(
        f'[[speaker]]\nid = "quelqu-un"\nname = "{name}"\n', "utf-8")
    fails_with(project, [f"content/intervenants.toml:3: {message}"])


def test_a_one_block_table_written_twice(project):
    run3 = project[0] / "content" / "editions" / "run-3.toml"
    edit(run3, "[[partner]]\n", '[call]\ncloses = 2017-11-01\nurl = "https://a.example/"\n\n'
         '[call]\ntext.fr = "x"\ntext.ar = "س"\n\n[[partner]]\n')
    first = line_of(run3, "[call]")
    fails_with(project, [f"content/editions/run-3.toml:{first + 4}: bloc [call] écrit une "
                         f"deuxième fois (le premier est ligne {first}) — un seul bloc [call] "
                         "par fichier"])


PROGRAMME_MISTAKES = """
[[session]]
id = "interpretee"
title.fr = "Interprétée vers sa propre langue"
title.ar = "مترجمة إلى لغتها"
language = "fr"
interpretation = ["ar", "fr"]

[[session]]
id = "sans-langue"
title.fr = "Sans langue"
title.ar = "دون لغة"
interpretation = ["ar"]

[[session]]
id = "inconnue"
title.fr = "Interprétée vers une langue inconnue"
title.ar = "لغة غير معروفة"
language = "ar"
interpretation = ["de"]

[[session]]
id = "annulee"
title.fr = "Annulée en silence"
title.ar = "ملغاة دون إعلان"
cancelled = true

[[change]]
date = 2017-12-01
sessions = ["sequence-9"]
text.fr = "Une séance qui n'existe pas."
text.ar = "جلسة غير موجودة."

[[change]]
date = 2017-12-02
text.fr = "Seulement en français."

[[change]]
date = 2018-12-01
text.fr = "Une année de trop."
text.ar = "سنة زائدة."
"""


def test_interpretation_and_changes_that_cannot_be(project):
    """Each mistake of the programme's new fields, told at its line with its fix."""
    run3 = project[0] / "content" / "editions" / "run-3.toml"
    run3.write_text(run3.read_text("utf-8") + PROGRAMME_MISTAKES, "utf-8")
    run1 = project[0] / "content" / "editions" / "run-1.toml"
    run1.write_text(run1.read_text("utf-8") + '\n[[change]]\ndate = 2015-01-01\n'
                    'text.fr = "Sans programme."\ntext.ar = "دون برنامج."\n', "utf-8")
    run2 = project[0] / "content" / "editions" / "run-2.toml"
    run2.write_text(run2.read_text("utf-8") + '\n[[session]]\nid = "' + "a" * 81 + '"\n'
                    'title.fr = "Longue"\ntitle.ar = "طويلة"\n', "utf-8")

    def at(needle):
        return f"content/editions/run-3.toml:{line_of(run3, needle)}: "

    fails_with(project, [
        at('interpretation = ["ar", "fr"]') +
        "la séance est en français et interprétée vers cette même langue — retirez \"fr\" de "
        "interpretation",
        at('interpretation = ["ar"]') +
        "interpretation sans la langue de la séance — ajoutez language = \"fr\"",
        at('interpretation = ["de"]') +
        "valeur « de » inconnue pour « interpretation » — valeurs possibles : fr, ar, en",
        at("cancelled = true") + "séance « annulee » "
        "annulée sans modification publiée qui le dise — ajoutez un bloc [[change]]",
        at('sessions = ["sequence-9"]') + "séance « sequence-9 » inconnue dans ce programme "
        "— séances de cette édition : sequence-1, sequence-2, interpretee, sans-langue, "
        "inconnue, annulee",
        at("Seulement en français") + "« text » n'a pas de texte en arabe — ajoutez "
        'text.ar = "…"',
        at("date = 2018-12-01") + "modification datée du 2018-12-01, après l'édition (dernier "
        "jour : 2017-12-05) — une faute de frappe dans l'année ?",
        f"content/editions/run-1.toml:{line_of(run1, '[[change]]')}: modification du "
        "programme d'une édition qui n'a pas de programme — écrivez d'abord ses séances",
        f"content/editions/run-2.toml:{line_of(run2, 'a' * 81)}: identifiant « id » trop long "
        "(81 caractères) — 80 caractères au plus",
    ])
