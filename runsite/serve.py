"""Live preview: build, serve on 127.0.0.1, rebuild on every change, reload the browser.

``python -m runsite.serve [content] -o output -s pelicanconf.py [--bind] [--port] [--no-server]``

Changes are seen through ``watchfiles`` (inotify, about 50 ms), the site is
rebuilt in this process (settings re-read each time, so config edits apply) and
open pages are told to reload over livereload's websocket once the new output is
swapped in. A failed build prints its problems and keeps serving the last good
site. The livereload script is injected by the server only; it is never written
to output/.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading

import watchfiles

from .build import STAGING_PREFIX, build, load_settings

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


def watch_and_build(settings_file, path, output, extra, on_success, stop_event):
    settings = load_settings(settings_file, path, output, extra)
    paths = watched_paths(settings_file, settings)
    for changes in watchfiles.watch(*paths, watch_filter=_SourceFilter(settings["OUTPUT_PATH"]),
                                    step=50, debounce=1600, stop_event=stop_event,
                                    raise_interrupt=False):
        names = ", ".join(sorted({os.path.relpath(p) for _, p in changes}))
        print(f"Modifié : {names}", flush=True)
        result = build(settings_file, path, output, extra)
        _report(result)
        if result.ok:
            on_success()


def serve(settings_file, path, output, extra, bind, port):
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from tornado.ioloop import IOLoop

    output = os.path.abspath(output or load_settings(settings_file, path)["OUTPUT_PATH"])
    os.makedirs(output, exist_ok=True)
    loop = IOLoop.current()
    stop = threading.Event()

    def reload_browsers():
        loop.add_callback(LiveReloadHandler.reload_waiters, "*")

    watcher = threading.Thread(
        target=watch_and_build, daemon=True,
        args=(settings_file, path, output, extra, reload_browsers, stop),
    )
    watcher.start()
    server = Server()
    # livereload polls the working directory when it has no task; give it one
    # that never changes, since reloads are sent by the watcher above.
    server.watch(os.path.join(output, ".livereload-unused"))
    print(f"Aperçu : http://{bind}:{port}/ (arabe : http://{bind}:{port}/ar/)"
          " — Ctrl+C pour arrêter", flush=True)
    try:
        server.serve(host=bind, port=port, root=output, restart_delay=0)
    finally:
        stop.set()


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
    _report(build(args.settings, args.path, args.output, extra, debug=args.debug))
    if args.no_server:
        try:
            watch_and_build(args.settings, args.path, args.output, extra, lambda: None,
                            threading.Event())
        except KeyboardInterrupt:
            pass
        return 0
    try:
        serve(args.settings, args.path, args.output, extra, args.bind, args.port)
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
