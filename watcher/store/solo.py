"""SQLite: one watcher per database file, enforced by an OS lock (flock) on `<database>.lock`
next to the file, released by the kernel even after kill -9; a second `run` is refused with one
line (exit code 3). `Solo` is the SQLite side of roster.membership: it holds every mailbox and
claims no alerts, with the same interface as leases.Cluster (PostgreSQL)."""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from sqlalchemy.engine import make_url

from watcher.store.columns import utcnow
from watcher.store.tables import OnRecord, Store, StoreError


class Solo:
    """One watcher per database: holds every mailbox; an OS lock keeps a second `run` out."""

    claims_alerts = False

    def __init__(self, store: Store, mailboxes: Sequence[str]) -> None:
        self.store, self.mailboxes = store, list(dict.fromkeys(mailboxes))
        self.path = lock_path(store.url)
        self.held: set[str] = set()
        self._fd: int | None = None

    def start(self, on_gain: Callable[[list[str]], None], on_loss: Callable[[list[str]], None]) -> None:
        self._lock()
        self.held = set(self.mailboxes)
        on_gain(list(self.mailboxes))

    def stop(self) -> None:
        self.held.clear()
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None

    @contextlib.contextmanager
    def once(self) -> Iterator[set[str]]:
        self._lock()
        try:
            self.held = set(self.mailboxes)
            yield set(self.held)
        finally:
            self.stop()

    def fresh(self) -> bool:
        return True

    def fence(self, on_record: OnRecord | None) -> OnRecord | None:
        return on_record

    def _lock(self) -> None:
        if self.path is None or self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.read(fd, 200).decode("utf-8", "replace").strip() or "another process"
            os.close(fd)
            raise StoreError(f"database.url: {self.path.with_suffix('')} is in use by another siv-watcher "
                             f"({holder}); SQLite takes one watcher per database, use PostgreSQL to run "
                             "several") from None
        os.ftruncate(fd, 0)
        since = f"{utcnow():%Y-%m-%d %H:%M:%S}Z"
        os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}, since {since}\n".encode())
        self._fd = fd


def lock_path(url: str) -> Path | None:
    """`<database>.lock` next to a SQLite file; None for an in-memory database."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser().absolute().with_name(Path(database).name + ".lock")


def solo_holder(url: str) -> str | None:
    """Who holds a SQLite database's lock ('pid 12 on host, since …'), or None when no watcher runs."""
    path = lock_path(url)
    if path is None or not path.exists():
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return os.read(fd, 200).decode("utf-8", "replace").strip() or "a running watcher"
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)
