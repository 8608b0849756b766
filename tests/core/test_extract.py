"""Field extraction formats (English and Chinese)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from watcher.core.extract import (
    appointment,
    booking_days,
    booking_url,
    case_id,
    deadline,
    meeting_url,
    seller_token,
)

SENT = datetime(2026, 9, 28, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://sellercentral.amazon.com/cu/case-dashboard/view-case?caseID=15347202291", "15347202291"),
        ("RE: [CASE 15347202291] appeal", "15347202291"),
        ("Case ID: 15601938274", "15601938274"),
        ("案例编号：15601938274", "15601938274"),
        ("案例 ID: 15601938274", "15601938274"),
        ("個案編號 15601938274", "15601938274"),
        ("no case here, order 113-4829173-6620245", None),
    ],
)
def test_case_id(text, expected):
    assert case_id(text) == expected


CASE_PIECES = ["case", "CASE", "caſe", "CaſE", " ", "id", "ID", ":", "#", "[", "]", "=", "no.", "number",
               "案例", "工單", "编号", "123456", "15347202291", "x", "\n"]


def _case_id_without_word_test(text: str) -> str | None:
    from watcher.core import extract

    return next((m.group(1) for rx in extract._CASE if (m := rx.search(text))), None)


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(CASE_PIECES), max_size=10).map("".join))
def test_case_words_hide_no_case_number(text):
    assert case_id(text) == _case_id_without_word_test(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Merchant token: A1QX7RZP0M4KDE", "A1QX7RZP0M4KDE"),
        ("enter this merchant token (A1QX7RZP0M4KDE) as your credential", "A1QX7RZP0M4KDE"),
        ("请将此卖家帐户标志(A338EZF90LH13C)为凭据", "A338EZF90LH13C"),
        ("請將此賣家記號（A338EZF90LH13C）作為憑據", "A338EZF90LH13C"),
        ("Seller ID: A2ZQ6TB1NW8PXK", "A2ZQ6TB1NW8PXK"),
        ("卖家帐户标志\tA1HT6ZK3PW8QMN", "A1HT6ZK3PW8QMN"),  # HTML table cells
        ("卖家记号A1HT6ZK3PW8QMN", "A1HT6ZK3PW8QMN"),  # no space after a Chinese label
        ("Merchant token:\n  A1HT6ZK3PW8QMN", "A1HT6ZK3PW8QMN"),
        ("AMAZONSERVICES is not a token", None),
    ],
)
def test_seller_token(text, expected):
    assert seller_token(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Appointment: November 20, 2026 at 3:00 PM China Standard Time (GMT+8)",
            "2026-11-20T15:00:00+08:00",
        ),
        ("Appointment: October 1, 2026, 06:00 UTC", "2026-10-01T14:00:00+08:00"),
        ("Date: 2026-10-01 14:30 - 14:45 (GMT+8)", "2026-10-01T14:30:00+08:00"),
        ("预约时间：2026年10月29日 上午10:00 (北京时间)", "2026-10-29T10:00:00+08:00"),
        ("預約時間：2026年10月29日 下午3:30（北京時間）", "2026-10-29T15:30:00+08:00"),
        ("Appointment: Thursday, November 19, 2026 11:00 PM PST", "2026-11-20T15:00:00+08:00"),
        ("Appointment: Oct 3, 2026 at 9:00 AM PDT", "2026-10-04T00:00:00+08:00"),
        ("Join within 10 minutes. Appointment: 2026/10/05 09:00", "2026-10-05T09:00:00+08:00"),
        ("Date: Thursday, December 10, 2026\nTime: 9:30 AM PST", "2026-12-11T01:30:00+08:00"),
        ("日期\t2026年11月18日 星期三\n时间\t下午 4:00 - 下午 4:15 (GMT+08:00)", "2026-11-18T16:00:00+08:00"),
        ("scheduled for 15:00-15:15 CET on Thursday, 14 January 2027.", "2027-01-14T22:00:00+08:00"),
        ("Appointment: Monday, 11/30/2026 10:00 AM (GMT+08:00)", "2026-11-30T10:00:00+08:00"),
        ("Appointment: 30/11/2026 10:00 (UTC+8)", "2026-11-30T10:00:00+08:00"),
        ("Start time: 2027-01-04T02:00:00Z", "2027-01-04T10:00:00+08:00"),
    ],
)
def test_appointment(text, expected):
    assert appointment(text, SENT, "Asia/Shanghai").isoformat() == expected


def test_deadline_uses_shanghai_calendar_date():
    sent = datetime(2026, 10, 6, 21, 15, tzinfo=UTC)
    assert deadline(sent, "within the next 14 days", "Asia/Shanghai").isoformat() == "2026-10-21"
    assert deadline(sent, "在接下来的 10 天内安排预约", "Asia/Shanghai").isoformat() == "2026-10-17"
    assert booking_days("no number here") is None  # no stated window: no deadline, not a guess


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("a confirmation within 2 business days. Book within the next 10 days.", 10),
        ("within seven calendar days", 7),
        ("within two weeks", 14),
        ("请于一周内预约", 7),
        ("请在收到本邮件后两周内预约", 14),
        ("如果您未在十天內安排預約", 10),
        ("请您在十四天内安排", 14),
        ("我们将在 2 个工作日内发送确认邮件", None),  # business days are not the window: none stated
    ],
)
def test_booking_window_in_words_and_numerals(text, days):
    assert booking_days(text) == days
    assert deadline(None, "14 days", "Asia/Shanghai") is None


def test_booking_url_skips_help_links():
    links = ("https://sellercentral.amazon.com/help/hub/reference/1791", "https://evil.example/booking/SV_1")
    assert booking_url(links, "") == "https://evil.example/booking/SV_1"
    plain = ("https://sellercentral.amazon.com/cu/contact-us", "https://x.example/form")
    assert (
        booking_url(plain, "1. Click the following link:\nhttps://x.example/form") == "https://x.example/form"
    )


def test_meeting_url_is_the_chime_link_only():
    links = ("https://sellercentral.amazon.com/help", "https://app.chime.aws/meetings/4827193650",
             "https://chime.aws.evil.example/x")
    assert meeting_url(links) == "https://app.chime.aws/meetings/4827193650"
    assert meeting_url(links[2:]) is None


TOKEN_PIECES = ["Merchant Token", "seller id", "卖家编号", ": ", " is ", "\n", "A1B2C3D4E5F", "a1b2c3d4e5f",
                "AABCDEFGHIJK", "A123456789", "Case ID", "案例编号", "# ", "123456", "1234567", "x",
                # where a label may start (extract._first_label): other cases, re.I's odd letters,
                # a character whose lower case is longer, every first word
                "SELLER ID", "\u017feller token", "İ", "商戶令牌", "賣家 id", "merchant"]


def _case_id_every_pattern(text: str) -> str | None:
    from watcher.core.extract import _CASE

    for rx in _CASE:
        m = rx.search(text)
        if m:
            return m.group(1)
    return None


def _seller_token_every_match(text: str) -> str | None:
    from watcher.core.extract import _TOKEN, _TOKEN_SHAPE

    return next((m.group(1) for m in _TOKEN.finditer(text) if _TOKEN_SHAPE.fullmatch(m.group(1))), None)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(TOKEN_PIECES), max_size=8).map("".join) | st.text(max_size=40))
def test_quick_tests_before_the_searches_change_nothing(text):
    assert case_id(text) == _case_id_every_pattern(text)
    assert seller_token(text) == _seller_token_every_match(text)
