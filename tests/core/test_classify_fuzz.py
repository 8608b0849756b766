"""Any bytes in, a valid Classification out: corpus mutations and random bytes (hypothesis)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from watcher.core.classify import classify
from watcher.core.model import Classification, Kind, SenderCheck

MAILS = [p.read_bytes() for p in sorted((Path(__file__).parents[1] / "corpus").glob("**/*.eml"))]
MAILS = [m for m in MAILS if len(m) < 200_000]  # the huge-attachment trap is tested elsewhere
CHARSETS = [b"utf-8", b"gb2312", b"gbk", b"big5", b"iso-2022-jp", b"x-unknown", b"", b"utf-16", b"\xff\xfe"]
FAST = settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_valid(result: Classification) -> None:
    assert isinstance(result, Classification)
    assert isinstance(result.kind, Kind) and isinstance(result.sender_check, SenderCheck)
    assert result.appointment is None or isinstance(result.appointment, datetime)
    result.to_json()


@st.composite
def mutated(draw) -> bytes:
    data = bytearray(draw(st.sampled_from(MAILS)))
    for _ in range(draw(st.integers(0, 8))):
        op = draw(st.sampled_from(["flip", "cut", "drop_header", "charset", "insert"]))
        if not data:
            break
        pos = draw(st.integers(0, len(data) - 1))
        if op == "flip":
            data[pos] = draw(st.integers(0, 255))
        elif op == "cut":
            del data[pos:]
        elif op == "insert":
            data[pos:pos] = draw(st.binary(max_size=40))
        elif op == "drop_header":
            end = data.find(b"\n", pos)
            start = data.rfind(b"\n", 0, pos)
            del data[start + 1 : end if end >= 0 else len(data)]
        else:
            data = bytearray(data.replace(b"UTF-8", draw(st.sampled_from(CHARSETS)), 1))
    return bytes(data)


@FAST
@given(mutated())
def test_mutated_corpus_mails(raw: bytes):
    assert_valid(classify(raw))


@settings(max_examples=1000, deadline=None)
@given(st.binary(max_size=4000))
def test_random_bytes(raw: bytes):
    assert_valid(classify(raw))


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["text/plain", "text/html", "multipart/mixed"]))
def test_random_text_bodies(body: str, ctype: str):
    raw = f"From: Amazon <a@amazon.com>\nSubject: x\nContent-Type: {ctype}; charset=utf-8\n\n{body}".encode(
        "utf-8", "surrogatepass"
    )
    assert_valid(classify(raw))
