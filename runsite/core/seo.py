"""What search results and share cards show: a title of at most 70 characters,
the site's name included when it fits, and a description of at most 160.

Both are text, whatever markup a block or a theme string holds (runsite.core.plain):
they are printed in <title> and in attributes. Longer ones are
cut at a word, with an ellipsis; organisers get a notice for a title or a summary
that would be cut (runsite.read.markdown).
"""

from __future__ import annotations

from markupsafe import escape

from runsite.core.plain import plain

TITLE_LIMIT = 70
DESCRIPTION_LIMIT = 160
SITE_NAME = "RUN"


def shorten(text, limit) -> str:
    """``text`` cut at a word to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:—-") + "…"


def with_site_name(title):
    """The window's title: "title — RUN" when it fits in 70 characters, else the title."""
    text = plain(title)
    full = f"{text} — {SITE_NAME}"
    return escape(full if len(full) <= TITLE_LIMIT else shorten(text, TITLE_LIMIT))


def description(html):
    return escape(shorten(plain(html), DESCRIPTION_LIMIT))


def install_in_environment(generator):
    generator.env.filters["with_site_name"] = with_site_name
    generator.env.filters["description"] = description
