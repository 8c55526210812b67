"""Pelican with the i18n_subsites plugin (PyPI pelican-i18n-subsites, pinned in
bench/requirements.txt) for the benchmark: the same content and default theme as
pelicanconf_bare.py, the Arabic site built as a subsite at /ar/ (the plugin runs
Pelican once more for it).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pelicanconf_bare import *  # noqa: F403

PLUGINS = ["i18n_subsites"]
I18N_SUBSITES = {"ar": {"SITENAME": "RUN (benchmark)"}}
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"]}
