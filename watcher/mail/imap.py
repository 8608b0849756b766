"""IMAP shell: connect, find folders, and sync each folder incrementally, header-first, read-only.

Why it is shaped like this:
- Read-only by construction: folders are opened with EXAMINE and bodies read with BODY.PEEK,
  so the seller's mailbox (their \\Seen flags included) is never changed.
- "Never miss, never twice": UIDs are handled in ascending order and the watermark only moves
  through `Store.record` / `Store.advance`, in the same transaction as what it covers; a kill -9
  at any point redoes exactly the uncommitted tail. UIDVALIDITY is checked on every EXAMINE.
- Cheap: headers first (a few hundred bytes per mail), bodies only for SIV candidates, oversized
  mails as a bounded prefix; an unchanged folder costs one EXAMINE (UIDNEXT says nothing is new).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from imapclient import IMAPClient

from watcher.core.candidates import Vocabulary, rules_vocabulary
from watcher.mail import decider, views
from watcher.mail.prefetch import Second
from watcher.mail.recording import Others, record_mail
from watcher.mail.reports import FolderReport, SyncReport
from watcher.mail.session import close, connect
from watcher.settings.config import Config, MailboxConfig, ScheduleConfig
from watcher.store.tables import OnRecord, Store

if TYPE_CHECKING:  # classify is imported late (see SyncContext.classifier); its types cost nothing
    from watcher.core.model import Classification
    from watcher.core.ruleset import RuleSet

log = logging.getLogger(__name__)

Progress = Callable[[str, str, int, int], None]  # (mailbox, folder, done, total) during a first sync

CHUNK = 2000  # UIDs per header FETCH and per watermark step; explicit UID sets, never "1:*"
JUNK_NAMES = ("junk", "spam", "junk e-mail", "junk email", "bulk mail", "垃圾邮件", "垃圾郵件", "垃圾箱")


FirstSyncHook = Callable[[SyncReport], None]  # after a folder's first complete sync: summarise history


class Stopped(Exception):
    """The service is shutting down: a sync gives up between two messages (nothing half-done)."""


class Classifier(Protocol):
    """`watcher.core.classify.classify` with the ruleset bound: raw bytes in, a Classification out."""

    def __call__(self, raw: bytes, *, tz: str | None, authserv_ids: Iterable[str]) -> Classification: ...


# -- folders ---------------------------------------------------------------------------------


def find_junk(listing: list[tuple[tuple[bytes, ...], bytes, str]]) -> str | None:
    """The SPECIAL-USE \\Junk folder, else the first folder with a common junk name."""
    for flags, _delim, name in listing:
        if b"\\Junk" in flags:
            return name
    by_name: dict[str, str] = {}
    for _flags, delim, name in listing:
        leaf = name.rsplit(delim.decode() if delim else "/", 1)[-1].strip().lower()
        by_name.setdefault(leaf, name)
    return next((by_name[n] for n in JUNK_NAMES if n in by_name), None)


def folders_to_watch(client: IMAPClient, mailbox: MailboxConfig) -> list[str]:
    """Configured folders plus the junk folder (Amazon mail often lands there)."""
    folders = list(dict.fromkeys(mailbox.folders))
    if mailbox.watch_junk:
        junk = find_junk(client.list_folders())
        if junk and junk not in folders:
            folders.append(junk)
    return folders


# -- syncing ---------------------------------------------------------------------------------


@dataclass
class SyncContext:
    """Everything a sync of one mailbox needs besides the connection. One per mailbox, shared by
    its poller and its IDLE workers (a worker adds its own stop to `should_stop`)."""

    mailbox: MailboxConfig
    store: Store
    schedule: ScheduleConfig
    tz: str = "Asia/Shanghai"
    on_record: OnRecord | None = None
    today: date | None = None
    classify: Classifier | None = None
    rules_folders: tuple[Path, ...] = ()
    progress: Progress | None = None
    should_stop: Callable[[], bool] | None = None
    first_sync_hook: FirstSyncHook | None = None

    @classmethod
    def of(cls, config: Config, mailbox: MailboxConfig, store: Store, on_record: OnRecord | None = None,
           progress: Progress | None = None, should_stop: Callable[[], bool] | None = None,
           first_sync_hook: FirstSyncHook | None = None) -> SyncContext:
        return cls(mailbox, store, config.schedule, tz=config.timezone, on_record=on_record,
                   rules_folders=config.rules_folders, progress=progress, should_stop=should_stop,
                   first_sync_hook=first_sync_hook)

    def check_stop(self) -> None:
        if self.should_stop is not None and self.should_stop():
            raise Stopped(f"{self.mailbox.name}: stopping")

    def classifier(self) -> Classifier:
        if self.classify is None:
            from watcher.core.classify import classify  # imported late: the shell must load without it

            self.classify = functools.partial(classify, ruleset=ruleset_for(self.rules_folders))
        return self.classify


@functools.cache
def ruleset_for(folders: tuple[Path, ...]) -> RuleSet | None:
    """The user's rule folders on top of the bundled rules, loaded once per process (a RuleError
    names the bad file and key); None means the bundled set."""
    if not folders:
        return None
    from watcher.core.rulefiles import load_ruleset

    return load_ruleset(*folders)


@functools.cache
def vocabulary_for(folders: tuple[Path, ...]) -> Vocabulary | None:
    """The words of the user's own SIV rules (`candidates.rules_vocabulary`), once per process."""
    ruleset = ruleset_for(folders)
    return None if ruleset is None else rules_vocabulary(ruleset)


def sync_folder(client: IMAPClient, ctx: SyncContext, folder: str, first: bool,
                seen: tuple[int, int | None] | None = None) -> FolderReport:
    """Bring one folder's watermark up to date; `first` = the mailbox has never finished a sync.

    `seen`: (uidvalidity, uidnext) of the caller's last completed sync of this folder (an IDLE
    worker's folder check). EXAMINE saying the same again proves nothing is new, as the stored
    watermark would (that sync left it at UIDNEXT - 1), without asking the store: a worker's
    check then costs the IMAP round trips only, which counts at a thousand folders a minute.
    """
    rep = FolderReport(folder)
    info = client.select_folder(folder, readonly=True)
    rep.commands += 1
    uidvalidity = int(info[b"UIDVALIDITY"])
    uidnext = int(info.get(b"UIDNEXT", 0)) or None
    modseq = info.get(b"HIGHESTMODSEQ")
    rep.uidvalidity, rep.uidnext = uidvalidity, uidnext
    if seen is not None and uidnext is not None and seen == (uidvalidity, uidnext):
        return rep
    name = ctx.mailbox.name
    state = ctx.store.folder_state(name, folder)
    rep.history = state is None or state.first_synced_at is None
    if state is None or state.uidvalidity != uidvalidity:
        if state is not None:  # a new folder needs no row yet: the first advance or record makes it
            log.warning("%s/%s: UIDVALIDITY changed %s -> %s, resyncing", name, folder, state.uidvalidity,
                        uidvalidity)
            ctx.store.reset_folder(name, folder, uidvalidity)
        last, rep.first_sync = 0, True
    else:
        last = state.last_uid
    if not rep.first_sync and uidnext is not None and uidnext <= last + 1:
        return rep  # nothing new: UIDs only grow, so UIDNEXT proves it without a SEARCH
    criteria: list[Any] = ["UID", f"{last + 1}:*"]
    if first or rep.first_sync:
        since = (ctx.today or datetime.now(UTC).date()) - timedelta(days=ctx.schedule.lookback_days + 1)
        criteria += ["SINCE", since]
    uids = sorted(u for u in client.search(criteria) if u > last)  # n:* always matches the last UID
    rep.commands += 1
    rep.uids_seen = len(uids)
    report = ctx.progress if ctx.progress and (first or rep.first_sync) else None
    chunks = [uids[start:start + CHUNK] for start in range(0, len(uids), CHUNK)]
    work = functools.partial(views.decide_chunk, extra=vocabulary_for(ctx.rules_folders))
    second = Second(functools.partial(connect, ctx.mailbox), close, folder, uidvalidity, f"{name}/{folder}")
    with decider.ahead(chunks, work, ctx.check_stop, second) as ahead:
        for n, chunk in enumerate(chunks):  # in ascending order: each moves the watermark
            ctx.check_stop()
            if report:
                report(name, folder, n * CHUNK, len(uids))
            plans, counts = ahead.get(n) or work(client, chunk)
            rep.add(counts)
            _sync_chunk(client, ctx, rep, folder, chunk[-1], plans)
    if report:
        report(name, folder, len(uids), len(uids))
    # Everything below UIDNEXT (as of EXAMINE) is handled now, the old mail outside the
    # lookback window included; highestmodseq is kept for servers that have CONDSTORE.
    top = max([last, *uids, (uidnext - 1) if uidnext else 0])
    ctx.store.advance(name, folder, uidvalidity, top, int(modseq) if modseq is not None else None)
    return rep



def _sync_chunk(client: IMAPClient, ctx: SyncContext, rep: FolderReport, folder: str, end: int,
                plans: list[views.Plan]) -> None:
    """Fetch what `_decide` planned, classify and store it, then move the watermark to the
    chunk's `end` (its last UID), only after all of it is committed."""
    others = Others(ctx, rep, folder)
    for uid, raw, size in views.bodies(client, rep, plans, ctx.schedule.max_body_bytes, ctx.check_stop):
        record_mail(ctx, rep, folder, uid, raw, size, others)
    others.flush()
    ctx.store.advance(ctx.mailbox.name, folder, rep.uidvalidity, end)


def sync_mailbox(ctx: SyncContext, client: IMAPClient | None = None) -> SyncReport:
    """Sync every watched folder of one mailbox once (the poll job). Raises LoginFailed/OSError/IMAP errors.

    A folder the server refuses (e.g. a configured folder that does not exist) is reported and the
    others still sync; a lost connection raises. The mailbox is marked first-synced once a sync
    got through all its folders, so a typo in `folders` cannot keep it in first-sync mode forever.
    """
    mailbox, store = ctx.mailbox, ctx.store
    first = not store.first_synced(mailbox.name)
    report = SyncReport(mailbox.name, first_sync=first)
    own = client is None
    client = client or connect(mailbox)
    try:
        report.idle = client.has_capability("IDLE")
        for folder in folders_to_watch(client, mailbox):
            try:
                report.folders.append(sync_folder(client, ctx, folder, first))
            except client.AbortError:
                raise  # the connection is gone: the caller backs off and reconnects
            except client.Error as exc:  # a missing folder must not stop the others
                report.folders.append(FolderReport(folder, error=str(exc)))
                log.error("%s/%s: %s", mailbox.name, folder, exc)
    finally:
        if own:
            close(client)
    finish_history(store, report, ctx.first_sync_hook)
    if first:
        store.mark_first_synced(mailbox.name)
    return report


def finish_history(store: Store, report: SyncReport, first_sync_hook: FirstSyncHook | None) -> None:
    """After a folder's first complete sync (the mailbox's first, or a folder added or recovered
    later), summarise its history, then let its mail count as live. In that order: a crash in
    between repeats the (idempotent) summary rather than losing it."""
    done = [f.folder for f in report.folders if f.history and f.error is None]
    if not done:
        return
    if first_sync_hook is not None:
        first_sync_hook(report)
    for folder in done:
        store.mark_folder_synced(report.mailbox, folder)
