"""Plugins: what building the registry costs with the installed plugins, against bare baselines.

Measured in the same run:
- the bare baseline: parsing the base checklist file alone (read_checklist_file), the least any registry pays;
- built-ins only: a registry with no installed plugins, first checklist asked for (parses every registered file);
- with plugins: the same with every installed plugin (the packs under plugins/, when `make test` installed
  them), each overlay composed on its base at load time;
- composing one overlay on an already parsed base.

Run: .venv/bin/python benchmarks/bench_plugins.py
"""

from __future__ import annotations

import time
from collections.abc import Callable

from iso9001assess.bundled import bundled_dir
from iso9001assess.compose import compose
from iso9001assess.loading.checklists import read_checklist_file
from iso9001assess.models.checklist import Checklist, Overlay
from iso9001assess.plugin_manager import build_registry

REPEAT = 15


def best(function: Callable[[], object], repeat: int = REPEAT) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return min(timings)


def registry_ready(entry_points_enabled: bool) -> list[str]:
    registry = build_registry(entry_points_enabled=entry_points_enabled, environment=False)
    return registry.checklists.ids()


def main() -> None:
    base_file = bundled_dir("checklists") / "iso9001-2015.yaml"
    bare = best(lambda: read_checklist_file(base_file))
    builtins = best(lambda: registry_ready(False))
    with_plugins = best(lambda: registry_ready(True))
    registry = build_registry(environment=False)
    ids = registry.checklists.ids()
    overlays = {
        i: e.definition for i, e in registry.checklists.entries().items() if isinstance(e.definition, Overlay)
    }
    print(f"checklists registered: {len(ids)} ({', '.join(ids)}); overlays: {len(overlays)}")
    print(f"parse the base checklist (bare baseline): {bare * 1000:8.1f} ms")
    print(
        f"registry, built-ins only:                 {builtins * 1000:8.1f} ms  ({builtins / bare:.2f}x baseline)"
    )
    print(
        f"registry, with installed plugins:         {with_plugins * 1000:8.1f} ms  ({with_plugins / bare:.2f}x baseline)"
    )
    base = registry.checklists.get("iso9001-2015")
    for overlay_id, overlay in sorted(overlays.items()):
        assert isinstance(base, Checklist) and isinstance(overlay, Overlay)
        composing = best(lambda overlay=overlay: compose(overlay, base))  # type: ignore[misc]
        print(
            f"compose {overlay_id:<16} on the parsed base:  {composing * 1000:8.1f} ms  ({composing / bare:.3f}x baseline)"
        )


if __name__ == "__main__":
    main()
