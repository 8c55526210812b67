"""Dates as Jinja filters, through Babel in the page's locale.

No ``setlocale``/``strftime``: these machines have no French or Arabic system
locale. Arabic uses ``ar_MA`` (Moroccan month names: دجنبر, not ديسمبر) with
Latin digits. ``medium``/``short`` Arabic patterns insert U+200F marks, so the
default is ``long``.
"""

from __future__ import annotations

import datetime
import functools

from babel.dates import format_date as babel_format_date
from babel.dates import format_time as babel_format_time
from jinja2 import pass_context


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


# The first of the month as each language writes it where CLDR's patterns have only a
# number: French « le 1er avril », Moroccan Arabic « فاتح أبريل » (official usage).
FIRST_OF_MONTH = {"fr": "1er", "ar": "فاتح"}


def first_of_month(text, value, locale):
    first = FIRST_OF_MONTH.get(locale.split("_")[0])
    if first and _as_date(value).day == 1 and text.startswith("1") and \
            not text[1:2].isdigit():
        return first + text[1:]
    return text


# Pure functions of their arguments: the same dates and times recur on thousands of
# pages (an edition's dates on each of its pages, a session's times on its programme
# and elsewhere), and Babel reads its patterns anew on each call.
@functools.lru_cache(maxsize=4096, typed=True)
def _date(day: datetime.date, format, locale) -> str:
    return first_of_month(babel_format_date(day, format=format, locale=locale), day, locale)


@functools.lru_cache(maxsize=4096, typed=True)
def _time(value, zone, format, locale) -> str:
    """``zone``: the value's tzinfo, in the key (aware times of two zones can be equal)."""
    return babel_format_time(value, format=format, locale=locale)


def filters(languages, context_lang):
    """The date filters, bound to the site's language table."""

    @pass_context
    def format_date(ctx, value, format="long", precision="day"):
        """``5 décembre 2017`` / ``5 دجنبر 2017``; ``mai 2017`` when only the month is known;
        ``mardi 5 décembre 2017`` / ``الثلاثاء، 5 دجنبر 2017`` with ``precision="weekday"``
        (the printed programme's days)."""
        locale = languages[context_lang(ctx)].locale
        if precision == "month":
            format = "MMMM y"
        elif precision == "weekday":
            format = "full"
        return _date(_as_date(value), format, locale)

    @pass_context
    def format_day(ctx, value):
        """The day number alone, for ranges within one month (``4``–``5 décembre``)."""
        locale = languages[context_lang(ctx)].locale
        return _date(_as_date(value), "d", locale)

    @pass_context
    def format_time(ctx, value, format="short"):
        locale = languages[context_lang(ctx)].locale
        return _time(value, value.tzinfo, format, locale)

    def iso_date(value, precision="day"):
        """For <time datetime>: 2017-12-05, or 2017-05 when only the month is known."""
        value = _as_date(value)
        return value.strftime("%Y-%m") if precision == "month" else value.isoformat()

    return {"format_date": format_date, "format_day": format_day, "format_time": format_time,
            "iso_date": iso_date}
