"""`siv-watcher demo`: the whole pipeline, live, with no account and no config.

An embedded IMAP server (pymap, in memory) receives the bundled story mails one by one while
the real service runs against it: first sync, IDLE push, classification, cases, the outbox
and Apprise delivery to a terminal target that prints each alert as a phone would show it.
Everything lives in a temporary folder that is removed at the end.
"""

from __future__ import annotations

import email
import email.policy
import functools
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from watcher.demo import terminal  # noqa: F401  (registers sivterm:// with Apprise)
from watcher.demo.server import DemoServer
from watcher.settings import config
from watcher.store import casebook
from watcher.store.tables import Store

USER, PASSWORD = "seller@example.com", "demo-password"
JUNK_FILES = ("06-phishing.eml",)  # phishing mostly lands in junk: show that the junk folder is watched
WAIT = 15.0

INTRO = {
    "zh": "siv-watcher 演示：内置 IMAP 服务器，逐封投递示例邮件；每条提醒如同在手机上收到。",
    "en": "siv-watcher demo: an embedded IMAP server receives the sample mails one by one; "
          "each alert is shown as it would arrive on a phone.",
}
DELIVER = {"zh": "→ 投递 {name} 到 {folder}", "en": "→ delivering {name} to {folder}"}
CASES = {"zh": "案件一览", "en": "Cases"}


STORY_DAY = date(2026, 11, 27)  # the day the story mails were written to have arrived by
_CN_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


class Watcher(Protocol):
    """What the demo needs of the running service. The CLI wiring passes a function that starts
    the real one: the demo sits beside the service in the shell and does not import it."""

    store: Store
    workers: dict[str, list[Any]]

    def clock(self) -> datetime: ...
    def stop(self) -> None: ...


def story(today: date | None = None) -> list[tuple[str, bytes]]:
    """The story mails, moved in time so that they are always recent: the deadline and the
    appointment stay ahead of the person running the demo, whatever the year."""
    days = ((today or date.today()) - STORY_DAY).days
    folder = resources.files("watcher.samples.demo")
    mails = sorted((e.name, e.read_bytes()) for e in folder.iterdir() if e.name.endswith(".eml"))
    return [(name, shift(raw, days)) for name, raw in mails]


def shift(raw: bytes, days: int) -> bytes:
    """Move a story mail's Date header and the dates written in its text by `days`."""
    if days == 0:
        return raw
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    msg.replace_header("Date", format_datetime(parsedate_to_datetime(msg["Date"]) + timedelta(days=days)))
    for part in msg.walk():
        if part.get_content_type() == "text/plain" and _CN_DATE.search(part.get_content()):
            text = _CN_DATE.sub(lambda m: _moved(m, days), part.get_content())
            part.set_content(text, charset="utf-8", cte="quoted-printable")
    return msg.as_bytes(policy=email.policy.SMTP)


def _moved(m: re.Match[str], days: int) -> str:
    day = date(int(m[1]), int(m[2]), int(m[3])) + timedelta(days=days)
    return f"{day.year}年{day.month}月{day.day}日"


def run_demo(start: Callable[[config.Config], Watcher], language: str = "zh", pause: float = 0.8,
             out: Callable[[str], None] = print) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="siv-watcher-demo-"))
    server = DemoServer(USER, PASSWORD, folders=("INBOX", "Junk"))
    service: Watcher | None = None
    try:
        server.start()
        cfg = _config(tmp, server.port, language)
        service = start(cfg)
        _wait(lambda: _idle_ready(service), "IMAP IDLE")
        out(INTRO[cfg.language])
        for index, (name, raw) in enumerate(story(), start=1):
            folder = "Junk" if name in JUNK_FILES else "INBOX"
            out(DELIVER[cfg.language].format(name=name, folder=folder))
            server.append(folder, raw)
            _wait(functools.partial(_handled, service, index), name)
            time.sleep(pause)
        service.stop()
        _print_cases(service, cfg, out)
        return 0
    finally:
        if service is not None:
            service.stop()
            service.store.close()
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def _config(tmp: Path, port: int, language: str) -> config.Config:
    (tmp / "password").write_text(PASSWORD, encoding="utf-8")
    return config.parse({
        "language": language,
        "database": {"url": "sqlite:///demo.db"},
        "notify": {"urls": ["sivterm://"]},
        "schedule": {"poll_seconds": 60, "idle": True, "lookback_days": 3650},
        "mailboxes": [{"name": "demo", "host": "127.0.0.1", "port": port, "security": "plain",
                       "username": USER, "password_file": "password", "timeout": 10}],
    }, base_dir=tmp)


def _idle_ready(service: Watcher) -> bool:
    workers = service.workers.get("demo") or []
    return len(workers) >= 2 and all(w.connected.is_set() for w in workers)


def _handled(service: Watcher, count: int) -> bool:
    """The n-th mail is stored and nothing waits in the outbox (its alert was printed)."""
    from sqlmodel import func, select

    from watcher.store.tables import AlertRow, MessageRow

    now = service.clock()
    with service.store.session() as s:
        stored = s.exec(select(func.count()).select_from(MessageRow)).one()
        due = s.exec(select(func.count()).select_from(AlertRow)
                     .where(AlertRow.status == "pending", AlertRow.due_at <= now)).one()
    return stored >= count and due == 0


def _wait(ready: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not ready():
        if time.monotonic() > deadline:
            raise TimeoutError(f"demo: timed out waiting for {what}")
        time.sleep(0.05)


def _print_cases(service: Watcher, cfg: config.Config, out: Callable[[str], None]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=CASES[cfg.language], show_lines=True)
    for column in ("id", "account", "state", "deadline", "appointment", "next action"):
        table.add_column(column, overflow="fold")
    for record in casebook.list_cases(service.store, cfg):
        data = record.to_json()
        table.add_row(str(data["id"]), data["account"], data["state"] or "-", data["deadline"] or "",
                      data["appointment"] or "", "\n".join(data["next_action"][:3]))
    Console(width=None if sys.stdout.isatty() else 160).print(table)
