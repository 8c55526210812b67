"""Build the site safely: into a staging folder, swapped in only on success.

``python -m runsite.build [content] -o output -s pelicanconf.py [--fatal warnings]``

A failed build prints every problem (``file:line: what — fix``), exits non-zero
and leaves the previous ``output/`` byte-identical. Never a traceback for an
organiser's mistake; ``-D`` shows one for developers.
"""

from __future__ import annotations

import argparse
import ast
import logging
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field

from pelican import Pelican
from pelican.settings import read_settings

from . import assets
from .problems import ContentError, SettingsError
from .session import KEY as SESSION_KEY
from .session import Session
from .state import KEY

STAGING_PREFIX = ".output-building-"


@dataclass
class BuildResult:
    ok: bool
    seconds: float
    messages: list[str] = field(default_factory=list)


class _Collect(logging.Handler):
    """Keeps Pelican's warnings and errors, to print them and to fail on them."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


def _describe(record) -> str:
    message = record.getMessage()
    if record.exc_info and record.exc_info[1] is not None:
        # Pelican logs "Could not process <file>"; the reason is in the exception.
        message = f"{message} : {record.exc_info[1]}"
    return f"{record.levelname.lower()}: {message}"


def _remove_stale_staging(parent):
    """Staging folders left by a build that was killed (its process is gone)."""
    for name in os.listdir(parent):
        if not name.startswith(STAGING_PREFIX):
            continue
        pid = name[len(STAGING_PREFIX):].split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(os.path.join(parent, name), ignore_errors=True)


def _alive(pid) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _swap_in(staging, output, retention):
    """Replace ``output`` by ``staging``; keep OUTPUT_RETENTION entries (e.g. .git)."""
    if not os.path.isdir(output):
        os.rename(staging, output)
        return
    for name in retention:
        kept = os.path.join(output, name)
        if os.path.exists(kept) and not os.path.exists(os.path.join(staging, name)):
            os.rename(kept, os.path.join(staging, name))
    trash = staging + "-old"
    os.rename(output, trash)
    os.rename(staging, output)
    shutil.rmtree(trash, ignore_errors=True)


def load_settings(settings_file, path=None, output=None, extra=None):
    override = dict(extra or {})
    if path:
        override["PATH"] = os.path.abspath(path)
    if output:
        override["OUTPUT_PATH"] = os.path.abspath(output)
    return read_settings(settings_file, override=override)


def build(settings_file, path=None, output=None, extra=None, fatal_warnings=False,
          debug=False, session=None) -> BuildResult:
    """One full build; returns what happened instead of raising. Builds given the
    same ``session`` reuse each other's compiled templates and converted files."""
    start = time.perf_counter()
    settings = load_settings(settings_file, path, output, extra)
    final_output = settings["OUTPUT_PATH"]
    parent = os.path.dirname(final_output)
    os.makedirs(parent, exist_ok=True)
    _remove_stale_staging(parent)
    staging = tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=parent)
    os.chmod(staging, 0o755)  # mkdtemp makes 0700; static servers need to read it
    settings["OUTPUT_PATH"] = staging
    settings["DELETE_OUTPUT_DIRECTORY"] = False  # staging is new and empty
    settings["DEBUG"] = True  # Pelican then attaches the reason to "Could not process"
    settings[SESSION_KEY] = session if session is not None else Session()

    collect = _Collect()
    pelican_logger = logging.getLogger("pelican")
    pelican_logger.addHandler(collect)
    messages: list[str] = []
    ok = False
    try:
        Pelican(settings).run()
        threshold = logging.WARNING if fatal_warnings else logging.ERROR
        if not any(r.levelno >= threshold for r in collect.records):
            # Hashed names, _headers, .gz/.br: in staging, before the swap.
            assets.post_process(staging, settings)
            ok = True
        messages.extend(_describe(r) for r in collect.records)
        messages.extend(f"avis : {notice}" for notice in settings[KEY].notices)
    except ContentError as error:
        messages.extend(_describe(r) for r in collect.records)
        messages.append(error.report())
    except SettingsError as error:
        messages.append(str(error))
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
    if ok:
        _swap_in(staging, final_output, settings.get("OUTPUT_RETENTION", []))
    else:
        shutil.rmtree(staging, ignore_errors=True)
        messages.append(f"{os.path.relpath(final_output)} n'a pas été modifié.")
    return BuildResult(ok, time.perf_counter() - start, messages)


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
    parser.add_argument("-e", "--extra-settings", nargs="*", default=[], type=_extra_setting,
                        metavar="KEY=VALUE", help="override settings (Python literals)")
    parser.add_argument("--fatal", choices=["warnings", "errors"], default="errors")
    parser.add_argument("-D", "--debug", action="store_true", help="show tracebacks")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logging.getLogger("pelican").propagate = False  # printed by us, once
    result = build(args.settings, args.path, args.output, dict(args.extra_settings),
                   fatal_warnings=args.fatal == "warnings", debug=args.debug)
    for message in result.messages:
        print(message, file=sys.stderr)
    if result.ok:
        print(f"Site construit en {result.seconds:.2f} s.")
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
