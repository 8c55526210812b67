"""Behaviour unchanged? Build two commits of the project the same way and compare
what they write, parsed: HTML, XML, ICS and JSON by their meaning (attribute order
and whitespace aside), every other file byte for byte.

Three sites are built by each commit, with the same ``SOURCE_DATE_EPOCH`` and the
same build date: the real site (``content/``), the test site
(``tests/fixtures/site``) and a generated series of 50 editions
(``bench/generate.py`` of the newer tree, so both read the same files).

``python bench/compare.py OLD [NEW]``: OLD and NEW are commits; NEW defaults to the
working tree. Prints every difference and exits 1 if there is one.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import brotli
from lxml import etree, html

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1700000000"
BUILD_DATES = {"site": "2026-11-30", "fixture": "2030-06-01", "series": "2026-11-30"}


def checkout(commit: str | None, dest: Path) -> Path:
    """The tree of ``commit`` (None: the working tree's tracked and new files)."""
    dest.mkdir(parents=True)
    if commit is None:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
        for name in filter(None, listed):
            source = ROOT / name
            if source.is_file() and not source.is_symlink():
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                (dest / name).write_bytes(source.read_bytes())
        return dest
    archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=ROOT,
                             check=True, capture_output=True).stdout
    archive_path = dest.parent / f"{dest.name}.tar"
    archive_path.write_bytes(archive)
    with tarfile.open(archive_path) as tar:
        tar.extractall(dest, filter="data")
    return dest


def build_module(tree: Path) -> str:
    """The site's build wrapper in ``tree`` (runsite/build.py before the architecture
    step, runsite/tools/build.py since)."""
    return "runsite.build" if (tree / "runsite" / "build.py").exists() else "runsite.tools.build"


def build(tree: Path, kind: str, content: Path, output: Path) -> None:
    extra = [f'RUN_BUILD_DATE="{BUILD_DATES[kind]}"']
    if kind == "fixture":
        templates = tree / "tests" / "fixtures" / "site" / "templates"
        extra.append(f"THEME_TEMPLATES_OVERRIDES=[{str(templates)!r}]")
    command = [sys.executable, "-m", build_module(tree), str(content), "-o", str(output),
               "-s", str(tree / "pelicanconf.py"), "-e", *extra]
    env = {**os.environ, "PYTHONPATH": str(tree), "SOURCE_DATE_EPOCH": EPOCH}
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{tree.name}: the {kind} build failed:\n{done.stdout}{done.stderr}")


def _space(text: str | None) -> str:
    return " ".join((text or "").split())


def _html(data: bytes) -> list:
    """Elements in document order: tag, sorted attributes, text and tail, spaces
    collapsed (the HTML serializer and the template's indentation are not behaviour)."""
    tree = html.document_fromstring(data)
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            found.append(("#comment", _space(element.text)))
            continue
        attributes = sorted((name, _space(value)) for name, value in element.attrib.items())
        found.append((element.tag, attributes, _space(element.text), _space(element.tail)))
    return found


def _xml(data: bytes) -> list:
    parser = etree.XMLParser(remove_blank_text=True)
    tree = etree.fromstring(data, parser)
    return [(element.tag, sorted(element.attrib.items()), _space(element.text),
             _space(element.tail)) for element in tree.iter()]


def _ics(data: bytes) -> list:
    unfolded = re.sub(rb"\r?\n[ \t]", b"", data).decode()
    return [line for line in unfolded.splitlines() if line]


def meaning(name: str, data: bytes):
    """What a file says, in a form where only behaviour differs."""
    if name.endswith(".gz"):
        return meaning(name[:-3], gzip.decompress(data))
    if name.endswith(".br"):
        return meaning(name[:-3], brotli.decompress(data))
    suffix = Path(name).suffix
    try:
        if suffix == ".html":
            return _html(data)
        if suffix in (".xml", ".svg", ".atom"):
            return _xml(data)
        if suffix == ".ics":
            return _ics(data)
        if suffix in (".json", ".webmanifest"):
            return json.loads(data)
    except (ValueError, etree.XMLSyntaxError):
        pass
    return data


def _first_difference(old, new) -> str:
    if isinstance(old, list) and isinstance(new, list):
        for index, (a, b) in enumerate(zip(old, new, strict=False)):
            if a != b:
                return f"item {index}: {a!r}\n      → {b!r}"
        return f"lengths {len(old)} → {len(new)}"
    return f"{str(old)[:300]!r}\n      → {str(new)[:300]!r}"


def compare(old: Path, new: Path) -> list[str]:
    def files(folder):
        return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}

    old_files, new_files = files(old), files(new)
    differences = [f"only in the old build: {name}" for name in sorted(old_files - new_files)]
    differences += [f"only in the new build: {name}" for name in sorted(new_files - old_files)]
    for name in sorted(old_files & new_files):
        a, b = (old / name).read_bytes(), (new / name).read_bytes()
        if a != b and meaning(name, a) != meaning(name, b):
            differences.append(f"differs: {name}\n      "
                               + _first_difference(meaning(name, a), meaning(name, b)))
    return differences


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", help="the commit the change starts from")
    parser.add_argument("new", nargs="?", help="the finished commit (default: working tree)")
    parser.add_argument("--editions", type=int, default=50)
    parser.add_argument("--news", type=int, default=100)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="run-compare-") as work:
        work = Path(work)
        trees = {"old": checkout(options.old, work / "old"),
                 "new": checkout(options.new, work / "new")}
        sys.path.insert(0, str(trees["new"] / "bench"))
        from generate import generate

        series = generate(work / "series", options.editions, options.news)["runsite"]
        total = 0
        for kind in ("site", "fixture", "series"):
            outputs = {}
            for label, tree in trees.items():
                content = {"site": tree / "content",
                           "fixture": tree / "tests" / "fixtures" / "site" / "content",
                           "series": series}[kind]
                outputs[label] = work / f"out-{kind}-{label}"
                build(tree, kind, content, outputs[label])
            differences = compare(outputs["old"], outputs["new"])
            count = sum(1 for p in outputs["new"].rglob("*") if p.is_file())
            print(f"{kind}: {count} files, {len(differences)} differences")
            for difference in differences:
                print(f"  {difference}")
            total += len(differences)
        return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
