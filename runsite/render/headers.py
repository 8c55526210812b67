"""HTTP headers of the published site: safe defaults, one source for every host.

The Content-Security-Policy comes from ``RUN_CONTENT_SECURITY_POLICY``
(pelicanconf.py); a page named in ``RUN_CONTENT_SECURITY_POLICY_EXCEPTIONS`` (the
search page, the only one with a script) has that policy with its own directives.
``style-src`` gets the hash of the stylesheet inlined in every page
(runsite.render.styles, where it is computed), never ``'unsafe-inline'``.
With ``RUN_SECURITY_HEADERS`` (publishconf.py):

- every page carries its policy in a ``<meta http-equiv>`` (GitHub Pages cannot
  send headers); browsers ignore ``frame-ancestors`` there, so it is left out;
- the build writes ``_headers`` (the format of Netlify and Cloudflare Pages):
  ``Referrer-Policy`` and ``X-Content-Type-Options`` for every address, a year of
  cache for each content-hashed file (``runsite.publish.assets``), and the policy.

Two policies sent for one address are both enforced, and both hosts send every
rule that matches (Cloudflare Pages joins a header's values, Netlify keeps the
last; Cloudflare's ``! Header`` detach is unknown to Netlify). So the policy's
rules never overlap: the site-wide policy on each file and folder of the site but
the folders of the exceptions, which get theirs. An address the site does not
have gets the 404 page, whose ``<meta>`` carries the site-wide policy.

The nginx equivalent is in docs/hosting.md (a test keeps it in step).
The live preview has none of it: its livereload script is injected inline.
"""

from __future__ import annotations

import os
from urllib.parse import quote

from runsite.core import urls
from runsite.core.state import of
from runsite.render import styles

HEADERS_FILE = "_headers"
EVERY_PAGE = {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
}
IMMUTABLE = "public, max-age=31536000, immutable"  # a year: the name changes with the content
# Directives a <meta> policy cannot carry (browsers ignore them there, with a warning).
HEADER_ONLY = {"frame-ancestors", "report-uri", "report-to", "sandbox"}


def content_security_policy(settings, meta=False, page=None, inline_styles=None) -> str:
    """The site-wide policy, or the one of the page named ``page`` in RUN_URLS when it
    is an exception (its directives replace the site's, in the same order), with the
    hashes ``inline_styles`` (every one inlined so far by default) in ``style-src``."""
    policy = dict(settings.get("RUN_CONTENT_SECURITY_POLICY") or {})
    policy.update((settings.get("RUN_CONTENT_SECURITY_POLICY_EXCEPTIONS") or {}).get(page, {}))
    if not policy:
        return ""
    if inline_styles is None:
        inline_styles = styles.of_build(settings).hashes()
    if inline_styles:
        policy["style-src"] = " ".join([policy.get("style-src", ""), *inline_styles]).strip()
    return "; ".join(f"{directive} {value}".strip() for directive, value in policy.items()
                     if not (meta and directive in HEADER_ONLY))


def exception_folders(settings) -> dict[str, str]:
    """{site folder ('recherche/', 'ar/recherche/'): its policy} of every exception."""
    languages = of(settings).languages
    folders = {}
    for page in settings.get("RUN_CONTENT_SECURITY_POLICY_EXCEPTIONS") or {}:
        for url in urls.all_languages(settings, languages, page).values():
            folders[url] = content_security_policy(settings, page=page)
    return folders


def other_hosts(settings) -> list[str]:
    """The hosts besides the site itself that the policy lets pages load from (the
    privacy statement names them)."""
    policy = settings.get("RUN_CONTENT_SECURITY_POLICY") or {}
    hosts = {source for value in policy.values() for source in value.split()
             if not source.startswith("'") and not source.endswith(":")}
    return sorted(hosts)


def install_in_environment(generator):
    settings = generator.settings
    stylesheet = styles.of_build(settings)
    exceptions = settings.get("RUN_CONTENT_SECURITY_POLICY_EXCEPTIONS") or {}

    made = {}

    # content_security_policy(page_name, SITEURL): the <meta> of a page.
    def policy(page=None, siteurl=""):
        key = (page if page in exceptions else None, siteurl)
        if key not in made:
            made[key] = content_security_policy(settings, meta=True, page=key[0],
                                                inline_styles=[stylesheet.hash(siteurl)])
        return made[key]

    generator.env.globals["content_security_policy"] = policy
    generator.env.globals["other_hosts"] = lambda: other_hosts(settings)


def policy_rules(folder, settings) -> list[tuple[str, str]]:
    """(address pattern, policy) covering each file and folder of the site in
    ``folder`` once: the exceptions' folders with their policy, everything else
    with the site's; a folder holding an exception is split into its entries."""
    site = content_security_policy(settings)
    if not site:
        return []
    exceptions = exception_folders(settings)
    rules = []

    def split(prefix):
        rules.append(("/" + quote(prefix), site))  # the folder's own address
        for name in sorted(os.listdir(os.path.join(folder, prefix))):
            path = prefix + name
            if not os.path.isdir(os.path.join(folder, path)):
                if path != HEADERS_FILE:
                    rules.append(("/" + quote(path), site))
                continue
            path += "/"
            if path in exceptions:
                rules.append(("/" + quote(path) + "*", exceptions[path]))
            elif any(other.startswith(path) for other in exceptions):
                split(path)
            else:
                rules.append(("/" + quote(path) + "*", site))

    split("")
    return rules


PRECOMPRESSED = (".gz", ".br")


def cache_patterns(folder, hashed_paths) -> list[str]:
    """The address patterns of the hashed files: a folder's ``/*`` when everything in
    it is hashed (a gallery's photos, the fonts), else each file. Cloudflare Pages reads
    at most 100 rules: one per photo would pass it with a few editions' galleries."""
    by_folder: dict[str, list[str]] = {}
    for path in hashed_paths:
        by_folder.setdefault(os.path.dirname(path), []).append(path)
    patterns = []
    for directory, paths in sorted(by_folder.items()):
        hashed = set(paths)
        entries = os.listdir(os.path.join(folder, directory)) if directory else []
        files = [os.path.join(directory, name).replace(os.sep, "/") for name in entries
                 if os.path.isfile(os.path.join(folder, directory, name))]
        whole = bool(files) and all(f in hashed or (f.endswith(PRECOMPRESSED)
                                                    and f.rsplit(".", 1)[0] in hashed)
                                    for f in files)
        if whole:
            patterns.append("/" + quote(directory) + "/*")
        else:
            patterns += ["/" + quote(path) for path in sorted(paths)]
    return patterns


def headers_file(settings, hashed_paths, folder) -> str:
    """One block per address pattern: every address's headers, the hashed files' year
    of cache, then the policy of each file and folder (a hashed file's two in one)."""
    rules = {"/*": [f"{name}: {value}" for name, value in EVERY_PAGE.items()]}
    for pattern in cache_patterns(folder, hashed_paths):
        rules[pattern] = [f"Cache-Control: {IMMUTABLE}"]
    for pattern, policy in policy_rules(folder, settings):
        rules.setdefault(pattern, []).append(f"Content-Security-Policy: {policy}")
    lines = ["# HTTP headers for Netlify and Cloudflare Pages, written by "
             "runsite/render/headers.py:",
             "# the Content-Security-Policy has exactly one rule for each address."]
    for pattern, headers in rules.items():
        lines += ["", pattern, *(f"  {header}" for header in headers)]
    return "\n".join(lines) + "\n"


def write_headers_file(folder, settings, hashed_paths):
    text = headers_file(settings, hashed_paths, folder)
    with open(os.path.join(folder, HEADERS_FILE), "w", encoding="utf-8", newline="\n") as fp:
        fp.write(text)
