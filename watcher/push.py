"""Keeping watch: IDLE workers (push), a poller (fallback), and per-mailbox backoff.

Why threads, one connection each: imapclient instances are not thread-safe, and a folder in
IDLE occupies its connection. Every worker owns its client; the Store is shared (SQLAlchemy
engines are thread-safe, each call opens its own session).

A dead connection must never look like a quiet mailbox: an `idle_check` that returns nothing
before its timeout means EOF, a read timeout or socket error means dead, and TCP keepalive
catches a silently vanished peer. Each of those reconnects with backoff, and every (re)connect
starts with a catch-up sync from the last stored UID, so nothing that arrived meanwhile is lost.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from imapclient import IMAPClient

from watcher import imap
from watcher.config import Config, MailboxConfig
from watcher.store import OnRecord, Store

log = logging.getLogger(__name__)

NewMail = Callable[[imap.FolderReport], None]
FirstSyncHook = Callable[[imap.SyncReport], None]
IDLE_TICK = 1.0  # seconds per idle_check: how quickly stop() is honoured


@dataclass
class Backoff:
    """Exponential backoff with full jitter and a cap; login failures use a slower cap."""

    base: float = 2.0
    cap: float = 300.0
    login_cap: float = 900.0
    failures: int = 0

    def delay(self, login_failed: bool = False) -> float:
        self.failures += 1
        ceiling = min(self.login_cap if login_failed else self.cap, self.base * 2 ** (self.failures - 1))
        if login_failed:
            ceiling = max(ceiling, min(60.0, self.login_cap))  # never hammer a refusing server
        return random.uniform(0, ceiling)

    def reset(self) -> None:
        self.failures = 0


class IdleWorker:
    """One folder, one thread, one connection in IDLE; `on_new_mail` after each sync that stored mail."""

    def __init__(self, config: Config, mailbox: MailboxConfig, folder: str, store: Store,
                 on_record: OnRecord | None = None, on_new_mail: NewMail | None = None,
                 backoff: Backoff | None = None) -> None:
        self.config, self.mailbox, self.folder, self.store = config, mailbox, folder, store
        self.on_record, self.on_new_mail = on_record, on_new_mail
        self.backoff = backoff or Backoff()
        self.stopping = threading.Event()
        self.connected = threading.Event()  # set while a catch-up-synced IDLE is running (tests wait on it)
        self.last_error: str | None = None
        self.connects = 0
        self._thread: threading.Thread | None = None

    def start(self) -> IdleWorker:
        self._thread = threading.Thread(target=self.run, name=f"idle-{self.mailbox.name}-{self.folder}",
                                        daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Prompt: the loop wakes at least every IDLE_TICK seconds and sees the event."""
        self.stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def run(self) -> None:
        while not self.stopping.is_set():
            login_failed = False
            try:
                self._session()
                self.backoff.reset()
            except imap.LoginFailed as exc:
                login_failed, self.last_error = True, str(exc)
                log.error("%s", exc)
            except Exception as exc:  # socket errors, IMAP aborts, timeouts: reconnect
                self.last_error = f"{type(exc).__name__}: {exc}"
                log.warning("%s/%s: connection lost (%s), reconnecting", self.mailbox.name, self.folder,
                            self.last_error)
            self.connected.clear()
            if not self.stopping.is_set():
                self.stopping.wait(self.backoff.delay(login_failed))

    def _session(self) -> None:
        client = imap.connect(self.mailbox)
        self.connects += 1
        try:
            ctx = imap.SyncContext.of(self.config, self.mailbox, self.store, self.on_record)
            first = not self.store.first_synced(self.mailbox.name)
            self._sync(client, ctx, first)  # catch up from the last UID after every (re)connect
            self.backoff.reset()
            while not self.stopping.is_set():
                if self._idle(client):
                    self._sync(client, ctx, first)
        finally:
            imap.close(client)

    def _sync(self, client: IMAPClient, ctx: imap.SyncContext, first: bool) -> None:
        report = imap.sync_folder(client, ctx, self.folder, first)
        if report.stored and self.on_new_mail is not None:
            self.on_new_mail(report)

    def _idle(self, client: IMAPClient) -> bool:
        """IDLE until something happens (True), renewal is due or stop (False); raise when dead."""
        client.idle()
        self.connected.set()
        started = time.monotonic()
        renew = self.config.schedule.idle_renew_seconds
        try:
            while not self.stopping.is_set() and time.monotonic() - started < renew:
                t0 = time.monotonic()
                responses = client.idle_check(timeout=IDLE_TICK)
                if not responses and time.monotonic() - t0 < IDLE_TICK * 0.5:
                    raise ConnectionError("IDLE returned early with nothing: connection closed")
                if any(_is_change(r) for r in responses):
                    return True
                if any(r[:1] == (b"BYE",) for r in responses):
                    raise ConnectionError("server said BYE during IDLE")
            return False
        finally:
            client.idle_done()


def _is_change(response: tuple) -> bool:
    return len(response) >= 2 and response[1] in (b"EXISTS", b"RECENT")


class Poller:
    """`poll()` is the scheduler's job for one mailbox: sync once unless backing off. Never raises."""

    def __init__(self, config: Config, mailbox: MailboxConfig, store: Store,
                 on_record: OnRecord | None = None, first_sync_hook: FirstSyncHook | None = None,
                 backoff: Backoff | None = None, progress: imap.Progress | None = None) -> None:
        self.config, self.mailbox, self.store = config, mailbox, store
        self.on_record, self.first_sync_hook = on_record, first_sync_hook
        self.backoff = backoff or Backoff()
        self.progress = progress
        self.not_before = 0.0

    def poll(self) -> imap.SyncReport | None:
        if time.monotonic() < self.not_before:
            return None
        try:
            report = imap.sync_mailbox(self.config, self.mailbox, self.store, self.on_record,
                                       self.first_sync_hook, progress=self.progress)
        except Exception as exc:
            login = isinstance(exc, imap.LoginFailed)
            self.not_before = time.monotonic() + self.backoff.delay(login)
            level = logging.ERROR if login else logging.WARNING
            log.log(level, "%s: sync failed: %s", self.mailbox.name, exc)
            return imap.SyncReport(self.mailbox.name, error=f"{type(exc).__name__}: {exc}")
        self.backoff.reset()
        return report


class Watcher:
    """All mailboxes: a first sync, then IDLE workers per folder, or polling without IDLE.

    Each mailbox has its own supervisor thread, so one broken account never stalls the others.
    """

    def __init__(self, config: Config, store: Store, on_record: OnRecord | None = None,
                 on_new_mail: NewMail | None = None,
                 first_sync_hook: FirstSyncHook | None = None) -> None:
        self.config, self.store = config, store
        self.on_record, self.on_new_mail, self.first_sync_hook = on_record, on_new_mail, first_sync_hook
        self.stopping = threading.Event()
        self.workers: list[IdleWorker] = []
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def start(self) -> Watcher:
        for mailbox in self.config.mailboxes:
            t = threading.Thread(target=self._supervise, args=(mailbox,), name=f"watch-{mailbox.name}",
                                 daemon=True)
            t.start()
            self._threads.append(t)
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self.stopping.set()
        with self._lock:
            workers = list(self.workers)
        for w in workers:
            w.stopping.set()
        for w in workers:
            w.stop(timeout)
        for t in self._threads:
            t.join(timeout)

    def _supervise(self, mailbox: MailboxConfig) -> None:
        poller = Poller(self.config, mailbox, self.store, self.on_record, self.first_sync_hook)
        while not self.stopping.is_set():
            report = poller.poll()
            if report is not None and report.error is None:
                self._notify(report)
                folders = [f.folder for f in report.folders if f.error is None]
                if self.config.schedule.idle and report.idle:
                    return self._start_idle(mailbox, folders)
            wait = max(poller.not_before - time.monotonic(), self.config.schedule.poll_seconds)
            self.stopping.wait(wait)

    def _notify(self, report: imap.SyncReport) -> None:
        if self.on_new_mail is None:
            return
        for folder in report.folders:
            if folder.stored:
                self.on_new_mail(folder)

    def _start_idle(self, mailbox: MailboxConfig, folders: list[str]) -> None:
        with self._lock:
            if self.stopping.is_set():
                return
            for folder in folders:
                self.workers.append(IdleWorker(self.config, mailbox, folder, self.store, self.on_record,
                                               self.on_new_mail).start())
