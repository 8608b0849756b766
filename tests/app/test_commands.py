"""Failures of the CLI's service commands: one line naming the key or path, a documented exit code.

Real parts: a real Dovecot for the mailbox that works, a real local port with nothing behind it
for the one that does not, a real SQLite file path, Apprise's own URL loading.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.dovecot import free_port
from watcher.app.cli import EXIT_DATABASE, EXIT_FAILED, EXIT_USAGE, main

ROOT = Path(__file__).parents[2]
SECRET = "pw-9c2e71d4a0"


def config_file(tmp_path: Path, account, *, database: str = "sqlite:///state.db",
                urls: str = "[\"json://127.0.0.1:9/hook\"]",
                bad_port: int | None = None) -> Path:
    (tmp_path / "bad-password").write_text(SECRET, encoding="utf-8")
    second = "" if bad_port is None else f"""
[[mailboxes]]
name = "down"
host = "127.0.0.1"
port = {bad_port}
security = "plain"
username = "nobody"
password_file = "bad-password"
timeout = 5
"""
    path = tmp_path / "config.toml"
    path.write_text(f"""
[database]
url = "{database}"
[notify]
urls = {urls}
[[mailboxes]]
name = "main"
host = "{account.server.host}"
port = {account.server.port}
security = "plain"
username = "{account.user}"
password_file = "{account.password_file}"
timeout = 10
{second}
[schedule]
lookback_days = 30
""", encoding="utf-8")
    return path


def run(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """As a user runs it: a process of its own, so a traceback would show on stderr."""
    return subprocess.run([sys.executable, "-m", "watcher", "--config", str(config), *args],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_run_once_fails_when_a_mailbox_fails_and_says_which(tmp_path, imap_account) -> None:
    config = config_file(tmp_path, imap_account, bad_port=free_port())
    done = run(config, "run", "--once")
    assert done.returncode == EXIT_FAILED
    assert "main: ok" in done.stderr
    assert "down: failed" in done.stderr and "1 of 2 mailbox(es) failed: down" in done.stderr
    assert SECRET not in done.stderr and "Traceback" not in done.stderr


def test_run_once_succeeds_when_every_mailbox_syncs(tmp_path, imap_account) -> None:
    assert main(["--config", str(config_file(tmp_path, imap_account)), "run", "--once"]) == 0


def test_a_database_folder_that_does_not_exist_is_one_line(tmp_path, imap_account) -> None:
    missing = tmp_path / "no-such-folder"
    config = config_file(tmp_path, imap_account, database=f"sqlite:///{missing}/state.db")
    for command in (["run", "--once"], ["cases"], ["alerts"]):
        done = run(config, *command)
        assert done.returncode == EXIT_DATABASE, command
        assert done.stderr.strip().splitlines()[-1] == (
            f"siv-watcher: database.url: cannot open sqlite:///{missing}/state.db: "
            f"folder {missing} does not exist")
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_database_folder_that_is_a_file_is_one_line(tmp_path, imap_account) -> None:
    (tmp_path / "plain-file").write_text("x", encoding="utf-8")
    config = config_file(tmp_path, imap_account, database=f"sqlite:///{tmp_path}/plain-file/state.db")
    done = run(config, "run", "--once")
    assert done.returncode == EXIT_DATABASE
    assert done.stderr.strip().endswith(f"{tmp_path}/plain-file is not a folder")


def test_a_postgresql_password_never_shows_in_the_error(tmp_path, imap_account) -> None:
    url = f"postgresql+psycopg://watcher:{SECRET}@127.0.0.1:{free_port()}/siv"
    done = run(config_file(tmp_path, imap_account, database=url), "cases")
    assert done.returncode == EXIT_DATABASE
    assert "database.url: cannot open postgresql+psycopg://watcher:***@127.0.0.1" in done.stderr
    assert SECRET not in done.stderr and "Traceback" not in done.stderr


def test_run_refuses_a_notify_url_apprise_cannot_load(tmp_path, imap_account) -> None:
    config = config_file(tmp_path, imap_account, urls='["json://127.0.0.1/hook", "nosuch://token-77"]')
    for command in (["run", "--once"], ["run"]):
        done = run(config, *command)
        assert done.returncode == EXIT_USAGE, command
        assert done.stderr.strip() == ("siv-watcher: notify.urls #2 (nosuch://...): Apprise cannot load it "
                                       "(unknown service 'nosuch')")
        assert "token-77" not in done.stderr
    assert not (tmp_path / "state.db").exists(), "refused before anything was started"


def test_only_a_database_not_created_yet_counts_as_new(tmp_path) -> None:
    from watcher.app.commands import new_database

    existing = tmp_path / "state.db"
    assert new_database(f"sqlite:///{existing}")
    existing.write_bytes(b"")
    assert not new_database(f"sqlite:///{existing}") and not new_database(f"sqlite:///{existing}?timeout=5")
    assert not new_database("sqlite:///:memory:") and not new_database("sqlite://")
    assert not new_database("postgresql+psycopg://siv@localhost/siv")


def test_run_once_starts_the_decider_fork_server_for_a_first_sync_only(tmp_path, imap_account,
                                                                       monkeypatch) -> None:
    """`run --once` from cron must not start a process it will not use on every run."""
    from watcher.mail import decider

    monkeypatch.setattr(decider, "_spare_cores", lambda: 1)  # CI may run on one core
    config = config_file(tmp_path, imap_account)
    assert main(["--config", str(config), "run", "--once"]) == 0
    assert decider._server  # the database was new: the mailbox's first sync was ahead
    decider._server.clear()
    assert main(["--config", str(config), "run", "--once"]) == 0
    assert not decider._server
