"""The programme store: the enterprise register and every assessment over the months of a programme, in
SQLite (default ``programme.db``) or PostgreSQL. Layer: above ``programme``, below ``api``."""

from __future__ import annotations

from .connection import ENV_VAR, StoreError, resolve_url
from .records import AssessmentRecord, EnterpriseRecord, IngestOutcome, NameRecord, Stage
from .schema import STAGES
from .store import IngestReport, Store

__all__ = [
    "ENV_VAR",
    "STAGES",
    "AssessmentRecord",
    "EnterpriseRecord",
    "IngestOutcome",
    "IngestReport",
    "NameRecord",
    "Stage",
    "Store",
    "StoreError",
    "resolve_url",
]
