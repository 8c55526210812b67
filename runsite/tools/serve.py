"""Live preview: build, serve on 127.0.0.1, rebuild on every change, reload the browser.

``python -m runsite.tools.serve [content] -o output -s pelicanconf.py``
``[--bind] [--port] [--no-server]``

Changes are seen through ``watchfiles`` (inotify, about 50 ms) in the server's
event loop, the site is rebuilt in a worker thread of this process (settings
re-read each time, so config edits apply, and a broken config is reported and
rebuilt once mended) and open pages are told to reload over livereload's websocket
once the new output is swapped in, whether the build succeeded or not. A failed
build prints its problems and keeps serving the last good site, with a panel at the
top of every page listing the same problems (runsite.tools.panel); the next good
build reloads the pages without it. The livereload script and the panel are
injected by the server only, never written to output/; the script reaches the
server at the page's own address (window.location), so the preview works behind a
forwarded host and port (GitHub Codespaces). The preview shows drafts, with a banner.

Ctrl+C stops it at once, the port freed: a build under way is abandoned (the output
is swapped in whole or not at all, runsite.publish.output).
"""

from __future__ import annotations

import argparse
import asyncio
import errno
import functools
import logging
import os
import signal
import socket
import sys
import threading

import watchfiles
from tornado import web

from runsite.core import messages
from runsite.core.cache import ProcessCache
from runsite.core.languages import Languages
from runsite.core.problems import SettingsError, relative
from runsite.publish.output import staging_prefixes
from runsite.tools.build import _extra_setting, build, load_settings
from runsite.tools.panel import PreviewState, insert, placeholder

IGNORED_NAMES = {".git", "__pycache__", ".pytest_cache", ".ruff_cache", "cache"}


class _SourceFilter(watchfiles.DefaultFilter):
    """Sources only: not the output, staging folders, caches or editor backups."""

    def __init__(self, output):
        super().__init__(ignore_dirs=tuple(IGNORED_NAMES))
        self.output = os.path.realpath(output)
        self.prefixes = staging_prefixes(output)

    def __call__(self, change, path):
        if os.path.realpath(path).startswith(self.output) or any(
                prefix in path for prefix in self.prefixes):
            return False
        name = os.path.basename(path)
        if name.endswith(("~", ".swp", ".swx", ".tmp")) or name.startswith(".#"):
            return False
        return super().__call__(change, path)


def watched_paths(settings_file, path):
    """The sources: content, theme, catalogs and settings. Read from the settings when
    they load; from the project's layout when they are broken (they are then watched
    until mended)."""
    here = os.path.dirname(os.path.abspath(settings_file))
    try:
        settings = load_settings(settings_file, path)
        paths = [settings["PATH"], settings["THEME"], settings["RUN_TRANSLATIONS_PATH"]]
    except SettingsError:
        paths = [path or os.path.join(here, "content"), os.path.join(here, "theme"),
                 os.path.join(here, "translations")]
    paths += [os.path.abspath(settings_file), os.path.join(here, "pelicanconf.py")]
    return sorted({os.path.abspath(p) for p in paths if os.path.exists(p)})


def _languages(settings_file, path):
    """The language table, for the addresses the preview prints (none if the settings
    are broken: the build says why)."""
    try:
        return Languages.from_settings(load_settings(settings_file, path))
    except SettingsError:
        return {}


def _report(result):
    for message in result.messages:
        print(message, file=sys.stderr, flush=True)
    if result.ok and result.rewritten is not None:  # only what the edit changed
        pages = messages.counted(len(result.rewritten), "page réécrite", "pages réécrites")
        print(f"Site mis à jour en {messages.seconds(result.seconds)} ({pages}).", flush=True)
    elif result.ok:
        print(f"Site construit en {messages.seconds(result.seconds)}.", flush=True)
    else:  # the browser keeps showing the last good site: say so, where they look
        print("L'aperçu montre toujours la dernière version réussie, avec ces problèmes "
              "en haut de la page ; enregistrez la correction, il se reconstruira tout "
              "seul.", file=sys.stderr, flush=True)


def _changed_names(changes):
    return ", ".join(sorted({relative(p, os.getcwd()) for _, p in changes}))


def watch_and_build(settings_file, path, output, extra, cache):
    """Without a server: rebuild on every change until interrupted."""
    for changes in watchfiles.watch(*watched_paths(settings_file, path),
                                    watch_filter=_SourceFilter(output),
                                    step=50, raise_interrupt=False):
        print(f"Modifié : {_changed_names(changes)}", flush=True)
        _report(build(settings_file, path, output, extra, cache=cache))


async def _in_thread(function):
    """Run ``function`` in a daemon thread: Ctrl+C never waits for a build."""
    loop = asyncio.get_running_loop()
    future = loop.create_future()

    def run():
        try:
            result = function()
        except BaseException as error:  # handed to the event loop
            outcome = functools.partial(future.set_exception, error)
        else:
            outcome = functools.partial(future.set_result, result)
        try:
            loop.call_soon_threadsafe(lambda: future.done() or outcome())
        except RuntimeError:  # the loop is closed: the preview has stopped
            pass

    threading.Thread(target=run, daemon=True, name="runsite-build").start()
    return await future


def _watch_in_thread(paths, output, stop, deliver):
    """Watch the sources in a daemon thread (watchfiles' async version runs in a
    worker thread that the interpreter waits for at exit: Ctrl+C would hang)."""

    def run():
        for changes in watchfiles.watch(*paths, watch_filter=_SourceFilter(output), step=50,
                                        stop_event=stop, raise_interrupt=False):
            deliver(changes)

    threading.Thread(target=run, daemon=True, name="runsite-watch").start()


async def _watch_build_reload(settings_file, path, output, extra, cache, stop, state):
    """In the server's event loop: on each change, build in a worker thread (the
    server keeps answering), keep its result in ``state`` and tell the open pages to
    reload: to the new site, or to the panel of the failed build's problems."""
    from livereload.handlers import LiveReloadHandler

    loop = asyncio.get_running_loop()
    changed: asyncio.Queue = asyncio.Queue()
    _watch_in_thread(watched_paths(settings_file, path), output, stop,
                     lambda changes: loop.call_soon_threadsafe(changed.put_nowait, changes))
    while True:
        changes = await changed.get()
        while not changed.empty():  # saves that came during the last build: one build
            changes |= changed.get_nowait()
        print(f"Modifié : {_changed_names(changes)}", flush=True)
        result = await _in_thread(functools.partial(build, settings_file, path, output,
                                                    extra, cache=cache))
        _report(result)
        state.record(result)
        LiveReloadHandler.reload_waiters("*")


# livereload 2.7.1's snippet (liveport None) already follows the page's address:
# livereload.js from window.location.hostname and port (443/80 when the address has
# none), its websocket ws:// or wss:// as the page. This one does the same from the
# page's own origin (a root-relative address), and names the host too: livereload.js
# cannot read an IPv6 host ([::1]) back from its script's address.
LIVE_SCRIPT = (
    b'<script>(function(){var s=document.createElement("script"),l=window.location;'
    b'var port=l.port||(l.protocol=="https:"?443:80);'
    b's.src="/livereload.js?port="+port+"&host="+l.hostname;'
    b'document.head.appendChild(s);})();</script>'
)
HEAD_END = b"</head>"


def _is_page(path):
    """An address that would be a page: a folder, a .html file, or no extension."""
    last = path.rstrip("/").rpartition("/")[2]
    return path == "" or path.endswith("/") or last.endswith(".html") or "." not in last


class _Injector(web.OutputTransform):
    """Adds livereload's script before ``</head>`` and, after a failed build, the
    problem panel after ``<body…>`` of the HTML pages served (never to output/)."""

    def __init__(self, state, request):
        super().__init__(request)
        self.state = state
        self.path = request.path

    def transform_first_chunk(self, status_code, headers, chunk, finishing):
        if "html" not in headers.get("Content-Type", ""):
            return status_code, headers, chunk
        length = len(chunk)
        if HEAD_END in chunk:
            chunk = chunk.replace(HEAD_END, LIVE_SCRIPT + HEAD_END, 1)
        if self.state.failed:
            chunk = insert(chunk, self.state, self.path)
        if "Content-Length" in headers:
            headers["Content-Length"] = str(int(headers["Content-Length"]) + len(chunk) - length)
        return status_code, headers, chunk


def _files_handler(base):
    """livereload's static files (always the current file, never a 304), and a page
    holding the panel where a failed build has left no page (instead of a 404)."""

    class Files(base):
        def initialize(self, path, default_filename, state):
            super().initialize(path, default_filename)
            self.state = state

        async def get(self, path, include_body=True):
            try:
                await super().get(path, include_body)
            except web.HTTPError as error:
                if error.status_code != 404 or not self.state.failed or not _is_page(path):
                    raise
                self.clear()
                self.set_status(503)  # not this page: the build failed
                self.set_header("Content-Type", "text/html; charset=UTF-8")
                self.set_header("Cache-Control", "no-store")
                self.finish(placeholder(self.request.path) if include_body else None)

    return Files


def _application(server, state):
    """livereload's application (its websocket, its script), with our injector."""
    from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler

    LiveReloadHandler.watcher = server.watcher
    LiveReloadHandler.live_css = True
    return web.Application(
        handlers=[(r"/livereload", LiveReloadHandler),
                  (r"/livereload.js", LiveReloadJSHandler),
                  (r"/(.*)", _files_handler(server.SFH),
                   {"path": server.root, "default_filename": "index.html", "state": state})],
        transforms=[functools.partial(_Injector, state)])


def _network_address() -> str:
    """This computer's address on its network (what a phone on the same Wi-Fi types):
    the one a datagram socket would leave from; nothing is sent."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never reached
            return probe.getsockname()[0]
        except OSError:
            return "<adresse IP de cet ordinateur>"


def serve(settings_file, path, output, extra, bind, port, cache, first_build) -> int:
    """Listen (a busy port is said at once), build, then serve and rebuild until Ctrl+C."""
    from livereload import Server
    from tornado.ioloop import IOLoop

    os.makedirs(output, exist_ok=True)
    server = Server()
    server.root = output
    # livereload polls the working directory when it has no task; give it one
    # that never changes: reloads are sent by _watch_build_reload.
    server.watch(os.path.join(output, ".livereload-unused"))
    state = PreviewState()  # the last build, read by every request's panel
    try:
        _application(server, state).listen(port, address=bind)
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        print(f"Le port {port} est déjà utilisé (un autre aperçu est peut-être ouvert). "
              f"Arrêtez-le, ou choisissez un autre port : make serve PORT={port + 1} (ou "
              f"python -m runsite serve PORT={port + 1})",
              file=sys.stderr, flush=True)
        return 1
    state.record(first_build())
    loop = IOLoop.current()
    stop = threading.Event()

    def shutdown(*_):
        loop.add_callback_from_signal(lambda: (stop.set(), loop.stop()))

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, shutdown)
    loop.spawn_callback(_watch_build_reload, settings_file, path, output, extra, cache,
                        stop, state)
    everywhere = bind in ("0.0.0.0", "::", "")
    host = "127.0.0.1" if everywhere else f"[{bind}]" if ":" in bind else bind
    others = ", ".join(f"{language.name_fr} : http://{host}:{port}/{language.prefix}"
                       for language in _languages(settings_file, path).values()
                       if not language.is_default)
    print(f"Aperçu : http://{host}:{port}/" + (f" ({others})" if others else "")
          + " — Ctrl+C pour arrêter", flush=True)
    if everywhere:
        print(f"Depuis un téléphone ou un autre ordinateur du même réseau : "
              f"http://{_network_address()}:{port}/", flush=True)
    loop.start()
    stop.set()
    loop.close(all_fds=True)  # the listening sockets: the port is free again
    print("Aperçu arrêté.", flush=True)
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?")
    parser.add_argument("-o", "--output")
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-server", action="store_true", help="rebuild on changes only")
    parser.add_argument("-e", "--extra-settings", nargs="*", default=[], action="extend")
    parser.add_argument("-D", "--debug", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    logging.getLogger("pelican").propagate = False
    logging.getLogger("livereload").propagate = False  # it prints its own lines
    logging.getLogger("tornado.access").propagate = False

    extra = dict(_extra_setting(e) for e in args.extra_settings)
    extra.setdefault("RUN_SHOW_DRAFTS", True)  # the preview shows drafts, with a banner
    # What each page reads is recorded: a save rewrites only the pages it changes.
    extra.setdefault("RUN_TRACK", True)
    if not args.no_server:  # calendars, feeds and JSON-LD name the preview's address
        host = "127.0.0.1" if args.bind in ("0.0.0.0", "::", "") else args.bind
        extra.setdefault("RUN_PREVIEW_URL", f"http://{host}:{args.port}")
    output = os.path.abspath(args.output or "output")
    cache = ProcessCache()  # kept from one rebuild to the next: only changes cost time

    def first_build():
        result = build(args.settings, args.path, output, extra, debug=args.debug,
                       cache=cache)
        _report(result)
        return result

    if args.no_server:
        first_build()
        try:
            watch_and_build(args.settings, args.path, output, extra, cache)
        except KeyboardInterrupt:
            pass
        return 0
    return serve(args.settings, args.path, output, extra, args.bind, args.port, cache,
                 first_build)


if __name__ == "__main__":
    sys.exit(main())
