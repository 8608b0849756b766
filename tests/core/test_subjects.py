"""One table of reply / forward subject prefixes, known alike to the filter, the parser and the rules."""

from __future__ import annotations

import pytest

from tests._mailmake import mail
from watcher.core.candidates import is_candidate
from watcher.core.classify import bare_subject
from watcher.core.message import parse_message
from watcher.core.threads import FORWARD_PREFIXES, REPLY_PREFIXES

# The union of what the three users knew before they shared the table.
UNION_REPLY = {"re", "aw", "回复", "回覆", "答复", "答覆"}
UNION_FORWARD = {"fwd", "fw", "tr", "wg", "转发", "轉發", "转寄", "轉寄"}


def spellings(prefix: str) -> list[str]:
    """As clients write it: "Re:", "RE:", "re ：" ..."""
    return [f"{prefix}:", f"{prefix.upper()}:", f"{prefix.capitalize()} ：", f"{prefix}："]


def test_the_table_is_the_union():
    assert set(REPLY_PREFIXES) == UNION_REPLY
    assert set(FORWARD_PREFIXES) == UNION_FORWARD


@pytest.mark.parametrize("prefix", sorted(UNION_REPLY))
def test_reply_prefixes(prefix):
    for p in spellings(prefix):
        parsed = parse_message(mail("hello", subject=f"{p} Your case"))
        assert parsed.is_reply and not parsed.is_forward, p
        assert bare_subject(f"{p} Your case") == "Your case", p
        for fwd in sorted(UNION_FORWARD):  # "答覆: Fwd: ..." is a forward
            assert parse_message(mail("hello", subject=f"{p} {fwd}: Your case")).is_forward, (p, fwd)


@pytest.mark.parametrize("prefix", sorted(UNION_FORWARD))
def test_forward_prefixes(prefix):
    for p in spellings(prefix):
        assert parse_message(mail("hello", subject=f"{p} Your case")).is_forward, p
        assert bare_subject(f"{p} [EXTERNAL] Re: Your case") == "Your case", p
        assert is_candidate(f"From: Agent <ops@agency.cn>\r\nSubject: {p} hello\r\n".encode()), p
