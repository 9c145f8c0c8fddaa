"""Regenerate the shipped schema files: python -m iso9001assess.schemas"""

from . import write_all

write_all()
