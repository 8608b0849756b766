"""Several watchers on one database: who watches which mailbox, who delivers which alert.

PostgreSQL (`Cluster`): every `siv-watcher run` registers an instance row and beats its heartbeat
every `cluster.heartbeat_seconds` (10 s). An instance is live while its heartbeat is younger than
`cluster.lease_seconds` (30 s); every time is the database's clock, so hosts need not agree.

- Mailboxes: one `mailbox_lease` row per mailbox, `owner` the holding instance. A lease is valid
  while its owner is live (the heartbeat renews all of an instance's leases at once). Each
  instance, every heartbeat period, takes free or orphaned leases (`SELECT … FOR UPDATE SKIP
  LOCKED`) up to its fair share, ceil(mailboxes / live instances), and gives back what it holds
  above it, so a new instance gets its share and a dead one's mailboxes move within
  lease_seconds + heartbeat_seconds (40 s) of its last heartbeat.
- Fencing: `fence()` wraps `Store.record`'s callback and checks, inside the message's own
  transaction, that this instance still owns the mailbox (`FOR SHARE` on its lease row, so a
  takeover waits for a commit in flight): a watcher that lost a lease cannot commit mail or
  alerts for that mailbox any more. An instance whose heartbeat has not succeeded for
  lease_seconds - heartbeat_seconds (`fresh()` is false) stops its workers and sends nothing:
  by then others may be about to take over.
- Alerts: `take()` claims due pending outbox rows before a delivery pass (`FOR UPDATE SKIP
  LOCKED` on the alert rows, then an `alert_claim` row naming this instance); a claim is valid
  while its owner is live, and is given back at the end of the pass. So each alert (reminders
  included) is sent by one instance; a dead instance's claims are taken over like its leases.

SQLite: one watcher per database file, enforced by an OS lock (`Solo`, solo.py), which
`roster.membership` hands out in place of a `Cluster`; `roster.status` reports either.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, DateTime, delete, func, update
from sqlalchemy.exc import OperationalError
from sqlmodel import Field, Session, SQLModel, col, select

from watcher.store.columns import UTCDateTime
from watcher.store.tables import AlertRow, OnRecord, Store

log = logging.getLogger(__name__)

REAP_AFTER_LEASES = 20  # a dead instance's row is deleted this many lease periods after its last beat
CHUNK = 1000  # ids per IN (...) list


class InstanceRow(SQLModel, table=True):
    """One running `siv-watcher run` (PostgreSQL only); live while its heartbeat is fresh."""

    __tablename__ = "watcher_instance"
    id: str = Field(primary_key=True)
    host: str
    pid: int
    kind: str = "run"  # "once": a `run --once`, which takes only free mailboxes and counts for no share
    started_at: datetime = Field(sa_type=UTCDateTime)
    heartbeat_at: datetime = Field(sa_type=UTCDateTime, index=True)


class LeaseRow(SQLModel, table=True):
    """Which instance watches a mailbox; valid while `owner`'s heartbeat is fresh."""

    __tablename__ = "mailbox_lease"
    mailbox: str = Field(primary_key=True)
    owner: str | None = Field(default=None, index=True)
    acquired_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ClaimRow(SQLModel, table=True):
    """An alert being delivered by `owner`; valid while `owner`'s heartbeat is fresh."""

    __tablename__ = "alert_claim"
    alert_id: int = Field(primary_key=True)
    owner: str = Field(index=True)
    claimed_at: datetime = Field(sa_type=UTCDateTime)


TABLES = [InstanceRow.__table__, LeaseRow.__table__, ClaimRow.__table__]  # type: ignore[attr-defined]


class LeaseLost(OperationalError):
    """This instance no longer holds the mailbox: the record's transaction is rolled back (an
    OperationalError, so `Store.record` re-raises it instead of storing a 'poison' message)."""

    def __init__(self, mailbox: str, owner: str | None) -> None:
        super().__init__(f"lease check of {mailbox}", None,
                         Exception(f"mailbox {mailbox} is held by {owner}"))


@dataclass(frozen=True)
class Timing:
    heartbeat: float = 10.0
    lease: float = 30.0


Gain = Callable[[list[str]], None]


def db_now() -> ColumnElement[Any]:
    """The database's clock, as the naive UTC the UTCDateTime columns hold."""
    return func.timezone("UTC", func.now(), type_=DateTime)


def _since(seconds: float) -> ColumnElement[Any]:
    return db_now() - timedelta(seconds=seconds)


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start:start + CHUNK])


# -- PostgreSQL: leases, heartbeat, claims -------------------------------------------------------


class Cluster:
    """This process's membership of the watchers sharing one PostgreSQL database."""

    claims_alerts = True

    def __init__(self, store: Store, mailboxes: Sequence[str], timing: Timing) -> None:
        self.store, self.mailboxes, self.timing = store, list(dict.fromkeys(mailboxes)), timing
        self.id = uuid.uuid4().hex[:12]
        self.kind = "run"
        self.host, self.pid = socket.gethostname(), os.getpid()
        self.held: set[str] = set()
        self._last_ok = -math.inf  # monotonic start of the last heartbeat that reached the database
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._on_gain: Gain = lambda names: None
        self._on_loss: Gain = lambda names: None
        self._balance_lock = threading.Lock()
        SQLModel.metadata.create_all(store.engine, tables=TABLES)

    # -- life cycle --------------------------------------------------------------------

    def start(self, on_gain: Gain, on_loss: Gain) -> None:
        """Register, take a first share at once, then beat and rebalance in two threads (so a
        slow hand-over never delays the heartbeat)."""
        self._on_gain, self._on_loss = on_gain, on_loss
        self._register()
        self.balance()
        self._spawn("heartbeat", self._beat_loop)
        self._spawn("leases", self._balance_loop)

    def stop(self) -> None:
        """Give everything back at once (the service has stopped its workers): no waiting for expiry."""
        self._stop.set()
        for thread in self._threads:
            thread.join(5)
        with self._balance_lock:
            self.held.clear()
        with contextlib.suppress(Exception), self.store.session() as s:
            s.exec(update(LeaseRow).where(col(LeaseRow.owner) == self.id)
                   .values(owner=None, acquired_at=None))
            s.exec(delete(ClaimRow).where(col(ClaimRow.owner) == self.id))
            s.exec(delete(InstanceRow).where(col(InstanceRow.id) == self.id))
            s.commit()

    @contextlib.contextmanager
    def once(self) -> Iterator[set[str]]:
        """`run --once`: a member for the duration, holding every mailbox no live instance holds."""
        self._register("once")
        self._spawn("heartbeat", self._beat_loop)
        try:
            with self._balance_lock:
                self.held = self._acquire(len(self.mailboxes))
            yield set(self.held)
        finally:
            self.stop()

    def _spawn(self, name: str, target: Callable[[], None]) -> None:
        thread = threading.Thread(target=target, name=name, daemon=True)
        self._threads.append(thread)
        thread.start()

    def _register(self, kind: str = "run") -> None:
        from sqlalchemy.dialects.postgresql import insert as pg_insert  # the cluster's only: not at import

        started = time.monotonic()
        self.kind = kind
        with self.store.session() as s:
            s.exec(pg_insert(InstanceRow).values(
                id=self.id, host=self.host, pid=self.pid, kind=kind,
                started_at=db_now(), heartbeat_at=db_now(),
            ).on_conflict_do_update(index_elements=["id"], set_={"heartbeat_at": db_now()}))
            if self.mailboxes:
                s.exec(pg_insert(LeaseRow).values(
                    [{"mailbox": name} for name in self.mailboxes]).on_conflict_do_nothing())
            s.commit()
        self._last_ok = started
        log.info("instance %s (%s, pid %d) joined; heartbeat %gs, leases expire after %gs",
                 self.id, self.host, self.pid, self.timing.heartbeat, self.timing.lease)

    # -- heartbeat ---------------------------------------------------------------------

    def fresh(self) -> bool:
        """May this instance still act on its leases and claims? Only while its last heartbeat is
        recent enough that no other instance can have judged it dead."""
        return time.monotonic() - self._last_ok < self.timing.lease - self.timing.heartbeat

    def beat(self) -> None:
        started = time.monotonic()
        with self.store.session() as s:
            done = s.exec(update(InstanceRow).where(col(InstanceRow.id) == self.id)
                          .values(heartbeat_at=db_now()))
            s.commit()
        if done.rowcount == 0:  # reaped after a long pause: join again (the balancer rechecks leases)
            log.warning("instance %s was taken for dead; joining again", self.id)
            self._register(self.kind)
        self._last_ok = started

    def _beat_loop(self) -> None:
        while not self._stop.wait(self.timing.heartbeat):
            try:
                self.beat()
            except Exception as exc:  # the database is away: fresh() turns false, workers stop
                log.warning("heartbeat failed: %s", _short(exc))

    # -- leases ------------------------------------------------------------------------

    def _balance_loop(self) -> None:
        while not self._stop.wait(self.timing.heartbeat):
            try:
                self.balance()
            except Exception as exc:
                log.warning("lease check failed: %s", _short(exc))

    def balance(self) -> None:
        """One round: drop what is no longer ours, then give back above the fair share or take up to it."""
        with self._balance_lock:
            if self._stop.is_set():
                return
            if not self.fresh():
                if self.held:
                    log.warning("no heartbeat for %.0fs: stopping the workers of %d mailbox(es)",
                                time.monotonic() - self._last_ok, len(self.held))
                    self._lose(set(self.held))
                return
            with self.store.session() as s:
                live = s.exec(select(func.count()).select_from(InstanceRow)
                              .where(InstanceRow.heartbeat_at > _since(self.timing.lease),
                                     InstanceRow.kind == "run")).one()
                owned = set(s.exec(select(LeaseRow.mailbox).where(LeaseRow.owner == self.id)))
            owned &= set(self.mailboxes)
            if self.held - owned:
                log.warning("lost the lease of %s to another instance", ", ".join(sorted(self.held - owned)))
                self._lose(self.held - owned)
            if owned - self.held:  # ours in the database, not running here (after a pause)
                self._gain(owned - self.held)
            share = math.ceil(len(self.mailboxes) / max(1, live))
            if len(self.held) > share:
                extra = set(sorted(self.held)[share:])
                self._lose(extra)  # stop the workers first, then let go: never two watchers at once
                with self.store.session() as s:
                    s.exec(update(LeaseRow).where(
                        col(LeaseRow.owner) == self.id, col(LeaseRow.mailbox).in_(extra),
                    ).values(owner=None, acquired_at=None))
                    s.commit()
                log.info("gave back %d mailbox(es) for other instances (share %d of %d, %d live)",
                         len(extra), share, len(self.mailboxes), live)
            elif len(self.held) < share:
                taken = self._acquire(share - len(self.held))
                if taken:
                    self._gain(taken)
            self._reap()

    def _acquire(self, limit: int) -> set[str]:
        """Take up to `limit` mailboxes that no live instance holds; rows another instance is
        taking or recording into right now are skipped, not waited for."""
        if limit <= 0 or not self.mailboxes:
            return set()
        live = select(InstanceRow.id).where(InstanceRow.heartbeat_at > _since(self.timing.lease))
        with self.store.session() as s:
            query = (select(LeaseRow.mailbox)
                     .where(col(LeaseRow.mailbox).in_(self.mailboxes),
                            col(LeaseRow.owner).is_(None) | col(LeaseRow.owner).not_in(live))
                     .order_by(col(LeaseRow.mailbox)).limit(limit).with_for_update(skip_locked=True))
            names = set(s.exec(query))
            if names:
                s.exec(update(LeaseRow).where(col(LeaseRow.mailbox).in_(names))
                       .values(owner=self.id, acquired_at=db_now()))
            s.commit()
        if names:
            log.info("took the lease of %d mailbox(es): %s", len(names), ", ".join(sorted(names)))
        return names

    def _gain(self, names: set[str]) -> None:
        self.held |= names
        self._on_gain(sorted(names))

    def _lose(self, names: set[str]) -> None:
        self.held -= names
        self._on_loss(sorted(names))

    def _reap(self) -> None:
        """Forget instances dead for long (status shows the recent dead), and dead owners' claims."""
        live = select(InstanceRow.id).where(InstanceRow.heartbeat_at > _since(self.timing.lease))
        with self.store.session() as s:
            s.exec(delete(ClaimRow).where(col(ClaimRow.owner).not_in(live)))
            s.exec(delete(InstanceRow).where(
                InstanceRow.heartbeat_at < _since(self.timing.lease * REAP_AFTER_LEASES)))
            s.commit()

    def fence(self, on_record: OnRecord | None) -> OnRecord:
        """`Store.record`'s callback, checking first (in the record's transaction) that the
        mailbox is still ours."""
        def apply(session: Session, row: Any) -> None:
            owner = session.exec(select(LeaseRow.owner).where(LeaseRow.mailbox == row.mailbox)
                                 .with_for_update(read=True)).first()
            if owner != self.id or not self.fresh():
                raise LeaseLost(row.mailbox, owner)
            if on_record is not None:
                on_record(session, row)

        return apply

    # -- alert claims (outbox.Claims) --------------------------------------------------

    def take(self, ids: Sequence[int]) -> set[int]:
        """Claim the pending alerts among `ids` that no other live instance is delivering."""
        from sqlalchemy.dialects.postgresql import insert as pg_insert  # as in `_register`

        if not ids or not self.fresh():
            return set()
        taken: set[int] = set()
        live_q = select(InstanceRow.id).where(InstanceRow.heartbeat_at > _since(self.timing.lease))
        for chunk in _chunks(ids):
            with self.store.session() as s:
                locked = list(s.exec(select(AlertRow.id).where(col(AlertRow.id).in_(chunk),
                                                               AlertRow.status == "pending")
                                     .with_for_update(skip_locked=True)))
                if not locked:
                    continue
                live = set(s.exec(live_q))
                busy = {alert_id for alert_id, owner in s.exec(
                    select(ClaimRow.alert_id, ClaimRow.owner).where(col(ClaimRow.alert_id).in_(locked)))
                    if owner != self.id and owner in live}
                mine = [i for i in locked if i is not None and i not in busy]
                if mine:
                    stmt = pg_insert(ClaimRow).values(
                        [{"alert_id": i, "owner": self.id, "claimed_at": db_now()} for i in mine])
                    s.exec(stmt.on_conflict_do_update(
                        index_elements=["alert_id"], set_={"owner": self.id, "claimed_at": db_now()}))
                s.commit()
                taken.update(mine)
        return taken

    def give_back(self, ids: Collection[int]) -> None:
        for chunk in _chunks(sorted(ids)):
            with contextlib.suppress(Exception), self.store.session() as s:  # kept: expires with us
                s.exec(delete(ClaimRow).where(col(ClaimRow.owner) == self.id,
                                              col(ClaimRow.alert_id).in_(chunk)))
                s.commit()


def _short(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"


__all__ = ["ClaimRow", "Cluster", "InstanceRow", "LeaseLost", "LeaseRow", "TABLES", "Timing", "db_now"]
