"""First-sync progress: a bar per folder on a terminal, periodic log lines otherwise.

A first sync of a large mailbox can take a while; a seller watching a terminal should see it
move, and a service under systemd should leave a trace in the journal without flooding it.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from typing import Any, TextIO

log = logging.getLogger(__name__)
LOG_EVERY = 10.0  # seconds between log lines when there is no terminal


class FirstSyncProgress:
    """Callable as `imap.Progress`: (mailbox, folder, done, total)."""

    def __init__(self, stream: TextIO | None = None, clock: Any = time.monotonic) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.clock = clock
        self._lock = threading.Lock()  # IDLE workers and poll jobs run in their own threads
        self._bar: Any = None
        self._tasks: dict[tuple[str, str], Any] = {}
        self._last_log: dict[tuple[str, str], float] = {}

    def __call__(self, mailbox: str, folder: str, done: int, total: int) -> None:
        with self._lock:
            if self.tty:
                self._draw(mailbox, folder, done, total)
            else:
                self._log(mailbox, folder, done, total)

    def _draw(self, mailbox: str, folder: str, done: int, total: int) -> None:
        from rich.console import Console
        from rich.progress import Progress

        if self._bar is None:
            self._bar = Progress(console=Console(file=self.stream), transient=False)
            self._bar.start()
        key = (mailbox, folder)
        if key not in self._tasks:
            self._tasks[key] = self._bar.add_task(f"{mailbox}/{folder}", total=max(total, 1))
        self._bar.update(self._tasks[key], completed=done if total else 1)
        if all(t.finished for t in self._bar.tasks):
            self._bar.stop()
            self._bar, self._tasks = None, {}

    def _log(self, mailbox: str, folder: str, done: int, total: int) -> None:
        key, now = (mailbox, folder), self.clock()
        first, finished = key not in self._last_log, done >= total
        if first or finished or now - self._last_log[key] >= LOG_EVERY:
            log.info("%s/%s: first sync %d/%d messages checked", mailbox, folder, done, total)
            self._last_log[key] = now
        if finished:
            self._last_log.pop(key, None)
