"""The long-running service: one process, one APScheduler, IDLE workers, the outbox.

Why the outbox is drained right where mail is stored (not on a timer): an alert must reach
the phone within a fraction of a second of the mail being seen, so every sync that stored
something delivers at once, in that thread; timers exist only for retries and reminders.
Reminders are outbox rows with a future `due_at`, persisted with the case in the same
transaction; after a restart the timer is simply set again from the earliest due row, which
is why no APScheduler job store is needed (APScheduler 3 cannot share one between processes
anyway).

Several services on one PostgreSQL split the mailboxes by leases (store.leases): a service runs
the pollers and IDLE workers of the mailboxes it holds, starting and stopping them as leases
come and go (`_take` / `_drop`), and claims each alert before sending it. On SQLite it holds
every mailbox, and a second service on the same file is refused.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import signal
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler

from watcher.app.progress import FirstSyncProgress
from watcher.mail import imap, push, reports
from watcher.settings.config import Config, MailboxConfig
from watcher.store import ingest, leases, outbox, roster
from watcher.store.columns import utcnow
from watcher.store.tables import Store

log = logging.getLogger(__name__)

SAFETY_DELIVERY_SECONDS = 60  # a cheap query; catches anything a crash left pending
DROP_SECONDS = 5.0  # how long a mailbox given up waits for its workers to stop
# First polls are spread this far apart (at most poll_seconds over the mailboxes taken at once): 500
# mailboxes start over 10 s, not as 500 logins in the same instant, and their later polls stay spread.
FIRST_POLL_STEP = 0.02
# A poll that waited for a free pool thread runs late rather than not at all (APScheduler's default
# grace of 1 s skipped most first polls of a few hundred mailboxes); runs missed meanwhile merge.
JOB_DEFAULTS = {"misfire_grace_time": None, "coalesce": True}


class Service:
    """Wires sync, ingest and delivery; `run_once` for cron-style use, `start`/`stop` for the daemon."""

    def __init__(self, config: Config, store: Store | None = None,
                 clock: Callable[[], datetime] = utcnow) -> None:
        self.config = config
        imap.ruleset_for(config.rules_folders)  # a bad rule file stops the start, naming file and key
        self.store = store or Store(config.database_url)
        self.clock = clock
        # -- leases: the membership (cluster or solo) decides which mailboxes this service runs
        self.membership = roster.membership(self.store, [m.name for m in config.mailboxes],
                                            leases.Timing(config.cluster.heartbeat_seconds,
                                                          config.cluster.lease_seconds))
        self.held: set[str] = set()
        self._busy = {m.name: threading.Lock() for m in config.mailboxes}  # held while a poll runs
        self.on_record = self.membership.fence(ingest.on_record(config, clock))
        # -- end leases
        self.scheduler = BackgroundScheduler(timezone=config.tz, job_defaults=JOB_DEFAULTS)
        self.stopping = threading.Event()
        self.progress = FirstSyncProgress()
        self.contexts = {  # one per mailbox, shared by its poller and its IDLE workers
            m.name: imap.SyncContext.of(config, m, self.store, self.on_record, progress=self.progress,
                                        should_stop=functools.partial(self._released, m.name),
                                        first_sync_hook=self._first_sync_done)
            for m in config.mailboxes}
        self.pollers = {name: push.Poller(ctx) for name, ctx in self.contexts.items()}
        self.workers: dict[str, list[push.IdleWorker]] = {}
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._arm_lock = threading.Lock()
        self._courier: threading.Thread | None = None

    # -- one-shot ----------------------------------------------------------------------

    def run_once(self) -> tuple[list[reports.SyncReport], outbox.DeliveryReport]:
        """Sync every mailbox once (a broken one is reported, the rest still run), then deliver.
        On a shared PostgreSQL, a mailbox a running service holds is left to it."""
        reports = []
        with self.membership.once() as held:
            self.held = held
            for mailbox in self.config.mailboxes:
                if mailbox.name not in held:
                    log.info("%s: watched by another instance, skipped", mailbox.name)
                    continue
                report = self.pollers[mailbox.name].poll()
                if report is not None:
                    reports.append(report)
            return reports, self.deliver()

    # -- delivery ----------------------------------------------------------------------

    def deliver(self) -> outbox.DeliveryReport:
        shared = self.membership if isinstance(self.membership, leases.Cluster) else None
        report = outbox.deliver_pending(self.store, self.config, self.clock(), claims=shared,
                                        should_stop=self._should_not_send)
        self._arm_retry()
        return report

    def _should_not_send(self) -> bool:
        """Stopping, or (shared database) this instance's heartbeat is too old to trust its claims."""
        return self.stopping.is_set() or not self.membership.fresh()

    def _arm_retry(self) -> None:
        """One date job at the earliest retry or reminder; replaced whenever the outbox changes.
        Locked: the courier and the scheduler both arm it, and a stale read must not win."""
        with self._arm_lock:
            if not self.scheduler.running or self.stopping.is_set():
                return
            when = outbox.retry_after(self.store, self.clock())
            if when is None:
                return
            # Shared: a due alert another instance is sending is checked again a second later.
            floor = 1.0 if isinstance(self.membership, leases.Cluster) else 0.05
            when = max(when, self.clock() + timedelta(seconds=floor))
            self.scheduler.add_job(self.deliver, "date", run_date=when, id="deliver-retry",
                                   replace_existing=True, misfire_grace_time=None, max_instances=2)

    def _first_sync_done(self, report: reports.SyncReport) -> None:
        folders = [f.folder for f in report.folders if f.history and f.error is None]
        count = ingest.summarize_first_sync(self.store, self.config, report.mailbox, self.clock(), folders)
        log.info("%s: first sync of %s done, %d case summaries queued", report.mailbox, ", ".join(folders),
                 count)

    def _stored(self, _folder: reports.FolderReport) -> None:
        """New mail stored: wake the courier. IDLE threads never send themselves, so a slow or
        dead notification target cannot keep a folder out of IDLE."""
        if self._courier is not None:
            self._wake.set()
        else:
            self.deliver()

    def _courier_loop(self) -> None:
        while not self.stopping.is_set():
            if self._wake.wait(1.0):
                self._wake.clear()
                try:
                    self.deliver()
                except Exception:  # the timers and the safety job will try again
                    log.exception("delivery failed")

    # -- daemon ------------------------------------------------------------------------

    def start(self) -> Service:
        self._courier = threading.Thread(target=self._courier_loop, name="courier", daemon=True)
        self._courier.start()
        self.scheduler.start()
        now = self.clock().astimezone(self.config.tz)
        try:
            self.membership.start(self._take, self._drop)  # SQLite: all mailboxes now, or refused
        except BaseException:
            self.scheduler.shutdown(wait=False)
            self.stopping.set()
            raise
        # Shared: a dead instance's pending alerts are picked up within a lease period.
        safety = SAFETY_DELIVERY_SECONDS
        if isinstance(self.membership, leases.Cluster):
            safety = min(safety, max(1, round(self.config.cluster.lease_seconds)))
        self.scheduler.add_job(self.deliver, "interval", seconds=safety, id="deliver",
                               next_run_time=now, max_instances=1, coalesce=True)
        return self

    # -- leases: start and stop mailboxes as leases come and go -------------------------

    def _released(self, name: str) -> bool:
        """A sync's stop check: the service stops, or this mailbox is no longer ours."""
        return self.stopping.is_set() or name not in self.held

    def _take(self, names: list[str]) -> None:
        now = self.clock().astimezone(self.config.tz)
        with self._lock:
            if self.stopping.is_set():
                return  # the leases are given back by stop()
            self.held.update(names)
        period = self.config.schedule.poll_seconds
        step = min(FIRST_POLL_STEP, period / max(1, len(names)))
        for i, name in enumerate(names):
            mailbox = self.config.mailbox(name)
            self.scheduler.add_job(self._poll, "interval", args=(mailbox,), seconds=period,
                                   id=f"poll-{mailbox.name}", next_run_time=now + timedelta(seconds=i * step),
                                   max_instances=1, coalesce=True, replace_existing=True)
        if self._courier is not None:  # a takeover: the pending alerts of the instance that died too
            self._wake.set()

    def _drop(self, names: list[str]) -> None:
        """Stop the poller and IDLE workers of mailboxes no longer ours, before the lease goes.
        Past DROP_SECONDS, the fence (store.leases) still keeps a straggler from committing."""
        deadline = time.monotonic() + DROP_SECONDS
        with self._lock:
            self.held.difference_update(names)
            workers = [w for name in names for w in self.workers.pop(name, [])]
        for name in names:
            with contextlib.suppress(JobLookupError):
                self.scheduler.remove_job(f"poll-{name}")
        for worker in workers:
            worker.request_stop()
        for worker in workers:
            worker.stop(max(0.1, deadline - time.monotonic()))
        for name in names:  # a poll in progress gives up between two messages
            if self._busy[name].acquire(timeout=max(0.1, deadline - time.monotonic())):
                self._busy[name].release()
        if names:
            log.info("stopped watching %s", ", ".join(names))

    # -- end leases

    def _poll(self, mailbox: MailboxConfig) -> None:
        """The poll job; once a mailbox has synced and offers IDLE, its IDLE workers take over and
        the job goes: they reconnect and catch up on their own, and 500 jobs firing only to return
        cost the scheduler a third of the idle CPU. It comes back with the lease (`_take`)."""
        if self.stopping.is_set() or self.workers.get(mailbox.name) or mailbox.name not in self.held:
            return
        with self._busy[mailbox.name]:
            report = self.pollers[mailbox.name].poll()
        if report is None or report.error is not None:
            return
        if any(f.stored for f in report.folders):
            self._stored(report.folders[0])
        if self.config.schedule.idle and report.idle:  # a folder that failed gets a worker too: it retries
            synced = {f.folder: (f.uidvalidity, f.uidnext) for f in report.folders
                      if f.error is None and f.uidvalidity}
            self._start_idle(mailbox, [f.folder for f in report.folders], synced)

    def _start_idle(self, mailbox: MailboxConfig, folders: list[str],
                    synced: dict[str, tuple[int, int | None]] | None = None) -> None:
        """Under the lock, so a lease dropped and taken again meanwhile keeps the job it re-added."""
        with self._lock:
            if self.stopping.is_set() or mailbox.name not in self.held:
                return
            ctx = self.contexts[mailbox.name]
            self.workers[mailbox.name] = push.start_workers(ctx, folders, self._stored, synced)
            with contextlib.suppress(JobLookupError):
                self.scheduler.remove_job(f"poll-{mailbox.name}")
        log.info("%s: IDLE on %s", mailbox.name, ", ".join(folders))

    def stop(self, timeout: float = 5.0) -> None:
        """Stop taking work, let the transaction in hand finish, log out of IMAP.

        Syncs give up between two messages (`imap.Stopped`), so waiting for the scheduler's
        running poll is short; every thread is joined against one shared deadline.
        """
        self.stopping.set()
        deadline = time.monotonic() + timeout
        with self._lock:
            workers = [w for ws in self.workers.values() for w in ws]
        for worker in workers:
            worker.request_stop()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=True)
        for worker in workers:
            worker.stop(max(0.1, deadline - time.monotonic()))
        if self._courier is not None:
            self._courier.join(max(0.1, deadline - time.monotonic()))
        self.membership.stop()  # leases and claims given back at once, not left to expire

    def run_forever(self) -> int:
        """Until SIGTERM/SIGINT; exit code 0 on a clean stop."""
        done = threading.Event()

        def _signal(signum: int, _frame: object) -> None:
            log.info("received %s, stopping", signal.Signals(signum).name)
            done.set()

        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, _signal)
        self.start()
        log.info("watching %d of %d mailbox(es)", len(self.held), len(self.config.mailboxes))
        while not done.wait(1.0):
            pass
        self.stop()
        return 0
