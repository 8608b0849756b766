"""Keeping watch: IDLE workers (push), a poller (fallback), and per-mailbox backoff.

Why threads, one connection each: imapclient instances are not thread-safe, and a folder in
IDLE occupies its connection. Every worker owns its client; the Store is shared (SQLAlchemy
engines are thread-safe, each call opens its own session).

A quiet IDLE costs next to nothing: the worker sleeps in poll() on its socket and its Waker until
the server speaks, the renewal or folder check is due, or stop() wakes it (no periodic wake-ups:
1,000 folders in IDLE would otherwise spend a tenth of a core on checking a stop flag). The folder
check, which IDLE needs because a recreated folder is not announced, is the one periodic cost:
the workers of a mailbox take it in turns by STATUS of each other's folder (IdleWorker._idle).

A dead connection must never look like a quiet mailbox: a socket that turns readable with
nothing to read means EOF, a read timeout or socket error means dead, and TCP keepalive
catches a silently vanished peer. Each of those reconnects with backoff, and every (re)connect
starts with a catch-up sync from the last stored UID, so nothing that arrived meanwhile is lost.
"""

from __future__ import annotations

import imaplib
import logging
import random
import select
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from imapclient import IMAPClient

from watcher.core import backoff
from watcher.mail import imap, reports, session
from watcher.mail.waker import Waker
from watcher.settings.config import ConfigError

log = logging.getLogger(__name__)

NewMail = Callable[[reports.FolderReport], None]
MAX_PASSES = 20  # sync passes in a row while mail keeps arriving, before IDLE is entered again
LOGIN_FLOOR = 60.0  # seconds: the shortest ceiling after a refused login (never above login_cap)
# seconds: the longest wait between two reconnects, however long the outage. A refused or
# unanswered connect costs the server next to nothing, and a server back from an outage must
# hear from its watchers within 30 s (connect and login included), not at a 5-minute step.
RECONNECT_CAP = 15.0
# A sibling's folder is checked at this share of folder_check_seconds after it was last proven
# unchanged (5 s early at 100 s), so that its own fallback check, at the full period, stays a wake-up
# that finds nothing to do.
SIBLING_SHARE = 0.95


@dataclass
class Backoff:
    """Failures in a row for one worker or poller, and the wait before the next try (core.backoff):
    full jitter up to `cap` (RECONNECT_CAP); after a refused login, 50-100% of a slower ceiling
    that starts at a minute and grows to `login_cap`."""

    base: float = 2.0
    cap: float = RECONNECT_CAP
    login_cap: float = 900.0
    failures: int = 0
    rng: random.Random = field(default_factory=random.Random, repr=False)

    def delay(self, login_failed: bool = False) -> float:
        self.failures += 1
        if login_failed:  # never hammer a refusing server: QQ/163 lock accounts after repeated failures
            policy = backoff.Policy(self.base, self.login_cap, floor=LOGIN_FLOOR, jitter=0.5)
        else:
            policy = backoff.Policy(self.base, self.cap)
        return policy.delay(self.failures, self.rng.random)

    def reset(self) -> None:
        self.failures = 0


class IdleWorker:
    """One folder, one thread, one connection in IDLE; `on_new_mail` after each sync that stored mail.

    Takes its mailbox's shared SyncContext (store, hooks, progress, rules); stops on `stop()` or
    when the context's `should_stop` says so.
    """

    def __init__(self, ctx: imap.SyncContext, folder: str, on_new_mail: NewMail | None = None,
                 backoff: Backoff | None = None, synced: tuple[int, int | None] | None = None) -> None:
        self.mailbox, self.folder, self.on_new_mail = ctx.mailbox, folder, on_new_mail
        self.backoff = backoff or Backoff()
        self.stopping = threading.Event()
        self.connected = threading.Event()  # set while a catch-up-synced IDLE is running (tests wait on it)
        self.last_error: str | None = None
        self.connects = 0
        self._thread: threading.Thread | None = None
        self._waker: Waker | None = None  # exists while the thread runs
        self._waker_lock = threading.Lock()
        self._seen: tuple[int, int | None] | None = None  # (UIDVALIDITY, UIDNEXT) of the last completed sync
        # What the poll that started this worker left the folder at: the first catch-up sync then
        # costs one EXAMINE, not the store's reads (two per folder, ~a sixth of start-up CPU at N = 500).
        self._handed = synced
        # The folder check (see _idle): when this folder was last proven unchanged (monotonic; by
        # this worker's own EXAMINE or by its checker's STATUS), and the sibling it checks in turn.
        self.covered_at = 0.0
        self.sibling: IdleWorker | None = None
        self._sibling_checked = 0.0
        self._recheck = threading.Event()  # the checker saw this folder change: sync it now
        self._outer_stop = ctx.should_stop
        self.ctx = replace(ctx, should_stop=self.stopped)

    def stopped(self) -> bool:
        return self.stopping.is_set() or (self._outer_stop is not None and self._outer_stop())

    def start(self) -> IdleWorker:
        self._thread = threading.Thread(target=self.run, name=f"idle-{self.mailbox.name}-{self.folder}",
                                        daemon=True)
        self._thread.start()
        return self

    def request_stop(self) -> None:
        """Stop without waiting: the worker wakes at once (a service stops all its workers this
        way first, then joins them, so their logouts overlap). A stop that only the context's
        `should_stop` says is seen at the next renewal or folder check at the latest."""
        self.stopping.set()
        with self._waker_lock:
            if self._waker is not None:
                self._waker.set()

    def recheck(self) -> None:
        """Sync the folder now (its checker's STATUS saw it change): ends an IDLE wait at once."""
        self._recheck.set()
        with self._waker_lock:
            if self._waker is not None:
                self._waker.set()

    def stop(self, timeout: float = 5.0) -> None:
        """Prompt: a wait in IDLE or in backoff ends at once, a sync between two messages."""
        self.request_stop()
        if self._thread is not None:
            self._thread.join(timeout)

    def run(self) -> None:
        waker = Waker()
        with self._waker_lock:
            self._waker = waker
        if self.stopping.is_set():  # stopped before the waker existed
            waker.set()
        try:
            self._run()
        finally:
            with self._waker_lock:
                self._waker = None
            waker.close()

    def _run(self) -> None:
        while not self.stopped():
            slow = False
            try:
                self._session()
                self.backoff.reset()
            except (session.LoginFailed, ConfigError) as exc:  # refused, or a password/ca_file to fix
                slow, self.last_error = True, str(exc)
                log.error("%s", exc)
            except imap.Stopped:
                break
            except imaplib.IMAP4.abort as exc:  # the link died: reconnect soon
                self.last_error = f"{type(exc).__name__}: {exc}"
                log.warning("%s/%s: connection lost (%s), reconnecting", self.mailbox.name, self.folder,
                            self.last_error)
            except imaplib.IMAP4.error as exc:  # the server said NO (e.g. the folder is gone): retry slowly
                slow, self.last_error = True, f"{type(exc).__name__}: {exc}"
                log.error("%s/%s: the server refused the folder (%s); retrying slowly", self.mailbox.name,
                          self.folder, exc)
            except Exception as exc:  # socket errors, timeouts: reconnect
                self.last_error = f"{type(exc).__name__}: {exc}"
                log.warning("%s/%s: connection lost (%s), reconnecting", self.mailbox.name, self.folder,
                            self.last_error)
            self.connected.clear()
            if not self.stopped():
                self.stopping.wait(self.backoff.delay(slow))

    def _session(self) -> None:
        client = session.connect(self.mailbox)
        self.connects += 1
        # a new connection checks against the store again, but the first one may start from the
        # poll's sync, which completed the mailbox's first sync (the poll marks it)
        self._seen, self._handed = self._handed, None
        try:
            first = self._seen is None and not self.ctx.store.first_synced(self.mailbox.name)
            self._sync(client, first)  # catch up from the last UID after every (re)connect
            self.backoff.reset()
            while not self.stopped():
                self._idle(client)  # a change, a renewal or stop: sync in every case but stop
                if not self.stopped():
                    self._sync(client, first)
        finally:
            session.close(client)

    def _sync(self, client: IMAPClient, first: bool) -> None:
        """Sync until a pass finds nothing new. A mail that arrives during a sync is announced
        inside that sync's FETCH answer, where the client swallows the EXISTS: IDLE would never
        hear of it, so only another pass (one EXAMINE when nothing is new) can find it."""
        self._recheck.clear()  # this sync's EXAMINE answers it
        for _ in range(MAX_PASSES):
            examined = time.monotonic()
            report = imap.sync_folder(client, self.ctx, self.folder, first, self._seen)
            self._seen, self.covered_at = (report.uidvalidity, report.uidnext), examined
            if report.history:  # this worker did the folder's first sync (it failed in the poll)
                imap.finish_history(self.ctx.store, reports.SyncReport(self.mailbox.name, folders=[report]),
                                    self.ctx.first_sync_hook)
            if report.stored and self.on_new_mail is not None:
                self.on_new_mail(report)
            if not report.uids_seen or self.stopped():
                return

    def _idle(self, client: IMAPClient) -> None:
        """IDLE until the folder changed, its check or the renewal is due, or stop; raise when the
        link is dead. Returns when the folder is to be synced.

        The folder check: a folder deleted and recreated under an IDLE connection (a new
        UIDVALIDITY) is not announced (Dovecot sends nothing, or an untagged NO), and STATUS on
        this connection answers from the stale selected view. A sibling's connection, where the
        folder is not selected, answers afresh: so the workers of a mailbox check each other in
        a ring (DONE, STATUS of the sibling's folder, IDLE: half the CPU of re-EXAMINing one's
        own, which counts at a thousand folders), and a sibling whose STATUS differs from its
        last sync is woken to sync (`recheck`). A worker whose folder no sibling proved
        unchanged for `folder_check_seconds` (alone, or its checker down or busy) checks itself
        with the sync's EXAMINE, as before. Either way a changed folder is seen at most
        `folder_check_seconds` after it was last proven unchanged.
        """
        while not self.stopped():
            client.idle()
            self.connected.set()
            renew = time.monotonic() + self.ctx.schedule.idle_renew_seconds
            try:
                due = "sync" if _read_ahead(client) else self._wait(client, renew)
            finally:
                _text, responses = client.idle_done()
            if due != "sibling" or any(_is_change(r) for r in responses):
                return
            self._check_sibling(client)

    def _wait(self, client: IMAPClient, renew: float) -> str:
        """Sleep in poll() until something is due: "sync" (a change, the renewal, this folder's
        own check, a recheck, or stop) or "sibling" (the sibling's check)."""
        period = self.ctx.schedule.folder_check_seconds
        sock = client.socket().fileno()
        poller = select.poll()
        poller.register(sock, select.POLLIN)
        waker = self._waker
        if waker is not None:
            poller.register(waker.fileno(), select.POLLIN)
        while not self.stopped() and not self._recheck.is_set():
            now = time.monotonic()
            own = min(renew, self.covered_at + period)
            if now >= own:
                return "sync"
            sibling = self._sibling_due(period)
            if now >= sibling:
                return "sibling"
            events = poller.poll((min(own, sibling) - now) * 1000)  # milliseconds
            if waker is not None and any(fd == waker.fileno() for fd, _ in events):
                waker.clear()  # a stop or a recheck: the loop's conditions say which
            if not any(fd == sock for fd, _ in events):
                continue
            responses = client.idle_check(timeout=0)
            if not responses:  # readable, yet nothing to read: EOF
                raise ConnectionError("IDLE returned early with nothing: connection closed")
            if any(_is_change(r) for r in responses):
                return "sync"
            if any(r[:1] == (b"BYE",) for r in responses):
                raise ConnectionError("server said BYE during IDLE")
        return "sync"

    def _sibling_due(self, period: float) -> float:
        """When to check the sibling: a little before its own check would fall due, so that in
        the quiet case it never needs one; never sooner than a period after the last try; not
        before its first sync on a connection (that sync is the check)."""
        if self.sibling is None or self.sibling._seen is None:
            return float("inf")
        return max(self.sibling.covered_at, self._sibling_checked) + period * SIBLING_SHARE

    def _check_sibling(self, client: IMAPClient) -> None:
        """STATUS of the sibling's folder: as its last sync left it proves it unchanged, anything
        else (another UIDVALIDITY or UIDNEXT, an error, no sync yet) makes the sibling sync.
        (Mail to this worker's own folder that the server announces in the STATUS answer, where
        imaplib keeps it, is caught the same way: by the sibling's STATUS of this folder.)"""
        sibling = self.sibling
        assert sibling is not None
        seen, asked = sibling._seen, time.monotonic()
        self._sibling_checked = asked
        try:
            status = client.folder_status(sibling.folder, [b"UIDVALIDITY", b"UIDNEXT"])
        except client.AbortError:
            raise  # our own link is dead
        except client.Error:  # e.g. the folder is gone: the sibling's EXAMINE will say so
            sibling.recheck()
            return
        now = (int(status[b"UIDVALIDITY"]), int(status.get(b"UIDNEXT", 0)) or None)
        if seen is not None and now == seen and now[1] is not None:
            sibling.covered_at = max(sibling.covered_at, asked)
        else:
            sibling.recheck()


def start_workers(ctx: imap.SyncContext, folders: list[str], on_new_mail: NewMail | None = None,
                  synced: dict[str, tuple[int, int | None]] | None = None) -> list[IdleWorker]:
    """One started IdleWorker per folder of a mailbox, each checking the next (see IdleWorker._idle).
    `synced`: folder -> (UIDVALIDITY, UIDNEXT) as a just completed sync left it (see IdleWorker)."""
    seeds = synced or {}
    workers = [IdleWorker(ctx, folder, on_new_mail, synced=seeds.get(folder)) for folder in folders]
    link(workers)
    return [worker.start() for worker in workers]


def link(workers: list[IdleWorker]) -> None:
    """Ring the workers of one mailbox: each checks the next folder; a lone worker checks itself."""
    if len(workers) > 1:
        for worker, sibling in zip(workers, workers[1:] + workers[:1], strict=True):
            worker.sibling = sibling


def _read_ahead(client: IMAPClient) -> bool:
    """Whether imaplib already holds server data past "+ idling" in its read buffer.

    A mail that arrives between the last sync and IDLE is announced right after "+ idling", often
    in the same packet; imaplib's buffered reader takes both lines while reading the continuation,
    so poll() on the socket never wakes for it and the news waits for the next folder check. The
    buffer is `IMAP4.file` (undocumented, unchanged in imaplib for decades); anything unusual
    answers False, which is the behaviour without this check. `peek` reads the socket at most
    once, non-blocking: data there counts too, and nothing there costs nothing.
    """
    peek = getattr(getattr(getattr(client, "_imap", None), "file", None), "peek", None)
    if peek is None:
        return False
    sock = client.socket()
    timeout = sock.gettimeout()
    try:
        sock.setblocking(False)
        return bool(peek(1))
    except (OSError, ValueError):  # would block (TLS says so by raising), or a closed reader
        return False
    finally:
        sock.settimeout(timeout)


def _is_change(response: tuple[object, ...]) -> bool:
    return len(response) >= 2 and response[1] in (b"EXISTS", b"RECENT")


class Poller:
    """`poll()` is the scheduler's job for one mailbox: sync once unless backing off. Never raises."""

    def __init__(self, ctx: imap.SyncContext, backoff: Backoff | None = None) -> None:
        self.ctx, self.mailbox = ctx, ctx.mailbox
        self.backoff = backoff or Backoff()
        self.not_before = 0.0

    def poll(self) -> reports.SyncReport | None:
        if time.monotonic() < self.not_before:
            return None
        try:
            report = imap.sync_mailbox(self.ctx)
        except imap.Stopped:
            return None
        except Exception as exc:
            login = isinstance(exc, (session.LoginFailed, ConfigError))
            self.not_before = time.monotonic() + self.backoff.delay(login)
            level = logging.ERROR if login else logging.WARNING
            log.log(level, "%s: sync failed: %s", self.mailbox.name, exc)
            return reports.SyncReport(self.mailbox.name, error=f"{type(exc).__name__}: {exc}")
        self.backoff.reset()
        return report
