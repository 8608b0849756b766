"""mail.prefetch against a real Dovecot: a first sync of several chunks decides the chunks after
the first ahead on other connections, stores exactly what a sync on one connection stores, and
leaves no thread or connection behind, whether it ends, fails or is stopped; a refused login, or
a thread failing with a chunk in hand, hands the work back to the sync's own connection."""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.corpus import sellermix
from tests.dovecot import PASSWORD, USER, Account, Dovecot
from tests.mailgen import filler, siv_mail
from watcher.mail import imap, prefetch, session, views
from watcher.settings.config import Config, ScheduleConfig
from watcher.store.tables import Store

CHUNK = 4  # UIDs per chunk in these tests: 14 mails are four chunks


def mails(tag: str) -> list[bytes]:
    """SIV mails, Amazon notices (settled by headers or a partial view) and filler, interleaved."""
    rng = random.Random(11)
    out = []
    for n in range(14):
        out.append(siv_mail(n, tag) if n % 3 == 0 else sellermix.amazon_notice(n, rng) if n % 3 == 1
                   else filler(n, rng))
    return out


def setup(box: object, tmp_path: Path, **kw: object) -> tuple[imap.SyncContext, Store]:
    config = Config(mailboxes=(box,), schedule=ScheduleConfig(lookback_days=90))  # type: ignore[arg-type]
    store = Store(f"sqlite:///{tmp_path}/w.db")
    return imap.SyncContext.of(config, config.mailboxes[0], store, **kw), store  # type: ignore[arg-type]


def stored(store: Store) -> list[tuple[int, str | None, str]]:
    return sorted((m.uid, m.message_id, m.kind) for m in store.messages())


def log_since(server: Dovecot, mark: int) -> str:
    return server.log.read_text(errors="replace")[mark:]


def logins(server: Dovecot, user: str, mark: int) -> int:
    return log_since(server, mark).count(f"Login: user=<{user}>")


def ended(server: Dovecot, user: str, mark: int, sessions: int, how: tuple[str, ...]) -> list[str]:
    """The end lines of `user`'s IMAP sessions since `mark`, once there are `sessions` of them
    (Dovecot writes them as the session closes: waited for, up to 10 s)."""
    deadline = time.monotonic() + 10
    while True:
        lines = [line for line in log_since(server, mark).splitlines()
                 if f"imap({user})" in line and any(h in line for h in how)]
        if len(lines) >= sessions or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)


def prefetch_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("prefetch ")]


@pytest.fixture
def chunked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imap, "CHUNK", CHUNK)


def test_a_multi_chunk_first_sync_decides_ahead_on_other_connections_and_stores_what_one_connection_does(
        imap_account: Account, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for raw in mails("pf"):
        imap_account.append(raw)
    server, user = imap_account.server, imap_account.user
    monkeypatch.setattr(imap, "CHUNK", 100)
    (tmp_path / "one").mkdir()
    ctx, one = setup(imap_account.mailbox(watch_junk=False), tmp_path / "one")
    mark = server.log.stat().st_size
    single = imap.sync_mailbox(ctx)
    assert logins(server, user, mark) == 1  # one chunk: no second connection

    monkeypatch.setattr(imap, "CHUNK", CHUNK)
    (tmp_path / "four").mkdir()
    ctx, four = setup(imap_account.mailbox(watch_junk=False), tmp_path / "four")
    mark = server.log.stat().st_size
    chunked = imap.sync_mailbox(ctx)

    sessions = 1 + prefetch.WORKERS  # the sync's connection and the threads' (14 mails: chunks 1-3 ahead)
    assert logins(server, user, mark) == sessions
    assert stored(four) == stored(one) and len(stored(one)) == 5
    name = ctx.mailbox.name
    assert four.folder_state(name, "INBOX").last_uid == one.folder_state(name, "INBOX").last_uid == 14
    counts = ("uids_seen", "headers_fetched", "bodies_fetched", "stored", "notices", "partials_fetched")
    assert [chunked.total(c) for c in counts] == [single.total(c) for c in counts]
    assert prefetch_threads() == []
    assert len(ended(server, user, mark, sessions, ("Logged out",))) == sessions  # all closed politely


def test_a_sync_that_fails_mid_folder_leaves_no_prefetch_thread_or_connection(
        imap_account: Account, tmp_path: Path, chunked: None) -> None:
    for raw in mails("pferr"):
        imap_account.append(raw)
    ctx, store = setup(imap_account.mailbox(watch_junk=False), tmp_path)
    real = ctx.classifier()
    calls: list[int] = []

    def failing(raw: bytes, **kw: object) -> object:
        calls.append(1)
        if len(calls) == 3:  # the SIV mail of the second chunk (UID 7)
            raise RuntimeError("classifier broke")
        return real(raw, **kw)  # type: ignore[arg-type]

    ctx.classify = failing  # type: ignore[assignment]
    mark = imap_account.server.log.stat().st_size
    with pytest.raises(RuntimeError, match="classifier broke"):
        imap.sync_mailbox(ctx)

    assert prefetch_threads() == []
    how = ("Logged out", "Disconnected")
    sessions = 1 + prefetch.WORKERS
    assert len(ended(imap_account.server, imap_account.user, mark, sessions, how)) == sessions
    assert store.folder_state(ctx.mailbox.name, "INBOX").last_uid == CHUNK  # the first chunk only


def test_a_stop_between_chunks_ends_the_prefetcher_and_a_rerun_stores_each_mail_once(
        imap_account: Account, tmp_path: Path, chunked: None) -> None:
    for raw in mails("pfstop"):
        imap_account.append(raw)
    stores: list[Store] = []

    def after_the_second_chunk() -> bool:  # its three SIV mails are committed with its watermark
        return len(stores[0].messages()) >= 3

    ctx, store = setup(imap_account.mailbox(watch_junk=False), tmp_path, should_stop=after_the_second_chunk)
    stores.append(store)
    with pytest.raises(imap.Stopped):
        imap.sync_mailbox(ctx)
    assert prefetch_threads() == []
    assert store.folder_state(ctx.mailbox.name, "INBOX").last_uid == 2 * CHUNK
    assert [m.uid for m in store.messages()] == [1, 4, 7]

    ctx.should_stop = None
    again = imap.sync_mailbox(ctx)
    assert again.total("duplicates") == 0 and [m.uid for m in store.messages()] == [1, 4, 7, 10, 13]


def limited(server: Dovecot, tag: str, tmp_path: Path) -> tuple[imap.SyncContext, Store]:
    """`mails(tag)` in the USER mailbox of a server that limits sessions, and a sync context on
    it; the admin's session that appended them is over first, so its slot is free."""
    client = server.admin()
    for raw in mails(tag):
        server.append(raw, client=client)
    client.logout()
    ended(server, USER, 0, 1, ("Logged out",))
    (tmp_path / "pw").write_text(PASSWORD)
    return setup(Account(server, USER, PASSWORD, tmp_path / "pw").mailbox(watch_junk=False), tmp_path)


@pytest.fixture(params=[1, 2])
def few_logins_server(request: pytest.FixtureRequest) -> Iterator[Dovecot]:
    """A provider that allows one (or two) sessions per user and IP: a login beyond is refused
    ([LIMIT]). Its own temp root, not pytest's tmp_path: as root, Dovecot's imap process cannot
    enter a 0700 dir."""
    server = Dovecot(max_connections=request.param).start()
    yield server
    server.cleanup()


def test_a_refused_login_leaves_the_work_to_the_sync_or_the_other_thread_with_one_log_line(
        few_logins_server: Dovecot, tmp_path: Path, chunked: None, caplog: pytest.LogCaptureFixture) -> None:
    server = few_logins_server
    ctx, store = limited(server, "pflimit", tmp_path)

    with caplog.at_level(logging.WARNING, logger=prefetch.__name__):
        report = imap.sync_mailbox(ctx)

    assert report.ok and [m.uid for m in store.messages()] == [1, 4, 7, 10, 13]
    assert store.folder_state(ctx.mailbox.name, "INBOX").last_uid == 14
    warnings = [r.getMessage() for r in caplog.records if r.name == prefetch.__name__]
    if server.max_connections == 1:  # every thread refused; with two, one may log in after the other is done
        assert len(warnings) == 1
    assert len(warnings) <= 1 and all("another connection" in w and "refused" in w for w in warnings)
    assert all(PASSWORD not in w for w in warnings)
    assert prefetch_threads() == []


def test_a_thread_failing_with_a_chunk_in_hand_hands_that_chunk_back(imap_account: Account) -> None:
    uids = [imap_account.append(filler(n, random.Random(n))) for n in range(8)]
    chunks = [uids[i:i + 2] for i in range(0, 8, 2)]
    main = threading.current_thread()

    def work(client: object, chunk: list[int]) -> list[int]:
        if chunk == chunks[2] and threading.current_thread() is not main:
            raise ConnectionError("link dropped")
        return sorted(views.read_headers(client, chunk))  # type: ignore[arg-type]

    box = imap_account.mailbox()
    client = session.connect(box)
    try:
        uidvalidity = int(client.select_folder("INBOX", readonly=True)[b"UIDVALIDITY"])
        second = prefetch.Second(lambda: session.connect(box), session.close, "INBOX", uidvalidity, "t/INBOX")
        got = []
        with prefetch.Ahead(chunks, work, lambda: None, second) as ahead:
            for n, chunk in enumerate(chunks):
                done = ahead.get(n)
                got.append((n, done is None, done if done is not None else work(client, chunk)))
    finally:
        session.close(client)
    assert got == [(0, True, chunks[0]), (1, False, chunks[1]), (2, True, chunks[2]), (3, False, chunks[3])]
    assert prefetch_threads() == []


def sync_with_slots(account: Account, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                    free: int) -> tuple[int, bool, list[tuple[int, str | None, str]]]:
    """A first sync of the account's mail into a fresh store with `free` of prefetch.SLOTS:
    (logins it made, whether a slot was free again after it, what it stored)."""
    slots = threading.BoundedSemaphore(free)
    monkeypatch.setattr(prefetch, "SLOTS", slots)
    (tmp_path / str(free)).mkdir()
    ctx, store = setup(account.mailbox(watch_junk=False), tmp_path / str(free))
    mark = account.server.log.stat().st_size
    imap.sync_mailbox(ctx)
    return logins(account.server, account.user, mark), slots.acquire(blocking=False), stored(store)


def test_the_process_wide_slots_bound_the_extra_connections_and_come_back(
        imap_account: Account, tmp_path: Path, chunked: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many large first syncs at once share prefetch.SLOTS: with one slot left a sync opens one
    extra connection, with none it decides everything on its own, and each gives its slot back."""
    for raw in mails("pfslots"):
        imap_account.append(raw)
    results = []
    for free in (1, 0):
        logged_in, slot_back, rows = sync_with_slots(imap_account, tmp_path, monkeypatch, free)
        assert logged_in == 1 + free
        assert slot_back is (free > 0)  # the slot taken was given back
        results.append(rows)
    assert results[0] == results[1] and len(results[0]) == 5
    assert prefetch_threads() == []
