"""The build's clock: today in Morocco, and the moment calendars are stamped.

``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds convention)
fixes both, so that the same sources give the same bytes; ``RUN_BUILD_DATE`` fixes
the day alone (tests place the build in a phase of an edition).
"""

from __future__ import annotations

import datetime
import os
import re
import zoneinfo

from runsite.core.problems import Problem, SettingsError


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as an integer, None when unset; a French error otherwise."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{1,12}", value):
        raise SettingsError(Problem.of("SOURCE_DATE_EPOCH", None, "epoch_invalid",
                                       value=value))
    return int(value)


def build_date(settings) -> datetime.date:
    """Today in Morocco, or the day of SOURCE_DATE_EPOCH for reproducible builds."""
    if settings.get("RUN_BUILD_DATE"):
        return datetime.date.fromisoformat(settings["RUN_BUILD_DATE"])
    zone = zoneinfo.ZoneInfo(settings.get("TIMEZONE") or "Africa/Casablanca")
    epoch = source_date_epoch()
    moment = (datetime.datetime.fromtimestamp(epoch, zone) if epoch is not None
              else datetime.datetime.now(zone))
    return moment.date()


def stamp(started) -> datetime.datetime:
    """DTSTAMP, in UTC: SOURCE_DATE_EPOCH when set, else ``started`` (the build's start)."""
    epoch = source_date_epoch()
    if epoch is not None:
        return datetime.datetime.fromtimestamp(epoch, datetime.UTC)
    return started.replace(microsecond=0)
