"""SQLite (or PostgreSQL) state: messages, folder watermarks, cases, events, the alert outbox.

The store is the only place that writes. `record()` is the heart of "never miss, never twice":
the message row, the folder watermark and whatever the case logic derives from the message
(events, outbox alerts) are written in ONE transaction, so a kill -9 at any point either
leaves all of it or none of it, and the next sync redoes exactly what was not committed.
`record_others()` does the same for a batch of mail that need not be committed on its own.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import UniqueConstraint
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import relationship
from sqlmodel import Field, Relationship, Session, SQLModel, col, select

from watcher.core.model import Classification
from watcher.store.columns import UTCDateTime, message_key, message_values, utcnow
from watcher.store.opening import StoreError, open_engine


class FolderStateRow(SQLModel, table=True):
    """Per (mailbox, folder) watermark: what has been fully handled."""

    __tablename__ = "folder_state"
    __table_args__ = (UniqueConstraint("mailbox", "folder"),)
    id: int | None = Field(default=None, primary_key=True)
    mailbox: str = Field(index=True)
    folder: str
    uidvalidity: int
    last_uid: int = 0
    highestmodseq: int | None = None
    synced_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Set after the folder's first complete sync; until then its mail is history (no alert of
    # its own). Survives a UIDVALIDITY reset: mail found by that resync is new, not history.
    first_synced_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class MailboxStateRow(SQLModel, table=True):
    """Whether a mailbox (the account, not each folder) had its first sync: old mail is history."""

    __tablename__ = "mailbox_state"
    mailbox: str = Field(primary_key=True)
    first_synced_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class CaseRow(SQLModel, table=True):
    """One seller account's verification; its state is derived from its events, never stored."""

    __tablename__ = "case"
    __table_args__ = (UniqueConstraint("mailbox", "account"),)
    id: int | None = Field(default=None, primary_key=True)
    mailbox: str = Field(index=True)
    account: str
    seller_token: str | None = Field(default=None, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    @property
    def ref(self) -> int:
        """The id, once the row is flushed: events and alerts point at a stored case only."""
        if self.id is None:
            raise ValueError("case row not flushed yet")
        return self.id


class MessageRow(SQLModel, table=True):
    """One classified message; identity (mailbox, folder, uidvalidity, uid), plus Message-ID."""

    __tablename__ = "message"
    __table_args__ = (UniqueConstraint("mailbox", "folder", "uidvalidity", "uid"),)
    id: int | None = Field(default=None, primary_key=True)
    mailbox: str = Field(index=True)
    folder: str
    uidvalidity: int
    uid: int
    message_id: str | None = Field(default=None, index=True)
    content_hash: str = Field(index=True)
    size: int = 0
    seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    subject: str = ""
    from_addr: str = ""
    account: str | None = None
    kind: str = Field(index=True)
    sender_check: str
    case_id: str | None = None
    seller_token: str | None = None
    booking_url: str | None = None
    deadline: date | None = None
    appointment: datetime | None = Field(default=None, sa_type=UTCDateTime)
    meeting_url: str | None = None
    rule: str | None = None
    reasons: str = "[]"
    parse_error: str | None = None
    references: str = "[]"  # JSON list: Message-IDs of In-Reply-To and References
    excerpt: str = "[]"  # JSON list: a siv_unclear mail's key sentences and links, quoted in its alert
    case_ref: int | None = Field(default=None, foreign_key="case.id", index=True)


class EventRow(SQLModel, table=True):
    """A classified message, or a manual mark, applied to a case."""

    __tablename__ = "event"
    id: int | None = Field(default=None, primary_key=True)
    case_ref: int = Field(foreign_key="case.id", index=True)
    kind: str
    sent_at: datetime = Field(sa_type=UTCDateTime)
    message_ref: int | None = Field(default=None, foreign_key="message.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Lets an event be written with its message before the message has an id: the flush inserts
    # the message first and fills message_ref, so a batch of history mail is flushed once instead
    # of once per mail. Never loaded (`ingest.event_rows` joins explicitly).
    message: MessageRow | None = Relationship(sa_relationship=relationship("MessageRow", lazy="raise"))


class AlertRow(SQLModel, table=True):
    """One notification in the outbox. `key` is unique: one alert per (message or case, purpose)."""

    __tablename__ = "alert"
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)
    mailbox: str | None = None
    case_ref: int | None = Field(default=None, foreign_key="case.id", index=True)
    message_ref: int | None = Field(default=None, foreign_key="message.id")
    purpose: str
    notify_type: str
    title: str
    body: str
    status: str = Field(default="pending", index=True)  # pending | delivered | cancelled
    attempts: int = 0
    due_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    last_error: str | None = None
    delivered_targets: str = "[]"
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


log = logging.getLogger(__name__)

IN_LIST = 500  # values per IN (...) of a query made in bulk: well under SQLite's and PostgreSQL's limits

# What a stored message does to cases and alerts, in the same session. The row may not be flushed
# yet (a batch lets the callback set its case first): flush it before reading its id.
OnRecord = Callable[[Session, MessageRow], None]


class Store:
    """Thin access to the database; one instance per process (SQLite allows one writer)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = open_engine(url)
        # Check-then-insert in `record` must not interleave: two folders (INBOX and Gmail's All
        # Mail) can deliver the same message at the same moment from two IDLE threads.
        self.write_lock = threading.Lock()

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()

    # -- folders -----------------------------------------------------------------------

    def folder_state(self, mailbox: str, folder: str) -> FolderStateRow | None:
        with self.session() as s:
            return _folder(s, mailbox, folder)

    def reset_folder(self, mailbox: str, folder: str, uidvalidity: int) -> None:
        """A new UIDVALIDITY makes every old UID meaningless: start the folder over."""
        with self.session() as s:
            row = _folder(s, mailbox, folder) or FolderStateRow(mailbox=mailbox, folder=folder, uidvalidity=0)
            row.uidvalidity, row.last_uid, row.highestmodseq = uidvalidity, 0, None
            s.add(row)
            s.commit()

    def mark_folder_synced(self, mailbox: str, folder: str, at: datetime | None = None) -> None:
        with self.session() as s:
            row = _folder(s, mailbox, folder) or FolderStateRow(mailbox=mailbox, folder=folder, uidvalidity=0)
            row.first_synced_at = row.first_synced_at or at or utcnow()
            s.add(row)
            s.commit()

    def advance(self, mailbox: str, folder: str, uidvalidity: int, uid: int,
                highestmodseq: int | None = None) -> None:
        """Move the watermark past mail that is not an SIV candidate (never fetched again)."""
        with self.session() as s:
            advance_watermark(s, mailbox, folder, uidvalidity, uid, highestmodseq)
            s.commit()

    # -- messages ----------------------------------------------------------------------

    def record(self, mailbox: str, folder: str, uidvalidity: int, uid: int, classification: Classification,
               *, content_hash: str, size: int, on_record: OnRecord | None = None) -> MessageRow | None:
        """Store one message and advance the watermark in a single transaction.

        Returns None for a duplicate (same Message-ID, or same content when it has none, already
        stored for this mailbox: a copy in another folder or a resync after UIDVALIDITY changed).
        `on_record` adds what the case logic derives (events, alerts) inside the same transaction.
        """
        with self.write_lock, self.session() as s:
            if _duplicate(s, mailbox, classification.message_id, content_hash):
                advance_watermark(s, mailbox, folder, uidvalidity, uid, None)
                s.commit()
                return None
            row = message_row(mailbox, folder, uidvalidity, uid, classification, content_hash, size)
            try:
                s.add(row)
                s.flush()
                if on_record is not None:
                    on_record(s, row)
            except (OperationalError, IntegrityError):
                raise  # the database itself (locked, a racing key): the sync retries this UID
            except Exception as exc:  # a poison message must not stall its folder forever
                s.rollback()
                row = poisoned(message_values(mailbox, folder, uidvalidity, uid, classification,
                                              content_hash, size), exc)
                s.add(row)
            advance_watermark(s, mailbox, folder, uidvalidity, uid, None)
            s.commit()
            return row

    def record_others(self, mailbox: str, folder: str, uidvalidity: int,
                      items: list[tuple[int, Classification, str, int]],
                      on_record: OnRecord | None = None) -> list[bool]:
        """Store many messages and advance the watermark past the last, in ONE transaction.

        For the mail that need not be committed on its own (`mail.recording.Others`): `other`
        mail no case can take, and a folder's history (no alert of its own). Items are (uid,
        classification, content_hash, size) in ascending UID order; the result says per item
        whether it was stored (False: a duplicate, as `record` says None). A poison message
        (its `on_record` raises) rolls back its own case work only and is stored with
        `parse_error`, as `record` stores it: the batch is then redone with each item's case work
        in a SAVEPOINT. A database error undoes the whole batch. Without `on_record`, the batch
        is one multi-row INSERT."""
        from watcher.store.batches import write_batch  # it writes this module's tables

        if not items:
            return []
        with self.write_lock, self.session() as s:
            try:  # optimistic: no SAVEPOINT per mail (four statements of six); poison is rare
                out = write_batch(s, mailbox, folder, uidvalidity, items, on_record, guarded=False)
            except (OperationalError, IntegrityError):
                raise  # the database itself: the next sync redoes the whole batch
            except Exception:
                if on_record is None:
                    raise
                s.rollback()  # nothing of the batch was committed: redo it, each mail guarded
                out = write_batch(s, mailbox, folder, uidvalidity, items, on_record, guarded=True)
            s.commit()
        return out

    def messages(self, mailbox: str | None = None) -> list[MessageRow]:
        with self.session() as s:
            query = select(MessageRow).order_by(col(MessageRow.id))
            if mailbox:
                query = query.where(MessageRow.mailbox == mailbox)
            return list(s.exec(query))

    # -- mailboxes ---------------------------------------------------------------------

    def first_synced(self, mailbox: str) -> bool:
        with self.session() as s:
            row = s.get(MailboxStateRow, mailbox)
            return bool(row and row.first_synced_at)

    def mark_first_synced(self, mailbox: str, at: datetime | None = None) -> None:
        with self.session() as s:
            row = s.get(MailboxStateRow, mailbox) or MailboxStateRow(mailbox=mailbox)
            row.first_synced_at = row.first_synced_at or at or utcnow()
            s.add(row)
            s.commit()


def message_row(mailbox: str, folder: str, uidvalidity: int, uid: int, c: Classification,
                content_hash: str, size: int) -> MessageRow:
    return MessageRow(**message_values(mailbox, folder, uidvalidity, uid, c, content_hash, size))


def _folder(s: Session, mailbox: str, folder: str) -> FolderStateRow | None:
    query = select(FolderStateRow).where(FolderStateRow.mailbox == mailbox, FolderStateRow.folder == folder)
    return s.exec(query).first()


def advance_watermark(s: Session, mailbox: str, folder: str, uidvalidity: int, uid: int,
                      highestmodseq: int | None) -> None:
    """The folder's watermark moved up to `uid` in the caller's transaction (never down; another
    UIDVALIDITY starts it again), committed with whatever the caller commits."""
    row = _folder(s, mailbox, folder)
    if row is None or row.uidvalidity != uidvalidity:
        row = row or FolderStateRow(mailbox=mailbox, folder=folder, uidvalidity=uidvalidity)
        row.uidvalidity, row.last_uid = uidvalidity, 0
    row.last_uid = max(row.last_uid, uid)
    if highestmodseq is not None:
        row.highestmodseq = highestmodseq
    row.synced_at = utcnow()
    s.add(row)


def stored_keys(s: Session, mailbox: str, keys: list[tuple[str | None, str]]) -> tuple[set[str], set[str]]:
    """The Message-IDs and content hashes of `keys` the mailbox holds already (flushed rows of the
    transaction included), one query each at most: a batch asks once, then checks every item
    with `is_stored`, adding its own items as it goes."""
    mids = {mid for mid, _h in keys if mid}
    bare = {h for mid, h in keys if not mid}
    ids: set[str] = set()
    hashes: set[str] = set()
    if mids:
        ids.update(m for m in s.exec(select(MessageRow.message_id).where(
            MessageRow.mailbox == mailbox, col(MessageRow.message_id).in_(mids))) if m)
    if bare:
        hashes.update(s.exec(select(MessageRow.content_hash).where(
            MessageRow.mailbox == mailbox, col(MessageRow.content_hash).in_(bare))))
    return ids, hashes


def is_stored(key: tuple[str | None, str], ids: set[str], hashes: set[str]) -> bool:
    mid, content_hash = key
    return (mid in ids) if mid else (content_hash in hashes)


def _duplicate(s: Session, mailbox: str, message_id: str | None, content_hash: str) -> bool:
    """Whether the mailbox holds this message already."""
    key = message_key(message_id, content_hash)
    return is_stored(key, *stored_keys(s, mailbox, [key]))


def poisoned(values: dict[str, Any], exc: Exception) -> MessageRow:
    """The row of a message whose case work failed: stored without case or alert, and said why."""
    log.error("%s/%s uid %d: processing failed; stored without case or alert", values["mailbox"],
              values["folder"], values["uid"], exc_info=exc)
    return MessageRow(**{**values, "parse_error": f"processing failed: {type(exc).__name__}"})


__all__ = [
    "AlertRow", "CaseRow", "EventRow", "FolderStateRow", "MailboxStateRow", "MessageRow", "Store",
    "StoreError", "advance_watermark", "is_stored", "message_row", "poisoned", "stored_keys",
]
