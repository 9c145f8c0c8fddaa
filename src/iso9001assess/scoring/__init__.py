"""Scoring: the strategy interface, the built-in strategies, findings and the improvement plan."""

from .engine import ItemEvaluation, ScoringStrategy, WeightedStrategy
from .flat import FlatUnweightedStrategy

__all__ = ["FlatUnweightedStrategy", "ItemEvaluation", "ScoringStrategy", "WeightedStrategy"]
