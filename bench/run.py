"""`make bench`: build times, rebuild and live-reload latency, memory and page sizes.

Everything is measured side by side in one run, builds alternated round by round,
and medians are printed: the machines are shared, so ratios matter, not seconds.

- the real site (content/), built as `make html` does;
- a generated fictional series (bench/generate.py) at two sizes, built by this
  project (HTML pages only: ``RUN_SHARE_IMAGES=False``; PDFs and the search index
  are off in development) and, from the same texts, by bare Pelican (default
  theme, no plugins), by Pelican with the i18n_subsites plugin and by Hugo
  (Debian's ``hugo``, its own multilingual mode, the benchmark's own theme);
  what each builder writes is counted by file extension;
- in one process, a rebuild after editing one file (a news item's text, an
  edition's text, the real site's about page) against the full build;
- through the live preview, from saving a file to the browser having loaded the
  changed page (Playwright, Debian's chromium): on the real site, and on the
  largest series against ``hugo server`` on the same content, alternated;
- peak memory of each build process; gzip sizes of pages, CSS and fonts;
- Lighthouse (``bench/lighthouse.py``, when present; ``--no-lighthouse`` skips it);
- the search index of each language (Pagefind, built as `make publish` builds it)
  for the real site and the demonstration series, in bytes
  (``--search-only`` measures that alone, in seconds);
- the time the PDF programmes and the share images add to a build of the real site
  and of the demonstration series, from an empty cache and from a warm one
  (``--print-only`` measures that alone, in a few minutes).

Builds run in child processes with ``--builder`` (the bench virtualenv: the site's
pinned requirements plus pelican-i18n-subsites), so the three Pelican builders share
one interpreter and one Pelican. The report opens with the commit and the machine's
load, and gives every target of issue 20 in one table, "Against the targets".

Quick check while developing: ``--sizes 5 --runs 1 --no-print`` (a few minutes;
without ``--no-print``, a few more for the PDFs and share images).

``python bench/run.py --builder .venv-bench/bin/python [--runs 5] [--sizes 25 50]``
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

from bs4 import BeautifulSoup  # make bench runs this with the tests' virtualenv

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(BENCH))
sys.path.insert(1, str(ROOT))

from compare import build_module, checkout  # noqa: E402
from generate import generate  # noqa: E402

from runsite.publish import search  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
PAGE_TYPES = {
    "home": "", "edition": "editions/run-3/", "agenda": "editions/run-3/programme/",
    "timeline": "chronologie/", "partners": "partenaires/", "news": "actualites/",
    "article": "actualites/annonce-run-3/", "page": "a-propos/",
}


def log(message):
    print(message, file=sys.stderr, flush=True)


# --- child processes ---------------------------------------------------------------

def run_child(command, cwd, log_path, tree=ROOT) -> tuple[float, float, float]:
    """(wall seconds, peak resident memory in MiB, CPU seconds) of one child process,
    with the plugin of ``tree`` (this project, or the baseline commit's tree). The
    child is started by the small launcher bench/peak.py, which measures it: forked
    from this runner, its peak memory would start at the runner's own size."""
    # Bytecode is written, as a `make html` does (Python's default), but into the
    # run's own folder (PYTHONPYCACHEPREFIX, set by main) rather than the trees.
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    result = Path(log_path).with_suffix(".peak.json")
    with open(log_path, "w") as out:
        done = subprocess.run([sys.executable, "-I", "-S", BENCH / "peak.py", result, "--",
                               *command], cwd=cwd, env=env, stdout=out,
                              stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, command))}\n{Path(log_path).read_text()}")
    figures = json.loads(result.read_text())
    return figures["seconds"], figures["memory_mib"], figures["cpu_seconds"]


BUILDERS = {  # kind: how the report names it
    "runsite": "this project", "bare": "bare Pelican", "i18n": "Pelican + i18n_subsites",
    "hugo": "Hugo",
}
# Share images are timed by --print-only, PDFs and the search index are off in
# development: the series is compared on its HTML pages (and what comes with them).
HTML_ONLY = ["-e", "RUN_SHARE_IMAGES=False"]


class Variant:
    def __init__(self, name, command, output, cwd, tree=ROOT):
        self.name, self.command, self.output, self.cwd = name, command, output, cwd
        self.tree = tree
        self.seconds: list[float] = []
        self.memory: list[float] = []
        self.cpu: list[float] = []
        self.pages = 0
        self.files: Counter[str] = Counter()

    def run(self):
        if self.output.exists():
            shutil.rmtree(self.output)
        figures = run_child(self.command, self.cwd, self.output.with_suffix(".log"), self.tree)
        self.files = Counter(p.suffix.lstrip(".") or p.name for p in self.output.rglob("*")
                             if p.is_file())
        self.pages = self.files["html"]
        return figures


def baseline_variants(builder, work: Path, series: dict, tree: Path, rev: str) -> list[Variant]:
    """The same builds of this project's content, by the baseline commit's tree."""
    site = [builder, "-m", build_module(tree)]
    found = [Variant(f"site@{rev}", [*site, tree / "content", "-o", work / "out-site-base",
                                      "-s", tree / "pelicanconf.py"],
                     work / "out-site-base", tree, tree)]
    for size, paths in series.items():
        found.append(Variant(f"runsite-{size}@{rev}",
                             [*site, paths["runsite"], "-o", work / f"out-run-{size}-base",
                              "-s", tree / "pelicanconf.py", *HTML_ONLY],
                             work / f"out-run-{size}-base", tree, tree))
    return found


def variants(builder, work: Path, series: dict, hugo: str | None) -> list[Variant]:
    site = [builder, "-m", "runsite.tools.build"]
    pelican = [builder, "-m", "pelican"]
    found = [Variant("site", [*site, ROOT / "content", "-o", work / "out-site", "-s",
                              ROOT / "pelicanconf.py"], work / "out-site", ROOT)]
    for size, paths in series.items():
        found += [
            Variant(f"runsite-{size}", [*site, paths["runsite"], "-o", work / f"out-run-{size}",
                                        "-s", ROOT / "pelicanconf.py", *HTML_ONLY],
                    work / f"out-run-{size}", ROOT),
            Variant(f"bare-{size}", [*pelican, paths["pelican"], "-o", work / f"out-bare-{size}",
                                     "-s", BENCH / "pelicanconf_bare.py"],
                    work / f"out-bare-{size}", work),
            Variant(f"i18n-{size}", [*pelican, paths["pelican"], "-o", work / f"out-i18n-{size}",
                                     "-s", BENCH / "pelicanconf_i18n_subsites.py"],
                    work / f"out-i18n-{size}", work),
        ]
        if hugo:  # the whole process, as a Hugo user builds: `hugo` in the site's folder
            found.append(Variant(f"hugo-{size}", [hugo, "--quiet", "--source", paths["hugo"],
                                                  "--destination", work / f"out-hugo-{size}"],
                                 work / f"out-hugo-{size}", work))
    return found


def hugo_version(hugo: str | None) -> str:
    if not hugo:
        return "not installed (make bench installs Debian's hugo)"
    version = subprocess.run([hugo, "version"], capture_output=True, text=True,
                             check=True).stdout.strip()
    package = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "hugo"],
                             capture_output=True, text=True).stdout.strip()
    return f"`{version}`" + (f" (Debian package hugo {package})" if package else "")


def measure_builds(found: list[Variant], runs: int):
    log("warm-up: one build of each (checks that every builder succeeds)")
    for variant in found:
        variant.run()
    for round_ in range(runs):
        log(f"round {round_ + 1}/{runs}")
        order = found if round_ % 2 == 0 else list(reversed(found))
        for variant in order:
            seconds, memory, cpu = variant.run()
            variant.seconds.append(seconds)
            variant.memory.append(memory)
            variant.cpu.append(cpu)


def measure_rebuilds(builder, sites: dict, work: Path, runs: int) -> dict:
    """In one process per run: a full build, then two rebuilds after editing one file;
    the sites ({label: (content, edited file[, tree])}) alternated run by run, each
    built by the plugin of its tree (this project unless given)."""
    results = {label: {"full": [], "rebuild": []} for label in sites}
    for index in range(runs):
        for label, (content, edited, *tree) in sites.items():
            tree = tree[0] if tree else ROOT
            log(f"rebuild {label} {index + 1}/{runs}")
            out = work / "rebuild.json"
            with open(out, "w") as fp:
                subprocess.run([builder, tree / "bench" / "inprocess.py", "rebuild", content,
                                work / f"out-rebuild-{label}", edited, "--times", "2"],
                               cwd=tree, stdout=fp, check=True,
                               env={**os.environ, "PYTHONPATH": str(tree)})
            result = json.loads(out.read_text().splitlines()[-1])  # Pelican prints above
            results[label]["full"].append(result["full"])
            results[label]["rebuild"].extend(result["rebuilds"])
    return results


# --- live preview --------------------------------------------------------------

def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Preview:
    """A live preview server (this project's or ``hugo server``) with a browser page on
    the page that an edit of ``source`` changes. ``edit(original, index)`` gives the
    new text of the source and the text the reloaded page must then show in
    ``shown_in`` (a CSS selector); the server's own rebuild times are read from its
    output by ``build_time`` (a pattern whose group is the figure, in ``unit`` seconds)."""

    def __init__(self, name, command, cwd, log_path, path, source, edit, shown_in,
                 build_time, unit=1.0):
        self.name, self.command, self.cwd, self.log_path = name, command, cwd, log_path
        self.path, self.source, self.edit, self.shown_in = path, source, edit, shown_in
        self.build_time, self.unit = re.compile(build_time), unit
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.original = source.read_text("utf-8")
        self.latencies: list[float] = []
        self.server = self.page = None

    def start(self):
        self.log = open(self.log_path, "w")
        self.server = subprocess.Popen(
            [str(part).replace("{port}", str(self.port)) for part in self.command],
            cwd=self.cwd, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_up(self, timeout=300):
        deadline = time.monotonic() + timeout
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/", timeout=2)
                return
            except OSError:
                if self.server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"{self.name}: the server did not start\n"
                                     + self.log_path.read_text()) from None
                time.sleep(0.1)

    def open(self, browser):
        self.page = browser.new_page()
        self.page.goto(f"{self.url}/{self.path}", wait_until="load")

    def save_and_wait(self, index, counted=True):
        """Write the edit, wait for the reloaded page, check it shows the edit."""
        text, expected = self.edit(self.original, index)
        with self.page.expect_navigation(wait_until="load", timeout=180_000):
            saved = time.time()
            self.source.write_text(text, "utf-8")
        loaded = self.page.evaluate("performance.timeOrigin + performance.getEntriesByType"
                                    "('navigation')[0].loadEventStart") / 1000
        shown = self.page.locator(self.shown_in).first.inner_text()
        if expected not in shown:
            raise SystemExit(f"{self.name}: the reloaded page does not show {expected!r}")
        if counted:
            self.latencies.append(loaded - saved)

    def server_builds(self, runs):
        found = self.build_time.findall(self.log_path.read_text())
        return [float(x.replace(",", ".")) * self.unit for x in found][-runs:]

    def stop(self):
        self.source.write_text(self.original, "utf-8")
        if self.server:
            os.killpg(self.server.pid, signal.SIGTERM)
            self.server.wait(timeout=10)
            self.log.close()


def _preview_project(dest: Path, content: Path) -> Path:
    """A copy of the project (plugin, theme, catalogs, settings) around ``content``."""
    for name in ("theme", "translations", "runsite"):
        shutil.copytree(ROOT / name, dest / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copytree(content, dest / "content")
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, dest / name)
    return dest


def our_preview(work: Path, content: Path, label: str, path: str, source: str, edit,
                shown_in) -> Preview:
    project = _preview_project(work / f"preview-{label}", content)
    return Preview("this project", [sys.executable, "-m", "runsite.tools.serve", "content",
                                    "-o", "output", "-s", "pelicanconf.py", "--port", "{port}"],
                   project, work / f"serve-{label}.log", path, project / "content" / source,
                   edit, shown_in, r"Site (?:construit|mis à jour) en ([\d.,]+) s")


def _retitle(original, index):
    title = f"À propos, version {index}"
    return original.replace("Title: À propos de la RUN", f"Title: {title}"), title


def _add_sentence(original, index):
    """An organiser's edit: one more sentence at the end of the text."""
    sentence = f"Inscriptions ouvertes avant le {index + 1} mars en salle {index + 2}."
    return original.rstrip("\n") + f" {sentence}\n", sentence


def run_previews(previews: list[Preview], runs: int) -> None:
    """One warm-up save each, then ``runs`` saves each, alternated (one order, then
    the reverse), the servers all running and one browser page on each."""
    from playwright.sync_api import sync_playwright

    try:
        for preview in previews:
            preview.start()
        for preview in previews:
            preview.wait_up()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium")
                                                 or "/usr/bin/chromium", args=CHROMIUM_ARGS)
            for preview in previews:
                preview.open(browser)
            time.sleep(1)  # the livereload scripts connect their websockets
            for index in range(runs + 1):  # the first round warms up
                for preview in (previews if index % 2 == 0 else list(reversed(previews))):
                    preview.save_and_wait(index, counted=index > 0)
                    time.sleep(0.5)
            browser.close()
    finally:
        for preview in previews:
            preview.stop()


def measure_reload(work: Path, runs: int) -> dict:
    """Seconds from writing a content file to the browser's load event of the page
    showing the new text, through `python -m runsite.tools.serve` on a copy of the
    real site (the about page's title)."""
    ours = our_preview(work, ROOT / "content", "site", "a-propos/", "pages/a-propos.fr.md",
                       _retitle, "h1")
    run_previews([ours], runs)
    return {"reload": ours.latencies, "server_build": ours.server_builds(runs)}


def measure_series_reload(work: Path, paths: dict, runs: int, hugo: str | None) -> dict:
    """The same on the generated series, a news item's text edited: this project's
    preview against ``hugo server`` as a Hugo user starts it (its defaults: pages
    served from memory, "fast render mode", livereload), alternated."""
    news = sorted((paths["runsite"] / "actualites").glob("*.fr.md"))
    name = news[len(news) // 2].name
    slug = name.split(".")[0]
    previews = [our_preview(work, paths["runsite"], "series", f"actualites/{slug}/",
                            f"actualites/{name}", _add_sentence, "main")]
    if hugo:
        site = work / "hugo-server"
        shutil.copytree(paths["hugo"], site)
        previews.append(Preview(
            "hugo server", [hugo, "server", "--port", "{port}", "--bind", "127.0.0.1"], site,
            work / "hugo-server.log", f"actualites/{slug}/", site / "content" / "actualites" / name,
            _add_sentence, "main", r"Total in ([\d.]+) ms", unit=0.001))
    run_previews(previews, runs)
    return {p.name: {"reload": p.latencies, "server_build": p.server_builds(runs)}
            for p in previews}


# --- sizes ---------------------------------------------------------------------

def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, 9))


SERIES_PAGE_TYPES = {
    "home": "", "edition": "editions/run-1/", "agenda": "editions/run-1/programme/",
    "timeline": "chronologie/", "partners": "partenaires/", "news": "actualites/",
    "article": "actualites/actualite-1/", "page": "a-propos/",
}


def sizes(site: Path, page_types=PAGE_TYPES, assets=True) -> list[tuple[str, int, int]]:
    rows = []
    for kind, path in [*page_types.items(), ("404", "404.html")]:
        for prefix in ("", "ar/"):
            if kind == "404" and prefix:
                continue
            file = site / prefix / path
            if file.is_dir():
                file /= "index.html"
            data = file.read_bytes()
            rows.append((f"{kind} ({prefix.rstrip('/') or 'fr'})", len(data), gzip_size(data)))
    if not assets:
        return rows
    for file in sorted(site.rglob("*.css")) + sorted(site.rglob("*.woff2")):
        data = file.read_bytes()
        rows.append((str(file.relative_to(site)), len(data), gzip_size(data)))
    return rows


def search_sizes(builder, work: Path) -> list[tuple[str, str, int, int, int]]:
    """(site, language, pages, index bytes, files) of the search index that publishing
    builds, for the real site and the demonstration series."""
    rows = []
    for name, content, settings in (("real site", ROOT / "content", ROOT / "pelicanconf.py"),
                                    ("demonstration", ROOT / "demo" / "content",
                                     ROOT / "demo" / "democonf.py")):
        output = work / f"out-search-{name.split()[0]}"
        subprocess.run([builder, "-m", "runsite.tools.build", content, "-o", output,
                        "-s", settings, "-e", "RUN_SEARCH_INDEX=True"],
                       cwd=ROOT, capture_output=True, check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
        entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
        for lang, size in search.sizes(output).items():
            files = sum(1 for p in (output / "pagefind").rglob("*")
                        if p.is_file() and (p.name.startswith(f"{lang}_")
                                            or f".{lang}" in p.name))
            rows.append((name, lang, entry["languages"][lang]["page_count"], size, files))
    return rows


PRINT_VARIANTS = {  # name: (extra settings, cache emptied before each run)
    "pages only, cold": ({"RUN_SHARE_IMAGES": False}, True),
    "pages only, warm": ({"RUN_SHARE_IMAGES": False}, False),
    "+ share images, cold": ({}, True),
    "+ share images, warm": ({}, False),
    "+ images + PDFs, cold": ({"RUN_PDF": True}, True),
    "+ images + PDFs, warm": ({"RUN_PDF": True}, False),
}


def print_times(builder, work: Path, runs: int) -> dict:
    """{site: {variant: [seconds]}}: builds with and without the share images and the
    PDFs, each variant with its own cache folder (emptied before each run for a first
    build, kept for a rebuild), alternated round by round."""
    sites = {"real site": (ROOT / "content", ROOT / "pelicanconf.py"),
             "demonstration": (ROOT / "demo" / "content", ROOT / "demo" / "democonf.py")}
    times = {site: {name: [] for name in PRINT_VARIANTS} for site in sites}
    jobs = [(site, name) for site in sites for name in PRINT_VARIANTS]
    for round_ in range(runs + 1):  # the first round warms the caches, uncounted
        log(f"print and share: round {round_}/{runs}")
        for site, name in (jobs if round_ % 2 == 0 else list(reversed(jobs))):
            content, settings = sites[site]
            extra, cold = PRINT_VARIANTS[name]
            slug = f"{site}-{name}".replace(" ", "-").replace(",", "").replace("+", "")
            cache, output = work / f"cache-{slug}", work / f"out-{slug}"
            if cold and cache.exists():
                shutil.rmtree(cache)
            options = [f"{key}={value!r}" for key, value in
                       {"CACHE_PATH": str(cache), **extra}.items()]
            seconds, _, _ = run_child([builder, "-m", "runsite.tools.build", content, "-o", output,
                                    "-s", settings, "-e", *options], ROOT,
                                   work / f"{slug}.log")
            if round_:
                times[site][name].append(seconds)
    return times


def print_report(times, runs) -> list[str]:
    lines = ["", f"## PDF programmes and share images (median of {runs} alternated runs)", "",
             "| site | build | seconds | added to the pages-only build |",
             "| --- | --- | ---: | ---: |"]
    for site, variants_ in times.items():
        for name, values in variants_.items():
            base = median(variants_[f"pages only, {name.rsplit(' ', 1)[-1]}"])
            lines.append(f"| {site} | {name} | {median(values):.2f} | "
                         f"{median(values) - base:+.2f} s (×{median(values) / base:.2f}) |")
    return lines


PHONE_SLOT = 343 * 2  # a 375 px phone at 2x: the gallery's and the recording's slot, in pixels


def archive_sizes(output: Path) -> list[tuple[str, int, int, int, int]]:
    """(page, pictures, WebP bytes, JPEG bytes, bytes a 375 px phone at 2x loads) of
    the archive's pictures (gallery and recordings) on each page that shows them, per
    language: what the srcset gives a phone (the smallest WebP at least as wide as its
    slot)."""
    rows = []
    for prefix in ("", "ar/"):
        for page in sorted((output / prefix / "editions").glob("*/index.html")):
            soup = BeautifulSoup(page.read_text("utf-8"), "lxml")
            pictures = soup.select(".run-archive picture")
            if not pictures:
                continue
            webp = jpeg = phone = 0
            for picture in pictures:
                by_type = {}
                for source in picture.select("source"):
                    candidates = []
                    for item in source["srcset"].split(","):
                        url, width = item.split()
                        candidates.append((int(width[:-1]), output / url.lstrip("/")))
                    by_type[source["type"]] = sorted(candidates)
                webp += sum(p.stat().st_size for _, p in by_type["image/webp"])
                jpeg += sum(p.stat().st_size for _, p in by_type["image/jpeg"])
                fit = [p for w, p in by_type["image/webp"] if w >= PHONE_SLOT]
                phone += (fit[0] if fit else by_type["image/webp"][-1][1]).stat().st_size
            name = str(page.parent.relative_to(output)) + "/"
            rows.append((name, len(pictures), webp, jpeg, phone))
    return rows


def archive_report(rows) -> list[str]:
    lines = ["", "## Archive pictures (demonstration, as published)", "",
             "| page | pictures | WebP bytes (every size) | JPEG bytes (every size) | "
             "a 375 px phone at 2x loads (WebP) |", "| --- | ---: | ---: | ---: | ---: |"]
    lines += [f"| {page} | {count} | {webp:,} | {jpeg:,} | {phone:,} |"
              for page, count, webp, jpeg, phone in rows]
    return lines


def search_report(rows) -> list[str]:
    lines = ["", "## Search index (bytes per language, as published)", "",
             "| site | language | pages indexed | bytes (index, fragments, metadata, "
             "WebAssembly) | files |", "| --- | --- | ---: | ---: | ---: |"]
    lines += [f"| {site} | {lang} | {pages} | {size:,} | {files} |"
              for site, lang, pages, size, files in rows]
    return lines


# --- Lighthouse (hook) ---------------------------------------------------------
# bench/lighthouse.py builds the real site with publishconf.py, serves it as a CDN
# would (_headers, .gz) and audits the six pages (home, RUN 3 and its programme, in
# both languages); --no-lighthouse (or --no-browser) skips it.

LIGHTHOUSE = BENCH / "lighthouse.py"


def measure_lighthouse(site: Path, work: Path, runs: int = 2) -> list[dict]:
    """One row per page: "page", "lcp" (s) and "scores" ({category: 0 to 100}).
    ``site`` is not used: Lighthouse measures the published build, made in ``work``."""
    spec = importlib.util.spec_from_file_location("run_bench_lighthouse", LIGHTHOUSE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return [{"page": row["page"], "lcp": row["lcp"],
             "scores": {c: row[c] for c in module.CATEGORIES}}
            for row in module.run(runs=runs, output=work / "published")]


def lighthouse_report(rows) -> list[str]:
    categories = sorted({name for row in rows for name in row["scores"]})
    lines = ["", "## Lighthouse (mobile, real site)", "",
             "| page | LCP (s) | " + " | ".join(categories) + " |",
             "| --- | ---: | " + " | ".join("---:" for _ in categories) + " |"]
    lines += [f"| {row['page']} | {row['lcp']:.2f} | "
              + " | ".join(f"{row['scores'].get(c, float('nan')):g}" for c in categories)
              + " |" for row in rows]
    return lines


# --- report --------------------------------------------------------------------

def median(values):
    return statistics.median(values) if values else float("nan")


def describe(name: str) -> str:
    """'runsite-50' → 'this project, 50 editions'; 'site' → 'real site'."""
    name, _, rev = name.partition("@")
    kind, _, size = name.rpartition("-")
    text = f"{BUILDERS[kind]}, {size} editions" if kind in BUILDERS else "real site"
    return f"{text} @{rev}" if rev else text


def runs_text(values) -> str:
    return ", ".join(f"{x:.2f}" for x in values)


def context(meta) -> list[str]:
    """The report's opening lines: what was measured, on which commit, how loaded."""
    start, end = (" / ".join(f"{x:.2f}" for x in meta[k]) for k in ("load_start", "load_end"))
    return [
        f"# make bench, commit {meta['commit']}, {meta['date']}", "",
        f"- machine load (1 / 5 / 15-minute averages, `os.getloadavg()`): **{start}** at the "
        f"start, **{end}** at the end; {os.cpu_count()} CPUs",
        f"- {meta['runs']} alternated rounds per build; generated series of "
        + " and ".join(str(n) for n in meta["sizes"]) + " editions (10 news items each)",
        f"- Hugo: {meta['hugo']}", ""]


def _ratio(a, b):
    return a / b if b else float("nan")


def _met(value, target, at_most=True):
    if value != value:  # nan: not measured
        return "—"
    return "yes" if (value <= target if at_most else value >= target) else "**no**"


def targets(by, sizes_, rebuilds, labels, reload, series_reload, lighthouse) -> list[str]:
    """Every target of issue 20, side by side, judged at the largest series."""
    large = sizes_[-1]
    seconds = {name: median(v.seconds) for name, v in by.items()}
    rows = []  # (measure, reached, target text, met)
    if lighthouse:
        worst_lcp = max(row["lcp"] for row in lighthouse)
        worst_score = min(min(row["scores"].values()) for row in lighthouse)
        rows += [(f"Lighthouse mobile LCP, worst of {len(lighthouse)} pages", f"{worst_lcp:.2f} s",
                  "≤ 1.0 s", _met(worst_lcp, 1.0)),
                 ("Lighthouse, lowest of the four scores on those pages", f"{worst_score:g}",
                  "100", _met(worst_score, 100, at_most=False))]
    else:
        rows.append(("Lighthouse mobile LCP and scores (six pages)", "not measured",
                     "≤ 1.0 s, 100", "—"))
    for key in ("news", "edition", "site"):
        figures = rebuilds.get(labels[key])
        if figures:
            full, again = median(figures["full"]), median(figures["rebuild"])
            target = 0.25 if key == "site" else 0.1
            rows.append((f"rebuild after one edit ÷ full build, in process, {labels[key]} "
                         f"({again:.2f} s ÷ {full:.2f} s)", f"{again / full:.2f}",
                         f"≤ {target}", _met(again / full, target)))
    if series_reload:
        ours = median(series_reload["this project"]["reload"])
        rows.append((f"save → reloaded page, series of {large} editions", f"{ours:.2f} s",
                     "≤ 0.5 s", _met(ours, 0.5)))
        if "hugo server" in series_reload:
            hugo = median(series_reload["hugo server"]["reload"])
            rows.append((f"the same ÷ `hugo server` ({ours:.2f} s ÷ {hugo:.2f} s)",
                         f"{ours / hugo:.2f}", "≤ 3", _met(ours / hugo, 3)))
    if reload:
        rows.append(("save → reloaded page, real site", f"{median(reload['reload']):.2f} s",
                     "≤ 0.5 s", _met(median(reload["reload"]), 0.5)))
    for kind, target in (("i18n", 0.5), ("bare", 0.8), ("hugo", None)):
        if f"{kind}-{large}" not in by:
            continue
        values = [_ratio(seconds[f"runsite-{n}"], seconds[f"{kind}-{n}"]) for n in sizes_]
        reached = " / ".join(f"{x:.2f}" for x in values)
        rows.append((f"full build, HTML pages ÷ {BUILDERS[kind]}, "
                     + " / ".join(map(str, sizes_)) + " editions", reached,
                     f"≤ {target}" if target else "(stated)",
                     _met(values[-1], target) if target else "—"))
    memory = {name: median(v.memory) for name, v in by.items()}
    mem = _ratio(memory[f"runsite-{large}"], memory[f"bare-{large}"])
    rows.append((f"peak memory ÷ bare Pelican, {large} editions "
                 f"({memory[f'runsite-{large}']:.0f} ÷ {memory[f'bare-{large}']:.0f} MiB)",
                 f"{mem:.2f}", "≤ 1.2", _met(mem, 1.2)))
    if len(sizes_) > 1:
        cost = per_hundred(by["runsite-" + str(sizes_[0])], by[f"runsite-{large}"])
        rows.append((f"cost per 100 more pages, this project ({sizes_[0]} → {large} editions)",
                     f"{cost:.2f} s", "≤ 0.62 s", _met(cost, 0.62)))
    lines = ["", "## Against the targets", "", "| measure | reached | target | met |",
             "| --- | ---: | ---: | :---: |"]
    lines += [f"| {m} | {r} | {t} | {ok} |" for m, r, t, ok in rows]
    if large != 50:
        lines += ["", f"(The targets are set at 50 editions: this run's largest series has "
                      f"{large}.)"]
    return lines


def per_hundred(small: Variant, large: Variant) -> float:
    pages = large.pages - small.pages
    return _ratio(median(large.seconds) - median(small.seconds), pages) * 100


def builds_report(found, by, sizes_, runs) -> list[str]:
    lines = ["", f"## Builds (median of {runs} alternated runs, whole process)", "",
             "| build | HTML pages | seconds | CPU seconds | peak memory (MiB) |",
             "| --- | ---: | ---: | ---: | ---: |"]
    lines += [f"| {describe(v.name)} | {v.pages:,} | {median(v.seconds):.2f} | "
              f"{median(v.cpu):.2f} | {median(v.memory):.0f} |" for v in found]
    lines += ["", "CPU seconds are user + system time of the process (`wait4`): Hugo "
              "renders on every core, the Pelican builds on one. Time, CPU and peak memory "
              "are measured by the small launcher `bench/peak.py` (a peak memory floor of "
              "about 8 MiB, its own size). The series is built by "
              "this project with `RUN_SHARE_IMAGES=False` (HTML pages; PDFs and the search "
              "index are off in development), the real site as `make html` builds it."]
    kinds = [k for k in BUILDERS if f"{k}-{sizes_[-1]}" in by]
    series = [by[f"{k}-{n}"] for n in sizes_ for k in kinds]
    total = Counter()
    for v in series:
        total.update(v.files)
    extensions = [ext for ext, _ in total.most_common()]
    lines += ["", "## What each builder writes (files by extension)", "",
              "| build | " + " | ".join(f".{e}" if "." not in e else e for e in extensions)
              + " |", "| --- | " + " | ".join("---:" for _ in extensions) + " |"]
    lines += [f"| {describe(v.name)} | " + " | ".join(f"{v.files[e]:,}" if v.files[e] else ""
                                                       for e in extensions) + " |"
              for v in series]
    lines += ["", "Besides HTML, this project writes calendars (`.ics`: the series' and, per "
              "edition, the edition's and one per session, in each language), per programme "
              "`schedule.xml`, `schedule.json` and its QR code (`.png`), a news feed per "
              "language (`.atom`), the sitemap and robots.txt: part of the site, kept in its "
              "timing; and its theme's files (CSS, fonts with their licences, the search "
              "script). Bare Pelican and i18n_subsites write HTML and the default theme's "
              "files (feeds off); Hugo writes HTML, its sitemaps (an index and one per "
              "language) and the benchmark theme's CSS."]
    lines += ["", "## Ratios to the other builders (whole process, medians)", "",
              "| editions | time ÷ bare Pelican | ÷ Pelican + i18n_subsites | ÷ Hugo | "
              "memory ÷ bare Pelican | ÷ Pelican + i18n_subsites | ÷ Hugo |",
              "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for n in sizes_:
        run = by[f"runsite-{n}"]
        cells = []
        for attribute in ("seconds", "memory"):
            for kind in ("bare", "i18n", "hugo"):
                other = by.get(f"{kind}-{n}")
                ratio = other and _ratio(median(getattr(run, attribute)),
                                         median(getattr(other, attribute)))
                cells.append(f"{ratio:.2f}" if other else "—")
        lines.append(f"| {n} | " + " | ".join(cells) + " |")
    if len(sizes_) > 1:
        small, large = sizes_[0], sizes_[-1]
        lines += ["", f"## Cost of size ({small} → {large} editions)", "",
                  "| builder | HTML pages | seconds | time × | pages × | seconds per 100 more "
                  "pages |", "| --- | ---: | ---: | ---: | ---: | ---: |"]
        for kind in kinds:
            a, b = by[f"{kind}-{small}"], by[f"{kind}-{large}"]
            lines.append(f"| {BUILDERS[kind]} | {a.pages:,} → {b.pages:,} | "
                         f"{median(a.seconds):.2f} → {median(b.seconds):.2f} | "
                         f"{_ratio(median(b.seconds), median(a.seconds)):.2f} | "
                         f"{_ratio(b.pages, a.pages):.2f} | {per_hundred(a, b):.2f} |")
    return lines


def rebuilds_report(rebuilds, baseline) -> list[str]:
    lines = ["", "## Rebuild after one edit, in one process (as the live preview)", "",
             "| site, file edited (one sentence added) | full build (s) | rebuild (s) | "
             "rebuild ÷ full | rebuilds (s) |", "| --- | ---: | ---: | ---: | --- |"]
    for label, figures in rebuilds.items():
        if baseline and label.endswith(f"@{baseline}"):
            continue
        full, again = median(figures["full"]), median(figures["rebuild"])
        lines.append(f"| {label} | {full:.2f} | {again:.2f} | {again / full:.2f} | "
                     f"{runs_text(figures['rebuild'])} |")
    return lines


def reload_report(reload, series_reload, large) -> list[str]:
    lines = ["", "## Save → reloaded page in the browser (chromium, Playwright)", "",
             "| content, file saved | server | median (s) | runs (s) | server's rebuild, "
             "median (s) |", "| --- | --- | ---: | --- | ---: |"]
    if reload:
        lines.append(f"| real site, the about page's title | this project | "
                     f"{median(reload['reload']):.2f} | {runs_text(reload['reload'])} | "
                     f"{median(reload['server_build']):.2f} |")
    for server, figures in (series_reload or {}).items():
        lines.append(f"| series of {large} editions, a news item's text | {server} | "
                     f"{median(figures['reload']):.2f} | {runs_text(figures['reload'])} | "
                     f"{median(figures['server_build']):.2f} |")
    if series_reload and "hugo server" in series_reload:
        lines += ["", "`hugo server --port N --bind 127.0.0.1`, as a Hugo user starts it: its "
                  "defaults, pages served from memory and fast render mode (on a change, the "
                  "pages open in a browser are rendered first); the two servers run side by "
                  "side, saves alternated. Time from just before writing the file to the "
                  "reloaded page's `loadEventStart`, after checking it shows the new sentence."]
    return lines


def report(found, rebuilds, labels, reload, series_reload, lighthouse, size_rows, series_rows,
           sizes_, runs, profile_text, meta, baseline=None, search_rows=(),
           archive_rows=()) -> str:
    by = {v.name: v for v in found}
    lines = context(meta)
    lines += targets(by, sizes_, rebuilds, labels, reload, series_reload, lighthouse)
    lines += builds_report([v for v in found if "@" not in v.name], by, sizes_, runs)
    lines += rebuilds_report(rebuilds, baseline)
    if reload or series_reload:
        lines += reload_report(reload, series_reload, sizes_[-1])
    if lighthouse:
        lines += lighthouse_report(lighthouse)
    if baseline:
        lines += ["", f"## Against {baseline} (alternated in the same rounds)", "",
                  "| ratio, this tree ÷ the baseline | value | target |",
                  "| --- | ---: | ---: |"]
        for name in ["site", *(f"runsite-{size}" for size in sizes_)]:
            new, old = median(by[name].seconds), median(by[f"{name}@{baseline}"].seconds)
            lines.append(f"| full build, {describe(name)} ({new:.2f} s ÷ {old:.2f} s) | "
                         f"{new / old:.2f} | ≤ 1.05 |")
        for label, figures in rebuilds.items():
            if label.endswith(f"@{baseline}"):
                continue
            old_figures = rebuilds[f"{label} @{baseline}"]
            for kind in ("full", "rebuild"):
                new, old = median(figures[kind]), median(old_figures[kind])
                lines.append(f"| {kind} build in process, {label} ({new:.2f} s ÷ {old:.2f} s)"
                             f" | {new / old:.2f} | ≤ 1.05 |")
    lines += ["", "## Sizes (real site)", "", "| file | bytes | gzip -9 |",
              "| --- | ---: | ---: |"]
    lines += [f"| {name} | {raw} | {packed} |" for name, raw, packed in size_rows]
    lines += ["", f"## Sizes (generated series, {sizes_[-1]} editions, "
              f"{10 * sizes_[-1]} news items)", "", "| page | bytes | gzip -9 |",
              "| --- | ---: | ---: |"]
    lines += [f"| {name} | {raw} | {packed} |" for name, raw, packed in series_rows]
    if search_rows:
        lines += search_report(search_rows)
    if archive_rows:
        lines += archive_report(archive_rows)
    if profile_text:
        lines += ["", "## Profile of one build of the largest series", "", "```",
                  profile_text.rstrip(), "```"]
    return "\n".join(lines)


def commit() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                          capture_output=True).stdout.strip() or "unknown"
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           text=True, capture_output=True).stdout.strip()
    return f"`{head}`" + (" with uncommitted changes" if dirty else "")


def main():
    load_start = os.getloadavg()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builder", default=sys.executable,
                        help="Python of the bench virtualenv (with pelican-i18n-subsites)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[25, 50],
                        help="editions of the generated series (10 news items per edition)")
    parser.add_argument("--no-browser", action="store_true",
                        help="skip the live previews and Lighthouse")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo and hugo server")
    parser.add_argument("--no-lighthouse", action="store_true",
                        help="skip Lighthouse (bench/lighthouse.py)")
    parser.add_argument("--no-print", action="store_true",
                        help="skip the time the PDFs and share images add (minutes)")
    parser.add_argument("--profile", action="store_true",
                        help="add a cProfile of one build of the largest series")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--baseline", metavar="REV",
                        help="also build with commit REV, alternated in the same rounds, and "
                             "print this tree's times as ratios of REV's")
    parser.add_argument("--print-only", action="store_true",
                        help="only the time the PDFs and share images add (a few minutes)")
    parser.add_argument("--search-only", action="store_true",
                        help="only the search index's and the archive pictures' sizes "
                             "(a few seconds)")
    args = parser.parse_args()

    if args.search_only:
        with tempfile.TemporaryDirectory(prefix="run-bench-") as tmp:
            rows = search_sizes(os.path.abspath(args.builder), Path(tmp))
            archive = archive_sizes(Path(tmp) / "out-search-demonstration")
            print("\n".join(search_report(rows) + archive_report(archive)).lstrip())
        return
    if args.print_only:
        with tempfile.TemporaryDirectory(prefix="run-bench-") as tmp:
            times = print_times(os.path.abspath(args.builder), Path(tmp), args.runs)
            print("\n".join(print_report(times, args.runs)).lstrip())
        return
    hugo = None if args.no_hugo else shutil.which("hugo")
    if not hugo and not args.no_hugo:
        log("hugo not found: no Hugo figures (make bench installs Debian's hugo)")
    with tempfile.TemporaryDirectory(prefix="run-bench-") as tmp:
        work = Path(tmp)
        os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        series = {}
        for size in args.sizes:
            series[size] = generate(work / f"series-{size}", editions=size, news=10 * size)
        args.builder = os.path.abspath(args.builder)  # not resolve(): keep the venv
        found = variants(args.builder, work, series, hugo)
        if args.baseline:
            tree = checkout(args.baseline, work / "baseline")
            found += baseline_variants(args.builder, work, series, tree, args.baseline)
        measure_builds(found, args.runs)
        large = args.sizes[-1]
        largest = series[large]["runsite"]
        news = sorted((largest / "actualites").glob("*.fr.md"))
        editions = sorted((largest / "editions").glob("*.fr.md"))
        real = work / "real-content"
        shutil.copytree(ROOT / "content", real)
        labels = {"news": f"series of {large} editions, a news item's text",
                  "edition": f"series of {large} editions, an edition's text",
                  "site": "real site, the about page"}
        sites = {labels["news"]: (largest, news[len(news) // 2]),
                 labels["edition"]: (largest, editions[len(editions) // 2]),
                 labels["site"]: (real, real / "pages" / "a-propos.fr.md")}
        if args.baseline:
            for label, (content, edited) in list(sites.items()):
                sites[f"{label} @{args.baseline}"] = (content, edited, tree)
        rebuilds = measure_rebuilds(args.builder, sites, work, args.runs)
        reload = series_reload = lighthouse = None
        if not args.no_browser:
            reload = measure_reload(work, max(args.runs, 5))
            log(f"save → reloaded page, series of {large} editions")
            series_reload = measure_series_reload(work, series[large], max(args.runs, 5), hugo)
            if args.no_lighthouse:
                pass
            elif LIGHTHOUSE.exists():
                lighthouse = measure_lighthouse(work / "out-site", work / "lighthouse")
            else:
                log("bench/lighthouse.py not there yet: no Lighthouse figures")
        size_rows = sizes(work / "out-site")
        series_rows = sizes(work / f"out-run-{large}", SERIES_PAGE_TYPES, assets=False)
        search_rows = search_sizes(args.builder, work)
        archive_rows = archive_sizes(work / "out-search-demonstration")
        print_rows = None if args.no_print else print_times(args.builder, work, args.runs)
        profile_text = ""
        if args.profile:
            done = subprocess.run([args.builder, BENCH / "inprocess.py", "profile", largest,
                                   work / "out-profile", "--top", "25"],
                                  cwd=ROOT, capture_output=True, text=True, check=True,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)})
            profile_text = json.loads(done.stdout.splitlines()[-1])["profile"]
        meta = {"commit": commit(), "load_start": load_start, "load_end": os.getloadavg(),
                "date": f"{datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC",
                "runs": args.runs, "sizes": args.sizes, "hugo": hugo_version(hugo)}
        print(report(found, rebuilds, labels, reload, series_reload, lighthouse, size_rows,
                     series_rows, args.sizes, args.runs, profile_text, meta, args.baseline,
                     search_rows, archive_rows)
              + "\n".join(print_report(print_rows, args.runs) if print_rows else []))
        if args.json:
            args.json.write_text(json.dumps({
                "meta": meta,
                "builds": {v.name: {"pages": v.pages, "seconds": v.seconds, "cpu": v.cpu,
                                    "memory_mib": v.memory, "files": v.files} for v in found},
                "rebuilds": rebuilds, "reload": reload, "series_reload": series_reload,
                "lighthouse": lighthouse, "sizes": size_rows, "series_sizes": series_rows,
                "search": search_rows, "archive": archive_rows, "print": print_rows},
                indent=1))


if __name__ == "__main__":
    main()
