"""Log setup: JSON lines carry the scrubbed record (the masking itself: tests/settings/test_secrets.py)."""

import io
import json
import logging

from watcher.app import logs
from watcher.settings.secrets import ScrubFilter, Secret


def test_every_record_is_scrubbed_in_json_too():
    Secret("tok-77aa55cc33")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ScrubFilter())
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
