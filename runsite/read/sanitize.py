"""Converted Markdown through an explicit allow-list: nothing an organiser or a
contributor writes reaches a page as code.

Markdown lets anyone write raw HTML (``<script>``, ``<iframe>``), attributes
(``{: onclick="…"}`` through attribute lists) and links with any scheme
(``[x](javascript:…)``). Every converted file and summary passes the well-kept
sanitizer ``nh3`` (ammonia) with the allow-list below: what the site's own
Markdown extensions emit (ids, classes, ``dir``, ``lang``, ``<bdi>``, footnotes,
code highlighting) plus tables, ``abbr``, ``details``/``summary``, ``sup``/``sub``,
``span[lang|dir]`` and images of the site itself.

Nothing is stripped silently: if the sanitizer would change anything, the build
stops with the file, the first source line that contains it and what to do. The
checks below name the usual cases; anything else the sanitizer would remove is
reported too, by comparing what it keeps with what was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import nh3

HEADINGS = {f"h{level}" for level in range(1, 7)}
TAGS = frozenset({
    "a", "abbr", "b", "bdi", "blockquote", "br", "caption", "cite", "code", "dd", "del",
    "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul", "var", *HEADINGS,
})
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "dir", "lang", "title"})
ATTRIBUTES = {
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "details": {"open"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
# Ids the theme uses: a page's own would break its links (the skip link).
RESERVED_ID = re.compile(r"^(?:main-content|run-.*)$")
URL_ATTRIBUTES = {("a", "href"), ("q", "cite"), ("blockquote", "cite")}
LINK_SCHEMES = frozenset({"https", "http", "mailto", "tel"})
# Content never kept, not even as text.
DROPPED_WITH_CONTENT = frozenset({"script", "style"})
# What Pelican writes in place of an address it resolves later: {filename}x.md, {static}x.png.
PELICAN_PLACEHOLDER = re.compile(r"^[{|](?:filename|static|attach|category|tag|author|index)"
                                 r"[}|]")


@dataclass(frozen=True)
class Refusal:
    """Something the allow-list refuses: its message (runsite.core.messages) and where to
    look for it."""

    code: str
    values: dict
    # Pieces of the source text that may write it, most precise first (for the line).
    needles: tuple[str, ...]


def _scheme(url) -> str | None:
    url = url.strip()
    if PELICAN_PLACEHOLDER.match(url):
        return None
    # Browsers ignore tabs and newlines inside a scheme ("java\tscript:").
    compact = re.sub(r"[\t\n\r]", "", url)
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", compact)
    return match.group(1).lower() if match else None


def is_site_path(url) -> bool:
    """A path on this site (root-relative, relative, or a Pelican placeholder)."""
    url = url.strip()
    if PELICAN_PLACEHOLDER.match(url):
        return True
    # As browsers read it: tabs and newlines dropped, "\\" a "/" ("/\\host" is "//host").
    compact = re.sub(r"[\t\n\r]", "", url).replace("\\", "/")
    return _scheme(url) is None and not compact.startswith("//")


def _attribute_filter(tag, name, value):
    """nh3 keeps an attribute only if this returns its value."""
    if (tag, name) in URL_ATTRIBUTES and _scheme(value) not in (None, *LINK_SCHEMES):
        return None
    if tag == "img" and name == "src" and not is_site_path(value):
        return None
    return value


def clean(html) -> str:
    """What the sanitizer keeps of ``html``."""
    return nh3.clean(
        html,
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={"*": set(GLOBAL_ATTRIBUTES), **{k: set(v) for k, v in ATTRIBUTES.items()}},
        attribute_filter=_attribute_filter,
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


class _Tokens(HTMLParser):
    """Tags, attributes and text of an HTML fragment, entities decoded, comments left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(("start", tag, tuple(sorted((k, v or "") for k, v in attrs))))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.tokens.append(("end", tag))

    def handle_data(self, data):
        if self.tokens and self.tokens[-1][0] == "text":
            self.tokens[-1] = ("text", self.tokens[-1][1] + data)
        else:
            self.tokens.append(("text", data))

    def unknown_decl(self, data):
        self.tokens.append(("declaration", data))

    def handle_decl(self, decl):
        self.tokens.append(("declaration", decl))

    def handle_pi(self, data):
        self.tokens.append(("instruction", data))


# Void elements: the sanitizer writes no end tag for them.
VOID = frozenset({"br", "hr", "img", "wbr", "col", "area", "base", "embed", "input", "link",
                  "meta", "source", "track"})


def tokens(html) -> list[tuple]:
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    result = []
    for token in parser.tokens:
        if token[0] == "end" and token[1] in VOID:
            continue
        if token[0] == "text" and result and result[-1][0] == "text":
            result[-1] = ("text", result[-1][1] + token[1])
            continue
        result.append(token)
    return result


def _refusals_of(token) -> list[Refusal]:
    """What the allow-list says of one start tag."""
    _, tag, attributes = token
    if tag not in TAGS:
        if tag in {"iframe", "object", "embed", "video", "audio", "frame", "frameset",
                   "applet"}:
            code = "html_tag_embed"
        elif tag in {"script", "style", "link", "meta", "base", "noscript", "template"}:
            code = "html_tag_code"
        elif tag in {"form", "input", "button", "select", "textarea"}:
            code = "html_tag_form"
        else:
            code = "html_tag_other"
        return [Refusal(code, {"tag": tag}, (f"<{tag}",))]
    refusals = []
    allowed = GLOBAL_ATTRIBUTES | ATTRIBUTES.get(tag, set())
    for name, value in attributes:
        if name not in allowed:
            code = ("html_handler" if name.startswith("on") else
                    "html_style" if name == "style" else "html_attribute")
            refusals.append(Refusal(code, {"attribute": name, "tag": tag,
                                           "allowed": ", ".join(sorted(allowed))},
                                    (f"{name}=", name)))
        elif name == "id" and RESERVED_ID.match(value):
            refusals.append(Refusal("html_id_reserved", {"id": value}, (value, "#")))
        elif (tag, name) in URL_ATTRIBUTES and _scheme(value) not in (None, *LINK_SCHEMES):
            refusals.append(Refusal(
                "html_link_scheme", {"url": value.strip()[:60], "scheme": _scheme(value)},
                (value.strip()[:40], f"{name}=", f"<{tag}", "](")))
        elif tag == "img" and name == "src" and not is_site_path(value):
            refusals.append(Refusal("html_remote_image", {"url": value.strip()[:60]},
                                    (value.strip()[:40], "<img", "![")))
    return refusals


def check(html) -> tuple[str, list[Refusal]]:
    """``(kept HTML, refusals)``: nothing refused means the sanitizer kept everything."""
    kept = clean(html)
    written = tokens(html)
    refusals = []
    for token in written:
        if token[0] == "start":
            refusals.extend(_refusals_of(token))
        elif token[0] in ("declaration", "instruction"):
            needle = "<!" if token[0] == "declaration" else "<?"
            refusals.append(Refusal("html_declaration", {}, (needle,)))
    # Three files in four come back unchanged: no need to read them a second time.
    if not refusals and kept != html and tokens(kept) != written:
        refusals.append(_first_difference(written, tokens(kept)))
    return kept, refusals


def _first_difference(written, kept) -> Refusal:
    for index, token in enumerate(written):
        if index >= len(kept) or kept[index] != token:
            if token[0] in ("start", "end"):
                needle = f"<{token[1]}" if token[0] == "start" else f"</{token[1]}"
                what = f"<{token[1]}>" if token[0] == "start" else f"</{token[1]}>"
            else:
                needle = token[1].strip()[:40]
                what = f"« {needle} »"
            return Refusal("html_malformed", {"what": what}, (needle,))
    return Refusal("html_malformed", {"what": "<"}, ("<",))


def line_of(text, needles, first_line=1, last_line=None) -> int:
    """1-based number of the first line (from ``first_line``) containing the first of
    ``needles`` found (case-insensitive), else ``first_line``."""
    lines = text.splitlines()
    end = len(lines) if last_line is None else min(last_line, len(lines))
    for needle in needles:
        wanted = needle.lower()
        for number in range(first_line, end + 1):
            if wanted and wanted in lines[number - 1].lower():
                return number
    return first_line
