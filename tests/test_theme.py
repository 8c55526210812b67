"""The theme: direction by construction, accessibility in both languages, budgets.

Real browser (Debian's chromium) for every page type × {fr, ar} × {375, 1280} px.
"""

from __future__ import annotations

import gzip
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT, html_pages
from runsite.render import styles

PAGE_TYPES = {
    "home": "", "edition": "editions/run-3/", "agenda": "editions/run-3/programme/",
    "timeline": "chronologie/", "partners": "partenaires/", "news": "actualites/",
    "article": "actualites/annonce-run-3/", "page": "a-propos/",
    "accessibility": "accessibilite/", "privacy": "confidentialite/",
}
WIDTHS = {"phone": 375, "desktop": 1280}
CSS = ROOT / "theme" / "css" / "run.css"

# Physical (left/right) CSS: forbidden. Direction comes from logical properties.
PHYSICAL = re.compile(
    r"(?<![-\w])(?:margin|padding|border)-(?:left|right)\b"
    r"|(?<![-\w])(?:left|right)\s*:"
    r"|\b(?:float|clear|text-align)\s*:\s*(?:left|right)\b"
    r"|border-(?:top|bottom)-(?:left|right)-radius"
    r"|\b(?:top|bottom)\s*:"
    r"|\bdirection\s*:|\bunicode-bidi\s*:"
)
# Direction-specific rules allowed: mirroring directional icons only.
ALLOWED_RTL_RULE = re.compile(r'^\[dir="rtl"\] \.run-[\w-]+(?:::(?:before|after))?$')


def css_rules(text):
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.findall(r"([^{}]+)\{([^{}]*)\}", text)


def test_css_uses_logical_properties_only():
    offenders = [f"{selector.strip()} {{{body.strip()}}}"
                 for selector, body in css_rules(CSS.read_text("utf-8"))
                 if PHYSICAL.search(body)]
    assert offenders == []


def test_direction_specific_css_only_mirrors_icons():
    for selector, body in css_rules(CSS.read_text("utf-8")):
        # The page's direction ([dir="rtl"] on <html>), not an element's own dir
        # (bdi[dir="ltr"], the Latin runs that runsite/read/bidi.py isolates).
        if re.search(r'(?:^|[\s,>+~])\[dir=|:dir\(', selector):
            selectors = [s.strip() for s in selector.split(",")]
            assert all(ALLOWED_RTL_RULE.match(s) for s in selectors), selector
            assert re.fullmatch(r"\s*transform:\s*scaleX\(-1\);?\s*", body), body


def test_the_lint_catches_physical_properties():
    sample = ".a { margin-left: 1rem } .b { text-align: right } .c { inset-inline-start: 0 }"
    assert [s.strip() for s, b in css_rules(sample) if PHYSICAL.search(b)] == [".a", ".b"]


def test_size_budgets(site):
    for relative in html_pages(site):
        size = len(gzip.compress((site / relative).read_bytes(), 9))
        assert size <= 14 * 1024, (relative, size)
    # The stylesheet inlined in every page, and the CSS files.
    css = styles.minify(CSS.read_text("utf-8")).encode("utf-8")
    css += b"".join(p.read_bytes() for p in site.rglob("*.css"))
    assert len(gzip.compress(css, 9)) <= 10 * 1024


@pytest.fixture(scope="module")
def axe():
    return Axe()


def _open(page, site_url, kind, lang, width, requests):
    page.set_viewport_size({"width": width, "height": 900})
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{site_url}/" + ("ar/" if lang == "ar" else "") + PAGE_TYPES[kind])
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_page_in_browser(page, site_url, axe, kind, lang, width):
    requests: list[str] = []
    _open(page, site_url, kind, lang, width, requests)

    # Nothing is asked of any other host.
    assert [url for url in requests if not url.startswith(site_url)] == []
    # axe-core: no WCAG 2.x A/AA violation.
    results = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                   "wcag22aa", "best-practice"]})
    violations = [(v["id"], [n["target"] for n in v["nodes"]])
                  for v in results.response["violations"]]
    assert violations == []
    # One h1, a main landmark, the skip link leading to it.
    assert page.locator("h1").count() == 1
    assert page.locator("main#main-content").count() == 1
    assert page.locator('a.run-skip-link[href="#main-content"]').count() == 1
    # Direction and Arabic typography, as computed by the browser.
    direction = page.evaluate("getComputedStyle(document.body).direction")
    assert direction == ("rtl" if lang == "ar" else "ltr")
    if lang == "ar":
        assert page.evaluate(SPACED_ARABIC) == []
        assert page.evaluate(LOW_CONTRAST) == []


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("lang", ["fr", "ar"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_horizontal_scrolling_on_small_phones(page, site_url, kind, lang, width):
    _open(page, site_url, kind, lang, width, [])
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_at_most_two_font_files_per_language(page, site_url, lang):
    requests: list[str] = []
    _open(page, site_url, "home", lang, 375, requests)
    fonts = [url for url in requests if url.endswith(".woff2")]
    assert 1 <= len(fonts) <= 2, fonts
    if lang == "ar":
        assert any("arabic" in url for url in fonts)


def test_bilingual_404(page, site_url):
    response = page.goto(f"{site_url}/404.html")
    assert response.status == 200
    assert page.locator('section[lang="fr"] h1').inner_text() == "Page introuvable"
    assert page.locator('section[lang="ar"][dir="rtl"] h2').inner_text() == "الصفحة غير موجودة"
    assert page.locator('section[lang="ar"] a[href="/ar/"]').count() == 1


def test_favicon_and_keyboard_focus_is_visible(page, site_url):
    page.goto(f"{site_url}/ar/")
    assert page.request.get(f"{site_url}/favicon.ico").status == 200
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "run-skip-link"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none" or \
        page.evaluate("document.activeElement.getBoundingClientRect().top") >= 0
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineWidth")
    assert outline == "3px"


# Elements with Arabic text whose computed letter-spacing is not zero.
SPACED_ARABIC = """
[...document.querySelectorAll('body *')].filter(el =>
  [...el.childNodes].some(n => n.nodeType === 3 && /[\\u0600-\\u06FF]/.test(n.textContent))
  && !['normal', '0px'].includes(getComputedStyle(el).letterSpacing)
).map(el => el.tagName + '.' + el.className)
"""

# WCAG 2.x contrast of every element holding Arabic text (axe-core skips it):
# 4.5:1, or 3:1 for large text (24px, or 18.66px bold).
LOW_CONTRAST = """
(() => {
  const rgb = s => s.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => v / 255).map(
      v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = el => {
    for (; el; el = el.parentElement) {
      const c = rgb(getComputedStyle(el).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(
      n => n.nodeType === 3 && /[\\u0600-\\u06FF]/.test(n.textContent));
    if (!own || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    const a = lum(rgb(style.color).slice(0, 3)), b = lum(background(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
    const large = size >= 24 || (bold && size >= 18.66);
    if (ratio < (large ? 3 : 4.5)) bad.push(`${el.tagName}.${el.className}: ${ratio.toFixed(2)}`);
  }
  return bad;
})()
"""


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_agenda_prints_without_navigation(page, site_url, lang):
    _open(page, site_url, "agenda", lang, 1280, [])
    page.emulate_media(media="print")
    for hidden in (".run-nav", ".run-lang-switch", ".run-footer", ".run-skip-link"):
        assert page.evaluate(f"getComputedStyle(document.querySelector('{hidden}')).display") \
            == "none", hidden
    assert page.locator(".run-agenda__slot").first.is_visible()
    assert page.evaluate("getComputedStyle(document.querySelector('.run-agenda__slot'))"
                         ".breakInside") == "avoid"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


@pytest.mark.parametrize("scale", [130, 200])
def test_enlarged_text_never_pushes_a_phone_page_sideways(page, site_url, scale):
    """A reader who enlarges the text (130 %, 200 %) on a 320 px phone: the Latin names
    kept whole in Arabic lines ("Maroc Université Numérique") may then wrap."""
    page.set_viewport_size({"width": 320, "height": 800})
    for path in ("ar/", "", "ar/partenaires/", "ar/editions/run-3/"):
        page.goto(f"{site_url}/{path}")
        page.add_style_tag(content=f"html {{ font-size: {scale}% !important; }}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, (path, scale)
