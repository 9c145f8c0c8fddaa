"""Where the fixture files are."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
VALID = FIXTURES / "valid"
INVALID = FIXTURES / "invalid"
OVERLAYS = FIXTURES / "overlays"
MINI_CHECKLIST = VALID / "mini-checklist.yaml"
MINI_ANSWERS = VALID / "mini-answers.yaml"
# A local plugin that registers the fixture checklists (mini and its overlays) under their ids.
FIXTURE_PLUGIN = FIXTURES / "plugins" / "fixture_checklists.py"
