"""The programme to print: per edition that has one, a PDF in each language beside the
programme page, and a bilingual booklet (WeasyPrint, from the same data as the page).

A4, the fonts of theme/print/fonts embedded (runsite.write.fonts), Arabic shaped by
HarfBuzz through Pango. WeasyPrint ignores CSS ``unicode-bidi``, so the elements the
site isolates on screen (``<bdi>``, and inline elements with ``dir``) get Unicode
isolates around their text here (``isolate``): « RUN 3 » and « de 09:00 à 10:30 »
keep their order inside Arabic lines. Each session carries a QR code of its anchor
on the programme page.

The booklet is tête-bêche: the default language from the left cover and the first
right-to-left language from the right cover, as a book in each is bound, so that
printed double-sided and folded it reads from either side; the blank pages needed
to make whole sheets are in the middle, where the two halves meet.

Byte-reproducible: the same inputs give the same bytes (the PDF's dates are
SOURCE_DATE_EPOCH's when set; pydyf's identifier is a hash of the content). Each PDF
is kept in Pelican's ``CACHE_PATH`` under a hash of its HTML, styles, fonts and
WeasyPrint's version: a rebuild copies it. Only with ``RUN_PDF`` (make publish, CI,
make serve PDF=1): the preview stays fast.

The PDFs are made before any page is written (generate_context), since the programme
page gives their sizes; not when the build has already found a problem.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
from urllib.parse import urlsplit
from urllib.request import url2pathname

import segno
from lxml import html as lxml_html
from pelican.generators import Generator

from runsite.core import clock, urls
from runsite.core.problems import relative
from runsite.core.state import of
from runsite.write import fonts

TEMPLATE = "print/programme.html"
STYLESHEET = "programme.css"  # in RUN_PRINT_PATH
VARIANT = "pdf/ua-1"  # tagged: screen readers read the PDF in order, in its language
# Unicode isolates (UAX #9): what <bdi> and dir="…" do on screen.
ISOLATES = {"ltr": "\u2066", "rtl": "\u2067", "auto": "\u2068"}
POP = "\u2069"
INLINE = {"a", "abbr", "bdi", "bdo", "cite", "code", "em", "q", "small", "span",
          "strong", "time"}


def has_programme(edition) -> bool:
    return not edition.draft and bool(edition.sessions)


def isolate(markup: str) -> str:
    """``markup`` with every <bdi> and every inline element with ``dir`` wrapped in
    Unicode isolates (WeasyPrint ignores ``unicode-bidi``)."""
    return _isolated(lxml_html.document_fromstring(markup))


def _isolated(root) -> str:
    """The document ``root`` (lxml), isolates added, as HTML."""
    for element in root.iter(*INLINE):
        direction = element.get("dir")
        if element.tag != "bdi" and direction is None:
            continue
        opener = ISOLATES.get(direction or "auto", ISOLATES["auto"])
        element.text = opener + (element.text or "")
        if len(element):
            element[-1].tail = (element[-1].tail or "") + POP
        else:
            element.text += POP
    return lxml_html.tostring(root, doctype="<!doctype html>", encoding="unicode")


def qr_data_uri(url: str) -> str:
    """The QR code of ``url`` as an SVG data URI (sharp at any print size)."""
    return segno.make(url, error="m", micro=False).svg_data_uri(border=4, dark="#000")


def _fetcher(weasyprint, root):
    """What a PDF may load: data: URIs (the QR codes) and theme/print's files; never
    the network, nothing else of the disk (a refused file is left out)."""
    root = os.path.realpath(root)

    class Fetcher(weasyprint.URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme == "file":
                path = os.path.realpath(url2pathname(parts.path))
                if os.path.commonpath([path, root]) != root:
                    raise ValueError(f"outside {root}: {url}")
            elif parts.scheme != "data":
                raise ValueError(f"refused: {url}")
            return super().fetch(url, headers)

    return Fetcher(allowed_protocols=("file", "data"))


def _weasyprint(state):
    """WeasyPrint, imported only by builds that make PDFs (it loads Debian's Pango);
    None, with the problem said, where Pango is missing."""
    try:
        import weasyprint
    except OSError:
        state.problem("RUN_PDF", None, "pdf_needs_pango")
        return None
    return weasyprint


class _Said(logging.Handler):
    """WeasyPrint's warnings and errors while the PDFs are made, each once."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        message = record.getMessage()
        if message not in self.messages:
            self.messages.append(message)


def booklet_languages(languages):
    """(left cover, right cover): the default language and the first right-to-left
    one, or None when the site has no two such languages."""
    default = languages.default
    other = next((language for language in languages.values()
                  if language.dir == "rtl" and language.dir != default.dir), None)
    return (default.code, other.code) if other else None


class PrintedGenerator(Generator):
    def generate_context(self):
        state = of(self.settings)
        self.context["printed"] = printed = {}
        if not self.settings.get("RUN_PDF") or state.problems:
            return
        # Imported at the first PDF the cache does not hold: loading it (and Pango)
        # is most of what a rebuild with every PDF in the cache would cost.
        self.weasyprint = None
        self.version = importlib.metadata.version("weasyprint")
        languages = state.languages
        pair = booklet_languages(languages)
        self.files = {}  # site path -> PDF bytes
        self.print_path = os.path.abspath(self.settings["RUN_PRINT_PATH"])
        self.fonts = fonts.fingerprint(self.settings)
        self.coverage = fonts.coverage(self.settings)
        with open(os.path.join(self.print_path, STYLESHEET), "rb") as fp:
            self.stylesheet = fp.read()
        # WeasyPrint says what it could not do (a font or a style sheet of theme/print
        # not found, CSS it ignores) in its log, and goes on: a PDF made anyway would be
        # degraded in silence, so each of those stops the build (after the others).
        self.said = said = _Said()
        weasy_log = logging.getLogger("weasyprint")
        weasy_log.addHandler(said)
        try:
            for edition in self.context.get("editions", []):
                if not has_programme(edition):
                    continue
                origin = relative(edition.source, os.getcwd())
                for code in languages:
                    path = urls.path(self.settings, languages, code, "programme_pdf", edition)
                    self.files[path] = self._pdf([self._document(edition, code)])
                    printed[(edition.id, code)] = (path, len(self.files[path]))
                    state.outputs.declare(state, path, origin, lang=code, page=False)
                if pair:
                    path = urls.path(self.settings, languages, pair[0], "booklet_pdf", edition)
                    self.files[path] = self._pdf(
                        [self._document(edition, code, booklet=True) for code in pair],
                        booklet=True)
                    printed[(edition.id, "booklet")] = (path, len(self.files[path]))
                    state.outputs.declare(state, path, origin, page=False)
        finally:
            weasy_log.removeHandler(said)
        for message in said.messages:
            state.problem(os.path.join(self.print_path, STYLESHEET), None, "print_theme",
                          detail=message)

    def _covered(self, state, edition, root):
        """Says which characters of the programme its fonts lack (drawn by whatever
        font the computer has, or not at all)."""
        missing = fonts.missing(self.coverage, root.body.text_content())
        if missing:
            state.notice(edition.source, "glyph_missing", chars=missing)

    def _document(self, edition, code, booklet=False) -> tuple[str, str]:
        """The HTML of ``edition``'s programme in ``code``, isolates included, and the
        date the PDF would have if it were made now."""
        settings, languages = self.settings, of(self.settings).languages
        agenda = urls.absolute(settings, languages, code, "agenda", edition)
        stamp = clock.stamp(of(settings).started).strftime("%Y-%m-%dT%H:%M:%SZ")
        markup = self.env.get_template(TEMPLATE).render({
            **self.context, "lang": code, "edition": edition, "text": edition.texts[code],
            "page_name": "print", "booklet": booklet, "agenda_url": agenda,
            # Every address in a PDF is absolute: it is read away from the site.
            "SITEURL": urls.absolute_base(settings),
            "qr": {session.id: qr_data_uri(f"{agenda}#{session.id}")
                   for session in edition.sessions},
            "programme_qr": qr_data_uri(agenda),
        })
        root = lxml_html.document_fromstring(markup)  # parsed once, for both
        self._covered(of(settings), edition, root)
        return _isolated(root), stamp

    def _pdf(self, documents, booklet=False) -> bytes:
        """The PDF of ``documents`` (one, or the booklet's two), from the cache if a
        build already made it."""
        inputs = ([markup for markup, _ in documents], booklet, self.stylesheet, self.fonts,
                  self.version, VARIANT, clock.source_date_epoch())
        key = hashlib.sha256(repr(inputs).encode()).hexdigest()[:32]
        cache = os.path.join(self.settings["CACHE_PATH"], "pdf", f"{key}.pdf")
        try:
            with open(cache, "rb") as fp:
                return fp.read()
        except OSError:
            pass
        if self.weasyprint is None:
            self.weasyprint = _weasyprint(of(self.settings))
            if self.weasyprint is None:
                return b""  # the build stops at the checkpoint (pdf_needs_pango)
        fetcher = _fetcher(self.weasyprint, self.print_path)
        warned = len(self.said.messages)
        rendered = []
        for markup, stamp in documents:
            # Without SOURCE_DATE_EPOCH, the PDF is dated from the build that made it.
            markup = markup.replace("<head>", f'<head><meta name="dcterms.created" '
                                    f'content="{stamp}"><meta name="dcterms.modified" '
                                    f'content="{stamp}">', 1)
            rendered.append(self.weasyprint.HTML(
                string=markup, base_url=self.print_path + os.sep,
                url_fetcher=fetcher).render())
        if booklet:
            combined, languages = _booklet(rendered)
            combined.metadata.title = " / ".join(doc.metadata.title for doc in rendered)
            data = combined.write_pdf(pdf_variant=VARIANT, pdf_identifier=True,
                                      finisher=_tag_languages(languages))
        else:
            data = rendered[0].write_pdf(pdf_variant=VARIANT, pdf_identifier=True)
        if len(self.said.messages) > warned:
            return data  # made with a warning: the build stops, and nothing is kept
        os.makedirs(os.path.dirname(cache), exist_ok=True)
        temporary = f"{cache}.{os.getpid()}.tmp"  # whole or not at all: builds share it
        with open(temporary, "wb") as fp:
            fp.write(data)
        os.replace(temporary, cache)
        return data

    def generate_output(self, writer):
        for path, data in getattr(self, "files", {}).items():
            target = os.path.join(self.output_path, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as fp:
                fp.write(data)


def _booklet(documents):
    """One document: the first language's pages in order, blank pages up to a whole
    number of sheets (four pages each), the second language's pages from its last to
    its cover; and the language of each page."""
    first, second = documents
    blank = first.pages[1]  # the cover's back, blank by construction (print/programme.html)
    pages = list(first.pages)
    if len(pages) % 2:
        pages.append(blank)
    back = list(reversed(second.pages))
    if len(back) % 2:
        back.insert(0, blank)
    while (len(pages) + len(back)) % 4:
        pages.append(blank)
    languages = [first.metadata.lang] * len(pages) + [second.metadata.lang] * len(back)
    return first.copy(pages + back), languages


def _tag_languages(languages):
    """A finisher of WeasyPrint's PDF: the structure elements of each page say the
    language of its half (WeasyPrint gives the whole file the first document's), so
    that a screen reader reads the Arabic half with an Arabic voice."""
    import pydyf

    def finish(document, pdf):
        by_page = dict(zip(pdf.page_references, languages, strict=True))
        root = next(o for o in pdf.objects
                    if isinstance(o, dict) and o.get("S") == "/Document")
        for element in pdf.objects:
            if (isinstance(element, dict) and element.get("Type") == "/StructElem"
                    and element.get("P") == root.reference and element.get("Pg") in by_page):
                element["Lang"] = pydyf.String(by_page[element["Pg"]])

    return finish


def get_generators(pelican):
    return PrintedGenerator
