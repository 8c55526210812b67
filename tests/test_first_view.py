"""The first view in one round trip (issue 20): every page's HTML within 14 KiB of gzip,
its stylesheet inlined and allowed by its hash (never 'unsafe-inline'), its
language's fonts preloaded under their published names, the CSS minified.

On the real site and the demonstration series, both built as `make publish` builds
them (publishconf.py: hashed names, _headers, the search page, the PDFs)."""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
import runpy
from html import unescape
from pathlib import Path

import pytest
import tinycss2
from test_publish import CSS_URL, INLINE_STYLE, _matches, parse_headers_file

from conftest import ROOT, html_pages, run_build
from runsite.render import styles

# The first round trip of a new connection carries 10 TCP segments (RFC 6928): about
# 14.6 kB, the response's headers included (about 0.6 kB here, the policy the longest).
# Each page's HTML must fit in 14 KiB once compressed at gzip's default level (6,
# what a CDN compressing on the fly uses; the build's own .gz files, at 9, are smaller).
FIRST_ROUND_TRIP = 14 * 1024
GZIP_LEVEL = 6
SITEURL = "https://run.example.org"
META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
PRELOAD = re.compile(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" '
                     r"crossorigin>")
STYLESHEET = ROOT / "theme" / "css" / "run.css"


@pytest.fixture(scope="module")
def demo_publishconf(tmp_path_factory) -> Path:
    """publishconf.py with what demo/democonf.py changes over pelicanconf.py."""
    settings = tmp_path_factory.mktemp("settings") / "demo_publishconf.py"
    settings.write_text(
        "import runpy, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from publishconf import *  # noqa: F403\n"
        f"_site = runpy.run_path({str(ROOT / 'pelicanconf.py')!r})\n"
        f"_demo = runpy.run_path({str(ROOT / 'demo' / 'democonf.py')!r})\n"
        "globals().update({k: v for k, v in _demo.items() if k.isupper() and "
        "_site.get(k) != v})\n", "utf-8")
    assert runpy.run_path(str(settings))["RUN_DEMO"] is True
    return settings


@pytest.fixture(scope="module", params=["site", "demo"])
def published(request, tmp_path_factory, demo_publishconf) -> Path:
    output = tmp_path_factory.mktemp(f"published-{request.param}") / "output"
    if request.param == "site":
        build = run_build(output, settings=ROOT / "publishconf.py", fatal_warnings=True,
                          env={"SITEURL": SITEURL})
    else:
        build = run_build(output, content=ROOT / "demo" / "content",
                          settings=demo_publishconf, fatal_warnings=True,
                          env={"SITEURL": SITEURL})
    assert build.returncode == 0, build.stdout + build.stderr
    return output


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def style_hash(css: str) -> str:
    digest = hashlib.sha256(css.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def header_policy(output: Path, relative: str) -> str:
    """The Content-Security-Policy _headers sends with a page (exactly one)."""
    address = "/" + relative.removesuffix("index.html")
    rules = parse_headers_file((output / "_headers").read_text("utf-8"))
    [policy] = [value for pattern, headers in rules if _matches(pattern, address)
                for name, value in headers if name == "Content-Security-Policy"]
    return policy


def test_every_page_fits_in_the_first_round_trip(published):
    pages = html_pages(published)
    assert len(pages) > 20
    sizes = {relative: gzip_size((published / relative).read_bytes()) for relative in pages}
    over = {relative: size for relative, size in sizes.items() if size > FIRST_ROUND_TRIP}
    assert over == {}


def test_every_inline_style_is_allowed_by_its_hash_in_the_meta_and_the_header(published):
    for relative in html_pages(published):
        html = (published / relative).read_text("utf-8")
        inline = INLINE_STYLE.findall(html)
        assert len(inline) == 1, relative  # the stylesheet, once
        assert "<link rel=\"stylesheet\"" not in html.split("<noscript>")[0], relative
        meta = unescape(META_POLICY.search(html)[1])
        header = header_policy(published, relative)
        for policy in (meta, header):
            assert "unsafe-inline" not in policy, relative
            style_src = re.search(r"(?:^|; )style-src ([^;]*)", policy)[1].split()
            for css in inline:
                assert style_hash(css) in style_src, relative


def test_every_page_has_the_same_stylesheet_naming_the_published_fonts(published):
    """One text, so one hash for the whole site; its fonts exist under their hashed
    names, and are the files the page preloads."""
    texts = {INLINE_STYLE.search((published / relative).read_text("utf-8"))[1]
             for relative in html_pages(published)}
    assert len(texts) == 1
    [css] = texts
    fonts = CSS_URL.findall(css)
    assert len(fonts) == 2
    for url in fonts:
        assert re.match(rf"{SITEURL}/theme/fonts/noto-sans-(?:latin|arabic)-wght\.[0-9a-f]{{8}}"
                        r"\.woff2$", url), url
        assert (published / url.removeprefix(SITEURL + "/")).is_file(), url


def test_each_page_preloads_the_fonts_of_its_language(published):
    for relative in html_pages(published):
        html = (published / relative).read_text("utf-8")
        lang = re.search(r'<html lang="(\w+)"', html)[1]
        preloaded = PRELOAD.findall(html)
        names = [re.sub(r"\.[0-9a-f]{8}\.woff2$", "", url.rsplit("/", 1)[1]) for url in preloaded]
        # An Arabic page needs both: the Arabic file has no space, digit or Latin letter.
        expected = {"fr": ["noto-sans-latin-wght"],
                    "ar": ["noto-sans-arabic-wght", "noto-sans-latin-wght"]}[lang]
        assert names == expected, relative
        css = INLINE_STYLE.search(html)[1]
        for url in preloaded:  # the very address the @font-face asks for
            assert f'url("{url}")' in css, relative
            assert (published / url.removeprefix(SITEURL + "/")).is_file(), relative


def test_the_fonts_unicode_ranges_are_what_the_files_draw():
    """The browser picks a face by its unicode-range: a character a file lacks must
    fall outside it (so the system's font draws it, not a blank)."""
    from fontTools.ttLib import TTFont

    text = STYLESHEET.read_text("utf-8")
    for face in styles.FONT_FACE.finditer(text):
        [source] = [m["u"] for m in styles.URL.finditer(face["body"]) if m["u"]]
        font = TTFont(STYLESHEET.parent / source)
        drawn = set(font.getBestCmap())
        ranges = styles.UNICODE_RANGE.search(face["body"])["ranges"]
        declared = {code for low, high in styles.unicode_ranges(ranges)
                    for code in range(low, high + 1)}
        if "arabic" in source:
            assert declared - {0x200C, 0x200D, 0x200E, 0x200F} <= drawn | {0x25CC}, source
            # Every Arabic character the site's texts and catalogs use is in the file.
            used = {ord(c) for folder in ("content", "demo", "translations")
                    for path in (ROOT / folder).rglob("*") if path.suffix in (".md", ".toml", ".po")
                    for c in path.read_text("utf-8") if 0x0600 <= ord(c) <= 0x06FF}
            assert used <= drawn & declared
        else:
            assert {0x20, *range(0x30, 0x3A)} <= drawn & declared


def tokens(css: str) -> list[str]:
    """The stylesheet as CSS tokens, without comments and whitespace; a block as its
    opening bracket (or function name), its tokens and ')'."""
    def flatten(nodes):
        for node in nodes:
            if node.type in ("whitespace", "comment"):
                continue
            if node.type == "function":
                yield f"{node.lower_name}("
                yield from flatten(node.arguments)
                yield ")"
            elif node.type in ("() block", "[] block", "{} block"):
                yield node.type[0]
                yield from flatten(node.content)
                yield ")"
            else:
                yield node.serialize()
    found = list(flatten(tinycss2.parse_component_value_list(css, skip_comments=True)))
    # A declaration's ';' before the end of its block says nothing (minifiers drop it).
    return [t for i, t in enumerate(found) if not (t == ";" and found[i + 1:i + 2] == [")"])]


def test_minified_stylesheet_says_the_same_and_is_byte_stable():
    source = STYLESHEET.read_text("utf-8")
    minified = styles.minify(source)
    assert tokens(minified) == tokens(source)
    assert styles.minify(source) == minified
    assert len(minified) < 0.8 * len(source)
    assert "/*" not in minified and "\n" not in minified


def test_the_preview_inlines_the_same_stylesheet_with_plain_font_names(site):
    html = (site / "ar" / "index.html").read_text("utf-8")
    css = INLINE_STYLE.search(html)[1]
    assert 'url("/theme/fonts/noto-sans-arabic-wght.woff2")' in css
    assert PRELOAD.findall(html) == ["/theme/fonts/noto-sans-arabic-wght.woff2",
                                     "/theme/fonts/noto-sans-latin-wght.woff2"]
    assert "Content-Security-Policy" not in html
    assert not (site / "theme" / "css" / "run.css").exists()  # no page names it
