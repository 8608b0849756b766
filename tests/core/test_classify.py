"""Corpus-driven: every .eml with an entry in an expected.json beside it, every field exact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests._mailmake import mail
from watcher.core.classify import classify
from watcher.core.model import Classification, Kind, SenderCheck

CORPUS = Path(__file__).parents[1] / "corpus"
FIELDS = ("kind", "sender_check", "case_id", "seller_token", "booking_url", "deadline", "appointment")


def _cases() -> list:
    cases = []
    for expected_file in sorted(CORPUS.glob("**/expected.json")):
        expected = json.loads(expected_file.read_text("utf-8"))
        for name, fields in sorted(expected.items()):
            path = expected_file.parent / name
            if path.exists():
                rel = path.relative_to(CORPUS).as_posix()
                cases.append(pytest.param(path, fields, id=rel))
    return cases


CASES = _cases()


def test_corpus_is_found():
    assert len(CASES) >= 17


@pytest.mark.parametrize(("path", "expected"), CASES)
def test_corpus_message(path: Path, expected: dict):
    result = classify(path.read_bytes()).to_json()
    got = {k: str(result[k]).strip() for k in FIELDS if result.get(k) is not None}
    want = {k: str(v).strip() for k, v in expected.items() if k in FIELDS}
    assert got == want, f"rule={result['rule']} reasons={result['reasons']}"


def test_reply_takes_kind_of_newest_part():
    body = (
        "Hello from Amazon Selling Partner Support,\n\nAs a next step, you must restart the application "
        "process with a new account and email ID.\n\n"
        "On Mon, Oct 19, 2026 at 9:00 AM seller <s@example.com> wrote:\n"
        "> I received: Unable to verify your Selling on Amazon account. Please review again.\n"
    )
    result = classify(
        mail(body, subject="RE: [CASE 15347202291] appeal", sender="Support <merch@amazon.com>")
    )
    assert result.kind is Kind.APPEAL_DENIED_RESTART
    assert result.case_id == "15347202291"


def test_sellers_own_reply_quoting_amazon_is_other():
    body = "好的，我明天预约。\n\n> Please schedule your video call to complete the verification process.\n"
    result = classify(mail(body, subject="Re: video call required", sender="seller@example.com"))
    assert result.kind is Kind.OTHER


def test_inline_forward_uses_original_date_and_recipient():
    body = (
        "Boss, see below.\n\n---------- Forwarded message ---------\n"
        "From: Amazon Seller Identity Verification <seller-verification@amazon.com>\n"
        "Date: Tue, 6 Oct 2026 21:15:00 +0000\n"
        "Subject: Your Amazon.com selling account: video call required\n"
        "To: owner@example.com\n\nPlease schedule your video call to complete the verification process.\n"
        "If you do not schedule an appointment within the next 14 days ...\n"
        "1. Click the following link:\nhttps://amazonxten.qualtrics.com/jfe/form/SV_abcdefgh12\n"
        "enter this merchant token (A1QX7RZP0M4KDE) as your credential\n"
    )
    raw = mail(
        body,
        subject="Fwd: video call",
        sender="Agent <agent@example.com>",
        date="Fri, 16 Oct 2026 10:00 +0800",
    )
    result = classify(raw)
    assert result.kind is Kind.VIDEO_CALL_INVITATION
    assert result.sender_check is SenderCheck.UNVERIFIED
    assert result.deadline.isoformat() == "2026-10-21"
    assert result.account == "owner@example.com"
    assert result.seller_token == "A1QX7RZP0M4KDE"


def test_timezone_parameter_moves_the_deadline():
    body = "Please schedule your video call within the next 14 days.\nClick the following link:\nhttps://amazonxten.qualtrics.com/jfe/form/SV_1"
    raw = mail(body, date="Tue, 06 Oct 2026 21:15:00 +0000")
    assert classify(raw).deadline.isoformat() == "2026-10-21"
    assert classify(raw, tz="UTC").deadline.isoformat() == "2026-10-20"


def test_garbage_is_other_with_parse_error():
    result = classify(b"")
    assert isinstance(result, Classification)
    assert result.kind is Kind.OTHER and result.parse_error


def test_to_json_is_every_field_json_ready():
    """The shallow to_json must give what a deep asdict gives, for every corpus mail's fields."""
    import dataclasses
    import json as jsonlib

    for path, _ in (c.values for c in CASES):
        result = classify(path.read_bytes())
        deep = jsonlib.loads(jsonlib.dumps(dataclasses.asdict(result), default=lambda v: v.isoformat()))
        assert result.to_json() == deep, path.name
        assert jsonlib.loads(jsonlib.dumps(result.to_json())) == result.to_json()
