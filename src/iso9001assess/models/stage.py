"""The stages an enterprise goes through in a programme, in order; its stage is the furthest reached."""

from __future__ import annotations

from typing import Literal, get_args

Stage = Literal["enrolled", "baseline", "plan-issued", "followed-up"]
STAGES: tuple[Stage, ...] = get_args(Stage)
