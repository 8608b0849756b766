"""Charset labels and RFC 2047 encoded-words, read the way the sender's software really wrote them.

Why one module: the header filter (candidates) and the parser (message) used to keep an alias
table each, and the two disagreed. A mail the filter reads differently from the parser is a mail
the filter may wrongly drop, and a dropped SIV mail costs a seller their account. Chinese mail
software labels GBK or GB18030 text "gb2312" and Big5-HKSCS text "big5", so a label names a
subset: decode with the superset. Nothing here raises; unreadable bytes end as U+FFFD, which
the filter takes as "unsure, fetch it".
"""

from __future__ import annotations

import codecs
from email.header import decode_header
from functools import lru_cache

from watcher.core import sretable
from watcher.core.lazyre import Lazy

# A label names a subset; decode with the superset the sender's software really used.
ALIASES = {
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "euc-cn": "gb18030",
    "hz-gb-2312": "hz",
    "big5": "big5hkscs",
    "x-big5": "big5hkscs",
    "cp950": "big5hkscs",
    "big5-hkscs": "big5hkscs",
    "ks_c_5601-1987": "cp949",
    "us-ascii": "utf-8",
    "ascii": "utf-8",
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "utf8": "utf-8",
    "unicode-1-1-utf-7": "utf-7",
}
# Labels mail software writes for the same families ("gb_2312-80", "GB2312-1980", "windows-936",
# "x-big5-hkscs", "utf_8"): decode with the family's superset.
_FAMILIES = (
    (sretable.compile(r"gb.?2312|gbk|936|euc.?cn|gb.?18030|chinese"), "gb18030"),
    (sretable.compile(r"big.?5|950|hkscs"), "big5hkscs"),
    (sretable.compile(r"^(?:utf.?8|unicode.?1.?1.?utf.?8)$"), "utf-8"),
)
# Tried in turn when the label is missing or wrong: almost every mislabelled mail we see is one of these.
FALLBACKS = ("utf-8", "gb18030", "big5hkscs")

# One C-level scan, not a Python loop per char; compiled for the first non-ASCII header only.
_SURROGATES = Lazy("[\udc80-\udcff]")


@lru_cache(maxsize=256)
def codec_for(label: str | None) -> str:
    """The Python codec for a charset label: aliases widened, unknown x- labels resolved,
    anything unknown passed through (decode_bytes then falls back)."""
    label = (label or "").strip().strip("\"'").strip().lower()
    if label in ALIASES:
        return ALIASES[label]
    for rx, codec in _FAMILIES:
        if rx.search(label):
            return codec
    for name in (label, label.removeprefix("x-")):
        try:
            return codecs.lookup(name).name
        except (LookupError, ValueError):
            continue
    return label or "utf-8"


def decode_bytes(data: bytes, label: str | None = None) -> str:
    """Decode with the (widened) label, then the usual Chinese suspects, then with U+FFFD for
    what is left unreadable: never raises."""
    codec = codec_for(label)
    for name in dict.fromkeys((codec, *FALLBACKS)):
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return data.decode(codec, errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def unsurrogate(text: str) -> str:
    """compat32 keeps undecodable header bytes as surrogates; read those bytes as decode_bytes does."""
    if text.isascii() or not _SURROGATES.search(text):
        return text
    return decode_bytes(text.encode("utf-8", "surrogateescape"))


def decode_words(value: str | None) -> str:
    """A header value with its RFC 2047 encoded-words decoded; never raises.

    Adjacent words whose labels name the same codec are joined as bytes before decoding, so a
    character split across two encoded-words (as mail software folding long subjects does)
    comes out whole. Text between words is kept as it is; a value that is not valid RFC 2047
    comes back as written.
    """
    if not value:
        return ""
    if "=?" not in value:
        return unsurrogate(value)
    try:
        parts = decode_header(value)
    except Exception:  # noqa: BLE001 - malformed encoded-words are common in spam
        return unsurrogate(value)
    out: list[str] = []
    pending = b""
    pending_codec: str | None = None
    for chunk, charset in parts:
        if charset is None:  # unencoded text, which decode_header hands back raw-unicode-escaped
            text = chunk.decode("raw-unicode-escape") if isinstance(chunk, bytes) else chunk
            if pending_codec is not None:
                out.append(decode_bytes(pending, pending_codec))
                pending, pending_codec = b"", None
            out.append(unsurrogate(text))
            continue
        data = chunk if isinstance(chunk, bytes) else chunk.encode("utf-8", "surrogateescape")
        codec = codec_for(charset)
        if pending_codec is not None and codec != pending_codec:
            out.append(decode_bytes(pending, pending_codec))
            pending = b""
        pending += data
        pending_codec = codec
    if pending_codec is not None:
        out.append(decode_bytes(pending, pending_codec))
    return "".join(out)
