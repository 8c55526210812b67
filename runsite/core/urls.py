"""The site's addresses, from one table (RUN_URLS), mirrored under each language's prefix."""

from __future__ import annotations

import re

# href="/x" and src="/x", also inside the escaped HTML of feeds (quotes stay as is there).
ROOT_RELATIVE = re.compile(r"""(\s(?:href|src|poster)\s*=\s*)(["'])/(?!/)""", re.I)


def path(settings, languages, lang, kind, item=None, **parts) -> str:
    """Site-relative URL ('' for the French home, 'ar/editions/run-3/'…); ``parts``
    fill the pattern's other fields (``session`` of a session's calendar)."""
    pattern = settings["RUN_URLS"][kind]
    return languages[lang].prefix + pattern.format(id=getattr(item, "id", ""), **parts)


def all_languages(settings, languages, kind, item=None, **parts) -> dict:
    return {code: path(settings, languages, code, kind, item, **parts) for code in languages}


def absolute_base(settings) -> str:
    """The site's absolute address, for the formats that require absolute URLs
    (calendars, feeds, the sitemap, JSON-LD): SITEURL when it is absolute (publish),
    else the preview's address (RUN_PREVIEW_URL, set by the live preview)."""
    siteurl = (settings.get("SITEURL") or "").rstrip("/")
    if siteurl.startswith(("https://", "http://")):
        return siteurl
    return settings["RUN_PREVIEW_URL"].rstrip("/")


def absolute(settings, languages, lang, kind, item=None, **parts) -> str:
    """The absolute URL of one of the site's own pages or files."""
    return f"{absolute_base(settings)}/{path(settings, languages, lang, kind, item, **parts)}"


def absolute_links(html, base) -> str:
    """Root-relative links (``href="/editions/run-3/"``) made absolute under ``base``."""
    return ROOT_RELATIVE.sub(lambda match: f"{match[1]}{match[2]}{base}/", html)


def mirror(url, languages, from_lang, to_lang) -> str:
    """The same page's URL in another language."""
    return languages[to_lang].prefix + url.removeprefix(languages[from_lang].prefix)
