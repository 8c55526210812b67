"""The site's search (runsite/publish/search.py, search.html, theme/static/js/search.js).

The demonstration series is built once with the publishing steps (index, hashed
names, _headers) and served with the headers of _headers, as Netlify and Cloudflare
Pages would: Chromium then searches in French and in Arabic, at a phone's and a
desktop's width, under the policy the search page really gets. Words are searched in
another inflection than the pages have (a plural, no article), each language finds
only its own pages, no request leaves the site, and without JavaScript or
WebAssembly the page says so and lists the site's sections.
"""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from test_publish import SEARCH_POLICY, SITE_POLICY, PagesHandler, without_hashes

from conftest import DEMO, run_build, screenshot, static_server
from runsite.core.problems import ContentError
from runsite.publish import search

PUBLISH = {"RUN_PUBLISH": True, "RELATIVE_URLS": False, "RUN_FINGERPRINT": True,
           "RUN_PRECOMPRESS": True, "RUN_SECURITY_HEADERS": True, "RUN_SEARCH_INDEX": True}
# (language, word searched, the page it must find, the form of the word in that page)
WORDS = {
    "fr": [("bâtiments", "editions/demo-3/", "bâtiment"),  # a plural; the page: singular
           ("salle", "editions/demo-3/", "salles")],  # a singular; the page: plural
    "ar": [("خريطة", "ar/editions/demo-3/", "الخريطة"),  # without its article
           ("مؤتمر", "ar/editions/demo-3/", "المؤتمرات"),  # singular, no article
           # without "and" and the article joined to it (runsite/publish/search.py)
           ("تسجيل", "ar/editions/demo-1/", "والتسجيل")],
}
FRENCH_ONLY = "salle"  # a French word: the Arabic search finds nothing
COUNT = {"fr": "1 page trouvée", "ar": "عُثر على صفحة واحدة"}
NONE = {"fr": "Aucune page ne correspond à cette recherche.",
        "ar": "لا توجد أي صفحة تطابق هذا البحث."}
PREFIX = {"fr": "", "ar": "ar/"}


class HostHandler(PagesHandler):
    """The headers of _headers, and ``policy`` (a host's own, added) when it is set."""

    policy = None

    def end_headers(self):
        if self.policy:
            self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()


@pytest.fixture(scope="module")
def published_demo(tmp_path_factory):
    """The demonstration built as make publish builds the site, served with _headers."""
    folder = tmp_path_factory.mktemp("search") / "output"
    with static_server(folder, HostHandler) as url:
        build = run_build(folder, content=DEMO / "content", settings=DEMO / "democonf.py",
                          extra={"SITEURL": url, **PUBLISH}, fatal_warnings=True)
        assert build.returncode == 0, build.stderr
        yield folder, url


def _indexed_text(output, path):
    soup = BeautifulSoup((output / path / "index.html").read_text("utf-8"), "lxml")
    body = soup.select_one("[data-pagefind-body]")
    for ignored in body.select("[data-pagefind-ignore]"):
        ignored.decompose()
    return body.get_text(" ")


def _watch(page, url):
    """Requests to other hosts, and console errors (CSP violations included)."""
    seen = {"elsewhere": [], "errors": []}
    page.on("request", lambda r: None if r.url.startswith(url) else seen["elsewhere"].append(
        r.url))
    page.on("console", lambda m: seen["errors"].append(m.text) if m.type == "error" else None)
    page.add_init_script("""document.addEventListener('securitypolicyviolation',
        e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));""")
    return seen


def _search(page, url, lang, word):
    page.goto(f"{url}/{PREFIX[lang]}recherche/")
    page.fill("#run-search-q", word)
    page.press("#run-search-q", "Enter")
    page.locator("#run-search-status:not(:empty)").wait_for()
    found = page.eval_on_selector_all(".run-search__result a", "links => links.map(a => a.href)")
    return page.inner_text("#run-search-status"), [f.removeprefix(url + "/") for f in found]


def test_the_index_has_both_languages_and_only_the_content_pages(published_demo):
    output, _ = published_demo
    entry = json.loads((output / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert set(entry["languages"]) == {"fr", "ar"}
    marked = {lang: 0 for lang in ("fr", "ar")}
    for path in output.rglob("index.html"):
        html = path.read_text("utf-8")
        if "data-pagefind-body" in html:
            marked["ar" if '<html lang="ar"' in html else "fr"] += 1
    assert {lang: entry["languages"][lang]["page_count"] for lang in marked} == marked
    for listing in ("", "chronologie/", "recherche/", "accessibilite/", "ar/"):
        assert "data-pagefind-body" not in (output / listing / "index.html").read_text("utf-8")
    assert "data-pagefind-body" not in (output / "404.html").read_text("utf-8")
    # Pagefind's ready-made interfaces (English, inline styles) are not published.
    assert not list((output / "pagefind").glob("pagefind-*ui*"))
    sizes = search.sizes(output)
    assert set(sizes) == {"fr", "ar"} and all(size > 10_000 for size in sizes.values())


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_word_in_another_inflection_finds_its_page_in_its_language_only(
        published_demo, page, lang, width):
    from axe_playwright_python.sync_playwright import Axe

    output, url = published_demo
    seen = _watch(page, url)
    page.set_viewport_size({"width": width, "height": 900})
    for word, expected, indexed in WORDS[lang]:
        text = _indexed_text(output, expected)
        assert indexed in text.split() and word not in text.split()  # really another form
        status, found = _search(page, url, lang, word)
        assert expected in found, (word, found)
        # Results in the page's language only, and only this site's pages.
        assert found and all(f.startswith("ar/") == (lang == "ar") for f in found), found
        assert "q=" in page.url  # the address keeps the search (history.replaceState)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The count is said in the page's language, in the live region.
    status, found = _search(page, url, lang, WORDS[lang][0][0])
    assert status == COUNT[lang] and len(found) == 1
    assert page.get_attribute("#run-search-status", "role") == "status"
    # The excerpt shows the word found, marked as an element (never parsed HTML).
    assert page.eval_on_selector_all(".run-search__excerpt mark", "m => m.length") >= 1
    screenshot(page, f"search-{lang}-{width}")
    results = Axe().run(page, options={"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                   "wcag22aa", "best-practice"]})
    assert [v["id"] for v in results.response["violations"]] == []
    # A French word on the Arabic search finds nothing; found again from the address.
    if lang == "ar":
        page.goto(f"{url}/ar/recherche/?q={FRENCH_ONLY}")
        page.locator("#run-search-status:not(:empty)").wait_for()
        assert page.input_value("#run-search-q") == FRENCH_ONLY
        assert page.inner_text("#run-search-status") == NONE["ar"]
        assert page.locator(".run-search__result").count() == 0
        # ... and the same words in the French search, one link away.
        other = page.locator('#run-search-elsewhere a[hreflang="fr"]')
        assert other.inner_text() == "Chercher en français"
        other.click()
        page.locator("#run-search-status:not(:empty)").wait_for()
        assert page.input_value("#run-search-q") == FRENCH_ONLY
        assert page.locator(".run-search__result").count() >= 1
    assert seen == {"elsewhere": [], "errors": []}


def test_the_search_page_gets_its_own_policy_and_the_others_keep_theirs(published_demo, page):
    _, url = published_demo
    response = page.goto(f"{url}/ar/recherche/")
    assert without_hashes(response.headers["content-security-policy"]) == SEARCH_POLICY
    meta = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert without_hashes(meta) == SEARCH_POLICY.removesuffix("; frame-ancestors 'none'")
    response = page.goto(f"{url}/ar/editions/demo-3/")
    assert without_hashes(response.headers["content-security-policy"]) == SITE_POLICY
    # Under the site's policy, no script runs: not even the site's own.
    blocked = page.evaluate("""() => new Promise(resolve => {
        document.addEventListener('securitypolicyviolation', e => resolve(e.violatedDirective));
        const script = document.createElement('script');
        script.src = document.querySelector('link[rel=preload][as=font]').href.replace(
            /theme\\/fonts\\/.*$/, 'theme/js/search.js');
        script.type = 'module';
        document.head.append(script);
    })""")
    assert blocked.startswith("script-src")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_without_javascript_or_webassembly_the_search_page_lists_the_sections(
        published_demo, browser, lang):
    _, url = published_demo
    sections = ["chronologie/", "intervenants/", "actualites/", "partenaires/", "a-propos/",
                "editions/demo-3/", "editions/demo-3/programme/"]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375,
                                                                      "height": 800})
    page = context.new_page()
    page.goto(f"{url}/{PREFIX[lang]}recherche/?q=salle")
    assert not page.is_visible("form[role=search]")  # hidden by the <noscript> style sheet
    notice = page.inner_text("#run-search-fallback .run-search__notice")
    assert "JavaScript" in notice
    links = page.eval_on_selector_all("#run-search-fallback a", "l => l.map(a => a.href)")
    for section in sections:
        assert f"{url}/{PREFIX[lang]}{section}" in links, section
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    context.close()
    # The script runs, WebAssembly is refused (a host adds a policy without it): the
    # page says so, and keeps the sections.
    HostHandler.policy = "script-src 'self'"
    try:
        page = browser.new_page()
        page.goto(f"{url}/{PREFIX[lang]}recherche/")
        page.locator("#run-search-notice", has_text="WebAssembly").wait_for()
        assert page.is_visible("#run-search-fallback")
        assert not page.is_visible("form[role=search]")
        page.close()
    finally:
        HostHandler.policy = None


def test_the_preview_s_search_page_says_it_has_no_index_and_has_no_script(demo_site):
    for lang, words in (("fr", "prévisualisation n'a pas d'index"),
                        ("ar", "لا تتضمن هذه المعاينة فهرسًا")):
        html = (demo_site / PREFIX[lang] / "recherche" / "index.html").read_text("utf-8")
        assert words in html.replace("&#39;", "'")
        assert "<script" not in html.replace('<script type="application/ld+json">', "")
    assert not (demo_site / "pagefind").exists()


def test_an_index_without_a_language_is_a_french_message(tmp_path):
    """A language without any indexed page (its templates lost data-pagefind-body)."""
    from runsite.core.languages import Languages
    from runsite.core.state import KEY, BuildState

    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="fr"><body><main data-pagefind-body><h1>Salle</h1>'
        "<p>Une page.</p></main></body></html>", "utf-8")
    settings = {"RUN_SEARCH_INDEX": True, "DEFAULT_LANG": "fr",
                "RUN_LANGUAGES": {"fr": {"locale": "fr", "og_locale": "fr_FR",
                                         "name": "Français"},
                                  "ar": {"locale": "ar_MA", "og_locale": "ar_AR",
                                         "name": "العربية"}}}
    settings[KEY] = BuildState(Languages.from_settings(settings), None)
    with pytest.raises(ContentError) as error:
        search.build_index(tmp_path, settings)
    assert [str(p) for p in error.value.problems] == [
        "RUN_SEARCH_INDEX: l'index de recherche n'a aucune page en arabe — les pages de "
        "cette langue doivent avoir <html lang> et un élément data-pagefind-body "
        "(theme/templates/)"]
    # A second run finds the folder taken (the site would lose its index).
    with pytest.raises(ContentError) as error:
        search.build_index(tmp_path, settings)
    assert [p.code for p in error.value.problems] == ["search_folder_taken"]


def test_a_latin_run_in_an_arabic_excerpt_keeps_its_own_direction(published_demo, page):
    """An excerpt is plain text: "(PDF، 19 كيلوبايت" would read "19، PDF" if "PDF"
    were not isolated again, as the page isolates it."""
    _, url = published_demo
    _, found = _search(page, url, "ar", "شرائح")
    assert "ar/editions/demo-1/" in found, found
    isolated = page.eval_on_selector_all(
        ".run-search__excerpt bdi[dir=ltr]", "runs => runs.map(r => r.textContent)")
    assert "PDF" in isolated
    _search(page, url, "ar", "خريطة")  # an excerpt that begins with "RUN 3 · اليوم"
    isolated = page.eval_on_selector_all(
        ".run-search__excerpt bdi[dir=ltr]", "runs => runs.map(r => r.textContent)")
    assert "RUN 3" in isolated, isolated


def test_an_arabic_word_with_and_joined_to_it_is_found_and_shown_whole(published_demo, page):
    """"والتسجيل" is found by "تسجيل" and by "والتسجيل" itself, and its excerpt shows it
    as written (the index's copy has "و التسجيل")."""
    output, url = published_demo
    assert "و التسجيل" not in (output / "ar/editions/demo-1/index.html").read_text("utf-8")
    for word in ("تسجيل", "والتسجيل"):
        _, found = _search(page, url, "ar", word)
        assert "ar/editions/demo-1/" in found, (word, found)
    excerpts = page.eval_on_selector_all(".run-search__excerpt", "e => e.map(p => p.textContent)")
    assert any("والتسجيل" in text for text in excerpts), excerpts
    assert not any("و التسجيل" in text for text in excerpts), excerpts


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_nothing_moves_as_the_search_loads(published_demo, page, lang):
    """The form and the site's sections are where they will stay from the first paint:
    no notice that JavaScript is off while the index loads, no jump when it is there."""
    _, url = published_demo
    page.set_viewport_size({"width": 375, "height": 800})
    page.add_init_script("""document.addEventListener('DOMContentLoaded', () => {
        window.__first = document.getElementById('run-search-sections')
            .getBoundingClientRect().top;
        window.__notice = document.getElementById('run-search-notice').hidden;
    });""")
    page.goto(f"{url}/{PREFIX[lang]}recherche/")
    assert page.is_visible("form[role=search]") and page.evaluate("window.__notice")
    _search(page, url, lang, WORDS[lang][0][0])  # the index works now
    page.fill("#run-search-q", "")
    page.locator("#run-search-status:empty").wait_for(state="attached")
    page.wait_for_timeout(400)  # the empty query's answer
    top = page.evaluate("document.getElementById('run-search-sections')"
                        ".getBoundingClientRect().top")
    assert top == page.evaluate("window.__first")
    assert not page.is_visible("#run-search-notice")
