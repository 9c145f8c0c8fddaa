"""Models of the file formats and of the result: frozen pydantic models that refuse unknown fields."""

from .answers import Answer, Answers, Assessment, Enterprise, Region
from .base import FrozenModel, LocalizedText, localize
from .checklist import (
    LAB_TAG,
    Addition,
    Checklist,
    Grading,
    Item,
    ItemPatch,
    Maturity,
    Overlay,
    Recommendation,
    ScaleLevel,
    Section,
)
from .result import (
    Action,
    ChecklistRef,
    Finding,
    ItemResult,
    LabResult,
    OverallResult,
    Result,
    SectionResult,
)

__all__ = [
    "LAB_TAG",
    "Action",
    "Addition",
    "Answer",
    "Answers",
    "Assessment",
    "Checklist",
    "ChecklistRef",
    "Enterprise",
    "Finding",
    "FrozenModel",
    "Grading",
    "Item",
    "ItemPatch",
    "ItemResult",
    "LabResult",
    "LocalizedText",
    "Maturity",
    "OverallResult",
    "Overlay",
    "Recommendation",
    "Region",
    "Result",
    "ScaleLevel",
    "Section",
    "SectionResult",
    "localize",
]
