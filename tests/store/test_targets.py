"""Notification targets through Apprise: checking URLs without their secrets, test alerts to real
receivers, and the notify types the outbox accepts without importing Apprise."""

from __future__ import annotations

import apprise

from tests.receivers import HttpReceiver
from watcher.settings.config import Config
from watcher.store.targets import NOTIFY_TYPES, test_notify, validate_urls

TOKEN = "tok-9f8e7d6c5b4a"


def test_notify_types_are_apprises() -> None:
    assert tuple(t.value for t in apprise.NotifyType) == NOTIFY_TYPES


def test_validate_urls_names_the_problem_without_the_secret() -> None:
    errors = validate_urls(["json://127.0.0.1/hook", f"nosuch://{TOKEN}", f"{TOKEN}", "wecombot://"])
    assert errors == [
        "notify URL #2 (nosuch://...): Apprise cannot load it (unknown service 'nosuch')",
        "notify URL #3: not a URL (expected service://...)",
        "notify URL #4 (wecombot://...): Apprise cannot load it (missing or invalid fields)",
    ]


def test_test_notify_reports_per_target_in_the_configured_language(http_receiver) -> None:
    down = HttpReceiver()
    results = test_notify(Config(language="zh", notify_urls=(http_receiver.url(), down.url())))
    assert [(r.index, r.ok) for r in results] == [(1, True), (2, False)]
    assert http_receiver.bodies()[0]["title"] == "siv-watcher 测试通知"
    test_notify(Config(language="en", notify_urls=(http_receiver.url(),)))
    assert http_receiver.bodies()[1]["title"] == "siv-watcher test alert"
