"""Production settings: pelicanconf.py plus only what publishing changes."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403

# The public address: the CI workflow passes the GitHub Pages URL. The fallback
# keeps `make publish` working on a fresh clone (links absolute under it).
SITEURL = os.environ.get("SITEURL", "http://127.0.0.1:8000").rstrip("/")
RELATIVE_URLS = False

DELETE_OUTPUT_DIRECTORY = True

# Fast and safe on any host (runsite/assets.py, runsite/headers.py): hashed asset
# names cached for a year, .gz/.br beside text files, the CSP in every page and a
# _headers file. Done in the staging folder, before the new site is swapped in.
RUN_FINGERPRINT = True
RUN_PRECOMPRESS = True
RUN_SECURITY_HEADERS = True
