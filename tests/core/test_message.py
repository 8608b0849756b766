"""Parsing traps: charsets, HTML-only bodies, encodings, threads, forwards, garbage."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tests._mailmake import header, mail, multipart
from watcher.core.message import ParsedMessage, decode_header_value, parse_message

GBK_ONLY = "您的帐户：镕堃喆"  # 镕/堃/喆 are in GBK but not in GB2312


def test_gb2312_label_with_gbk_only_characters_decodes_as_gb18030():
    raw = mail(GBK_ONLY.encode("gb18030"), charset="gb2312", cte="8bit")
    assert "镕堃喆" in parse_message(raw).text


def test_big5_hkscs_body_and_header():
    text = "無法驗證您的 Amazon 銷售帳戶 恒"
    raw = mail(text.encode("big5hkscs"), charset="big5", subject=header("無法驗證您的帳戶", "big5"))
    parsed = parse_message(raw)
    assert "無法驗證您的 Amazon 銷售帳戶" in parsed.text
    assert parsed.subject == "無法驗證您的帳戶"


def test_rfc2047_gb2312_header_read_as_gb18030():
    encoded = "=?gb2312?B?" + __import__("base64").b64encode("喆的帐户".encode("gb18030")).decode() + "?="
    assert decode_header_value(encoded) == "喆的帐户"


def test_html_only_gives_text_and_decoded_hrefs():
    html = '<p>Hello&nbsp;seller,</p><a href="https://amazonxten.qualtrics.com/jfe/form/SV_x?a=1&amp;b=2">Book</a>'
    parsed = parse_message(mail(html, ctype="text/html"))
    assert "Hello seller," in parsed.text
    assert "https://amazonxten.qualtrics.com/jfe/form/SV_x?a=1&b=2" in parsed.links
    assert "<p>" not in parsed.text


def test_quoted_printable_and_lf_line_endings():
    body = "Unable to verify your Selling on Amazon account =E2=80=94 done"
    parsed = parse_message(mail(body.encode(), cte="quoted-printable", eol="\n"))
    assert "account — done" in parsed.text
    assert parsed.from_addr == "seller-verification@amazon.com"


def test_invalid_charset_label_falls_back():
    parsed = parse_message(mail("你好 seller".encode(), charset="x-no-such-charset", cte="8bit"))
    assert "你好 seller" in parsed.text
    assert parsed.parse_error is None


def test_huge_mail_is_capped_not_fatal():
    raw = mail("hello " * 2_000_000, cte="8bit")
    parsed = parse_message(raw)
    assert parsed.parse_error is None
    assert any("truncated" in n for n in parsed.notes)


def test_authentication_results_only_top_level_and_in_order():
    inner = mail(
        "inner",
        extra_headers=("Authentication-Results: evil.example; dkim=pass header.d=amazon.com",),
    )
    outer_headers = (
        "Authentication-Results: mx.qq.com; dkim=fail header.d=amazon.com",
        "Authentication-Results: other.example; dkim=pass header.d=amazon.com",
        "From: agent@example.com",
        "Subject: Fwd: notice",
    )
    attached = b"Content-Type: message/rfc822\r\n\r\n" + inner
    note = b"Content-Type: text/plain\r\n\r\nsee attached"
    parsed = parse_message(multipart([note, attached], headers=outer_headers))
    assert [h.split(";")[0] for h in parsed.auth_results] == ["mx.qq.com", "other.example"]
    assert parsed.is_forward
    assert parsed.forwarded[0].auth_results == ("evil.example; dkim=pass header.d=amazon.com",)
    assert parsed.forwarded[0].text.strip() == "inner"


def test_inline_forward_header_block_is_parsed():
    body = (
        "FYI\n\n---------- Forwarded message ---------\n"
        "From: Amazon Services <seller-verification@amazon.com>\n"
        "Date: Tue, Oct 20, 2026 at 11:05 AM\n"
        "Subject: Unable to verify your Selling on Amazon account\n"
        "To: <seller@example.com>\n\nHello,\nWe have reviewed the documents\n"
    )
    parsed = parse_message(mail(body, subject="Fwd: Unable to verify", sender="agent@example.com"))
    inner = parsed.forwarded[0]
    assert parsed.is_forward and inner.inline
    assert inner.from_addr == "seller-verification@amazon.com"
    assert inner.to == ("seller@example.com",)
    assert inner.date is not None and (inner.date.month, inner.date.day, inner.date.hour) == (10, 20, 11)
    assert "We have reviewed the documents" in inner.text
    assert parsed.newest.strip() == "FYI"


def test_chinese_inline_forward_block():
    body = (
        "请看\n\n------------------ 原始邮件 ------------------\n"
        '发件人: "亚马逊" <seller-verification@amazon.com>\n'
        "发送时间: 2026年10月20日(星期二) 上午11:05\n"
        '收件人: "我" <seller@example.com>\n'
        "主题: 您的 Amazon.com 销售帐户：需要进行视频通话\n\n您好！\n"
    )
    parsed = parse_message(mail(body, subject="转发：您的 Amazon.com 销售帐户", sender="agent@example.com"))
    inner = parsed.forwarded[0]
    assert inner.subject.startswith("您的 Amazon.com")
    assert inner.date is not None and inner.date.hour == 11
    assert inner.to == ("seller@example.com",)


def test_163_forward_block_with_send_date_label():
    body = (
        "转发一下\n\n-------- 转发邮件信息 --------\n"
        '发件人："Amazon Services" <seller-verification@amazon.com>\n'
        "发送日期：2026-12-20 23:30:12\n"
        '收件人："shop" <shop@163.com>\n'
        "主题：需要进行视频通话\n\n您好！\n"
    )
    date = "Mon, 21 Dec 2026 09:00 +0800"
    parsed = parse_message(mail(body, subject="转发：需要进行视频通话", sender="shop@163.com", date=date))
    inner = parsed.forwarded[0]
    assert inner.from_addr == "seller-verification@amazon.com"
    assert inner.date is not None and (inner.date.day, inner.date.hour) == (20, 23)


def test_html_table_cells_stay_apart():
    html = "<table><tr><td>卖家记号</td><td>A1HT6ZK3PW8QMN</td></tr></table>"
    parsed = parse_message(mail(html, ctype="text/html"))
    assert "卖家记号\tA1HT6ZK3PW8QMN" in parsed.text


def test_reply_newest_part_stops_at_quote_markers():
    for marker in (
        "On Tue, Oct 20, 2026 at 11:05 AM Amazon <x@amazon.com> wrote:\n> old text",
        "-----Original Message-----\nFrom: x@amazon.com\nSent: today\n\nold text",
        "在 2026年10月20日 11:05，亚马逊 写道：\n> old text",
        "> old text",
    ):
        parsed = parse_message(mail(f"New answer.\n\n{marker}\n", subject="Re: something"))
        assert parsed.is_reply
        assert parsed.newest.strip() == "New answer."


def test_garbage_never_raises():
    for raw in (b"", b"\x00\xff" * 100, b"From: \r\n\r\n", b"Content-Type: multipart/mixed\r\n\r\n--x"):
        assert isinstance(parse_message(raw), ParsedMessage)
    assert parse_message(b"").parse_error


# ---- mail-client HTML and MIME shapes (tests/corpus/variants2)


def test_html_raw_line_breaks_are_spaces_and_header_boxes_have_no_blank_lines():
    from watcher.core.html_text import html_to_text

    html = (
        "<div><b>From:</b> Amazon &lt;a@amazon.com&gt;<br>\r\n<b>Sent:</b> Tuesday, November 10, 2026\r\n"
        "2:05 PM<br></div><div><b>To:</b> x</div><div>&nbsp;</div><p class=MsoNormal>We were unable\r\n"
        "to verify<o:p></o:p></p>"
    )
    text = html_to_text(html)
    assert "Sent: Tuesday, November 10, 2026 2:05 PM\nTo: x\n\nWe were unable to verify" in text


def test_html_comments_and_mso_blocks_are_not_text_or_links():
    from watcher.core.html_text import hrefs, html_to_text

    html = (
        "<!--[if gte mso 9]><xml><o:shapedefaults/></xml><![endif]--><style><!-- p {} --></style>"
        '<!-- <a href="https://old.example/">old</a> --><a href="https://amazon.com/x">x</a>'
        '<form action="https://collect.example/post"></form>'
    )
    assert hrefs(html) == ["https://amazon.com/x", "https://collect.example/post"]
    assert "shapedefaults" not in html_to_text(html)


def test_netease_header_table_is_a_forward_block():
    html = (
        "<div>请看</div><div>---- 转发的原邮件 ----</div><table>"
        "<tr><td>发件人</td><td>Amazon &lt;a@amazon.com&gt;</td></tr>"
        "<tr><td>日期</td><td>2026年11月10日 14:05</td></tr>"
        "<tr><td>主题</td><td>需要进行视频通话</td></tr></table><div>正文</div>"
    )
    parsed = parse_message(mail(html, ctype="text/html", subject="Fw:需要进行视频通话"))
    inner = parsed.forwarded[0]
    got = (inner.from_addr, inner.subject, inner.date.day, inner.date.hour)
    assert got == ("a@amazon.com", "需要进行视频通话", 10, 14)


def test_plain_stub_gives_way_to_the_html_part():
    html = "<p>" + "We were unable to verify your identity. " * 5 + "</p>"
    parts = [
        b'Content-Type: text/plain; charset="utf-8"\r\n\r\nThis message is in HTML format.\r\n',
        b'Content-Type: text/html; charset="utf-8"\r\n\r\n' + html.encode() + b"\r\n",
    ]
    raw = multipart(parts, subtype="alternative", headers=("From: a@amazon.com", "Subject: x"))
    assert "unable to verify your identity" in parse_message(raw).text


def test_bom_does_not_hide_a_forward_marker():
    body = (
        "\ufeff---------- Forwarded message ---------\n"
        "From: A <a@amazon.com>\nDate: Mon, 9 Nov 2026 16:10 +0000\n\nhi\n"
    )
    parsed = parse_message(mail(body, subject="FYI"))
    assert parsed.is_forward and parsed.forwarded[0].from_addr == "a@amazon.com"


def test_charset_labels_of_the_same_family():
    for label in ("x-gbk", "cp936", "gb_2312-80", "GB2312-1980", '"GBK"'):
        assert "镕堃喆" in parse_message(mail(GBK_ONLY.encode("gbk"), charset=label, cte="8bit")).text, label
    assert "嘅" in parse_message(mail("嘅".encode("big5hkscs"), charset="big5-hkscs", cte="8bit")).text


def test_twelve_hour_forwarded_date_keeps_pm():
    from datetime import timedelta, timezone

    from watcher.core.timetext import parse_header_date

    when = parse_header_date("Tuesday, November 10, 2026 2:05 PM", timezone(timedelta(hours=8)))
    assert (when.day, when.hour, when.minute) == (10, 14, 5)


def test_mail_parser_builds_the_tree_without_its_post_processing(monkeypatch):
    """The tree comes from mail-parser's guarded builder; its attachment/address post-processing,
    which the pipeline never reads, is not run (nor without the private builder: the public constructor)."""
    from pathlib import Path

    import mailparser

    from watcher.core import message as message_module

    shared = Path(__file__).parents[1] / "corpus" / "shared"
    raw = (shared / "siv_failed-en-html-alternative.eml").read_bytes()
    calls: list[str] = []
    original = mailparser.MailParser.parse
    monkeypatch.setattr(mailparser.MailParser, "parse", lambda self: calls.append("parse") or original(self))
    fast = message_module.parse_message(raw)
    assert calls == [] and fast.subject and fast.text
    monkeypatch.delattr(mailparser.MailParser, "_parse_guarded")
    slow = message_module.parse_message(raw)
    assert calls == [] and slow == fast


def test_a_part_names_a_file_exactly_when_the_stdlib_finds_its_name():
    import email

    from watcher.core.message import _named

    values = ['attachment; filename="a.pdf"', "inline; FILENAME=a.pdf", "inline; filename*0*=utf-8''a.pdf",
              'text/plain; name="r.txt"', "text/plain; NAME = r.txt", "text/plain; charset=utf-8", "inline",
              'text/plain; charset="name"', "text/plain; x-name=a", "text/plain; name=",
              "text/plain; nam e=a"]
    for disposition in ["", *values]:
        for ctype in ["", *values]:
            heads = "".join(f"{k}: {v}\r\n" for k, v in (("Content-Disposition", disposition),
                                                         ("Content-Type", ctype)) if v)
            part = email.message_from_string(f"{heads}\r\nbody")
            assert _named(part) == bool(part.get_filename()), heads


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(["a", " ", "\t", "\r", "\n", "\x1c", "\x85", "\xa0", "\u2028",
                                          "\u3000", "\u200b", "é", "身"]), max_size=30))
def test_header_whitespace_is_collapsed_as_the_expression_did(text: str) -> None:
    # decode_header_value and the auth results collapse with split/join: the same whitespace as \s
    assert " ".join(text.split()) == re.sub(r"\s+", " ", text).strip()
