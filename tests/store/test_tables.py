"""The store: one transaction per message, duplicates dropped, a poison message never stalls a folder."""

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from watcher.core.model import Classification, Kind, SenderCheck
from watcher.store.batches import new_row
from watcher.store.columns import message_values
from watcher.store.tables import AlertRow, CaseRow, EventRow, MessageRow, Store

T = datetime(2026, 10, 1, tzinfo=UTC)


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


# -- batches (`record_others`: `other` mail no case can take, and a folder's history) -----------

def item(uid: int, message_id: str | None, content_hash: str) -> tuple[int, Classification, str, int]:
    return uid, classification(message_id), content_hash, 1


def alert_keys(store: Store) -> list[str]:
    with store.session() as s:
        return sorted(s.exec(select(AlertRow.key)))


def keyed_alert(fail_uid: int | None = None, error: Exception | None = None):
    """A case callback that writes an alert named after the mail, and fails on `fail_uid`."""
    def on_record(session, row) -> None:
        session.add(AlertRow(key=f"k{row.uid}", purpose="event", notify_type="info", title="t", body="b"))
        session.flush()
        if row.uid == fail_uid:
            raise error or KeyError("template")

    return on_record


def test_a_batch_drops_duplicates_of_the_mailbox_and_of_its_own_earlier_items(store):
    store.record("m", "Junk", 9, 1, classification("<old@amazon.com>"), content_hash="h0", size=1)
    rows = store.record_others("m", "INBOX", 7, [
        item(1, "<old@amazon.com>", "hx"),   # stored before, from another folder
        item(2, "<a@amazon.com>", "ha"),
        item(3, "<a@amazon.com>", "hy"),     # the same Message-ID as item 2
        item(4, None, "hb"),
        item(5, None, "hb"),                 # no Message-ID, the same content as item 4
        item(6, None, "ha"),                 # the same content as item 2
        item(7, None, "h0"),                 # the same content as the stored one
        item(8, "<b@amazon.com>", "hb"),     # a Message-ID decides alone: not a duplicate
    ])
    assert rows == [False, True, False, True, False, False, False, True]
    assert len(store.messages("m")) == 4
    assert store.folder_state("m", "INBOX").last_uid == 8
    # and the one-by-one path agrees with what the batch stored
    assert store.record("m", "INBOX", 7, 9, classification("<b@amazon.com>"), content_hash="hz",
                        size=1) is None


def test_a_poison_mail_in_a_batch_rolls_back_its_own_work_only(store):
    stored = store.record_others("m", "INBOX", 1, [item(1, "<1@a>", "h1"), item(2, "<2@a>", "h2"),
                                                   item(3, "<3@a>", "h3")], keyed_alert(fail_uid=2))
    assert stored == [True, True, True]
    assert [(r.uid, r.parse_error) for r in store.messages()] == [
        (1, None), (2, "processing failed: KeyError"), (3, None)]
    assert alert_keys(store) == ["k1", "k3"]
    assert store.folder_state("m", "INBOX").last_uid == 3


@pytest.mark.parametrize("first", [True, False])
def test_a_database_error_in_a_batch_undoes_the_whole_batch(store, first):
    """Nothing of the batch is committed, the watermark included: the next sync redoes all of it.
    (With pysqlite, a SAVEPOINT opened before the batch's first write would have committed item 1.)"""
    racing_key = IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed: alert.key"))
    items = [item(1, "<1@a>", "h1"), item(2, "<2@a>", "h2")]
    with pytest.raises(IntegrityError):
        store.record_others("m", "INBOX", 1, items, keyed_alert(fail_uid=1 if first else 2, error=racing_key))
    assert store.folder_state("m", "INBOX") is None
    assert store.messages() == [] and alert_keys(store) == []


def test_new_row_stores_what_init_stores(store):
    """`new_row` skips SQLModel's __init__ for speed; the rows it writes must be the same."""
    values = message_values("m", "INBOX", 1, 1, classification(), "h1", 10)
    with store.session() as s:
        made = [MessageRow(**values), new_row(MessageRow, {**values, "uid": 2, "message_id": "<m2@x>"})]
        s.add_all(made)
        made[1].kind = Kind.SIV_APPROVED.value  # a change after making it is written too
        case = CaseRow(mailbox="m", account="a@b.c")
        s.add(case)
        s.flush()
        events = [EventRow(case_ref=case.ref, kind="x", sent_at=T, message_ref=made[0].id),
                  new_row(EventRow, {"case_ref": case.ref, "kind": "x", "sent_at": T})]
        assert events[1].created_at is not None  # defaults are there before the INSERT, as after __init__
        events[1].message = made[1]
        s.add_all(events)
        s.commit()
    with store.session() as s:
        rows = s.exec(select(MessageRow).order_by(MessageRow.uid)).all()
        stored = s.exec(select(EventRow).order_by(EventRow.id)).all()
    skip = {"id", "uid", "message_id", "kind"}
    assert [r.model_dump(exclude=skip) for r in rows[1:]] == [rows[0].model_dump(exclude=skip)]
    assert (rows[1].uid, rows[1].kind, rows[1].case_ref) == (2, "siv_approved", None)
    assert [e.message_ref for e in stored] == [rows[0].id, rows[1].id]
    assert all(e.created_at is not None for e in stored)
