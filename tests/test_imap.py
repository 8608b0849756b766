"""The IMAP sync engine against a real Dovecot: read-only, incremental, UIDVALIDITY-safe, push."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.dovecot import Account
from tests.mailgen import big_siv_mail, corpus, filler, forward, siv_mail
from watcher import imap
from watcher.config import Config, ScheduleConfig
from watcher.push import Backoff, IdleWorker, Poller
from watcher.store import Store

NOW = datetime.now(UTC)
ROOT = Path(__file__).resolve().parent.parent


def setup(account: Account, tmp_path: Path, **mailbox: object) -> tuple[Config, Store]:
    config = Config(mailboxes=(account.mailbox(**mailbox),),
                    schedule=ScheduleConfig(lookback_days=90, idle_renew_seconds=600))
    return config, Store(f"sqlite:///{tmp_path}/w.db")


def sync(config: Config, store: Store, **kw: object) -> imap.SyncReport:
    return imap.sync_mailbox(config, config.mailboxes[0], store, **kw)  # type: ignore[arg-type]


def folder(report: imap.SyncReport, name: str) -> imap.FolderReport:
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
    hooked: list[imap.SyncReport] = []

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
    with pytest.raises(imap.LoginFailed) as err:
        sync(config, store)
    text = str(err.value)
    assert imap_account.user in text and "refused" in text and "Wr0ng-Secret-value" not in text
    poller = Poller(config, config.mailboxes[0], store, backoff=Backoff(base=2, cap=300, login_cap=900))
    report = poller.poll()
    assert report is not None and "LoginFailed" in (report.error or "") and "Wr0ng" not in report.error
    assert poller.poll() is None or poller.backoff.failures >= 1  # backing off, not hammering


class Arrivals:
    """on_new_mail target: collects stored UIDs, lets a test wait for a given count."""

    def __init__(self) -> None:
        self.uids: list[int] = []
        self.cond = threading.Condition()

    def __call__(self, report: imap.FolderReport) -> None:
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
    worker = IdleWorker(config, config.mailboxes[0], "INBOX", store, on_new_mail=arrivals,
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


KILL_SCRIPT = """
import sys
from watcher import imap
from watcher.config import Config, MailboxConfig, ScheduleConfig
from watcher.store import Store
from pathlib import Path
box = MailboxConfig(name="k", host="127.0.0.1", port=int(sys.argv[1]), security="plain", username=sys.argv[2],
                    password_file=Path(sys.argv[3]), watch_junk=False)
imap.sync_mailbox(Config(mailboxes=(box,), schedule=ScheduleConfig()), box, Store(sys.argv[4]))
"""


def test_kill_9_mid_sync_then_rerun_stores_every_message_exactly_once(imap_account, tmp_path):
    total = 300
    rng = random.Random(7)
    mails = [(siv_mail(n, "kill") if n % 3 else filler(n, rng, size=3000), time.time() - 3600)
             for n in range(total)]
    imap_account.server.write_maildir(mails, user=imap_account.user)
    db = f"sqlite:///{tmp_path}/k.db"
    store = Store(db)
    args = [sys.executable, "-c", KILL_SCRIPT, str(imap_account.server.port), imap_account.user,
            str(imap_account.password_file), db]
    proc = subprocess.Popen(args, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 30
    while len(store.messages()) < 20 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = len(store.messages())
    assert 0 < before < 200, "the kill must land mid-sync"

    config = Config(mailboxes=(imap_account.mailbox(name="k", watch_junk=False),), schedule=ScheduleConfig())
    report = sync(config, store)

    rows = store.messages()
    assert folder(report, "INBOX").duplicates == 0  # nothing committed before the kill was redone
    assert len(rows) == 200 and len({r.uid for r in rows}) == 200
    assert len({r.message_id for r in rows}) == 200
