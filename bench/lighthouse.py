"""Lighthouse (mobile) on the published real site: the four scores and the LCP.

The real site is built as `make publish` builds it (publishconf.py; the PDFs and the
search index are left out unless asked: they change no page that is measured), its
SITEURL the address of a local server that then serves it as a CDN would: the
headers of ``_headers`` (the Content-Security-Policy, the year of cache of hashed
files…), ``name.gz`` sent as it is to a browser that accepts gzip, the 404 page
for a missing address. npm's ``lighthouse`` (package.json, Debian's Chromium)
audits each page with its defaults: mobile form factor, simulated slow 4G
throttling (150 ms round trip, 1.6 Mbit/s), a 4× slower processor.

Alone: ``python bench/lighthouse.py [--runs 3] [--pages home agenda-ar]``; from the
benchmark: ``run(runs=1, pages=None, output=None) -> list[dict]`` (one dict per page:
``page``, ``url``, ``performance``, ``accessibility``, ``best-practices``, ``seo``
as 0–100, ``lcp`` in seconds, ``fcp`` in seconds, ``runs``; medians over the runs).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
# The six pages of issue 20: the home, an edition and its programme, in both languages.
PAGES = {
    "home": "", "edition": "editions/run-3/", "agenda": "editions/run-3/programme/",
    "home-ar": "ar/", "edition-ar": "ar/editions/run-3/",
    "agenda-ar": "ar/editions/run-3/programme/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")


def log(message):
    print(message, file=sys.stderr, flush=True)


# --- A static host like the CDN --------------------------------------------------------

def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """_headers (Netlify, Cloudflare Pages): [(address pattern, [(name, value)])]."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


class CDNHandler(http.server.SimpleHTTPRequestHandler):
    """Sends every _headers rule that matches the address (a ``*`` at the end matches
    the rest), ``name.gz`` when the browser accepts gzip, the 404 page for a missing
    address; HTTP/1.1 with keep-alive."""

    protocol_version = "HTTP/1.1"
    rules: ClassVar[list] = []

    def log_message(self, *args):
        pass

    def end_headers(self):
        path = self.path.split("?", 1)[0]
        for pattern, headers in self.rules:
            if pattern == path or (pattern.endswith("*") and path.startswith(pattern[:-1])):
                for name, value in headers:
                    self.send_header(name, value)
        self.send_header("Vary", "Accept-Encoding")
        super().end_headers()

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the redirection to the folder's address
            path = os.path.join(path, "index.html")
        packed = path + ".gz"
        if ("gzip" in self.headers.get("Accept-Encoding", "") and os.path.isfile(path)
                and os.path.isfile(packed)):
            body = open(packed, "rb")  # closed by the caller of send_head
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(path))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(os.fstat(body.fileno()).st_size))
            self.end_headers()
            return body
        return super().send_head()

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """Serves ``folder`` on 127.0.0.1:``port`` in a thread, from when _headers is read."""

    def __init__(self, folder: Path, port: int):
        rules = parse_headers_file((folder / "_headers").read_text("utf-8"))
        handler = type("Handler", (CDNHandler,), {"rules": rules})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", port), functools.partial(handler, directory=str(folder)))
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


# --- Build, audit, report -------------------------------------------------------------

def build(output: Path, siteurl: str):
    """The real site as `make publish` builds it, without the PDFs and the search index."""
    command = [sys.executable, "-m", "runsite.tools.build", str(ROOT / "content"),
               "-o", str(output), "-s", str(ROOT / "publishconf.py"), "--fatal", "warnings",
               "-e", "RUN_PDF=False", "RUN_SEARCH_INDEX=False"]
    env = {**os.environ, "SITEURL": siteurl, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"the build failed:\n{done.stdout}{done.stderr}")


def audit(url: str) -> dict:
    """One Lighthouse run (mobile, its default throttling): scores and metrics."""
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"{LIGHTHOUSE} is missing: npm ci (make bench installs it)")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROME)}
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as profile:
        done = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
             f"--only-categories={','.join(CATEGORIES)}",
             f"--chrome-flags={CHROME_FLAGS} --user-data-dir={profile}"],
            env=env, capture_output=True, text=True, timeout=300)
    if done.returncode:
        raise SystemExit(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    audits = report["audits"]
    result = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    result["lcp"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    result["fcp"] = audits["first-contentful-paint"]["numericValue"] / 1000
    failed = [key for key, found in audits.items()
              if found.get("score") is not None and found["score"] < 1
              and found.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")]
    result["below"] = sorted(failed)
    return result


def run(runs: int = 1, pages: list[str] | None = None, output: Path | None = None) -> list[dict]:
    """Build the published site, serve it, audit each page ``runs`` times (pages in
    alternation); the median of each figure per page. ``output``: where to build
    (a temporary folder, removed after, by default)."""
    chosen = pages or list(PAGES)
    work = Path(tempfile.mkdtemp(prefix="run-lighthouse-"))
    folder = output or work / "output"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    try:
        log(f"build (publishconf.py, SITEURL={base})…")
        build(folder, base)
        found: dict[str, list[dict]] = {name: [] for name in chosen}
        with Server(folder, port):
            for round_ in range(runs):
                for name in chosen:
                    log(f"lighthouse {name} ({round_ + 1}/{runs})…")
                    found[name].append(audit(f"{base}/{PAGES[name]}"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = []
    for name in chosen:
        results = found[name]
        row = {"page": name, "url": "/" + PAGES[name], "runs": len(results)}
        for key in (*CATEGORIES, "lcp", "fcp"):
            row[key] = statistics.median(r[key] for r in results)
        row["below"] = sorted({audit for r in results for audit in r["below"]})
        rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| page | performance | accessibility | best practices | SEO | FCP (s) | LCP (s) |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for row in rows:
        lines.append(f"| {row['page']} (`{row['url']}`) | {row['performance']:g} | "
                     f"{row['accessibility']:g} | {row['best-practices']:g} | {row['seo']:g} | "
                     f"{row['fcp']:.2f} | {row['lcp']:.2f} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=1, help="runs per page (medians)")
    parser.add_argument("--pages", nargs="*", choices=list(PAGES), help="default: all six")
    parser.add_argument("--json", action="store_true", help="the rows as JSON too")
    args = parser.parse_args()
    load = os.getloadavg()
    rows = run(args.runs, args.pages)
    print(table(rows))
    print(f"\nload average before the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    for row in rows:
        if row["below"]:
            print(f"{row['page']}: audits below 100: {', '.join(row['below'])}")
    if args.json:
        print(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
