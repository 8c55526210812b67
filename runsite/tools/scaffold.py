"""Scaffold a new edition: ``make new-edition NUMBER=4 DATE=2026-12-10 CITY=… CITY_AR=… HOST=…``.

Writes content/editions/run-N.toml (every field of the schema, runsite.validate.schema:
those given written, the others commented out with a sample and what they are),
run-N.fr.md and run-N.ar.md with a title and a summary made from the facts given,
and, when the host university is new, its block in content/partenaires.toml.
Nothing is overwritten. Messages are in French, for organisers.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tomllib
from types import SimpleNamespace

from babel.dates import format_date

from runsite.core import urls
from runsite.core.languages import Languages
from runsite.core.problems import relative
from runsite.read import sources
from runsite.render.dates import first_of_month
from runsite.tools.build import load_settings
from runsite.validate import schema

ARABIC_ORDINALS = [
    "الأولى", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة",
    "التاسعة", "العاشرة", "الحادية عشرة", "الثانية عشرة", "الثالثة عشرة", "الرابعة عشرة",
    "الخامسة عشرة", "السادسة عشرة", "السابعة عشرة", "الثامنة عشرة", "التاسعة عشرة",
    "العشرون",
]


def french_ordinal(number: int) -> str:
    return "1re" if number == 1 else f"{number}e"


def arabic_ordinal(number: int) -> str:
    if number <= len(ARABIC_ORDINALS):
        return ARABIC_ORDINALS[number - 1]
    return f"رقم {number}"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _field_lines(model, given, languages, commented):
    """The lines of a block of ``model``: given values written, the other fields
    commented out with a sample, each with what it is."""
    lines = []
    for name, info in model.model_fields.items():
        kind = schema.kind_of(info)
        if isinstance(kind, (schema.Blocks, schema.Table)):
            header = f"[[{name}]]" if isinstance(kind, schema.Blocks) else f"[{name}]"
            lines += ["", f"# {kind.help}", f"# {header}"]
            lines += _field_lines(kind.model, {}, languages, commented=True)
            continue
        value = given.get(name)
        hint = kind.help
        if getattr(kind, "choices", ()):
            hint = f"{hint + ' ; ' if hint else ''}valeurs : {', '.join(kind.choices)}"
        prefix = "# " if commented or value is None else ""
        written = [prefix + line for line in kind.toml(name, languages, value)]
        if isinstance(value, dict) and not commented:  # a text given in some languages
            written = [line if code in value else "# " + line
                       for code, line in zip(languages, written, strict=True)]
        if hint:
            written[0] = f"{written[0]:<33} # {hint}"
        lines += written
    return lines


def edition_toml(number, start, end, city, city_ar, host, languages) -> str:
    """The new edition's file, from its schema: every field, those given written, the
    others commented out with a sample (runsite.validate.schema.Edition)."""
    given = {"number": number, "start": start, "end": end,
             "city": {"fr": city, "ar": city_ar}, "host": host}
    head = [
        f"# {french_ordinal(number)} RUN — les faits, écrits une seule fois pour toutes les "
        "langues.",
        f"# Les textes (titre, résumé, présentation) sont dans run-{number}.<langue>.md.",
        "# Un champ inconnu : laissez-le en commentaire (#) ; le site n'affiche que ce qui "
        "est écrit.",
        "# Tous les champs : content/exemples/edition.toml ; le guide : "
        "docs/guide-organisateurs.md.",
        "",
    ]
    return "\n".join(head + _field_lines(schema.Edition, given, languages, False)) + "\n"


def _when(start, end, locale):
    """When the edition takes place, as a sentence says it: "les 6 et 7 décembre 2027",
    "du 30 novembre au 2 décembre 2027"; "يومي 6 و7 دجنبر 2027"."""
    def day(date, pattern):
        return first_of_month(format_date(date, pattern, locale=locale), date, locale)

    french = locale == "fr"
    if not end or end == start:
        return f"le {day(start, 'd MMMM y')}" if french else f"يوم {day(start, 'd MMMM y')}"
    same_month = (start.year, start.month) == (end.year, end.month)
    if same_month and (end - start).days == 1:
        return (f"les {day(start, 'd')} et {day(end, 'd MMMM y')}" if french
                else f"يومي {day(start, 'd')} و{day(end, 'd MMMM y')}")
    first = day(start, "d" if same_month else "d MMMM" if start.year == end.year
                else "d MMMM y")
    return (f"du {first} au {day(end, 'd MMMM y')}" if french
            else f"من {first} إلى {day(end, 'd MMMM y')}")


def texts(number, start, end, city, city_ar, host_names):
    fr_date = _when(start, end, "fr")
    ar_when = _when(start, end, "ar_MA")
    fr_summary = (f"La {french_ordinal(number)} édition de la RUN se tient {fr_date} à {city}. "
                  f"Université hôte : {host_names['fr']}.")
    # « بوجدة، وتحتضنها جامعة محمد الأول »: the city as the organisers write it
    # (« مدينة المثال » gives « بمدينة المثال »), the host as the subject of its verb.
    ar_summary = (f"تنعقد الدورة {arabic_ordinal(number)} من اللقاء الجامعي للرقمنة {ar_when} "
                  f"ب{city_ar}، وتحتضنها {host_names['ar']}.")
    french = f"""\
Title: {french_ordinal(number)} Rencontre Universitaire du Numérique
Summary: {fr_summary}

Présentez ici l'édition : ses objectifs, son public, son programme.
"""
    arabic = f"""\
Title: الدورة {arabic_ordinal(number)} من اللقاء الجامعي للرقمنة
Summary: {ar_summary}

قدّموا هنا هذه الدورة: أهدافها والفئات المستهدفة وبرنامجها.
"""
    return french, arabic


def partner_block(host, name, name_ar) -> str:
    return f"""
[[partner]]
id = {_quote(host)}
kind = "university"
name.fr = {_quote(name)}
name.ar = {_quote(name_ar)}
"""


class ScaffoldError(Exception):
    pass


def _date(name, value, example, required=False):
    if not value and not required:
        return None
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        given = f"« {value} » n'est pas une date" if value else "manquant"
        raise ScaffoldError(f"{name} : {given} — écrivez une date réelle AAAA-MM-JJ, par "
                            f"exemple {name}={example}") from None


def scaffold(content, number, date, city, city_ar, host, host_name=None, host_name_ar=None,
             end=None, languages=None) -> list[str]:
    """Write the new edition's files; return their paths. ``languages``: the site's
    language table (the settings' by default)."""
    if languages is None:
        languages = Languages.from_settings(load_settings("pelicanconf.py"))
    try:
        number = int(number)
        assert number >= 1
    except (TypeError, ValueError, AssertionError):
        given = f"« {number} » n'est pas un numéro" if number else "manquant"
        raise ScaffoldError(f"NUMBER : {given} — écrivez un nombre entier (1, 2, 3…), par "
                            "exemple NUMBER=4") from None
    start = _date("DATE", date, "2031-04-14", required=True)
    last = _date("END", end, "2031-04-15")
    if last and last < start:
        raise ScaffoldError(f"END ({last.isoformat()}) précède DATE ({start.isoformat()}) — END "
                            "est le dernier jour de l'édition, DATE le premier")
    for name, value in (("CITY", city), ("CITY_AR", city_ar), ("HOST_NAME", host_name),
                        ("HOST_NAME_AR", host_name_ar)):
        if value and (sources.CONTROL_IN_LINE.search(value) or "<" in value or ">" in value):
            raise ScaffoldError(f"{name} : un retour à la ligne, un caractère invisible ou un "
                                "chevron < > dans la valeur — écrivez le nom seul, sur une "
                                "ligne")
    if not city or not city_ar:
        raise ScaffoldError('CITY et CITY_AR : la ville en français et en arabe, obligatoires '
                            '— par exemple CITY="Oujda" CITY_AR="وجدة"')
    if not host or not schema.ID.match(host):
        raise ScaffoldError("HOST : l'identifiant de l'université hôte, obligatoire — "
                            "minuscules, chiffres et tirets, par exemple HOST=univ-oujda")
    partners_file = os.path.join(content, "partenaires.toml")
    with open(partners_file, "rb") as fp:
        raw = fp.read()
    partners = {p["id"]: p for p in tomllib.loads(raw.decode()).get("partner", [])}
    written = []
    if host in partners:
        names = partners[host]["name"]
    elif host_name and host_name_ar:
        names = {"fr": host_name, "ar": host_name_ar}
    else:
        raise ScaffoldError(f"HOST={host} n'est pas dans content/partenaires.toml — donnez "
                            'aussi HOST_NAME="Université …" et HOST_NAME_AR="جامعة …" pour '
                            "l'y ajouter (ou corrigez l'identifiant)")
    folder = os.path.join(content, "editions")
    paths = {kind: os.path.join(folder, f"run-{number}.{kind}") for kind in ("toml", "fr.md",
                                                                            "ar.md")}
    existing = [p for p in paths.values() if os.path.exists(p)]
    if existing:
        raise ScaffoldError(f"{relative(existing[0], os.getcwd())} existe déjà — rien n'a été "
                            "écrit ; choisissez un autre NUMBER, ou modifiez les fichiers "
                            "existants")
    french, arabic = texts(number, start, last, city, city_ar, names)
    os.makedirs(folder, exist_ok=True)
    with open(paths["toml"], "w", encoding="utf-8", newline="\n") as fp:
        fp.write(edition_toml(number, start, last, city, city_ar, host, languages))
    with open(paths["fr.md"], "w", encoding="utf-8", newline="\n") as fp:
        fp.write(french)
    with open(paths["ar.md"], "w", encoding="utf-8", newline="\n") as fp:
        fp.write(arabic)
    written += [paths["toml"], paths["fr.md"], paths["ar.md"]]
    if host not in partners:
        # The file's own line ends (CRLF in a Windows checkout), never a mix.
        newline = "\r\n" if b"\r\n" in raw else "\n"
        with open(partners_file, "a", encoding="utf-8", newline=newline) as fp:
            fp.write(partner_block(host, host_name, host_name_ar))
        written.append(partners_file)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", default="content")
    for name in ("number", "date", "end", "city", "city-ar", "host", "host-name",
                 "host-name-ar"):
        parser.add_argument(f"--{name}", default=None)
    args = parser.parse_args(argv)
    settings = load_settings("pelicanconf.py")
    languages = Languages.from_settings(settings)
    try:
        written = scaffold(args.content, args.number, args.date, args.city, args.city_ar,
                           args.host, args.host_name, args.host_name_ar, args.end or None,
                           languages)
    except ScaffoldError as error:
        print(f"Nouvelle édition : {error}", file=sys.stderr)
        return 2
    print("Fichiers créés :")
    for path in written[:3]:
        print(f"  {relative(path, os.getcwd())}")
    if len(written) > 3:
        print(f"Université hôte ajoutée à {relative(written[3], os.getcwd())}.")
    python = relative(sys.executable, os.getcwd())
    print("Complétez-les (voir docs/guide-organisateurs.md). Dans l'aperçu (make serve, ou "
          f"{python} -m runsite serve), la nouvelle édition est à :")
    edition = SimpleNamespace(id=f"run-{int(args.number)}")
    for code, language in languages.items():  # the preview's address (RUN_PREVIEW_URL)
        print(f"  {urls.absolute(settings, languages, code, 'edition', edition)}  "
              f"({language.name_fr})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
