"""Recording what a sync fetched: classify each mail, store it with its case work in a
transaction of its own, or in batches: `other` mail no case can take, and a folder's history.

Why batches: a seller's first sync stores hundreds of `other` mails (verification codes, notices
the filters could not settle) and hundreds of old SIV mails; one transaction each costs more than
the fetching. Live mail that a case can take stays one transaction each, committed at once: its
alert must not wait for a batch. Why the flush rules: the folder's watermark moves with every mail
recorded on its own, and it must never pass a mail that is not committed (a kill -9 then redoes
exactly the uncommitted tail).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from watcher.core.model import Classification
    from watcher.mail.imap import SyncContext
    from watcher.mail.reports import FolderReport

# Mails per transaction. The store's write lock, which live mail of every mailbox waits for, is
# held while a batch is written: ~0.5 ms per `other` mail, ~3 ms per mail with case work.
OTHERS_BATCH = 100
CASE_BATCH = 20


class Others:
    """Mail that need not be committed on its own, stored in batches: one transaction per
    OTHERS_BATCH mails, or CASE_BATCH with case work, instead of one each (`Store.record_others`:
    a poison mail's case work rolls back alone). Flushed before any mail is recorded on its own and
    before the watermark moves, so the watermark never passes an uncommitted mail."""

    def __init__(self, ctx: SyncContext, rep: FolderReport, folder: str) -> None:
        self.ctx, self.rep, self.folder = ctx, rep, folder
        self.items: list[tuple[int, Classification, str, int]] = []
        self.case_work = 0  # items the case callback may act on

    def add(self, uid: int, classification: Classification, content_hash: str, size: int) -> None:
        self.items.append((uid, classification, content_hash, size))
        self.case_work += self.ctx.on_record is not None and not caseless(classification)
        if len(self.items) >= OTHERS_BATCH or self.case_work >= CASE_BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.items:
            return
        # no case work in the batch (`other` mail only, as always outside a first sync): no callback
        on_record = self.ctx.on_record if self.case_work else None
        items, self.items, self.case_work = self.items, [], 0
        stored = self.ctx.store.record_others(self.ctx.mailbox.name, self.folder, self.rep.uidvalidity, items,
                                              on_record)
        for (uid, *_), new in zip(items, stored, strict=True):
            if not new:
                self.rep.duplicates += 1
            else:
                self.rep.stored += 1
                self.rep.stored_uids.append(uid)


def record_mail(ctx: SyncContext, rep: FolderReport, folder: str, uid: int, raw: bytes, size: int,
                others: Others | None = None) -> None:
    """Classify one fetched mail and store it: batched in `others` when no case can take it, or
    when it is history (the folder's first sync: no alert of its own, the summary follows)."""
    classification = ctx.classifier()(raw, tz=ctx.tz, authserv_ids=ctx.mailbox.authserv_ids)
    content_hash = hashlib.sha256(raw).hexdigest()
    if others is not None and (rep.history or caseless(classification)):
        others.add(uid, classification, content_hash, size or len(raw))
        return
    if others is not None:
        others.flush()  # record() moves the watermark to this UID: what is below must be committed
    row = ctx.store.record(ctx.mailbox.name, folder, rep.uidvalidity, uid, classification,
                           content_hash=content_hash, size=size or len(raw), on_record=ctx.on_record)
    if row is None:
        rep.duplicates += 1
    else:
        rep.stored += 1
        rep.stored_uids.append(uid)


def caseless(c: Classification) -> bool:
    """An `other` mail that no case can take: ingest.siv_link links only by references or case ID."""
    return c.kind.value == "other" and not c.references and not c.case_id and not c.parse_error
