"""The folder check of IDLE workers against a real Dovecot: a mailbox's workers check each other
by STATUS in a ring (cheap), and a folder no sibling proves unchanged checks itself by EXAMINE.

The guarantee under test (issue 12): a folder deleted and recreated under an IDLE connection (a
new UIDVALIDITY, and Dovecot tells the IDLE client nothing useful) is noticed at most
`folder_check_seconds` after it was last proven unchanged: 100 s by default, under 2 minutes.
"""

from __future__ import annotations

import logging
import time
from collections import Counter

from tests.mail.test_imap import Arrivals, context
from tests.mailgen import siv_mail
from watcher.mail import imap, session
from watcher.mail.push import SIBLING_SHARE, Backoff, IdleWorker, link, start_workers
from watcher.settings.config import Config, ScheduleConfig
from watcher.store.tables import Store

BOX = "Verify"


def test_the_default_folder_check_keeps_a_changed_folder_within_two_minutes():
    assert ScheduleConfig().folder_check_seconds <= 110  # the check plus a sync well inside 120 s


def two_folders(imap_account, tmp_path, period: int) -> tuple[Config, Store]:
    account = imap_account.mailbox(folders=("INBOX", BOX), watch_junk=False)
    config = Config(mailboxes=(account,),
                    schedule=ScheduleConfig(idle_renew_seconds=600, folder_check_seconds=period))
    return config, Store(f"sqlite:///{tmp_path}/w.db")


def test_a_quiet_mailbox_is_checked_by_status_of_the_sibling_not_by_reexamining(imap_account, tmp_path,
                                                                                 monkeypatch):
    """Old design: every worker left IDLE each period to re-EXAMINE its own folder (a sync).
    Now, in a quiet mailbox, no worker syncs after its catch-up; each STATUSes its sibling."""
    client = imap_account.server.admin(imap_account.user)
    client.create_folder(BOX)
    client.logout()
    config, store = two_folders(imap_account, tmp_path, period=2)
    syncs: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    original_sync, original_status = imap.sync_folder, imap.IMAPClient.folder_status

    def counting_sync(client, ctx, folder, *args, **kw):  # type: ignore[no-untyped-def]
        syncs[folder] += 1
        return original_sync(client, ctx, folder, *args, **kw)

    def counting_status(self, folder, what=None):  # type: ignore[no-untyped-def]
        statuses[folder] += 1
        return original_status(self, folder, what)

    monkeypatch.setattr(imap, "sync_folder", counting_sync)
    monkeypatch.setattr(imap.IMAPClient, "folder_status", counting_status)
    workers = start_workers(context(config, store), ["INBOX", BOX])
    try:
        assert all(w.connected.wait(10) for w in workers)
        time.sleep(0.5)
        catch_up = sum(syncs.values())
        time.sleep(7)  # three and a half check periods: the old design re-EXAMINEd each folder 3-4 times
        # at most one late sibling check (0.1 s of margin at this period) lets a folder check itself
        assert sum(syncs.values()) - catch_up <= 1, f"workers re-EXAMINEd their quiet folders: {syncs}"
        assert statuses["INBOX"] >= 2 and statuses[BOX] >= 2, statuses  # each checked by its sibling
        assert all(w.connects == 1 and w.last_error is None for w in workers)
    finally:
        for w in workers:
            w.request_stop()
        for w in workers:
            w.stop()


def test_a_folder_recreated_under_idle_is_noticed_by_its_siblings_status(imap_account, tmp_path):
    """Its sibling's STATUS (on a connection where it is not selected) sees the new UIDVALIDITY
    and wakes it; its own fallback EXAMINE (at the full period, 600 s here) never comes into it."""
    client = imap_account.server.admin(imap_account.user)
    client.create_folder(BOX)
    old = imap_account.server.append(siv_mail(1, "sibling"), BOX, client=client)
    config, store = two_folders(imap_account, tmp_path, period=600)
    ctx = context(config, store)
    arrivals = Arrivals()
    inbox = IdleWorker(ctx, "INBOX", arrivals, Backoff(base=0.2, cap=1.0))
    verify = IdleWorker(ctx, BOX, arrivals, Backoff(base=0.2, cap=1.0))
    link([inbox, verify])
    workers = [inbox.start(), verify.start()]
    try:
        assert arrivals.wait(1) == [old] and all(w.connected.wait(10) for w in workers)
        time.sleep(0.5)  # settled in IDLE: a sync running while the folder is deleted makes Dovecot say BYE
        before = store.folder_state(ctx.mailbox.name, BOX).uidvalidity
        client.delete_folder(BOX)
        client.create_folder(BOX)
        imap_account.server.append(siv_mail(1, "sibling"), BOX, client=client)  # the same mail again
        new = imap_account.server.append(siv_mail(2, "sibling"), BOX, client=client)
        # As if 9/10 of a period had passed since Verify was last proven unchanged: INBOX's STATUS
        # of it is due now, Verify's own EXAMINE only in a minute (the test waits 20 s at most).
        verify.covered_at = time.monotonic() - 600 * SIBLING_SHARE - 1
        inbox.recheck()  # wakes INBOX's worker (asleep until its own check, 600 s away)
        assert arrivals.wait(2, timeout=20)[-1] == new
        assert all(w.connects == 1 and w.last_error is None for w in workers)
    finally:
        for w in workers:
            w.stop()
        client.logout()
    assert store.folder_state(ctx.mailbox.name, BOX).uidvalidity != before


def test_a_folder_whose_checker_is_down_checks_itself(imap_account, tmp_path):
    """The sibling that would check it never runs: the folder is still noticed within the period,
    by its own EXAMINE, or by Dovecot closing the connection at the worker's next STATUS of its
    sibling (Dovecot drops a session whose selected folder was deleted at its next command
    other than a SELECT/EXAMINE) and the catch-up sync of the reconnect."""
    client = imap_account.server.admin(imap_account.user)
    client.create_folder(BOX)
    old = imap_account.server.append(siv_mail(1, "alone"), BOX, client=client)
    config, store = two_folders(imap_account, tmp_path, period=1)
    ctx = context(config, store)
    arrivals = Arrivals()
    absent = IdleWorker(ctx, "INBOX")
    verify = IdleWorker(ctx, BOX, arrivals, Backoff(base=0.2, cap=1.0))
    link([verify, absent])
    verify.start()
    try:
        assert arrivals.wait(1) == [old] and verify.connected.wait(10)
        client.delete_folder(BOX)
        client.create_folder(BOX)
        new = imap_account.server.append(siv_mail(2, "alone"), BOX, client=client)
        assert arrivals.wait(2, timeout=20)[-1] == new
        assert verify.connects <= 2
    finally:
        verify.stop()
        client.logout()


def test_imaplib_formats_no_debug_lines_unless_they_are_logged(imap_account, caplog):
    """imapclient turns imaplib's debug output on: every line was formatted, then dropped."""
    for level, expected in ((logging.INFO, 0), (logging.DEBUG, 5)):
        caplog.set_level(level, logger="imapclient.imaplib")
        client = session.connect(imap_account.mailbox())
        try:
            assert client._imap.debug == expected
        finally:
            session.close(client)


def test_mail_arriving_just_before_idle_is_not_left_in_the_read_buffer(imap_account, tmp_path, monkeypatch):
    """A mail appended between a worker's last sync and its IDLE command is announced right after
    "+ idling", often in the same packet: imaplib's buffered reader takes both lines while reading
    the continuation, and poll() on the socket then sleeps through the news until the next folder
    check (600 s here, ~95 s by default). The worker must see what is already in the buffer."""
    config, store = two_folders(imap_account, tmp_path, period=600)
    config = Config(mailboxes=(imap_account.mailbox(folders=("INBOX",), watch_junk=False),),
                    schedule=config.schedule)
    arrivals = Arrivals()
    original_idle = imap.IMAPClient.idle
    injected: list[int] = []

    def idle_after_an_append(self):  # type: ignore[no-untyped-def]
        if not injected:  # the race, made certain: the mail lands after the sync, before IDLE
            injected.append(imap_account.append(siv_mail(7, "just before idle")))
        return original_idle(self)

    monkeypatch.setattr(imap.IMAPClient, "idle", idle_after_an_append)
    worker = IdleWorker(context(config, store), "INBOX", on_new_mail=arrivals).start()
    try:
        assert arrivals.wait(1, timeout=10) == injected
    finally:
        worker.request_stop()
        worker.stop()


def test_workers_started_from_a_poll_catch_up_without_the_store_unless_mail_came(imap_account, tmp_path,
                                                                                monkeypatch):
    """At N = 500 a sixth of start-up CPU was the workers' catch-up reading the store again right
    after the poll's sync. Seeded with what that sync left, a quiet folder costs one EXAMINE; a mail
    that came between the poll and the worker changes UIDNEXT and is synced as ever."""
    client = imap_account.server.admin(imap_account.user)
    client.create_folder(BOX)
    client.logout()
    config, store = two_folders(imap_account, tmp_path, period=600)
    report = imap.sync_mailbox(context(config, store))
    synced = {f.folder: (f.uidvalidity, f.uidnext) for f in report.folders}
    late = imap_account.append(siv_mail(3, "between the poll and IDLE"), BOX)
    reads: Counter[str] = Counter()
    original = Store.folder_state

    def counting(self, mailbox, folder):  # type: ignore[no-untyped-def]
        reads[folder] += 1
        return original(self, mailbox, folder)

    monkeypatch.setattr(Store, "folder_state", counting)
    arrivals = Arrivals()
    workers = start_workers(context(config, store), ["INBOX", BOX], arrivals, synced)
    try:
        assert all(w.connected.wait(10) for w in workers)
        assert arrivals.wait(1) == [late]
        assert reads["INBOX"] == 0 and reads[BOX] >= 1, reads
    finally:
        for w in workers:
            w.request_stop()
        for w in workers:
            w.stop()
