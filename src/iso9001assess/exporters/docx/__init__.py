"""Word documents: the diagnostic report (``report.py``) on a shared base (``document.py``).

Importing this package does not import python-docx (an optional extra); the modules below do.
"""

from __future__ import annotations

from .exporter import DocxExporter

__all__ = ["DocxExporter"]
