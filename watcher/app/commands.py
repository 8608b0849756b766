"""The subcommands of the running service and its database: run, status, cases, case, mark, alerts,
test-notify, appeal-draft, doctor and demo (`classify`, which needs neither, is in cli.py).

Thin by design: each only calls the module that does the work (app.service, store.casebook,
store.outbox, store.targets, app.doctor, demo.run), then prints. Their help text is in the user's language
(Chinese unless the config says English), because sellers read it next to the alerts.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import sys
from typing import TYPE_CHECKING, Any

from watcher.app.cli import EXIT_FAILED

if TYPE_CHECKING:
    from watcher.settings.config import Config
    from watcher.store.tables import AlertRow

# Each command imports what it uses when it runs: building the parser (for `--help`, or for
# `classify`) must not load the database layer, Apprise or pydantic.

log = logging.getLogger("watcher")

HELP = {
    "zh": {
        "run": "运行监控服务（--once：同步一次、发送提醒后退出）",
        "once": "同步所有邮箱一次，发送待发提醒，然后退出",
        "status": "运行状态：各监控实例（主机、进程、心跳）、各邮箱由谁监控、最近同步时间、待发提醒数",
        "cases": "列出所有案件及其状态和下一步",
        "case": "显示一个案件的时间线",
        "mark": "手动记录事件：appeal-sent（已提交申诉）、booked（已预约视频通话）、verified（已通过验证）",
        "alerts": "列出提醒（--pending：仅未送达的）",
        "pending": "仅显示未送达的提醒",
        "test-notify": "向每个通知目标发送一条测试提醒，并逐个报告结果",
        "appeal-draft": "生成英文申诉文本（用于卖家支持表单）、需附文件清单和中文说明",
        "json": "输出 JSON",
        "id": "案件编号或账号邮箱（见 cases）",
        "mailbox": "只测试该邮箱的通知目标",
        "doctor": "检查配置、数据库、每个邮箱（连接、TLS、登录、IDLE、监控的文件夹）和通知目标",
        "send": "同时向每个通知目标发送一条测试提醒",
        "demo": "零配置演示：内置 IMAP 服务器 + 示例邮件，实时显示每条提醒",
        "language": "提醒语言",
        "pause": "每封邮件之间的停顿（秒）",
    },
    "en": {
        "run": "run the watcher (--once: sync once, deliver alerts, exit)",
        "once": "sync every mailbox once, deliver pending alerts, then exit",
        "status": "running watchers (host, pid, heartbeat), who holds each mailbox, last sync, alerts due",
        "cases": "list cases with their state and next action",
        "case": "show one case's timeline",
        "mark": "record a manual event: appeal-sent, booked (video call booked), verified",
        "alerts": "list alerts (--pending: only undelivered ones)",
        "pending": "only undelivered alerts",
        "test-notify": "send one test alert to each notification target and report each result",
        "appeal-draft": "print the English appeal text for the support form, with the document checklist",
        "json": "JSON output",
        "id": "case id or account address (see `cases`)",
        "mailbox": "only this mailbox's targets",
        "doctor": "check the config, database, each mailbox (connect, TLS, login, IDLE, folders) and targets",
        "send": "also send a test alert to each target",
        "demo": "zero-setup demo: embedded IMAP server + sample mails, alerts shown live",
        "language": "alert language",
        "pause": "seconds between mails",
    },
}


def help_texts(language: str) -> dict[str, str]:
    return HELP["en" if language.startswith("en") else "zh"]


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser], language: str) -> None:
    h = help_texts(language)
    run = sub.add_parser("run", help=h["run"], description=h["run"])
    run.add_argument("--once", action="store_true", help=h["once"])
    run.set_defaults(run=cmd_run)
    status = sub.add_parser("status", help=h["status"], description=h["status"])
    status.add_argument("--json", action="store_true", help=h["json"])
    status.set_defaults(run=cmd_status)
    cases = sub.add_parser("cases", help=h["cases"], description=h["cases"])
    cases.add_argument("--json", action="store_true", help=h["json"])
    cases.set_defaults(run=cmd_cases)
    case = sub.add_parser("case", help=h["case"], description=h["case"])
    case.add_argument("id", help=h["id"])
    case.add_argument("--json", action="store_true", help=h["json"])
    case.set_defaults(run=cmd_case)
    mark = sub.add_parser("mark", help=h["mark"], description=h["mark"])
    mark.add_argument("id", help=h["id"])
    mark.add_argument("event", choices=["appeal-sent", "booked", "verified"])
    mark.set_defaults(run=cmd_mark)
    alerts = sub.add_parser("alerts", help=h["alerts"], description=h["alerts"])
    alerts.add_argument("--pending", action="store_true", help=h["pending"])
    alerts.add_argument("--json", action="store_true", help=h["json"])
    alerts.set_defaults(run=cmd_alerts)
    test = sub.add_parser("test-notify", help=h["test-notify"], description=h["test-notify"])
    test.add_argument("--mailbox", help=h["mailbox"])
    test.set_defaults(run=cmd_test_notify)
    draft = sub.add_parser("appeal-draft", help=h["appeal-draft"], description=h["appeal-draft"])
    draft.add_argument("id", nargs="?", help=h["id"])
    draft.set_defaults(run=cmd_appeal_draft)
    doctor = sub.add_parser("doctor", help=h["doctor"], description=h["doctor"])
    doctor.add_argument("--send", action="store_true", help=h["send"])
    doctor.set_defaults(run=cmd_doctor)
    demo = sub.add_parser("demo", help=h["demo"], description=h["demo"])
    demo.add_argument("--language", choices=["zh", "en"], default=language, help=h["language"])
    demo.add_argument("--pause", type=float, default=0.8, help=h["pause"])
    demo.set_defaults(run=cmd_demo)


def need_config(args: argparse.Namespace) -> Config:
    from watcher.settings.config import ConfigError, load

    if not args.config:
        raise ConfigError("config: this command needs --config FILE (see config.example.toml)")
    return load(args.config)


def cmd_run(args: argparse.Namespace) -> int:
    from watcher.mail import decider

    config = need_config(args)
    if not args.once or new_database(config.database_url):
        decider.warm()  # before the store is imported: the fork server's imports overlap it
    from watcher.app.service import Service

    check_targets(config)
    service = Service(config)
    # What is loaded by now (SQLAlchemy, SQLModel, pydantic, imapclient, the rules) lives as long
    # as the process: out of the cyclic collector's sight, every full collection stops walking
    # it, and so does the one at exit (~0.25 s of a `run --once` here: BENCHMARKS.md).
    gc.freeze()
    if not args.once:
        return service.run_forever()
    reports, delivery = service.run_once()
    for report in reports:
        if report.error:
            log.error("%s: failed: %s", report.mailbox, report.error)
        else:
            log.info("%s: ok, %d folder(s), %d message(s) stored", report.mailbox, len(report.folders),
                     report.total("stored"))
    if delivery.failed:
        log.warning("%d alert(s) could not be delivered yet and stay pending", len(delivery.failed))
    failed = [r.mailbox for r in reports if r.error]
    if failed:
        log.error("%d of %d mailbox(es) failed: %s", len(failed), len(reports), ", ".join(failed))
    return EXIT_FAILED if failed else 0


def new_database(url: str) -> bool:
    """A SQLite file not created yet: every mailbox's first sync is ahead. `run --once` from cron
    then skips the fork server (a process and ~0.4 s of imports) on every run but the first."""
    from watcher.settings.config import sqlite_file

    path = sqlite_file(url)
    return path is not None and not path.exists()


def check_targets(config: Config) -> None:
    """A target Apprise cannot load would keep its alerts pending for ever: refuse to start, as
    `doctor` would report it. No target at all is allowed (alerts wait in the outbox), but said."""
    from watcher.settings.config import ConfigError
    from watcher.store import targets

    errors = targets.validate_urls(config.notify_urls, "notify.urls")
    for mailbox in config.mailboxes:
        errors += targets.validate_urls(mailbox.notify_urls, f"mailboxes.{mailbox.name}.notify_urls")
    if errors:
        raise ConfigError("; ".join(errors))
    if not config.notify_urls and not any(m.notify_urls for m in config.mailboxes):
        log.warning("no notification targets ([notify] urls): alerts wait in the outbox until one is set")


def cmd_status(args: argparse.Namespace) -> int:
    from watcher.store import leases, roster
    from watcher.store.tables import Store

    config = need_config(args)
    timing = leases.Timing(config.cluster.heartbeat_seconds, config.cluster.lease_seconds)
    data = roster.status(Store(config.database_url), [m.name for m in config.mailboxes], timing)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    if data["database"] == "sqlite":
        print(f"database: SQLite, one watcher: {data['watcher'] or 'not running'}")
    else:
        live = sum(1 for i in data["instances"] if i["live"])
        print(f"database: PostgreSQL, {live} live instance(s), mailboxes split by leases")
        _table(["instance", "host", "pid", "heartbeat", "mailboxes"],
               [[i["id"] + ("" if i["live"] else " (dead)"), i["host"], str(i["pid"]),
                 _age(i["heartbeat_age_seconds"]), str(len(i["mailboxes"]))] for i in data["instances"]])
    rows = []
    for box in data["mailboxes"]:
        folders = box["folders"] or [{"folder": "-", "last_sync_age_seconds": None}]
        for n, folder in enumerate(folders):
            first = n == 0
            rows.append([box["mailbox"] if first else "", (box["held_by"] or "-") if first else "",
                         _age(box["lease_age_seconds"]) if first else "", folder["folder"],
                         _age(folder["last_sync_age_seconds"])])
    _table(["mailbox", "held by", "lease age", "folder", "last sync"], rows)
    print(f"pending alerts: {data['pending_alerts']} ({data['due_alerts']} due now)")
    return 0


def _age(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 120:
        return f"{seconds:.0f}s ago"
    if seconds < 7200:
        return f"{seconds / 60:.0f}m ago"
    return f"{seconds / 3600:.1f}h ago"


def cmd_cases(args: argparse.Namespace) -> int:
    from watcher.store import casebook
    from watcher.store.tables import Store

    config = need_config(args)
    records = casebook.list_cases(Store(config.database_url), config)
    if args.json:
        for record in records:
            print(json.dumps(record.to_json(), ensure_ascii=False))
        return 0
    _table(["id", "mailbox", "account", "state", "deadline", "appointment", "next_action"],
           [_case_cells(r.to_json()) for r in records])
    return 0


def cmd_case(args: argparse.Namespace) -> int:
    from watcher.store import casebook
    from watcher.store.tables import Store

    config = need_config(args)
    record = casebook.get_case(Store(config.database_url), config, args.id)
    data = record.to_json()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    for key in ("id", "mailbox", "account", "seller_token", "state", "deadline", "booking_url",
                "appointment", "case_ids"):
        print(f"{key:13} {data[key] if data[key] not in (None, []) else '-'}")
    print()
    for line in data["next_action"]:
        print(f"  {line}")
    print()
    _table(["sent_at", "kind", "sender_check", "subject"],
           [[e["sent_at"], e["kind"], e["sender_check"] or "", e["subject"] or ""] for e in data["events"]])
    return 0


def cmd_mark(args: argparse.Namespace) -> int:
    from watcher.store import casebook
    from watcher.store.tables import Store

    config = need_config(args)
    record = casebook.mark(Store(config.database_url), config, args.id, args.event)
    print(f"case {record.id}: {record.view.state.value if record.view.state else '-'}")
    for line in record.next_action:
        print(f"  {line}")
    return 0


def cmd_alerts(args: argparse.Namespace) -> int:
    from sqlmodel import col, select

    from watcher.store.tables import AlertRow, Store

    config = need_config(args)
    store = Store(config.database_url)
    with store.session() as s:
        query = select(AlertRow).order_by(col(AlertRow.id))
        if args.pending:
            query = query.where(AlertRow.status == "pending")
        rows = list(s.exec(query))
    data = [_alert_json(r) for r in rows]
    if args.json:
        for item in data:
            print(json.dumps(item, ensure_ascii=False))
        return 0
    _table(["id", "status", "purpose", "due_at", "attempts", "title", "last_error"],
           [[str(d[k] if d[k] is not None else "") for k in
             ("id", "status", "purpose", "due_at", "attempts", "title", "last_error")] for d in data])
    return 0


def cmd_test_notify(args: argparse.Namespace) -> int:
    from watcher.store import targets

    config = need_config(args)
    results = targets.test_notify(config, args.mailbox)
    for result in results:
        detail = f"  ({result.error})" if result.error else ""
        print(f"{'OK  ' if result.ok else 'FAIL'} {result.target}{detail}")
    if not results:
        print("no notification targets configured ([notify] urls)", file=sys.stderr)
        return 1
    return 0 if all(r.ok for r in results) else 1


def cmd_appeal_draft(args: argparse.Namespace) -> int:
    from watcher.store import casebook
    from watcher.store.tables import Store

    config = need_config(args)
    print(casebook.appeal_text(Store(config.database_url), config, args.id))
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from watcher.app import doctor
    from watcher.settings.config import ConfigError

    if not args.config:
        raise ConfigError("config: doctor needs --config FILE (see config.example.toml)")
    return doctor.report(doctor.diagnose(args.config, send=args.send))


def cmd_demo(args: argparse.Namespace) -> int:
    from watcher.app.service import Service
    from watcher.demo.run import run_demo

    if not args.verbose:  # the alerts are the show; keep routine log lines out of the way
        logging.getLogger().setLevel(logging.WARNING)
    return run_demo(lambda cfg: Service(cfg).start(), args.language, args.pause)


def _alert_json(row: AlertRow) -> dict[str, Any]:
    return {
        "id": row.id, "status": row.status, "purpose": row.purpose, "notify_type": row.notify_type,
        "mailbox": row.mailbox, "case": row.case_ref, "title": row.title, "body": row.body,
        "attempts": row.attempts, "due_at": row.due_at.isoformat(), "last_error": row.last_error,
        "delivered_at": row.delivered_at.isoformat() if row.delivered_at else None,
    }


def _case_cells(data: dict[str, Any]) -> list[str]:
    return [str(data["id"]), data["mailbox"], data["account"], data["state"] or "-",
            data["deadline"] or "", data["appointment"] or "", "\n".join(data["next_action"][:2])]


def _table(columns: list[str], rows: list[list[str]]) -> None:
    from watcher.app.table import print_table

    print_table(columns, rows, lines=True)
