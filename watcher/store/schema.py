"""Tables made, and a database made by an older siv-watcher brought up to date, on opening.

`create_all` makes missing tables but never touches an existing one, so a column added by a
newer release (the message's `references` and `excerpt` came in this way) turned an upgrade into
"no such column" on the first insert: the watcher stopped until the user deleted the database,
and with it every case and the alert outbox. Upgrades here are additive only: a missing column
is added (with its default for the rows already there) and its index created; nothing is
dropped or rewritten. A change that is not additive must come with its own migration.
"""

from __future__ import annotations

import logging

from sqlalchemy import Column, Table, inspect, literal, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

log = logging.getLogger(__name__)


class SchemaError(Exception):
    """A column of this release cannot be added to the existing table by itself."""


def create_or_upgrade(engine: Engine) -> list[str]:
    """Create what is missing; return the "table.column" names added to existing tables."""
    existing = inspect(engine)
    tables = SQLModel.metadata.sorted_tables
    had = set(existing.get_table_names()) & {table.name for table in tables}
    # Only the tables that were there have their columns checked: a fresh database (every first
    # run) is not read back table by table right after it was made.
    SQLModel.metadata.create_all(engine, tables=[table for table in tables if table.name not in had])
    added: list[str] = []
    for table in tables:
        if table.name not in had:
            continue
        have = {c["name"] for c in existing.get_columns(table.name)}
        for column in table.columns:
            if column.name not in have:
                _add_column(engine, table, column)
                added.append(f"{table.name}.{column.name}")
    if added:
        log.info("database upgraded: added %s", ", ".join(added))
    return added


def _add_column(engine: Engine, table: Table, column: Column[object]) -> None:
    dialect = engine.dialect
    quote = dialect.identifier_preparer.quote
    ddl = f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(column.name)} {column.type.compile(dialect)}"
    default = _scalar_default(column)
    if default is not None:
        value = literal(default, column.type).compile(dialect=dialect, compile_kwargs={"literal_binds": True})
        ddl += f" DEFAULT {value}"
    if not column.nullable:
        if default is None:
            raise SchemaError(f"cannot add {table.name}.{column.name} to the existing database: it has no "
                              "default for the rows already there")
        ddl += " NOT NULL"
    with engine.begin() as conn:
        conn.execute(text(ddl))
    for index in table.indexes:
        if column.name in index.columns:
            index.create(engine, checkfirst=True)


def _scalar_default(column: Column[object]) -> object | None:
    """The Python-side default when it is a plain value (callables such as utcnow are not)."""
    default = column.default
    arg = getattr(default, "arg", None)
    return arg if isinstance(arg, (str, int, float, bool)) else None
