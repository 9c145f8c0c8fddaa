"""Inserting and updating many rows at once: the store's bulk tables (actions and their events).

A recorded assessment adds some hundreds of rows. SQLAlchemy's ``execute(insert(table), rows)`` rebuilds the
parameters of every row through the statement's compiled form, which costs more than the database's own work;
here the rows go to the database in one operation on the transaction's cursor (see :mod:`.driver`):

- SQLite: one ``executemany`` of a plain ``INSERT`` (the database is in this process: a prepared statement run
  per row is what it does best);
- PostgreSQL: one ``COPY ... FROM STDIN`` (an ``executemany`` sends and executes one statement per row;
  COPY streams the rows in one command, checked against the same constraints).

``insert_rows``/``update_rows`` take rows as tuples already in their stored form (``Driver.stored_day`` and
``stored_stamp`` convert dates and stamps); ``insert_many``/``update_many`` take dicts of Python values and
convert them by the columns' types, each distinct value once. Either way the rows are stored exactly as
``execute(insert(table), rows)`` stores them.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.exc import DBAPIError

from .driver import Driver, Processor, conversion

# The placeholder of a positional parameter, by the driver's paramstyle (SQLite's, psycopg's).
_PLACEHOLDERS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


class _Plan:
    """How rows of one table with one set of columns are sent to one dialect: inserted, or (``update``) set
    on the row whose ``id`` each row gives last."""

    def __init__(self, driver: Driver, table: Table, columns: tuple[str, ...], update: bool) -> None:
        dialect = driver.dialect
        quote = dialect.identifier_preparer.quote
        self.copy = not update and dialect.name == "postgresql" and dialect.driver == "psycopg"
        names = [quote(name) for name in columns]
        if self.copy:
            self.sql = f"COPY {quote(table.name)} ({', '.join(names)}) FROM STDIN"
        else:
            mark = _PLACEHOLDERS.get(dialect.paramstyle)
            if mark is None:
                raise NotImplementedError(
                    f"the store's bulk writes need a positional driver, not {dialect.driver}"
                )
            if update:
                settings = ", ".join(f"{name} = {mark}" for name in names)
                self.sql = f"UPDATE {quote(table.name)} SET {settings} WHERE {quote('id')} = {mark}"
            else:
                marks = ", ".join(mark for _ in names)
                self.sql = f"INSERT INTO {quote(table.name)} ({', '.join(names)}) VALUES ({marks})"
        processors = (conversion(table.c[name].type, dialect) for name in columns)
        # Only the columns whose type converts a value (dates, stamps, booleans on SQLite) are visited.
        self.conversions: tuple[tuple[int, Processor], ...] = tuple(
            (index, process) for index, process in enumerate(processors) if process is not None
        )


# (table, dialect, driver, columns, update) -> its plan: built once per process.
_plans: dict[tuple[str, str, str, tuple[str, ...], bool], _Plan] = {}


def _plan(driver: Driver, table: Table, columns: tuple[str, ...], update: bool) -> _Plan:
    dialect = driver.dialect
    key = (table.name, dialect.name, dialect.driver, columns, update)
    plan = _plans.get(key)
    if plan is None:
        plan = _plans[key] = _Plan(driver, table, columns, update)
    return plan


def insert_rows(
    driver: Driver, table: Table, columns: tuple[str, ...], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert ``rows`` (tuples of stored values, in the order of ``columns``) into ``table``."""
    if not rows:
        return
    plan = _plan(driver, table, columns, update=False)
    if plan.copy:
        _copy(driver, plan.sql, rows)
    else:
        driver.execute_many(plan.sql, rows)


def update_rows(
    driver: Driver, table: Table, columns: tuple[str, ...], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Set ``columns`` of the rows of ``table`` whose id each row gives last: ``(*stored values, id)``."""
    if rows:
        driver.execute_many(_plan(driver, table, columns, update=True).sql, rows)


class _Converted(dict[Any, Any]):
    """A column's values converted by its type, each distinct value once (the rows of one call repeat a few
    dates and stamps); None stays None."""

    def __init__(self, process: Processor) -> None:
        super().__init__({None: None})
        self.process = process

    def __missing__(self, value: Any) -> Any:
        done = self[value] = self.process(value)
        return done


def _converted(
    plan: _Plan, columns: tuple[str, ...], rows: Sequence[dict[str, Any]]
) -> list[tuple[Any, ...]]:
    """Each row's values in ``columns`` order, converted by the columns' types. The loops run in C (map,
    zip): the rows are turned into columns, the converted columns replaced, and back."""
    values = (
        list(map(itemgetter(*columns), rows)) if len(columns) > 1 else [(row[columns[0]],) for row in rows]
    )
    if not plan.conversions:
        return values
    transposed = list(zip(*values, strict=True))
    for index, process in plan.conversions:
        transposed[index] = tuple(map(_Converted(process).__getitem__, transposed[index]))
    return list(zip(*transposed, strict=True))


def insert_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts of Python values with the same keys) into ``table`` in one operation."""
    if not rows:
        return
    driver = Driver(connection)
    columns = tuple(rows[0])
    insert_rows(
        driver, table, columns, _converted(_plan(driver, table, columns, update=False), columns, rows)
    )


def update_many(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Set the values of ``rows`` (dicts with the same keys: ``id``, the primary key of the row to change,
    and the columns to set) in one ``executemany``."""
    if not rows:
        return
    driver = Driver(connection)
    columns = tuple(name for name in rows[0] if name != "id")
    plan = _plan(driver, table, columns, update=True)
    values = _converted(plan, (*columns, "id"), rows)
    driver.execute_many(plan.sql, values)


def _copy(driver: Driver, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
    """Stream ``rows`` with COPY on the transaction's own psycopg connection. A failure is raised as
    SQLAlchemy raises any statement's (an ``IntegrityError`` for a unique constraint, with its SQLSTATE), so
    the writers' retry sees it as it sees the other statements'."""
    import psycopg

    cursor = driver.cursor
    try:
        with cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)
    except psycopg.Error as exc:
        raise DBAPIError.instance(sql, None, exc, psycopg.Error, dialect=driver.dialect) from exc
