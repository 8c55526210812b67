"""The live preview's rebuilds after an edit (runsite.tools.incremental): whatever the
edits, the output is byte for byte what a clean full build writes.

A 5-edition generated series (bench/generate.py) in a copy of the theme, catalogs
and settings, edited at random — news and page texts, their titles, the editions'
data, templates, catalogs — and rebuilt after each edit by one process, as
``make serve`` does; every 20 edits a clean full build in another folder is
compared with it file by file.
"""

from __future__ import annotations

import difflib
import random
import re
import shutil
import sys
from pathlib import Path

import pytest

from runsite.core.cache import ProcessCache
from runsite.tools.build import build

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402

EDITS = 200
CHECK_EVERY = 20
PREVIEW = {"RUN_TRACK": True, "RUN_SHOW_DRAFTS": True, "RUN_SHARE_IMAGES": False}
PROSE = re.compile(r'^((?:title|name|city)\.(?:fr|ar) = ")(.+)(")$', re.M)
MSGSTR = re.compile(r'^(msgstr(?:\[\d\])? ")(.+)(")$', re.M)


def tree(folder: Path) -> dict:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(built: dict, expected: dict) -> list[str]:
    return sorted([*(f"en trop : {n}" for n in built.keys() - expected.keys()),
                   *(f"manquant : {n}" for n in expected.keys() - built.keys()),
                   *(f"différent : {n}" for n in built.keys() & expected.keys()
                     if built[n] != expected[n])])


def first_difference(built, expected, wrong) -> str:
    name = next((w.split(" : ", 1)[1] for w in wrong if w.startswith("différent")), None)
    if name is None:
        return ""
    lines = difflib.unified_diff(expected[name].decode("utf-8", "replace").splitlines(),
                                 built[name].decode("utf-8", "replace").splitlines(),
                                 "construction complète", "aperçu", n=1, lineterm="")
    return "\n".join(list(lines)[:30])


class Editor:
    """Random edits of one project, each one an organiser's or a developer's."""

    def __init__(self, project: Path, seed: int):
        self.random = random.Random(seed)
        content = project / "content"
        self.texts = sorted([*content.glob("actualites/*.md"), *content.glob("pages/*.md"),
                             *content.glob("editions/*.md")])
        self.data_files = sorted(content.glob("**/*.toml"))
        self.templates = sorted((project / "theme" / "templates").glob("*.html"))
        self.catalogs = sorted((project / "translations").glob("*/LC_MESSAGES/*.po"))
        self.count = 0

    def edit(self) -> str:
        self.count += 1
        # Mostly texts, as organisers edit; the rest rebuilds the whole site.
        kind = self.random.choices(["text", "title", "data", "template", "catalog"],
                                   [16, 1, 1, 1, 1])[0]
        return getattr(self, kind)()

    def _rewrite(self, path: Path, change) -> str:
        text = path.read_text("utf-8")
        path.write_text(change(text), "utf-8")
        return f"{path.name}"

    def text(self):
        path = self.random.choice(self.texts)
        arabic = path.name.endswith(".ar.md")
        sentence = (f"جملة مضافة رقم {self.count}." if arabic
                    else f"Phrase ajoutée numéro {self.count}.")
        how = self.random.choice(["append", "replace", "first"])
        if how == "append":
            change = lambda t: t.rstrip("\n") + f"\n\n{sentence}\n"  # noqa: E731
        elif how == "first":  # the first paragraph: the summary a listing may show
            change = lambda t: t.replace("\n\n", f"\n\n{sentence} ", 1)  # noqa: E731
        else:
            change = lambda t: t.replace(" ", f" {self.count} ", 1) if "\n\n" not in t else (  # noqa: E731
                t.split("\n\n", 1)[0] + "\n\n" + t.split("\n\n", 1)[1].replace(
                    " ", f" ({self.count}) ", 1))
        return "texte " + self._rewrite(path, change)

    def title(self):
        path = self.random.choice(self.texts)
        return "titre " + self._rewrite(path, lambda t: re.sub(
            r"^Title: (.*)$", lambda m: f"Title: {m[1]} {self.count}", t, count=1, flags=re.M))

    def _prose(self, paths, pattern, label):
        path = self.random.choice(paths)
        text = path.read_text("utf-8")
        found = list(pattern.finditer(text))
        if not found:
            return self.text()
        match = self.random.choice(found)
        new = f"{match[1]}{match[2]} {self.count}{match[3]}"
        path.write_text(text[:match.start()] + new + text[match.end():], "utf-8")
        return f"{label} {path.name}"

    def data(self):
        return self._prose(self.data_files, PROSE, "données")

    def catalog(self):
        return self._prose(self.catalogs, MSGSTR, "catalogue")

    def template(self):
        path = self.random.choice(self.templates)
        return "gabarit " + self._rewrite(
            path, lambda t: t.replace("</main>", f"<!-- {self.count} --></main>", 1)
            if "</main>" in t else t + f"{{# {self.count} #}}\n")


@pytest.mark.parametrize("seed", [20261201])
def test_random_edits_give_what_a_full_build_gives(tmp_path, monkeypatch, seed):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1924992000")  # 2031-01-01: calendars' DTSTAMP
    project = tmp_path / "project"
    for name in ("theme", "translations"):
        shutil.copytree(ROOT / name, project / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy2(ROOT / "pelicanconf.py", project / "pelicanconf.py")
    content = generate(tmp_path / "series", editions=5, news=20)["runsite"]
    shutil.copytree(content, project / "content")
    settings = str(project / "pelicanconf.py")
    extra = {**PREVIEW, "CACHE_PATH": str(tmp_path / "cache")}
    preview, output = ProcessCache(), tmp_path / "output"

    def rebuild():
        result = build(settings, str(project / "content"), str(output), extra, cache=preview)
        assert result.ok, "\n".join(result.messages)
        return result

    rebuild()
    editor = Editor(project, seed)
    partial, history = 0, []
    for number in range(1, EDITS + 1):
        what = editor.edit()
        result = rebuild()
        partial += result.rewritten is not None
        history.append((what, result.rewritten))
        if number % CHECK_EVERY == 0:
            full = tmp_path / f"full-{number}"
            clean = build(settings, str(project / "content"), str(full), extra,
                          cache=ProcessCache())
            assert clean.ok, "\n".join(clean.messages)
            built, expected = tree(output), tree(full)
            wrong = differences(built, expected)
            assert not wrong, (f"après {number} modifications (dernière : {what}) : "
                               f"{wrong[:10]}\n{first_difference(built, expected, wrong)}\n"
                               f"dernières reconstructions : {history[-4:]}")
            shutil.rmtree(full)
    # Most edits were texts: rebuilt in part, not whole (else this test proves nothing).
    assert partial >= EDITS // 3, partial


def _real_site(tmp_path) -> Path:
    project = tmp_path / "project"
    for name in ("content", "theme", "translations"):
        shutil.copytree(ROOT / name, project / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    shutil.copy2(ROOT / "pelicanconf.py", project / "pelicanconf.py")
    return project


def _builds(project, output, extra):
    cache = ProcessCache()

    def again(into=output, with_cache=cache):
        result = build(str(project / "pelicanconf.py"), str(project / "content"), str(into),
                       extra, cache=with_cache)
        assert result.ok, "\n".join(result.messages)
        return result

    return again


def test_a_static_file_no_longer_linked_is_no_longer_published(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1924992000")
    project = _real_site(tmp_path)
    document = project / "content" / "documents" / "annexe.pdf"
    document.parent.mkdir(exist_ok=True)
    document.write_bytes(b"%PDF-1.4\n%%EOF\n")
    news = project / "content" / "actualites" / "annonce-run-3.fr.md"
    text = news.read_text("utf-8")
    news.write_text(text + "\n[L'annexe]({static}/documents/annexe.pdf)\n", "utf-8")
    extra = {**PREVIEW, "CACHE_PATH": str(tmp_path / "cache")}
    again = _builds(project, tmp_path / "output", extra)
    again()
    assert (tmp_path / "output" / "documents" / "annexe.pdf").exists()
    news.write_text(text, "utf-8")  # the link removed: Pelican copies the file no more
    again()
    again(tmp_path / "full", ProcessCache())
    assert not differences(tree(tmp_path / "output"), tree(tmp_path / "full"))


def test_an_edit_is_rewritten_in_place_only_where_nothing_else_rewrites_pages(tmp_path):
    project = _real_site(tmp_path)
    about = project / "content" / "pages" / "a-propos.fr.md"
    extra = {**PREVIEW, "CACHE_PATH": str(tmp_path / "cache")}
    again = _builds(project, tmp_path / "output", extra)
    again()
    about.write_text(about.read_text("utf-8") + "\nUne phrase de plus.\n", "utf-8")
    assert again().rewritten == ["a-propos/index.html"]
    # An absolute SITEURL: publishing makes every page's links absolute afterwards.
    published = _builds(project, tmp_path / "published",
                        {**extra, "SITEURL": "https://run.example.org"})
    published()
    about.write_text(about.read_text("utf-8") + "\nEncore une.\n", "utf-8")
    assert published().rewritten is None
