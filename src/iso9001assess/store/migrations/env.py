"""Alembic's entry point: migrations always run on the connection :mod:`iso9001assess.store.migrate` hands
over (inside its transaction and lock), never on a URL read from a file."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, transaction_per_migration=False)
with context.begin_transaction():
    context.run_migrations()
