"""First-sync progress: periodic log lines without a terminal, a bar on one."""

import io
import logging

from watcher.app.progress import LOG_EVERY, FirstSyncProgress


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_without_a_terminal_logs_start_every_interval_and_end(caplog):
    now = [0.0]
    progress = FirstSyncProgress(io.StringIO(), clock=lambda: now[0])
    with caplog.at_level(logging.INFO, logger="watcher.app.progress"):
        progress("main", "INBOX", 0, 6000)
        progress("main", "INBOX", 2000, 6000)           # too soon: no line
        now[0] = LOG_EVERY + 0.1
        progress("main", "INBOX", 4000, 6000)
        progress("main", "INBOX", 6000, 6000)
    assert [r.getMessage() for r in caplog.records] == [
        "main/INBOX: first sync 0/6000 messages checked",
        "main/INBOX: first sync 4000/6000 messages checked",
        "main/INBOX: first sync 6000/6000 messages checked",
    ]


def test_on_a_terminal_draws_a_bar_per_folder():
    stream = FakeTTY()
    progress = FirstSyncProgress(stream)
    progress("main", "INBOX", 0, 4000)
    progress("main", "垃圾邮件", 0, 10)
    progress("main", "垃圾邮件", 10, 10)
    progress("main", "INBOX", 4000, 4000)
    out = stream.getvalue()
    assert "main/INBOX" in out and "main/垃圾邮件" in out and "100%" in out
