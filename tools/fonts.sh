#!/usr/bin/env bash
# Rebuild the self-hosted fonts in theme/static/fonts/ from the npm registry
# (OFL-licensed Noto Sans and Noto Sans Arabic, variable weight): one file per
# script, cut to the characters the site needs and to weights 400–700, so that a
# page loads at most two font files. Run with `make fonts`; commit the result.
#
# Also the fonts of the printed programme and the share images, in theme/print/fonts/
# (never published): the same Latin font as static weights 400 and 700 (WeasyPrint
# and Pillow draw one weight per file), and Noto Sans Arabic 2.005 from Debian's
# fonts-noto-core. The npm cut draws each letter as a shared skeleton plus its dots:
# fine on screen, but a PDF maps each glyph to one character, so the text of a PDF
# would read ن for ف; Debian's version has a glyph per letter and form. The Arabic
# file keeps the space, digits and punctuation: a line that switches fonts at each
# space is laid out wrong by WeasyPrint (words overlap, spaces vanish).
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
# Arabic: the letters, marks and punctuation of Modern Standard Arabic, with the
# letters Maghrebi and foreign names take (پ چ ژ ڤ ک ڭ گ ی), not the whole block
# (Persian and Urdu letters, Arabic-Indic digits: Morocco writes 0–9): 17 KB instead
# of 37 KB, the largest part of an Arabic page's first view. The unicode-range of its
# @font-face (theme/css/run.css) is this list; other characters use the system's font.
cut_font "$work"/fontsource-variable-noto-sans-arabic-5.3.0/package/files/noto-sans-arabic-arabic-wght-normal.woff2 \
  "U+060C,U+061B,U+061F,U+0621-063A,U+0640-0652,U+0654-0655,U+0670,U+067E,U+0686,U+0698,U+06A4,U+06A9,U+06AD,U+06AF,U+06CC,U+200C-200F,U+25CC" "$out/noto-sans-arabic-wght.woff2"
cut_font "$work"/fontsource-variable-noto-sans-5.3.0/package/files/noto-sans-latin-wght-normal.woff2 \
  "*" "$out/noto-sans-latin-wght.woff2"
cp "$work"/fontsource-variable-noto-sans-arabic-5.3.0/package/LICENSE "$out/OFL-noto-sans-arabic.txt"
cp "$work"/fontsource-variable-noto-sans-5.3.0/package/LICENSE "$out/OFL-noto-sans.txt"
ls -l "$out"

print=theme/print/fonts
mkdir -p "$print"
for weight in 400 700; do
  "$PY" -m fontTools.varLib.instancer "$work"/fontsource-variable-noto-sans-5.3.0/package/files/noto-sans-latin-wght-normal.woff2 \
    wght=$weight -q -o "$work/latin.ttf"
  "$PY" -m fontTools.subset "$work/latin.ttf" --unicodes="*" --layout-features='*' \
    --output-file="$print/noto-sans-latin-$weight.ttf"
done
(cd "$work" && apt-get download fonts-noto-core=20201225-1 >/dev/null 2>&1 && dpkg-deb -x fonts-noto-core_*.deb debian)
for style in Regular:400 Bold:700; do
  "$PY" -m fontTools.subset "$work/debian/usr/share/fonts/truetype/noto/NotoSansArabic-${style%%:*}.ttf" \
    --unicodes="U+0020-0040,U+005B-0060,U+007B-007E,U+00A0,U+00AB,U+00BB,U+0600-06FF,U+200C-200F,U+2010-2027,U+2066-2069,U+25CC" --layout-features='*' \
    --output-file="$print/noto-sans-arabic-${style##*:}.ttf"
done
# The share images draw a whole line with one font (raqm orders its runs): both merged.
for weight in 400 700; do
  PYTHONPATH=. "$PY" -c "import sys; from runsite.write.share import merge; sys.stdout.buffer.write(merge(*sys.argv[1:]))" \
    "$print/noto-sans-latin-$weight.ttf" "$print/noto-sans-arabic-$weight.ttf" > "$print/noto-sans-latin-arabic-$weight.ttf"
done
cp "$work"/debian/usr/share/doc/fonts-noto-core/copyright "$print/COPYRIGHT-debian-fonts-noto-core.txt"
cp "$out/OFL-noto-sans.txt" "$out/OFL-noto-sans-arabic.txt" "$print/"
ls -l "$print"
