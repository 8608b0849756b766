"""`siv-watcher demo` runs the real pipeline end to end and prints every alert."""

import threading

from watcher.app.cli import main


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


def test_the_story_moves_with_the_calendar():
    from datetime import date

    from watcher.core.classify import classify
    from watcher.demo.run import STORY_DAY, story

    then, later = dict(story(STORY_DAY)), dict(story(date(2028, 3, 1)))
    days = (date(2028, 3, 1) - STORY_DAY).days
    for name in ("03-video_call_invitation.eml", "04-video_call_confirmation.eml"):
        a, b = classify(then[name]), classify(later[name])
        assert a.kind == b.kind and a.sender_check == b.sender_check
        assert (b.sent_at - a.sent_at).days == days
    invitation = [classify(later[n]) for n in later if n.startswith("03")][0]
    confirmation = [classify(later[n]) for n in later if n.startswith("04")][0]
    assert invitation.deadline > date(2028, 3, 1)
    before = classify(then["04-video_call_confirmation.eml"]).appointment
    assert (confirmation.appointment - before).days == days
