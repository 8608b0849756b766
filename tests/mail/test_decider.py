"""mail.decider against a real Dovecot: with the fork server warm, a multi-chunk first sync
decides the chunks after the first in another process and stores exactly what a sync on one
connection stores; a decider that dies, or whose logins are refused, hands its chunks back to
the sync (one log line, no secret in it); a stop kills it; none outlives its sync."""

from __future__ import annotations

import logging
import multiprocessing
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dovecot import PASSWORD, Account, Dovecot
from tests.mail.test_prefetch import CHUNK, ended, limited, logins, mails, setup, stored, sync_with_slots
from watcher.mail import decider, imap, prefetch, views

WARNING = "deciding chunks in another process failed"


@pytest.fixture
def warm(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The fork server started (it stays for the test session), the decider used for this test
    only, and syncs of CHUNK-mail chunks."""
    monkeypatch.setattr(imap, "CHUNK", CHUNK)
    monkeypatch.setattr(decider, "_spare_cores", lambda: 1)  # CI may run on one core
    monkeypatch.setattr(decider, "PROCESSES", threading.BoundedSemaphore(1))
    assert decider.warm()
    yield
    decider._server.clear()


@pytest.fixture
def triaged_here(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many headers the header filter saw in this process: a decider's are not counted."""
    seen: list[int] = []
    real = views.triage

    def counting(header: bytes, extra: object) -> str:
        seen.append(1)
        return real(header, extra)  # type: ignore[arg-type]

    monkeypatch.setattr(views, "triage", counting)
    return seen


def deciders() -> list[multiprocessing.process.BaseProcess]:
    return [p for p in multiprocessing.active_children() if p.name.startswith("decider ")]


def one_connection(account: Account, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """What a sync that decides everything itself (one chunk, one connection) stores."""
    with monkeypatch.context() as m:
        m.setattr(imap, "CHUNK", 100)
        (tmp_path / "one").mkdir()
        ctx, store = setup(account.mailbox(watch_junk=False), tmp_path / "one")
        imap.sync_mailbox(ctx)
    return stored(store)


def test_the_chunks_after_the_first_are_decided_in_another_process_and_stored_as_one_connection_does(
        imap_account: Account, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warm: None,
        triaged_here: list[int]) -> None:
    for raw in mails("dc"):
        imap_account.append(raw)
    server, user = imap_account.server, imap_account.user
    alone = one_connection(imap_account, tmp_path, monkeypatch)
    triaged_here.clear()
    ctx, store = setup(imap_account.mailbox(watch_junk=False), tmp_path)
    mark = server.log.stat().st_size

    report = imap.sync_mailbox(ctx)

    assert stored(store) == alone and len(alone) == 5
    assert len(triaged_here) == CHUNK  # chunk 0 here; chunks 1-3 (10 headers) in the decider
    assert report.total("headers_fetched") == 14 and report.total("uids_seen") == 14
    sessions = 1 + prefetch.WORKERS  # the sync's and the decider's threads'
    assert logins(server, user, mark) == sessions
    assert len(ended(server, user, mark, sessions, ("Logged out",))) == sessions  # all closed politely
    assert deciders() == []
    assert store.folder_state(ctx.mailbox.name, "INBOX").last_uid == 14


def test_a_decider_that_dies_hands_every_chunk_back_with_one_log_line(
        imap_account: Account, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warm: None,
        caplog: pytest.LogCaptureFixture) -> None:
    for raw in mails("dcdie"):
        imap_account.append(raw)
    alone = one_connection(imap_account, tmp_path, monkeypatch)
    started: list[decider.Decider] = []

    def killed(self: decider.Decider) -> decider.Decider:
        self.process.kill()  # as the OOM killer would, before it sends anything
        started.append(self)
        return self

    monkeypatch.setattr(decider.Decider, "__enter__", killed)
    ctx, store = setup(imap_account.mailbox(watch_junk=False), tmp_path)
    with caplog.at_level(logging.WARNING, logger=decider.__name__):
        report = imap.sync_mailbox(ctx)

    assert started and report.ok and stored(store) == alone
    warnings = [r.getMessage() for r in caplog.records if r.name == decider.__name__]
    assert len(warnings) == 1 and WARNING in warnings[0]
    assert deciders() == []


@pytest.fixture
def one_login_server() -> Iterator[Dovecot]:
    """A provider that allows one session per user and IP: the decider's logins are refused."""
    server = Dovecot(max_connections=1).start()
    yield server
    server.cleanup()


def test_refused_logins_in_the_decider_are_said_once_in_the_syncs_log_and_the_sync_does_the_chunks(
        one_login_server: Dovecot, tmp_path: Path, warm: None, caplog: pytest.LogCaptureFixture) -> None:
    ctx, store = limited(one_login_server, "dclimit", tmp_path)

    with caplog.at_level(logging.WARNING):
        report = imap.sync_mailbox(ctx)

    assert report.ok and [m.uid for m in store.messages()] == [1, 4, 7, 10, 13]
    relayed = [r.getMessage() for r in caplog.records if "(in the decider)" in r.getMessage()]
    assert len(relayed) == 1 and "refused" in relayed[0] and f"{ctx.mailbox.name}/INBOX" in relayed[0]
    assert all(PASSWORD not in r.getMessage() for r in caplog.records)
    assert deciders() == []


def test_a_stop_kills_the_decider_and_a_rerun_stores_each_mail_once(
        imap_account: Account, tmp_path: Path, warm: None) -> None:
    for raw in mails("dcstop"):
        imap_account.append(raw)
    stores = []

    def after_the_second_chunk() -> bool:
        return len(stores[0].messages()) >= 3

    ctx, store = setup(imap_account.mailbox(watch_junk=False), tmp_path, should_stop=after_the_second_chunk)
    stores.append(store)
    with pytest.raises(imap.Stopped):
        imap.sync_mailbox(ctx)
    assert deciders() == []
    assert store.folder_state(ctx.mailbox.name, "INBOX").last_uid == 2 * CHUNK

    ctx.should_stop = None
    again = imap.sync_mailbox(ctx)
    assert again.total("duplicates") == 0 and [m.uid for m in store.messages()] == [1, 4, 7, 10, 13]


def test_without_free_slots_there_is_no_decider_and_every_slot_comes_back(
        imap_account: Account, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warm: None,
        triaged_here: list[int]) -> None:
    for raw in mails("dcslots"):
        imap_account.append(raw)
    results = []
    for free in (1, 0):
        triaged_here.clear()
        logged_in, slot_back, rows = sync_with_slots(imap_account, tmp_path, monkeypatch, free)
        assert logged_in == 1 + free
        assert len(triaged_here) == (CHUNK if free else 14)  # no slot: no decider, all decided here
        assert slot_back is (free > 0)
        assert decider.PROCESSES.acquire(blocking=False)  # the process slot came back too
        decider.PROCESSES.release()
        results.append(rows)
    assert results[0] == results[1] and len(results[0]) == 5


def test_with_no_spare_core_there_is_no_fork_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """On one core a decider would only take turns with the sync, after its own imports."""
    monkeypatch.setattr(decider, "_spare_cores", lambda: 0)
    decider._server.clear()
    assert not decider.warm() and not decider._server


def test_the_fork_server_preloads_nothing_of_the_store_nor_the_mail_parser() -> None:
    """Its imports run beside the service's, and it and each decider hold them in memory: the
    store's (SQLAlchemy, SQLModel) or mail-parser would add to both, and the decider uses neither."""
    unwanted = ("sqlalchemy", "sqlmodel", "apprise", "mailparser")
    code = (f"import sys, importlib; [importlib.import_module(m) for m in {decider.PRELOAD!r}]; "
            f"print(sorted(m for m in {unwanted!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "[]"
