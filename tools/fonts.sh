#!/usr/bin/env bash
# Rebuild the self-hosted fonts in theme/static/fonts/ from the npm registry
# (OFL-licensed Noto Sans and Noto Sans Arabic, variable weight): one file per
# script, cut to the characters the site needs and to weights 400–700, so that a
# page loads at most two font files. Run with `make fonts`; commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent @fontsource-variable/noto-sans-arabic@5.3.0 @fontsource-variable/noto-sans@5.3.0 >/dev/null
 for f in *.tgz; do mkdir "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done)
cut_font() {  # source, unicodes, target
  "$PY" -m fontTools.varLib.instancer "$1" wght=400:700 -q -o "$work/instance.ttf"
  "$PY" -m fontTools.subset "$work/instance.ttf" --unicodes="$2" --layout-features='*' \
    --flavor=woff2 --output-file="$3"
}
out=theme/static/fonts
cut_font "$work"/fontsource-variable-noto-sans-arabic-5.3.0/package/files/noto-sans-arabic-arabic-wght-normal.woff2 \
  "U+0600-06FF,U+200C-200F,U+25CC" "$out/noto-sans-arabic-wght.woff2"
cut_font "$work"/fontsource-variable-noto-sans-5.3.0/package/files/noto-sans-latin-wght-normal.woff2 \
  "*" "$out/noto-sans-latin-wght.woff2"
cp "$work"/fontsource-variable-noto-sans-arabic-5.3.0/package/LICENSE "$out/OFL-noto-sans-arabic.txt"
cp "$work"/fontsource-variable-noto-sans-5.3.0/package/LICENSE "$out/OFL-noto-sans.txt"
ls -l "$out"
