"""Publishing refuses an unsafe target: a production build knows its address.

With ``RUN_PUBLISH`` (publishconf.py), ``SITEURL`` is required: every absolute
address (canonical, hreflang, sitemap, feeds, calendars, Open Graph) is built from
it. It must be an https address; ``http://127.0.0.1`` and ``http://localhost`` are
accepted for a local check, except for a deployment (``RUN_DEPLOY``: make github,
make rsync_upload and the CI workflow).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from runsite.core.problems import Problem, SettingsError

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def check_target(settings):
    if not settings.get("RUN_PUBLISH"):
        return
    siteurl = (settings.get("SITEURL") or "").strip()
    if not siteurl:
        raise SettingsError(Problem.of("SITEURL", None, "siteurl_missing"))
    try:
        parts = urlsplit(siteurl)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    deploy = settings.get("RUN_DEPLOY")
    https = parts is not None and parts.scheme == "https" and host
    local = (parts is not None and parts.scheme == "http" and host in LOOPBACK
             and not deploy)
    if not (https or local) or (parts and (parts.query or parts.fragment)):
        raise SettingsError(Problem.of(
            "SITEURL", None, "siteurl_refused", value=siteurl,
            target="une mise en ligne" if deploy else "make publish",
            allowed="une adresse https://… (le site en ligne)" if deploy else
            "une adresse https://… (ou http://127.0.0.1:PORT pour un essai sur cet "
            "ordinateur)"))
