"""The pictures that link previews show (WhatsApp, LinkedIn, X…): one 1200×630 PNG
per language of the site, drawn by Chromium with the site's own fonts and colours,
written to ``theme/static/images/partage-<code>.png`` and committed with the theme.

Run again (``make share-images``) after changing the site's name in a catalog or
adding a language; the templates name the picture of the page's language.
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
import pelicanconf  # noqa: E402

FONTS = ROOT / "theme" / "static" / "fonts"
OUT = ROOT / "theme" / "static" / "images"
SIZE = {"width": 1200, "height": 630}
NAME = "University Digital Meeting"

CARD = """<!doctype html><html lang="{lang}" dir="{dir}"><meta charset="utf-8"><style>
@font-face {{ font-family: "RUN Sans"; src: url("{latin}"); font-weight: 400 700;
  unicode-range: U+0000-00FF, U+2000-206F; }}
@font-face {{ font-family: "RUN Sans"; src: url("{arabic}"); font-weight: 400 700;
  unicode-range: U+0600-06FF, U+200C-200F; }}
html, body {{ margin: 0; inline-size: 1200px; block-size: 630px; }}
body {{ box-sizing: border-box; padding: 80px 96px; background: #0b5d4f; color: #fff;
  font-family: "RUN Sans", sans-serif; display: flex; flex-direction: column;
  justify-content: center; gap: 28px; border-block-end: 24px solid #e0a526; }}
.acronym {{ font-size: 168px; font-weight: 700; line-height: 1; letter-spacing: 0.04em; }}
.name {{ font-size: 64px; font-weight: 700; line-height: 1.25; }}
.platforms {{ font-size: 34px; opacity: 0.92; }}
.acronym, .platforms {{ align-self: flex-start; }}
</style><body><div class="acronym" dir="ltr">RUN</div><div class="name">{name}</div>
<div class="platforms" dir="ltr">MOOCs · MUN · FUN</div></body></html>"""


def site_name(code: str) -> str:
    catalog_path = Path(pelicanconf.RUN_TRANSLATIONS_PATH) / code / "LC_MESSAGES" / "messages.po"
    with open(catalog_path, "rb") as fp:
        catalog = read_po(fp)
    message = catalog.get(NAME)
    return message.string if message is not None and message.string else NAME


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                             args=["--no-sandbox"])
        page = browser.new_page(viewport=SIZE)
        for code, language in pelicanconf.RUN_LANGUAGES.items():
            direction = Locale.parse(language["locale"]).text_direction
            card = OUT / f"partage-{code}.html"
            card.write_text(CARD.format(
                lang=code, dir=direction,
                name=html.escape(site_name(code)),
                latin=(FONTS / "noto-sans-latin-wght.woff2").as_uri(),
                arabic=(FONTS / "noto-sans-arabic-wght.woff2").as_uri()), "utf-8")
            try:
                page.goto(card.as_uri())
                page.evaluate("document.fonts.ready")
                page.screenshot(path=str(OUT / f"partage-{code}.png"))
            finally:
                card.unlink()
            print(f"theme/static/images/partage-{code}.png")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
