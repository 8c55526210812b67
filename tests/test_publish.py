"""`make publish`: absolute links, hashed asset names, .gz/.br, safe headers; served over
HTTP like GitHub Pages does; never half a site; the same bytes for the same sources."""

from __future__ import annotations

import functools
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from html import unescape
from pathlib import Path
from urllib.parse import urljoin

import brotli
import pytest

from conftest import (
    FIXTURE_SITE,
    ROOT,
    _QuietHandler,
    copy_project,
    fixture_extra,
    html_pages,
    run_build,
    snapshot,
    static_server,
)

HASHED = re.compile(r"\.([0-9a-f]{8})\.(?:css|woff2?|ttf|otf|png|jpe?g|gif|webp|avif|svg|ico)$")
ASSET = re.compile(r"\.(?:css|woff2?|ttf|otf|png|jpe?g|gif|webp|avif|svg|ico)$", re.I)
TEXT = re.compile(r"\.(?:html|css|xml|svg|js|json|ics|txt|atom|rss|webmanifest)$")
ROOT_FILES = {"favicon.ico", "favicon.svg"}  # also kept under their own name
ATTRIBUTE = re.compile(r"""\s(href|src|srcset)\s*=\s*(["'])(.*?)\2""", re.S)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
# The hash of the stylesheet inlined in every page (tests/test_first_view.py checks
# its value): written 'sha256-…' here, so that a change of the CSS changes no test.
STYLE_HASH = re.compile(r"'sha256-[A-Za-z0-9+/]+={0,2}'")


def without_hashes(policy: str) -> str:
    return STYLE_HASH.sub("'sha256-…'", policy)


def copy_whole_project(destination: Path) -> Path:
    """A fresh-clone-like copy: what git tracks, without outputs, caches or venvs."""
    shutil.copytree(ROOT, destination, ignore=shutil.ignore_patterns(
        ".venv", ".git", "output", ".output*", "test-artifacts", "cache", "__pycache__",
        ".pytest_cache", ".ruff_cache", "node_modules"))
    return destination


def make(project: Path, *targets: str, **variables) -> subprocess.CompletedProcess:
    command = ["make", *targets, f"VENV={ROOT / '.venv'}",
               *(f"{key}={value}" for key, value in variables.items())]
    return subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=600)


class PagesHandler(_QuietHandler):
    """A static host like GitHub Pages (/404.html, status 404, for a missing address)
    that also sends the headers of _headers, like Netlify and Cloudflare Pages."""

    def end_headers(self):
        for name, value in headers_for(Path(self.directory), self.path):
            self.send_header(name, value)
        super().end_headers()

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


def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    rules = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        else:
            name, _, value = line.strip().partition(":")
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(folder: Path, path: str):
    rules = folder / "_headers"
    if not rules.is_file():
        return []
    path = path.split("?")[0]
    found = []
    for pattern, headers in parse_headers_file(rules.read_text("utf-8")):
        if pattern == path or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            found += headers
    return found


def pages_server(directory: Path):
    """Serves ``directory`` (which may not exist yet) on 127.0.0.1, as GitHub Pages."""
    return static_server(directory, PagesHandler)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """`make publish` on a fresh copy of the project, its SITEURL the address of the
    server that then serves it."""
    project = copy_whole_project(tmp_path_factory.mktemp("publish") / "project")
    output = project / "output"
    with pages_server(output) as url:
        done = make(project, "publish", SITEURL=url)
        assert done.returncode == 0, done.stdout + done.stderr
        yield output, url


def references(output: Path):
    """(file, reference) for every href/src/srcset of every page, url() of its inline
    stylesheet and of every CSS file."""
    for path in sorted(output.rglob("*")):
        if path.suffix == ".html":
            html = path.read_text("utf-8")
            for style in INLINE_STYLE.findall(html):
                for value in CSS_URL.findall(style):
                    yield path, value
            for name, _, value in ATTRIBUTE.findall(html):
                if name == "srcset":
                    for candidate in value.split(","):
                        yield path, candidate.split()[0]
                else:
                    yield path, value.strip()
        elif path.suffix == ".css":
            for value in CSS_URL.findall(path.read_text("utf-8")):
                yield path, value


def target_file(output: Path, page: Path, reference: str, siteurl: str) -> Path | None:
    """The file a reference names on this site, or None for other sites and anchors."""
    path = re.split(r"[?#]", reference)[0]
    if siteurl and path.startswith(siteurl):
        path = path[len(siteurl):]
    if not path or re.match(r"^(?:[a-z][a-z0-9+.-]*:|//)", path):
        return None
    if path.startswith("/"):
        target = output / path.lstrip("/")
    else:
        target = page.parent / path
    target = target.resolve()
    return target / "index.html" if target.is_dir() else target


# --- What make publish writes ---------------------------------------------------------

def test_links_are_absolute_under_siteurl(published):
    output, url = published
    checked = 0
    for page, reference in references(output):
        if page.suffix != ".html" or reference.startswith(("#", "mailto:")):
            continue
        internal = not re.match(r"^https?://", reference) or reference.startswith(url)
        if internal:
            assert reference.startswith(url + "/"), (page.relative_to(output), reference)
            checked += 1
    assert checked > 500


def test_assets_have_hashed_names_and_every_reference_exists(published):
    output, url = published
    for path in sorted(output.rglob("*")):
        relative = path.relative_to(output).as_posix()
        if not path.is_file() or not ASSET.search(relative) or relative in ROOT_FILES:
            continue
        match = HASHED.search(relative)
        assert match, f"{relative}: name without its content's hash"
        assert match[1] == hashlib.sha256(path.read_bytes()).hexdigest()[:8], relative

    named = set()
    for page, reference in references(output):
        target = target_file(output, page, reference, url)
        if target is None:
            continue
        assert target.is_file(), (page.relative_to(output), reference)
        relative = target.relative_to(output).as_posix()
        if ASSET.search(relative):
            assert HASHED.search(relative), (page.relative_to(output), reference)
            named.add(re.sub(r"\.[0-9a-f]{8}\.", ".", relative))
    assert {"theme/css/noscript.css", "theme/fonts/noto-sans-latin-wght.woff2",
            "theme/fonts/noto-sans-arabic-wght.woff2", "favicon.svg",
            "favicon.ico"} <= named
    assert not (output / "theme" / "css" / "run.css").exists()


def test_text_files_have_gz_and_br_beside_them(published):
    output, _ = published
    originals = compressed = 0
    for path in sorted(output.rglob("*")):
        if not path.is_file() or not TEXT.search(path.name):
            continue
        data = path.read_bytes()
        for suffix, compress, decompress in (
                (".gz", functools.partial(gzip.compress, compresslevel=9, mtime=0),
                 gzip.decompress),
                (".br", brotli.compress, brotli.decompress)):
            packed = path.with_name(path.name + suffix)
            if packed.exists():
                assert decompress(packed.read_bytes()) == data, packed
                if suffix == ".gz":
                    assert packed.read_bytes()[4:8] == b"\0\0\0\0"  # no time stamp
            else:  # only where compression would not save 5%
                assert len(compress(data)) > 0.95 * len(data), packed
        if path.suffix == ".html":
            assert path.with_name(path.name + ".br").exists(), path
            originals += len(data)
            compressed += path.with_name(path.name + ".br").stat().st_size
    assert compressed < originals / 3


SITE_POLICY = ("default-src 'self'; script-src 'none'; style-src 'self' 'sha256-…'; "
               "img-src 'self' data:; "
               "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
               "frame-ancestors 'none'")
SEARCH_POLICY = SITE_POLICY.replace("script-src 'none'", "script-src 'self' 'wasm-unsafe-eval'")
SEARCH_PAGES = {"recherche/index.html", "ar/recherche/index.html"}


def _rules(output):
    """_headers as {pattern: {header: value}}: a pattern given twice would be lost."""
    rules = parse_headers_file((output / "_headers").read_text("utf-8"))
    assert len({pattern for pattern, _ in rules}) == len(rules)
    return {pattern: dict(headers) for pattern, headers in rules}


def _matches(pattern, path):
    return pattern == path or (pattern.endswith("*") and path.startswith(pattern[:-1]))


def _covered(output, patterns):
    """The files (not their .gz/.br copies) that ``patterns`` give a year of cache."""
    files = ["/" + p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()]
    return {f for f in files if not f.endswith((".gz", ".br"))
            and any(_matches(pattern, f) for pattern in patterns)}


def test_headers_file_has_the_policy_and_a_year_of_cache_for_hashed_files_only(published):
    output, _ = published
    rules = _rules(output)
    assert rules.pop("/*") == {"Referrer-Policy": "strict-origin-when-cross-origin",
                               "X-Content-Type-Options": "nosniff"}
    cached = {pattern for pattern, headers in rules.items() if "Cache-Control" in headers}
    hashed = {"/" + p.relative_to(output).as_posix() for p in output.rglob("*")
              if p.is_file() and HASHED.search(p.name)}
    assert len(hashed) >= 5
    assert _covered(output, cached) == hashed
    for pattern in cached:  # (a hashed file at the root also has its policy: see below)
        headers = dict(rules[pattern])
        headers.pop("Content-Security-Policy", None)
        assert headers == {"Cache-Control": "public, max-age=31536000, immutable"}


def test_every_address_gets_exactly_one_policy_and_only_search_runs_a_script(published):
    """Two policies for one address would both be enforced (Cloudflare Pages joins
    matching rules, Netlify keeps the last one): the rules never overlap, and only
    the search pages' policy lets a script (and WebAssembly) run."""
    output, _ = published
    policies = {pattern: without_hashes(headers["Content-Security-Policy"])
                for pattern, headers in _rules(output).items()
                if "Content-Security-Policy" in headers}
    assert set(policies.values()) == {SITE_POLICY, SEARCH_POLICY}
    files = [p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()]
    # (.gz and .br copies are sent by servers under the original file's address)
    addresses = [f"/{f}" for f in files if f != "_headers" and not f.endswith((".gz", ".br"))]
    addresses += [f"/{f.removesuffix('index.html')}" for f in files if f.endswith("index.html")]
    for address in addresses:
        matching = [policy for pattern, policy in policies.items() if _matches(pattern, address)]
        search = address.removeprefix("/").removesuffix("index.html") + "index.html" in \
            SEARCH_PAGES
        assert matching == [SEARCH_POLICY if search else SITE_POLICY], address
    for address in ("/recherche/", "/ar/recherche/", "/pagefind/pagefind.js"):
        assert address in addresses


def test_the_nginx_configuration_in_the_docs_matches_the_build(published):
    output, _ = published
    headers_conf, search_conf, site_conf = re.findall(
        r"```nginx\n(.*?)```", (ROOT / "docs" / "hosting.md").read_text("utf-8"), re.S)
    rules = _rules(output)
    every = rules.pop("/*")
    add_header = r'add_header ([\w-]+) "([^"]+)" always;'
    # (the stylesheet's hash written 'sha256-…' in the docs: it changes with the CSS)
    assert dict(re.findall(add_header, headers_conf)) == {
        **every, "Content-Security-Policy": without_hashes(rules["/"]["Content-Security-Policy"])}
    assert dict(re.findall(add_header, search_conf)) == {
        **every, "Content-Security-Policy":
            without_hashes(rules["/recherche/*"]["Content-Security-Policy"])}
    pattern = re.compile(re.search(r'location ~\* "([^"]+)"', site_conf)[1], re.I)
    matched = {"/" + p.relative_to(output).as_posix() for p in output.rglob("*")
               if p.is_file() and pattern.search(p.name)}
    # exactly the files with a year of cache in _headers
    assert matched == _covered(output, {pattern for pattern, headers in rules.items()
                                        if "Cache-Control" in headers})
    # the search location: exactly the search pages, and it includes their headers
    search = re.search(r'location ~ "([^"]+)" \{\s*include snippets/run-search-headers.conf;',
                       site_conf)
    paths = [p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()]
    paths += [p.removesuffix("index.html") for p in paths if p.endswith("index.html")]
    assert {p for p in paths if re.search(search[1], "/" + p)} == {
        *SEARCH_PAGES, "recherche/", "ar/recherche/"}


def test_pages_carry_the_policy_and_nothing_it_would_block(published):
    output, url = published
    pages = html_pages(output)
    assert len(pages) > 20
    for relative in pages:
        html = (output / relative).read_text("utf-8")
        head = html.split("<head>", 1)[1]
        # First in <head> after the charset: the policy covers everything after it.
        # (the quotes of 'self' escaped as &#39; by the templates' autoescaping)
        policy = re.match(r'\s*<meta charset="utf-8">\s*<meta http-equiv="Content-Security-'
                          r'Policy" content="([^"]*)">', head)
        assert policy, relative
        # The <meta> policy is the header's, without frame-ancestors (ignored there).
        search = relative in SEARCH_PAGES
        expected = SEARCH_POLICY if search else SITE_POLICY
        assert without_hashes(unescape(policy[1])) == expected.removesuffix(
            "; frame-ancestors 'none'")
        assert "frame-ancestors" not in html, relative
        # One <style>, the stylesheet, allowed by its hash (tests/test_first_view.py);
        # no style attribute, no event handler.
        assert len(re.findall(r"<style\b", html, re.I)) == 1, relative
        assert not re.search(r"\sstyle\s*=|\son[a-z]+\s*=", html, re.I), relative
        scripts = [s for s in re.findall(r"<script\b[^>]*>", html, re.I)
                   if 'type="application/ld+json"' not in s]
        # The search page's own script, as a file of the site; no other page has one.
        assert scripts == ([f'<script type="module" src="{url}/theme/js/search.js">']
                           if search else []), relative


def test_preview_keeps_plain_names_and_no_policy(site):
    assert (site / "theme" / "fonts" / "noto-sans-latin-wght.woff2").is_file()
    assert not list(site.rglob("*.gz")) and not list(site.rglob("*.br"))
    assert not (site / "_headers").exists()
    assert "Content-Security-Policy" not in (site / "index.html").read_text("utf-8")


# --- Served over HTTP --------------------------------------------------------------------

def test_every_page_and_asset_answers_200(published):
    output, url = published
    files = [p for p in sorted(output.rglob("*")) if p.is_file()]
    for path in files:
        status, _, body = fetch(f"{url}/{path.relative_to(output).as_posix()}")
        assert status == 200 and body == path.read_bytes(), path
    addresses = {urljoin(f"{url}/{page.relative_to(output).as_posix()}", reference)
                 for page, reference in references(output)}
    addresses = sorted({a.split("#")[0] for a in addresses if a.startswith(url + "/")})
    assert len(addresses) > 25  # pages, fonts (preloaded, named by the CSS), icons
    for address in addresses:
        status, _, _ = fetch(address)
        assert status == 200, address


def test_a_missing_address_gets_the_bilingual_404(published):
    output, url = published
    for missing in ("/nulle-part/", "/ar/editions/run-99/", "/theme/css/run.css"):
        status, _, body = fetch(url + missing)
        assert status == 404, missing
        assert body == (output / "404.html").read_bytes()
    page = body.decode("utf-8")
    assert 'lang="fr"' in page and 'lang="ar"' in page
    assert "Page introuvable" in page and "الصفحة غير موجودة" in page


def test_a_browser_loads_every_page_without_a_policy_violation(page, published):
    """Chromium, with the policy both in the <meta> and in the HTTP header (_headers)."""
    output, url = published
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script("""document.addEventListener('securitypolicyviolation',
        e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));""")
    addresses = [f"{url}/{p.removesuffix('index.html')}" for p in html_pages(output)]
    for address in [*addresses, f"{url}/nulle-part/"]:
        response = page.goto(address)
        missing = address.endswith("/nulle-part/")
        assert response.status == (404 if missing else 200), address
        if not missing:  # a missing address: the 404 page's <meta> policy (test above)
            assert without_hashes(response.headers["content-security-policy"]) in (
                SITE_POLICY, SEARCH_POLICY)
        page.evaluate("document.fonts.ready")
        assert page.evaluate(
            "getComputedStyle(document.body).fontFamily").startswith('"RUN Sans"'), address
        assert page.evaluate("[...document.fonts].some(f => f.status === 'loaded')"), address
        if missing:  # Chromium reports the page's own 404
            errors = [e for e in errors if "status of 404" not in e]
        assert errors == [], address
    # The policy is enforced: an inline script is blocked, and reported.
    directive = page.evaluate("""() => new Promise(resolve => {
        document.addEventListener('securitypolicyviolation', e => resolve(e.violatedDirective));
        const script = document.createElement('script');
        script.textContent = 'window.inlineRan = true';
        document.head.append(script);
    })""")
    assert directive.startswith("script-src")
    assert page.evaluate("window.inlineRan") is None


# --- Never half a site; the same bytes -----------------------------------------------

def publish_build(project, output, siteurl="http://127.0.0.1:8000"):
    return run_build(output, cwd=project, settings=project / "publishconf.py",
                     fatal_warnings=True, env={"SITEURL": siteurl})


def test_a_broken_content_file_fails_publish_and_leaves_output_identical(tmp_path):
    project = copy_project(tmp_path)
    output = tmp_path / "output"
    (output / "theme").mkdir(parents=True)
    (output / "theme" / "ancien.css").write_text("", "utf-8")
    first = publish_build(project, output)
    assert first.returncode == 0, first.stderr
    assert not (output / "theme" / "ancien.css").exists()  # the output is a new folder
    before = snapshot(output)
    edition = project / "content" / "editions" / "run-3.toml"
    edition.write_text(edition.read_text("utf-8").replace("2017-12-05", "2017-13-05"), "utf-8")

    build = publish_build(project, output)

    assert build.returncode == 1
    assert "content/editions/run-3.toml:7:" in build.stderr
    assert "Traceback" not in build.stderr + build.stdout
    assert snapshot(output) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".output")] == []


def test_a_stylesheet_naming_a_missing_file_fails_publish_and_leaves_output_identical(tmp_path):
    project = copy_project(tmp_path)
    output = tmp_path / "output"
    assert publish_build(project, output).returncode == 0
    before = snapshot(output)
    css = project / "theme" / "css" / "run.css"
    text = css.read_text("utf-8")
    css.write_text(text.replace("noto-sans-arabic-wght.woff2", "absente.woff2"), "utf-8")
    line = text[:text.index("noto-sans-arabic-wght.woff2")].count("\n") + 1

    build = publish_build(project, output)

    assert build.returncode == 1
    assert (f"theme/css/run.css:{line}: « ../static/fonts/absente.woff2 » n'existe pas dans "
            "le site publié") in build.stderr
    assert snapshot(output) == before


def test_two_publish_builds_of_the_same_sources_are_byte_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = publish_build(ROOT, tmp_path / "first", "https://run.example.org")
    # The same sources elsewhere on disk, built again.
    second = publish_build(copy_project(tmp_path), tmp_path / "second", "https://run.example.org")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    one, two = snapshot(first.output), snapshot(second.output)
    assert one.keys() == two.keys()
    assert [p for p in one if one[p] != two[p]] == []
    assert any(p.suffix == ".br" for p in one) and any(HASHED.search(p.name) for p in one)


# --- Other ways of building -------------------------------------------------------------

@pytest.mark.parametrize("extra", [
    {"RUN_FINGERPRINT": True},  # root-relative links
    {"RUN_FINGERPRINT": True, "RELATIVE_URLS": True},  # relative links
], ids=["root-relative", "relative"])
def test_hashed_names_in_every_link_style(tmp_path, extra):
    build = run_build(tmp_path / "output", extra=extra)
    assert build.returncode == 0, build.stderr
    checked = 0
    for page, reference in references(build.output):
        target = target_file(build.output, page, reference, "")
        if target is None:
            continue
        assert target.is_file(), (page, reference)
        if ASSET.search(target.name):
            assert HASHED.search(target.name), (page, reference)
            checked += 1
    assert checked > 60


def test_partner_logos_get_hashed_names(tmp_path):
    build = run_build(tmp_path / "output", content=FIXTURE_SITE / "content",
                      settings=ROOT / "publishconf.py", extra=fixture_extra(),
                      env={"SITEURL": "https://run.example.org"})
    assert build.returncode == 0, build.stderr
    [logo] = (build.output / "images").glob("plateforme-fictive.*.svg")
    assert HASHED.search(logo.name)
    html = (build.output / "partenaires" / "index.html").read_text("utf-8")
    assert re.search(rf'src="https?://[^"]+/images/{re.escape(logo.name)}"', html)
    assert "plateforme-fictive.svg" not in html


def test_make_help_and_the_readme_document_the_publishing_targets():
    shown = subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True).stdout
    readme = (ROOT / "README.md").read_text("utf-8")
    for target in ("publish", "rsync_upload", "github"):
        assert f"make {target} " in shown and f"| `make {target}` |" in readme, target
    for variable in ("SSH_HOST", "SSH_PORT", "SSH_USER", "SSH_TARGET_DIR", "GITHUB_PAGES_BRANCH"):
        assert f"{variable}=" in shown and f"`{variable}`" in readme, variable


def test_make_github_pushes_the_published_site_to_the_pages_branch(tmp_path):
    project = copy_whole_project(tmp_path / "project")
    remote = tmp_path / "remote.git"
    git = functools.partial(subprocess.run, check=True, capture_output=True, text=True)
    git(["git", "init", "-q", "--bare", str(remote)])
    git(["git", "init", "-q"], cwd=project)
    git(["git", "config", "user.name", "Test"], cwd=project)
    git(["git", "config", "user.email", "test@example.org"], cwd=project)
    git(["git", "remote", "add", "origin", str(remote)], cwd=project)

    done = make(project, "github", SITEURL="https://example.org/run")

    assert done.returncode == 0, done.stdout + done.stderr
    files = git(["git", "ls-tree", "-r", "--name-only", "gh-pages"], cwd=remote).stdout.split()
    assert {".nojekyll", "_headers", "index.html", "ar/index.html", "404.html"} <= set(files)
    assert sorted(set(files) - {".nojekyll"}) == sorted(p.relative_to(project / "output").as_posix()
                                   for p in (project / "output").rglob("*") if p.is_file())
    index = git(["git", "show", "gh-pages:index.html"], cwd=remote).stdout
    assert re.search(r'href="https://example.org/run/theme/fonts/noto-sans-latin-wght\.[0-9a-f]{8}'
                     r'\.woff2"', index)
    assert re.search(r'url\("https://example.org/run/theme/fonts/noto-sans-arabic-wght\.[0-9a-f]{8}'
                     r'\.woff2"\)', index)


def test_make_rsync_upload_copies_the_published_site(tmp_path):
    project = copy_whole_project(tmp_path / "project")
    target = tmp_path / "www"
    target.mkdir()
    (target / "ancienne-page.html").write_text("old", "utf-8")
    # A stand-in for ssh that runs the remote side of rsync on this machine.
    fake_ssh = tmp_path / "fake-ssh"
    fake_ssh.write_text('#!/bin/sh\nwhile [ $# -gt 0 ]; do case "$1" in\n'
                        '  -p|-l) shift 2;;\n  -*) shift;;\n  *) shift; break;;\nesac; done\n'
                        'exec sh -c "$*"\n', "utf-8")
    fake_ssh.chmod(0o755)

    done = make(project, "rsync_upload", SITEURL="https://run.example.org",
                SSH=str(fake_ssh), SSH_HOST="run.example.org", SSH_USER="deploy",
                SSH_TARGET_DIR=str(target))

    assert done.returncode == 0, done.stdout + done.stderr
    assert snapshot(target) == snapshot(project / "output")
    assert os.access(target / "index.html", os.R_OK)
