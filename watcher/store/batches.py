"""Writing a batch of messages in one transaction: `Store.record_others`.

Apart from tables.py for its size; the rules are the store's (see tables.py): the watermark is
written first and moves with the batch's commit, a database error undoes the whole batch.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session

from watcher.core.model import Classification
from watcher.store.tables import (
    MessageRow,
    OnRecord,
    _advance,
    is_stored,
    message_key,
    message_values,
    new_row,
    poisoned,
    stored_keys,
)


def write_batch(s: Session, mailbox: str, folder: str, uidvalidity: int,
                items: list[tuple[int, Classification, str, int]], on_record: OnRecord | None,
                guarded: bool) -> list[bool]:
    """`Store.record_others`' writing, uncommitted; `guarded`: each mail's case work in a SAVEPOINT."""
    # First, and flushed: with pysqlite a SAVEPOINT opened before any write starts a
    # transaction of its own that its RELEASE commits, which would split the batch.
    _advance(s, mailbox, folder, uidvalidity, max(uid for uid, *_ in items), None)
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
    """The message and its case work. The row is not flushed first: the callback flushes it
    when it needs its id, after setting its case (one INSERT instead of an INSERT and an UPDATE)."""
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
