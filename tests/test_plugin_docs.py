"""docs/plugins.md documents every hook of hookspecs.py, and every hook has a test (datasette's rule)."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import pytest

from iso9001assess import hookspecs
from iso9001assess.i18n import catalogue, message

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "plugins.md"
REQUIRED_PARTS = ("**Signature**", "**Arguments**", "**`register` accepts**", "**Returns**", "**Example**")


def _hooks() -> dict[str, inspect.Signature]:
    marker = f"{hookspecs.PROJECT}_spec"
    return {
        name: inspect.signature(function)
        for name, function in vars(hookspecs).items()
        if callable(function) and hasattr(function, marker)
    }


def _documented() -> dict[str, tuple[str, str]]:
    """Hook heading -> (the arguments in the heading, the text of its section) under '## Hooks'."""
    text = DOCS.read_text(encoding="utf-8")
    hooks_part = text.split("\n## Hooks\n", 1)[1].split("\n## ", 1)[0]
    sections = re.split(r"^### ", hooks_part, flags=re.MULTILINE)[1:]
    found = {}
    for section in sections:
        heading = re.match(r"`(\w+)\(([^)]*)\)`\n", section)
        assert heading, f"a hook heading is written ### `name(args)`: {section.splitlines()[0]}"
        found[heading.group(1)] = (heading.group(2), section)
    return found


def _hook_tests() -> set[str]:
    names = set()
    for path in sorted((ROOT / "tests").glob("test_plugin*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names |= {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    return names


def test_there_are_hooks() -> None:
    assert set(_hooks()) == {
        "register_checklists",
        "register_scoring_strategies",
        "register_exporters",
        "register_messages",
        "register_report_chapters",
    }


@pytest.mark.parametrize("hook", sorted(_hooks()))
def test_every_hook_is_documented(hook: str) -> None:
    documented = _documented()
    assert hook in documented, f"{hook} is not documented in docs/plugins.md"
    arguments, section = documented[hook]
    assert [a.strip() for a in arguments.split(",")] == list(_hooks()[hook].parameters)
    for part in REQUIRED_PARTS:
        assert part in section, f"{hook}: {part} missing"
    signature_line = next(line for line in section.splitlines() if line.startswith("**Signature**"))
    assert f"`{hook}(register: Callable[[" in signature_line and signature_line.endswith("-> None`")
    examples = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    assert examples, f"{hook}: no Python example"
    example = examples[-1]
    assert "@hookimpl" in example and f"def {hook}(register):" in example and "register(" in example
    compile(example, f"docs/plugins.md:{hook}", "exec")  # the example is valid Python


def test_no_documented_hook_is_stale() -> None:
    assert set(_documented()) <= set(_hooks())


@pytest.mark.parametrize("hook", sorted(_hooks()))
def test_every_hook_has_a_test(hook: str) -> None:
    tests = _hook_tests()
    assert any(name == f"test_hook_{hook}" or name.startswith(f"test_hook_{hook}_") for name in tests), (
        f"no test_hook_{hook} in tests/test_plugin*.py"
    )


def test_the_docs_example_plugins_run() -> None:
    """The examples of the hook sections, loaded as one plugin, register what they say."""
    from iso9001assess.testing import plugin_registry

    namespace: dict[str, object] = {"__file__": str(ROOT / "plugins" / "x.py"), "__name__": "docs_example"}
    for hook, (_, section) in _documented().items():
        if hook == "register_checklists":
            continue  # its example registers a file next to the (imaginary) plugin module
        example = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)[-1]
        exec(compile(example, f"docs/plugins.md:{hook}", "exec"), namespace)

    class DocsExamples:
        register_messages = staticmethod(namespace["register_messages"])
        register_scoring_strategies = staticmethod(namespace["register_scoring_strategies"])
        register_exporters = staticmethod(namespace["register_exporters"])
        register_report_chapters = staticmethod(namespace["register_report_chapters"])

    with plugin_registry(DocsExamples()) as registry:
        assert registry.plugins["DocsExamples"].registered == {
            "messages": ["acme.title", "acme.suppliers"],
            "strategy": ["critical-double"],
            "exporter": ["text"],
            "chapter": ["benchmark-note"],
        }
        assert message("acme.title", "en") == "Electronics supplement summary"
        # The counted entry, as the docs say it reads: 1 -> "one", any other count -> "other".
        assert message("acme.suppliers", "en", count=1) == "1 supplier audited"
        assert message("acme.suppliers", "en", count=3) == "3 suppliers audited"
        assert message("acme.suppliers", "zh", count=1) == "已审核 1 家供应商"
    # The example's words went with its registry: the process's catalogue is the package's again (a test of the
    # catalogue that runs next in this process sees no "acme" namespace).
    assert "acme.title" not in catalogue().keys("en")
