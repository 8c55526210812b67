"""Organisers' tools: make new-edition, make check, make i18n-status, and the French
guide, whose every example must run as written."""

from __future__ import annotations

import datetime
import re
import shlex
import shutil
import subprocess
import tomllib

import icalendar
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, make

GUIDE = ROOT / "docs" / "guide-organisateurs.md"


def guide_blocks(language):
    return re.findall(rf"```{language}\n(.*?)```", GUIDE.read_text("utf-8"), re.S)


def guide_commands():
    """The guide's make commands (its commands without make: tests/test_command_line.py;
    its git commands publish, which no test does)."""
    return [line for block in guide_blocks("sh") for line in block.splitlines()
            if line.startswith("make ")]


def page(output, path):
    return BeautifulSoup((output / path / "index.html").read_text("utf-8"), "lxml")


def test_guide_examples_run_as_written_and_the_new_edition_appears(tmp_path):
    project = copy_project(tmp_path)
    commands = guide_commands()
    assert commands[0] == "make serve" and any("new-edition" in c for c in commands)
    for command in commands:
        if command == "make serve":
            continue  # the live preview has its own test
        result = make(project, *shlex.split(command)[1:])
        assert result.returncode == 0, (command, result.stdout, result.stderr)
        if "new-edition" in command:
            # What the guide then says: add a session and a partner role to the edition,
            # a figure to a milestone.
            for block in guide_blocks("toml"):
                target = ("content/jalons.toml" if block.startswith("[[milestone")
                          else "content/editions/run-4.toml")
                # The files an archive block names, put where the guide says.
                for name in re.findall(r'"((?:photos|documents)/[^"]+)"', block):
                    sample = ("demo/content/photos/demo-1/amphi.jpg" if name.startswith(
                        "photos/") else "demo/content/documents/demo-1/ouverture.pdf")
                    (project / "content" / name).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy(ROOT / sample, project / "content" / name)
                with open(project / target, "a", encoding="utf-8") as fp:
                    fp.write("\n" + block)
    assert "Vérification : aucun problème." in make(project, "check").stdout

    built = make(project, "html", f"OUTPUTDIR={tmp_path / 'output'}")
    assert built.returncode == 0, built.stderr
    output = tmp_path / "output"
    # The home page features the next edition: the new one, unless the organisers have
    # already added one that comes before it.
    starts = {path.stem: tomllib.loads(path.read_text("utf-8"))["start"]
              for path in (project / "content" / "editions").glob("*.toml")}
    nearest = min((start, stem) for stem, start in starts.items()
                  if start >= datetime.date.today())[1]
    for prefix, upcoming, city in (("", "Prochaine édition", "Exempleville"),
                                   ("ar/", "الدورة المقبلة", "مدينة المثال")):
        home = page(output, prefix)
        assert upcoming in home.select_one(".run-featured").get_text()
        assert home.select_one(f'.run-featured a[href="/{prefix}editions/{nearest}/"]')
        timeline = page(output, f"{prefix}chronologie")
        entries = " ".join(timeline.select_one(".run-timeline").get_text().split())
        assert f"RUN 4 · {city}" in entries
        edition = page(output, f"{prefix}editions/run-4")
        assert edition.select_one(".run-badge--upcoming")
        agenda = page(output, f"{prefix}editions/run-4/programme")
        assert agenda.select_one("#ouverture time[datetime='2031-04-14T09:00']")
        calendar = icalendar.Calendar.from_ical(
            (output / prefix / "editions/run-4/calendrier.ics").read_bytes())
        # The edition and each timed session of the programme imported from the
        # spreadsheet (the sessions the guide writes by hand, replaced by it).
        sessions = list((output / prefix / "editions/run-4/programme").glob("*.ics"))
        assert len(sessions) == 7
        assert len(calendar.walk("VEVENT")) == 1 + len(sessions)
    assert "Ajouter à mon agenda" in page(output, "editions/run-4").get_text()
    arabic = (project / "content/editions/run-4.ar.md").read_text("utf-8")
    assert "الدورة الرابعة من اللقاء الجامعي للرقمنة" in arabic and "14 أبريل 2031" in arabic


def test_new_edition_refuses_bad_input_in_french(tmp_path):
    project = copy_project(tmp_path)
    result = make(project, "new-edition", "NUMBER=5", "DATE=2031-02-30", "CITY=X", "CITY_AR=س",
                  "HOST=usmba")
    assert result.returncode != 0
    assert "DATE : « 2031-02-30 » n'est pas une date — écrivez une date réelle AAAA-MM-JJ" \
        in result.stderr
    result = make(project, "new-edition", "NUMBER=3", "DATE=2031-03-01", "CITY=X",
                  "CITY_AR=س", "HOST=usmba")
    assert "run-3.toml existe déjà — rien n'a été écrit" in result.stderr
    result = make(project, "new-edition", "NUMBER=5", "DATE=2031-03-01", "CITY=X",
                  "CITY_AR=س", "HOST=inconnue")
    assert "HOST=inconnue n'est pas dans content/partenaires.toml" in result.stderr
    assert not (project / "content/editions/run-5.toml").exists()


def test_check_reports_each_mistake_in_french_with_file_and_line(tmp_path):
    project = copy_project(tmp_path)
    news = project / "content/actualites/annonce-run-3.fr.md"
    news.write_text(news.read_text("utf-8").replace("Date: 2017-11", "Date: 31/11/2017"))
    about = project / "content/pages/a-propos.ar.md"
    about.write_text(about.read_text("utf-8").replace("Title:", "Titre:"))
    run3 = project / "content/editions/run-3.toml"
    run3.write_text(run3.read_text("utf-8").replace(
        'id = "sequence-2"\n', 'id = "sequence-2"\nstart = "11:00"\nend = "10:00"\n'))
    end_line = run3.read_text("utf-8").splitlines().index('end = "10:00"') + 1

    result = make(project, "check")

    assert result.returncode != 0
    out = result.stdout
    assert "content/actualites/annonce-run-3.fr.md:2: date invalide pour « date »" in out
    # One diagnosis for a misspelt field: the typo, not also a missing "Title".
    assert ("content/pages/a-propos.ar.md:1: champ « Titre » inconnu : "
            "vouliez-vous écrire « Title » ?") in out
    assert "champ obligatoire « title » manquant" not in out
    assert f"content/editions/run-3.toml:{end_line}: la séance finit (10:00) avant" in out
    assert out.strip().splitlines()[-1] == "Vérification : 3 problèmes."
    assert "Traceback" not in out + result.stderr
    assert not (project / "output").exists()


def test_i18n_status_lists_missing_page_and_untranslated_string(tmp_path):
    project = copy_project(tmp_path)
    (project / "content/pages/contact.fr.md").write_text(
        "Title: Contact fictif\nUntranslated: en cours\n\nTexte.\n", "utf-8")
    po = project / "translations/ar/LC_MESSAGES/messages.po"
    po.write_text(po.read_text("utf-8").replace('msgstr "البرنامج"', 'msgstr ""'), "utf-8")
    line = po.read_text("utf-8").splitlines().index('msgid "Programme"') + 1

    result = make(project, "i18n-status")

    assert result.returncode != 0
    out = result.stdout
    arabic = out[out.index("Traductions — arabe (ar)"):]
    assert "1 page sans version en arabe :" in arabic
    assert "1 texte du thème non traduit :" in arabic
    assert "content/pages/contact.fr.md" in arabic
    assert f"translations/ar/LC_MESSAGES/messages.po:{line}: « Programme » — vide" in arabic
    french = out[out.index("Traductions — français (fr)"):out.index("Traductions — arabe")]
    assert "tout est traduit." in french
    assert out.strip().splitlines()[-1] == "État des traductions : 2 manques."


def test_i18n_status_is_clean_on_the_real_site(tmp_path):
    result = make(copy_project(tmp_path), "i18n-status")
    assert result.returncode == 0, result.stdout
    assert "État des traductions : complet." in result.stdout


def test_the_guide_s_git_commands_push_a_branch_for_a_pull_request(tmp_path):
    """§ 9 « Depuis le terminal », run as written in a clone whose origin is a local
    bare repository (GitHub's place): the branch arrives there with the content."""
    block = next(b for b in guide_blocks("sh") if b.startswith("git switch"))
    commands = [line for line in block.splitlines() if line]
    assert [c.split()[1] for c in commands] == ["switch", "add", "commit", "push"]
    origin, clone = tmp_path / "origin.git", tmp_path / "clone"
    env = {"GIT_AUTHOR_NAME": "Organisatrice Fictive", "GIT_AUTHOR_EMAIL": "o@example.org",
           "GIT_COMMITTER_NAME": "Organisatrice Fictive",
           "GIT_COMMITTER_EMAIL": "o@example.org", "GIT_CONFIG_GLOBAL": "/dev/null",
           "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    def git(*arguments, cwd=clone):
        done = subprocess.run(["git", *arguments], cwd=cwd, env=env, capture_output=True,
                              text=True)
        assert done.returncode == 0, (arguments, done.stderr)
        return done.stdout

    project = copy_project(tmp_path)
    git("init", "-q", "--bare", "-b", "main", str(origin), cwd=tmp_path)
    git("clone", "-q", str(origin), str(clone), cwd=tmp_path)
    for name in ("content", "translations"):
        shutil.copytree(project / name, clone / name)
    git("add", ".")
    git("commit", "-q", "-m", "Le site")
    git("push", "-q", "origin", "main")
    # The organiser's change, then the guide's commands, word for word.
    news = clone / "content/editions/run-3.fr.md"
    news.write_text(news.read_text("utf-8") + "\nUne phrase ajoutée.\n", "utf-8")
    for command in commands:
        git(*shlex.split(command)[1:])
    assert "Une phrase ajoutée." in git("show", "run-4-programme:content/editions/run-3.fr.md",
                                        cwd=origin)
    assert "RUN 4 : programme" in git("log", "-1", "--format=%s", "run-4-programme",
                                      cwd=origin)
