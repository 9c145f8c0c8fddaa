"""The programme store: the enterprise register and every assessment over the months of a programme, in
SQLite (default ``programme.db``) or PostgreSQL. Layer: above ``programme``, below ``api``."""

from __future__ import annotations

from pathlib import Path

from ..models.stage import STAGES, Stage
from .actions import ACTION_STATUSES, ActionStatus
from .connection import ENV_VAR, StoreError, resolve_url
from .records import (
    ActionEvent,
    ActionRecord,
    AssessmentRecord,
    EnterpriseRecord,
    IngestOutcome,
    NameRecord,
    TrackerOutcome,
)
from .store import IngestInterrupted, IngestReport, Store, StoreUnreachable

# Datasette's metadata with the canned queries: ``datasette programme.db -m <this path>``.
DATASETTE_METADATA = Path(__file__).with_name("datasette.json")

__all__ = [
    "ACTION_STATUSES",
    "DATASETTE_METADATA",
    "ENV_VAR",
    "STAGES",
    "ActionEvent",
    "ActionRecord",
    "ActionStatus",
    "AssessmentRecord",
    "EnterpriseRecord",
    "IngestInterrupted",
    "IngestOutcome",
    "IngestReport",
    "NameRecord",
    "Stage",
    "Store",
    "StoreError",
    "StoreUnreachable",
    "TrackerOutcome",
    "resolve_url",
]
