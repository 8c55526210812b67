"""The one place where HTML is trusted.

Every template is rendered with autoescaping on (runsite.render.environment refuses to
build otherwise): any value a template prints is escaped, whatever its origin,
unless it is marked safe. Only these are, and only here:

- converted Markdown (a page's or news item's ``content`` and ``summary``), which
  has passed the sanitizer's allow-list when it was read (runsite.read.sanitize);
- JSON-LD, serialised so that ``<``, ``>`` and ``&`` never appear in it as such;
- theme strings, compiled escaped but for their msgid's markup (runsite.render.i18n);
- the output of a template rendered by this environment (autoescaped itself);
- text isolated in ``<bdi>``, escaped first;
- the theme's own stylesheet (``theme/css/run.css``, never content), inlined in a
  ``<style>`` element: refused if it holds ``</style``.

A test checks that nothing else in the plugin or the theme marks HTML safe.
"""

from __future__ import annotations

import json
from types import MappingProxyType

from markupsafe import Markup, escape
from pelican import contents

# JSON keeps its meaning with these written as escapes, and the HTML parser then
# finds no "</script>" or "<!--" in the data to end or swallow the element.
JSON_IN_HTML = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})


class SafeHTML(str):
    """HTML that templates print as it is (it has ``__html__``), but a plain string to
    Python: Pelican's summary truncation adds its closing tags by concatenation, which
    Markup would escape."""

    __slots__ = ()

    def __html__(self):
        return str(self)


class TrustedHTML:
    """Pelican content whose ``content`` and ``summary`` (sanitized HTML) are safe."""

    @property
    def content(self):
        return SafeHTML(super().content)

    @property
    def summary(self):
        return SafeHTML(super().summary)

    @summary.setter
    def summary(self, value):
        """Pelican sets metadata as attributes; the summary comes from the metadata."""


# Same class names as Pelican's: it finds settings by them (PAGE_SAVE_AS, ARTICLE_URL…).
class Page(TrustedHTML, contents.Page):
    pass


class Article(TrustedHTML, contents.Article):
    pass


TRUSTED_CLASSES = MappingProxyType({contents.Page: Page, contents.Article: Article})


def mark_content(instance):
    """content_object_init: pages and news items (read by runsite.read.markdown, sanitized)
    give templates their HTML as safe."""
    trusted = TRUSTED_CLASSES.get(type(instance))
    if trusted is not None:
        instance.__class__ = trusted


def json_script(data) -> Markup:
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    escaped = text.translate(JSON_IN_HTML)
    return Markup(f'<script type="application/ld+json">\n{escaped}\n</script>')


def translation(html) -> Markup:
    """A theme string from a catalog, compiled escaped but for its msgid's markup
    (runsite.render.i18n.Catalog)."""
    return Markup(html)


def rendered(html) -> Markup:
    """The output of one of the site's templates (escaped by autoescaping)."""
    return Markup(html)


def isolated(text, wrap=False) -> Markup:
    """``text`` escaped, in a left-to-right <bdi> element (runsite.read.bidi)."""
    if wrap:
        return Markup('<bdi dir="ltr" class="run-wrap">%s</bdi>') % escape(text)
    return Markup('<bdi dir="ltr">%s</bdi>') % escape(text)


def in_language(html, language) -> Markup:
    """``html`` (escaped already) in another language than the page's: marked with
    its language and direction (a text not yet translated, shown in the default
    language)."""
    return Markup("<span%s>%s</span>") % (language_attributes(language), escape(html))


def language_attributes(language) -> Markup:
    """` lang="fr" dir="ltr"`: an element whose text is in ``language``, not the page's."""
    return Markup(' lang="%s" dir="%s"') % (language.code, language.dir)


def links(pairs, separator) -> Markup:
    """``<a href="url">text</a>`` for each (url, text), every value escaped, joined by
    ``separator`` (text too): a feed entry's links to the sessions a change names."""
    return escape(separator).join(Markup('<a href="%s">%s</a>') % (escape(url), escape(text))
                                  for url, text in pairs)


def stylesheet(css) -> Markup:
    """The theme's stylesheet (runsite.render.styles) as a ``<style>`` element: its
    text exactly as hashed for the Content-Security-Policy."""
    if "</style" in css.lower():
        raise ValueError("a stylesheet holding </style cannot be inlined")
    return Markup("<style>" + css + "</style>")
