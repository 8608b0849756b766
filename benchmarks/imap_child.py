"""One contender of benchmarks/imap_bench.py, run as a fresh process: `engine` (the watcher's first
sync) or `naive` (fetch every mail whole and parse it with mail-parser). Prints one JSON line.

Why a file and not a `-c` string: the engine run also times its phases (process start and
imports, connect, SEARCH, header FETCH, BODYSTRUCTURE, partial views, whole bodies, classify,
store) and counts the bytes received in each, by wrapping the calls the sync makes from the
outside (imapclient's fetch/search, the header reader, the classifier, the store) and counting
what the socket's `recv_into` returns. Nothing in watcher/ knows it is being timed.

Run: `python benchmarks/imap_child.py engine|naive PORT PASSWORD_FILE DATABASE_URL`.
"""

from __future__ import annotations

import time

T0 = time.monotonic()

import contextlib  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import socket  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from collections import defaultdict  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402


class Phases:
    """Seconds and received bytes per phase; a phase is entered by a wrapped call and nested calls
    count for the outermost one (a FETCH inside the store would count as store).

    Threads (issue 10 round 4: mail.prefetch decides the chunks after the first on a thread of
    its own): each thread has its own outermost call and its own count of received bytes. A
    phase entered on another thread than the main one is named "<phase> (background)" and is not
    part of the main thread's wall time; what the sync waited for a chunk decided ahead shows as
    the main thread's "waiting for the chunk decided ahead"."""

    BACKGROUND = " (background)"

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.bytes: dict[str, int] = defaultdict(int)
        self.calls: dict[str, int] = defaultdict(int)
        self.by_thread: dict[int, int] = defaultdict(int)  # received bytes, by thread ident
        self.local = threading.local()

    @property
    def received(self) -> int:
        return sum(self.by_thread.values())

    def wrap(self, name: str | Callable[..., str], func: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if getattr(self.local, "active", None) is not None:
                return func(*args, **kwargs)
            phase = name(*args, **kwargs) if callable(name) else name
            if threading.current_thread() is not threading.main_thread():
                phase += self.BACKGROUND
            self.local.active = phase
            me = threading.get_ident()
            t, b = time.monotonic(), self.by_thread[me]
            try:
                return func(*args, **kwargs)
            finally:
                self.local.active = None
                self.seconds[phase] += time.monotonic() - t
                self.bytes[phase] += self.by_thread[me] - b
                self.calls[phase] += 1

        return timed

    def main_seconds(self) -> float:
        return sum(v for k, v in self.seconds.items() if not k.endswith(self.BACKGROUND))

    def count_socket(self) -> None:
        recv_into = socket.socket.recv_into

        def counting(sock: socket.socket, buffer: Any, *args: Any) -> int:
            n = recv_into(sock, buffer, *args)
            self.by_thread[threading.get_ident()] += n  # each thread writes its own key only
            return n

        socket.socket.recv_into = counting  # type: ignore[method-assign]


def fetch_phase(_client: Any, _uids: Any, items: Any, *args: Any, **kwargs: Any) -> str:
    text = b" ".join(i if isinstance(i, bytes) else str(i).encode() for i in items)
    if b"BODYSTRUCTURE" in text:
        return "bodystructure + size"
    if b"BODY.PEEK[]" in text or b"BODY.PEEK[HEADER]" in text:
        return "bodies (whole or text parts)"
    if b"HEADER" in text:
        return "header fetch"
    return "partial views"


def engine(port: int, pwfile: Path, db: str) -> dict[str, Any]:
    phases = Phases()
    phases.count_socket()
    deciders: list[Any] = []  # issue 10 round 5: chunks decided in another process (mail.decider)
    if os.environ.get("SIV_BENCH_DECIDER") != "0":  # as `siv-watcher run` does, before the store
        with contextlib.suppress(ImportError):  # trees before round 5 have no decider
            from watcher.mail import decider

            decider.warm()
            decider.Decider.get = phases.wrap("waiting for the chunk decided ahead", decider.Decider.get)  # type: ignore[method-assign]
            decider.Decider.__enter__ = lambda self: deciders.append(self) or self  # type: ignore[method-assign]
    from imapclient import IMAPClient

    from watcher.mail import imap
    from watcher.settings.config import Config, MailboxConfig, ScheduleConfig
    from watcher.store.tables import Store

    IMAPClient.fetch = phases.wrap(fetch_phase, IMAPClient.fetch)  # type: ignore[method-assign]
    IMAPClient.search = phases.wrap("search", IMAPClient.search)  # type: ignore[method-assign]
    try:  # issue 10 round 4: chunks after the first are decided ahead on a thread (mail.prefetch)
        from watcher.mail import prefetch

        prefetch.Ahead.get = phases.wrap("waiting for the chunk decided ahead", prefetch.Ahead.get)  # type: ignore[method-assign]
        if os.environ.get("SIV_BENCH_WORKERS"):  # imap_bench.py --workers: the same build, other threads
            prefetch.WORKERS = int(os.environ["SIV_BENCH_WORKERS"])
    except ImportError:
        pass
    try:  # the code before issue 10's second round has no mail.views: its phases show less
        from watcher.mail import views

        views.fetch_items = phases.wrap(fetch_phase, views.fetch_items)
        views.View.next_reads = phases.wrap("partial views (CPU)", views.View.next_reads)  # type: ignore[method-assign]
    except ImportError:
        pass
    # where the header FETCH and the header filter live moved between rounds: wrap them where they are
    for name, phase in (("fetch_headers", "header fetch"), ("triage", "header filter (CPU)")):
        for module in ("watcher.mail.views", "watcher.mail.prefetch", "watcher.mail.imap"):
            found = sys.modules.get(module)
            if found is not None and hasattr(found, name):
                setattr(found, name, phases.wrap(phase, getattr(found, name)))
                break
    for name in ("record", "record_others", "advance", "folder_state", "reset_folder", "first_synced",
                 "mark_first_synced", "mark_folder_synced"):  # every Store call a sync makes
        if hasattr(Store, name):
            setattr(Store, name, phases.wrap("store", getattr(Store, name)))
    box = MailboxConfig(name="bench", host="127.0.0.1", port=port, security="plain",
                        username="seller@example.com", password_file=pwfile, timeout=120)
    store = Store(db)
    config = Config(mailboxes=(box,), schedule=ScheduleConfig())
    ctx = imap.SyncContext.of(config, box, store, **service_work(config, store, phases))
    ctx.classify = phases.wrap("classify", ctx.classifier())  # loads the classifier: counted as start
    gc.freeze()  # as `siv-watcher run` does once its service is built (issue 10, round 5)
    started = time.monotonic()
    report = imap.sync_mailbox(ctx)
    synced = time.monotonic()
    found = [m.message_id for m in store.messages() if m.kind != "other"]
    timed = {k: round(v, 4) for k, v in phases.seconds.items()}
    timed["start (imports, store, classifier)"] = round(started - T0, 4)
    timed["rest (connect, folders, loops)"] = round(synced - started - phases.main_seconds(), 4)
    return {"fetched": [m.message_id for m in store.messages()], "helpers_rss_mb": helpers_rss_mb(deciders),
            "bytes_fetched": report.total("bytes_fetched"), "bodies": report.total("bodies_fetched"),
            "headers": report.total("headers_fetched"), "found": found,
            "partials": report.total("partials_fetched"), "notices": report.total("notices"),
            "phase_seconds": timed, "phase_bytes": dict(phases.bytes), "phase_calls": dict(phases.calls),
            "received": phases.received}


def helpers_rss_mb(deciders: list[Any]) -> float:
    """Peak RSS of the processes the engine started besides itself: the deciders (as each said at
    its end), multiprocessing's fork server and resource tracker (read while they still run)."""
    import multiprocessing.forkserver
    import multiprocessing.resource_tracker

    pids = [getattr(multiprocessing.forkserver._forkserver, "_forkserver_pid", None),
            getattr(multiprocessing.resource_tracker._resource_tracker, "_pid", None)]  # None: not started
    return (sum(d.peak_rss_kb for d in deciders) + sum(vmhwm_kb(pid) for pid in pids if pid)) / 1024


def vmhwm_kb(pid: int | str) -> int:
    """A process's peak RSS (VmHWM), 0 when it is gone. VmHWM, not ru_maxrss: Linux carries the
    parent's RSS into a child's ru_maxrss across exec."""
    with contextlib.suppress(OSError, StopIteration):
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
        return int(next(line.split()[1] for line in status if line.startswith("VmHWM")))
    return 0


def service_work(config: Any, store: Any, phases: Phases) -> dict[str, Any]:
    """What the service adds to a sync (app.service): the case logic of every stored mail, and after
    a first sync one summary alert per case with its reminders; both count as store. Until issue
    10's third round the engine ran a bare sync without them, which showed less store than a
    seller's first sync costs."""
    from watcher.store import ingest

    def summary(report: Any) -> None:
        folders = [f.folder for f in report.folders if f.history and f.error is None]
        ingest.summarize_first_sync(store, config, report.mailbox, folders=folders)

    return {"on_record": ingest.on_record(config), "first_sync_hook": phases.wrap("store", summary)}


def naive(port: int, pwfile: Path) -> dict[str, Any]:
    from datetime import date, timedelta

    import mailparser
    from imapclient import IMAPClient

    c = IMAPClient("127.0.0.1", port=port, ssl=False, timeout=120)
    c.login("seller@example.com", pwfile.read_text())
    found, nbytes = [], 0
    for folder in ("INBOX", "Junk"):
        c.select_folder(folder, readonly=True)
        uids = c.search(["SINCE", date.today() - timedelta(days=91)])
        for i in range(0, len(uids), 200):
            for _uid, data in c.fetch(uids[i:i + 200], [b"BODY.PEEK[]"]).items():
                raw = data[b"BODY[]"]
                nbytes += len(raw)
                mail = mailparser.parse_from_bytes(raw)
                if "amazon" in str(mail.from_).lower():
                    found.append(mail.message_id)
    c.logout()
    return {"bytes_fetched": nbytes, "found": found}


def main() -> None:
    mode, port, pwfile, db = sys.argv[1:5]
    out = engine(int(port), Path(pwfile), db) if mode == "engine" else naive(int(port), Path(pwfile))
    out["seconds_in_child"] = time.monotonic() - T0
    out["rss_mb"] = vmhwm_kb("self") / 1024
    print(json.dumps(out))


if __name__ == "__main__":
    main()
