"""The store: one transaction per message, duplicates dropped, a poison message never stalls a folder."""

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError

from watcher.core.model import Classification, Kind, SenderCheck
from watcher.store.tables import EventRow, Store


@pytest.fixture
def store(tmp_path):
    return Store(f"sqlite:///{tmp_path}/s.db")


def classification(message_id: str | None = "<m1@amazon.com>") -> Classification:
    return Classification(kind=Kind.SIV_FAILED, sender_check=SenderCheck.VERIFIED, message_id=message_id,
                          sent_at=datetime(2026, 10, 1, tzinfo=UTC))


def test_record_advances_the_watermark_and_drops_duplicates(store):
    assert store.record("m", "INBOX", 7, 3, classification(), content_hash="h1", size=10) is not None
    assert store.record("m", "Junk", 9, 1, classification(), content_hash="h1", size=10) is None
    assert store.record("m", "INBOX", 7, 4, classification(None), content_hash="h2", size=1) is not None
    assert store.record("m", "INBOX", 7, 5, classification(None), content_hash="h2", size=1) is None
    assert store.folder_state("m", "INBOX").last_uid == 5
    assert store.folder_state("m", "Junk").last_uid == 1
    assert len(store.messages("m")) == 2


def test_failed_callback_rolls_back_its_writes_but_keeps_the_message(store):
    def boom(session, row):
        session.add(EventRow(case_ref=None, kind="x", sent_at=datetime.now(UTC)))
        raise KeyError("template")

    row = store.record("m", "INBOX", 1, 1, classification(), content_hash="h", size=1, on_record=boom)
    assert row is not None and row.parse_error == "processing failed: KeyError"
    assert store.folder_state("m", "INBOX").last_uid == 1
    with store.session() as s:
        assert s.exec(EventRow.__table__.select()).all() == []


def test_uidvalidity_reset_starts_the_folder_over(store):
    store.advance("m", "INBOX", 1, 50)
    store.reset_folder("m", "INBOX", 2)
    state = store.folder_state("m", "INBOX")
    assert (state.uidvalidity, state.last_uid) == (2, 0)


def test_a_forged_date_cannot_poison_the_folder(store):
    forged = Classification(kind=Kind.SIV_FAILED, sender_check=SenderCheck.UNVERIFIED, message_id="<x@y>",
                            sent_at=datetime(9999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-12))))
    row = store.record("m", "INBOX", 1, 1, forged, content_hash="h", size=1)
    assert row is not None and row.sent_at is None
    assert store.folder_state("m", "INBOX").last_uid == 1


def test_a_database_error_in_the_callback_is_retried_not_swallowed(store):
    def racing_key(session, row):
        raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed: alert.key"))

    with pytest.raises(IntegrityError):
        store.record("m", "INBOX", 1, 1, classification(), content_hash="h", size=1, on_record=racing_key)
    assert store.folder_state("m", "INBOX") is None   # nothing committed: the next sync retries it
    assert store.messages() == []


def test_the_same_message_from_two_threads_is_stored_once(store):
    barrier = threading.Barrier(2)
    results = []

    def deliver(folder: str) -> None:
        barrier.wait()
        results.append(store.record("m", folder, 1, 1, classification(), content_hash="h", size=1))

    threads = [threading.Thread(target=deliver, args=(f,)) for f in ("INBOX", "[Gmail]/All Mail")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r is not None for r in results) == 1
    assert len(store.messages()) == 1
