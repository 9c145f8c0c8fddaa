"""Exporters turn a Result into a file. The built-in ones register through the same hook as any plugin."""

from .base import Exporter, ExportOptions

__all__ = ["ExportOptions", "Exporter"]
