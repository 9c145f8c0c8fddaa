"""The layers point one way: a module imports its own layer and those below it, never one above.

models → loading → compose → scoring → comparison → exporters → plugins → programme → store → api → cli,
on a foundation every layer may use (errors, words, files, the version, the hook specs). Imports inside
functions and under TYPE_CHECKING count too. See docs/architecture.md.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = "iso9001assess"
SOURCE = Path(__file__).resolve().parents[1] / "src" / PACKAGE
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("foundation", ("_version", "errors", "i18n", "files", "rounding", "cities", "hookspecs", "bundled")),
    ("models", ("models",)),
    ("loading", ("loading", "schemas", "checks")),
    ("compose", ("compose",)),
    ("scoring", ("scoring",)),
    ("comparison", ("comparison",)),
    ("exporters", ("exporters", "xlsx", "templates")),
    ("plugins", ("catalog", "plugin_manager", "default_plugins")),
    ("programme", ("programme",)),
    ("store", ("store",)),
    ("staged", ("staged",)),
    ("api", ("api", "plugin", "testing", "")),  # "" is the package's __init__: the public face
    ("cli", ("cli", "commands", "__main__")),
)
RANK = {name: rank for rank, (name, _) in enumerate(LAYERS)}
# Upward imports that remain, each with its reason. This list may only shrink.
ALLOWED_UPWARD: dict[tuple[str, str], str] = {
    # Reading a checklist file composes an overlay on its base: one step of loading calls the next layer.
    ("loading.checklists", "compose"): "an overlay file is composed on its base as it is read",
    # The report's chapter hook: the PDF report asks the registry for the chapters plugins add or replace.
    ("exporters.pdf.chapters", "plugin_manager"): "the report's chapter list includes plugins' chapters",
    # The programme runs the whole job per enterprise through the public API (load, score, export).
    ("programme.batch", "api"): "batch runs load → score → export per file through the API",
    ("programme.worker", "api"): "a worker process calls the API for its file",
    ("programme.inputs", "api"): "an answer file or a JSON result becomes a Result through the API",
    ("programme.sources", "api"): "the sources of a portfolio are scored through the API",
    ("programme.demo", "api"): "the demo runs the public API on the bundled samples",
}


def layer_of(module: str) -> str:
    """The layer of a module given relative to the package ("exporters.pdf.report", "" for __init__)."""
    best, best_length = None, -1
    for name, prefixes in LAYERS:
        for prefix in prefixes:
            matches = module == prefix or (prefix and module.startswith(prefix + "."))
            if matches and len(prefix) > best_length:
                best, best_length = name, len(prefix)
    if best is None:
        raise AssertionError(f"{module or '__init__'} is in no layer: add it to LAYERS in {__file__}")
    return best


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        parts = list(path.relative_to(SOURCE).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(module: str, path: Path) -> list[tuple[str, int]]:
    """Every package module ``module`` imports (relative to the package), with the line of the import."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    package = [part for part in package if part]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = [*base, *(node.module.split(".") if node.module else [])]
            elif node.module and (node.module == PACKAGE or node.module.startswith(PACKAGE + ".")):
                target = node.module.split(".")[1:]
            else:
                continue
            if node.module:  # "from . import values" imports the names, which may be modules themselves
                found.append((".".join(target), node.lineno))
            found += [(".".join([*target, alias.name]), node.lineno) for alias in node.names]
        elif isinstance(node, ast.Import):
            found += [
                (".".join(alias.name.split(".")[1:]), node.lineno)
                for alias in node.names
                if alias.name == PACKAGE or alias.name.startswith(PACKAGE + ".")
            ]
    return found


def _upward_imports() -> list[tuple[str, int, str, str, str]]:
    modules = _modules()
    found = []
    for module, path in modules.items():
        own = layer_of(module)
        for target, line in _imports(module, path):
            if target not in modules:
                continue  # a name imported from a module, not a module
            other = layer_of(target)
            if RANK[other] > RANK[own]:
                found.append((module, line, target, own, other))
    return found


def test_every_module_is_in_a_layer() -> None:
    for module in _modules():
        layer_of(module)


def test_imports_point_down_the_layers() -> None:
    problems = []
    for module, line, target, own, other in _upward_imports():
        allowed = any(
            (module == low or module.startswith(low + "."))
            and (target == high or target.startswith(high + "."))
            for low, high in ALLOWED_UPWARD
        )
        if not allowed:
            problems.append(
                f"src/{PACKAGE}/{module.replace('.', '/')}.py:{line}: {own} imports {target} ({other})"
            )
    assert not problems, "imports pointing up the layers:\n" + "\n".join(problems)


def test_every_allowed_upward_import_still_exists() -> None:
    # An exception that is no longer needed is removed, so the list only shrinks.
    upward = {(module, target) for module, _, target, _, _ in _upward_imports()}
    for low, high in ALLOWED_UPWARD:
        assert any(
            (m == low or m.startswith(low + ".")) and (t == high or t.startswith(high + "."))
            for m, t in upward
        ), f"{low} no longer imports {high}: remove it from ALLOWED_UPWARD"


@pytest.mark.parametrize(
    ("module", "layer"),
    [("exporters.pdf.report", "exporters"), ("loading.xlsx.reading", "loading"), ("", "api"), ("cli", "cli")],
)
def test_layer_of(module: str, layer: str) -> None:
    assert layer_of(module) == layer


def test_the_check_sees_an_upward_import(tmp_path: Path) -> None:
    # The scan must be able to fail: an exporter importing the programme is found.
    source = tmp_path / "report.py"
    source.write_text("from ...programme.compare import compare\n", encoding="utf-8")
    imports = _imports("exporters.pdf.report", source)
    assert ("programme.compare", 1) in imports
    assert RANK[layer_of("programme.compare")] > RANK[layer_of("exporters.pdf.report")]


def test_the_example_exporter_plugin_uses_only_the_public_face() -> None:
    # A plugin author's code imports iso9001assess.plugin (and the package itself), never a private module.
    plugin_source = SOURCE.parents[1] / "plugins" / "iso9001assess-html-summary" / "src"
    imported = set()
    for path in plugin_source.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and not node.level and node.module:
                imported.add(node.module)
    assert {name for name in imported if name.startswith(PACKAGE)} == {"iso9001assess.plugin"}


def test_the_public_face_for_plugin_authors_exports_what_it_promises() -> None:
    import iso9001assess.plugin as face

    assert sorted(face.__all__) == sorted(set(face.__all__))
    for name in face.__all__:
        assert getattr(face, name) is not None, name
    for needed in (
        "ReportView",
        "message",
        "vocab",
        "locale",
        "localize",
        "ExportOptions",
        "WeightedStrategy",
    ):
        assert needed in face.__all__


def test_no_private_name_crosses_modules() -> None:
    # "from .x import _name" couples a module to another's internals.
    problems = []
    for module, path in _modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                problems += [
                    f"{module}: imports {alias.name} from {node.module}"
                    for alias in node.names
                    if alias.name.startswith("_") and not alias.name.startswith("__")
                ]
    assert not problems, "\n".join(problems)
