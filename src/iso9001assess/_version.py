"""The version, written once: the package reports it and pyproject.toml reads it (hatch's version source)."""

__version__ = "0.1.0"
