"""Log setup: JSON lines carry the scrubbed record (the masking itself: tests/settings/test_secrets.py)."""

import json

from tests.settings.test_secrets import logged_through
from watcher.app import logs
from watcher.settings.secrets import ScrubFilter, Secret


def test_every_record_is_scrubbed_in_json_too():
    Secret("tok-77aa55cc33")
    text = logged_through(ScrubFilter(), logs.JsonFormatter(), "tok-77aa55cc33")
    lines = [json.loads(line) for line in text.splitlines()]
    assert lines[0]["message"] == "token *** rejected"
    assert "tok-77aa55cc33" not in text and "RuntimeError" in lines[1]["message"]
