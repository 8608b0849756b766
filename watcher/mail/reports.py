"""What a sync did, per folder and per mailbox: plain counts the shell logs, tests and benchmarks read.

Why a module of its own: a chunk's deciding (`views.decide_chunk`) counts into a FolderReport in
a process that does not import the store (`mail.decider`); imap.py imports the store.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FolderReport:
    folder: str
    uidvalidity: int = 0
    uidnext: int | None = None  # as EXAMINE said it; with uidvalidity, what `sync_folder(seen=)` takes
    first_sync: bool = False
    uids_seen: int = 0
    headers_fetched: int = 0
    bodies_fetched: int = 0
    bytes_fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    commands: int = 0
    stored_uids: list[int] = field(default_factory=list)
    partials_fetched: int = 0  # partial views (BODYSTRUCTURE + first text bytes) read
    notices: int = 0  # Amazon notices settled by their headers
    error: str | None = None
    history: bool = False  # the folder's first complete sync: what it finds is old mail

    def add(self, counts: FolderReport) -> None:
        """Add the counts of a chunk's deciding (`views.decide_chunk`, maybe done elsewhere)."""
        for name in ("commands", "headers_fetched", "bytes_fetched", "notices", "partials_fetched"):
            setattr(self, name, getattr(self, name) + getattr(counts, name))


@dataclass
class SyncReport:
    """What one sync of a mailbox did; benchmarks read bytes_fetched, tests read bodies_fetched."""

    mailbox: str
    first_sync: bool = False
    folders: list[FolderReport] = field(default_factory=list)
    error: str | None = None
    idle: bool = False  # the server offers IDLE (the watcher then pushes instead of polling)

    def total(self, name: str) -> int:
        return sum(getattr(f, name) for f in self.folders)

    @property
    def ok(self) -> bool:
        return self.error is None and not any(f.error for f in self.folders)
