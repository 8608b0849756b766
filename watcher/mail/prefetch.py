"""A folder's chunks decided ahead on a second connection, and how a chunk's headers are read.

Why (issue 10, round 4): a first sync handles its UIDs in chunks of 2,000, one after the other:
deciding (header FETCH, triage, BODYSTRUCTURE, partial views: `imap._decide`), then bodies,
classify, store. While the server answers, Python waited; while Python classified and stored,
the server idled. With more than one chunk, `Ahead` opens a second connection in a thread that
decides chunks 1, 2... (at most AHEAD ahead: bounded memory) while the sync does chunk 0 itself
and then fetches the bodies of, classifies and stores each chunk in order. Over a link with
round trips and a few MB/s (`imap_bench.py --link 4,40`) the deciding's waits are most of a
first sync, ~6 of ~10 s: the thread takes them off the sync's path (sync 10.3 -> 7.9 s). On the
bench's local Dovecot the server answers in ms and both threads mostly compute, taking turns
under the GIL: no gain there (within noise, perhaps +0.1 s of switching).

Measured and dropped (BENCHMARKS.md, issue 10 round 4): prefetching the headers only (the
thread read each answer unparsed, the sync parsed it) saved 1.7 s of the 2.4 s over that link;
the partial views' round trips were the largest wait left. Pipelining on the sync's own
connection: answers come in the order asked, so the overlap would be only the triage, and every
command of mail.views (imapclient's fallbacks included) would have to know of a pending answer.

Why it is safe: the thread only reads and decides; chunks are handed over, and so stored, in
ascending order, one at a time, and the watermark moves as before. Whatever goes wrong on the
second connection (a provider that allows one login at a time, a dropped link, another
UIDVALIDITY) falls back, with one log line, to the sync deciding the rest itself: the same
plans, never a chunk lost or given twice. On any exit (end, error, stop) the thread is stopped
and joined, and its connection closed.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import queue
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Generic, TypeVar

from imapclient import IMAPClient

from watcher.core.candidates import HEADER_FIELDS
from watcher.mail.views import item
from watcher.mail.wire import Unreadable, fetch_headers

log = logging.getLogger(__name__)

HEADER_FIELD_LIST = " ".join(HEADER_FIELDS).encode()
HEADER_ITEM = b"BODY.PEEK[HEADER.FIELDS (%s)]" % HEADER_FIELD_LIST
AHEAD = 1  # finished chunks waiting in the queue; one more is being fetched meanwhile
WAIT = 0.2  # seconds between stop checks while the sync waits for a chunk
T = TypeVar("T")


def read_headers(client: IMAPClient, uids: list[int]) -> dict[int, bytes]:
    """UID -> header bytes, read straight off the socket (mail.wire: imaplib and imapclient
    would spend ~0.8 s of a 20,000-mail first sync parsing); an answer that reader does not
    understand, or a UID missing from it, is asked again through imapclient. So is every chunk
    when imaplib or imapclient lacks a private part the reader leans on (AttributeError, raised
    before anything is sent): slower, but the same headers. No RFC822.SIZE: only candidates
    need it (mail.views asks), and on 20,000 mails it is 0.4 MB of answer."""
    try:
        return fetch_headers(client._imap, uids, HEADER_FIELD_LIST)
    except Unreadable:
        pass
    except AttributeError as exc:
        _slow_headers(str(exc))
    fetched = client.fetch(uids, [HEADER_ITEM])
    return {u: item(d, b"BODY[HEADER") or b"" for u, d in fetched.items()}


@functools.cache
def _slow_headers(reason: str) -> None:
    """Said once per reason and process, not once per chunk."""
    log.warning("header FETCH falls back to imapclient's parser (slower): %s", reason)


@dataclass(frozen=True)
class Second:
    """How the prefetcher gets its own connection to the folder being synced."""

    connect: Callable[[], IMAPClient]  # imap.connect for the mailbox: logged in, secrets kept out of errors
    close: Callable[[IMAPClient], None]  # imap.close: never raises
    folder: str
    uidvalidity: int  # as the sync's EXAMINE saw it: the second one must see the same
    label: str  # "mailbox/folder", for the log


class Failed(Exception):
    """The prefetcher gave up; the sync reads the remaining chunks itself."""


class Ahead(Generic[T]):
    """`work(connection, uids)` for chunks 1, 2... of a folder, done on a second connection in a
    thread at most AHEAD chunks ahead, while the sync does chunk 0 itself (the login overlaps it)
    and then takes the others in order: `get(n)`. None for chunk 0, without `second` (one chunk:
    no second connection), and once the thread has failed (one log line): the sync then does that
    chunk and the rest itself. Leaving the context stops and joins the thread, its connection
    closed."""

    def __init__(self, chunks: list[list[int]], work: Callable[[IMAPClient, list[int]], T],
                 check_stop: Callable[[], None], second: Second | None = None) -> None:
        self.chunks, self.work, self.check_stop, self.second = chunks, work, check_stop, second
        self.ready: queue.Queue[tuple[int, T] | BaseException] = queue.Queue(maxsize=AHEAD)
        self.stopping = threading.Event()
        self.other: IMAPClient | None = None  # the second connection, once open
        self.thread: threading.Thread | None = None
        self.failed = second is None

    def __enter__(self) -> Ahead[T]:
        if self.second is not None:
            name = f"prefetch {self.second.label}"
            self.thread = threading.Thread(target=self._run, name=name, daemon=True)
            self.thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def get(self, n: int) -> T | None:
        """Chunk n's work, done ahead; None: the caller does it."""
        if n == 0 or self.failed:
            return None
        try:
            got = self._next()
            if isinstance(got, BaseException):
                raise Failed(f"{type(got).__name__}: {got}")
            if got[0] != n:
                raise Failed(f"chunk {got[0]} came when chunk {n} was due")
            return got[1]
        except Failed as exc:
            assert self.second is not None
            log.warning("%s: working ahead on a second connection failed, the sync does the rest on its "
                        "own: %s", self.second.label, exc)
            self.failed = True
            self.stop()
            return None

    def stop(self) -> None:
        """Stop the thread and wait for it, its connection closed; idempotent. A FETCH in flight
        is cut short by shutting the socket down under it: a stop must not wait for the server."""
        self.stopping.set()
        thread, self.thread = self.thread, None
        if thread is None:
            return
        with contextlib.suppress(queue.Empty):
            while True:
                self.ready.get_nowait()  # a put blocked on a full queue sees `stopping` next
        other = self.other
        if other is not None and thread.is_alive():
            with contextlib.suppress(Exception):
                socket.socket.shutdown(other.socket(), socket.SHUT_RDWR)  # the raw socket, TLS or not
        thread.join()

    def _next(self) -> tuple[int, T] | BaseException:
        while True:
            try:
                return self.ready.get(timeout=WAIT)
            except queue.Empty:
                self.check_stop()
                if self.thread is None or not self.thread.is_alive() and self.ready.empty():
                    raise Failed("the prefetch thread ended early") from None

    def _run(self) -> None:
        """The thread: connect, EXAMINE, then each chunk's work, in order, into the queue."""
        assert self.second is not None
        second = self.second
        try:
            self.other = second.connect()
            if self.stopping.is_set():
                return
            info = self.other.select_folder(second.folder, readonly=True)
            if int(info[b"UIDVALIDITY"]) != second.uidvalidity:
                raise Failed("UIDVALIDITY changed since the sync's EXAMINE")
            for n in range(1, len(self.chunks)):
                if self.stopping.is_set():
                    return
                self._put((n, self.work(self.other, self.chunks[n])))
        except BaseException as exc:  # noqa: BLE001 - handed to the sync, which logs it and works alone
            self._put(exc)
        finally:
            if self.other is not None:
                second.close(self.other)

    def _put(self, got: tuple[int, T] | BaseException) -> None:
        while not self.stopping.is_set():
            with contextlib.suppress(queue.Full):
                self.ready.put(got, timeout=WAIT)
                return
