"""Log scrubbing: registered secrets and URL credentials never reach a log line."""

import io
import json
import logging

from watcher.app import logs
from watcher.settings.config import Secret, parse


def test_known_secrets_and_url_credentials_are_masked():
    Secret("pw-4f9c2e1d-qq-auth-code")
    parse({"notify": {"urls": ["wecombot://a1b2c3d4e5f6a7b8c9d0e1f2"]}})
    text = logs.scrub("login pw-4f9c2e1d-qq-auth-code to wecombot://a1b2c3d4e5f6a7b8c9d0e1f2 "
                      "and mailtos://user:hunter2@smtp.qq.com?to=x")
    assert "pw-4f9c2e1d" not in text and "a1b2c3d4e5f6" not in text and "hunter2" not in text
    assert "mailtos://***@smtp.qq.com" in text


def test_every_record_is_scrubbed_in_json_too():
    Secret("tok-77aa55cc33")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(logs.ScrubFilter())
    handler.setFormatter(logs.JsonFormatter())
    logger = logging.getLogger("test.scrub")
    logger.addHandler(handler)
    try:
        logger.error("token %s rejected", "tok-77aa55cc33")
        try:
            raise RuntimeError("server echoed tok-77aa55cc33")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert lines[0]["message"] == "token *** rejected"
    assert "tok-77aa55cc33" not in stream.getvalue() and "RuntimeError" in lines[1]["message"]
