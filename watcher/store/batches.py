"""Writing a batch of messages in one transaction: `Store.record_others`.

Apart from tables.py for its size; the rules are the store's (see tables.py): the watermark is
written first and moves with the batch's commit, a database error undoes the whole batch.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, select

from watcher.core.model import Classification
from watcher.store.tables import MessageRow, OnRecord, _advance, _no_nul, message_values, poisoned


def _stored_keys(s: Session, mailbox: str,
                 items: list[tuple[int, Classification, str, int]]) -> tuple[set[str], set[str]]:
    """The Message-IDs and content hashes of `items` the mailbox holds already: a batch asks once,
    and then checks each item (and the batch's own earlier items) as `_duplicate` would."""
    mids = {mid for _uid, c, _h, _s in items if (mid := _no_nul(c.message_id))}
    bare = {h for _uid, c, h, _s in items if not _no_nul(c.message_id)}
    ids: set[str] = set()
    hashes: set[str] = set()
    if mids:
        ids.update(m for m in s.exec(select(MessageRow.message_id).where(
            MessageRow.mailbox == mailbox, col(MessageRow.message_id).in_(mids))) if m)
    if bare:
        hashes.update(s.exec(select(MessageRow.content_hash).where(
            MessageRow.mailbox == mailbox, col(MessageRow.content_hash).in_(bare))))
    return ids, hashes


def write_batch(s: Session, mailbox: str, folder: str, uidvalidity: int,
                items: list[tuple[int, Classification, str, int]], on_record: OnRecord | None,
                guarded: bool) -> list[bool]:
    """`Store.record_others`' writing, uncommitted; `guarded`: each mail's case work in a SAVEPOINT."""
    # First, and flushed: with pysqlite a SAVEPOINT opened before any write starts a
    # transaction of its own that its RELEASE commits, which would split the batch.
    _advance(s, mailbox, folder, uidvalidity, max(uid for uid, *_ in items), None)
    s.flush()
    ids, hashes = _stored_keys(s, mailbox, items)
    out: list[bool] = []
    bulk: list[dict[str, Any]] = []
    for uid, classification, content_hash, size in items:
        mid = _no_nul(classification.message_id)
        if (mid in ids) if mid else (content_hash in hashes):
            out.append(False)  # a duplicate, as `_duplicate` would say
            continue
        values = message_values(mailbox, folder, uidvalidity, uid, classification, content_hash, size)
        if on_record is None:
            bulk.append(values)  # an ORM object per row would cost more than its INSERT
        elif guarded:
            _with_case_work(s, values, on_record)
        else:
            _case_work(s, values, on_record)
        if mid:
            ids.add(mid)  # the next items' duplicate check sees this one
        hashes.add(content_hash)
        out.append(True)
    if bulk:
        s.execute(insert(MessageRow), bulk)
    return out


def _case_work(s: Session, values: dict[str, Any], on_record: OnRecord) -> None:
    """The message and its case work. The row is not flushed first: the callback flushes it
    when it needs its id, after setting its case (one INSERT instead of an INSERT and an UPDATE)."""
    row = MessageRow(**values)
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
