"""Bare Pelican for the benchmark: default theme, no plugins, one pass.

The generated series as plain Markdown (bench/generate.py); the two languages are
Pelican's own translations (``Lang:`` metadata, linked by slug). Feeds are off, as
in the RUN site's development settings.
"""

SITENAME = "RUN (benchmark)"
SITEURL = ""
RELATIVE_URLS = False
TIMEZONE = "Africa/Casablanca"
DEFAULT_LANG = "fr"
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = ["articles"]
PLUGINS = []
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
