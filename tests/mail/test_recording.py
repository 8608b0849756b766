"""Recording: live mail a case can take is committed at once; a first sync's mail waits for its batch."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from watcher.core.model import Classification, Kind, SenderCheck
from watcher.mail.imap import SyncContext
from watcher.mail.recording import CASE_BATCH, Others, record_mail
from watcher.mail.reports import FolderReport
from watcher.settings.config import MailboxConfig, ScheduleConfig
from watcher.store.tables import OnRecord, Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path}/r.db")


def mail(uid: int, kind: Kind) -> tuple[bytes, Classification]:
    return (f"mail {uid}".encode(),
            Classification(kind=kind, sender_check=SenderCheck.VERIFIED, message_id=f"<{uid}@amazon.com>",
                           sent_at=datetime(2026, 10, 1, tzinfo=UTC)))


def recorder(store: Store, mails: dict[bytes, Classification], history: bool,
             on_record: OnRecord | None = None) -> tuple[FolderReport, Others]:
    box = MailboxConfig(name="m", host="127.0.0.1", username="u", password_env="SIV_TEST_UNUSED")

    def classify(raw: bytes, *, tz: str | None, authserv_ids: object) -> Classification:
        return mails[raw]

    ctx = SyncContext(box, store, ScheduleConfig(), on_record=on_record, classify=classify)
    rep = FolderReport("INBOX", uidvalidity=1, history=history)
    return rep, Others(ctx, rep, "INBOX")


def record(others: Others, uid: int, raw: bytes) -> None:
    record_mail(others.ctx, others.rep, "INBOX", uid, raw, len(raw), others)


def stored(store: Store) -> list[int]:
    return [r.uid for r in store.messages()]


def test_live_mail_a_case_can_take_is_committed_at_once_after_the_batch_below_it(store):
    mails = dict([mail(1, Kind.OTHER), mail(2, Kind.SIV_FAILED)])
    rep, others = recorder(store, mails, history=False)
    (raw1, _), (raw2, _) = mails.items()
    record(others, 1, raw1)
    assert stored(store) == []  # `other` mail no case can take waits for its batch
    record(others, 2, raw2)
    assert stored(store) == [1, 2]  # the batch below it first: the watermark never passes it
    assert store.folder_state("m", "INBOX").last_uid == 2 and rep.stored_uids == [1, 2]


def test_a_first_syncs_mail_waits_for_its_batch(store):
    mails = dict([mail(1, Kind.SIV_FAILED), mail(2, Kind.VIDEO_CALL_INVITATION)])
    rep, others = recorder(store, mails, history=True)
    for uid, raw in enumerate(mails, 1):
        record(others, uid, raw)
    assert stored(store) == [] and store.folder_state("m", "INBOX") is None
    others.flush()
    assert stored(store) == [1, 2] and store.folder_state("m", "INBOX").last_uid == 2


def test_a_batch_with_case_work_is_written_after_case_batch_mails(store):
    mails = dict(mail(uid, Kind.SIV_FAILED) for uid in range(1, CASE_BATCH + 1))
    seen: list[int] = []
    rep, others = recorder(store, mails, history=True, on_record=lambda session, row: seen.append(row.uid))
    for uid, raw in enumerate(mails, 1):
        assert stored(store) == []
        record(others, uid, raw)
    assert stored(store) == list(range(1, CASE_BATCH + 1)) and seen == stored(store)
