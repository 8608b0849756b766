"""Header-first filter: from a few header fields, could this mail be (or imitate) an SIV mail?

Why: a seller's mailbox holds tens of thousands of orders, newsletters and chats; downloading
every body is what makes naive watchers slow and heavy. But a missed SIV mail costs a seller
their account, so this filter is deliberately generous: anything that *might* be Amazon, a
forward, an attached message or SIV vocabulary is a candidate, and the classifier decides.
Phishing must pass too, so look-alike domains and Amazon display names count.
"""

from __future__ import annotations

import re

from watcher.core.charsets import decode_bytes, decode_words
from watcher.core.threads import FORWARD

# Fields fetched with BODY.PEEK[HEADER.FIELDS (...)]: exactly what is_candidate looks at (Date,
# Message-ID and To were fetched too once; nothing read them, and they were half the bytes).
# In-Reply-To / References: a reply or forward whose client kept the Amazon Message-ID in the
# thread headers is a candidate whatever its subject and sender.
HEADER_FIELDS = ("FROM", "SENDER", "REPLY-TO", "SUBJECT", "CONTENT-TYPE", "IN-REPLY-TO", "REFERENCES")

_ADDRESS_FIELDS = ("from", "sender", "reply-to", "in-reply-to", "references")
# amazon / amaz0n / arnazon / amazom ... after folding digit and "rn" look-alikes; amzn; 亚马逊 (simp./trad.)
_AMAZON = re.compile(r"amaz[o0]n|amazom|arnazon|amzn|amazonses|亚马逊|亞馬遜|亞馬遊", re.IGNORECASE)
_FORWARD = re.compile(rf"(^|[\s\[(:]){FORWARD}\s*[:：]|\[fwd?[:\]]", re.IGNORECASE)
_SIV_WORDS = re.compile(
    r"verif|identity|identit|\bsiv\b|\bkyc\b|video\s*call|appointment|appeal|\bcase\b|seller\s*support"
    r"|selling\s*(partner|account|on)|seller\s*central|account\s*(review|deactivat|suspen|health)"
    r"|申诉|申訴|验证|驗證|认证|認證|审核|審核|视频|視頻|視訊|身份|身分|卖家|賣家|账户|帳戶|賬戶|店铺|店鋪"
    r"|预约|預約|面谈|面談|停用|冻结|凍結",
    re.IGNORECASE,
)
def parse_headers(header_bytes: bytes) -> dict[str, str]:
    """Lower-cased field name -> decoded value (repeated fields joined by ", ").

    Hand-rolled rather than email.parser: it runs on every mail of a folder (20,000 on a first
    sync) and only needs unfolding; raw 8-bit headers and encoded-words are read by charsets,
    as the parser reads them.
    """
    text = decode_bytes(header_bytes)
    out: dict[str, str] = {}
    for line in _FOLD.sub(" ", text).splitlines():
        name, colon, value = line.partition(":")
        if not colon or not name or " " in name.strip():
            continue
        key = name.strip().lower()
        decoded = decode_words(value.strip())
        out[key] = f"{out[key]}, {decoded}" if key in out else decoded
    return out


_FOLD = re.compile(r"\r?\n[ \t]+")


def _fold_lookalikes(text: str) -> str:
    return text.lower().replace("rn", "m").replace("0", "o").replace("1", "l")


def looks_amazon(text: str) -> bool:
    """True for Amazon addresses, Amazon look-alike domains and Amazon display names."""
    return bool(_AMAZON.search(text) or _AMAZON.search(_fold_lookalikes(text)))


# The prefilter's anchors: for every alternative of _AMAZON, _FORWARD and _SIV_WORDS and the
# content-type tests below, a piece of text it cannot match without (amaz[o0]n -> "amaz", video
# \s*call -> "video"); `tr\s*:` stays a pattern ("tr" alone is in too many words). Anchors
# are looked for in the whole lower-cased block and in its look-alike-folded form; every value
# is_candidate tests is a piece of that block, so a block with no anchor is one it rejects.
# tests/core/test_candidates.py generates matches of each pattern to hold this list to it.
_AMAZON_ANCHORS = ("amaz", "arnaz", "amzn")  # the only ones also looked for after folding
_ANCHORS = (
    *_AMAZON_ANCHORS, "fw", "wg", "verif", "identit", "siv", "kyc", "video", "appointment", "appeal", "case",
    "seller", "selling", "account", "message/rfc822", "multipart/mixed",
)
_WIDE_ANCHORS = (  # looked for only in a block that is not plain ASCII
    "亚马逊", "亞馬遜", "亞馬遊", "转发", "轉發", "转寄", "轉寄", "申诉", "申訴", "验证", "驗證", "认证",
    "認證", "审核", "審核", "视频", "視頻", "視訊", "身份", "身分", "卖家", "賣家", "账户", "帳戶", "賬戶",
    "店铺", "店鋪", "预约", "預約", "面谈", "面談", "停用", "冻结", "凍結",
)
_HITS = re.compile("|".join(map(re.escape, _ANCHORS)) + r"|tr\s*[:：]")
_WIDE_HITS = re.compile("|".join(_WIDE_ANCHORS))
_FOLDED_HITS = re.compile("|".join(_AMAZON_ANCHORS))
_FIELD_START = re.compile(r"[!-9;-~]+[ \t]*:")
_CASELESS_ODD = frozenset("İıſK")  # non-ASCII letters re.IGNORECASE matches to ASCII; lower() does not


def plainly_ordinary(header_bytes: bytes) -> bool:
    """True only when is_candidate is surely False, found in ~3 us instead of ~10-30: UTF-8 (ASCII
    included), no encoded word, a readable first field, no anchor even after folding look-alikes.
    Anything else (encoded words, raw GBK/Big5 bytes, odd shapes) goes the full way."""
    if b"=?" in header_bytes:
        return False
    try:
        text = header_bytes.decode()
    except UnicodeDecodeError:
        return False
    wide = not text.isascii()
    if not _FIELD_START.match(text) or (wide and ("\ufffd" in text or _CASELESS_ODD & set(text))):
        return False
    low = text.lower()
    if _HITS.search(low) or (wide and _WIDE_HITS.search(low)):
        return False
    return not _FOLDED_HITS.search(low.replace("rn", "m").replace("0", "o").replace("1", "l"))


def is_candidate(header_bytes: bytes) -> bool:
    """Could this mail be an SIV mail, a forward of one, or phishing dressed as one?

    When in doubt the answer is True: a fetch costs a few KB, a miss costs an account.
    """
    if plainly_ordinary(header_bytes):
        return False  # most of a 20,000-mail first sync ends here
    try:
        h = parse_headers(header_bytes)
    except Exception:
        return True
    if not h:
        return True  # no headers we can read: fetch and let the classifier decide
    people = " ".join(h.get(k, "") for k in _ADDRESS_FIELDS)
    if looks_amazon(people):  # display names and addresses alike
        return True
    subject = h.get("subject", "")
    if _FORWARD.search(subject) or _SIV_WORDS.search(subject) or looks_amazon(subject):
        return True
    if "\ufffd" in subject or "=?" in subject:
        return True  # undecodable subject: unsure, so fetch
    ctype = h.get("content-type", "").lower()
    return "message/rfc822" in ctype or ("multipart/mixed" in ctype and not subject.strip())


def needs_structure(header_bytes: bytes) -> bool:
    """A multipart/mixed mail may carry a forwarded message as an attachment under any subject:
    ask the server for its BODYSTRUCTURE (a few hundred bytes) before deciding."""
    return b"multipart/mixed" in header_bytes.lower()


def structure_is_candidate(bodystructure: object) -> bool:
    """True when a BODYSTRUCTURE holds an attached message (message/rfc822, .eml or .msg file)."""
    text = repr(bodystructure).lower()
    return "rfc822" in text or ".eml" in text or ".msg" in text or "outlook" in text
