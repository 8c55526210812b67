"""make import-programme: a programme drafted in a spreadsheet becomes the edition's
[[session]] blocks; real CSV and .xlsx files, the real tool in a copy of the project.

Each run of the tool in a subprocess costs the plugin's import (about 2 s): the
variants that only differ in a message run its main() in the test's process."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import zipfile

import openpyxl
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, run_build
from runsite.core.languages import Languages
from runsite.core.messages import problem_pattern
from runsite.tools import programme, scaffold
from runsite.tools.build import load_settings

EDITION = "content/editions/run-4.toml"
HEADER = ["Identifiant", "Jour", "Début", "Fin", "Salle (français)", "Salle (arabe)",
          "Type", "Titre (français)", "Titre (arabe)", "Intervenants", "Langue",
          "Interprétation", "Résumé (français)", "Résumé (arabe)"]
ROWS = [
    ["ouverture", "2031-04-14", "9h", "09:30", "Amphi A", "المدرج أ", "Ouverture",
     "Ouverture", "الافتتاح", "Prénom Fictif", "arabe", "français",
     "Le mot d'accueil ; « bienvenue ».", "كلمة الترحيب."],
    ["conference", "2031-04-14", "9:30", "10h30", "Amphi A", "المدرج أ",
     "Conférence inaugurale", "Dix ans de cours en ligne, fictifs", "عشر سنوات من الدروس",
     "Autre Personne; Troisième Personne", "français", "arabe", "", ""],
    ["atelier", "15/04/2031", "11:00", "12:30", "Salle 2", "القاعة 2", "workshop",
     "Concevoir un cours", "تصميم درس", "", "fr", "", "", ""],
    ["", "", "", "", "", "", "", "", "", "", "", "", "", ""],  # an empty row: skipped
    ["cloture", "2031-04-15", "16:00", "16:30", "Amphi A", "المدرج أ", "Clôture",
     "Clôture", "الاختتام", "", "", "", "", ""],
]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A copy of the project with a new edition run-4 as make new-edition writes it
    (its commented templates included)."""
    root = copy_project(tmp_path_factory.mktemp("import"))
    languages = Languages.from_settings(load_settings(str(ROOT / "pelicanconf.py")))
    scaffold.scaffold(str(root / "content"), 4, "2031-04-14", "Oujda", "وجدة", "usmba",
                      end="2031-04-15", languages=languages)
    return root, (root / EDITION).read_bytes()


@pytest.fixture
def root(project, monkeypatch):
    """The project, its run-4.toml as new (tests may run in any order)."""
    folder, original = project
    (folder / EDITION).write_bytes(original)
    monkeypatch.chdir(folder)
    return folder


def write_csv(path, rows, delimiter=",", bom=False, encoding="utf-8"):
    lines = [delimiter.join(f'"{cell}"' if delimiter in cell else cell for cell in row)
             for row in rows]
    path.write_bytes((("\ufeff" if bom else "") + "\r\n".join(lines) + "\r\n")
                     .encode(encoding, errors="replace"))  # Excel writes ? for Arabic
    return path


def run(root, file, edition="run-4"):
    return subprocess.run([sys.executable, "-m", "runsite.tools.programme", "--file",
                           str(file), "--edition", edition], cwd=root,
                          env={**os.environ, "PYTHONPATH": str(root)},
                          capture_output=True, text=True, timeout=60)


def in_process(root, file):
    """The same import, by the function organisers' tools call (the reference)."""
    result = programme.import_programme(str(file), "run-4")
    assert result.problems == []
    return (root / EDITION).read_bytes()


def test_a_csv_of_excel_in_french_is_imported_kept_around_reimported_and_built(root, tmp_path):
    original = (root / EDITION).read_text("utf-8")
    sheet = write_csv(root / "programme.csv", [HEADER, *ROWS], ";", bom=True)

    done = run(root, "programme.csv")

    assert done.returncode == 0, done.stderr
    assert "4 séances importées dans content/editions/run-4.toml" in done.stdout
    assert "http://127.0.0.1:8000/editions/run-4/programme/" in done.stdout
    assert "http://127.0.0.1:8000/ar/editions/run-4/programme/" in done.stdout
    written = (root / EDITION).read_text("utf-8")
    # Every line of the file as make new-edition wrote it is still there, in order.
    lines = iter(written.splitlines())
    assert all(line in lines for line in original.splitlines())
    assert "# [[change]]" in written and written.count("\n[[session]]\n") == 4
    assert 'start = "09:00"' in written and 'end = "10:30"' in written
    assert "day = 2031-04-15" in written and 'title.ar = "الاختتام"' in written
    assert 'speakers = ["Autre Personne", "Troisième Personne"]' in written
    assert 'description.fr = "Le mot d\'accueil ; « bienvenue »."' in written

    again = run(root, "programme.csv")
    assert again.returncode == 0, again.stderr
    assert (root / EDITION).read_text("utf-8") == written

    build = run_build(tmp_path / "output", cwd=root)
    assert build.returncode == 0, build.stderr
    for prefix, titles in (("", ["Ouverture", "Dix ans de cours en ligne, fictifs",
                                 "Concevoir un cours", "Clôture"]),
                           ("ar/", ["الافتتاح", "عشر سنوات من الدروس", "تصميم درس",
                                    "الاختتام"])):
        page = BeautifulSoup((tmp_path / "output" / prefix / "editions/run-4/programme"
                              / "index.html").read_text("utf-8"), "lxml")
        shown = [t.get_text(strip=True) for t in page.select(".run-agenda__title")]
        assert shown == titles, shown
    assert sheet.exists()


def test_commas_without_bom_give_the_same_file(root):
    expected = in_process(root, write_csv(root / "a.csv", [HEADER, *ROWS], ";", bom=True))
    (root / EDITION).write_bytes(expected.replace(b"Amphi A", b"Amphi Z"))  # replaced
    done = run(root, write_csv(root / "b.csv", [HEADER, *ROWS], ","))
    assert done.returncode == 0, done.stderr
    assert (root / EDITION).read_bytes() == expected


def test_an_xlsx_with_time_and_date_cells_gives_the_same_file(root):
    expected = in_process(root, write_csv(root / "a.csv", [HEADER, *ROWS], ";"))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in ROWS:
        cells = list(row)
        if cells[0]:
            day = datetime.date.fromisoformat(cells[1]) if "-" in cells[1] else \
                datetime.date(2031, 4, 15)
            cells[1] = datetime.datetime.combine(day, datetime.time())
            cells[2], cells[3] = (datetime.time(*map(int, programme._time(t).split(":")))
                                  for t in cells[2:4])
        sheet.append([cell if cell != "" else None for cell in cells])
    book.save(root / "programme.xlsx")
    assert isinstance(openpyxl.load_workbook(root / "programme.xlsx").active["C2"].value,
                      datetime.time)

    done = run(root, "programme.xlsx")

    assert done.returncode == 0, done.stderr
    assert (root / EDITION).read_bytes() == expected


def test_a_csv_saved_by_excel_in_its_own_encoding_is_refused_with_the_way(root):
    before = (root / EDITION).read_bytes()
    write_csv(root / "programme.csv", [HEADER, *ROWS[2:]], ";", encoding="cp1252")
    done = run(root, "programme.csv")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "programme.csv:1: le fichier n'est pas enregistré en UTF-8" in done.stderr
    assert "« CSV UTF-8 (délimité par des virgules) (*.csv) »" in done.stderr
    assert (root / EDITION).read_bytes() == before


def test_every_bad_cell_is_told_at_its_row_and_column_and_nothing_is_written(root):
    before = (root / EDITION).read_bytes()
    session = ["x", "2031-04-14", "", "", "Amphi A", "المدرج أ", "talk", "T", "ت", "", "",
               "", "", ""]
    rows = [HEADER,
            ["a", *session[1:2], "25:00", "26:00", *session[4:]],
            ["b", *session[1:8], "", *session[9:]],  # no Arabic title
            ["c", *session[1:2], "10:00", "11:00", *session[4:]],
            ["d", *session[1:2], "10:30", "11:30", *session[4:]],  # in c's room, at c's time
            ["e", *session[1:2], "12:00", "13:00", *session[4:6], "conf", *session[7:]]]
    write_csv(root / "programme.csv", rows)

    done = run(root, "programme.csv")

    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    problems = [line for line in done.stderr.splitlines() if " — " in line]
    assert all(problem_pattern().match(line) for line in problems), problems
    expected = [
        "programme.csv:2:C: heure « 25:00 » invalide — écrivez l'heure sur 24 heures, HH:MM, "
        "par exemple 09:30",
        "programme.csv:2:D: heure « 26:00 » invalide",
        "programme.csv:3:I: case « titre (arabe) » vide",
        "programme.csv:5:C: la séance « d » (10:30) chevauche « c » de la ligne 4 "
        "(10:00–11:00) dans la même salle (Amphi A)",
        "programme.csv:6:G: « conf » inconnu dans la colonne « type » — valeurs possibles : "
        "Intervention, Conférence inaugurale",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in problems), (start, done.stderr)
    assert len(problems) == len(expected), done.stderr
    assert (root / EDITION).read_bytes() == before


@pytest.mark.parametrize("arguments,said", [
    (["--file", "nulle-part.csv"], "nulle-part.csv: fichier introuvable"),
    (["--file", "programme.txt"], "programme.txt: type de fichier « .txt » non lu"),
    (["--file", "faux.xlsx"], "faux.xlsx: classeur Excel illisible"),
    (["--file", "entetes.csv"], "entetes.csv:1:B: colonne « horaire » inconnue — colonnes "
     "possibles : identifiant, jour, début, fin"),
    (["--file", "programme.csv", "--edition", "run-7"],
     "content/editions/run-7.toml: édition « run-7 » introuvable — éditions existantes : "
     "run-1, run-2, run-3, run-4"),
    (["--file", "sans-id.csv"], "sans-id.csv:2:A: séance sans identifiant — écrivez-en un, "
     "en minuscules, chiffres et tirets, par exemple « concevoir-un-cours »"),
    # What the attacker's review tried: an edition outside content/editions/, a quote
    # never closed (it swallowed the file, then csv's own error), a workbook whose cells
    # unpack to gigabytes (a zip bomb: memory first, then a traceback).
    (["--file", "programme.csv", "--edition", "../../programme"],
     "content/editions: édition « ../../programme » introuvable"),
    (["--file", "guillemet.csv"], "guillemet.csv:2: ligne illisible : un guillemet « \" » "
     "ouvert n'est jamais fermé"),
    (["--file", "bombe.xlsx"], "bombe.xlsx: tableau trop gros (50 Mo décompressé), 20 Mo au "
     "plus"),
])
def test_what_stops_an_import_is_said_in_french(root, capsys, arguments, said):
    before = (root / EDITION).read_bytes()
    write_csv(root / "programme.csv", [HEADER, *ROWS])
    write_csv(root / "programme.txt", [HEADER, *ROWS])
    write_csv(root / "faux.xlsx", [HEADER, *ROWS])
    write_csv(root / "entetes.csv", [["identifiant", "horaire", "titre (francais)",
                                      "TITRE (ARABE)"]])
    write_csv(root / "sans-id.csv", [HEADER, ["", *ROWS[2][1:]]])
    (root / "guillemet.csv").write_text(
        ",".join(HEADER) + '\nouverture,2031-04-14,9h,10h,A,أ,,"Ouverture,ع\n'
        + "".join(f"s{n},2031-04-14,11h,12h,B,ب,,T{n},ع\n" for n in range(5)), "utf-8")
    with zipfile.ZipFile(root / "bombe.xlsx", "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/worksheets/sheet1.xml", b"A" * 50_000_000)
    if "--edition" not in arguments:
        arguments = [*arguments, "--edition", "run-4"]

    assert programme.main(arguments) == 1

    err = capsys.readouterr().err
    assert said in err, err
    assert all(problem_pattern().match(line) for line in err.splitlines() if " — " in line)
    assert (root / EDITION).read_bytes() == before


def test_sessions_between_other_blocks_are_all_replaced_and_the_others_kept(root):
    """Hand-written sessions with a [[change]] between them (as the guide's examples,
    added one after the other, leave them): each is replaced, the change and the
    comments before it stay, and a second import changes nothing."""
    with open(root / EDITION, "a", encoding="utf-8") as fp:
        fp.write('\n[[session]]\nid = "ouverture"\ntitle.fr = "Ouverture"\n'
                 'title.ar = "الافتتاح"\nday = 2031-04-14\n\n'
                 '# La modification de l\'ouverture.\n[[change]]\ndate = 2031-04-10\n'
                 'sessions = ["ouverture"]\ntext.fr = "Salle 2."\ntext.ar = "القاعة 2."\n\n'
                 '[[session]]\nid = "cloture"\ntitle.fr = "Clôture"\ntitle.ar = "الاختتام"\n'
                 'day = 2031-04-15\nlinks = ["https://mun.example/cours"]\n')
    sheet = write_csv(root / "programme.csv", [HEADER, *ROWS])
    first = in_process(root, sheet)
    text = first.decode("utf-8")
    assert text.count("\n[[session]]\n") == 4 and text.count('\nid = "ouverture"') == 1
    assert "# La modification de l'ouverture.\n[[change]]\n" in text
    # A field the table has no column for is kept from the session of the same id.
    assert text.count('links = ["https://mun.example/cours"]') == 1
    assert in_process(root, sheet) == first


def test_arabic_that_excel_turned_into_question_marks_is_refused_at_its_cell(root):
    """A sheet once saved as Excel's plain CSV, then again as UTF-8: its Arabic is
    « ???? » for good. Imported, it would be published so."""
    original = (root / EDITION).read_bytes()
    rows = [row[:] for row in ROWS[:1]]
    rows[0][8] = "????????"
    sheet = write_csv(root / "perdu.csv", [HEADER, *rows])
    done = run(root, sheet)
    assert done.returncode == 1
    assert "perdu.csv:2:I: texte en arabe dont les lettres sont perdues" in done.stderr
    assert (root / EDITION).read_bytes() == original
