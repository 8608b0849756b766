"""The same store and case logic on PostgreSQL: the README offers it for a shared database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import SQLModel

from tests.postgres import postgres_url  # noqa: F401  (fixture)
from tests.store.test_ingest import Feeder, alerts, corpus_items, first_sync, make_config, outcome
from tests.store.test_tables import alert_keys, item, keyed_alert
from watcher.core.model import State
from watcher.store import casebook
from watcher.store.tables import Store


@pytest.fixture
def pg_store(postgres_url) -> Store:  # noqa: F811
    store = Store(postgres_url)
    SQLModel.metadata.drop_all(store.engine)
    SQLModel.metadata.create_all(store.engine)
    yield store
    store.close()


def test_cases_alerts_and_watermarks_on_postgresql(pg_store):
    cfg = make_config()
    pg_store.mark_folder_synced("main", "INBOX")
    feeder = Feeder(pg_store, cfg)
    for name in ("siv_failed-en-plain.eml", "video_call_invitation-zh-plain.eml",
                 "video_call_confirmation-zh-plain.eml", "appeal_denied_restart-en-plain-2.eml",
                 "video_call_invitation-zh-phish-lookalike-domain.eml"):
        assert feeder.feed(name) is not None
    assert feeder.feed("siv_failed-en-plain.eml") is None                   # duplicate
    states = {c.account: c.view.state for c in casebook.list_cases(pg_store, cfg)}
    assert states == {"hongyuan.store2026@163.com": State.VIDEO_CALL_SCHEDULED,
                      "wangjun_ecom@qq.com": State.RESTART_ADVISED}
    record = casebook.get_case(pg_store, cfg, "hongyuan.store2026@163.com")
    assert record.to_json()["appointment"] == "2026-10-29T10:00:00+08:00"  # time zones survive
    purposes = [a.purpose for a in alerts(pg_store)]
    assert purposes.count("phishing") == 1 and "event:appeal_denied_restart" in purposes
    assert pg_store.folder_state("main", "INBOX").last_uid == 6
    marked = casebook.mark(pg_store, cfg, record.id, "verified", now=datetime.now(UTC))
    assert marked.view.state == State.VERIFIED


def test_a_nul_in_a_forged_header_cannot_stall_the_folder(pg_store):
    from watcher.core.classify import classify

    raw = (b"From: Amazon <seller-verification@amazon.com>\r\nTo: s@qq.com\r\n"
           b"Subject: =?utf-8?q?Unable_to_verify=00_your_Selling_on_Amazon_account?=\r\n"
           b"Message-ID: <nul@amazon.com>\r\nDate: Mon, 02 Nov 2026 09:00:00 +0000\r\n\r\n"
           b"We were unable to complete the identity verification process.\r\n")
    row = pg_store.record("main", "INBOX", 1, 1, classify(raw), content_hash="h", size=len(raw))
    assert row is not None and "\x00" not in row.subject
    assert pg_store.folder_state("main", "INBOX").last_uid == 1


def test_a_poison_mail_in_a_batch_rolls_back_its_own_work_only_on_postgresql(pg_store):
    pg_store.record_others("m", "INBOX", 1, [item(1, "<1@a>", "h1"), item(2, "<2@a>", "h2"),
                                             item(3, "<3@a>", "h3")], keyed_alert(fail_uid=2))
    assert [(r.uid, r.parse_error) for r in pg_store.messages()] == [
        (1, None), (2, "processing failed: KeyError"), (3, None)]
    assert alert_keys(pg_store) == ["k1", "k3"]
    racing_key = IntegrityError("INSERT", {}, Exception("duplicate key value violates unique constraint"))
    with pytest.raises(IntegrityError):
        pg_store.record_others("m", "INBOX", 1, [item(4, "<4@a>", "h4"), item(5, "<5@a>", "h5")],
                               keyed_alert(fail_uid=5, error=racing_key))
    assert pg_store.folder_state("m", "INBOX").last_uid == 3  # nothing of the failed batch
    assert [r.uid for r in pg_store.messages()] == [1, 2, 3] and alert_keys(pg_store) == ["k1", "k3"]


def test_a_first_sync_in_batches_on_postgresql_leaves_what_sqlite_one_by_one_leaves(pg_store, tmp_path):
    cfg = make_config()
    items = corpus_items()
    sqlite = Store(f"sqlite:///{tmp_path}/a.db")
    assert first_sync(pg_store, cfg, items, batch=50) == first_sync(sqlite, cfg, items, batch=None)
    assert outcome(pg_store) == outcome(sqlite)


def test_a_nul_in_a_forged_message_id_cannot_stall_the_folder(pg_store):
    from watcher.core.classify import classify

    raw = (b"From: Amazon <seller-verification@amazon.com>\r\nTo: s@qq.com\r\n"
           b"Subject: Unable to verify your Selling on Amazon account\r\n"
           b"Message-ID: <n\x00ul@amazon.com>\r\nDate: Mon, 02 Nov 2026 09:00:00 +0000\r\n\r\n"
           b"We were unable to complete the identity verification process.\r\n")
    assert pg_store.record("main", "INBOX", 1, 1, classify(raw), content_hash="h", size=len(raw)) is not None
    assert pg_store.record("main", "INBOX", 1, 2, classify(raw), content_hash="h2", size=len(raw)) is None
    other = classify(raw.replace(b"<n\x00ul@", b"<n\x00ul2@"))
    assert pg_store.record_others("main", "INBOX", 1, [(3, classify(raw), "h3", len(raw)),
                                                       (4, other, "h4", len(raw))]) == [False, True]
    rows = pg_store.messages()
    assert [r.message_id for r in rows] == ["<nul@amazon.com>", "<nul2@amazon.com>"]
    assert rows[1].seen_at.tzinfo is not None and rows[1].kind == rows[0].kind  # the batch's one INSERT
    assert pg_store.folder_state("main", "INBOX").last_uid == 4
