"""The IMAP sync engine against a real Dovecot: read-only, incremental, UIDVALIDITY-safe, push."""

from __future__ import annotations

import imaplib
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest.mock import patch

import pytest

from tests.corpus import sellermix
from tests.dovecot import Account
from tests.mailgen import big_siv_mail, corpus, filler, forward, siv_mail
from watcher.mail import imap, reports, session, views, wire
from watcher.mail.push import RECONNECT_CAP, Backoff, IdleWorker, Poller
from watcher.settings.config import Config, ScheduleConfig
from watcher.store.tables import Store

NOW = datetime.now(UTC)
ROOT = Path(__file__).resolve().parents[2]


def setup(account: Account, tmp_path: Path, **mailbox: object) -> tuple[Config, Store]:
    config = Config(mailboxes=(account.mailbox(**mailbox),),
                    schedule=ScheduleConfig(lookback_days=90, idle_renew_seconds=600))
    return config, Store(f"sqlite:///{tmp_path}/w.db")


def context(config: Config, store: Store, **kw: object) -> imap.SyncContext:
    return imap.SyncContext.of(config, config.mailboxes[0], store, **kw)  # type: ignore[arg-type]


def sync(config: Config, store: Store, **kw: object) -> reports.SyncReport:
    return imap.sync_mailbox(context(config, store, **kw))


def folder(report: reports.SyncReport, name: str) -> reports.FolderReport:
    return next(f for f in report.folders if f.folder == name)


def test_first_sync_lookback_junk_readonly_and_no_body_for_non_candidates(imap_account, tmp_path):
    rng = random.Random(1)
    recent = NOW - timedelta(days=3)
    for n in range(3):
        imap_account.append(siv_mail(n, "first"), when=recent)
    imap_account.append(siv_mail(9, "old"), when=NOW - timedelta(days=200))  # outside the lookback
    imap_account.append(filler(1, rng), when=recent)
    imap_account.append(corpus("other-zh-non-amazon-freight-quote.eml"), when=recent)
    imap_account.append(siv_mail(4, "junk"), folder="Junk", when=recent)
    config, store = setup(imap_account, tmp_path)
    hooked: list[reports.SyncReport] = []

    report = sync(config, store, first_sync_hook=hooked.append)

    inbox, junk = folder(report, "INBOX"), folder(report, "Junk")
    assert report.first_sync and hooked == [report] and store.first_synced(config.mailboxes[0].name)
    assert (inbox.uids_seen, inbox.headers_fetched, inbox.bodies_fetched, inbox.stored) == (5, 5, 3, 3)
    assert (junk.stored, junk.folder) == (1, "Junk")
    stored = {m.message_id for m in store.messages()}
    assert "<siv-old-9@amazon.com>" not in stored and "<siv-junk-4@amazon.com>" in stored
    for box in ("INBOX", "Junk"):
        flags = imap_account.server.flags(box, user=imap_account.user)
        assert len(flags) in (1, 6) and all(b"\\Seen" not in f for f in flags.values())
    # the old mail and the fillers are behind the watermark: a second sync touches nothing
    again = sync(config, store)
    assert not again.first_sync and again.total("uids_seen") == 0 and again.total("commands") == 2


def test_incremental_sync_fetches_only_new_uids(imap_account, tmp_path):
    config, store = setup(imap_account, tmp_path, watch_junk=False)
    imap_account.append(siv_mail(1, "inc"))
    assert sync(config, store).total("stored") == 1
    new_uid = imap_account.append(siv_mail(2, "inc"))
    imap_account.append(filler(2, random.Random(2)))

    report = sync(config, store)

    inbox = folder(report, "INBOX")
    assert (inbox.uids_seen, inbox.bodies_fetched, inbox.stored_uids) == (2, 1, [new_uid])
    assert store.folder_state(config.mailboxes[0].name, "INBOX").last_uid == new_uid + 1


def test_agent_forwards_are_candidates_inline_and_attached(imap_account, tmp_path):
    config, store = setup(imap_account, tmp_path, watch_junk=False)
    imap_account.append(forward(siv_mail(1, "fw"), 1, "inline"))
    imap_account.append(forward(siv_mail(2, "fw"), 2, "attached"))  # neutral subject, message/rfc822 inside
    imap_account.append(filler(3, random.Random(3)))
    report = sync(config, store)
    assert folder(report, "INBOX").bodies_fetched == 2


def test_chinese_folder_name(imap_account, tmp_path):
    name = "亚马逊/卖家邮件"
    client = imap_account.server.admin(imap_account.user)
    client.create_folder(name)
    imap_account.server.append(siv_mail(3, "zh"), name, client=client)
    client.logout()
    config, store = setup(imap_account, tmp_path, folders=("INBOX", name))
    report = sync(config, store)
    assert folder(report, name).stored == 1 and folder(report, name).error is None
    assert store.messages()[0].folder == name


def test_uidvalidity_change_resyncs_without_duplicates_or_loss(imap_account, tmp_path):
    box = "Verify"
    client = imap_account.server.admin(imap_account.user)
    client.create_folder(box)
    for n in range(3):
        imap_account.server.append(siv_mail(n, "uv"), box, client=client)
    config, store = setup(imap_account, tmp_path, folders=(box,), watch_junk=False)
    first = folder(sync(config, store), box)
    client.delete_folder(box)  # a server migration: same mail, new UIDs, new UIDVALIDITY
    client.create_folder(box)
    for n in range(4):
        imap_account.server.append(siv_mail(n, "uv"), box, client=client)
    client.logout()

    second = folder(sync(config, store), box)

    assert second.uidvalidity != first.uidvalidity
    assert (second.uids_seen, second.stored, second.duplicates) == (4, 1, 3)
    assert sorted(m.message_id for m in store.messages()) == [f"<siv-uv-{n}@amazon.com>" for n in range(4)]


def test_large_mail_is_fetched_as_bounded_prefix_and_still_classified(imap_account, tmp_path):
    raw = big_siv_mail(20 * 1024 * 1024)
    imap_account.append(raw)
    config, store = setup(imap_account, tmp_path, watch_junk=False)
    report = sync(config, store)
    inbox = folder(report, "INBOX")
    assert inbox.stored == 1
    assert inbox.bytes_fetched < config.schedule.max_body_bytes + 4096 < len(raw) // 5
    [row] = store.messages()
    assert row.size == len(raw) and row.kind == "siv_failed"


def test_login_failure_is_clear_and_never_shows_the_password(imap_account, tmp_path):
    wrong = tmp_path / "wrong"
    wrong.write_text("Wr0ng-Secret-value")
    config, store = setup(imap_account, tmp_path, password_file=wrong)
    with pytest.raises(session.LoginFailed) as err:
        sync(config, store)
    text = str(err.value)
    assert imap_account.user in text and "refused" in text and "Wr0ng-Secret-value" not in text
    poller = Poller(context(config, store), backoff=Backoff(base=2, cap=300, login_cap=900))
    report = poller.poll()
    assert report is not None and "LoginFailed" in (report.error or "") and "Wr0ng" not in report.error
    assert poller.poll() is None or poller.backoff.failures >= 1  # backing off, not hammering


def test_backoff_is_full_jitter_but_slow_and_never_instant_after_a_refused_login():
    quick = Backoff(base=2, cap=300, rng=random.Random(3))
    assert [quick.delay() <= ceiling for ceiling in (2, 4, 8, 16, 32, 64, 128, 256, 300, 300)] == [True] * 10
    slow = Backoff(base=2, cap=300, login_cap=900, rng=random.Random(3))
    assert 30 <= slow.delay(login_failed=True) <= 60 and slow.failures == 1
    slow.failures = 30
    assert 450 <= slow.delay(login_failed=True) <= 900
    slow.reset()
    assert slow.failures == 0 and 30 <= slow.delay(login_failed=True) <= 60


class Fixed(random.Random):
    """A "random" draw that is always the same share of the ceiling."""

    def __init__(self, share: float) -> None:
        super().__init__()
        self.share = share

    def random(self) -> float:
        return self.share


def test_a_reconnect_never_waits_longer_than_the_cap_however_many_failures():
    assert RECONNECT_CAP <= 25  # 30 s after the server is back, connect and login included
    worst = Backoff(rng=Fixed(0.999999))
    delays = [worst.delay() for _ in range(2000)]
    assert max(delays) <= RECONNECT_CAP and delays[-1] > RECONNECT_CAP * 0.99  # capped, not shrunk
    for failures in (10, 64, 65, 10**6):
        worst.failures = failures
        assert worst.delay() <= RECONNECT_CAP
    assert Backoff(rng=Fixed(0.0)).delay() == 0.0  # still full jitter
    refused = Backoff(rng=Fixed(0.999999), failures=10**6)
    assert RECONNECT_CAP < refused.delay(login_failed=True) <= refused.login_cap  # a refused login stays slow


class Arrivals:
    """on_new_mail target: collects stored UIDs, lets a test wait for a given count."""

    def __init__(self) -> None:
        self.uids: list[int] = []
        self.cond = threading.Condition()

    def __call__(self, report: reports.FolderReport) -> None:
        with self.cond:
            self.uids += report.stored_uids
            self.cond.notify_all()

    def wait(self, count: int, timeout: float = 15.0) -> list[int]:
        with self.cond:
            assert self.cond.wait_for(lambda: len(self.uids) >= count, timeout), f"got {self.uids}"
            return list(self.uids)


def test_idle_push_and_server_restart_mid_idle(imap_account, tmp_path):
    config, store = setup(imap_account, tmp_path, watch_junk=False)
    arrivals = Arrivals()
    worker = IdleWorker(context(config, store), "INBOX", on_new_mail=arrivals,
                        backoff=Backoff(base=0.2, cap=1.0))
    worker.start()
    try:
        assert worker.connected.wait(10)
        uid1 = imap_account.append(siv_mail(1, "idle"))
        assert arrivals.wait(1) == [uid1]

        imap_account.server.restart()  # the IDLE connection dies under the worker
        uid2 = imap_account.append(siv_mail(2, "idle"))  # arrives while the worker reconnects
        assert arrivals.wait(2) == [uid1, uid2]
        assert worker.connects >= 2
        assert worker.connected.wait(10)
        uid3 = imap_account.append(siv_mail(3, "idle"))
        assert arrivals.wait(3)[-1] == uid3
    finally:
        t0 = time.monotonic()
        worker.stop()
        assert time.monotonic() - t0 < 3  # stop is prompt
    assert [m.uid for m in store.messages()] == [uid1, uid2, uid3]


def test_a_folder_recreated_under_idle_is_noticed_at_the_folder_check(imap_account, tmp_path):
    """Deleted and recreated while the worker IDLEs on it: IDLE hears no EXISTS, yet the new
    folder's mail is synced at the next folder check (1 s here, 60 s by default), long before
    the IDLE renewal (600 s here); its copy of old mail is a duplicate, only the new mail counts."""
    box = "Verify"
    client = imap_account.server.admin(imap_account.user)
    client.create_folder(box)
    old = imap_account.server.append(siv_mail(1, "recreated"), box, client=client)
    account = imap_account.mailbox(folders=(box,), watch_junk=False)
    config = Config(mailboxes=(account,),
                    schedule=ScheduleConfig(idle_renew_seconds=600, folder_check_seconds=1))
    store = Store(f"sqlite:///{tmp_path}/w.db")
    arrivals = Arrivals()
    worker = IdleWorker(context(config, store), box, on_new_mail=arrivals, backoff=Backoff(base=0.2, cap=1.0))
    worker.start()
    try:
        assert arrivals.wait(1) == [old] and worker.connected.wait(10)
        before = store.folder_state(account.name, box).uidvalidity
        client.delete_folder(box)
        client.create_folder(box)
        imap_account.server.append(siv_mail(1, "recreated"), box, client=client)  # the same mail again
        new = imap_account.server.append(siv_mail(2, "recreated"), box, client=client)
        assert arrivals.wait(2, timeout=20) == [old, new]  # not at the renewal, 600 s away
        assert worker.connects == 1 and worker.last_error is None  # noticed on the IDLE connection
    finally:
        worker.stop()
        client.logout()
    assert store.folder_state(account.name, box).uidvalidity != before
    ids = sorted(m.message_id for m in store.messages())
    assert ids == ["<siv-recreated-1@amazon.com>", "<siv-recreated-2@amazon.com>"]


def test_a_quiet_idle_sleeps_in_the_socket_and_stop_wakes_it_at_once_and_logs_out(imap_account, tmp_path,
                                                                                    monkeypatch):
    """No periodic wake-ups (1,000 folders with a 1 s tick spent a tenth of a core): in a quiet IDLE
    the worker reads nothing until the server speaks; stop() ends the wait at once, politely."""
    from imapclient import IMAPClient

    checks: list[object] = []
    original = IMAPClient.idle_check

    def counting(self: IMAPClient, timeout: float | None = None) -> list:
        checks.append(timeout)
        return original(self, timeout)

    monkeypatch.setattr(IMAPClient, "idle_check", counting)
    config, store = setup(imap_account, tmp_path, watch_junk=False)
    arrivals = Arrivals()
    worker = IdleWorker(context(config, store), "INBOX", on_new_mail=arrivals,
                        backoff=Backoff(base=0.2, cap=1.0)).start()
    try:
        assert worker.connected.wait(10)
        time.sleep(2.5)
        assert checks == [], "woke up in a quiet IDLE"
        uid = imap_account.append(siv_mail(1, "quiet"))
        assert arrivals.wait(1) == [uid] and checks  # the server spoke: read at once
        assert worker.connected.wait(10)
        time.sleep(0.3)  # back in IDLE
    finally:
        t0 = time.monotonic()
        worker.stop()
        took = time.monotonic() - t0
    assert took < 0.5, f"stop took {took:.2f} s"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        lines = [line for line in imap_account.server.log.read_text().splitlines()
                 if f"imap({imap_account.user})" in line]
        if len(lines) >= 1 and "Logged out" in lines[-1]:
            break
        time.sleep(0.05)
    assert "Logged out" in lines[-1], lines[-1]  # DONE and LOGOUT, not a dropped connection


def test_a_stop_before_the_thread_runs_is_not_lost(tmp_path):
    from watcher.settings.config import MailboxConfig

    box = MailboxConfig(name="s", host="127.0.0.1", port=1, security="plain", username="u",
                        password_file=tmp_path / "pw")
    ctx = imap.SyncContext.of(Config(mailboxes=(box,), schedule=ScheduleConfig()), box,
                              Store(f"sqlite:///{tmp_path}/w.db"))
    worker = IdleWorker(ctx, "INBOX")
    worker.request_stop()
    worker.start()
    t0 = time.monotonic()
    worker.stop()
    assert time.monotonic() - t0 < 0.5 and worker._thread is not None and not worker._thread.is_alive()
    assert worker.connects == 0


def test_a_folder_check_that_finds_the_folder_as_last_synced_does_not_ask_the_store(imap_account, tmp_path):
    config, store = setup(imap_account, tmp_path, watch_junk=False)
    uid = imap_account.append(siv_mail(1, "seen"))
    client = session.connect(config.mailboxes[0])
    try:
        ctx = context(config, store)
        first = imap.sync_folder(client, ctx, "INBOX", True)
        assert first.stored_uids == [uid] and first.uidnext == uid + 1
        seen = (first.uidvalidity, first.uidnext)
        with patch.object(store, "folder_state", side_effect=AssertionError("asked the store")):
            assert imap.sync_folder(client, ctx, "INBOX", False, seen).uids_seen == 0
        later = imap_account.append(siv_mail(2, "seen"))
        assert imap.sync_folder(client, ctx, "INBOX", False, seen).stored_uids == [later]  # UIDNEXT moved
    finally:
        session.close(client)


class Draws(random.Random):
    """Scripted "random" draws (the last one repeats), counted as they are taken."""

    def __init__(self, shares: list[float]) -> None:
        super().__init__()
        self.shares, self.taken = shares, 0

    def random(self) -> float:
        self.taken += 1
        return self.shares[min(self.taken, len(self.shares)) - 1]


def test_after_a_long_outage_a_worker_reconnects_within_30_s_of_the_server_coming_back(imap_account,
                                                                                    tmp_path):
    """The production backoff (base, cap). Eight failed reconnects with tiny draws make the
    outage long in failures (its ceiling would be 256 s uncapped), then every wait is 20% of
    the ceiling: 3 s at the cap, 51 s without it."""
    config, store = setup(imap_account, tmp_path, watch_junk=False)
    arrivals = Arrivals()
    draws = Draws([0.01] * 8 + [0.2])
    worker = IdleWorker(context(config, store), "INBOX", on_new_mail=arrivals, backoff=Backoff(rng=draws))
    worker.start()
    server = imap_account.server
    state = lambda: f"{worker.last_error=} {worker.backoff.failures=} {worker.connects=}"  # noqa: E731
    try:
        assert worker.connected.wait(10)
        server.stop()
        deadline = time.monotonic() + 20
        while draws.taken < 9 and time.monotonic() < deadline:
            time.sleep(0.02)  # the link dies, then eight refused reconnects
        assert draws.taken >= 9 and not worker.connected.is_set(), state()
        server.start()  # while the worker waits its longest
        back = time.monotonic()
        uid = imap_account.append(siv_mail(1, "outage"))
        with arrivals.cond:
            assert arrivals.cond.wait_for(lambda: arrivals.uids == [uid], 30), state()
        assert worker.connected.wait(30 - (time.monotonic() - back)), state()
        assert worker.connects == 2, state()
    finally:
        if server.proc is None:
            server.start()
        worker.stop()


def test_mail_arriving_during_a_sync_is_not_left_for_the_next_one(imap_account, tmp_path):
    """Its EXISTS comes inside the running sync's FETCH answer, so IDLE never hears of it."""
    config, store = setup(imap_account, tmp_path, watch_junk=False)
    arrivals = Arrivals()
    injected: list[int] = []

    def arrive_mid_sync(session, row) -> None:  # runs inside the first mail's store transaction
        if not injected:
            injected.append(imap_account.append(siv_mail(2, "race")))

    worker = IdleWorker(context(config, store, on_record=arrive_mid_sync), "INBOX", on_new_mail=arrivals,
                        backoff=Backoff(base=0.2, cap=1.0))
    worker.start()
    try:
        assert worker.connected.wait(10)
        uid1 = imap_account.append(siv_mail(1, "race"))
        assert arrivals.wait(2, timeout=5) == [uid1, injected[0]]
    finally:
        worker.stop()


def test_an_idle_worker_stops_on_its_own_stop_or_its_mailbox_context_and_leaves_the_context_shared(tmp_path):
    from watcher.settings.config import MailboxConfig

    box = MailboxConfig(name="s", host="127.0.0.1", port=1, security="plain", username="u",
                        password_file=tmp_path / "pw")
    service_stopping = threading.Event()
    ctx = imap.SyncContext.of(Config(mailboxes=(box,), schedule=ScheduleConfig()), box,
                              Store(f"sqlite:///{tmp_path}/w.db"), should_stop=service_stopping.is_set)
    one, two = IdleWorker(ctx, "INBOX"), IdleWorker(ctx, "Junk")
    one.stopping.set()
    assert one.stopped() and not two.stopped() and ctx.should_stop == service_stopping.is_set
    service_stopping.set()
    assert two.stopped() and two.ctx.store is ctx.store
    with pytest.raises(imap.Stopped):
        two.ctx.check_stop()


KILL_SCRIPT = """
import sys
from watcher.mail import imap
from watcher.settings.config import Config, MailboxConfig, ScheduleConfig
from watcher.store.tables import Store
from pathlib import Path
box = MailboxConfig(name="k", host="127.0.0.1", port=int(sys.argv[1]), security="plain", username=sys.argv[2],
                    password_file=Path(sys.argv[3]), watch_junk=False)
config = Config(mailboxes=(box,), schedule=ScheduleConfig())
imap.sync_mailbox(imap.SyncContext.of(config, box, Store(sys.argv[4])))
"""


def kill_mid_sync(imap_account, tmp_path, mails: list[tuple[bytes, float]], stored: int) -> Store:
    """Sync the mails in a child process and kill -9 it once `stored` messages are committed."""
    imap_account.server.write_maildir(mails, user=imap_account.user)
    db = f"sqlite:///{tmp_path}/k.db"
    store = Store(db)
    args = [sys.executable, "-c", KILL_SCRIPT, str(imap_account.server.port), imap_account.user,
            str(imap_account.password_file), db]
    proc = subprocess.Popen(args, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 30
    while len(store.messages()) < stored and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return store


def test_kill_9_mid_sync_then_rerun_stores_every_message_exactly_once(imap_account, tmp_path):
    total = 300
    rng = random.Random(7)
    mails = [(siv_mail(n, "kill") if n % 3 else filler(n, rng, size=3000), time.time() - 3600)
             for n in range(total)]
    store = kill_mid_sync(imap_account, tmp_path, mails, stored=20)
    before = len(store.messages())
    assert 0 < before < 200, "the kill must land mid-sync"

    config = Config(mailboxes=(imap_account.mailbox(name="k", watch_junk=False),), schedule=ScheduleConfig())
    report = sync(config, store)

    rows = store.messages()
    assert folder(report, "INBOX").duplicates == 0  # nothing committed before the kill was redone
    assert len(rows) == 200 and len({r.uid for r in rows}) == 200
    assert len({r.message_id for r in rows}) == 200


# -- the header reader on a real server (its hand-written answers: tests/mail/test_wire.py) ---------

def test_header_reader_agrees_with_imapclient_on_a_real_server(imap_account, tmp_path):
    rng = random.Random(5)
    mails = [siv_mail(1, "hr"), forward(siv_mail(2, "hr"), 2, "attached"), filler(3, rng),
             corpus("other-zh-non-amazon-freight-quote.eml"), big_siv_mail(2 * 1024 * 1024)]
    uids = [imap_account.append(raw) for raw in mails]
    client = session.connect(imap_account.mailbox())
    try:
        client.select_folder("INBOX", readonly=True)
        fast = views.read_headers(client, uids)
        with patch.object(views, "fetch_headers", side_effect=wire.Unreadable):
            slow = views.read_headers(client, uids)
        assert fast == slow and sorted(fast) == uids
        assert all(fast[uid].startswith(b"From: ") for uid in uids)
        assert client.noop()[0]  # the connection is still in step after both readers
    finally:
        session.close(client)


class Without:
    """A stand-in for an object whose library no longer has one attribute; all else passes through."""

    def __init__(self, obj: object, missing: str) -> None:
        self._obj, self._missing = obj, missing

    def __getattr__(self, name: str) -> object:
        if name == self._missing:
            raise AttributeError(f"{type(self._obj).__name__!r} object has no attribute {name!r}")
        return getattr(self._obj, name)


@pytest.mark.parametrize("missing", ["imapclient._imap", "imaplib._MAXLINE", "IMAP4._new_tag",
                                     "IMAP4.tagged_commands", "IMAP4.send", "IMAP4.file"])
def test_header_fetch_falls_back_to_imapclient_when_a_private_part_is_missing(imap_account, monkeypatch,
                                                                               missing):
    mails = [siv_mail(1, "gone"), filler(2, random.Random(2)),
             corpus("other-zh-non-amazon-freight-quote.eml")]
    uids = [imap_account.append(raw) for raw in mails]
    client = session.connect(imap_account.mailbox())
    try:
        client.select_folder("INBOX", readonly=True)
        fast = views.read_headers(client, uids)
        public_fetches: list[list[int]] = []
        real_fetch = client.fetch
        monkeypatch.setattr(client, "fetch",
                            lambda u, items: public_fetches.append(u) or real_fetch(u, items))
        owner, name = missing.split(".")
        if owner == "imapclient":
            fallback = views.read_headers(Without(client, name), uids)  # type: ignore[arg-type]
        else:
            if owner == "imaplib":
                monkeypatch.setattr(wire, "imaplib", Without(imaplib, name))
            else:
                monkeypatch.setattr(views, "fetch_headers",
                                    lambda i, u, f: wire.fetch_headers(Without(i, name), u, f))
            fallback = views.read_headers(client, uids)
        assert public_fetches == [uids]  # imapclient's public API answered
        assert fallback == fast and sorted(fallback) == uids
        monkeypatch.undo()
        assert views.read_headers(client, uids) == fast  # nothing was sent before the fallback
        assert client.noop()[0]  # the connection is still in step
    finally:
        session.close(client)


def test_neutral_subject_forward_threaded_on_an_amazon_mail_is_fetched(imap_account, tmp_path):
    config, store = setup(imap_account, tmp_path, watch_junk=False)
    inline = re.sub(rb"Subject: [^\r]*", b"Subject: please handle", forward(siv_mail(4, "ref"), 4), count=1)
    imap_account.append(inline.replace(b"MIME-Version", b"References: <01000a.b@email.amazonses.com>\r\n"
                                       b"MIME-Version", 1))
    imap_account.append(filler(6, random.Random(6)))
    assert folder(sync(config, store), "INBOX").bodies_fetched == 1


def test_a_link_dropped_during_login_is_a_network_error_not_refused_credentials(tmp_path):
    """Refused credentials are retried slowly; a dropped link must not be mistaken for them."""
    import socket
    import threading

    from watcher.settings.config import MailboxConfig

    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def serve() -> None:
        conn, _ = server.accept()
        conn.sendall(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n")
        for line in conn.makefile("rb"):
            tag, command = line.split(b" ")[:2]
            if command.upper().strip() == b"LOGIN":
                break  # hang up instead of answering
            conn.sendall(b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n" + tag + b" OK done\r\n")
        conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    (tmp_path / "pw").write_text("secret-pw-123", encoding="utf-8")
    box = MailboxConfig(name="flaky", host="127.0.0.1", port=port, security="plain", username="u",
                        password_file=tmp_path / "pw", timeout=5)
    with pytest.raises(ConnectionError) as err:
        session.connect(box)
    assert not isinstance(err.value, session.LoginFailed)
    assert "secret-pw-123" not in str(err.value)
    thread.join(5)
    server.close()


def test_a_folder_the_server_refuses_is_retried_slowly_not_hammered(imap_account, tmp_path):
    config, store = setup(imap_account, tmp_path, watch_junk=False)
    worker = IdleWorker(context(config, store), "NoSuchFolder", backoff=Backoff(base=0.2, cap=1.0))
    worker.start()
    try:
        deadline = time.monotonic() + 10
        while worker.last_error is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert worker.last_error is not None and "Mailbox doesn't exist" in worker.last_error
        time.sleep(2)
        assert worker.connects == 1  # a refusal is not a dropped link: no fast reconnects
    finally:
        worker.stop()


# -- a seller's mailbox: notices settled by headers, partial views, batched `other` (issue 10) --

def _verify_mail(n: int, rng: random.Random) -> bytes:
    """Non-Amazon mail with "Verify your email address": fetched whole, classified `other`."""
    raw = sellermix.verification_word_mail(n, rng)
    return re.sub(rb"(?m)^Subject: [^\r\n]*", b"Subject: Verify your email address", raw, count=1)


def test_seller_mix_fetches_whole_only_what_may_be_siv_and_finds_every_siv_mail(imap_account, tmp_path):
    rng = random.Random(10)
    siv = [siv_mail(n, "mix") for n in range(15)]  # the whole SIV corpus: phishing and replies included
    siv += [forward(siv_mail(20, "mix"), 20, "inline"), forward(siv_mail(21, "mix"), 21, "attached"),
            sellermix.with_attachment(siv_mail(22, "mix"), 400_000, 22)]
    notices = [sellermix.amazon_notice(n, rng) for n in range(48)]  # 6 of each kind, a fifth HTML-only
    notices += [sellermix.with_attachment(sellermix.amazon_notice(100, rng, "sold"), 600_000, 100)]
    ordinary = [sellermix.ordinary_forward(n, rng) for n in range(6)]
    verify = [_verify_mail(n, rng) for n in range(3)]
    mails = siv + notices + ordinary + verify
    rng.shuffle(mails)
    for raw in mails:
        imap_account.append(raw)
    config, store = setup(imap_account, tmp_path, watch_junk=False)

    inbox = folder(sync(config, store), "INBOX")

    rows = store.messages()
    siv_ids = {re.search(rb"(?im)^Message-ID: *(<[^>\r\n]+>)", raw).group(1).decode() for raw in siv}
    assert {r.message_id for r in rows if r.kind != "other"} == siv_ids
    assert inbox.bodies_fetched == len(siv) + len(verify)  # no notice, no ordinary forward fetched whole
    assert inbox.notices >= 15 and inbox.partials_fetched >= len(notices) - inbox.notices
    assert sum(r.kind == "other" for r in rows) == len(verify)  # stored in one batch
    folder_bytes = sum(len(raw) for raw in notices + ordinary)
    assert inbox.bytes_fetched < sum(len(raw) for raw in siv + verify) + folder_bytes // 20


def test_kill_9_while_others_are_batched_then_rerun_stores_every_message_exactly_once(imap_account, tmp_path):
    total = 300
    rng = random.Random(8)
    mails = [(siv_mail(n, "killo") if n % 3 == 0 else _verify_mail(n, rng), time.time() - 3600)
             for n in range(total)]
    store = kill_mid_sync(imap_account, tmp_path, mails, stored=30)
    before = store.messages()
    assert 0 < len(before) < total, "the kill must land mid-sync"
    state = store.folder_state("k", "INBOX")
    watermark = state.last_uid if state is not None else 0
    # every mail here is fetched and stored: the watermark never passed one that was not committed
    assert {r.uid for r in before} >= set(range(1, watermark + 1))

    config = Config(mailboxes=(imap_account.mailbox(name="k", watch_junk=False),), schedule=ScheduleConfig())
    report = sync(config, store)

    rows = store.messages()
    assert folder(report, "INBOX").duplicates == 0  # nothing committed before the kill was redone
    assert len(rows) == total and sorted(r.uid for r in rows) == list(range(1, total + 1))
    assert sum(r.kind != "other" for r in rows) == 100


def test_a_user_rule_for_new_wording_reaches_mail_the_bundled_vocabulary_would_settle(imap_account, tmp_path):
    """Amazon rewords a notice; the seller adds a rule for the new words. The first sync must
    fetch such a mail whole for the rule to see it, not settle it by its first text."""
    from tests._mailmake import mail

    body = ("Hello,\n\nWe need you to frobnicate your storefront within 14 days, or your account will be "
            "deactivated.\n\nRegards,\nAmazon Services\n")
    raw = mail(body, subject="Important information about your account", cte="7bit",
               sender="Amazon Services <seller-notification@amazon.com>")
    imap_account.append(raw, when=NOW - timedelta(days=1))
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "mine.toml").write_text(
        '[[rules]]\nname = "mine.storefront"\nkind = "siv_failed"\npriority = 10\nlanguages = ["en"]\n'
        '[rules.body]\nany = ["frobnicate your storefront"]\n', "utf-8")
    config, store = setup(imap_account, tmp_path)

    bundled = sync(config, store)
    assert folder(bundled, "INBOX").partials_fetched == 1 and store.messages() == []  # settled unread

    (tmp_path / "again").mkdir()
    config, store = setup(imap_account, tmp_path / "again")
    ctx = context(config, store)
    ctx.rules_folders = (rules,)
    imap.sync_mailbox(ctx)
    assert [(m.kind, m.rule) for m in store.messages()] == [("siv_failed", "mine.storefront")]
