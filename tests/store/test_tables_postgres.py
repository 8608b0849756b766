"""The same store and case logic on PostgreSQL: the README offers it for a shared database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import SQLModel

from tests.postgres import postgres_url  # noqa: F401  (fixture)
from tests.store.test_ingest import Feeder, alerts, make_config
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
