"""A folder's chunks decided ahead on other connections.

Why (issue 10, round 4): a first sync handles its UIDs in chunks of 2,000, one after the other:
deciding (header FETCH, triage, BODYSTRUCTURE, partial views: `views.decide_chunk`), then bodies,
classify, store. While the server answered, Python waited; while Python classified and stored,
the server idled. With more than one chunk, `Ahead` runs up to WORKERS threads, each on a
connection of its own, that decide chunks 1, 2... (at most AHEAD beyond the one being stored:
bounded memory) while the sync decides chunk 0 itself and then fetches the bodies of, classifies
and stores each chunk in order. Over a link with round trips and a few MB/s (`imap_bench.py
--link 4,40`) the deciding's waits were most of a first sync: the engine went from 11.6 to 7.0 s.
On the bench's loopback Dovecot the server answers in ms and the threads' CPU takes turns with
the sync's under the GIL: the sync after start went from 2.51 to 2.27 s (same build, threads
off/on), within the noise of a whole-process run on the shared machine.

Measured and dropped (BENCHMARKS.md, issue 10 round 4): the header FETCH alone ahead (the
partial views' round trips were the largest wait left); one thread (over the slow link the sync
then waited 3.8 s for it); the thread reading raw answers for the sync to parse. Pipelining on
the sync's own connection: answers come in the order asked, so the overlap would be only the
triage, and every command of mail.views (imapclient's fallbacks included) would have to know of
a pending answer.

Why it is safe: the threads only read and decide; chunks are handed over, and so stored, in
ascending order, one at a time, and the watermark moves as before. Whatever goes wrong on a
thread's connection (a provider that allows one login at a time, a dropped link, another
UIDVALIDITY) hands its chunk back to the sync, which decides it itself, with one log line: the
same plans, never a chunk lost or given twice. On any exit (end, error, stop) the threads are
stopped and joined, and their connections closed.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Generic, TypeVar

from imapclient import IMAPClient

log = logging.getLogger(__name__)

WORKERS = 2  # connections deciding ahead, besides the sync's own
AHEAD = WORKERS + 1  # chunks beyond the one being stored that may be decided or in the deciding
# Extra connections the whole process may hold for deciding ahead: a service starting the first
# sync of many large mailboxes at once must not open three connections per mailbox (providers
# limit sessions per account and per IP). A sync that gets no slot decides on its own connection.
SLOTS = threading.BoundedSemaphore(8)
WAIT = 0.2  # seconds between stop checks while the sync waits for a chunk


def take_slots(wanted: int) -> int:
    """Up to `wanted` of SLOTS, as many as are free now (never waits); how many were taken.
    Whoever takes them gives each back with `SLOTS.release()` when its connection is closed."""
    taken = 0
    while taken < wanted and SLOTS.acquire(blocking=False):
        taken += 1
    return taken
T = TypeVar("T")


@dataclass(frozen=True)
class Second:
    """How the prefetcher gets its own connection to the folder being synced."""

    connect: Callable[[], IMAPClient]  # session.connect for the mailbox: secrets kept out of errors
    close: Callable[[IMAPClient], None]  # session.close: never raises
    folder: str
    uidvalidity: int  # as the sync's EXAMINE saw it: the second one must see the same
    label: str  # "mailbox/folder", for the log


class Failed(Exception):
    """A prefetch connection gave up (another UIDVALIDITY): the sync does its chunks itself."""


class Ahead(Generic[T]):
    """`work(connection, uids)` for chunks 1, 2... of a folder, done in order of index by up to
    `workers` threads, each on a connection of its own, at most AHEAD chunks beyond the one the
    sync is storing, while the sync does chunk 0 itself (the logins overlap it) and then takes the
    others in order: `get(n)`. None for chunk 0, without `second` (one chunk: no connection
    opened), and for a chunk no thread will deliver (its thread failed, or all did: one log
    line): the sync then does it itself. Leaving the context stops and joins the threads, their
    connections closed."""

    def __init__(self, chunks: list[list[int]], work: Callable[[IMAPClient, list[int]], T],
                 check_stop: Callable[[], None], second: Second | None = None,
                 workers: int = WORKERS) -> None:
        self.chunks, self.work, self.check_stop, self.second = chunks, work, check_stop, second
        self.cond = threading.Condition()  # guards everything below
        self.claim, self.taken = 1, 0  # the next chunk a thread may take up; the one being stored
        self.done: dict[int, T] = {}
        self.lost: set[int] = set()  # taken up by a thread that then failed
        self.failures: list[str] = []
        self.said = False  # the one log line
        self.stopping = False
        self.open: list[IMAPClient] = []  # the threads' connections
        count = 0 if second is None else min(workers, len(chunks) - 1)
        label = "" if second is None else second.label
        self.threads = [threading.Thread(target=self._run, name=f"prefetch {label} {i}", daemon=True)
                        for i in range(count)]
        self.alive = count

    def __enter__(self) -> Ahead[T]:
        granted = take_slots(len(self.threads))
        self.threads, self.alive = self.threads[:granted], granted  # each thread gives its slot back
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop(cut=kind is not None)

    def get(self, n: int) -> T | None:
        """Chunk n's work, done ahead; None: the caller does it. Chunks are asked for in order."""
        if n == 0 or not self.threads:
            return None
        with self.cond:
            self.taken = n
            self.cond.notify_all()
            while n not in self.done and n not in self.lost and self.alive:
                self.cond.wait(WAIT)
                self.check_stop()
            self._say()
            return self.done.pop(n, None)

    def stop(self, cut: bool = True) -> None:
        """Stop the threads and wait for them, their connections closed; idempotent. With `cut`,
        a FETCH in flight is cut short by shutting its socket down: a stop must not wait for the
        server. Without (every chunk taken), the threads are only logging out."""
        with self.cond:
            self.stopping = True
            self.cond.notify_all()
            busy = list(self.open) if cut else []
        for other in busy:
            with contextlib.suppress(Exception):
                socket.socket.shutdown(other.socket(), socket.SHUT_RDWR)  # the raw socket, TLS or not
        for thread in self.threads:
            if thread.is_alive():
                thread.join()
        with self.cond:
            self._say()  # a thread that failed after the sync's last chunk is said here

    def _say(self) -> None:
        """The one log line of a sync whose threads failed (the first failure; the caller holds cond)."""
        if self.failures and not self.said:
            self.said = True
            assert self.second is not None
            log.warning("%s: deciding chunks ahead on another connection failed, the sync does them "
                        "itself: %s", self.second.label, self.failures[0])

    def _run(self) -> None:
        """A thread: connect, EXAMINE, then take up the next chunk, in order, while the sync
        is at most AHEAD behind; any failure hands its chunk back to the sync."""
        assert self.second is not None
        second, other, n = self.second, None, None
        try:
            other = second.connect()
            with self.cond:
                self.open.append(other)
                if self.stopping:
                    return
            info = other.select_folder(second.folder, readonly=True)
            if int(info[b"UIDVALIDITY"]) != second.uidvalidity:
                raise Failed("UIDVALIDITY changed since the sync's EXAMINE")
            while (n := self._take_up()) is not None:
                got = self.work(other, self.chunks[n])
                with self.cond:
                    self.done[n] = got
                    n = None
                    self.cond.notify_all()
        except BaseException as exc:  # noqa: BLE001 - the sync logs it and does the chunk itself
            with self.cond:
                self.failures.append(f"{type(exc).__name__}: {exc}")
                if n is not None:
                    self.lost.add(n)
        finally:
            if other is not None:
                second.close(other)
            SLOTS.release()
            with self.cond:
                self.alive -= 1
                self.cond.notify_all()

    def _take_up(self) -> int | None:
        with self.cond:
            self.cond.wait_for(lambda: self.stopping or self.claim >= len(self.chunks)
                               or self.claim <= self.taken + AHEAD)
            if self.stopping or self.claim >= len(self.chunks):
                return None
            self.claim += 1
            return self.claim - 1
