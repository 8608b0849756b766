"""A database made by an older release opens in this one: the columns added since are added,
nothing already stored is lost, and the watcher goes on recording and alerting."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, String, Table, inspect
from sqlmodel import SQLModel, select

from tests.postgres import postgres_url  # noqa: F401  (fixture)
from tests.store.test_ingest import alerts, live, make_config
from watcher.store import schema
from watcher.store.tables import MessageRow, Store, StoreError

# The columns this round added to `message`: what a database of the previous release lacks.
NEWER = ("references", "excerpt")


def _messages(store: Store) -> list[MessageRow]:
    with store.session() as s:
        return list(s.exec(select(MessageRow).order_by(MessageRow.id)))


def test_an_older_sqlite_database_gains_the_new_columns_and_keeps_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    store = Store(f"sqlite:///{path}")
    live(store, make_config()).feed("siv_failed-en-plain.eml")
    store.close()
    with sqlite3.connect(path) as db:  # the previous release's table: without the newer columns
        for name in NEWER:
            db.execute(f'ALTER TABLE message DROP COLUMN "{name}"')

        have = {row[1] for row in db.execute("PRAGMA table_info(message)")}
    assert not have & set(NEWER)

    store = Store(f"sqlite:///{path}")
    assert [m.references for m in _messages(store)] == ["[]"]  # the old row, given the default
    feeder = live(store, make_config())
    feeder.uid = 1
    assert feeder.feed("video_call_invitation-en-plain.eml") is not None
    assert len(_messages(store)) == 2
    assert {a.purpose for a in alerts(store)} >= {"event:video_call_invitation"}


def test_opening_an_up_to_date_database_changes_nothing(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/t.db")
    assert schema.create_or_upgrade(store.engine) == []


def test_a_column_without_a_default_is_refused_with_one_line(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/t.db")
    extra = Table("message", SQLModel.metadata, Column("must_have", String, nullable=False),
                  extend_existing=True)
    try:
        with pytest.raises(StoreError, match=r"database.url: cannot upgrade .*message.must_have"):
            Store(f"sqlite:///{tmp_path}/t.db")
    finally:
        extra._columns.remove(extra.c.must_have)  # leave the shared metadata as it was
    store.close()


def test_an_added_indexed_column_gets_its_index(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path}/t.db")
    table = SQLModel.metadata.tables["message"]
    column = Column("upgrade_probe", Integer, nullable=True, index=True)
    table.append_column(column)
    try:
        assert schema.create_or_upgrade(store.engine) == ["message.upgrade_probe"]
        indexed = {c for i in inspect(store.engine).get_indexes("message") for c in i["column_names"]}
        assert "upgrade_probe" in indexed
    finally:
        for index in [i for i in table.indexes if "upgrade_probe" in i.columns]:
            table.indexes.discard(index)
        table._columns.remove(column)
    store.close()


def test_an_older_postgresql_database_is_upgraded(postgres_url) -> None:  # noqa: F811
    store = Store(postgres_url)
    SQLModel.metadata.drop_all(store.engine)
    SQLModel.metadata.create_all(store.engine)
    live(store, make_config()).feed("siv_failed-en-plain.eml")
    with store.engine.begin() as conn:
        for name in NEWER:
            conn.exec_driver_sql(f'ALTER TABLE message DROP COLUMN "{name}"')
    store.close()
    store = Store(postgres_url)
    assert [m.excerpt for m in _messages(store)] == ["[]"]
    assert {c["name"] for c in inspect(store.engine).get_columns("message")} >= set(NEWER)
    store.close()
