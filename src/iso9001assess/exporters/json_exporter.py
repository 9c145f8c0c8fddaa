"""The ``json`` exporter: the result as PRODUCT.md's JSON, UTF-8, keys in model order."""

from __future__ import annotations

from typing import IO

from ..models.result import Result
from .base import ExportOptions


class JsonExporter:
    suffixes = (".json",)

    def export(self, result: Result, out: IO[bytes], options: ExportOptions) -> None:
        out.write(result.model_dump_json(indent=2).encode("utf-8"))
        out.write(b"\n")
