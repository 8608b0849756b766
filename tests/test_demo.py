"""`siv-watcher demo` runs the real pipeline end to end and prints every alert."""

import threading

from watcher.cli import main


def test_demo_prints_each_alert_and_the_cases(capsys):
    before = {t.name for t in threading.enumerate()}
    assert main(["demo", "--pause", "0"]) == 0
    out = capsys.readouterr().out
    assert out.count("→ 投递") == 6
    assert "客户拓展及运营经理" in out                       # the re-register warning
    assert "疑似钓鱼邮件" in out                              # phishing from the junk folder
    assert "https://amazonxten.qualtrics.com/" in out         # the booking link of the invitation
    assert "video_call_scheduled" in out and "restart_advised" in out   # the closing cases table
    leftover = {t.name for t in threading.enumerate()} - before
    assert not [name for name in leftover if name.startswith(("idle-", "demo", "watch-"))]


def test_demo_in_english(capsys):
    assert main(["demo", "--pause", "0", "--language", "en"]) == 0
    out = capsys.readouterr().out
    assert "account manager" in out and "phishing" in out.lower()
