"""Alert text: the right next action, the fields that matter, the right type, within 2048 bytes."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.core.alerts import (
    DETAIL,
    ESSENTIAL,
    MESSAGE_LIMIT,
    USEFUL,
    compose_event,
    compose_phishing,
    compose_reminder,
    compose_summary,
    fit_lines,
    texts,
)
from watcher.core.cases import Event, ReminderPlan, fold
from watcher.core.model import Classification, Kind, SenderCheck, State

TZ = ZoneInfo("Asia/Shanghai")
ACCOUNT, MAILBOX = "wangjun_ecom@qq.com", "qq"
URL = "https://amazonxten.qualtrics.com/jfe/form/SV_6Lq2ZtW8rPc0XvE"
TOKEN = "A1QX7RZP0M4KDE"


def at(day: int, hour: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


FAILED = Event("siv_failed", at(1), "verified", subject="Unable to verify your Selling on Amazon account")
REPLY = Event("support_reply", at(2), "verified", case_id="15347202291")
INVITE = Event(
    "video_call_invitation",
    at(3),
    "verified",
    seller_token=TOKEN,
    booking_url=URL,
    deadline=date(2026, 11, 17),
)
CONFIRM = Event(
    "video_call_confirmation", at(4), "verified", appointment=datetime(2026, 11, 20, 7, tzinfo=UTC)
)
RESTART = Event("appeal_denied_restart", at(5), "verified", case_id="15347202292")
APPROVED = Event("siv_approved", at(6), "verified")
HISTORIES = {
    "siv_failed": [FAILED],
    "support_reply": [FAILED, REPLY],
    "appeal-sent": [FAILED, Event("appeal-sent", at(2))],
    "video_call_invitation": [FAILED, REPLY, INVITE],
    "booked": [FAILED, INVITE, Event("booked", at(3, 5))],
    "video_call_confirmation": [FAILED, INVITE, CONFIRM],
    "appeal_denied_restart": [FAILED, REPLY, RESTART],
    "siv_approved": [FAILED, INVITE, CONFIRM, APPROVED],
    "verified": [FAILED, Event("verified", at(6))],
}
# kind -> (notify type, words each language's alert must carry)
EXPECTED = {
    "siv_failed": (
        "warning",
        {
            "zh": ["Selling Partner Support", "English", "营业执照", "法定代表人", "appeal-draft"],
            "en": ["Selling Partner Support", "English", "business licence", "appeal-draft"],
        },
    ),
    "support_reply": (
        "info",
        {"zh": ["卖家支持", "垃圾邮件", "15347202291"], "en": ["Seller Support", "junk", "15347202291"]},
    ),
    "appeal-sent": ("info", {"zh": ["垃圾邮件"], "en": ["junk"]}),
    "video_call_invitation": (
        "warning",
        {
            "zh": [URL, TOKEN, "2026-11-17", "三个不同的日期", "原件", "多次提交"],
            "en": [URL, TOKEN, "2026-11-17", "three different days", "ORIGINAL", "more than once"],
        },
    ),
    "booked": (
        "info",
        {
            "zh": ["seller-identityverification-cn@amazon.com"],
            "en": ["seller-identityverification-cn@amazon.com"],
        },
    ),
    "video_call_confirmation": (
        "info",
        {
            "zh": ["2026-11-20 周五 15:00", "Asia/Shanghai", "原件", "5 分钟"],
            "en": ["2026-11-20 15:00", "Asia/Shanghai", "ORIGINAL", "5 minutes"],
        },
    ),
    "appeal_denied_restart": (
        "failure",
        {"zh": ["客户拓展及运营经理", "15347202292"], "en": ["account manager", "15347202292"]},
    ),
    "siv_approved": ("success", {"zh": ["恭喜"], "en": ["Congratulations"]}),
    "verified": ("success", {"zh": ["恭喜"], "en": ["Congratulations"]}),
}


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_every_kind_has_its_text_and_notify_type(kind, language):
    events = HISTORIES[kind]
    alert = compose_event(fold(events), events[-1], ACCOUNT, MAILBOX, language, TZ)
    notify_type, words = EXPECTED[kind]
    assert alert.notify_type == notify_type
    assert ACCOUNT in alert.title and ACCOUNT in alert.body
    assert texts(language)["events"][kind]["headline"] in alert.title
    assert (
        alert.body.startswith(texts(language)["events"][kind]["happened"]) or kind == "appeal_denied_restart"
    )
    for word in words[language]:
        assert word in alert.body, word
    assert len(f"{alert.title}\r\n{alert.body}".encode()) <= MESSAGE_LIMIT


def test_languages_differ_and_default_is_chinese():
    view = fold([FAILED])
    zh = compose_event(view, FAILED, ACCOUNT, MAILBOX, "zh", TZ)
    assert compose_event(view, FAILED, ACCOUNT, MAILBOX, "zh-CN", TZ) == zh
    assert compose_event(view, FAILED, ACCOUNT, MAILBOX, "", TZ) == zh
    assert compose_event(view, FAILED, ACCOUNT, MAILBOX, "en-US", TZ) != zh


def test_text_tables_have_the_same_keys_in_both_languages():
    def keys(table, prefix=""):
        out = set()
        for key, value in table.items():
            out.add(prefix + key)
            if isinstance(value, dict):
                out |= keys(value, f"{prefix}{key}.")
        return out

    english_only = {
        "appeal.draft",
        "appeal.seller_token_line",
        "appeal.case_ids_line",
    }  # the draft is English
    assert keys(texts("zh")) == keys(texts("en")) - english_only
    for state in State:
        assert texts("zh")["next_actions"][state.value] and texts("zh")["states"][state.value]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_restart_warning_is_first_and_in_the_title(language):
    warning = texts(language)["common"]["restart_warning"]
    alert = compose_event(fold([FAILED, RESTART]), RESTART, ACCOUNT, MAILBOX, language, TZ)
    assert alert.body.splitlines()[0] == warning
    assert "⚠️" in alert.title
    # a later support reply keeps the case in restart_advised: the warning stays on top
    later = Event("support_reply", at(7), "verified")
    alert = compose_event(fold([FAILED, RESTART, later]), later, ACCOUNT, MAILBOX, language, TZ)
    assert alert.body.splitlines()[0] == warning and "⚠️" in alert.title
    assert alert.notify_type == "failure"


def test_restart_warning_says_not_to_register_again_and_whom_to_ask():
    zh = texts("zh")["common"]["restart_warning"]
    assert "不要用新的邮箱" in zh and "客户拓展及运营经理" in zh
    en = texts("en")["common"]["restart_warning"]
    assert "do NOT register again" in en and "account manager" in en


def test_support_reply_after_invitation_keeps_booking_instructions():
    late = Event("support_reply", at(4), "verified", case_id="999")
    alert = compose_event(fold([FAILED, INVITE, late]), late, ACCOUNT, MAILBOX, "en", TZ)
    assert alert.notify_type == "info"
    assert URL in alert.body and "2026-11-17" in alert.body and "999" in alert.body


def test_missing_fields_show_unknown_instead_of_crashing():
    bare = Event("video_call_invitation", at(3), "verified")
    alert = compose_event(fold([bare]), bare, ACCOUNT, MAILBOX, "zh", TZ)
    assert texts("zh")["common"]["unknown"] in alert.body


@pytest.mark.parametrize("language", ["zh", "en"])
def test_phishing_alert(language):
    phish = Classification(
        kind=Kind.VIDEO_CALL_INVITATION,
        sender_check=SenderCheck.SUSPICIOUS,
        from_addr="seller-verification@amaz0n-support.cn",
        subject="视频通话邀请",
        reasons=("lookalike domain amaz0n-support.cn", "dmarc=fail"),
    )
    alert = compose_phishing(phish, None, ACCOUNT, MAILBOX, language)
    assert alert.notify_type == "failure"
    assert ("疑似钓鱼邮件" if language == "zh" else "phishing") in alert.title
    assert texts(language)["kinds"]["video_call_invitation"] in alert.body
    for word in (
        "seller-verification@amaz0n-support.cn",
        "lookalike domain amaz0n-support.cn",
        "dmarc=fail",
        "sellercentral.amazon.com",
        ACCOUNT,
    ):
        assert word in alert.body
    assert ("不要输入" if language == "zh" else "do not enter") in alert.body
    explicit = compose_phishing(phish, ["only this"], ACCOUNT, MAILBOX, language)
    assert "only this" in explicit.body and "dmarc=fail" not in explicit.body


@pytest.mark.parametrize(
    ("kind", "notify_type"),
    [
        ("siv_failed", "warning"),
        ("video_call_confirmation", "info"),
        ("appeal_denied_restart", "failure"),
        ("siv_approved", "success"),
    ],
)
def test_first_sync_summary(kind, notify_type):
    view = fold(HISTORIES[kind])
    alert = compose_summary(view, ACCOUNT, MAILBOX, "zh", TZ)
    assert alert.notify_type == notify_type
    assert texts("zh")["states"][view.state.value] in alert.title
    assert texts("zh")["next_actions"][view.state.value][-1].split("{")[0] in alert.body
    if view.state == State.RESTART_ADVISED:
        assert alert.body.splitlines()[0] == texts("zh")["common"]["restart_warning"]


def test_summary_of_scheduled_case_shows_local_appointment():
    alert = compose_summary(fold([FAILED, INVITE, CONFIRM]), ACCOUNT, MAILBOX, "en", TZ)
    assert "Fri 2026-11-20 15:00 (Asia/Shanghai)" in alert.body


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize(
    ("purpose", "events", "word"),
    [
        ("reminder:deadline-7d", [INVITE], "2026-11-17"),
        ("reminder:deadline-3d", [INVITE], "2026-11-17"),
        ("reminder:deadline-1d", [INVITE], "2026-11-17"),
        ("reminder:no-confirmation", [INVITE, Event("booked", at(3, 5))], "Selling Partner Support"),
        ("reminder:appointment-24h", [INVITE, CONFIRM], "15:00"),
        ("reminder:appointment-1h", [INVITE, CONFIRM], "15:00"),
    ],
)
def test_reminder_texts(purpose, events, word, language):
    alert = compose_reminder(fold(events), ReminderPlan(purpose, at(10)), ACCOUNT, MAILBOX, language, TZ)
    assert alert.notify_type == "warning"
    assert alert.title.endswith(texts(language)["reminders"][purpose]["headline"])
    assert word in alert.body.splitlines()[0]


def test_unknown_reminder_purpose_is_an_error():
    with pytest.raises(ValueError):
        compose_reminder(fold([INVITE]), ReminderPlan("reminder:nope", at(10)), ACCOUNT, MAILBOX, "zh", TZ)


# --- the 2048-byte limit ---------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh", "en"])
def test_huge_fields_stay_within_limit_and_keep_essentials(language):
    huge_url = URL + "?x=" + "字" * 5000
    invite = Event(
        "video_call_invitation",
        at(3),
        "verified",
        seller_token="T" * 3000,
        booking_url=huge_url,
        deadline=date(2026, 11, 17),
        subject="S" * 9000,
        case_id="9" * 4000,
    )
    view = fold(
        [FAILED, invite]
        + [Event("support_reply", at(4, h), "verified", case_id=f"{h}" * 300) for h in range(9)]
    )
    account = "a" * 3000 + "@qq.com"
    alert = compose_event(view, invite, account, "m" * 2000, language, TZ)
    assert len(f"{alert.title}\r\n{alert.body}".encode()) <= MESSAGE_LIMIT
    lines = alert.body.splitlines()
    actions = texts(language)["next_actions"]["video_call_invited"]
    assert lines[0] == texts(language)["events"]["video_call_invitation"]["happened"]
    assert any("2026-11-17" in line for line in lines)
    assert any(line.startswith(actions[1][:6]) for line in lines)  # the slot rule survived
    assert lines[-1] == texts(language)["common"]["truncated"]


def test_restart_warning_survives_huge_fields():
    restart = Event("appeal_denied_restart", at(5), "verified", case_id="7" * 5000, subject="x" * 5000)
    alert = compose_event(fold([restart]), restart, "b" * 5000, MAILBOX, "zh", TZ)
    assert alert.body.splitlines()[0] == texts("zh")["common"]["restart_warning"]
    assert len(f"{alert.title}\r\n{alert.body}".encode()) <= MESSAGE_LIMIT


def test_fit_lines_drops_details_before_essentials_and_cuts_at_line_boundary():
    lines = [(ESSENTIAL, "warn"), (DETAIL, "d" * 50), (USEFUL, "u" * 50), (ESSENTIAL, "next " * 10)]
    assert fit_lines(lines, 1000, "~") == "\n".join(text for _, text in lines)
    fitted = fit_lines(lines, 120, "~")
    assert fitted.splitlines() == ["warn", "u" * 50, "next " * 10, "~"]
    fitted = fit_lines(lines, 60, "~")
    assert fitted.splitlines() == ["warn", "next " * 10, "~"]
    assert fit_lines(lines, 20, "~").splitlines() == ["warn", "~"]
    assert fit_lines([(ESSENTIAL, "字" * 1000)], 2048, "~", line_limit=100).endswith("…")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=string.printable + "字⚠️\u200b", max_size=4000), st.sampled_from(["zh", "en"]))
def test_any_field_content_fits(blob, language):
    invite = Event(
        "video_call_invitation",
        at(3),
        "verified",
        seller_token=blob,
        booking_url=blob,
        subject=blob,
        case_id=blob or None,
        deadline=date(2026, 11, 17),
    )
    restart = Event("appeal_denied_restart", at(5), "verified", case_id=blob[:50] or None)
    for view, event in ((fold([invite]), invite), (fold([invite, restart]), restart)):
        for alert in (
            compose_event(view, event, blob or "x", blob, language, TZ),
            compose_summary(view, blob or "x", blob, language, TZ),
        ):
            assert len(f"{alert.title}\r\n{alert.body}".encode()) <= MESSAGE_LIMIT


def test_phishing_reasons_are_told_in_chinese_for_every_suspicious_corpus_mail():
    """The sender check words its evidence in English; a zh alert must not."""
    from pathlib import Path

    from watcher.core.alerts import localize_reason, texts
    from watcher.core.classify import classify

    zh, en = texts("zh"), texts("en")
    checked = 0
    for path in sorted((Path(__file__).parents[1] / "corpus").rglob("*.eml")):
        result = classify(path.read_bytes())
        if result.sender_check.value != "suspicious":
            continue
        for reason in result.reasons:
            said = localize_reason(reason, zh)
            assert any("\u4e00" <= ch <= "\u9fff" for ch in said), f"{path.name}: {reason}"
            assert localize_reason(reason, en) == reason
            checked += 1
    assert checked >= 10


# -- every alert is about its own mail ---------------------------------------------------------

LATER = {  # a later event (sent on the 9th) that moves the case past each kind
    "siv_failed": INVITE, "support_reply": CONFIRM, "video_call_invitation": CONFIRM,
    "video_call_confirmation": APPROVED, "appeal_denied_restart": APPROVED, "siv_approved": RESTART,
}
LATER = {kind: replace(event, sent_at=at(9)) for kind, event in LATER.items()}
LATE_MAIL = {  # each kind as an older mail arriving after LATER
    "siv_failed": FAILED, "support_reply": REPLY, "video_call_invitation": INVITE,
    "video_call_confirmation": CONFIRM, "appeal_denied_restart": RESTART, "siv_approved": APPROVED,
}


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("kind", sorted(LATE_MAIL))
def test_an_older_mail_arriving_late_speaks_of_itself_then_of_the_case(kind, language):
    t = texts(language)
    mail = LATE_MAIL[kind]
    later = LATER[kind]
    view = fold([mail, later])
    assert view.last_event == later
    alert = compose_event(view, mail, ACCOUNT, MAILBOX, language, TZ)
    body = alert.body
    assert t["events"][kind]["headline"] in alert.title
    own_action = t["next_actions"][str(fold([mail]).state)][0].split("{")[0]
    current_action = t["next_actions"][str(view.state)][0].split("{")[0]
    moved = t["common"]["moved_on"].split("{")[0]
    assert moved in body, "the alert says the case has moved past this mail"
    assert body.index(own_action) < body.index(moved) < body.rindex(current_action)
    if kind == "video_call_invitation":
        assert URL in body and "2026-11-17" in body and TOKEN in body
    if State.RESTART_ADVISED in (view.state, fold([mail]).state):
        assert body.startswith(t["common"]["restart_warning"]) and alert.notify_type == "failure"


def test_a_denial_always_opens_with_the_warning_even_after_approval():
    late_denial = Event("appeal_denied_restart", at(5), "verified")
    for language in ("zh", "en"):
        t = texts(language)
        view = fold([FAILED, APPROVED, late_denial])
        alert = compose_event(view, late_denial, ACCOUNT, MAILBOX, language, TZ)
        assert alert.body.startswith(t["common"]["restart_warning"])
        assert t["next_actions"]["restart_advised"][0].split("{")[0] in alert.body
        assert "appeal again" not in alert.body.lower()


def test_the_newest_mail_of_a_case_gets_no_moved_on_line():
    for kind, history in HISTORIES.items():
        if kind in ("booked", "verified", "appeal-sent"):
            continue
        alert = compose_event(fold(history), history[-1], ACCOUNT, MAILBOX, "zh", TZ)
        assert texts("zh")["common"]["moved_on"].split("{")[0] not in alert.body, kind


def test_a_deadline_already_past_is_marked_with_what_to_do():
    t = texts("zh")
    before = compose_event(fold([INVITE]), INVITE, ACCOUNT, MAILBOX, "zh", TZ, now=at(10))
    after = compose_event(fold([INVITE]), INVITE, ACCOUNT, MAILBOX, "zh", TZ, now=at(18))
    marker = t["common"]["deadline_passed"].split("{")[0]
    assert marker not in before.body
    assert marker in after.body and "Selling Partner Support" in after.body and URL in after.body


def test_a_siv_unclear_alert_quotes_the_mail_and_asks_to_read_it():
    unclear = Event("siv_unclear", at(7), "verified", subject="Your Amazon.com Selling Account",
                    excerpt=("We need additional documentation to verify your identity.",
                             "https://sellercentral.amazon.com/cu/contact-us"))
    for language in ("zh", "en"):
        t = texts(language)
        alert = compose_event(fold([FAILED, unclear]), unclear, ACCOUNT, MAILBOX, language, TZ)
        assert t["events"]["siv_unclear"]["headline"] in alert.title and alert.notify_type == "warning"
        assert "We need additional documentation to verify your identity." in alert.body
        assert "https://sellercentral.amazon.com/cu/contact-us" in alert.body
        assert t["events"]["siv_unclear"]["happened"] in alert.body
        assert t["common"]["moved_on"].split("{")[0] not in alert.body
        # the case is unchanged by it: its state's next action still follows
        assert t["next_actions"]["siv_failed"][0].split("{")[0] in alert.body
