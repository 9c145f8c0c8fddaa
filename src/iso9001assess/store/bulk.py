"""Inserting many rows at once: the store's bulk tables (clause scores, actions, their events).

A recorded assessment adds some hundreds of rows. SQLAlchemy's ``execute(insert(table), rows)`` rebuilds the
parameters of every row through the statement's compiled form, which costs more than the database's own work;
here the column types' bind processors (dates to text on SQLite, for instance) are applied directly, once per
distinct value of a column, and the rows go to the database in one operation:

- SQLite: one ``executemany`` of the statement compiled once per table and set of columns (the database is in
  this process: a prepared statement run per row is what it does best);
- PostgreSQL: one ``COPY ... FROM STDIN`` (an ``executemany`` sends and executes one statement per row;
  COPY streams the rows in one command, checked against the same constraints).

The rows are stored exactly as ``execute(insert(table), rows)`` stores them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, bindparam, insert
from sqlalchemy import update as sql_update
from sqlalchemy.exc import DBAPIError

_Processor = Callable[[Any], Any]


class _Plan:
    """How rows of one table with one set of columns are sent to one dialect: inserted, or (``update``) set
    on the row whose primary key ``id`` the row gives."""

    def __init__(
        self, connection: Connection, table: Table, columns: tuple[str, ...], update: bool = False
    ) -> None:
        dialect = connection.dialect
        self.copy = not update and dialect.name == "postgresql" and dialect.driver == "psycopg"
        self.positional = False
        if self.copy:
            quote = dialect.identifier_preparer.quote
            names = columns
            self.sql = f"COPY {quote(table.name)} ({', '.join(quote(name) for name in names)}) FROM STDIN"
        else:
            statement = (
                sql_update(table)
                .where(table.c.id == bindparam("id"))
                .values({name: bindparam(name) for name in columns if name != "id"})
                if update
                else insert(table).values({name: bindparam(name) for name in columns})
            )
            compiled = statement.compile(dialect=dialect)
            # Positional drivers (SQLite's ``?``) take the values in the compiled statement's order.
            names = tuple(compiled.positiontup or ()) if dialect.positional else columns
            self.sql = compiled.string
            self.positional = bool(dialect.positional)
        self.names = names
        self.values = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
        processors = (table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names)
        # Only the columns whose type converts a value (dates, stamps, booleans on SQLite) are visited.
        self.conversions: tuple[tuple[int, _Processor], ...] = tuple(
            (index, process) for index, process in enumerate(processors) if process is not None
        )


# (table, dialect, driver, columns, update) -> its plan: built once per process.
_plans: dict[tuple[str, str, str, tuple[str, ...], bool], _Plan] = {}


def _plan(connection: Connection, table: Table, columns: tuple[str, ...], update: bool = False) -> _Plan:
    dialect = connection.dialect
    key = (table.name, dialect.name, dialect.driver, columns, update)
    plan = _plans.get(key)
    if plan is None:
        plan = _plans[key] = _Plan(connection, table, columns, update)
    return plan


class _Converted(dict[Any, Any]):
    """A column's values converted by its type, each distinct value once (the rows of one call repeat a few
    dates and stamps); None stays None."""

    def __init__(self, process: _Processor) -> None:
        super().__init__({None: None})
        self.process = process

    def __missing__(self, value: Any) -> Any:
        done = self[value] = self.process(value)
        return done


def _converted(plan: _Plan, rows: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """Each row's values in the plan's column order, converted by the columns' types. The loops run in C
    (map, zip): the rows are turned into columns, the converted columns replaced, and back."""
    values = list(map(plan.values, rows))
    if not plan.conversions:
        return values
    columns = list(zip(*values, strict=True))
    for index, process in plan.conversions:
        columns[index] = tuple(map(_Converted(process).__getitem__, columns[index]))
    return list(zip(*columns, strict=True))


def insert_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table`` in one operation."""
    if not rows:
        return
    plan = _plan(connection, table, tuple(rows[0]))
    values = _converted(plan, rows)
    if plan.copy:
        _copy(connection, plan.sql, values)
    elif plan.positional:
        connection.exec_driver_sql(plan.sql, values)
    else:
        connection.exec_driver_sql(plan.sql, [dict(zip(plan.names, row, strict=True)) for row in values])


def update_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Set the values of ``rows`` (dicts with the same keys: ``id``, the primary key of the row to change,
    and the columns to set) in one ``executemany``."""
    if not rows:
        return
    plan = _plan(connection, table, tuple(rows[0]), update=True)
    values = _converted(plan, rows)
    if plan.positional:
        connection.exec_driver_sql(plan.sql, values)
    else:
        connection.exec_driver_sql(plan.sql, [dict(zip(plan.names, row, strict=True)) for row in values])


def _copy(connection: Connection, sql: str, values: list[tuple[Any, ...]]) -> None:
    """Stream ``values`` with COPY on the transaction's own psycopg connection. A failure is raised as
    SQLAlchemy raises any statement's (an ``IntegrityError`` for a unique constraint, with its SQLSTATE), so
    the writers' retry sees it as it sees the other statements'."""
    import psycopg

    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        with cursor.copy(sql) as copy:
            for row in values:
                copy.write_row(row)
    except psycopg.Error as exc:
        raise DBAPIError.instance(sql, None, exc, psycopg.Error, dialect=connection.dialect) from exc
    finally:
        cursor.close()
