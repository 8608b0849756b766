"""The store: one transaction per message, duplicates dropped, a poison message never stalls a folder."""

from datetime import UTC, datetime

import pytest

from watcher.model import Classification, Kind, SenderCheck
from watcher.store import EventRow, Store


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
