"""Windows and macOS: what organisers run there (python -m runsite check, serve,
new-edition, import-programme, i18n-status) reads and writes files the same way as
on Linux. Fast: source checks and pure functions, with Windows paths where a
function takes paths as strings."""

from __future__ import annotations

import ast
import ntpath
import shutil
from pathlib import Path

from conftest import ROOT
from runsite.core import problems
from runsite.core.languages import Languages
from runsite.tools import scaffold
from runsite.tools.build import load_settings
from runsite.tools.programme import line_ends_of

SOURCES = [*sorted((ROOT / "runsite").rglob("*.py")), ROOT / "tools" / "try_preview.py"]


def _calls(path):
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call):
            yield node


def _name(call) -> str:
    function = call.func
    if isinstance(function, ast.Attribute):
        return function.attr
    return function.id if isinstance(function, ast.Name) else ""


def _mode(call) -> str:
    given = call.args[1] if len(call.args) > 1 else next(
        (k.value for k in call.keywords if k.arg == "mode"), None)
    if given is None:
        return "r"
    return given.value if isinstance(given, ast.Constant) else "?"


def test_every_text_file_is_opened_in_utf8_and_written_with_its_own_line_ends():
    """Windows opens text in its code page (cp1252) and writes "\\n" as CRLF: every
    text open names its encoding, and every text write its newline."""
    wrong = []
    for path in SOURCES:
        for call in _calls(path):
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            keywords = {k.arg for k in call.keywords}
            builtin_open = _name(call) == "open" and isinstance(call.func, ast.Name)
            if builtin_open or _name(call) == "fdopen":
                mode = _mode(call)
                if "b" in mode:
                    continue
                if "encoding" not in keywords and len(call.args) < 4:
                    wrong.append(f"{where}: open() without encoding")
                if set(mode) & set("wax+") and "newline" not in keywords:
                    wrong.append(f"{where}: written in text mode without newline=")
            elif _name(call) in ("read_text", "write_text") and not call.args \
                    and "encoding" not in keywords:
                wrong.append(f"{where}: {_name(call)}() without encoding")
            elif _name(call) == "write_text":
                wrong.append(f"{where}: write_text() writes CRLF on Windows")
    assert wrong == []


def test_no_path_is_shown_relative_to_the_working_folder_with_relpath():
    """os.path.relpath raises ValueError across Windows drives (the temporary folder on
    C:, the project on D:): paths shown to organisers go through problems.relative."""
    wrong = []
    for path in SOURCES:
        if path.name == "problems.py":
            continue
        for call in _calls(path):
            if _name(call) != "relpath":
                continue
            second = call.args[1] if len(call.args) > 1 else None
            if second is None or (isinstance(second, ast.Call) and _name(second) == "getcwd"):
                wrong.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert wrong == []


def test_a_path_on_another_windows_drive_is_shown_whole(monkeypatch):
    monkeypatch.setattr(problems.os.path, "relpath", ntpath.relpath)
    temporary = "C:\\Users\\runneradmin\\AppData\\Local\\Temp\\tmpab12\\output"
    assert problems.relative(temporary, "D:\\a\\site\\site") == temporary
    assert problems.relative("D:\\a\\site\\site\\content\\pages\\x.fr.md",
                             "D:\\a\\site\\site") == "content\\pages\\x.fr.md"


def test_an_imported_programme_keeps_the_line_ends_of_its_file():
    new = 'number = 4\n\n[[session]]\nid = "a"\ndescription = """x\ny"""\n'
    assert line_ends_of("number = 4\n", new) is new  # Linux, macOS: untouched
    crlf = line_ends_of("number = 4\r\n", new)
    assert crlf == new.replace("\n", "\r\n")
    assert line_ends_of("number = 4\r\n", crlf) == crlf  # a re-import: the same file


def _content(tmp_path, newline):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("editions"))
    partners = content / "partenaires.toml"
    text = partners.read_bytes().replace(b"\r\n", b"\n")
    partners.write_bytes(text.replace(b"\n", newline.encode()))
    return content


def test_a_new_edition_writes_lf_and_appends_to_partners_in_their_own_line_ends(tmp_path):
    languages = Languages.from_settings(load_settings(str(ROOT / "pelicanconf.py")))
    for newline in ("\n", "\r\n"):
        content = _content(tmp_path / repr(newline), newline)
        written = scaffold.scaffold(str(content), 9, "2031-04-14", "Exempleville", "مدينة",
                                    "universite-exemple", "Université Exemple",
                                    "جامعة المثال", languages=languages)
        for new in written[:3]:
            assert b"\r" not in Path(new).read_bytes(), new
        partners = Path(written[3]).read_bytes()
        assert b"universite-exemple" in partners
        lines = partners.split(b"\n")[:-1]
        assert all(line.endswith(b"\r") == (newline == "\r\n") for line in lines)
