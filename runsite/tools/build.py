"""Build the site safely: into a staging folder, swapped in only on success.

``python -m runsite.tools.build [content] -o output -s pelicanconf.py [--fatal warnings]``

A failed build prints every problem (``file:line: what — fix``), exits non-zero
and leaves the previous ``output/`` byte-identical. Never a traceback for an
organiser's mistake; ``-D`` shows one for developers.
"""

from __future__ import annotations

import argparse
import ast
import logging
import os
import re
import sys
import time
import traceback
from dataclasses import dataclass, field

from pelican import Pelican
from pelican.log import console as pelican_console
from pelican.settings import read_settings

from runsite.core import clock, messages
from runsite.core.cache import KEY as CACHE_KEY
from runsite.core.cache import ProcessCache
from runsite.core.problems import ContentError, Problem, SettingsError, relative
from runsite.core.state import KEY
from runsite.publish.output import discard, staging, swap_in
from runsite.tools import incremental


@dataclass
class BuildResult:
    ok: bool
    seconds: float
    messages: list[str] = field(default_factory=list)
    # The live preview's rebuild after an edit: the pages written again (None: the
    # whole site was built).
    rewritten: list[str] | None = None


# Pelican's warnings about what the site reports itself, in French, at its line.
TOLD_BY_THE_SITE = (
    "There are %s original (not translated) items",  # runsite.render.alternates: two files
    "Unable to find '%s', skipping url replacement.",  # runsite.validate.links: a link to nowhere
)


class _Collect(logging.Handler):
    """Keeps Pelican's warnings and errors, to print them and to fail on them."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        if not str(record.msg).startswith(TOLD_BY_THE_SITE):
            self.records.append(record)


def _describe(record) -> str:
    message = record.getMessage()
    if record.exc_info and record.exc_info[1] is not None:
        # Pelican logs "Could not process <file>"; the reason is in the exception.
        message = f"{message} : {record.exc_info[1]}"
    return f"{record.levelname.lower()}: {message}"


def load_settings(settings_file, path=None, output=None, extra=None):
    """Pelican's settings; a mistake in the settings file is a SettingsError at its line."""
    override = dict(extra or {})
    if path:
        override["PATH"] = os.path.abspath(path)
    if output:
        override["OUTPUT_PATH"] = os.path.abspath(output)
    try:
        return read_settings(settings_file, override=override)
    except (Exception, SystemExit) as error:  # the settings file is Python: anything goes
        raise SettingsError(_settings_problem(settings_file, error)) from error


# Pelican's own refusals of a setting: (its message's start, the setting, what it means).
PELICAN_REFUSALS = (
    ("Could not find the theme", "THEME", "dossier du thème introuvable"),
    ("You need to specify a path containing the content", "PATH",
     "dossier du contenu introuvable"),
)


def _setting_line(settings_file, name):
    """The line where ``name`` is set in the settings file, or None."""
    found = None
    try:
        with open(settings_file, encoding="utf-8") as fp:
            for number, line in enumerate(fp, 1):
                if re.match(rf"\s*{name}\s*=", line):
                    found = number  # the last assignment is the one that counts
    except OSError:
        pass
    return found


def _settings_problem(settings_file, error) -> Problem:
    """Where in the settings file (or a file it imports) the error is, and what it is."""
    for start, setting, reason in PELICAN_REFUSALS:
        if str(error).startswith(start):
            return Problem.of(settings_file, _setting_line(settings_file, setting),
                              "settings_error", reason=f"{setting} : {reason}")
    if isinstance(error, SyntaxError):
        return Problem.of(error.filename or settings_file, error.lineno, "settings_error",
                          reason="erreur de syntaxe Python")
    frames = [f for f in traceback.extract_tb(error.__traceback__)
              if f.filename.endswith(".py") and os.path.dirname(os.path.abspath(f.filename))
              == os.path.dirname(os.path.abspath(settings_file))]
    where = frames[-1] if frames else None
    if isinstance(error, SystemExit):
        reason = "le fichier arrête le programme (exit)"
    elif isinstance(error, NameError):
        reason = f"nom inconnu « {error.name} »"
    elif isinstance(error, ImportError):
        reason = f"import impossible de « {error.name} »"
    else:
        reason = f"erreur {type(error).__name__}"
    return Problem.of(where.filename if where else settings_file,
                      where.lineno if where else None, "settings_error", reason=reason)


def build(settings_file, path=None, output=None, extra=None, fatal_warnings=False,
          debug=False, cache=None) -> BuildResult:
    """One full build; returns what happened instead of raising. Builds given the
    same ``cache`` reuse each other's compiled templates and converted files."""
    start = time.perf_counter()
    messages: list[str] = []
    site = cache.site if cache is not None else None
    if site is not None:
        cache.site = None  # until this build succeeds
        collect = _Collect()  # Pelican's warnings while the edited files are read
        logging.getLogger("pelican").addHandler(collect)
        try:
            done = incremental.update(site, settings_file, path, output, extra)
        except Exception:
            if debug:
                raise
            done = None  # the full build below says what is wrong, if anything is
        finally:
            logging.getLogger("pelican").removeHandler(collect)
        if collect.records:
            done = None  # said, in French, by the full build (and fatal with --fatal)
        if done is not None:
            cache.site = site
            return BuildResult(True, time.perf_counter() - start,
                               [f"avis : {notice}" for notice in site.state.notices],
                               done.pages)
    if cache is not None:  # the preview's last build: its items are replaced
        incremental.forget_all()
    try:
        settings = load_settings(settings_file, path, output, extra)
        clock.source_date_epoch()  # checked before anything is built
        with staging(settings["OUTPUT_PATH"], report=messages.append) as (target, folder):
            ok = False
            try:
                ok = _build_into(folder, settings, fatal_warnings, debug, cache, messages)
                if ok:
                    swap_in(target, folder, settings.get("OUTPUT_RETENTION", []))
                    if cache is not None and settings.get("RUN_TRACK"):
                        cache.site = incremental.remember(
                            incremental.inputs_of(settings_file, path, output, extra),
                            settings, settings_file)
            finally:
                if not ok:
                    discard(folder)
                    messages.append(f"{relative(target.path, os.getcwd())} n'a pas été modifié.")
    except SettingsError as error:
        if debug:
            raise
        messages.append(str(error.problem))
        ok = False
    return BuildResult(ok, time.perf_counter() - start, messages)


def _build_into(folder, settings, fatal_warnings, debug, cache, messages) -> bool:
    settings["OUTPUT_PATH"] = folder
    settings["DELETE_OUTPUT_DIRECTORY"] = False  # staging is new and empty
    settings["DEBUG"] = debug  # -D: tracebacks (the reader names its own failures)
    settings[CACHE_KEY] = cache if cache is not None else ProcessCache()
    collect = _Collect()
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.addHandler(collect)
    # Pelican's "Done: Processed 2 articles…" (its console, pelican.log.console): the
    # build says what it did itself, in French.
    quiet, pelican_console.quiet = pelican_console.quiet, True
    ok = False
    try:
        Pelican(settings).run()
        threshold = logging.WARNING if fatal_warnings else logging.ERROR
        ok = not any(r.levelno >= threshold for r in collect.records)
        messages.extend(_describe(r) for r in collect.records)
        messages.extend(f"avis : {notice}" for notice in settings[KEY].notices)
    except ContentError as error:
        messages.extend(_describe(r) for r in collect.records)
        messages.append(error.report())
    except SettingsError:
        raise
    except Exception as error:  # an unexpected failure: say so plainly
        if debug:
            raise
        messages.extend(_describe(r) for r in collect.records)
        messages.append(
            f"erreur inattendue pendant la construction : {type(error).__name__}: {error}"
            " — relancez avec DEBUG=1 pour le détail, ou signalez-la aux développeurs"
        )
    finally:
        pelican_logger.removeHandler(collect)
        pelican_console.quiet = quiet
    return ok


def _extra_setting(text):
    key, _, value = text.partition("=")
    try:
        return key, ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return key, value


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", help="content folder (default: the settings' PATH)")
    parser.add_argument("-o", "--output", help="output folder")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("-e", "--extra-settings", nargs="*", default=[], action="extend",
                        type=_extra_setting, metavar="KEY=VALUE",
                        help="override settings (Python literals)")
    parser.add_argument("--fatal", choices=["warnings", "errors"], default="errors")
    parser.add_argument("-D", "--debug", action="store_true", help="show tracebacks")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logging.getLogger("pelican").propagate = False  # printed by us, once
    try:
        result = build(args.settings, args.path, args.output, dict(args.extra_settings),
                       fatal_warnings=args.fatal == "warnings", debug=args.debug)
    except KeyboardInterrupt:  # Ctrl+C: the output is swapped whole or not at all
        print("Construction interrompue : le site n'a pas été modifié.", file=sys.stderr)
        return 130
    for message in result.messages:
        print(message, file=sys.stderr)
    if result.ok:
        print(f"Site construit en {messages.seconds(result.seconds)}.")
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
