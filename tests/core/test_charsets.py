"""One charset reading for the header filter and the parser: every alias family, split encoded-words."""

from __future__ import annotations

import base64

import pytest

from watcher.core.candidates import parse_headers
from watcher.core.charsets import codec_for, decode_bytes, decode_words
from watcher.core.message import decode_header_value

GBK_ONLY = "您的帐户：镕堃喆"  # 镕/堃/喆 are in GBK but not in GB2312
HKSCS = "無法驗證 嘅 恒"  # 嘅 is in Big5-HKSCS but not in Big5

# (labels, text, codec the text is written in): every label must read the text back.
FAMILIES = [
    (("gb2312", "GB2312", "gbk", "x-gbk", "cp936", "windows-936", "euc-cn", "gb_2312-80", "GB2312-1980",
      "gb18030", "chinese", '"GBK"'), GBK_ONLY, "gb18030"),
    (("big5", "x-big5", "cp950", "big5-hkscs", "x-big5-hkscs", "Big5_HKSCS"), HKSCS, "big5hkscs"),
    (("hz-gb-2312",), "验证", "hz"),
    (("ks_c_5601-1987", "euc-kr"), "계정 확인", "cp949"),
    (("utf8", "UTF-8", "utf-8", "utf_8", "unicode-1-1-utf-8"), "验证 ✓", "utf-8"),
    (("us-ascii", "ascii"), "验证", "utf-8"),  # mislabelled UTF-8 is read as UTF-8
    (("iso-8859-1", "latin1"), "€ café", "cp1252"),  # the Windows superset
    (("unicode-1-1-utf-7",), "验证", "utf-7"),
    (("x-no-such-charset", "", None), "你好 seller", "utf-8"),  # unknown: the fallbacks
    (("x-no-such-charset", None), GBK_ONLY, "gbk"),
]


@pytest.mark.parametrize(("labels", "text", "codec"), FAMILIES, ids=[str(f[0][0]) for f in FAMILIES])
def test_every_alias_family_reads_its_superset(labels, text, codec):
    data = text.encode(codec)
    for label in labels:
        assert decode_bytes(data, label) == text, label
        if label:
            word = f"=?{label.strip(chr(34))}?B?{base64.b64encode(data).decode()}?="
            assert decode_words(word) == text, label
            assert decode_header_value(word) == text.strip(), label
            assert parse_headers(f"Subject: {word}\r\n".encode())["subject"] == text, label


def test_labels_map_to_supersets():
    assert codec_for("GB2312") == codec_for("x-gbk") == codec_for("cp936") == "gb18030"
    assert codec_for("big5") == codec_for("cp950") == "big5hkscs"
    assert codec_for("x-sjis") == "shift_jis"  # an unknown x- label resolved without its prefix
    assert codec_for(None) == "utf-8"


def test_undecodable_bytes_are_replaced_never_raised():
    assert "\ufffd" in decode_bytes(b"\xff\xfe\xff", "utf-8")
    assert "\ufffd" in decode_words("=?unknown-8bit?Q?=FF=FE?=")


@pytest.mark.parametrize("labels", [("UTF-8", "utf-8"), ("gb2312", "GBK"), ("big5", "big5")])
@pytest.mark.parametrize("encoding", ["B", "Q"])
def test_a_character_split_across_encoded_words_comes_out_whole(labels, encoding):
    text = "亚马逊卖家身份验证" if labels[0] != "big5" else "亞馬遜賣家身份驗證"
    data = text.encode(codec_for(labels[0]))
    cut = 3 if labels[0] == "UTF-8" else 1  # inside the first multi-byte character

    def word(label: str, chunk: bytes) -> str:
        if encoding == "B":
            return f"=?{label}?B?{base64.b64encode(chunk).decode()}?="
        return f"=?{label}?Q?{''.join(f'={b:02X}' for b in chunk)}?="

    value = f"Re: {word(labels[0], data[:cut])}\r\n {word(labels[1], data[cut:])} [CASE 1]"
    assert decode_words(value) == f"Re: {text} [CASE 1]"
    assert decode_header_value(value) == f"Re: {text} [CASE 1]"
    assert parse_headers(f"Subject: {value}\r\n".encode())["subject"] == f"Re: {text} [CASE 1]"


def test_raw_text_beside_encoded_words_is_kept():
    value = "回复： =?utf-8?B?" + base64.b64encode("验证".encode()).decode() + "?= é"
    assert decode_words(value) == "回复： 验证 é"
    assert decode_header_value(value) == "回复： 验证 é"


def test_compat32_surrogates_are_read_as_bytes():
    raw = "验证".encode("gbk").decode("utf-8", "surrogateescape")
    assert decode_words(raw) == "验证"
    assert decode_header_value(raw) == "验证"


def test_decode_words_is_robust():
    assert decode_words("=?gb2312?B?0enWpA==?= x") == "验证 x"
    assert decode_words("=?bogus-charset?B?YWJj?=") == "abc"
    assert decode_words(None) == ""
