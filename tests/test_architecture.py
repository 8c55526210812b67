"""The plugin's shape: stages that follow the build, no import cycle, and a plugin
that Pelican's own command line runs as well as the site's wrapper."""

from __future__ import annotations

import ast
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, copy_project, html_pages, make, run_build

PACKAGE = ROOT / "runsite"
# The build's order: a stage may use what comes before it, never what comes after.
STAGES = ["core", "read", "validate", "model", "render", "write", "publish", "tools"]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(path: Path, modules) -> list[tuple[str, bool]]:
    """(runsite module imported, inside a function?) for every import of ``path``."""
    tree = ast.parse(path.read_text("utf-8"))
    package = _module_name(path) if path.name == "__init__.py" else \
        _module_name(path).rpartition(".")[0]
    found = []

    def visit(node, nested):
        for child in ast.iter_child_nodes(node):
            inside = nested or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
            if isinstance(child, ast.If) and isinstance(child.test, ast.Name) \
                    and child.test.id == "TYPE_CHECKING":
                continue  # annotations only: never imported when the code runs
            if isinstance(child, ast.Import):
                found.extend((a.name, inside) for a in child.names if a.name in modules)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    parent = package.split(".")[: len(package.split(".")) - child.level + 1]
                    base = ".".join([*parent, *([base] if base else [])])
                for alias in child.names:
                    target = f"{base}.{alias.name}"
                    if target in modules:
                        found.append((target, inside))
                    elif base in modules:
                        found.append((base, inside))
            visit(child, inside)

    visit(tree, False)
    return found


def _graph():
    modules = _modules()
    return modules, {name: _imports(path, modules) for name, path in modules.items()}


def test_no_import_cycle_and_no_import_hidden_in_a_function():
    modules, graph = _graph()
    assert len(modules) > 40
    hidden = [(name, target) for name, imports in graph.items()
              for target, inside in imports if inside]
    assert hidden == []
    edges = {name: {t for t, _ in imports if t != name} for name, imports in graph.items()}
    # Depth-first search for a cycle; the path to it is the message.
    state: dict[str, int] = {}

    def cycle_from(node, path):
        state[node] = 1
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                return [*path, node, target]
            if target not in state:
                found = cycle_from(target, [*path, node])
                if found:
                    return found
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            assert cycle_from(node, []) is None


def test_a_stage_uses_only_the_stages_before_it():
    _, graph = _graph()
    backwards = []
    for name, imports in graph.items():
        parts = name.split(".")
        if len(parts) < 3 or parts[1] not in STAGES:
            continue  # runsite/__init__.py wires every stage; runsite.pipeline orders them
        for target, _ in imports:
            target_parts = target.split(".")
            if len(target_parts) >= 2 and target_parts[1] in STAGES and \
                    STAGES.index(target_parts[1]) > STAGES.index(parts[1]):
                backwards.append(f"{name} → {target}")
    assert backwards == []


def test_every_stage_folder_says_what_it_owns():
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        assert ast.get_docstring(ast.parse(init.read_text("utf-8"))), stage
    assert sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__") \
        == sorted(STAGES)


def test_pelican_itself_builds_the_same_site(tmp_path):
    """``pelican content -s pelicanconf.py`` writes what ``make html`` writes."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(ROOT)}
    plain = tmp_path / "pelican"
    done = subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py",
                           "-o", str(plain)], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    wrapped = run_build(tmp_path / "wrapper", env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert wrapped.returncode == 0, wrapped.stderr
    assert html_pages(plain) == html_pages(wrapped.output)
    assert len(html_pages(plain)) > 20
    files = sorted(str(p.relative_to(plain)) for p in plain.rglob("*") if p.is_file())
    assert files == sorted(str(p.relative_to(wrapped.output))
                           for p in wrapped.output.rglob("*") if p.is_file())
    for name in files:
        assert (plain / name).read_bytes() == (wrapped.output / name).read_bytes(), name


def test_a_field_added_to_the_schema_is_validated_documented_and_scaffolded(tmp_path):
    """One line in runsite/validate/schema.py, no other edit: the build checks the new
    field, the examples check asks for it, and a new edition's file offers it."""
    project = copy_project(tmp_path)
    declarations = project / "runsite" / "validate" / "schema.py"
    text = declarations.read_text("utf-8")
    anchor = '    map: Url(help="lien vers une carte (facultatif)", sample="https://…") = None\n'
    assert anchor in text
    declarations.write_text(text.replace(anchor, anchor + '    hashtag: String(help="le '
                                         'mot-dièse de l\'édition", sample="#RUN") = None\n'),
                            "utf-8")
    run3 = project / "content" / "editions" / "run-3.toml"
    original = run3.read_text("utf-8")
    run3.write_text(original.replace('host = "usmba"', 'host = "usmba"\nhashtag = 2017'), "utf-8")
    line = run3.read_text("utf-8").splitlines().index("hashtag = 2017") + 1
    refused = run_build(tmp_path / "output", cwd=project)
    assert refused.returncode == 1
    assert (f"content/editions/run-3.toml:{line}: « hashtag » doit être un texte entre "
            "guillemets") in refused.stderr
    run3.write_text(original.replace('host = "usmba"', 'host = "usmba"\nhashtag = "#RUN3"'),
                    "utf-8")
    assert run_build(tmp_path / "output", cwd=project).returncode == 0

    env = {**os.environ, "PYTHONPATH": str(project)}
    check = subprocess.run(
        [sys.executable, "-c", "from pathlib import Path; from runsite.validate import schema; "
         "print(schema.undocumented(schema.Edition, "
         "Path('content/exemples/edition.toml').read_text('utf-8')))"],
        cwd=project, env=env, capture_output=True, text=True, timeout=60)
    assert check.stdout.strip() == "['hashtag']", check.stderr

    scaffolded = make(project, "new-edition", "NUMBER=8", "DATE=2031-05-01", "CITY=X",
                      "CITY_AR=س", "HOST=usmba")
    assert scaffolded.returncode == 0, scaffolded.stderr
    new = (project / "content" / "editions" / "run-8.toml").read_text("utf-8")
    assert re.search(r'^# hashtag = "#RUN" +# le mot-dièse de l\'édition$', new, re.M), new


def test_the_two_adapters_still_fit_pelican():
    """Where Pelican has no hook (docs/architecture.md): each generator's Jinja
    environment exists when generator_init is sent (render/environment.py gives it the
    shared one), and Pelican's console can be silenced (runsite.tools.build)."""
    from pelican.generators import Generator
    from pelican.log import console

    source = inspect.getsource(Generator.__init__)
    assert source.index("self.env = Environment(") < source.index(
        "signals.generator_init.send(self)")
    assert isinstance(console.quiet, bool)
