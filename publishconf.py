"""Production settings: pelicanconf.py plus only what publishing changes."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403

# The public address, in one place: the environment's SITEURL. The CI workflow passes
# GitHub Pages' address; Netlify or Cloudflare Pages, the host's variables; by hand,
# `make publish SITEURL=https://…` (docs/hosting.md). Publishing refuses to run
# without it: links, canonical addresses, the sitemap, feeds and calendars would all
# point elsewhere. https only for a deployment (make github, make rsync_upload, CI:
# DEPLOY=1); http://127.0.0.1 or http://localhost are accepted for a local check.
SITEURL = os.environ.get("SITEURL", "").strip().rstrip("/")
RUN_PUBLISH = True
# The CI workflow publishes right after `make test` passed: the accessibility
# statement then dates its checks (RUN_CHECKED=1 in the publish step's environment).
RUN_CHECKED = os.environ.get("RUN_CHECKED") == "1"
RELATIVE_URLS = False

DELETE_OUTPUT_DIRECTORY = True

# Fast and safe on any host (runsite/publish/assets.py, runsite/render/headers.py): hashed asset
# names cached for a year, .gz/.br beside text files, the CSP in every page and a
# _headers file. Done in the staging folder, before the new site is swapped in.
RUN_FINGERPRINT = True
RUN_PRECOMPRESS = True
RUN_SECURITY_HEADERS = True
# The search index of each language (Pagefind), built in the staging folder too.
RUN_SEARCH_INDEX = True
# The programmes as PDFs (the preview skips them unless asked: make serve PDF=1).
RUN_PDF = True
