"""The write path's statements, run on the transaction's own database cursor.

``Connection.execute`` costs tens of microseconds of Python per statement (its compiled cache, parameter
processing, a result object): more than SQLite's own work for the single-row statements that recording a file
runs. Here a statement is compiled once per dialect and run on the transaction's DBAPI cursor:

- its values are converted by its bind parameters' types exactly as SQLAlchemy converts them (dates and stamps
  to text on SQLite, for instance), so what is stored is the same;
- rows come back as plain tuples, unconverted: on SQLite dates read back as their text (``day`` parses the ones
  a caller compares);
- a driver error is raised as SQLAlchemy raises it (an ``IntegrityError`` for a unique constraint), so the
  writers' retry sees it as before.

The transaction stays SQLAlchemy's: it is begun (``BEGIN IMMEDIATE`` on SQLite) and committed or rolled back by
the ``Connection`` the driver was made from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, cast

from sqlalchemy import Connection, Date, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

Processor = Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def conversion(type_: Any, dialect: Dialect) -> Processor | None:
    """How ``dialect`` stores a value of the column type ``type_``; None when it stores the value itself."""
    process: Processor | None = type_.dialect_impl(dialect).bind_processor(dialect)
    return process


def processor(type_: Any, dialect: Dialect) -> Processor:
    """How ``dialect`` stores a value of the column type ``type_`` (the value itself when it needs no change)."""
    return conversion(type_, dialect) or _same


_forms_of_dialects: dict[tuple[str, str], tuple[Processor, Processor]] = {}


def _stored_forms(dialect: Dialect) -> tuple[Processor, Processor]:
    """The conversions of a date and of a stamp for ``dialect``, looked up once (adapting a type costs)."""
    key = (dialect.name, dialect.driver)
    forms = _forms_of_dialects.get(key)
    if forms is None:
        forms = _forms_of_dialects[key] = (processor(Date(), dialect), processor(DateTime(), dialect))
    return forms


class _Form:
    """A statement as one dialect runs it: its SQL, its parameters' order and their conversions."""

    def __init__(self, statement: ClauseElement, dialect: Dialect) -> None:
        compiled = cast(SQLCompiler, statement.compile(dialect=dialect))
        self.sql = compiled.string
        self.positional = bool(dialect.positional)
        self.names: tuple[str, ...] = (
            tuple(compiled.positiontup or ()) if self.positional else tuple(compiled.binds)
        )
        binds = compiled.binds
        # The values written into the statement (a literal compared with), taken once.
        self.defaults = {name: bind.effective_value for name, bind in binds.items() if not bind.required}
        processors = ((name, conversion(binds[name].type, dialect)) for name in self.names)
        self.conversions = {name: process for name, process in processors if process is not None}

    def parameters(self, values: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
        given = {**self.defaults, **values} if self.defaults else values
        conversions = self.conversions
        converted = [
            given[name] if name not in conversions or given[name] is None else conversions[name](given[name])
            for name in self.names
        ]
        return converted if self.positional else dict(zip(self.names, converted, strict=True))


class Statement:
    """A SQLAlchemy statement (its parameters as ``bindparam``), compiled once per dialect on first use."""

    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._forms: dict[tuple[str, str], _Form] = {}

    def form(self, dialect: Dialect) -> _Form:
        key = (dialect.name, dialect.driver)
        form = self._forms.get(key)
        if form is None:
            form = self._forms[key] = _Form(self.statement, dialect)
        return form


class Driver:
    """The statements of one transaction, run on its connection's DBAPI cursor."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.dialect = connection.dialect
        self.cursor = connection.connection.cursor()
        self._errors = self.dialect.loaded_dbapi.Error
        # The stored form of a date and of a stamp (text on SQLite; the value itself where the driver adapts it).
        self.stored_day, self.stored_stamp = _stored_forms(self.dialect)

    def run(self, statement: Statement, values: Mapping[str, Any]) -> Any:
        """Run ``statement`` with ``values`` (by parameter name); the cursor, to fetch its rows from."""
        form = statement.form(self.dialect)
        parameters = form.parameters(values)
        return self.execute(form.sql, parameters)

    def rows(self, statement: Statement, values: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        return list(self.run(statement, values).fetchall())

    def row(self, statement: Statement, values: Mapping[str, Any]) -> tuple[Any, ...] | None:
        row = self.run(statement, values).fetchone()
        return None if row is None else tuple(row)

    def execute(self, sql: str, parameters: Any) -> Any:
        try:
            self.cursor.execute(sql, parameters)
        except self._errors as exc:
            raise self._error(sql, parameters, exc) from exc
        return self.cursor

    def execute_many(self, sql: str, rows: Sequence[Any]) -> None:
        try:
            self.cursor.executemany(sql, rows)
        except self._errors as exc:
            raise self._error(sql, rows, exc) from exc

    def _error(self, sql: str, parameters: Any, exc: Exception) -> StatementError:
        return DBAPIError.instance(sql, parameters, exc, self._errors, dialect=self.dialect)


def day(value: dt.date | str | None) -> dt.date | None:
    """A date read back raw: SQLite gives its stored text (``YYYY-MM-DD``), PostgreSQL a date."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value
