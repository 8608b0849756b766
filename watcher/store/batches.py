"""Writing a batch of messages in one transaction: `Store.record_others`.

Apart from tables.py for its size; the rules are the store's (see tables.py): the watermark is
written first and moves with the batch's commit, a database error undoes the whole batch.
"""

from __future__ import annotations

import functools
from typing import Any, TypeVar

from sqlalchemy import insert, inspect
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import configure_mappers
from sqlmodel import Session, SQLModel

from watcher.core.model import Classification
from watcher.store.columns import message_key, message_values
from watcher.store.tables import MessageRow, OnRecord, advance_watermark, is_stored, poisoned, stored_keys


def write_batch(s: Session, mailbox: str, folder: str, uidvalidity: int,
                items: list[tuple[int, Classification, str, int]], on_record: OnRecord | None,
                guarded: bool) -> list[bool]:
    """`Store.record_others`' writing, uncommitted; `guarded`: each mail's case work in a SAVEPOINT."""
    # First, and flushed: with pysqlite a SAVEPOINT opened before any write starts a
    # transaction of its own that its RELEASE commits, which would split the batch.
    advance_watermark(s, mailbox, folder, uidvalidity, max(uid for uid, *_ in items), None)
    s.flush()
    keys = [message_key(c.message_id, content_hash) for _uid, c, content_hash, _size in items]
    ids, hashes = stored_keys(s, mailbox, keys)
    out: list[bool] = []
    bulk: list[dict[str, Any]] = []
    for (uid, classification, content_hash, size), key in zip(items, keys, strict=True):
        if is_stored(key, ids, hashes):
            out.append(False)  # a duplicate: of the mailbox, or of an earlier item of the batch
            continue
        values = message_values(mailbox, folder, uidvalidity, uid, classification, content_hash, size)
        if on_record is None:
            bulk.append(values)  # an ORM object per row would cost more than its INSERT
        elif guarded:
            _with_case_work(s, values, on_record)
        else:
            _case_work(s, values, on_record)
        if key[0]:
            ids.add(key[0])  # the next items' duplicate check sees this one
        hashes.add(content_hash)
        out.append(True)
    if bulk:
        s.execute(insert(MessageRow), bulk)
    # Here, not at the caller's commit: history mail's rows wait for one flush (ingest), and a
    # row the database refuses must fail inside `record_others`' try, to be redone guarded.
    s.flush()
    return out


def _case_work(s: Session, values: dict[str, Any], on_record: OnRecord) -> None:
    """The message and its case work. The row is not flushed here: the callback sets its case
    first, and the next flush inserts it (the callback's, when a live mail needs its id, else the
    batch's at its end): one INSERT, no UPDATE, and for history one flush a batch."""
    row = new_row(MessageRow, values)
    on_record(s, row)
    s.add(row)


def _with_case_work(s: Session, values: dict[str, Any], on_record: OnRecord) -> None:
    """`_case_work` in a SAVEPOINT; if that work fails, it is rolled back (the message with it)
    and the message stored alone, as poison."""
    try:
        with s.begin_nested():
            _case_work(s, values, on_record)
    except (OperationalError, IntegrityError):
        raise  # the database itself: the whole batch is redone by the next sync
    except Exception as exc:  # a poison message must not stall its folder forever
        s.add(poisoned(values, exc))


_Row = TypeVar("_Row", bound=SQLModel)


def new_row(table: type[_Row], values: dict[str, Any]) -> _Row:
    """`table(**values)` for the rows a sync writes by the hundred (a batch's messages, their events), made
    as the ORM makes a row it loads.

    SQLModel's __init__ sets each column through pydantic and SQLAlchemy's instrumentation:
    ~0.2 ms a message row, a sixth of a seller's first sync's store phase. Here the mapper makes the
    instance (no __init__) and takes the values (defaults filled in as __init__ would) as loaded
    state; a pending row's INSERT reads that state, and later changes (a case, a relationship)
    go through the instrumented setattr as usual. No validation either way: table models skip it.
    """
    configure_mappers()  # what __init__'s first call does; a flag check afterwards
    row: _Row = inspect(table).class_manager.new_instance()
    for name, default in _defaults(table):
        if name not in values:
            row.__dict__[name] = default.get_default(call_default_factory=True)
    row.__dict__.update(values)
    return row


@functools.cache
def _defaults(table: type[SQLModel]) -> tuple[tuple[str, Any], ...]:
    return tuple((name, field) for name, field in table.model_fields.items() if not field.is_required())
