"""The alert outbox: rows written with the event that causes them, delivered by Apprise.

Why an outbox: an alert is written in the same transaction as the message that causes it, so
it can neither be lost (the message is committed, so is the alert) nor invented (a rolled back
message takes its alert with it). Delivery is a separate step that never drops a row: failures
stay pending and are retried with exponential backoff, for as long as it takes.

Delivery is at-least-once with the smallest window we can get: every target is notified through
its own Apprise object and each success is committed before the next target is tried. A kill -9
after a target accepted the alert but before that commit re-sends the alert to that one target
on restart; nothing else is ever sent twice, and nothing is ever lost.

Target URLs carry tokens (WeCom bot keys, Telegram bot tokens, SMTP passwords), so they never
reach the database or our logs: targets are remembered by a short sha256 fingerprint, errors
name a target by its service and position ("json (target #2)"), and Apprise's own log records
are filtered (see `targets.guard_apprise_logging`, where everything that talks to Apprise lives).
"""

from __future__ import annotations

import json
import logging
import random
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from sqlmodel import Session, col, select

from watcher.core.alerts import AlertText
from watcher.core.backoff import Policy
from watcher.settings import secrets
from watcher.settings.config import Config
from watcher.store.columns import utcnow
from watcher.store.tables import IN_LIST, AlertRow, Store
from watcher.store.targets import NOTIFY_TYPES, fingerprint, guard_apprise_logging, send

log = logging.getLogger(__name__)

BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(minutes=30)
_BACKOFF = Policy(base=BACKOFF_BASE.total_seconds(), cap=BACKOFF_CAP.total_seconds(), jitter=0.5)
WARN_AFTER_ATTEMPTS = 8

_DELIVERY_LOCK = threading.Lock()


# -- writing (inside the caller's transaction) ---------------------------------------------


@dataclass(frozen=True)
class AlertDraft:
    """One alert to queue: its composed text, and what it belongs to.

    `key` is unique for ever (restarts and resyncs derive it again and queue nothing new);
    `due_at` None means now; `expires_at` is when a reminder's text stops being true.
    """

    key: str
    purpose: str
    text: AlertText
    mailbox: str | None = None
    case_ref: int | None = None
    message_ref: int | None = None
    due_at: datetime | None = None
    expires_at: datetime | None = None


def add_alert(session: Session, draft: AlertDraft) -> AlertRow | None:
    """Queue an alert unless one with its key exists; the caller commits.

    The unique key is what makes restarts and resyncs harmless: the same (message, purpose) can
    be derived any number of times and is queued once. Returns None when the key already exists.
    """
    return add_alerts(session, [draft])[0]


def add_alerts(session: Session, drafts: Sequence[AlertDraft]) -> list[AlertRow | None]:
    """`add_alert` for many, in order (a key met earlier in `drafts` exists too): one query for
    the keys and one flush, where a first sync's summary of many cases made one of each per alert."""
    for draft in drafts:
        if draft.text.notify_type not in NOTIFY_TYPES:
            raise ValueError(f"notify_type must be one of {', '.join(NOTIFY_TYPES)}, "
                             f"not {draft.text.notify_type!r}")
    keys = [draft.key for draft in drafts]
    taken: set[str] = set()
    for i in range(0, len(keys), IN_LIST):
        taken.update(session.exec(select(AlertRow.key).where(col(AlertRow.key).in_(keys[i:i + IN_LIST]))))
    out: list[AlertRow | None] = []
    for draft in drafts:
        if draft.key in taken:
            out.append(None)
            continue
        taken.add(draft.key)
        text, due = draft.text, draft.due_at or utcnow()
        row = AlertRow(key=draft.key, purpose=draft.purpose, notify_type=text.notify_type,
                       title=text.title, body=text.body, mailbox=draft.mailbox, case_ref=draft.case_ref,
                       message_ref=draft.message_ref, due_at=due, next_attempt_at=due,
                       expires_at=draft.expires_at)
        session.add(row)
        out.append(row)
    # No SAVEPOINT here: with pysqlite a savepoint opened as the first statement commits on
    # release, which would split the caller's transaction. A racing duplicate (another writer
    # between our SELECT and INSERT) raises IntegrityError and the whole transaction is redone.
    session.flush()
    return out


def cancel_alerts(session: Session, case_refs: Collection[int], purposes_prefix: str = "reminder:", *,
                  keep: Collection[str] = ()) -> int:
    """Cancel the cases' pending reminders when they move on; `keep` names keys still wanted.

    Cancelled, not deleted: the row keeps its key, so a resync cannot queue it again.
    """
    count = 0
    refs = list(case_refs)
    for i in range(0, len(refs), IN_LIST):
        query = select(AlertRow).where(
            col(AlertRow.case_ref).in_(refs[i:i + IN_LIST]), AlertRow.status == "pending",
            col(AlertRow.purpose).startswith(purposes_prefix),
        )
        for row in session.exec(query):
            if row.key in keep:
                continue
            row.status = "cancelled"
            session.add(row)
            count += 1
    return count


# -- delivering ----------------------------------------------------------------------------


@dataclass
class DeliveryReport:
    """What one `deliver_pending` pass did; keys only, never targets."""

    delivered: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    next_attempt_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return not self.failed


OnDelivered = Callable[[AlertRow], None]


class Claims(Protocol):
    """Several watchers on one database (store.leases.Cluster): a pass delivers only the alerts it
    claimed, so each alert is sent by one watcher; the claims are given back when the pass ends."""

    def take(self, ids: Sequence[int]) -> Collection[int]: ...

    def give_back(self, ids: Collection[int]) -> None: ...


def deliver_pending(store: Store, config: Config, now: datetime | None = None, *,
                    on_delivered: OnDelivered | None = None,
                    should_stop: Callable[[], bool] | None = None,
                    claims: Claims | None = None) -> DeliveryReport:
    """Send every due pending alert to each of its targets that has not had it yet.

    A pass walks the whole backlog (due, pending) oldest first, by due_at then id. An alert
    whose retry is due tries all its missing targets, as does a new alert. An alert still
    waiting out its backoff is sent only to a target that this pass shows is back: the first
    alert a target is offered in a pass is its oldest one (the probe), and once a target has
    taken an alert in this pass it gets the rest of its backlog at once, in order. A target
    that failed in this pass is not tried again for alerts still backing off, so a dead
    receiver costs one request per alert due for a retry, as before; an alert due for a retry
    is always tried, so one alert a target refuses for good cannot hold back the others.

    Serialized by a lock: the scheduler calls this from retry timers and right after each
    ingest, and two passes over the same row would send it twice. Across processes (`claims`,
    PostgreSQL), each due alert is claimed by one pass before it is sent.
    """
    guard_apprise_logging()
    now = now or utcnow()
    report = DeliveryReport()
    with _DELIVERY_LOCK:
        backlog = _backlog(store, config, now)
        taken: Collection[int] = ()
        if claims is not None:  # several watchers on one database: only the alerts this one claimed
            taken = claims.take([item.id for item in backlog])
            backlog = [item for item in backlog if item.id in taken]
        try:
            _walk(store, config, backlog, now, report, on_delivered, should_stop)
        finally:
            if taken and claims is not None:
                claims.give_back(taken)
    return report


def _walk(store: Store, config: Config, backlog: list[_Pending], now: datetime, report: DeliveryReport,
          on_delivered: OnDelivered | None, should_stop: Callable[[], bool] | None) -> None:
    targets = _Targets(probe={fp for item in backlog if item.retry_due for fp in item.missing})
    for _sweep in range(2):  # the second: alerts passed over before a later one showed their target up
        skipped = []
        for item in backlog:
            if should_stop is not None and should_stop():
                return  # shutting down: what is left stays pending for the next start
            if item.retry_due or any(targets.sendable(fp) for fp in item.missing):
                _deliver_item(store, config, item, now, targets, report, on_delivered)
            else:
                skipped.append(item)  # backing off, and none of its targets is known to be back
        backlog = [item for item in skipped if targets.up.intersection(item.missing)]


def _deliver_item(store: Store, config: Config, item: _Pending, now: datetime, targets: _Targets,
                  report: DeliveryReport, on_delivered: OnDelivered | None) -> None:
    with store.session() as s:
        row = s.get(AlertRow, item.id)
        if row is None or row.status != "pending":
            return  # cancelled or delivered since we listed it
        if row.expires_at is not None and now >= row.expires_at:
            row.status, row.last_error = "cancelled", "expired: its deadline or appointment passed"
            s.add(row)
            s.commit()
            return
        outcome = _deliver_row(s, row, config.targets_for(row.mailbox), now, targets, item.retry_due)
        if outcome == "delivered":
            report.delivered.append(row.key)
            if on_delivered is not None:
                on_delivered(row)
        elif outcome == "failed":
            report.failed.append(row.key)
            report.next_attempt_at = min(filter(None, (report.next_attempt_at, row.next_attempt_at)))


def retry_after(store: Store, now: datetime | None = None) -> datetime | None:
    """When the next pending alert becomes sendable (a retry or a reminder); None if none.

    A time already past is returned as `now`, so the scheduler can always use it as a run date.
    """
    now = now or utcnow()
    with store.session() as s:
        rows = s.exec(select(AlertRow.due_at, AlertRow.next_attempt_at).where(AlertRow.status == "pending"))
        times = [max(due, nxt) for due, nxt in rows]
    return max(min(times), now) if times else None


@dataclass(frozen=True)
class _Pending:
    """A due pending alert as the pass plans it: its missing targets (fingerprints), and whether
    its own retry is due (a new alert's is)."""

    id: int
    missing: tuple[str, ...]
    retry_due: bool


@dataclass
class _Targets:
    """What one pass learned about each target (by fingerprint)."""

    probe: set[str]  # an alert due for a retry needs it: offer it the oldest alert first
    up: set[str] = field(default_factory=set)  # took an alert in this pass
    tried: set[str] = field(default_factory=set)  # was sent something in this pass

    def sendable(self, fp: str) -> bool:
        """May an alert still backing off go to this target now?"""
        return fp in self.up or (fp in self.probe and fp not in self.tried)


def _backlog(store: Store, config: Config, now: datetime) -> list[_Pending]:
    with store.session() as s:
        query = (select(AlertRow.id, AlertRow.mailbox, AlertRow.next_attempt_at, AlertRow.delivered_targets)
                 .where(AlertRow.status == "pending", AlertRow.due_at <= now)
                 .order_by(col(AlertRow.due_at), col(AlertRow.id)))
        listed = list(s.exec(query))
    backlog = []
    for alert_id, mailbox, next_attempt_at, delivered in listed:
        if alert_id is None:
            continue
        done = set(json.loads(delivered or "[]"))
        missing = tuple(fp for fp in map(fingerprint, config.targets_for(mailbox)) if fp not in done)
        backlog.append(_Pending(alert_id, missing, next_attempt_at <= now))
    return backlog


def _deliver_row(s: Session, row: AlertRow, targets: Sequence[str], now: datetime, known: _Targets,
                 retry_due: bool) -> str:
    """Notify the targets still missing, committing each success at once (see module doc).

    An alert backing off (`retry_due` false) goes only to the targets `known` lets it; it is
    rescheduled only if one of them failed. Returns "delivered", "failed" or "waiting".
    """
    done = set(json.loads(row.delivered_targets or "[]"))
    failures: list[str] = []
    waiting = 0
    for index, url in enumerate(targets, start=1):
        fp = fingerprint(url)
        if fp in done:
            continue
        if not retry_due and not known.sendable(fp):
            waiting += 1
            continue
        known.tried.add(fp)
        problem = send(url, row.title, row.body, row.notify_type)
        if problem is None:
            known.up.add(fp)
            done.add(fp)
            row.delivered_targets = json.dumps(sorted(done))
            s.add(row)
            s.commit()
        else:
            failures.append(f"{secrets.url_scheme(url)} (target #{index}): {problem}")
    if targets and not failures and not waiting:
        row.status, row.delivered_at, row.last_error = "delivered", utcnow(), None
        log.info("alert %s (%s) delivered to %d target(s)", row.key, row.purpose, len(targets))
    elif failures or retry_due:
        _schedule_retry(row, targets, failures, now)
    s.add(row)
    s.commit()
    if row.status == "delivered":
        return "delivered"
    return "failed" if failures or retry_due else "waiting"


def _schedule_retry(row: AlertRow, targets: Sequence[str], failures: list[str], now: datetime) -> None:
    row.attempts += 1
    row.next_attempt_at = now + backoff(row.attempts)
    if not targets:
        row.last_error = "no notification targets configured ([notify] urls)"
    else:
        row.last_error = f"{len(failures)} of {len(targets)} targets failed: " + "; ".join(failures)
    level = logging.WARNING if row.attempts >= WARN_AFTER_ATTEMPTS else logging.INFO
    log.log(level, "alert %s (%s) not delivered after %d attempt(s), retry at %s: %s",
            row.key, row.purpose, row.attempts, row.next_attempt_at.isoformat(), row.last_error)


def backoff(attempts: int, rng: random.Random | None = None) -> timedelta:
    """Exponential delay with jitter (core.backoff), capped: a dead webhook is retried every ~30 min, forever.

    The jitter (50-100% of the step) keeps many alerts that failed together from retrying in
    lockstep against a receiver that is just coming back.
    """
    return timedelta(seconds=_BACKOFF.delay(attempts, rng.random if rng else random.random))


__all__ = [
    "Claims", "DeliveryReport", "add_alert", "add_alerts", "backoff", "cancel_alerts", "deliver_pending",
    "retry_after",
]
