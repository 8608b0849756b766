"""`siv-watcher doctor`: check everything a running service will need, and say what is wrong.

Each check is independent and reported on its own line, so one broken mailbox does not hide
the state of the others; the exit code is non-zero when anything failed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import text

from watcher.mail import imap, session
from watcher.settings.config import Config, ConfigError, MailboxConfig, load
from watcher.settings.secrets import describe, scrub
from watcher.store import targets
from watcher.store.tables import Store


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""
    lines: list[str] = field(default_factory=list)


def diagnose(config_path: str, send: bool = False) -> list[Check]:
    try:
        config = load(config_path)
    except ConfigError as exc:
        return [Check("config", False, str(exc))]
    checks = [Check("config", True, f"{config_path}: {len(config.mailboxes)} mailbox(es), "
                                    f"language {config.language}, timezone {config.timezone}")]
    checks.append(_guard("database", lambda: _database(config)))
    checks.append(_guard("rules", lambda: _rules(config)))
    checks += [_guard(f"mailbox {m.name}", functools.partial(_mailbox, m)) for m in config.mailboxes]
    checks.append(_targets(config))
    if send:
        results = targets.test_notify(config)
        for mailbox in config.mailboxes:
            if mailbox.notify_urls:
                results += targets.test_notify(config, mailbox.name)
        checks += [Check(f"send #{r.index}", r.ok, f"{r.target}" + (f": {r.error}" if r.error else ""))
                   for r in results]
    return checks


def _guard(name: str, run: Callable[[], Check]) -> Check:
    try:
        check = run()
    except Exception as exc:  # a check reports, it never crashes the report
        return Check(name, False, describe(exc))
    check.name = name
    return check


def _database(config: Config) -> Check:
    store = Store(config.database_url)
    try:
        with store.session() as s:
            s.connection().execute(text("SELECT 1"))
    finally:
        store.close()
    return Check("database", True, scrub(config.database_url))


def _rules(config: Config) -> Check:
    from watcher.core.rulefiles import load_ruleset

    ruleset = load_ruleset(*config.rules_folders)
    folders = ", ".join(str(f) for f in config.rules_folders) or "bundled only"
    return Check("rules", True, f"{len(ruleset.rules)} rules ({folders})")


def _mailbox(mailbox: MailboxConfig) -> Check:
    client = session.connect(mailbox)
    try:
        caps = {c.decode() if isinstance(c, bytes) else str(c) for c in client.capabilities()}
        folders = imap.folders_to_watch(client, mailbox)
        lines = [f"{mailbox.security} to {mailbox.host}:{mailbox.port}, login as {mailbox.username}: ok",
                 "capabilities: " + (", ".join(sorted(c for c in caps if c in _INTERESTING)) or "-")]
        ok = True
        for folder in folders:
            try:
                info = client.select_folder(folder, readonly=True)
                lines.append(f"folder {folder}: {int(info.get(b'EXISTS', 0))} message(s)"
                             + (" (junk, found automatically)" if folder not in mailbox.folders else ""))
            except client.Error as exc:
                ok = False
                lines.append(f"folder {folder}: cannot open ({exc})")
        if mailbox.watch_junk and imap.find_junk(client.list_folders()) is None:
            lines.append("junk folder: none found (checked \\Junk and common names)")
        if "IDLE" not in caps:
            lines.append("no IDLE: the mailbox will be polled")
    finally:
        session.close(client)
    return Check(mailbox.name, ok, "", lines)


_INTERESTING = {"IDLE", "CONDSTORE", "QRESYNC", "ID", "SPECIAL-USE", "UIDPLUS", "ENABLE", "MOVE"}


def _targets(config: Config) -> Check:
    urls = list(config.notify_urls) + [u for m in config.mailboxes for u in m.notify_urls]
    if not urls:
        return Check("notify", False, "no notification targets ([notify] urls or a mailbox's notify_urls)")
    errors = targets.validate_urls(urls)
    lines = [targets.masked(u) for u in urls]
    return Check("notify", not errors, "; ".join(errors) or f"{len(urls)} target(s) valid", lines)


def report(checks: list[Check], out: Callable[[str], None] = print) -> int:
    for check in checks:
        mark = "✓" if check.ok else "✗"
        out(f"{mark} {check.name}" + (f": {check.detail}" if check.detail else ""))
        for line in check.lines:
            out(f"    {line}")
    failed = [c for c in checks if not c.ok]
    out(f"{len(checks) - len(failed)} ok, {len(failed)} failed" if failed else "all checks passed")
    return 1 if failed else 0
