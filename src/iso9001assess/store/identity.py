"""Who an enterprise is: its unified social credit code; without one, its name and city.

Names and cities are compared after Unicode normalisation (full-width letters, spaces), so "广州某某 有限公司"
and "广州某某有限公司" are one enterprise.
"""

from __future__ import annotations

import re
import unicodedata

from ..models.answers import Enterprise

_SPACE = re.compile(r"\s+")


def normalise(text: str | None) -> str:
    return _SPACE.sub("", unicodedata.normalize("NFKC", text or "")).casefold()


def code_identity(credit_code: str) -> str:
    return f"code:{credit_code.upper()}"


def name_identity(name: str, city: str | None) -> str:
    return f"name:{normalise(name)}|{normalise(city)}"


def identity_of(enterprise: Enterprise) -> str:
    """The register's key of ``enterprise``: ``code:<credit code>``, else ``name:<name>|<city>``."""
    if enterprise.credit_code:
        return code_identity(enterprise.credit_code)
    return name_identity(enterprise.name, enterprise.region.city)
