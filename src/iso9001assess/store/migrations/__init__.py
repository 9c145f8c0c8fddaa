"""Alembic migrations of the programme store, shipped inside the package and run by :mod:`..migrate`."""
