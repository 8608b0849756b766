"""The service end to end: a real Dovecot, the CLI, a real json:// receiver, signals, secrets."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from watcher.app.cli import main

CORPUS = Path(__file__).parents[1] / "corpus" / "shared"
ROOT = Path(__file__).parents[2]
TOKEN = "hooktoken7c1e9a55d0b2f4"  # lives in the notification URL: must never be logged or stored


def write_config(tmp_path: Path, account, receiver, **mailbox: str) -> Path:
    extra = "".join(f"{k} = {v}\n" for k, v in mailbox.items())
    path = tmp_path / "config.toml"
    path.write_text(f"""
language = "zh"
[database]
url = "sqlite:///state.db"
[[mailboxes]]
name = "main"
host = "{account.server.host}"
port = {account.server.port}
security = "plain"
username = "{account.user}"
password_file = "{account.password_file}"
timeout = 10
{extra}
[notify]
urls = ["{receiver.url(f'hook/{TOKEN}')}"]
[schedule]
poll_seconds = 1
lookback_days = 3650
""", encoding="utf-8")
    return path


def mail(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def test_run_once_first_sync_summarises_then_alerts_each_new_mail(tmp_path, imap_account, http_receiver,
                                                                  capsys):
    http_receiver.start()
    for name in ("siv_failed-en-plain.eml", "support_reply-en-case-received.eml",
                 "video_call_invitation-zh-phish-lookalike-domain.eml", "other-en-amazon-order-shipped.eml"):
        imap_account.append(mail(name))
    config = write_config(tmp_path, imap_account, http_receiver)
    assert main(["--config", str(config), "run", "--once"]) == 0
    assert "main/INBOX: first sync 4/4 messages checked" in capsys.readouterr().err  # no terminal: log lines
    first = http_receiver.bodies()
    assert len(first) == 1, "first sync: one summary per case, nothing for history or old phishing"
    assert "hongyuan.store2026@163.com" in first[0]["title"] + first[0]["message"]

    imap_account.append(mail("video_call_invitation-zh-plain.eml"))
    assert main(["--config", str(config), "run", "--once"]) == 0
    assert main(["--config", str(config), "run", "--once"]) == 0  # nothing new: nothing sent
    later = http_receiver.bodies()[1:]
    assert [b["type"] for b in later] == ["warning"]
    assert "SV_43bxcsh7rg71Y31" in later[0]["message"]

    capsys.readouterr()
    assert main(["--config", str(config), "cases", "--json"]) == 0
    assert '"state": "video_call_invited"' in capsys.readouterr().out


def test_doctor_good_and_bad(tmp_path, imap_account, http_receiver, capsys):
    config = write_config(tmp_path, imap_account, http_receiver)
    assert main(["--config", str(config), "doctor"]) == 0
    out = capsys.readouterr().out
    assert "✓ mailbox main" in out and "folder Junk" in out and "IDLE" in out

    imap_account.password_file.write_text("wrong-password-123", encoding="utf-8")
    assert main(["--config", str(config), "doctor"]) == 1
    out = capsys.readouterr().out
    assert "✗ mailbox main" in out and "refused" in out
    assert "wrong-password-123" not in out

    bad = tmp_path / "bad.toml"
    bad.write_text(config.read_text(encoding="utf-8").replace('security = "plain"', 'security = "ssl"'),
                   encoding="utf-8")
    assert main(["--config", str(bad), "doctor"]) == 1
    assert "mailboxes.main.security" in capsys.readouterr().out


def test_sigterm_stops_cleanly_and_no_secret_leaks(tmp_path, imap_account, http_receiver):
    http_receiver.start()
    config = write_config(tmp_path, imap_account, http_receiver)
    log_path = tmp_path / "stderr.log"
    with running_service(config, log_path, "--log-format", "json", "-v") as terminate:
        _wait(lambda: b"IDLE on" in log_path.read_bytes(), 20, "the service to reach IDLE")
        imap_account.append(mail("appeal_denied_restart-en-plain-1.eml"))
        _wait(lambda: len(http_receiver.bodies()) >= 1, 30, "the alert")  # generous: a loaded machine
        assert terminate() < 8
    (alert,) = http_receiver.bodies()
    assert "客户拓展及运营经理" in alert["message"]
    logs = log_path.read_bytes()
    database = b"".join(p.read_bytes() for p in tmp_path.glob("state.db*"))
    for secret in (imap_account.password.encode(), TOKEN.encode()):
        assert secret not in logs
        assert secret not in database
    assert b'"level": "info"' in logs  # --log-format json really is JSON lines


@contextmanager
def running_service(config: Path, log_path: Path, *options: str):
    """`siv-watcher run` in a subprocess; yields terminate(): SIGTERM, expect exit 0, seconds taken."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    with log_path.open("wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "watcher", "--config", str(config), *options, "run"],
                                stderr=log, stdout=subprocess.DEVNULL, env=env, cwd=ROOT)

        def terminate() -> float:
            started = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(10) == 0
            return time.monotonic() - started

        try:
            yield terminate
        finally:
            if proc.poll() is None:
                proc.kill()


def _wait(ready, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_the_service_classifies_with_the_configs_rule_folders(tmp_path, imap_account, http_receiver, capsys):
    rules = tmp_path / "my-rules"
    rules.mkdir()
    (rules / "local.toml").write_text(   # switch the failure-notice rules off: the mail becomes `other`
        '[[rules]]\nname = "siv_failed.subject"\nenabled = false\n'
        '[[rules]]\nname = "siv_failed.body"\nenabled = false\n', encoding="utf-8")
    config = write_config(tmp_path, imap_account, http_receiver)
    text = config.read_text(encoding="utf-8") + '[rules]\nfolders = ["my-rules"]\n'
    config.write_text(text, encoding="utf-8")
    imap_account.append(mail("siv_failed-en-plain.eml"))
    assert main(["--config", str(config), "run", "--once"]) == 0
    capsys.readouterr()
    assert main(["--config", str(config), "cases", "--json"]) == 0
    assert capsys.readouterr().out == ""        # no case: the user's rules made it `other`

    (rules / "broken.toml").write_text('[[rules]]\nname = "x"\nkind = "nope"\n', encoding="utf-8")
    from watcher.mail.imap import ruleset_for
    ruleset_for.cache_clear()
    assert main(["--config", str(config), "run", "--once"]) == 2
    assert "broken.toml" in capsys.readouterr().err
    assert main(["--config", str(config), "doctor"]) == 1
    assert "✗ rules" in capsys.readouterr().out


def test_a_folder_added_later_is_history_first_then_live(tmp_path, imap_account, http_receiver):
    http_receiver.start()
    imap_account.append(mail("siv_failed-en-plain.eml"))
    config = write_config(tmp_path, imap_account, http_receiver, watch_junk="false")
    assert main(["--config", str(config), "run", "--once"]) == 0
    assert len(http_receiver.bodies()) == 1                      # the first sync's summary
    imap_account.append(mail("support_reply-en-case-received.eml"))  # live: moves that case on
    assert main(["--config", str(config), "run", "--once"]) == 0
    assert len(http_receiver.bodies()) == 2

    client = imap_account.server.admin(imap_account.user)
    client.create_folder("Archive")
    client.logout()
    imap_account.append(mail("video_call_invitation-en-plain.eml"), folder="Archive")
    imap_account.append(mail("appeal_denied_restart-en-plain-2.eml"), folder="Archive")
    text = config.read_text(encoding="utf-8")
    folders = 'watch_junk = false\nfolders = ["INBOX", "Archive"]'
    config.write_text(text.replace("watch_junk = false", folders), encoding="utf-8")
    assert main(["--config", str(config), "run", "--once"]) == 0
    added = http_receiver.bodies()[2:]
    assert len(added) == 1, "only the new folder's cases are summarised, not alerted mail by mail"
    assert "wangjun_ecom@qq.com" in added[0]["title"] + added[0]["message"]

    imap_account.append(mail("siv_approved-en-plain.eml"), folder="Archive")
    assert main(["--config", str(config), "run", "--once"]) == 0
    assert [b["type"] for b in http_receiver.bodies()[3:]] == ["success"]   # now live: its own alert


def test_sigterm_during_a_first_sync_stops_fast_and_loses_nothing(tmp_path, imap_account, http_receiver):
    """Syncs give up between two messages; a restart finishes the job, storing each mail once."""
    from tests.mailgen import siv_mail
    from watcher.store.tables import Store

    now = time.time()
    count = imap_account.server.write_maildir(((siv_mail(i, "term"), now - 3600) for i in range(600)),
                                              user=imap_account.user)
    config = write_config(tmp_path, imap_account, http_receiver, watch_junk="false")
    store = Store(f"sqlite:///{tmp_path}/state.db")
    with running_service(config, tmp_path / "stderr.log") as terminate:
        _wait(lambda: len(store.messages()) >= 20, 30, "the first sync to be under way")
        assert terminate() < 5
    assert len(store.messages()) < count, "the test must stop the sync before it finishes"
    assert main(["--config", str(config), "run", "--once"]) == 0
    messages = store.messages()
    assert len(messages) == count
    assert len({m.message_id for m in messages}) == count


def test_uidvalidity_change_alerts_only_the_mail_that_is_new(tmp_path, imap_account, http_receiver):
    http_receiver.start()
    box = "Verify"
    client = imap_account.server.admin(imap_account.user)
    client.create_folder(box)
    imap_account.server.append(mail("siv_failed-en-plain.eml"), box, client=client)
    config = write_config(tmp_path, imap_account, http_receiver, watch_junk="false",
                          folders=f'["{box}"]')
    assert main(["--config", str(config), "run", "--once"]) == 0       # first sync: one summary
    imap_account.server.append(mail("support_reply-en-case-received.eml"), box, client=client)
    assert main(["--config", str(config), "run", "--once"]) == 0       # live: one alert
    assert len(http_receiver.bodies()) == 2

    client.delete_folder(box)                                           # a server migration
    client.create_folder(box)
    for name in ("siv_failed-en-plain.eml", "support_reply-en-case-received.eml",
                 "video_call_invitation-zh-plain.eml"):
        imap_account.server.append(mail(name), box, client=client)
    client.logout()
    assert main(["--config", str(config), "run", "--once"]) == 0
    after = http_receiver.bodies()[2:]
    assert [b["type"] for b in after] == ["warning"]                    # only the invitation is new
    assert "SV_43bxcsh7rg71Y31" in after[0]["message"]


def test_stop_is_prompt_even_while_a_target_hangs(tmp_path):
    """A target that accepts and never answers must not hold SIGTERM past systemd's patience."""
    import socket
    import threading

    from watcher.app.service import Service
    from watcher.core.alerts import AlertText
    from watcher.settings import config as cfg
    from watcher.store.outbox import AlertDraft, add_alert

    hang = socket.create_server(("127.0.0.1", 0))
    accepted = threading.Event()
    conns = []

    def accept() -> None:
        while True:
            try:
                conn, _ = hang.accept()
            except OSError:
                return
            conns.append(conn)
            accepted.set()

    threading.Thread(target=accept, daemon=True).start()
    config = cfg.parse({"database": {"url": f"sqlite:///{tmp_path}/s.db"},
                        "notify": {"urls": [f"json://127.0.0.1:{hang.getsockname()[1]}/hook"]}})
    service = Service(config)
    with service.store.session() as s:
        for n in range(5):
            add_alert(s, AlertDraft(key=f"k{n}", purpose="test", text=AlertText("t", "b", "info")))
        s.commit()
    service.start()
    try:
        assert accepted.wait(10), "delivery never started"
        started = time.monotonic()
        service.stop(timeout=2)
        assert time.monotonic() - started < 8
    finally:
        hang.close()
        for conn in conns:
            conn.close()
    with service.store.session() as s:
        from sqlmodel import select

        from watcher.store.tables import AlertRow
        assert len([a for a in s.exec(select(AlertRow)) if a.status == "pending"]) == 5  # kept for later


def test_first_polls_are_staggered_and_a_late_poll_runs_late_rather_than_never(tmp_path):
    """APScheduler's default 1 s grace skipped most first polls of a few hundred mailboxes (each
    then waited a whole poll period); now polls are spread and a late one still runs."""
    from watcher.app.service import FIRST_POLL_STEP, Service
    from watcher.settings.config import Config, MailboxConfig

    boxes = tuple(MailboxConfig(name=f"m{i}", host="127.0.0.1", port=1, security="plain", username="u",
                                password_file=tmp_path / "pw") for i in range(5))
    service = Service(Config(mailboxes=boxes, database_url=f"sqlite:///{tmp_path}/s.db")).start()
    try:
        jobs = [service.scheduler.get_job(f"poll-m{i}") for i in range(5)]
        starts = [job.next_run_time.timestamp() for job in jobs]
        assert all(job.misfire_grace_time is None and job.coalesce for job in jobs)
        period = service.config.schedule.poll_seconds  # a job that already ran is one period later
        assert [round((b - a) % period, 3) for a, b in itertools.pairwise(starts)] == [FIRST_POLL_STEP] * 4
    finally:
        service.stop()
