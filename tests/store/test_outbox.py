"""The outbox against real receivers: exactly once, retries only what failed, no secret leaks."""

from __future__ import annotations

import json
import logging
import signal
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import apprise
import pytest
from sqlmodel import col, select

from tests.receivers import HttpReceiver
from watcher.core.alerts import AlertText
from watcher.settings.config import Config
from watcher.store.outbox import (
    BACKOFF_CAP,
    AlertDraft,
    add_alert,
    add_alerts,
    backoff,
    cancel_alerts,
    deliver_pending,
    retry_after,
)
from watcher.store.tables import AlertRow, CaseRow, Store
from watcher.store.targets import fingerprint, test_notify, validate_urls

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[2]
TOKEN = "tok-9f8e7d6c5b4a"
PATH_SECRET = "k3y-0a1b2c3d4e5f"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(f"sqlite:///{tmp_path / 'outbox.db'}")
    yield s
    s.close()


def queue(store: Store, key: str, **kw: object) -> None:
    """Write one alert the way ingest does: inside a transaction that then commits."""
    draft(store, key, **kw)


def draft(store: Store | None, key: str, **kw: object) -> AlertDraft:
    """An alert draft with the test's defaults; queued and committed when a store is given."""
    text = {"notify_type": "warning", "title": f"标题 {key}",
            "body": f"验证未通过 {key}\n下一步：通过卖家支持申诉"}
    fields: dict = {"purpose": "event:siv_failed", "due_at": T0}
    for name, value in kw.items():
        (text if name in text else fields)[name] = value
    made = AlertDraft(key=key, text=AlertText(**text), **fields)
    if store is not None:
        with store.session() as s:
            add_alert(s, made)
            s.commit()
    return made


def rows(store: Store) -> dict[str, AlertRow]:
    with store.session() as s:
        return {r.key: r for r in s.exec(select(AlertRow))}


def titles(receiver: HttpReceiver) -> list[str]:
    return sorted(b["title"] for b in receiver.bodies())


# -- writing -------------------------------------------------------------------------------


def test_add_alert_is_insert_if_absent_by_key(store: Store) -> None:
    KEY = "message:1:event"  # noqa: N806
    with store.session() as s:
        first = add_alert(s, draft(None, KEY, purpose="event:x", notify_type="info", title="a", body="b"))
        again = add_alert(s, draft(None, KEY, purpose="event:x", notify_type="info", title="c", body="d"))
        s.commit()
    with store.session() as s:
        third = draft(None, KEY, purpose="event:x", notify_type="info", title="e", body="f")
        assert add_alert(s, third) is None
    assert first is not None and again is None
    assert [r.title for r in rows(store).values()] == ["a"]


def test_add_alerts_skips_keys_stored_or_met_earlier_in_the_batch(store: Store) -> None:
    queue(store, "old", title="a")
    with store.session() as s:
        made = add_alerts(s, [draft(None, key, title=title) for key, title in
                              [("new", "b"), ("old", "c"), ("new", "d"), ("other", "e")]])
        s.commit()
    assert [row.title if row else None for row in made] == ["b", None, None, "e"]
    assert {key: r.title for key, r in rows(store).items()} == {"old": "a", "new": "b", "other": "e"}


def test_add_alert_belongs_to_the_callers_transaction(store: Store) -> None:
    with store.session() as s:
        add_alert(s, draft(None, "k", purpose="p", notify_type="info", title="t", body="b"))
        s.rollback()
    assert rows(store) == {}


def test_add_alert_rejects_an_unknown_notify_type(store: Store) -> None:
    with store.session() as s, pytest.raises(ValueError, match="notify_type"):
        add_alert(s, draft(None, "k", purpose="p", notify_type="urgent", title="t", body="b"))


SYNC_WITHOUT_APPRISE = """
import sys
from datetime import datetime, UTC
from watcher.app import service
from watcher.mail import imap
from watcher.core.alerts import AlertText
from watcher.settings.config import Config
from watcher.store import ingest, outbox, targets
from watcher.store.tables import Store

store = Store("sqlite:///outbox.db")
with store.session() as s:
    outbox.add_alert(s, outbox.AlertDraft(key="k", purpose="event:x", text=AlertText("t", "b", "info"),
                                          due_at=datetime(2999, 1, 1, tzinfo=UTC)))
    s.commit()
outbox.deliver_pending(store, Config(notify_urls=("json://127.0.0.1:9/",)))  # nothing due yet
print("apprise" in sys.modules, "sqlalchemy.dialects.postgresql" in sys.modules, "holidays" in sys.modules)
targets.validate_urls(["json://127.0.0.1:9/"])
print("apprise" in sys.modules)
"""


def test_a_sync_that_queues_alerts_does_not_import_apprise(tmp_path: Path) -> None:
    """Apprise and its plugins cost every start ~0.07 s: only sending or checking a URL loads it.
    (Nor does the service on SQLite import SQLAlchemy's PostgreSQL dialect: the cluster's only;
    nor `holidays`, ~0.04 s: only a booked case's confirmation deadline counts working days.)"""
    proc = subprocess.run([sys.executable, "-c", SYNC_WITHOUT_APPRISE], cwd=tmp_path, timeout=60,
                          capture_output=True, text=True, env={"PYTHONPATH": str(ROOT)})
    assert proc.stdout.split() == ["False", "False", "False", "True"], proc.stderr


def test_cancel_alerts_cancels_only_the_cases_pending_reminders(store: Store) -> None:
    with store.session() as s:
        a, b = CaseRow(mailbox="m", account="a@x"), CaseRow(mailbox="m", account="b@x")
        s.add_all([a, b])
        s.flush()
        for key, case, purpose in [("r1", a, "reminder:deadline-7d"), ("r2", a, "reminder:deadline-3d"),
                                   ("e1", a, "event:x"), ("r3", b, "reminder:deadline-7d")]:
            add_alert(s, draft(None, key, purpose=purpose, notify_type="info", case_ref=case.id))
        assert cancel_alerts(s, [a.id], keep={"r2"}) == 1
        s.commit()
    assert {k: r.status for k, r in rows(store).items()} == {
        "r1": "cancelled", "r2": "pending", "e1": "pending", "r3": "pending"}


# -- delivering ----------------------------------------------------------------------------


def test_delivers_to_json_and_mailto_with_chinese_intact(store, http_receiver, smtp_receiver) -> None:
    urls = (http_receiver.url(), smtp_receiver.url(to="seller@example.com"))
    queue(store, "k1", notify_type="failure", title="请勿重新注册", body="先联系客户拓展及运营经理\n第二行")
    report = deliver_pending(store, Config(notify_urls=urls), T0)

    assert report.delivered == ["k1"] and report.ok
    assert http_receiver.bodies() == [{"version": "1.0", "title": "请勿重新注册", "type": "failure",
                                       "message": "先联系客户拓展及运营经理\n第二行", "attachments": []}]
    (mail,) = smtp_receiver.messages
    assert mail.subject == "请勿重新注册"
    assert "先联系客户拓展及运营经理\n第二行" in mail.body.replace("\r\n", "\n")
    assert mail.rcpt_to == ["seller@example.com"] and smtp_receiver.logins == ["bot"]
    row = rows(store)["k1"]
    assert row.status == "delivered" and row.delivered_at is not None and row.last_error is None
    assert sorted(json.loads(row.delivered_targets)) == sorted(fingerprint(u) for u in urls)


def test_alert_is_not_sent_before_it_is_due(store, http_receiver) -> None:
    queue(store, "reminder", due_at=T0 + timedelta(days=1))
    config = Config(notify_urls=(http_receiver.url(),))
    assert deliver_pending(store, config, T0).delivered == []
    assert retry_after(store, T0) == T0 + timedelta(days=1)
    assert deliver_pending(store, config, T0 + timedelta(days=1)).delivered == ["reminder"]
    assert len(http_receiver.hits) == 1
    assert retry_after(store, T0) is None


def test_receiver_down_then_up_every_alert_arrives_exactly_once(store, http_receiver) -> None:
    url = f"json://bot:{TOKEN}@127.0.0.1:{http_receiver.port}/hook/{PATH_SECRET}"
    config = Config(notify_urls=(url,))
    for key in ("a", "b", "c"):
        queue(store, key)

    http_receiver.fail_next(3)  # the webhook answers 500 to all three
    report = deliver_pending(store, config, T0)
    assert report.failed == ["a", "b", "c"] and http_receiver.refused_by_500 == 3
    assert T0 < report.next_attempt_at <= T0 + BACKOFF_CAP

    http_receiver.stop()  # then refuses connections
    assert deliver_pending(store, config, T0 + timedelta(seconds=1)).failed == []  # backoff not over
    later = T0 + timedelta(hours=1)
    assert deliver_pending(store, config, later).failed == ["a", "b", "c"]
    for row in rows(store).values():
        assert row.attempts == 2 and row.status == "pending"
        assert row.last_error == "1 of 1 targets failed: json (target #1): FAILURE"

    http_receiver.start()  # back, same port
    assert deliver_pending(store, config, later + timedelta(hours=1)).delivered == ["a", "b", "c"]
    assert deliver_pending(store, config, later + timedelta(hours=2)).delivered == []
    assert titles(http_receiver) == ["标题 a", "标题 b", "标题 c"]
    assert {h.path for h in http_receiver.hits} == {f"/hook/{PATH_SECRET}"}
    assert all(h.authorization and h.authorization.startswith("Basic ") for h in http_receiver.hits)
    assert all(TOKEN not in (r.last_error or "") for r in rows(store).values())


def test_a_receiver_back_gets_its_whole_backlog_at_once_oldest_first(store, http_receiver) -> None:
    """Retry timers fire newest first (the newest alert has the shortest backoff): the first
    pass after the receiver is back must still send everything, oldest first, each once."""
    config = Config(notify_urls=(http_receiver.url(),))
    keys = ["k0", "k1", "k2", "k3", "k4"]
    for n, key in enumerate(keys):
        queue(store, key, due_at=T0 + timedelta(seconds=n))
    http_receiver.stop()  # connection refused
    assert deliver_pending(store, config, T0 + timedelta(seconds=10)).failed == keys
    with store.session() as s:  # the backoffs an outage leaves: the oldest wait longest
        for n, row in enumerate(s.exec(select(AlertRow).order_by(AlertRow.id))):
            row.attempts, row.next_attempt_at = 6 - n, T0 + timedelta(minutes=30 - 5 * n)
            s.add(row)
        s.commit()

    http_receiver.start()
    newest_due = T0 + timedelta(minutes=10)  # only k4's retry is due
    report = deliver_pending(store, config, newest_due)
    assert report.delivered == keys and report.failed == []
    assert [b["title"] for b in http_receiver.bodies()] == [f"标题 {k}" for k in keys]  # in order, once
    assert deliver_pending(store, config, T0 + timedelta(days=1)).delivered == []
    assert len(http_receiver.hits) == len(keys) and {r.status for r in rows(store).values()} == {"delivered"}


def test_a_failed_backlog_probe_costs_one_request_and_an_alert_refused_for_good_blocks_nothing(
        store, http_receiver) -> None:
    config = Config(notify_urls=(http_receiver.url(),))
    for n, key in enumerate(["old", "mid", "new"]):
        queue(store, key, due_at=T0 + timedelta(seconds=n))
    with store.session() as s:  # "old" and "mid" are backing off, "new" is due
        for row in s.exec(select(AlertRow).where(col(AlertRow.key).in_(["old", "mid"]))):
            row.attempts, row.next_attempt_at = 3, T0 + timedelta(hours=1)
            s.add(row)
        s.commit()

    http_receiver.fail_next(2)  # the probe (the oldest) fails, and so does "new", due for its retry
    report = deliver_pending(store, config, T0 + timedelta(seconds=5))
    assert report.failed == ["old", "new"] and http_receiver.refused_by_500 == 2  # "mid" is not tried
    assert rows(store)["mid"].attempts == 3 and rows(store)["old"].attempts == 4

    http_receiver.fail_next(1)  # "old" is refused again (say, a payload this receiver never takes)
    report = deliver_pending(store, config, T0 + timedelta(minutes=1))  # only "new" is due
    assert report.failed == ["old"] and report.delivered == ["new", "mid"]
    assert [b["title"] for b in http_receiver.bodies()] == ["标题 new", "标题 mid"]


def test_partial_failure_retries_only_the_failed_target(store, http_receiver) -> None:
    down = HttpReceiver()  # never started: connection refused
    config = Config(notify_urls=(http_receiver.url(), down.url()))
    queue(store, "k")

    report = deliver_pending(store, config, T0)
    assert report.failed == ["k"]
    row = rows(store)["k"]
    assert json.loads(row.delivered_targets) == [fingerprint(http_receiver.url())]
    assert row.last_error == "1 of 2 targets failed: json (target #2): FAILURE"

    down.start()
    try:
        assert deliver_pending(store, config, T0 + timedelta(hours=1)).delivered == ["k"]
        assert len(http_receiver.hits) == 1 and len(down.hits) == 1
    finally:
        down.stop()
    assert rows(store)["k"].status == "delivered"


def test_no_targets_keeps_the_alert_pending(store) -> None:
    queue(store, "k")
    assert deliver_pending(store, Config(), T0).failed == ["k"]
    row = rows(store)["k"]
    assert row.status == "pending" and "no notification targets" in row.last_error


def test_concurrent_passes_send_each_alert_once(store, http_receiver) -> None:
    config = Config(notify_urls=(http_receiver.url(),))
    for i in range(6):
        queue(store, f"k{i}")
    threads = [threading.Thread(target=deliver_pending, args=(store, config, T0)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert titles(http_receiver) == [f"标题 k{i}" for i in range(6)]


def test_backoff_grows_and_is_capped() -> None:
    assert timedelta(seconds=15) <= backoff(1) <= timedelta(seconds=30)
    assert timedelta(minutes=2) <= backoff(4) <= timedelta(minutes=4)
    assert BACKOFF_CAP / 2 <= backoff(500) <= BACKOFF_CAP


# -- kill -9 -------------------------------------------------------------------------------

CHILD = """
import os, signal, sys
sys.path.insert(0, {root!r})
from datetime import datetime, UTC
import apprise
from watcher.settings.config import Config
from watcher.core.alerts import AlertText
from watcher.store.outbox import AlertDraft, add_alert, deliver_pending
from watcher.store.tables import Store

@apprise.decorators.notify(on="sivrec")
def _die(body, title, *args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)   # crash while delivering to the second target

store = Store({db!r})
with store.session() as s:
    for key in ("a", "b"):
        add_alert(s, AlertDraft(key=key, purpose="event:x", text=AlertText("标题 " + key, "正文", "info"),
                                due_at=datetime(2026, 3, 2, 9, 0, tzinfo=UTC)))
    s.commit()
if {deliver!r}:
    deliver_pending(store, Config(notify_urls=({urls!r})), datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
os.kill(os.getpid(), signal.SIGKILL)       # crash after writing, before delivering
"""

RECEIVED: list[str] = []


@apprise.decorators.notify(on="sivrec")
def _record(body: str, title: str, *args: object, **kwargs: object) -> bool:
    RECEIVED.append(title)
    return True


def run_child(tmp_path: Path, store: Store, urls: tuple[str, ...], deliver: bool) -> None:
    script = CHILD.format(root=str(ROOT), db=store.url, deliver=deliver, urls=urls)
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(script)], cwd=tmp_path, timeout=60,
                          capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr


def test_kill_9_between_writing_and_delivering_then_restart(tmp_path, store, http_receiver) -> None:
    urls = (http_receiver.url(),)
    run_child(tmp_path, store, urls, deliver=False)
    assert http_receiver.hits == [] and set(rows(store)) == {"a", "b"}

    config = Config(notify_urls=urls)
    assert deliver_pending(store, config, T0).delivered == ["a", "b"]
    assert deliver_pending(store, config, T0 + timedelta(hours=1)).delivered == []
    assert titles(http_receiver) == ["标题 a", "标题 b"]


def test_kill_9_mid_delivery_never_resends_to_a_target_that_was_committed(tmp_path, store,
                                                                          http_receiver) -> None:
    urls = (http_receiver.url(), "sivrec://")
    RECEIVED.clear()
    run_child(tmp_path, store, urls, deliver=True)  # json got "a", then the child died on sivrec
    assert titles(http_receiver) == ["标题 a"]

    assert deliver_pending(store, Config(notify_urls=urls), T0).delivered == ["a", "b"]
    assert titles(http_receiver) == ["标题 a", "标题 b"]  # "a" not sent to json twice
    assert RECEIVED == ["标题 a", "标题 b"]


# -- secrets -------------------------------------------------------------------------------


def test_secret_tokens_never_reach_the_database_or_the_logs(store, http_receiver, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    good = f"json://bot:{TOKEN}@127.0.0.1:{http_receiver.port}/hook/{PATH_SECRET}"
    typo = f"wecombott://{PATH_SECRET}"
    config = Config(notify_urls=(good, typo, f"json://bot:{TOKEN}@127.0.0.1:1/{PATH_SECRET}"))
    queue(store, "k")
    http_receiver.fail_next(1)
    deliver_pending(store, config, T0)
    deliver_pending(store, config, T0 + timedelta(hours=1))
    errors = validate_urls(config.notify_urls)
    results = test_notify(config)

    assert http_receiver.hits and http_receiver.hits[0].authorization  # the token really was used
    row = rows(store)["k"]
    assert row.last_error == ("2 of 3 targets failed: wecombott (target #2): invalid URL; "
                              "json (target #3): FAILURE")
    stored = repr(row.model_dump()) + "".join(p.read_bytes().decode("latin-1")
                                              for p in Path(store.url[len("sqlite:///"):]).parent.iterdir())
    shown = caplog.text + repr(errors) + repr(results)
    for secret in (TOKEN, PATH_SECRET):
        assert secret not in stored
        assert secret not in shown
    assert "Apprise" in caplog.text or "apprise" in caplog.text  # the logs were really captured
    assert [r.ok for r in results] == [True, False, False]
    assert results[0].target.startswith("json://bot:****@127.0.0.1")


def test_terminal_target_prints_the_alert(store, capsys) -> None:
    from watcher.demo import terminal  # noqa: F401  (the demo registers sivterm:// with Apprise)

    queue(store, "k", title="视频验证邀请", body="请在截止日期前预约\nBook before the deadline")
    assert deliver_pending(store, Config(notify_urls=("sivterm://?width=60",)), T0).delivered == ["k"]
    out = capsys.readouterr().out
    assert "视频验证邀请" in out and "请在截止日期前预约" in out and "Book before the deadline" in out
    assert "╭" in out and "╰" in out


def test_alert_cancelled_during_a_pass_is_not_sent(store, http_receiver) -> None:
    with store.session() as s:
        case = CaseRow(mailbox="m", account="a@x")
        s.add(case)
        s.commit()
    queue(store, "event", case_ref=case.id)
    queue(store, "reminder", case_ref=case.id, purpose="reminder:deadline-1d")

    def case_moves_on(row: AlertRow) -> None:
        with store.session() as s:
            cancel_alerts(s, [case.id])
            s.commit()

    config = Config(notify_urls=(http_receiver.url(),))
    report = deliver_pending(store, config, T0, on_delivered=case_moves_on)
    assert report.delivered == ["event"] and titles(http_receiver) == ["标题 event"]
    assert rows(store)["reminder"].status == "cancelled"
