"""Pelican settings of the RUN site (development).

One Pelican run writes the French site at ``/`` and the Arabic site at ``/ar/``.
``publishconf.py`` imports this file and overrides only what production changes.
Paths are relative to this file, never to the working directory.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

SITENAME = "RUN"
SITEURL = ""
RELATIVE_URLS = False  # root-relative links: /ar/… resolves the same from every page
# Calendars, feeds, the sitemap and JSON-LD need absolute URLs in every build: without
# an absolute SITEURL they use the live preview's address (make serve sets it).
RUN_PREVIEW_URL = "http://127.0.0.1:8000"

PATH = "content"
THEME = "theme"
TIMEZONE = "Africa/Casablanca"

# --- Languages --------------------------------------------------------------
# French is the default language (no prefix); every other language lives under
# /<lang>/ with the same path, so a page's counterpart is always at a known URL.
DEFAULT_LANG = "fr"
RUN_LANGUAGES = {
    # code: Babel locale for dates and plurals, Open Graph locale (one that Facebook
    # and LinkedIn accept: fr_MA and ar_MA are not), the language's own name; and
    # "partial": True for a language being added (docs/architecture.md)
    "fr": {"locale": "fr", "og_locale": "fr_FR", "name": "Français"},
    "ar": {"locale": "ar_MA", "og_locale": "ar_AR", "name": "العربية"},
}
RUN_TRANSLATIONS_PATH = str(HERE / "translations")  # gettext catalogs of theme strings

# Where organisers write (see content/exemples/ for every field, commented):
PAGE_PATHS = ["pages"]  # pages/a-propos.fr.md + pages/a-propos.ar.md
ARTICLE_PATHS = ["actualites"]  # news, one file per language
RUN_EDITIONS_PATH = "editions"  # editions/run-3.toml (facts, agenda) + run-3.fr.md/.ar.md
RUN_PARTNERS_FILE = "partenaires.toml"
RUN_MILESTONES_FILE = "jalons.toml"
RUN_PUBLISHER_FILE = "editeur.toml"  # who publishes the site (the statements name it)
RUN_SPEAKERS_FILE = "intervenants.toml"  # speakers, each with a page (optional file)
RUN_PHOTOS_PATH = "photos"  # people's photos: published only resized and stripped
RUN_PHOTO_WIDTH = 160  # a speaker's photo, in CSS pixels (files at 1x and 2x)
RUN_PHOTO_MAX_PIXELS = 50_000_000  # a larger photo is refused (decoding it would stall builds)
# After an edition: its photos (RUN_PHOTOS_PATH, [[photo]] blocks), and the sessions'
# slides in content/documents/, published at the same path only while a session names
# them (taking one down is deleting its line: docs/guide-organisateurs.md).
RUN_DOCUMENTS_PATH = "documents"
RUN_DOCUMENT_MAX_MB = 20  # heavier slides are refused: visitors download them on phones
RUN_GALLERY_WIDTHS = (320, 640, 960, 1280)  # a gallery photo: in the grid, and opened alone
RUN_POSTER_WIDTH = 320  # a recording's image on the programme (CSS pixels, 1x and 2x)
# What the build draws outside the browser: the fonts and styles of the PDF programmes
# and of the share images (theme/print/, never published).
RUN_PRINT_PATH = str(HERE / "theme" / "print")
# The programme of each edition as a PDF, per language, and a bilingual booklet
# (runsite/write/printed.py): make publish and CI; make serve PDF=1 in the preview.
RUN_PDF = False
# The pictures of link previews (runsite/write/share.py), drawn by every build and
# cached; False: none, and pages without og:image (the benchmark's pages-only builds).
RUN_SHARE_IMAGES = True
STATIC_PATHS = ["images", "extra"]
# A file published as it is has no language (runsite/read/files.py refuses "x.fr.png"):
# if Pelican ever reads one, it keeps its address.
STATIC_LANG_URL = "{path}"
STATIC_LANG_SAVE_AS = "{path}"
EXTRA_PATH_METADATA = {  # files served from the site's root
    "extra/favicon.ico": {"path": "favicon.ico"},
    "extra/favicon.svg": {"path": "favicon.svg"},
}
# Neither read nor copied (runsite/read/files.py checks content/ with the same rule): the
# commented examples (documentation), hidden files, and what editors and file
# managers leave beside files.
IGNORE_FILES = ["exemples", ".*", "*~", "*.swp", "*.swx", "*.tmp", "*.bak", "Thumbs.db",
                "desktop.ini"]

# File names carry the slug and the language: content/pages/about.fr.md and
# about.ar.md are counterparts (same slug) at /about/ and /ar/about/.
FILENAME_METADATA = r"(?P<slug>[a-z0-9-]+)\.(?P<lang>[a-z]{2})"
PAGE_TRANSLATION_ID = "slug"
ARTICLE_TRANSLATION_ID = "slug"

# URL settings in pairs: X_URL beside X_SAVE_AS.
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
ARTICLE_URL = "actualites/{slug}/"
ARTICLE_SAVE_AS = "actualites/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/actualites/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/actualites/{slug}/index.html"
# Drafts ("Status: draft", or draft = true for an edition) are never written by
# html, check or publish; the live preview shows them at their address, with a
# banner (RUN_SHOW_DRAFTS, set by make serve).
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""

# The site plugin's own pages, in the default language; every other language
# has them under its prefix (/ar/…). ASCII paths, the same in both languages.
RUN_URLS = {
    "home": "",
    "timeline": "chronologie/",
    "partners": "partenaires/",
    "news": "actualites/",
    "edition": "editions/{id}/",
    "agenda": "editions/{id}/programme/",
    "speaker": "intervenants/{id}/",
    "speakers": "intervenants/",  # every speaker of the series (when there is one)
    "edition_calendar": "editions/{id}/calendrier.ics",
    "session_calendar": "editions/{id}/programme/{session}.ics",  # one timed session
    # The programme for conference apps (frab format, as XML and JSON) and a QR code
    # of the XML's address for an app to scan.
    "schedule_xml": "editions/{id}/programme/schedule.xml",
    "schedule_json": "editions/{id}/programme/schedule.json",
    "schedule_qr": "editions/{id}/programme/schedule-qr.png",
    "calendar": "calendrier.ics",  # the whole series
    "feed": "actualites/flux.atom",
    "sitemap": "sitemap.xml",
    "accessibility": "accessibilite/",
    "privacy": "confidentialite/",
    "search": "recherche/",  # the site's search (its index is built at publication)
    # The programme to print: per language, and both languages in one booklet (named
    # after the edition: a phone's downloads folder holds several programmes).
    "programme_pdf": "editions/{id}/programme/{id}-programme.pdf",
    "booklet_pdf": "editions/{id}/programme/{id}-programme-bilingue.pdf",
    # The picture of link previews: {id} is an edition's, "accueil" (the home's and
    # every page without its own), or "actualite-" and a news item's slug.
    "share_image": "partage/{id}.png",
}
# The right-hand side of every calendar event's UID (run-3@…). Calendars that hold an
# event recognise its updates by the UID: set once, before the first publication (a
# domain the organisers control, if they have one), never derived from SITEURL and
# never changed after. ".invalid" is reserved (RFC 2606): no one else's UIDs use it.
RUN_UID_DOMAIN = "rencontre-universitaire-numerique.invalid"
# The series' name per language: the calendars', the feeds' author, JSON-LD's EventSeries.
# Listing pages written once per language: name (in RUN_URLS) -> template.
RUN_LISTINGS = {
    "home": "home",
    "timeline": "timeline",
    "partners": "partners",
    "news": "news",
    "accessibility": "accessibility",  # statements written from what the build knows
    "privacy": "privacy",
    "search": "search",  # works once published (RUN_SEARCH_INDEX); says so otherwise
}
RUN_NOT_FOUND_TEMPLATE = "404"  # written once, at /404.html, in every language
RUN_TRACK = False  # the live preview records what each page reads (make serve sets it)
RUN_SHOW_DRAFTS = False  # drafts are not built (make serve sets it: shown with a banner)
RUN_DEMO = False  # demo/pelicanconf.py: every page says its data are invented

# Listings Pelican would write in the default language only are replaced by
# the site plugin's per-language pages (RUN_LISTINGS).
DIRECT_TEMPLATES = []
INDEX_SAVE_AS = ""
TAGS_SAVE_AS = ""
TAG_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""

# Feeds are switched on in publishconf.py.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- Publishing: off in the preview, switched on in publishconf.py ----------
RUN_PUBLISH = False  # publishconf.py: SITEURL is required (runsite.publish.target)
RUN_DEPLOY = False  # make github, make rsync_upload, CI (DEPLOY=1): SITEURL in https only
RUN_FINGERPRINT = False  # content-hashed CSS, font and image names (run.3f2a9c1b.css)
RUN_PRECOMPRESS = False  # name.gz and name.br beside every text file
RUN_SECURITY_HEADERS = False  # the policy below in a <meta> of every page, and _headers
# The search index (Pagefind, runsite/publish/search.py): one per language, in
# pagefind/ of the published site. The preview has none: its search page says so.
RUN_SEARCH_INDEX = False
# Only the site's own files, and no script at all (JSON-LD data is not executed);
# no inline style. frame-ancestors works as an HTTP header only (_headers, nginx).
RUN_CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "script-src": "'none'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
# The pages that differ from it, by their name in RUN_URLS: the directives they change.
# The search page is the only page with a script, the site's own (theme/js/search.js
# and Pagefind's, WebAssembly included): its policy is the same in its <meta>, in
# _headers and in nginx (docs/hosting.md), and the site-wide policy does not cover it.
RUN_CONTENT_SECURITY_POLICY_EXCEPTIONS = {
    "search": {"script-src": "'self' 'wasm-unsafe-eval'"},
}

# The automatic checks `make test` runs before every publication, named in the
# accessibility statement (tests/test_statements.py keeps them in step with the
# tools installed). RUN_CHECKED (publishconf.py, from the CI workflow) says that
# they passed just before this build: the statement then gives its date.
RUN_ACCESSIBILITY_CHECKS = [("axe-core", "4.12.1"), ("Nu Html Checker", "26.9.27")]
RUN_CHECKED = False

# --- Plugins and templates ---------------------------------------------------
PLUGIN_PATHS = [str(HERE)]
PLUGINS = ["runsite"]
JINJA_ENVIRONMENT = {
    # Every printed value is escaped; the only HTML trusted is in runsite/core/trusted.py.
    "autoescape": True,
    "extensions": ["jinja2.ext.i18n"],
    "trim_blocks": True,
    "lstrip_blocks": True,
}

