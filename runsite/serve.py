"""Live preview: build, serve on 127.0.0.1, rebuild on every change, reload the browser.

``python -m runsite.serve [content] -o output -s pelicanconf.py [--bind] [--port] [--no-server]``

Changes are seen through ``watchfiles`` (inotify, about 50 ms) in the server's
event loop, the site is rebuilt in a worker thread of this process (settings
re-read each time, so config edits apply) and open pages are told to reload over
livereload's websocket once the new output is swapped in. A failed build prints
its problems and keeps serving the last good
site. The livereload script is injected by the server only; it is never written
to output/.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import logging
import os
import sys

import watchfiles

from .build import STAGING_PREFIX, build, load_settings
from .session import Session

IGNORED_NAMES = {".git", "__pycache__", ".pytest_cache", ".ruff_cache", "cache"}


class _SourceFilter(watchfiles.DefaultFilter):
    """Sources only: not the output, staging folders, caches or editor backups."""

    def __init__(self, output):
        super().__init__(ignore_dirs=tuple(IGNORED_NAMES))
        self.output = os.path.abspath(output)

    def __call__(self, change, path):
        if path.startswith(self.output) or STAGING_PREFIX in path:
            return False
        name = os.path.basename(path)
        if name.endswith(("~", ".swp", ".swx", ".tmp")) or name.startswith(".#"):
            return False
        return super().__call__(change, path)


def watched_paths(settings_file, settings):
    paths = [settings["PATH"], settings["THEME"], settings["RUN_TRANSLATIONS_PATH"],
             os.path.abspath(settings_file)]
    here = os.path.dirname(os.path.abspath(settings_file))
    paths.append(os.path.join(here, "pelicanconf.py"))  # publishconf imports it
    return sorted({p for p in paths if os.path.exists(p)})


def _report(result):
    for message in result.messages:
        print(message, file=sys.stderr, flush=True)
    if result.ok:
        print(f"Site construit en {result.seconds:.2f} s.", flush=True)


def _changed_names(changes):
    return ", ".join(sorted({os.path.relpath(p) for _, p in changes}))


def watch_and_build(settings_file, path, output, extra, session):
    """Without a server: rebuild on every change until interrupted."""
    settings = load_settings(settings_file, path, output, extra)
    for changes in watchfiles.watch(*watched_paths(settings_file, settings),
                                    watch_filter=_SourceFilter(settings["OUTPUT_PATH"]),
                                    step=50, raise_interrupt=False):
        print(f"Modifié : {_changed_names(changes)}", flush=True)
        _report(build(settings_file, path, output, extra, session=session))


async def _watch_build_reload(settings_file, path, output, extra, session):
    """In the server's event loop: on each change, build in a worker thread (the
    server keeps answering), then tell the open pages to reload."""
    from livereload.handlers import LiveReloadHandler

    settings = load_settings(settings_file, path, output, extra)
    loop = asyncio.get_running_loop()
    async for changes in watchfiles.awatch(*watched_paths(settings_file, settings),
                                           watch_filter=_SourceFilter(settings["OUTPUT_PATH"]),
                                           step=50):
        print(f"Modifié : {_changed_names(changes)}", flush=True)
        result = await loop.run_in_executor(
            None, functools.partial(build, settings_file, path, output, extra, session=session))
        _report(result)
        if result.ok:
            LiveReloadHandler.reload_waiters("*")


def serve(settings_file, path, output, extra, bind, port, session):
    from livereload import Server
    from tornado.ioloop import IOLoop

    output = os.path.abspath(output or load_settings(settings_file, path)["OUTPUT_PATH"])
    os.makedirs(output, exist_ok=True)
    server = Server()
    # livereload polls the working directory when it has no task; give it one
    # that never changes: reloads are sent by _watch_build_reload.
    server.watch(os.path.join(output, ".livereload-unused"))
    IOLoop.current().spawn_callback(_watch_build_reload, settings_file, path, output, extra,
                                    session)
    print(f"Aperçu : http://{bind}:{port}/ (arabe : http://{bind}:{port}/ar/)"
          " — Ctrl+C pour arrêter", flush=True)
    server.serve(host=bind, port=port, root=output, restart_delay=0)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?")
    parser.add_argument("-o", "--output")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-server", action="store_true", help="rebuild on changes only")
    parser.add_argument("-e", "--extra-settings", nargs="*", default=[])
    parser.add_argument("-D", "--debug", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logging.getLogger("pelican").propagate = False
    logging.getLogger("livereload").propagate = False  # it prints its own lines
    from .build import _extra_setting

    extra = dict(_extra_setting(e) for e in args.extra_settings)
    if not args.no_server:  # calendars, feeds and JSON-LD name the preview's address
        host = "127.0.0.1" if args.bind in ("0.0.0.0", "::", "") else args.bind
        extra.setdefault("RUN_PREVIEW_URL", f"http://{host}:{args.port}")
    session = Session()  # kept from one rebuild to the next: only changes cost time
    _report(build(args.settings, args.path, args.output, extra, debug=args.debug,
                  session=session))
    if args.no_server:
        try:
            watch_and_build(args.settings, args.path, args.output, extra, session)
        except KeyboardInterrupt:
            pass
        return 0
    try:
        serve(args.settings, args.path, args.output, extra, args.bind, args.port, session)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
