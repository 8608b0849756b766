"""The reading budget: a huge mail is read in part, never silently, and an SIV notice buried in
a long thread is still found (head, tail and the passages with SIV words)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from watcher.core import budget
from watcher.core.classify import classify
from watcher.core.html_text import render
from watcher.core.message import parse_message

CORPUS = Path(__file__).parents[1] / "corpus"
FORWARD = CORPUS / "extra" / "video_call_invitation-en-fwd-agent-inline.eml"
# ordinary thread chatter: ASCII lines, valid inside the corpus mail's quoted-printable body
FILLER = b"> Re: shipping plan for next week, the pallets leave Ningbo on Tuesday.\r\n"


def _expected(path: Path) -> dict[str, object]:
    fields: dict[str, object] = json.loads((path.parent / "expected.json").read_text("utf-8"))[path.name]
    return fields


def _padded(path: Path, before: int, after: int) -> bytes:
    """The corpus mail with `before` / `after` bytes of ordinary thread lines around its body."""
    raw = path.read_bytes()
    sep = b"\r\n\r\n" if b"\r\n\r\n" in raw else b"\n\n"
    head, body = raw.split(sep, 1)
    pad = lambda n: FILLER * (n // len(FILLER))  # noqa: E731
    return head + sep + pad(before) + body + b"\r\n" + pad(after)


@pytest.mark.parametrize(("before", "after"), [(600_000, 600_000), (1_500_000, 0), (0, 1_500_000)],
                         ids=["middle", "bottom", "top"])
def test_siv_notice_in_a_huge_thread_is_still_read(before: int, after: int) -> None:
    expected = _expected(FORWARD)
    result = classify(_padded(FORWARD, before, after))
    assert result.kind.value == expected["kind"]
    assert result.booking_url == expected["booking_url"]
    assert any("read in part" in note for note in result.notes), result.notes


def test_the_corpus_mail_itself_is_read_whole() -> None:
    assert classify(FORWARD.read_bytes()).notes == ()


def test_short_text_is_read_whole() -> None:
    text = "Please schedule your video call.\n" * 100
    assert budget.read_within(text) == (text, None)


def test_unread_middle_is_noted_and_bounded() -> None:
    text = "a" * budget.READ_HEAD + "ordinary words\n" * 100_000 + "z" * budget.READ_TAIL
    read, note = budget.read_within(text)
    assert note is not None and "0 passage(s)" in note
    assert read.startswith("a" * budget.READ_HEAD) and read.endswith("z" * budget.READ_TAIL)
    assert len(read) == budget.READ_HEAD + len(budget.GAP) + budget.READ_TAIL


def test_passages_are_taken_in_text_order_and_capped() -> None:
    middle_lines = [f"line {i} nothing to see\n" for i in range(60_000)]
    for i in range(0, 60_000, 2_000):  # 30 passages with SIV words, more than the cap
        middle_lines[i] = f"line {i}: 请完成身份验证\n"
    text = "h" * budget.READ_HEAD + "".join(middle_lines) + "t" * budget.READ_TAIL
    read, note = budget.read_within(text)
    assert read.count("身份验证") == budget.MAX_PASSAGES
    assert read.index("line 0:") < read.index("line 2000:") < read.index("line 4000:")
    assert note is not None and f"{budget.MAX_PASSAGES} passage(s)" in note


def test_traditional_chinese_stem_opens_a_passage() -> None:
    filler = "x\n" * 100_000
    text = "h" * budget.READ_HEAD + filler + "請完成身分驗證\n" + filler + "t" * budget.READ_TAIL
    assert "身分驗證" in budget.read_within(text)[0]


def test_html_past_the_render_budget_keeps_its_words_and_links() -> None:
    markup = ("<table><tr><td>&nbsp;</td></tr></table>" * 10_000
              + '<p>Please <a href="https://amazonxten.qualtrics.com/jfe/form/SV_x">book</a> '
              "your video call &amp; verify</p>")
    texts, links, note = budget.render_within([markup])
    assert note is not None and "without its layout" in note
    assert "https://amazonxten.qualtrics.com/jfe/form/SV_x" in links
    assert "your video call & verify" in " ".join(texts[0].split())


def test_html_within_the_render_budget_is_rendered_as_before() -> None:
    markup = '<p>a<br>b</p><a href="https://x.example/">l</a>'
    text, links = render(markup)
    assert budget.render_within([markup]) == ([text], links, None)


def test_links_only_are_the_links_of_the_rendering() -> None:
    inside = ('<p>a<br>b</p><a href="https://x.example/?a=1&amp;b=2">l</a>'
              '<!-- <a href="https://no.example/"> -->')
    past = "<table><tr><td>&nbsp;</td></tr></table>" * 10_000 + '<a href="https://y.example/">y</a>'
    for markup in (inside, past):
        texts, links, note = budget.render_within([markup, inside])
        assert budget.render_within([markup, inside], layout=False) == (["", ""], links, note)


def _multipart(parts: int) -> bytes:
    part = b"--b\r\nContent-Type: text/plain\r\n\r\npart\r\n"
    return (b'From: a@example.com\r\nSubject: many\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
            + part * parts + b"--b--\r\n")


def test_mime_parts_past_the_cap_are_not_parsed() -> None:
    raw, note = budget.cap_parts(_multipart(budget.MAX_PARTS + 500))
    assert note is not None and str(budget.MAX_PARTS) in note
    assert raw.count(b"\n--b\r\n") == budget.MAX_PARTS
    assert parse_message(_multipart(budget.MAX_PARTS + 500)).notes == (note,)


def test_a_mail_within_the_part_cap_is_untouched() -> None:
    raw = _multipart(budget.MAX_PARTS)
    assert budget.cap_parts(raw) == (raw, None)


def test_dash_lines_in_text_are_not_parts() -> None:
    raw = b"From: a@example.com\r\nSubject: dashes\r\n\r\n" + b"--b\r\n" * (budget.MAX_PARTS * 3)
    assert budget.cap_parts(raw) == (raw, None)
