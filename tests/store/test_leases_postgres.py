"""Leases and alert claims on a real PostgreSQL, driven round by round (no threads, no IMAP):
a fair split, a dead instance's share taken over, a newcomer getting its share, claims that
exclude each other, and the fence that keeps a watcher out of a mailbox it no longer holds."""

from __future__ import annotations

import time

import pytest
from sqlmodel import select

from tests.postgres import postgres_url  # noqa: F401  (fixture)
from tests.store import test_tables_postgres
from watcher.core.alerts import AlertText
from watcher.core.classify import classify
from watcher.store import leases
from watcher.store.outbox import AlertDraft, add_alert
from watcher.store.tables import MessageRow, Store

NAMES = [f"m{n:02d}" for n in range(30)]
TIMING = leases.Timing(heartbeat=0.5, lease=1.5)
pg_store = test_tables_postgres.pg_store  # fixture: fresh tables on the session's PostgreSQL


class Member:
    """A Cluster plus what its service would be running."""

    def __init__(self, store: Store) -> None:
        self.cluster = leases.Cluster(store, NAMES, TIMING)
        self.running: set[str] = set()
        self.cluster._on_gain = self.running.update
        self.cluster._on_loss = self.running.difference_update
        self.cluster._register()

    def round(self) -> None:
        self.cluster.beat()
        self.cluster.balance()


def rounds(*members: Member) -> None:
    """A heartbeat from each, then a balance round of each (as their threads do)."""
    for member in members:
        member.cluster.beat()
    for member in members:
        member.cluster.balance()


def owners(store: Store) -> dict[str, str | None]:
    with store.session() as s:
        return {row.mailbox: row.owner for row in s.exec(select(leases.LeaseRow))}


def test_fair_split_takeover_and_a_newcomer(pg_store):
    a, b, c = Member(pg_store), Member(pg_store), Member(pg_store)
    for member in (a, b, c):
        member.round()
    assert [len(m.running) for m in (a, b, c)] == [10, 10, 10]
    assert a.running | b.running | c.running == set(NAMES)
    assert {v for v in owners(pg_store).values()} == {a.cluster.id, b.cluster.id, c.cluster.id}

    time.sleep(TIMING.lease + 0.1)  # c is dead: no heartbeat for a whole lease period
    rounds(a, b)
    assert len(a.running) == len(b.running) == 15
    assert a.running | b.running == set(NAMES) and not a.running & b.running
    assert c.cluster.fresh() is False
    c.cluster.balance()  # c wakes up: its heartbeat is too old to trust, it stops everything
    assert c.running == set()

    d = Member(pg_store)  # a newcomer: the others give back down to their share, it takes it
    rounds(a, b, d)
    assert [len(m.running) for m in (a, b, d)] == [10, 10, 10]
    assert a.running | b.running | d.running == set(NAMES)
    assert owners(pg_store) == {name: m.cluster.id for m in (a, b, d) for name in m.running}

    a.cluster.stop()  # a clean stop gives its leases back at once
    assert sum(1 for owner in owners(pg_store).values() if owner is None) == 10
    b.round()
    d.round()
    assert len(b.running) == len(d.running) == 15


def test_alert_claims_exclude_each_other_until_given_back_or_dead(pg_store):
    with pg_store.session() as s:
        ids = [add_alert(s, AlertDraft(key=f"k{n}", purpose="test", text=AlertText("t", "b", "info"))).id
               for n in range(5)]
        s.commit()
    a, b = Member(pg_store), Member(pg_store)
    assert a.cluster.take(ids) == set(ids)
    assert b.cluster.take(ids) == set()
    a.cluster.give_back(ids[:2])
    assert b.cluster.take(ids) == set(ids[:2])
    time.sleep(TIMING.lease + 0.1)
    b.cluster.beat()  # a is dead now: its claims are b's to take
    assert b.cluster.take(ids) == set(ids)
    assert a.cluster.take(ids) == set()  # and a, not fresh, claims nothing


def test_the_fence_keeps_a_watcher_out_of_a_mailbox_it_lost(pg_store):
    a, b = Member(pg_store), Member(pg_store)
    a.round()
    b.round()
    mine, theirs = sorted(a.running)[0], sorted(b.running)[0]
    raw = (b"From: Amazon <seller-verification@amazon.com>\r\nTo: s@qq.com\r\n"
           b"Subject: Unable to verify your Selling on Amazon account\r\nMessage-ID: <%s@amazon.com>\r\n"
           b"Date: Mon, 02 Nov 2026 09:00:00 +0000\r\n\r\nWe were unable to complete the identity "
           b"verification process.\r\n")
    fence = a.cluster.fence(None)
    assert pg_store.record(mine, "INBOX", 1, 1, classify(raw % b"1"), content_hash="h1", size=1,
                           on_record=fence) is not None
    with pytest.raises(leases.LeaseLost):
        pg_store.record(theirs, "INBOX", 1, 1, classify(raw % b"2"), content_hash="h2", size=1,
                        on_record=fence)
    with pg_store.session() as s:
        assert [m.mailbox for m in s.exec(select(MessageRow))] == [mine]  # rolled back, not stored bare
    assert pg_store.folder_state(theirs, "INBOX") is None  # nor its watermark moved


def test_a_reminder_fires_once_whichever_instance_wakes(pg_store, http_receiver):
    """Both instances arm a timer at the reminder's due_at; the one that claims it sends it."""
    from datetime import timedelta

    from watcher.settings.config import parse
    from watcher.store.columns import utcnow
    from watcher.store.outbox import deliver_pending

    config = parse({"notify": {"urls": [http_receiver.url("hook")]}})
    due = utcnow() + timedelta(seconds=1)
    with pg_store.session() as s:
        text = AlertText("deadline tomorrow", "book the call", "warning")
        alert_id = add_alert(s, AlertDraft(key="reminder:1", purpose="reminder:deadline", due_at=due,
                                           text=text)).id
        s.commit()
    a, b = Member(pg_store), Member(pg_store)
    assert deliver_pending(pg_store, config, claims=a.cluster).delivered == []  # not due yet
    time.sleep(1.1)
    rounds(a, b)
    assert a.cluster.take([alert_id]) == {alert_id}  # a is in the middle of a pass: b sends nothing
    assert deliver_pending(pg_store, config, claims=b.cluster).delivered == []
    a.cluster.give_back([alert_id])
    rounds(a, b)  # the heartbeat threads' work: on a loaded machine the steps above can outlast a lease
    reports = [deliver_pending(pg_store, config, claims=m.cluster) for m in (b, a)]
    assert [r.delivered for r in reports] == [["reminder:1"], []]
    assert [h.body["title"] for h in http_receiver.hits] == ["deadline tomorrow"]


def test_run_once_takes_only_what_no_live_instance_holds(pg_store):
    a = Member(pg_store)
    a.round()
    assert len(a.running) == 30
    other = leases.Cluster(pg_store, NAMES, TIMING)
    with other.once() as held:
        assert held == set()
        a.round()
        assert len(a.running) == 30  # a run --once counts for no share: nothing is given back
    a.cluster.stop()
    with other.once() as held:
        assert held == set(NAMES)
    assert set(owners(pg_store).values()) == {None}  # given back when the run ends
