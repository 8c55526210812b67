"""HTTP headers of the published site: safe defaults, one source for every host.

The Content-Security-Policy comes from ``RUN_CONTENT_SECURITY_POLICY``
(pelicanconf.py). With ``RUN_SECURITY_HEADERS`` (publishconf.py):

- every page carries it in a ``<meta http-equiv>`` (GitHub Pages cannot send
  headers); browsers ignore ``frame-ancestors`` there, so it is left out;
- the build writes ``_headers`` (the format of Netlify and Cloudflare Pages): the
  policy, ``Referrer-Policy``, ``X-Content-Type-Options`` for every address, and a
  year of cache for each content-hashed file (``runsite.publish.assets``).

The nginx equivalent is in docs/hosting.md (a test keeps it in step).
The live preview has none of it: its livereload script is injected inline.
"""

from __future__ import annotations

import os
from urllib.parse import quote

HEADERS_FILE = "_headers"
EVERY_PAGE = {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
}
IMMUTABLE = "public, max-age=31536000, immutable"  # a year: the name changes with the content
# Directives a <meta> policy cannot carry (browsers ignore them there, with a warning).
HEADER_ONLY = {"frame-ancestors", "report-uri", "report-to", "sandbox"}


def content_security_policy(settings, meta=False) -> str:
    policy = settings.get("RUN_CONTENT_SECURITY_POLICY") or {}
    return "; ".join(f"{directive} {value}".strip() for directive, value in policy.items()
                     if not (meta and directive in HEADER_ONLY))


def other_hosts(settings) -> list[str]:
    """The hosts besides the site itself that the policy lets pages load from (the
    privacy statement names them)."""
    policy = settings.get("RUN_CONTENT_SECURITY_POLICY") or {}
    hosts = {source for value in policy.values() for source in value.split()
             if not source.startswith("'") and not source.endswith(":")}
    return sorted(hosts)


def install_in_environment(generator):
    settings = generator.settings
    generator.env.globals["content_security_policy"] = content_security_policy(
        settings, meta=True)
    generator.env.globals["other_hosts"] = lambda: other_hosts(settings)


def headers_file(settings, hashed_paths) -> str:
    lines = [
        "# HTTP headers for Netlify and Cloudflare Pages, written by runsite/render/headers.py.",
        "/*",
    ]
    policy = content_security_policy(settings)
    if policy:
        lines.append(f"  Content-Security-Policy: {policy}")
    lines += [f"  {name}: {value}" for name, value in EVERY_PAGE.items()]
    for path in hashed_paths:
        lines += ["", "/" + quote(path), f"  Cache-Control: {IMMUTABLE}"]
    return "\n".join(lines) + "\n"


def write_headers_file(folder, settings, hashed_paths):
    with open(os.path.join(folder, HEADERS_FILE), "w", encoding="utf-8", newline="\n") as fp:
        fp.write(headers_file(settings, hashed_paths))
