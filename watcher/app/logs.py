"""Logging to stderr, human-readable or JSON, with secrets scrubbed from every record.

The scrubbing itself lives in `watcher.settings.secrets` (the one place that masks secrets);
this module only wires it in: a `ScrubFilter` on the handler, so every record is scrubbed
whatever logger produced it, before any formatter (text or JSON) sees it.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

from watcher.settings.secrets import ScrubFilter


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return json.dumps({
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }, ensure_ascii=False)


def setup(log_format: str = "text", level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(ScrubFilter())
    if log_format == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("imapclient").setLevel(logging.WARNING)
