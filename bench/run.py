"""`make bench`: build times, rebuild and live-reload latency, memory and page sizes.

Everything is measured side by side in one run, builds alternated round by round,
and medians are printed: the machines are shared, so ratios matter, not seconds.

- the real site (content/), built as `make html` does;
- a generated fictional series (bench/generate.py) at two sizes, built by this
  project and, from the same texts as plain Markdown, by bare Pelican (default
  theme, no plugins) and by Pelican with the i18n_subsites plugin;
- in one process, a rebuild after editing one file against the full build;
- through the live preview, from saving a file to the browser having loaded the
  changed page (Playwright, Debian's chromium);
- peak memory of each build process; gzip sizes of pages, CSS and fonts;
- the search index of each language (Pagefind, built as `make publish` builds it)
  for the real site and the demonstration series, in bytes
  (``--search-only`` measures that alone, in seconds);
- the time the PDF programmes and the share images add to a build of the real site
  and of the demonstration series, from an empty cache and from a warm one
  (``--print-only`` measures that alone, in a few minutes).

Builds run in child processes with ``--builder`` (the bench virtualenv: the site's
pinned requirements plus pelican-i18n-subsites), so all three builders share one
interpreter and one Pelican.

``python bench/run.py --builder .venv-bench/bin/python [--runs 5] [--sizes 25 50]``
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
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

def run_child(command, cwd, log_path, tree=ROOT) -> tuple[float, float]:
    """(wall seconds, peak resident memory in MiB) of one child process, with the
    plugin of ``tree`` (this project, or the baseline commit's tree)."""
    # Bytecode is written, as a `make html` does (Python's default), but into the
    # run's own folder (PYTHONPYCACHEPREFIX, set by main) rather than the trees.
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with open(log_path, "w") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, command))}\n{Path(log_path).read_text()}")
    return seconds, usage.ru_maxrss / 1024  # Linux: KiB


class Variant:
    def __init__(self, name, command, output, cwd, tree=ROOT):
        self.name, self.command, self.output, self.cwd = name, command, output, cwd
        self.tree = tree
        self.seconds: list[float] = []
        self.memory: list[float] = []
        self.pages = 0

    def run(self, keep=False):
        if self.output.exists():
            shutil.rmtree(self.output)
        seconds, memory = run_child(self.command, self.cwd, self.output.with_suffix(".log"),
                                    self.tree)
        self.pages = sum(1 for _ in self.output.rglob("*.html"))
        return seconds, memory


def baseline_variants(builder, work: Path, series: dict, tree: Path, rev: str) -> list[Variant]:
    """The same builds of this project's content, by the baseline commit's tree."""
    site = [builder, "-m", build_module(tree)]
    found = [Variant(f"site@{rev}", [*site, tree / "content", "-o", work / "out-site-base",
                                      "-s", tree / "pelicanconf.py"],
                     work / "out-site-base", tree, tree)]
    for size, paths in series.items():
        found.append(Variant(f"runsite-{size}@{rev}",
                             [*site, paths["runsite"], "-o", work / f"out-run-{size}-base",
                              "-s", tree / "pelicanconf.py"],
                             work / f"out-run-{size}-base", tree, tree))
    return found


def variants(builder, work: Path, series: dict) -> list[Variant]:
    site = [builder, "-m", "runsite.tools.build"]
    pelican = [builder, "-m", "pelican"]
    found = [Variant("site", [*site, ROOT / "content", "-o", work / "out-site", "-s",
                              ROOT / "pelicanconf.py"], work / "out-site", ROOT)]
    for size, paths in series.items():
        found += [
            Variant(f"runsite-{size}", [*site, paths["runsite"], "-o", work / f"out-run-{size}",
                                        "-s", ROOT / "pelicanconf.py"],
                    work / f"out-run-{size}", ROOT),
            Variant(f"bare-{size}", [*pelican, paths["pelican"], "-o", work / f"out-bare-{size}",
                                     "-s", BENCH / "pelicanconf_bare.py"],
                    work / f"out-bare-{size}", work),
            Variant(f"i18n-{size}", [*pelican, paths["pelican"], "-o", work / f"out-i18n-{size}",
                                     "-s", BENCH / "pelicanconf_i18n_subsites.py"],
                    work / f"out-i18n-{size}", work),
        ]
    return found


def measure_builds(found: list[Variant], runs: int):
    log("warm-up: one build of each (checks that every builder succeeds)")
    for variant in found:
        variant.run()
    for round_ in range(runs):
        log(f"round {round_ + 1}/{runs}")
        order = found if round_ % 2 == 0 else list(reversed(found))
        for variant in order:
            seconds, memory = variant.run()
            variant.seconds.append(seconds)
            variant.memory.append(memory)


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


def measure_reload(work: Path, runs: int) -> dict:
    """Seconds from writing a content file to the browser's load event of the page
    showing the new text, through `python -m runsite.tools.serve` on a copy of the site."""
    from playwright.sync_api import sync_playwright

    project = work / "preview"
    for name in ("content", "theme", "translations", "runsite"):
        shutil.copytree(ROOT / name, project / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, project / name)
    port = _free_port()
    server_log = open(work / "serve.log", "w")
    server = subprocess.Popen(
        [sys.executable, "-m", "runsite.tools.serve", "content", "-o", "output", "-s",
         "pelicanconf.py", "--port", str(port)],
        cwd=project, stdout=server_log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    latencies, builds = [], []
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit((work / "serve.log").read_text()) from None
                time.sleep(0.1)
        source = project / "content" / "pages" / "a-propos.fr.md"
        original = source.read_text("utf-8")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium")
                                                 or "/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(f"{url}/a-propos/", wait_until="load")
            time.sleep(1)  # the livereload script connects its websocket
            for index in range(runs + 1):  # the first one warms up
                title = f"À propos, version {index}"
                text = original.replace("Title: À propos de la RUN", f"Title: {title}")
                with page.expect_navigation(wait_until="load", timeout=30000):
                    saved = time.time()
                    source.write_text(text, "utf-8")
                loaded = page.evaluate("performance.timeOrigin + performance.getEntriesByType"
                                       "('navigation')[0].loadEventStart") / 1000
                shown = page.locator("h1").inner_text()
                if shown != title:
                    raise SystemExit(f"reloaded page shows {shown!r}, not {title!r}")
                if index:
                    latencies.append(loaded - saved)
                time.sleep(0.5)
            browser.close()
        for line in (work / "serve.log").read_text().splitlines():
            if line.startswith("Site construit en"):
                builds.append(float(line.split()[3].replace(",", ".")))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        server_log.close()
    return {"reload": latencies, "server_build": builds[-runs:]}


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
            seconds, _ = run_child([builder, "-m", "runsite.tools.build", content, "-o", output,
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


# --- report --------------------------------------------------------------------

def median(values):
    return statistics.median(values) if values else float("nan")


def report(found, rebuilds, reload, size_rows, series_rows, sizes_, runs,
           profile_text, baseline=None, search_rows=(), archive_rows=()) -> str:
    by = {v.name: v for v in found}
    lines = [f"## Builds (median of {runs} alternated runs, whole process)", "",
             "| build | pages | seconds | peak memory (MiB) |", "| --- | ---: | ---: | ---: |"]
    for v in found:
        lines.append(f"| {v.name} | {v.pages} | {median(v.seconds):.2f} | "
                     f"{median(v.memory):.0f} |")
    lines += ["", "## Ratios", "", "| ratio | value | target |", "| --- | ---: | ---: |"]
    for size in sizes_:
        run, bare, i18n = (median(by[f"{k}-{size}"].seconds) for k in ("runsite", "bare", "i18n"))
        lines.append(f"| this project ÷ Pelican + i18n_subsites ({size} editions) | "
                     f"{run / i18n:.2f} | ≤ 0.6 |")
        lines.append(f"| this project ÷ bare Pelican ({size} editions) | {run / bare:.2f} | "
                     "≤ 1.3 |")
    if len(sizes_) == 2:
        small, large = sizes_
        for kind in ("runsite", "bare", "i18n"):
            a, b = by[f"{kind}-{small}"], by[f"{kind}-{large}"]
            extra = (median(b.seconds) - median(a.seconds)) / (b.pages - a.pages) * 100
            lines.append(f"| {kind}: {large} ÷ {small} editions (time; pages ×"
                         f"{b.pages / a.pages:.2f}; {extra:.2f} s per 100 more pages) | "
                         f"{median(b.seconds) / median(a.seconds):.2f} | linear |")
    for label, figures in rebuilds.items():
        if baseline and label.endswith(f"@{baseline}"):
            continue
        full, again = median(figures["full"]), median(figures["rebuild"])
        lines.append(f"| rebuild after one edit ÷ full build, in process, {label} "
                     f"({again:.2f} s ÷ {full:.2f} s) | {again / full:.2f} | ≤ 0.25 |")
    if reload:
        lines.append(f"| save → changed page loaded in the browser, real site (s; server "
                     f"build {median(reload['server_build']):.2f} s) | "
                     f"{median(reload['reload']):.2f} | ≤ 0.5 |")
        lines.append(f"| — all {len(reload['reload'])} runs (s) | "
                     + ", ".join(f"{x:.2f}" for x in reload["reload"]) + " | |")
    if baseline:
        lines += ["", f"## Against {baseline} (alternated in the same rounds)", "",
                  "| ratio, this tree ÷ the baseline | value | target |",
                  "| --- | ---: | ---: |"]
        for name in ["site", *(f"runsite-{size}" for size in sizes_)]:
            new, old = median(by[name].seconds), median(by[f"{name}@{baseline}"].seconds)
            lines.append(f"| full build, {name} ({new:.2f} s ÷ {old:.2f} s) | "
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


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--builder", default=sys.executable,
                        help="Python of the bench virtualenv (with pelican-i18n-subsites)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="+", default=[25, 50],
                        help="editions of the generated series (10 news items per edition)")
    parser.add_argument("--no-browser", action="store_true", help="skip the live preview")
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
    with tempfile.TemporaryDirectory(prefix="run-bench-") as tmp:
        work = Path(tmp)
        os.environ["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
        series = {}
        for size in args.sizes:
            series[size] = generate(work / f"series-{size}", editions=size, news=10 * size)
        args.builder = os.path.abspath(args.builder)  # not resolve(): keep the venv
        found = variants(args.builder, work, series)
        if args.baseline:
            tree = checkout(args.baseline, work / "baseline")
            found += baseline_variants(args.builder, work, series, tree, args.baseline)
        measure_builds(found, args.runs)
        largest = series[args.sizes[-1]]["runsite"]
        news = sorted((largest / "actualites").glob("*.fr.md"))
        real = work / "real-content"
        shutil.copytree(ROOT / "content", real)
        sites = {
            f"series of {args.sizes[-1]} editions": (largest, news[len(news) // 2]),
            "real site": (real, real / "pages" / "a-propos.fr.md"),
        }
        if args.baseline:
            for label, (content, edited) in list(sites.items()):
                sites[f"{label} @{args.baseline}"] = (content, edited, tree)
        rebuilds = measure_rebuilds(args.builder, sites, work, args.runs)
        reload = None if args.no_browser else measure_reload(work, max(args.runs, 5))
        size_rows = sizes(work / "out-site")
        series_rows = sizes(work / f"out-run-{args.sizes[-1]}", SERIES_PAGE_TYPES, assets=False)
        search_rows = search_sizes(args.builder, work)
        archive_rows = archive_sizes(work / "out-search-demonstration")
        print_rows = print_times(args.builder, work, args.runs)
        profile_text = ""
        if args.profile:
            done = subprocess.run([args.builder, BENCH / "inprocess.py", "profile", largest,
                                   work / "out-profile", "--top", "25"],
                                  cwd=ROOT, capture_output=True, text=True, check=True,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)})
            profile_text = json.loads(done.stdout.splitlines()[-1])["profile"]
        print(report(found, rebuilds, reload, size_rows, series_rows, args.sizes, args.runs,
                     profile_text, args.baseline, search_rows, archive_rows)
              + "\n".join(print_report(print_rows, args.runs)))
        if args.json:
            args.json.write_text(json.dumps({
                "builds": {v.name: {"pages": v.pages, "seconds": v.seconds,
                                    "memory_mib": v.memory} for v in found},
                "rebuilds": rebuilds, "reload": reload,
                "sizes": size_rows, "series_sizes": series_rows, "search": search_rows,
                "archive": archive_rows, "print": print_rows},
                indent=1))


if __name__ == "__main__":
    main()
