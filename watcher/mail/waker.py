"""The wake-up an IDLE worker polls beside its socket, so that a stop or a recheck ends a wait at once.

Why a module of its own: it is an operating-system primitive (see `Waker`) that knows nothing of
IMAP and has a locking argument of its own, and push.py's IDLE workers read as IMAP without it.
Polled rather than a flag looked at on a timer: a thousand folders in IDLE would otherwise spend
a tenth of a core waking up to check one (push.py).
"""

from __future__ import annotations

import contextlib
import os
import threading


class Waker:
    """A file descriptor that turns readable on `set()` and stays so: a worker polls it together
    with its IMAP socket, so a stop interrupts a wait of any length. An eventfd (one descriptor)
    where the OS has it, else a pipe. Locked: `set()` from another thread must never write to a
    descriptor number that `close()` has freed (and the kernel may have reused)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._closed = False
        if hasattr(os, "eventfd"):
            self._read = self._write = os.eventfd(0, os.EFD_CLOEXEC | os.EFD_NONBLOCK)
        else:  # pragma: no cover - not Linux
            self._read, self._write = os.pipe()
            os.set_blocking(self._write, False)

    def fileno(self) -> int:
        return self._read

    def set(self) -> None:
        with self._lock, contextlib.suppress(BlockingIOError):  # already readable: nothing to add
            if not self._closed:
                os.write(self._write, (1).to_bytes(8, "little"))  # eventfd takes an 8-byte count

    def clear(self) -> None:
        """Readable no more (a recheck was taken); a stop is never lost: `stopping` is set first."""
        with self._lock, contextlib.suppress(BlockingIOError):  # not readable: nothing to take
            if not self._closed:
                os.read(self._read, 8)

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                os.close(self._read)
                if self._write != self._read:
                    os.close(self._write)


__all__ = ["Waker"]
