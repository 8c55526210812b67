"""The live preview's problem panel: a failed build, shown in the open page.

The preview server (runsite.tools.serve) keeps the last build's result in a
:class:`PreviewState` it owns, and inserts :func:`panel` right after the ``<body…>``
of every HTML page it serves while that build has failed. Nothing here is written
to output/. The panel's heading and instructions are in the page's language (French
or Arabic); the problems themselves are the build's own lines, in French, escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from runsite.core.messages import counted
from runsite.tools.build import BuildResult

# The build's summaries (the panel says them in its own words) and its notices (printed
# by every build, good or not: not what stopped this one).
LEFT_OUT = re.compile(r"^(\d+ problèmes? à corriger\.|.* n'a pas été modifié\.|avis : .*)$")
HTML_LANG = re.compile(rb"<html\b[^>]*?\blang=[\"']?([A-Za-z-]+)", re.I)
BODY = re.compile(rb"<body\b[^>]*>", re.I)
HEAD_END = re.compile(rb"</head\s*>", re.I)
PANEL_ID = "run-preview-problems"
PLACEHOLDER = b"data-run-placeholder"  # the page served where the build made none


@dataclass
class PreviewState:
    """The last build of the preview, owned by its server (None before the first)."""

    result: BuildResult | None = None
    built_once: bool = False  # a site was built: the page under the panel is real

    def record(self, result: BuildResult) -> None:
        self.result = result
        self.built_once = self.built_once or result.ok

    @property
    def failed(self) -> bool:
        return self.result is not None and not self.result.ok

    def problems(self) -> list[str]:
        """Every line the failed build printed, but its summaries and notices."""
        if not self.failed:
            return []
        lines = [line for message in self.result.messages for line in message.splitlines()]
        return [line for line in lines if line.strip() and not LEFT_OUT.match(line.strip())]


def _count_fr(count):
    return f"{counted(count, 'problème')} à corriger"


def _count_ar(count):
    """Arabic number agreement: 1, 2, 3–10 (plural), else the singular without case
    ending (« 11 مشكلة », « 100 مشكلة »: right after any number, as institutions write)."""
    if count == 1:
        return "مشكلة واحدة يجب تصحيحها"
    if count == 2:
        return "مشكلتان يجب تصحيحهما"
    if 3 <= count % 100 <= 10:
        return f"{count} مشكلات يجب تصحيحها"
    return f"{count} مشكلة يجب تصحيحها"


TEXTS = {
    "fr": {
        "dir": "ltr",
        "title": "Le site n'a pas pu être mis à jour",
        "count": _count_fr,
        "below": "La page ci-dessous est la dernière version construite avec succès.",
        "nothing": "Aucune version du site n'a encore pu être construite.",
        "missing": "Cette page n'a pas encore pu être construite.",
        "fix": "Corrigez puis enregistrez le fichier : cette page se mettra à jour toute "
               "seule et ce cadre disparaîtra.",
        "french": "",
        "terminal": "Le terminal où tourne l'aperçu (<code>make serve</code> ou "
                    "<code>python -m runsite serve</code>) affiche les mêmes lignes.",
    },
    "ar": {
        "dir": "rtl",
        "title": "تعذّر تحديث الموقع",
        "count": _count_ar,
        "below": "الصفحة المعروضة أدناه هي آخر نسخة بُنيت بنجاح.",
        "nothing": "لم يتسنَّ بعدُ بناء أي نسخة من الموقع.",
        "missing": "لم يتسنَّ بعدُ بناء هذه الصفحة.",
        "fix": "صحِّحوا الملف ثم احفظوه: ستتحدّث هذه الصفحة تلقائيًا ويختفي هذا الإطار.",
        "french": " (الرسائل بالفرنسية)",
        "terminal": "تظهر الأسطر نفسها في نافذة الأوامر التي يعمل فيها أمر المعاينة "
                    '(<code dir="ltr">make serve</code> أو '
                    '<code dir="ltr">python -m runsite serve</code>).',
    },
}

# Logical properties only; every rule under the panel's id, the site's own styles
# reverted inside it. Contrast: white on #8a1010 is 8.9:1, #111 on white 18.9:1.
STYLE = f"""
#{PANEL_ID},#{PANEL_ID} *{{all:revert;box-sizing:border-box}}
#{PANEL_ID}{{display:block;position:sticky;inset-block-start:0;z-index:2147483647;
margin:0;padding-block:.75rem;padding-inline:1rem;max-block-size:45vh;overflow-y:auto;
background:#8a1010;color:#fff;font:16px/1.45 system-ui,sans-serif;text-align:start;
border-block-end:4px solid #3d0000;box-shadow:0 2px 8px rgb(0 0 0/.4)}}
#{PANEL_ID}[dir=rtl]{{font-family:inherit}}
#{PANEL_ID} h2{{margin-block:0 .25rem;margin-inline:0;font-size:1.25rem;line-height:1.3;
color:#fff;font-weight:700}}
#{PANEL_ID} p{{margin-block:.25rem;margin-inline:0;color:#fff}}
#{PANEL_ID} ol{{margin-block:.5rem;margin-inline:0;padding-block:.5rem;padding-inline:2rem .75rem;
background:#fff;color:#111;border-radius:4px;text-align:start}}
#{PANEL_ID} li{{margin-block:.25rem;color:#111}}
#{PANEL_ID} code{{font:14px/1.4 ui-monospace,"DejaVu Sans Mono",monospace;color:#fff}}
#{PANEL_ID} ol code{{display:block;color:#111;white-space:pre-wrap;overflow-wrap:anywhere;
word-break:normal}}
"""


def language_of(chunk: bytes, path: str) -> str:
    """The page's language: its ``<html lang>``, else its address (/ar/…)."""
    found = HTML_LANG.search(chunk[:4096])
    if found:
        return "ar" if found[1].lower().startswith(b"ar") else "fr"
    return "ar" if path == "/ar" or path.startswith("/ar/") else "fr"


def panel(state: PreviewState, lang: str, page_below: bool = True) -> str:
    """The panel's HTML, every problem escaped (a content mistake may hold markup)."""
    texts = TEXTS.get(lang, TEXTS["fr"])
    lang = lang if lang in TEXTS else "fr"
    problems = state.problems()
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems)
    colon = " :" if lang == "fr" else ":"  # French typography: a space before
    return (
        f'<section id="{PANEL_ID}" role="alert" lang="{lang}" dir="{texts["dir"]}" '
        f'aria-labelledby="{PANEL_ID}-title"><style>{STYLE}</style>'
        f'<h2 id="{PANEL_ID}-title">{texts["title"]}</h2>'
        + (f'<p>{texts["count"](len(problems))}{texts["french"]}{colon}</p>'
           f'<ol lang="fr" dir="ltr">{items}</ol>' if problems else "")
        + f'<p>{_under(texts, state, page_below)} {texts["fix"]}</p>'
        f'<p>{texts["terminal"]}</p></section>'
    )


def _under(texts, state, page_below) -> str:
    """What the panel says of the page under it."""
    if not state.built_once:
        return texts["nothing"]
    return texts["below"] if page_below else texts["missing"]


def insert(chunk: bytes, state: PreviewState, path: str) -> bytes:
    """``chunk`` (the start of an HTML page) with the panel after its ``<body…>``."""
    block = panel(state, language_of(chunk, path),
                  page_below=PLACEHOLDER not in chunk).encode("utf-8")
    body = BODY.search(chunk)
    if body:
        return chunk[:body.end()] + block + chunk[body.end():]
    head = HEAD_END.search(chunk)  # a body without its tag: the panel opens it
    if head:
        return chunk[:head.end()] + block + chunk[head.end():]
    return block + chunk


def placeholder(path: str) -> str:
    """The page served for an address the failed build has not made (the first build
    failed, or a new page is broken): the panel goes after its ``<body>``."""
    lang = language_of(b"", path)
    texts = TEXTS[lang]
    return (f'<!DOCTYPE html><html lang="{lang}" dir="{texts["dir"]}"><head>'
            f'<meta charset="utf-8"><meta name="viewport" content="width=device-width, '
            f'initial-scale=1"><title>{texts["title"]}</title></head>'
            f'<body {PLACEHOLDER.decode()}></body></html>')
