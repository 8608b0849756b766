"""The header-first filter: every SIV mail, forward and phish passes; ordinary mail does not."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.mailgen import CORPUS, filler, forward, siv_mail
from watcher.candidates import decode_rfc2047, is_candidate, needs_structure, structure_is_candidate
from watcher.imap import find_junk


def headers(raw: bytes) -> bytes:
    return raw.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0] + b"\n"


EXPECTED = json.loads((CORPUS / "expected.json").read_text())


@pytest.mark.parametrize("name", sorted(n for n, e in EXPECTED.items() if e["kind"] != "other"))
def test_every_siv_corpus_mail_is_a_candidate(name):
    assert is_candidate(headers((CORPUS / name).read_bytes()))


@pytest.mark.parametrize("header", [
    b"From: Agent <ops@agency.cn>\nSubject: Fwd: hello\n",
    b"From: Agent <ops@agency.cn>\nSubject: =?UTF-8?B?6L2s5Y+R77ya6YKu5Lu2?=\n",  # 转发：邮件
    b"From: Agent <ops@agency.cn>\nSubject: FW: [EXTERNAL] docs\n",
    b"From: x <notice@amaz0n-seller.top>\nSubject: hi\n",  # look-alike domain
    b"From: x <notice@arnazon.cn>\nSubject: hi\n",
    b"From: =?gb2312?B?0cfC7dG3?= <kefu@163.com>\nSubject: hi\n",  # 亚马逊 display name, gb2312
    b'From: "seller-verification@amazon.com" <a@b.cn>\nSubject: hi\n',
    b"From: a@b.cn\nSubject: =?gb2312?B?0enWpA==?=\n",  # 验证
    b"From: a@b.cn\nSubject: Your video call appointment\n",
    b"From: a@b.cn\nSubject: [CASE 123] update\n",
    b"From: a@b.cn\nSubject: order\nContent-Type: message/rfc822\n",
    b"From: a@b.cn\nContent-Type: multipart/mixed; boundary=x\n",  # no subject, an attachment
    b"From: bounce@amazonses.com\nSubject: Your report\n",
    b"",
    b"Subject: =?unknown-8bit?Q?=FF=FE?=\n",
])
def test_candidates(header):
    assert is_candidate(header)


@pytest.mark.parametrize("n", range(8))
def test_ordinary_mail_is_not_a_candidate(n):
    assert not is_candidate(headers(filler(n, random.Random(n), size=500)))
    assert not is_candidate(headers((CORPUS / "other-zh-non-amazon-freight-quote.eml").read_bytes()))


def test_forwards_from_an_agent_address():
    assert is_candidate(headers(forward(siv_mail(1), 1, "inline")))
    attached = headers(forward(siv_mail(2), 2, "attached"))
    assert not is_candidate(attached) and needs_structure(attached)  # decided by BODYSTRUCTURE
    assert structure_is_candidate(((b"text", b"plain"), (b"message", b"rfc822", None), b"mixed"))
    assert not structure_is_candidate(((b"text", b"plain"), (b"application", b"pdf"), b"mixed"))


def test_decode_rfc2047_is_robust():
    assert decode_rfc2047("=?gb2312?B?0enWpA==?= x") == "验证 x"
    assert decode_rfc2047("=?bogus-charset?B?YWJj?=") == "abc"
    assert decode_rfc2047(None) == ""


@given(st.binary(max_size=400))
def test_never_raises(data):
    assert is_candidate(data) in (True, False)


def test_find_junk_by_flag_then_by_name():
    assert find_junk([((b"\\HasNoChildren",), b"/", "INBOX"), ((b"\\Junk",), b"/", "Bulk")]) == "Bulk"
    assert find_junk([((), b"/", "INBOX"), ((), b"/", "其他/垃圾邮件")]) == "其他/垃圾邮件"
    assert find_junk([((), b".", "INBOX.Spam")]) == "INBOX.Spam"
    assert find_junk([((), b"/", "INBOX")]) is None
