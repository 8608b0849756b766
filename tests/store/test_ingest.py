"""Messages -> cases, events, outbox alerts and reminders, through the real store and classifier."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from sqlmodel import select

from watcher.core.classify import classify
from watcher.core.model import State
from watcher.settings import config
from watcher.store import casebook, ingest, outbox
from watcher.store.tables import AlertRow, CaseRow, EventRow, Store

CORPUS = Path(__file__).parents[1] / "corpus" / "shared"
NOW = datetime(2026, 10, 1, tzinfo=UTC)  # before every corpus mail: reminders are still ahead


def make_config(language: str = "zh", urls: tuple[str, ...] = ()) -> config.Config:
    return config.parse({"language": language, "notify": {"urls": list(urls)}})


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path}/t.db")


class Feeder:
    """Records corpus mails as an IMAP sync would, with the ingest callback."""

    def __init__(self, store: Store, cfg: config.Config, now: datetime = NOW) -> None:
        self.store, self.cfg, self.uid = store, cfg, 0
        self.callback = ingest.on_record(cfg, clock=lambda: now)

    def feed(self, name: str, mailbox: str = "main") -> int | None:
        """`name` in the shared corpus, or "<folder>/<name>" in another corpus folder."""
        raw = (CORPUS.parent / name if "/" in name else CORPUS / name).read_bytes()
        self.uid += 1
        row = self.store.record(mailbox, "INBOX", 1, self.uid, classify(raw),
                                content_hash=hashlib.sha256(raw).hexdigest(), size=len(raw),
                                on_record=self.callback)
        return row.id if row else None


def alerts(store: Store) -> list[AlertRow]:
    with store.session() as s:
        return list(s.exec(select(AlertRow).order_by(AlertRow.id)))


def live(store: Store, cfg: config.Config) -> Feeder:
    store.mark_folder_synced("main", "INBOX")
    return Feeder(store, cfg)


def test_each_live_mail_gets_one_alert_with_the_next_action(store):
    cfg = make_config()
    feeder = live(store, cfg)
    feeder.feed("siv_failed-en-plain.eml")
    feeder.feed("video_call_invitation-zh-plain.eml")
    events = [a for a in alerts(store) if a.purpose.startswith("event:")]
    assert [a.purpose for a in events] == ["event:siv_failed", "event:video_call_invitation"]
    assert [a.notify_type for a in events] == ["warning", "warning"]
    invite = events[1]
    assert "https://amazonxten.qualtrics.com/jfe/form/SV_43bxcsh7rg71Y31" in invite.body
    assert "A338EZF90LH13C" in invite.body
    assert "hongyuan.store2026@163.com" in invite.title + invite.body
    (case,) = casebook.list_cases(store, cfg)
    assert case.view.state == State.VIDEO_CALL_INVITED
    assert case.to_json()["deadline"] == "2026-11-03"


def test_restart_advised_alert_warns_not_to_reregister(store):
    cfg = make_config()
    live(store, cfg).feed("appeal_denied_restart-en-plain-1.eml")
    (alert,) = [a for a in alerts(store) if a.purpose.startswith("event:")]
    assert alert.notify_type == "failure"
    first_line = alert.body.strip().splitlines()[0]
    assert "客户拓展及运营经理" in alert.body
    assert "不要" in first_line and "注册" in first_line


def test_out_of_order_mail_gives_the_state_of_the_newest(store):
    cfg = make_config("en")
    feeder = live(store, cfg)
    feeder.feed("video_call_confirmation-en-plain.eml")   # sent 16 Nov
    feeder.feed("video_call_invitation-en-plain.eml")     # sent 4 Nov, arrives later
    (case,) = casebook.list_cases(store, cfg)
    assert case.view.state == State.VIDEO_CALL_SCHEDULED
    assert case.to_json()["appointment"] == "2026-11-20T15:00:00+08:00"
    assert case.seller_token == "A1QX7RZP0M4KDE"


def test_phishing_is_alerted_but_never_touches_a_case(store):
    cfg = make_config()
    feeder = live(store, cfg)
    feeder.feed("video_call_invitation-zh-phish-lookalike-domain.eml")
    (alert,) = alerts(store)
    assert alert.purpose == "phishing" and alert.notify_type == "failure"
    assert "疑似钓鱼" in alert.title + alert.body
    assert casebook.list_cases(store, cfg) == []


def test_other_mail_gets_no_alert_and_no_case(store):
    cfg = make_config()
    feeder = live(store, cfg)
    feeder.feed("other-zh-non-amazon-freight-quote.eml")
    assert alerts(store) == [] and casebook.list_cases(store, cfg) == []


def test_first_sync_sends_one_summary_per_case_not_one_per_mail(store):
    cfg = make_config()
    feeder = Feeder(store, cfg)  # mailbox not first-synced yet: history
    for name in ("siv_failed-en-plain.eml", "support_reply-en-case-received.eml",
                 "video_call_invitation-zh-plain.eml", "video_call_invitation-en-plain.eml",
                 "video_call_invitation-zh-phish-lookalike-domain.eml"):
        feeder.feed(name)
    assert [a for a in alerts(store) if not a.purpose.startswith("reminder:")] == []
    store.mark_first_synced("main")
    assert ingest.summarize_first_sync(store, cfg, "main", NOW) == 2
    assert ingest.summarize_first_sync(store, cfg, "main", NOW) == 0  # a rerun adds nothing
    summaries = [a for a in alerts(store) if a.purpose == "summary"]
    assert len(summaries) == 2
    assert not [a for a in alerts(store) if a.purpose == "phishing"]


def test_duplicate_mail_is_not_alerted_twice(store):
    cfg = make_config()
    feeder = live(store, cfg)
    assert feeder.feed("siv_failed-en-plain.eml") is not None
    assert feeder.feed("siv_failed-en-plain.eml") is None
    assert len([a for a in alerts(store) if a.purpose.startswith("event:")]) == 1


def test_reminders_follow_the_case_and_are_cancelled_when_it_moves_on(store):
    cfg = make_config()
    feeder = live(store, cfg)
    feeder.feed("video_call_invitation-zh-plain.eml")  # deadline 2026-11-03
    pending = {a.purpose: a.due_at for a in alerts(store) if a.status == "pending"}
    assert pending["reminder:deadline-7d"] == datetime(2026, 10, 27, 1, 0, tzinfo=UTC)  # 09:00 Shanghai
    assert {"reminder:deadline-3d", "reminder:deadline-1d"} <= pending.keys()
    feeder.feed("video_call_confirmation-zh-plain.eml")
    by_purpose = {a.purpose: a.status for a in alerts(store)}
    assert by_purpose["reminder:deadline-7d"] == "cancelled"
    assert by_purpose["reminder:appointment-24h"] == "pending"


def test_mark_booked_plans_the_no_confirmation_reminder(store):
    cfg = make_config()
    live(store, cfg).feed("video_call_invitation-en-plain.eml")
    (case,) = casebook.list_cases(store, cfg)
    casebook.mark(store, cfg, case.id, "booked", now=datetime(2026, 11, 5, 2, tzinfo=UTC))
    purposes = {a.purpose: a.status for a in alerts(store)}
    assert purposes["reminder:no-confirmation"] == "pending"
    assert purposes["reminder:deadline-7d"] == "cancelled"
    with pytest.raises(ValueError, match="unknown mark"):
        casebook.mark(store, cfg, case.id, "bookd")
    with pytest.raises(casebook.CaseNotFound):
        casebook.mark(store, cfg, 999, "booked")


def test_alerts_reach_a_real_json_receiver(store, http_receiver):
    http_receiver.start()
    cfg = make_config(urls=(http_receiver.url("hook"),))
    live(store, cfg).feed("appeal_denied_restart-en-plain-2.eml")
    report = outbox.deliver_pending(store, cfg)
    assert report.ok
    (body,) = [b for b in http_receiver.bodies() if "客户拓展及运营经理" in b["message"]]
    assert body["type"] == "failure"
    with store.session() as s:
        case = s.exec(select(CaseRow)).one()
    assert case.account == "wangjun_ecom@qq.com"
    assert json.loads(alerts(store)[0].delivered_targets)


def test_scheduled_alert_carries_the_meeting_link(store):
    cfg = make_config()
    live(store, cfg).feed("video_call_confirmation-en-plain.eml")
    (alert,) = [a for a in alerts(store) if a.purpose.startswith("event:")]
    assert "https://chime.aws/4827193650" in alert.body
    assert "2026-11-20" in alert.body and "15:00" in alert.body


def test_cases_group_by_token_first_then_by_address(store):
    from watcher.store.ingest import find_or_create_case

    with store.session() as s:
        a = find_or_create_case(s, "main", "Seller@QQ.com", None)
        assert find_or_create_case(s, "main", "seller@qq.com", "A1QX7RZP0M4KDE").id == a.id  # learns token
        assert find_or_create_case(s, "main", "agent@agency.com", "A1QX7RZP0M4KDE").id == a.id
        assert find_or_create_case(s, "main", "other@qq.com", None).id != a.id
        assert find_or_create_case(s, "other-mailbox", "seller@qq.com", None).id != a.id


def test_alerts_name_the_case_by_account_and_mark_accepts_it(store):
    cfg = make_config()
    live(store, cfg).feed("video_call_invitation-zh-plain.eml")
    (invite,) = [a for a in alerts(store) if a.purpose.startswith("event:")]
    assert "siv-watcher mark hongyuan.store2026@163.com booked" in invite.body
    record = casebook.mark(store, cfg, "HongYuan.Store2026@163.com", "booked",
                           now=datetime(2026, 10, 21, tzinfo=UTC))
    assert record.view.booked_at is not None
    with pytest.raises(casebook.CaseNotFound):
        casebook.get_case(store, cfg, "nobody@example.com")


def test_reminders_fire_at_their_time_and_stop_when_the_case_moves_on(store, http_receiver):
    http_receiver.start()
    cfg = make_config(urls=(http_receiver.url("hook"),))
    feeder = live(store, cfg)
    feeder.feed("video_call_invitation-zh-plain.eml")           # deadline 2026-11-03 (Shanghai)
    with store.session() as s:                                  # the event alert itself is not the point here
        for row in s.exec(select(AlertRow).where(AlertRow.purpose.startswith("event:"))):
            row.status = "delivered"
            s.add(row)
        s.commit()
    seven_days = datetime(2026, 10, 27, 1, 0, tzinfo=UTC)      # 09:00 Shanghai, deadline - 7 days
    outbox.deliver_pending(store, cfg, seven_days - timedelta(minutes=1))
    assert http_receiver.bodies() == []
    outbox.deliver_pending(store, cfg, seven_days + timedelta(minutes=1))
    (sent,) = http_receiver.bodies()
    assert "7" in sent["title"] and "2026-11-03" in sent["message"]

    feeder.feed("video_call_confirmation-zh-plain.eml")         # booked: the deadline reminders go
    day_before_call = datetime(2026, 10, 28, 2, 1, tzinfo=UTC)  # appointment 2026-10-29 10:00 Shanghai
    outbox.deliver_pending(store, cfg, day_before_call)
    titles = [b["title"] for b in http_receiver.bodies()[1:]]
    assert len(titles) == 1 and "截止" not in titles[0]

    outbox.deliver_pending(store, cfg, datetime(2026, 11, 2, tzinfo=UTC))  # the service was down
    assert len(http_receiver.bodies()) == 2, "a reminder whose appointment has passed is not sent"
    (expired,) = [a for a in alerts(store) if a.purpose == "reminder:appointment-1h"]
    assert expired.status == "cancelled" and expired.last_error.startswith("expired")


def test_a_late_reminder_still_goes_out_while_its_deadline_holds(store, http_receiver):
    http_receiver.start()
    cfg = make_config(urls=(http_receiver.url("hook"),))
    live(store, cfg).feed("video_call_invitation-zh-plain.eml")            # deadline 2026-11-03
    service_back = datetime(2026, 11, 2, 8, tzinfo=UTC)                    # 16:00 on the day before
    outbox.deliver_pending(store, cfg, service_back)
    titles = [b["title"] for b in http_receiver.bodies()]
    assert any("明天预约截止" in t for t in titles)                          # deadline-1d, 7 h late
    assert not any("7 天" in t or "3 天" in t for t in titles)                # their text is no longer true


def test_a_failing_due_reminder_survives_an_event_that_keeps_the_state(store, http_receiver):
    http_receiver.stop()                                                  # receiver down: refused
    cfg = make_config(urls=(http_receiver.url("hook"),))
    feeder = live(store, cfg)
    feeder.feed("video_call_invitation-zh-plain.eml")
    outbox.deliver_pending(store, cfg, datetime(2026, 10, 27, 2, tzinfo=UTC))  # deadline-7d fails
    feeder.callback = ingest.on_record(cfg, clock=lambda: datetime(2026, 10, 27, 3, tzinfo=UTC))
    feeder.feed("support_reply-en-case-received.eml")                     # keeps video_call_invited
    (seven,) = [a for a in alerts(store) if a.purpose == "reminder:deadline-7d"]
    assert (seven.status, seven.attempts) == ("pending", 1)


def test_mails_without_a_recipient_share_one_case(store):
    from watcher.store.ingest import UNKNOWN_ACCOUNT, find_or_create_case

    with store.session() as s:
        first = find_or_create_case(s, "main", None, None)
        assert find_or_create_case(s, "main", "", None).id == first.id
        assert first.account == UNKNOWN_ACCOUNT
        a = find_or_create_case(s, "main", None, "A1QX7RZP0M4KDE")   # Bcc'd sellers stay apart by token
        b = find_or_create_case(s, "main", "", "A2ZQ6TB1NW8PXK")
        assert len({first.id, a.id, b.id}) == 3 and b.seller_token == "A2ZQ6TB1NW8PXK"


def test_a_date_from_the_future_cannot_freeze_the_case(store, tmp_path):
    cfg = make_config()
    feeder = live(store, cfg)
    forged = (CORPUS / "siv_failed-en-plain.eml").read_bytes().replace(
        b"Date: Thu, 15 Oct 2026 02:14:37 -0700", b"Date: Fri, 01 Jan 2100 00:00:00 +0000")
    (tmp_path / "forged.eml").write_bytes(forged)
    feeder.feed(str(tmp_path / "forged.eml"))
    soon = format_datetime(datetime.now(UTC) + timedelta(hours=1)).encode()  # after the forgery arrived
    approved = (CORPUS / "siv_approved-zh-plain.eml").read_bytes().replace(
        b"Date: Mon, 02 Nov 2026 09:12:44 +0000", b"Date: " + soon)
    (tmp_path / "approved.eml").write_bytes(approved)
    feeder.feed(str(tmp_path / "approved.eml"))
    (case,) = casebook.list_cases(store, cfg)
    assert case.view.state == State.VERIFIED


def test_a_failing_appointment_reminder_survives_a_later_event(store, http_receiver):
    http_receiver.stop()
    cfg = make_config(urls=(http_receiver.url("hook"),))
    feeder = live(store, cfg)
    feeder.feed("video_call_confirmation-zh-plain.eml")                    # appointment 2026-10-29 10:00
    outbox.deliver_pending(store, cfg, datetime(2026, 10, 28, 2, 30, tzinfo=UTC))  # 24h reminder fails
    feeder.callback = ingest.on_record(cfg, clock=lambda: datetime(2026, 10, 28, 3, tzinfo=UTC))
    feeder.feed("support_reply-en-case-received.eml")
    (day_before,) = [a for a in alerts(store) if a.purpose == "reminder:appointment-24h"]
    assert (day_before.status, day_before.attempts) == ("pending", 1)


def test_a_verified_reply_to_a_stored_siv_mail_is_a_support_reply(store):
    cfg = make_config()
    feeder = live(store, cfg)
    feeder.feed("siv_failed-en-plain.eml")
    feeder.feed("links/other-en-thread-reply-in-reply-to.eml")
    feeder.feed("links/other-en-unverified-reply-in-reply-to.eml")  # not authenticated: stays other
    events = [a.purpose for a in alerts(store) if a.purpose.startswith("event:")]
    assert events == ["event:siv_failed", "event:support_reply"]
    rows = {r.message_id: r for r in store.messages()}
    assert rows["<links-1@email.amazonses.com>"].rule == "link:reply-to-siv-message"
    assert rows["<links-3@email.amazonses.com>"].kind == "other"
    (case,) = casebook.list_cases(store, cfg)
    assert case.view.state == State.APPEAL_OPEN


def test_a_verified_mail_citing_a_known_siv_case_id_is_a_support_reply(store):
    cfg = make_config()
    feeder = live(store, cfg)
    feeder.feed("links/other-en-case-id-follow-up.eml")  # no SIV mail with that case yet: other
    feeder.feed("appeal_denied_restart-en-plain-1.eml")
    feeder.uid += 1
    follow_up = (CORPUS.parent / "links" / "other-en-case-id-follow-up.eml").read_bytes()
    again = follow_up.replace(b"links-2@", b"links-2b@")
    store.record("main", "INBOX", 1, feeder.uid, classify(again), content_hash="x", size=len(again),
                 on_record=feeder.callback)
    kinds = [(r.message_id, r.kind, r.rule) for r in store.messages()]
    assert kinds[0][1] == "other"
    assert kinds[2] == ("<links-2b@email.amazonses.com>", "support_reply", "link:siv-case-id")


# -- a folder's first sync: one-by-one or in batches, the same cases and alerts ----------------

def corpus_items() -> list[tuple[int, object, str, int]]:
    """Every corpus mail, classified, as a first sync of one folder would record them. Dates are
    capped at NOW: an event of a mail without a Date, or dated after its arrival, takes the arrival
    time, which would differ between the two stores."""
    files = sorted(CORPUS.parent.rglob("*.eml"))
    return [(uid, replace(c, sent_at=min(c.sent_at or NOW, NOW)), hashlib.sha256(raw).hexdigest(), len(raw))
            for uid, p in enumerate(files, 1) for raw in [p.read_bytes()] for c in [classify(raw)]]


def first_sync(store: Store, cfg: config.Config, items: list, batch: int | None) -> int:
    """Record `items` as history (one transaction each, or `batch` per transaction), then summarise."""
    callback = ingest.on_record(cfg, clock=lambda: NOW)
    if batch is None:
        for uid, c, content_hash, size in items:
            store.record("main", "INBOX", 1, uid, c, content_hash=content_hash, size=size, on_record=callback)
    else:
        for start in range(0, len(items), batch):
            store.record_others("main", "INBOX", 1, items[start:start + batch], callback)
    return ingest.summarize_first_sync(store, cfg, "main", NOW, folders=["INBOX"])


def outcome(store: Store) -> tuple[list, list, list, list]:
    """Everything a first sync leaves, but the times of writing (a summary is due when written)."""
    with store.session() as s:
        return (
            [(a.key, a.purpose, a.status, a.title, a.body, a.expires_at, a.case_ref, a.message_ref,
              a.due_at if a.purpose.startswith("reminder:") else None)
             for a in s.exec(select(AlertRow).order_by(AlertRow.key))],
            [(c.id, c.account, c.seller_token) for c in s.exec(select(CaseRow).order_by(CaseRow.id))],
            [(e.id, e.case_ref, e.kind, e.sent_at, e.message_ref)
             for e in s.exec(select(ingest.EventRow).order_by(ingest.EventRow.id))],
            [(m.uid, m.kind, m.rule, m.case_ref, m.parse_error) for m in store.messages()],
        )


def test_a_first_sync_in_batches_leaves_what_one_transaction_per_mail_leaves(tmp_path):
    cfg = make_config()
    items = corpus_items()
    one_by_one, batched = Store(f"sqlite:///{tmp_path}/a.db"), Store(f"sqlite:///{tmp_path}/b.db")
    summaries = first_sync(one_by_one, cfg, items, batch=None)
    assert first_sync(batched, cfg, items, batch=50) == summaries
    expected = outcome(one_by_one)
    assert outcome(batched) == expected
    purposes = [a[1] for a in expected[0]]
    assert summaries >= 10 and purposes.count("summary") == summaries  # history: no alert per mail
    assert any(p.startswith("reminder:") for p in purposes)  # planned by the summary
    assert not any(p.startswith(("event:", "phishing")) for p in purposes)


def test_history_mail_plans_no_reminder_until_the_summary(store):
    cfg = make_config()
    Feeder(store, cfg).feed("video_call_invitation-zh-plain.eml")  # deadline 2026-11-03
    assert alerts(store) == []
    assert ingest.summarize_first_sync(store, cfg, "main", NOW) == 1
    pending = {a.purpose for a in alerts(store) if a.status == "pending"}
    assert pending == {"summary", "reminder:deadline-7d", "reminder:deadline-3d", "reminder:deadline-1d"}


KILL_SCRIPT = """
import sys, time
from tests.store.test_ingest import NOW, corpus_items, make_config
from watcher.store import ingest
from watcher.store.tables import Store
store, items = Store(sys.argv[1]), corpus_items()
callback = ingest.on_record(make_config(), clock=lambda: NOW)
def slow(session, row):  # the kill must land mid-sync, whatever the machine's speed
    time.sleep(0.01)
    callback(session, row)
for start in range(0, len(items), 20):
    store.record_others("main", "INBOX", 1, items[start:start + 20], slow)
"""


def test_kill_9_mid_first_sync_in_batches_then_resume_leaves_what_an_uninterrupted_one_leaves(tmp_path):
    cfg = make_config()
    items = corpus_items()
    reference = Store(f"sqlite:///{tmp_path}/ref.db")
    first_sync(reference, cfg, items, batch=None)
    db = f"sqlite:///{tmp_path}/k.db"
    store = Store(db)
    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, db], cwd=root,
                            env={**os.environ, "PYTHONPATH": str(root)})
    deadline = time.monotonic() + 60
    while len(store.messages()) < 40 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    state = store.folder_state("main", "INBOX")
    watermark = state.last_uid if state is not None else 0
    stored = {r.uid for r in store.messages()}
    assert 0 < watermark < len(items), "the kill must land mid-sync"
    assert stored <= set(range(1, watermark + 1))  # nothing above the watermark is committed
    assert alerts(store) == []  # history: nothing is alerted before the summary
    rest = [i for i in items if i[0] > watermark]  # what the next sync fetches again
    summaries = first_sync(store, cfg, rest, batch=20)
    assert summaries == sum(a[1] == "summary" for a in outcome(reference)[0])
    assert outcome(store) == outcome(reference)  # no mail lost or stored twice, no alert twice


def batch_item(uid: int, account: str, token: str | None = None):
    from watcher.core.model import Classification, Kind, SenderCheck

    c = Classification(kind=Kind.SIV_FAILED, sender_check=SenderCheck.VERIFIED,
                       message_id=f"<{uid}@amazon.com>", sent_at=NOW, account=account, seller_token=token)
    return uid, c, f"h{uid}", 1


@pytest.mark.parametrize("token", [None, "A1QX7RZP0M4KDE"])
def test_a_poison_mail_in_a_history_batch_leaves_no_case_behind_for_the_next(store, token):
    """The batch is tried without SAVEPOINTs, then redone with one per mail when a mail fails;
    the cases a batch remembers must not outlive the SAVEPOINT that made (or changed) them."""
    apply = ingest.on_record(make_config(), clock=lambda: NOW)

    def poisoned_at_2(session, row):
        apply(session, row)
        if row.uid == 2:
            raise KeyError("template")

    later = "new@qq.com" if token is None else "old@qq.com"  # a new case, or a token for the old one
    items = [batch_item(1, "old@qq.com"), batch_item(2, later, token), batch_item(3, later, token)]
    assert store.record_others("main", "INBOX", 1, items, poisoned_at_2) == [True, True, True]
    with store.session() as s:
        cases = {c.id: c for c in s.exec(select(CaseRow))}
        events = s.exec(select(EventRow)).all()
    messages = {m.uid: m for m in store.messages()}
    assert messages[2].parse_error == "processing failed: KeyError" and messages[2].case_ref is None
    assert messages[1].case_ref in cases and messages[3].case_ref in cases
    assert sorted((e.message_ref, e.case_ref) for e in events) == sorted(
        (messages[u].id, messages[u].case_ref) for u in (1, 3))
    if token is None:
        assert sorted(c.account for c in cases.values()) == ["new@qq.com", "old@qq.com"]
    else:  # mail 2's token was rolled back; mail 3 teaches it again
        assert [(c.account, c.seller_token) for c in cases.values()] == [("old@qq.com", token)]
