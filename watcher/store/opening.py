"""Opening the database: the engine with SQLite's pragmas, the schema brought up to date, and
when it cannot be opened, why in the user's terms (a folder, a driver, a server), never with the
password of the URL."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlmodel import create_engine

from watcher.store.schema import SchemaError, create_or_upgrade


class StoreError(Exception):
    """The database cannot be opened: one line for the user, naming the key and the path or
    host, with any password in the URL masked."""


def open_engine(url: str) -> Engine:
    """The engine for `url`, its tables made or upgraded (the table classes must be imported)."""
    try:
        engine = create_engine(url, connect_args=_connect_args(url))
        if url.startswith("sqlite"):
            event.listen(engine, "connect", _sqlite_pragmas)
        create_or_upgrade(engine)  # a database of an older release gains the new columns
    except SchemaError as exc:
        raise StoreError(f"database.url: cannot upgrade {_display(url)}: {exc}") from None
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"database.url: cannot open {_display(url)}: {_reason(url, exc)}") from None
    return engine


def _display(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a database URL)"


def _reason(url: str, exc: Exception) -> str:
    """Why the database cannot be opened, in the user's terms (a folder, a driver, a server)."""
    if isinstance(exc, ArgumentError):
        return "expected e.g. sqlite:///siv-watcher.db or postgresql+psycopg://user@host/db"
    if isinstance(exc, ImportError):
        return f"driver {exc.name} is not installed (PostgreSQL: pip install 'siv-watcher[postgres]')"
    database = make_url(url).database if url.startswith("sqlite") else None
    if database and database != ":memory:":
        folder = Path(database).expanduser().absolute().parent
        if not folder.exists():
            return f"folder {folder} does not exist"
        if not folder.is_dir():
            return f"{folder} is not a folder"
        if not os.access(folder, os.W_OK):
            return f"folder {folder} is not writable"
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__


def _connect_args(url: str) -> dict[str, Any]:
    return {"check_same_thread": False, "timeout": 30} if url.startswith("sqlite") else {}


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
