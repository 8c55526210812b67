"""The organisers' command line, the same on Windows, macOS and Linux, without make.

``python -m runsite <verb> [NAME=value …]``, in the project folder, after
``python -m pip install -r requirements.txt`` in a virtual environment (the guide
says how on each system). The verbs are the make targets of the same name, with
the same ``NAME=value`` settings (``make serve PORT=8001`` is
``python -m runsite serve PORT=8001``): make calls this module, so both ways say
the same French messages. Pure Python: no shell, no POSIX-only call.

The whole build (share images drawn with FriBiDi, PDF programmes with Pango) stays
for Linux and CI: ``html`` and ``publish`` say so elsewhere. ``serve`` and ``check``
work everywhere; where Pillow cannot lay Arabic out (FriBiDi missing), they build
without the share images and say so once.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

from PIL import features

from runsite.tools import build, check, programme, scaffold, serve

SITE = {"CONTENT": "content", "OUTPUT": "output", "SETTINGS": "pelicanconf.py"}


@dataclass(frozen=True)
class Verb:
    what: str  # for the help, in French
    settings: dict = field(default_factory=dict)  # NAME: (default, what it is)
    example: str = ""
    linux_only: bool = False
    required: tuple = ()


VERBS = {
    "serve": Verb("construire le site et le montrer dans le navigateur ; chaque "
                  "enregistrement le reconstruit et recharge la page",
                  {"PORT": ("8000", "le port de l'aperçu"),
                   "BIND": ("127.0.0.1", "0.0.0.0 pour le montrer sur le réseau local"),
                   "PDF": ("0", "1 : faire aussi les programmes PDF")},
                  "serve PORT=8001"),
    "demo": Verb("la même chose pour la série de démonstration (éditions inventées)",
                 {"PORT": ("8000", "le port de l'aperçu"),
                  "BIND": ("127.0.0.1", "0.0.0.0 pour le montrer sur le réseau local"),
                  "DEMO_DATE": ("", "le jour montré, AAAA-MM-JJ")},
                 "demo DEMO_DATE=2031-11-25"),
    "check": Verb("vérifier tout le contenu et les catalogues, sans rien publier"),
    "i18n-status": Verb("ce qui n'est pas encore traduit, langue par langue"),
    "new-edition": Verb("créer les fichiers d'une nouvelle édition",
                        {"NUMBER": ("", "le numéro de l'édition"),
                         "DATE": ("", "son premier jour, AAAA-MM-JJ"),
                         "END": ("", "son dernier jour, si elle dure plusieurs jours"),
                         "CITY": ("", "la ville, en français"),
                         "CITY_AR": ("", "la ville, en arabe"),
                         "HOST": ("", "l'identifiant de l'université hôte"),
                         "HOST_NAME": ("", "son nom en français, si elle est nouvelle"),
                         "HOST_NAME_AR": ("", "son nom en arabe, si elle est nouvelle")},
                        'new-edition NUMBER=4 DATE=2031-04-14 CITY="Exempleville" '
                        'CITY_AR="مدينة المثال" HOST=universite-exemple'),
    "import-programme": Verb("remplacer le programme d'une édition par celui d'un "
                             "tableur (CSV ou .xlsx)",
                             {"FILE": ("", "le fichier du tableur"),
                              "EDITION": ("", "l'édition, par exemple run-4")},
                             "import-programme FILE=programme.csv EDITION=run-4",
                             required=("FILE", "EDITION")),
    "html": Verb("construire le site complet dans output/ (Linux)", linux_only=True),
    "publish": Verb("construire le site à publier (Linux et intégration continue)",
                    {"SITEURL": ("", "l'adresse publique du site, en https")},
                    linux_only=True),
}
# make passes these to every verb (its DEBUG=1, RELATIVE=1 and folders).
COMMON = {"DEBUG": ("0", "1 : le détail technique d'une erreur inattendue"),
          "RELATIVE": ("0", "1 : des liens relatifs"),
          "CONTENT": (SITE["CONTENT"], "le dossier du contenu"),
          "OUTPUT": (SITE["OUTPUT"], "le dossier du site construit"),
          "SETTINGS": (SITE["SETTINGS"], "le fichier des réglages")}


class UsageError(Exception):
    pass


def usage() -> str:
    lines = ["RUN — Rencontre Universitaire du Numérique", "",
             "Utilisation : python -m runsite <action> [NOM=valeur …]", "", "Actions :"]
    for name, verb in VERBS.items():
        lines.append(f"  {name:<17} {verb.what}")
        for key, (default, what) in verb.settings.items():
            shown = f" (par défaut {default})" if default else ""
            lines.append(f"  {'':<19}{key}= {what}{shown}")
        if verb.example:
            lines.append(f"  {'':<19}exemple : python -m runsite {verb.example}")
    lines += ["", "Le guide : docs/guide-organisateurs.md"]
    return "\n".join(lines)


def parse(argv) -> tuple[str, dict]:
    """The verb and its settings (given ones over the defaults)."""
    if not argv or argv[0] in ("help", "aide", "-h", "--help"):
        return "help", {}
    name, *given = argv
    verb = VERBS.get(name)
    if verb is None:
        raise UsageError(f"action « {name} » inconnue — actions possibles : "
                         f"{', '.join(VERBS)} (python -m runsite aide)")
    known = {**COMMON, **verb.settings}
    values = {key: default for key, (default, _) in known.items()}
    for item in given:
        key, equals, value = item.partition("=")
        key = key.strip().upper().replace("-", "_")
        if not equals or key not in known:
            expected = ", ".join(f"{k}=…" for k in verb.settings) or "aucun réglage"
            raise UsageError(f"« {item} » : réglage inconnu pour « {name} » — réglages "
                             f"possibles : {expected}")
        values[key] = value
    if "PORT" in values and not (values["PORT"].isdigit() and 1 <= int(values["PORT"]) <= 65535):
        raise UsageError(f"PORT={values['PORT']} : un numéro de port de 1 à 65535 est attendu, "
                         "par exemple PORT=8001")
    if "BIND" in values and not values["BIND"].strip():
        values["BIND"] = "127.0.0.1"  # empty would mean every network: never by accident
    missing = [key for key in verb.required if not values[key]]
    if missing:
        raise UsageError(f"« {name} » a besoin de {' et '.join(f'{k}=…' for k in missing)} — "
                         f"par exemple : python -m runsite {verb.example}")
    return name, values


def _flag(values, key) -> bool:
    return values.get(key, "0").strip().lower() in ("1", "true", "oui", "yes")


def _share_images(extra: list[str]) -> list[str]:
    """Without raqm (FriBiDi missing: Windows, macOS without Homebrew's fribidi), the
    preview and the check build without the share images rather than stop."""
    if features.check("raqm"):
        return extra
    print("Images de partage non dessinées sur cet ordinateur (il manque la bibliothèque "
          "FriBiDi) : le reste du site est complet, et la publication les dessine.",
          flush=True)
    return [*extra, "RUN_SHARE_IMAGES=False"]


def _extra(values) -> list[str]:
    extra = []
    if _flag(values, "RELATIVE"):
        extra.append("RELATIVE_URLS=True")
    if _flag(values, "PDF"):
        extra.append("RUN_PDF=True")
    if values.get("DEMO_DATE"):
        extra.append(f'RUN_BUILD_DATE="{values["DEMO_DATE"]}"')
    return extra


def _options(extra) -> list[str]:
    return [option for setting in extra for option in ("-e", setting)]


def run(name, values) -> int:
    if name == "help":
        print(usage())
        return 0
    if VERBS[name].linux_only and not sys.platform.startswith("linux"):
        print(f"« {name} » ne se lance que sous Linux et dans l'intégration continue : la "
              "construction complète dessine les images de partage et les programmes PDF "
              "avec des bibliothèques de Linux. Sur cet ordinateur, « python -m runsite "
              "serve » montre le site et « python -m runsite check » le vérifie ; la "
              "publication se fait par l'intégration continue (docs/guide-organisateurs.md).",
              file=sys.stderr)
        return 2
    content, output, settings = values["CONTENT"], values["OUTPUT"], values["SETTINGS"]
    debug = ["-D"] if _flag(values, "DEBUG") else []
    if name in ("serve", "demo"):
        if name == "demo":
            content, output = "demo/content", "output-demo"
            settings = os.path.join("demo", "democonf.py")
        return serve.main([content, "-o", output, "-s", settings, "--bind", values["BIND"],
                           "--port", values["PORT"], *debug,
                           *_options(_share_images(_extra(values)))])
    if name == "check":
        return check.main([content, "-s", settings, *_options(_share_images([]))])
    if name == "i18n-status":
        return check.main([content, "-s", settings, "--translations"])
    if name == "new-edition":
        return scaffold.main(["--content", content, *(
            option for key in VERBS[name].settings if values[key]
            for option in (f"--{key.lower().replace('_', '-')}", values[key]))])
    if name == "import-programme":
        return programme.main(["--content", content, "-s", settings,
                               "--file", values["FILE"], "--edition", values["EDITION"]])
    if name == "publish":
        if values["SITEURL"]:
            os.environ["SITEURL"] = values["SITEURL"]
        return build.main([content, "-o", output, "-s", "publishconf.py", "--fatal",
                           "warnings", *debug])
    return build.main([content, "-o", output, "-s", settings, *debug,
                       *_options(_extra(values))])


def _utf8_console():
    """French and Arabic on any console: Windows writes to a pipe (CI, an editor's
    terminal) in its ANSI code page otherwise, which has no « é » or Arabic."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def main(argv=None) -> int:
    _utf8_console()
    try:
        name, values = parse(sys.argv[1:] if argv is None else argv)
    except UsageError as error:
        print(f"python -m runsite : {error}", file=sys.stderr)
        return 2
    try:
        return run(name, values)
    except KeyboardInterrupt:
        return 130
