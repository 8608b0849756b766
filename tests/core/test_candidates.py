"""The header-first filter: every SIV mail, forward and phish passes; ordinary mail does not."""

from __future__ import annotations

import json
import random
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.mailgen import CORPUS, filler, forward, siv_mail
from watcher.core import candidates
from watcher.core.candidates import (
    HEADER_FIELDS,
    is_candidate,
    needs_structure,
    plainly_ordinary,
    structure_is_candidate,
)
from watcher.core.charsets import decode_bytes, decode_words
from watcher.core.folding import fold
from watcher.core.prefilter import caseless
from watcher.mail.imap import find_junk


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


@given(st.binary(max_size=400))
def test_never_raises(data):
    assert is_candidate(data) in (True, False)


def test_find_junk_by_flag_then_by_name():
    assert find_junk([((b"\\HasNoChildren",), b"/", "INBOX"), ((b"\\Junk",), b"/", "Bulk")]) == "Bulk"
    assert find_junk([((), b"/", "INBOX"), ((), b"/", "其他/垃圾邮件")]) == "其他/垃圾邮件"
    assert find_junk([((), b".", "INBOX.Spam")]) == "INBOX.Spam"
    assert find_junk([((), b"/", "INBOX")]) is None


# -- the bytes-level prefilter: fast for ordinary mail, never wrong ----------------------------

def fetched(raw: bytes) -> bytes:
    """The header block as the engine fetches it: only HEADER_FIELDS."""
    keep = {f.lower() for f in HEADER_FIELDS}
    lines = headers(raw).replace(b"\n", b"\r\n").split(b"\r\n")
    return b"".join(line + b"\r\n" for line in lines if line.split(b":")[0].lower().decode() in keep)


def full_is_candidate(header: bytes) -> bool:
    """is_candidate without the prefilter: the reference the prefilter must never contradict."""
    with patch.object(candidates, "plainly_ordinary", lambda _h: False):
        return is_candidate(header)


_ALL_SIV = [(d, n) for d in (CORPUS, CORPUS.parent / "extra", CORPUS.parent / "variants")
            for n, e in sorted(json.loads((d / "expected.json").read_text()).items()) if e["kind"] != "other"]


@pytest.mark.parametrize(("folder", "name"), _ALL_SIV)
def test_every_siv_corpus_mail_is_a_candidate_from_the_fetched_fields_alone(folder, name):
    assert is_candidate(fetched((folder / name).read_bytes()))


@pytest.mark.parametrize("n", range(8))
def test_ordinary_mail_takes_the_fast_path(n):
    assert plainly_ordinary(fetched(filler(n, random.Random(n), size=500)))  # Chinese senders too


@pytest.mark.parametrize("pattern", [candidates._AMAZON, candidates.FORWARD_SUBJECT, candidates._SIV_WORDS])
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_every_match_of_a_candidate_pattern_defeats_the_prefilter(pattern, data):
    text = data.draw(st.from_regex(pattern, fullmatch=True))
    field = data.draw(st.sampled_from(["From", "Reply-To", "Subject", "References"]))
    block = f"Content-Type: text/plain\r\n{field}: {text}\r\n".encode(errors="surrogatepass")
    assert not plainly_ordinary(block)


_FRAGMENTS = ["amazon", "Amaz0n", "arnaz0n", "AMZN", "amazom", "亚马逊", "亞馬遜", "Fwd:", "fw :", "Tr:",
              "WG：", "转发：", "[fwd]", "verify", "İdentity", "ſiv", "siv", "KYC", "case", "showcase",
              "video \t call", "appointment", "Appeal", "seller  support", "selling on", "account health",
              "message/rfc822", "multipart/mixed", "=?utf-8?b?5Lqa6ams6YCK?=", "=?gb2312?B?0enWpA==?=",
              "\ufffd", "order", "newsletter", "r", "n", "rn", "0", "1", "\t", " ", ":", "\r\n ", "\r\n",
              "\x1c", "shop", "@", "<", ">", "周末聚餐", "验证", "卖家", "Ops Agent",
              "<0100018c@email.amazonses.com>", "c"]
_NAMES = ["From", "Sender", "Reply-To", "Subject", "Content-Type", "In-Reply-To", "References", "X-Other",
          " Subject", "Subject ", "", "From\t"]
_VALUE = st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=4)), max_size=6).map("".join)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_NAMES), _VALUE), max_size=5), st.sampled_from(["utf-8", "gbk"]))
def test_prefilter_never_rejects_what_the_full_filter_fetches(fields, codec):
    block = "".join(f"{name}:{value}\r\n" for name, value in fields).encode(codec, errors="replace")
    if plainly_ordinary(block):
        assert not full_is_candidate(block), block


@settings(max_examples=1000, deadline=None)
@given(st.binary(max_size=300))
def test_prefilter_never_contradicts_on_any_bytes(data):
    if plainly_ordinary(data):
        assert not full_is_candidate(data)


def reference_headers(header_bytes: bytes) -> dict[str, str]:
    """parse_headers as it was before its shortcuts: every block through decode_bytes, every
    value through decode_words."""
    out: dict[str, str] = {}
    for line in candidates._FOLD.sub(" ", decode_bytes(header_bytes)).splitlines():
        name, colon, value = line.partition(":")
        if colon and name and " " not in name.strip():
            key, decoded = name.strip().lower(), decode_words(value.strip())
            out[key] = f"{out[key]}, {decoded}" if key in out else decoded
    return out


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(_NAMES), _VALUE), max_size=5), st.sampled_from(["utf-8", "gbk"]))
def test_parse_headers_reads_fields_as_charsets_read_them(fields, codec):
    block = "".join(f"{name}:{value}\r\n" for name, value in fields).encode(codec, errors="replace")
    assert candidates.parse_headers(block) == reference_headers(block)


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=300))
def test_parse_headers_reads_any_bytes_as_charsets_read_them(data):
    assert candidates.parse_headers(data) == reference_headers(data)


def test_reply_or_forward_threaded_on_an_amazon_message_is_a_candidate():
    neutral = b"From: Ops Agent <agent@shenzhen-ops.cn>\r\nSubject: please look #7\r\n"
    assert not is_candidate(neutral + b"Content-Type: text/plain\r\n")
    assert is_candidate(neutral + b"References: <0100018c2f.a1@email.amazonses.com>\r\n")
    assert is_candidate(neutral + b"In-Reply-To: <case-123@amazon.co.jp>\r\n")
    assert "REFERENCES" in HEADER_FIELDS and "IN-REPLY-TO" in HEADER_FIELDS


# -- may_be_siv tries an expression only where the literals it needs occur ------------------------

_VOCABULARY = candidates._siv_vocabulary()


@pytest.mark.parametrize("index", range(len(_VOCABULARY.patterns)))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_every_match_of_the_siv_vocabulary_holds_the_literals_its_gate_needs(index, data):
    pattern, alternatives = _VOCABULARY.patterns[index]
    text = data.draw(st.from_regex(pattern, fullmatch=True))
    folded = fold(text)  # what may_be_siv searches
    if not pattern.search(folded):
        return  # folding took the match away (NFKC, spaces): nothing to hold
    probe = caseless(folded)
    assert _VOCABULARY.gate is not None
    holds = [all(any(lit in probe for lit in clause) for clause in clauses) for clauses in alternatives]
    assert any(holds), text
    present = [literal for literal in _VOCABULARY.gate if literal in probe]
    assert any(index in _VOCABULARY.opens[literal] for literal in present), text  # the gate opens it
    if probe.isascii():
        assert set(present) <= set(_VOCABULARY.narrow_gate), text
    assert candidates.may_be_siv(text)


def test_every_alternative_of_the_vocabulary_has_literals():
    """Without them there is no gate, and every view runs every expression."""
    assert all(clauses for _, alternatives in _VOCABULARY.patterns for clauses in alternatives)
    assert _VOCABULARY.gate is not None and len(_VOCABULARY.gate) <= 60


_SEARCHED = [candidates._AMAZON, candidates._NOTICE_VETO, *(p for p, _ in _VOCABULARY.patterns)]


@pytest.mark.parametrize("pattern", _SEARCHED, ids=range(len(_SEARCHED)))
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_vocabulary_finds_what_its_expressions_find(pattern, data):
    """Vocabulary.search is the expressions' own search, only skipped where it cannot match:
    held on generated matches, set in generated text, in three cases."""
    vocabulary = candidates.Vocabulary.of([pattern])
    match = data.draw(st.from_regex(pattern, fullmatch=True))
    around = data.draw(st.sampled_from(["", "x ", "Re: ", "说明：", "İ", "\n"]))
    text = data.draw(st.sampled_from([str.lower, str.upper, str.title]))(around + match) + around
    assert vocabulary.search(text) == bool(pattern.search(text)), text


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=60), st.sampled_from(["amazon", "AMAZ0N", "arnazon", "亞馬遜", "verif", "siv"]))
def test_looks_amazon_and_the_veto_are_their_expressions(text, word):
    for sample in (text, word + text, text + word, "x" * 400 + text + word):  # a header value, a page
        folded = candidates._fold_lookalikes(sample)
        assert candidates.looks_amazon(sample) == bool(
            candidates._AMAZON.search(sample) or candidates._AMAZON.search(folded)), sample
        veto = candidates._NOTICE_VETO
        assert candidates._notice_veto().search(sample) == bool(veto.search(sample)), sample


USER_RULES = """
[[rules]]
name = "mine.storefront"
kind = "siv_failed"
priority = 10
languages = ["en"]
[rules.body]
any = ["frobnicate your storefront", "re:zorp(le|ed) your shop keys"]

[[rules]]
name = "mine.veto"
kind = "other"
priority = 90
languages = ["en"]
[rules.body]
any = ["quarterly storefront digest"]
"""


def test_a_user_rules_words_make_a_mail_a_candidate_the_bundled_stems_would_settle(tmp_path):
    from watcher.core.rulefiles import load_ruleset

    (tmp_path / "mine.toml").write_text(USER_RULES, "utf-8")
    extra = candidates.rules_vocabulary(load_ruleset(tmp_path))
    assert extra is not None
    for text in ("Please Frobnicate your storefront by Friday.", "we have zorped your shop keys"):
        assert not candidates.may_be_siv(text)  # none of the bundled stems
        assert candidates.may_be_siv(text, extra)
    assert not candidates.may_be_siv("your quarterly storefront digest", extra)  # a veto adds nothing
    assert candidates.rules_vocabulary(load_ruleset()) is None  # the bundled rules add nothing
