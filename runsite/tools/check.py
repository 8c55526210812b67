"""Checks for organisers, without publishing anything.

``python -m runsite.tools.check``  (make check): builds the whole site into a temporary
folder and checks the catalogs; prints every problem as ``file:line: what — fix``
in French, then a summary line; exits non-zero if anything is wrong.

``python -m runsite.tools.check --translations``  (make i18n-status): per language, the
pages that have no version in it and the theme strings not translated (or fuzzy)
in its catalog; exits non-zero when something published lacks its translation.
"""

from __future__ import annotations

import argparse
import glob
import logging
import os
import subprocess
import sys
import tempfile
import tomllib

from babel.messages.pofile import read_po

from runsite.core.languages import Languages
from runsite.core.messages import counted
from runsite.core.problems import SettingsError, relative
from runsite.read.datafile import key_lines
from runsite.tools.build import _extra_setting, build, load_settings
from runsite.validate import schema


def _messages(catalog):
    return {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}


def catalog_gaps(translations, languages):
    """{lang: [(path, line, msgid, 'vide'|'à revoir'|'absent')]} for every catalog."""
    with open(os.path.join(translations, "messages.pot"), "rb") as fp:
        template = _messages(read_po(fp))
    gaps = {}
    for code, language in languages.items():
        path = os.path.join(translations, code, "LC_MESSAGES", "messages.po")
        found = []
        if not os.path.exists(path):
            gaps[code] = [(path, 1, "(tout le catalogue)", "absent")]
            continue
        with open(path, "rb") as fp:
            messages = _messages(read_po(fp, locale=language.locale))
        for msgid in template:
            message = messages.get(msgid)
            if message is None:
                found.append((path, 1, msgid, "absent"))
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                found.append((path, message.lineno, msgid, "à revoir (fuzzy)"))
            elif not all(strings):
                found.append((path, message.lineno, msgid, "vide"))
        gaps[code] = found
    return gaps


def missing_pages(content, languages, sections=("pages", "actualites", "editions")):
    """{lang: [source file of each page that has no version in lang]}."""
    missing = {code: [] for code in languages}
    for section in sections:
        folder = os.path.join(content, section)
        groups: dict[str, dict[str, str]] = {}
        for root, _, files in os.walk(folder):
            for name in sorted(files):
                parts = name.split(".")
                if len(parts) == 3 and parts[2] == "md":
                    groups.setdefault(os.path.join(root, parts[0]), {})[parts[1]] = \
                        os.path.join(root, name)
        for versions in groups.values():
            for code in languages:
                if code not in versions:
                    missing[code].append(next(iter(versions.values())))
    return missing


def missing_texts(settings, languages) -> dict:
    """{lang: [(data file, line, key)]}: the texts of the data files (the schema's text
    fields) written in the default language and not in ``lang``: a partial language
    shows them in the default one meanwhile."""
    content = settings["PATH"]
    files = [(os.path.join(content, settings["RUN_PARTNERS_FILE"]), schema.PartnersFile),
             (os.path.join(content, settings["RUN_MILESTONES_FILE"]), schema.MilestonesFile),
             (os.path.join(content, settings["RUN_PUBLISHER_FILE"]), schema.Publisher),
             (os.path.join(content, settings["RUN_SPEAKERS_FILE"]), schema.SpeakersFile)]
    files += [(path, schema.Edition) for path in sorted(glob.glob(
        os.path.join(content, settings["RUN_EDITIONS_PATH"], "*.toml")))]
    default = languages.default.code
    missing = {code: [] for code in languages}
    for path, model in files:
        try:
            with open(path, encoding="utf-8") as fp:
                text = fp.read()
            data = tomllib.loads(text)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue  # the build tells what is wrong with it
        lines = key_lines(text)
        for key_path, value in schema.texts(model, data):
            for code in languages:
                if code not in value and default in value:
                    missing[code].append((path, lines.get(key_path, 1),
                                          ".".join(map(str, key_path))))
    return missing


def pot_is_current(translations) -> bool:
    """A fresh extraction has no msgid missing from the committed messages.pot."""
    with tempfile.TemporaryDirectory() as folder:
        fresh = os.path.join(folder, "messages.pot")
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract",
                        "-F", "babel.cfg", "-k", "translate:2", "-k", "N_", "-o", fresh,
                        "theme/templates", "runsite"],
                       check=True)
        with open(fresh, "rb") as fp:
            extracted = set(_messages(read_po(fp)))
    with open(os.path.join(translations, "messages.pot"), "rb") as fp:
        committed = set(_messages(read_po(fp)))
    return extracted <= committed


def check(settings_file, path, extra=None) -> int:
    problems = 0
    with tempfile.TemporaryDirectory() as folder:
        result = build(settings_file, path, os.path.join(folder, "output"), extra)
    for line in (line for message in result.messages for line in message.splitlines()):
        if "n'a pas été modifié" in line:
            continue  # the build's own summary: a check never touches output/
        print(line)
        if " — " in line and not line.startswith("avis :"):  # file:line: what — fix
            problems += 1
    settings = load_settings(settings_file, path)
    translations = settings["RUN_TRANSLATIONS_PATH"]
    if not pot_is_current(translations):
        problems += 1
        pot = relative(os.path.join(translations, "messages.pot"), os.getcwd())
        print(f"{pot}:1: des textes des gabarits manquent au catalogue — lancez "
              "« make i18n-update », puis traduisez-les")
    if problems or not result.ok:
        problems = max(problems, 1)
        print(f"Vérification : {counted(problems, 'problème')}.")
        return 1
    print("Vérification : aucun problème.")
    return 0


def translation_status(settings_file, path) -> int:
    settings = load_settings(settings_file, path)
    languages = Languages.from_settings(settings)
    pages = missing_pages(settings["PATH"], languages)
    texts = missing_texts(settings, languages)
    catalogs = catalog_gaps(settings["RUN_TRANSLATIONS_PATH"], languages)
    gaps = 0
    for code, language in languages.items():
        name = language.name_fr  # from Babel: "arabe", "anglais", "tamazight"…
        print(f"Traductions — {name} ({code})")
        if not pages[code] and not catalogs[code] and not texts[code]:
            print("  tout est traduit.")
        if pages[code]:
            print(f"  {counted(len(pages[code]), 'page')} sans version en {name} :")
            for source in pages[code]:
                print(f"    {relative(source, os.getcwd())}")
        if catalogs[code]:
            untranslated = counted(len(catalogs[code]), "texte du thème non traduit",
                                   "textes du thème non traduits")
            print(f"  {untranslated} :")
            for po, line, msgid, state in catalogs[code]:
                print(f"    {relative(po, os.getcwd())}:{line}: « {msgid} » — {state}")
        if texts[code]:
            print(f"  {counted(len(texts[code]), 'texte')} des fichiers de données sans "
                  f"version en {name} :")
            for source, line, key in texts[code]:
                print(f"    {relative(source, os.getcwd())}:{line}: {key}")
        gaps += len(pages[code]) + len(catalogs[code]) + len(texts[code])
    print(f"État des traductions : {counted(gaps, 'manque')}."
          if gaps else "État des traductions : complet.")
    return 1 if gaps else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("--translations", action="store_true")
    parser.add_argument("-e", "--extra-settings", nargs="*", default=[], action="extend",
                        type=_extra_setting, metavar="KEY=VALUE")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logging.getLogger("pelican").propagate = False
    try:
        if args.translations:
            return translation_status(args.settings, args.path)
        return check(args.settings, args.path, dict(args.extra_settings))
    except SettingsError as error:  # settings that cannot be read: said once, in French
        print(error.problem)
        print("Vérification : 1 problème.")
        return 1


if __name__ == "__main__":
    sys.exit(main())
