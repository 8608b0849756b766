"""A large first sync's chunks decided in another process, beside the sync (issue 10, round 5).

Why: on a fast link a first sync is CPU-bound: ~3.3 s of Python for a 20,000-mail seller folder,
all under one interpreter lock, where mail.prefetch's threads can overlap waits but not CPU.
Deciding (header FETCH, header filter, BODYSTRUCTURE, partial views) is about half of it and
needs neither the store nor the classifier, so it can run on another core.

How: `warm()` starts multiprocessing's fork server when the service starts, before the service
imports the store, so the server's own imports (this module: imapclient, the header filter, the
partial views) run on the other core meanwhile. A folder's first sync with more than one chunk
then forks a decider from it (milliseconds, nothing to import): a process that runs
mail.prefetch.Ahead over chunks 1, 2... (its threads, each on a connection of its own, as in the
sync's own process) and sends each chunk's plans back in order through a pipe. The sync decides
chunk 0 itself, then fetches, classifies and stores every chunk in order and moves the watermark
exactly as before: the decider only reads.

Why a fork server and not a plain fork: the service has threads (the scheduler, IDLE workers);
forking it could copy a lock one of them holds. The fork server is single-threaded.

When anything goes wrong (no fork server, a decider that cannot start, dies, or whose logins are
refused), every chunk not delivered is decided by the sync itself, with one log line: the same
plans, never a chunk lost. Leaving the context ends the decider (killed when the sync stops or
fails, so it never waits for the server). At most PROCESSES deciders run at once in a process;
a sync that finds none free uses mail.prefetch's threads.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any

from imapclient import IMAPClient

from watcher.mail import prefetch
from watcher.mail.prefetch import WAIT, WORKERS, Ahead, Second
from watcher.mail.views import Decided

log = logging.getLogger(__name__)

Work = Callable[[IMAPClient, list[int]], Decided]


def _spare_cores() -> int:
    """CPUs this process may run on (a container's cpuset included), the sync's own aside: with
    none spare a decider would only take turns with the sync, at the cost of its imports."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(0, cores - 1)


PROCESSES = threading.BoundedSemaphore(_spare_cores())  # deciders at once in this process
# The fork server's imports: this module, and what a decider unpickles besides (session.connect
# and the mailbox's settings: pydantic, ~0.15 s), so a first sync does not wait for them.
PRELOAD = (__name__, "watcher.mail.session")
END_WAIT = 10.0  # seconds a finished decider may take to log out before it is killed
_server: list[Any] = []  # the fork server's context, once `warm` started it


def warm() -> bool:
    """Start the fork server now, with this module preloaded; False where the platform has none
    or no core is spare. Call it before importing the store: the server's imports then overlap
    the caller's."""
    if _server:
        return True
    if not _spare_cores():
        return False
    try:
        context = multiprocessing.get_context("forkserver")
    except ValueError:
        return False
    from multiprocessing import forkserver

    context.set_forkserver_preload(list(PRELOAD))
    try:
        forkserver.ensure_running()
    except OSError as exc:
        log.warning("no process to decide first-sync chunks in, syncs decide them themselves: %s", exc)
        return False
    _server.append(context)
    return True


def ahead(chunks: list[list[int]], work: Work, check_stop: Callable[[], None],
          second: Second) -> Ahead[Decided] | Decider:
    """What decides a folder's chunks after the first: a decider process when the fork server is
    warm and a process and connection slots are free, else mail.prefetch's threads (none for a
    single chunk). The decider's connections count against mail.prefetch.SLOTS too."""
    if len(chunks) < 2:
        return Ahead(chunks, work, check_stop)
    if _server and PROCESSES.acquire(blocking=False):
        slots = prefetch.take_slots(min(WORKERS, len(chunks) - 1))
        if slots:
            try:
                return Decider(chunks, work, check_stop, second, slots)
            except Exception as exc:  # noqa: BLE001 - pickling, the fork server gone: threads will do
                log.warning("%s: could not start a process to decide chunks, threads do: %s",
                            second.label, exc)
        for _ in range(slots):
            prefetch.SLOTS.release()
        PROCESSES.release()
    return Ahead(chunks, work, check_stop, second)


class Decider:
    """The sync's side of a decider process: `get(n)` as mail.prefetch.Ahead's, the chunk's
    plans or None (chunk 0; a chunk the decider did not deliver: the sync decides it). Started
    by `ahead`, which hands it a PROCESSES slot and `slots` of SLOTS, given back on exit."""

    def __init__(self, chunks: list[list[int]], work: Work, check_stop: Callable[[], None],
                 second: Second, slots: int) -> None:
        self.check_stop, self.label, self.slots = check_stop, second.label, slots
        self.done: dict[int, Decided | None] = {}
        self.failure: str | None = None
        self.said = False  # the one log line of a failure
        self.ended = False
        self.peak_rss_kb = 0  # the decider's, as it said at its end (benchmarks read it)
        self.reader, writer = _server[0].Pipe(duplex=False)
        self.process = _server[0].Process(target=_serve, args=(writer, chunks, work, second, self.slots),
                                          name=f"decider {second.label}", daemon=True)
        try:
            self.process.start()
        finally:
            writer.close()  # the decider holds the only writer: its end is our EOF

    def __enter__(self) -> Decider:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if kind is None:  # every chunk taken: let it log out and say its end
            while not self.ended and self.failure is None and self.reader.poll(END_WAIT):
                self._receive()
        if not self.ended:
            self.process.kill()  # a stop or an error must not wait for the server
        self.process.join(END_WAIT)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.reader.close()
        for _ in range(self.slots):
            prefetch.SLOTS.release()
        PROCESSES.release()
        self._say()

    def get(self, n: int) -> Decided | None:
        """Chunk n, as the decider sent it; chunks are asked for in order, as they are sent."""
        while n > 0 and n not in self.done and self.failure is None and not self.ended:
            if self.reader.poll(WAIT):
                self._receive()
            else:
                self.check_stop()
        self._say()
        return self.done.pop(n, None)

    def _receive(self) -> None:
        try:
            message = self.reader.recv()
        except (EOFError, OSError) as exc:
            self.failure = f"the process ended early ({type(exc).__name__})"
            return
        if message[0] == "chunk":
            self.done[message[1]] = message[2]
        elif message[0] == "log":
            logging.getLogger(message[1]).log(message[2], "%s (in the decider)", message[3])
        elif message[0] == "end":
            self.ended, self.peak_rss_kb = True, message[1]

    def _say(self) -> None:
        if self.failure is not None and not self.said:
            self.said = True
            log.warning("%s: deciding chunks in another process failed, the sync does them itself: %s",
                        self.label, self.failure)


def _serve(out: Connection, chunks: list[list[int]], work: Work, second: Second, workers: int) -> None:
    """The decider: mail.prefetch.Ahead over chunks 1.., each chunk sent as it is ready, in order
    (None for one its threads did not deliver); a full pipe holds it back, which bounds memory.
    Its warnings go to the sync's log through the pipe."""
    logging.getLogger().handlers[:] = [_Relay(out)]
    logging.getLogger().setLevel(logging.WARNING)
    with Ahead(chunks, work, lambda: None, second, workers=workers) as ahead:
        for n in range(1, len(chunks)):
            out.send(("chunk", n, ahead.get(n)))
    out.send(("end", _peak_rss_kb()))


class _Relay(logging.Handler):
    """A decider's log records, sent to the sync as (logger name, level, message)."""

    def __init__(self, out: Connection) -> None:
        super().__init__(logging.WARNING)
        self.out, self.sending = out, threading.Lock()  # Ahead's threads log too

    def emit(self, record: logging.LogRecord) -> None:
        with self.sending, contextlib.suppress(OSError):
            self.out.send(("log", record.name, record.levelno, record.getMessage()))


def _peak_rss_kb() -> int:
    """VmHWM of this process (Linux), 0 where /proc does not say."""
    with contextlib.suppress(OSError, StopIteration, ValueError):
        lines = Path("/proc/self/status").read_text().splitlines()
        return int(next(line.split()[1] for line in lines if line.startswith("VmHWM")))
    return 0
