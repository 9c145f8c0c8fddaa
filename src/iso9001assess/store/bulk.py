"""Inserting many rows at once: the store's bulk tables (clause scores, actions, their events).

A recorded assessment adds some hundreds of rows. SQLAlchemy's ``execute(insert(table), rows)`` rebuilds the
parameters of every row through the statement's compiled form, which costs more than the database's own work
on SQLite; here the statement is compiled once per table, dialect and set of columns, the column types'
bind processors (dates to text on SQLite, for instance) are applied directly, and the driver runs one
``executemany``. The rows are stored exactly as ``execute(insert(table), rows)`` stores them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table, bindparam, insert

# (table, dialect, columns) -> (SQL, the parameter names in the order the driver takes them, whether the
# driver takes them by position, each column's bind processor or None)
_Processor = Callable[[Any], Any]
_Plan = tuple[str, tuple[str, ...], bool, tuple[_Processor | None, ...]]
_plans: dict[tuple[str, str, tuple[str, ...]], _Plan] = {}


def _plan(connection: Connection, table: Table, columns: tuple[str, ...]) -> _Plan:
    dialect = connection.dialect
    key = (table.name, dialect.name, columns)
    plan = _plans.get(key)
    if plan is None:
        statement = insert(table).values({name: bindparam(name) for name in columns})
        compiled = statement.compile(dialect=dialect)
        positional = bool(dialect.positional)
        names = tuple(compiled.positiontup or ()) if positional else columns
        processors: tuple[_Processor | None, ...] = tuple(
            table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
        )
        plan = _plans[key] = (compiled.string, names, positional, processors)
    return plan


def insert_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table`` in one ``executemany``."""
    if not rows:
        return
    sql, names, positional, processors = _plan(connection, table, tuple(rows[0]))
    # The rows of one call repeat a few dates and stamps: each distinct value is converted once.
    memos: list[dict[Any, Any] | None] = [None if p is None else {} for p in processors]
    columns = list(zip(names, processors, memos, strict=True))
    converted = []
    for row in rows:
        values = []
        for name, process, memo in columns:
            value = row[name]
            if process is not None and value is not None:
                assert memo is not None
                done = memo.get(value, memo)
                if done is memo:
                    done = memo[value] = process(value)
                value = done
            values.append(value)
        converted.append(values)
    if positional:
        connection.exec_driver_sql(sql, [tuple(values) for values in converted])
    else:
        connection.exec_driver_sql(sql, [dict(zip(names, values, strict=True)) for values in converted])
