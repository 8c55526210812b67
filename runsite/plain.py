"""Plain text from the HTML that Markdown produces (titles, summaries), for the
places that take no markup: calendars and structured data."""

from __future__ import annotations

import re
from html import unescape


def plain(html) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html or "")).split())
