"""Dates as Jinja filters, through Babel in the page's locale.

No ``setlocale``/``strftime``: these machines have no French or Arabic system
locale. Arabic uses ``ar_MA`` (Moroccan month names: دجنبر, not ديسمبر) with
Latin digits. ``medium``/``short`` Arabic patterns insert U+200F marks, so the
default is ``long``.
"""

from __future__ import annotations

import datetime

from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from jinja2 import pass_context


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def filters(languages, context_lang):
    """The date filters, bound to the site's language table."""

    @pass_context
    def format_date(ctx, value, format="long"):
        locale = languages[context_lang(ctx)].locale
        return babel_format_date(_as_date(value), format=format, locale=locale)

    @pass_context
    def format_time(ctx, value, format="short"):
        locale = languages[context_lang(ctx)].locale
        return babel_format_time(value, format=format, locale=locale)

    def iso_date(value):
        return _as_date(value).isoformat()

    return {"format_date": format_date, "format_time": format_time, "iso_date": iso_date}
