"""Answer files into scored records, as ``batch`` scores them: a bad file gives its problems and nothing
is written for it. The scoring itself sits with the batch worker (``ingest --jobs`` runs it in worker
processes); this is its name on the store's side."""

from __future__ import annotations

from ..programme.worker import score_for_store

__all__ = ["score_for_store"]
