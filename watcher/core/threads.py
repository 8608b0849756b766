"""Find where a mail's own text ends and quoted history or a forwarded message begins.

Mail clients mark this in many ways (Gmail "On ... wrote:", Outlook "-----Original Message-----"
and underscores, QQ/163 "------------------ 原始邮件 ------------------", Apple "Begin forwarded
message:", Chinese header blocks "发件人: ... 发送时间: ..."). A reply is classified by the text
above the marker; a forward by the message below it.

The reply / forward subject prefixes live here too, as the one table every reader of a
subject builds on: the header filter, the parser and the rules must agree on what a reply and
a forward look like, or a forwarded SIV mail is dropped by one and judged by another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from watcher.core.lazyre import Lazy
from watcher.core.prefilter import caseless

# Subject prefixes mail clients add on reply and on forward, in the languages sellers' mail comes
# in (matched case-insensitively, followed by ":" or "："). The one table: the header filter
# (candidates), the parser's is_reply / is_forward (message) and the rules' subject (classify)
# all build their patterns from it, so a prefix added here is known to all three.
REPLY_PREFIXES = ("re", "aw", "回复", "回覆", "答复", "答覆")
FORWARD_PREFIXES = ("fwd", "fw", "tr", "wg", "转发", "轉發", "转寄", "轉寄")
REPLY = "(?:" + "|".join(map(re.escape, REPLY_PREFIXES)) + ")"
FORWARD = "(?:" + "|".join(map(re.escape, FORWARD_PREFIXES)) + ")"

_HEADER_KEYS = {
    "from": ("from", "发件人", "發件人", "寄件者", "寄件人", "von", "de"),
    "date": (
        "date",
        "sent",
        "发送时间",
        "發送時間",
        "发送日期",
        "發送日期",
        "日期",
        "时间",
        "時間",
        "寄件日期",
        "gesendet",
        "datum",
        "envoyé",
    ),
    "to": ("to", "收件人", "收件者", "an", "à"),
    "cc": ("cc", "抄送", "副本"),
    "subject": ("subject", "主题", "主題", "标题", "標題", "betreff", "objet"),
}
_KEY_OF = {alias: key for key, aliases in _HEADER_KEYS.items() for alias in aliases}
# "From: x", "**发件人：** x", and NetEase Mail Master's header table ("发件人<TAB>x" once the
# HTML table is read as text, cells apart by a tab).
_HEADER_LINE = Lazy(
    r"^[ \t>]*+\**+\s*+([^\s:：*]{1,12}(?: [^\s:：*]{1,6})?)"
    r"(?:\s*+\**+\s*+[:：]|\s*\**[ ]?\t)\s*+\**+\s*+(.*)$"
)

_FORWARD = Lazy(
    r"^[ \t>]*+(?:-{2,}+|_{2,}+|={2,}+)?[^\S\n]*+(?:forwarded message|forwarded e-?mail|"
    r"转发的?(?:原)?邮件(?:信息)?|轉寄的?(?:原)?郵件|轉發的?(?:原)?郵件|已转发邮件)"
    r"[^\S\n]*+(?:-{2,}+|_{2,}+|={2,}+)?[^\S\n]*+$"
    r"|^[ \t>]*+begin forwarded message[^\S\n]*+:?[^\S\n]*+$",
    re.I | re.M,
)
_ORIGINAL = Lazy(
    r"^[ \t>]*+-{2,}+[^\S\n]*+(?:original message|replied message|"
    r"原始邮件|原始郵件|原始信件|原邮件|原郵件|回复的原邮件)"
    r"[^\S\n]*+-{2,}+[^\S\n]*+$"
    r"|^[ \t]*+_{10,}+[^\S\n]*+$",
    re.I | re.M,
)
_HEADER_START = Lazy(
    r"^[ \t>]*+\**+(?:from|发件人|發件人|寄件者|寄件人)\**+[^\S\n]*+[:：]"
    r"[^\S\n]*+\S[^\n]*+\n(?:[^\n]*+\n){0,2}?"
    r"[ \t>]*+\**+(?:sent|date|发送时间|發送時間|发送日期|發送日期|日期|时间|時間|寄件日期|to|收件人|收件者)"
    r"\**+[^\S\n]*+[:：]",
    re.I | re.M,
)
_WROTE = Lazy(
    r"^[ \t]*+(?:on\b[^\n]{0,200}(?:\n[^\n]{0,120})?\bwrote[^\S\n]*+:|"
    r"在[^\n]{0,200}(?:写道|寫道)[^\S\n]*+[:：]|"
    r"於[^\n]{0,200}寫道[^\S\n]*+[:：]|[^\n]{0,120}\b(?:schrieb|a écrit)[^\S\n]*+:)[ \t]*+$",
    re.I | re.M,
)
_QUOTED = Lazy(r"^[ \t]*+>", re.M)


@dataclass(frozen=True)
class ThreadBlock:
    """The history below the newest text: its header fields (lower-case keys) and body."""

    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""
    forward: bool = False


# Words each marker cannot match without, tested before its search (most mail has no marker, and
# these case-insensitive multi-line searches try every position). Tested on `caseless(text)`,
# which maps the characters re.I matches to an ASCII letter that lower() leaves alone (İ, ı, ſ).
_NEEDS = {
    "forward": ("forwarded", "转发", "轉寄", "轉發"),
    "original": ("--", "__________"),
    "header": ("from", "发件人", "發件人", "寄件者", "寄件人"),
    "wrote": ("wrote", "写道", "寫道", "schrieb", "écrit"),
}


def _first(text: str) -> tuple[int, int, str] | None:
    """Earliest marker: (start, end, kind) with kind forward / original / header / wrote / quote."""
    best: tuple[int, int, str] | None = None
    lower = caseless(text)
    for rx, kind in (
        (_FORWARD, "forward"),
        (_ORIGINAL, "original"),
        (_HEADER_START, "header"),
        (_WROTE, "wrote"),
    ):
        if kind in _NEEDS and not any(word in lower for word in _NEEDS[kind]):
            continue
        m = rx.search(text)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), m.end(), kind)
    m = _QUOTED.search(text) if ">" in text else None
    if m and (best is None or m.start() < best[0]):
        best = (m.start(), m.start(), "quote")
    return best


def _read_headers(lines: list[str]) -> tuple[dict[str, str], int]:
    """Header lines at the top of a forwarded block; returns them and the body's first line."""
    headers: dict[str, str] = {}
    i = 0
    while i < len(lines) and not lines[i].strip(" \t>"):
        i += 1
    last = None
    while i < len(lines):
        line = lines[i]
        m = _HEADER_LINE.match(line)
        key = _KEY_OF.get(m.group(1).strip().lower()) if m else None
        if m and key and key not in headers:
            headers[key] = m.group(2).strip()
            last = key
        elif not line.strip(" \t>") and headers:
            i += 1
            break
        elif headers and last and line.startswith((" ", "\t")):
            headers[last] += " " + line.strip()
        else:
            break
        i += 1
    return headers, i


def _unquote(text: str) -> str:
    return "\n".join(re.sub(r"^[ \t]*> ?", "", line) for line in text.splitlines())


def split_thread(text: str) -> tuple[str, ThreadBlock | None]:
    """(newest text, history block or None). The block is a forward only if marked as one."""
    marker = _first(text)
    if marker is None:
        return text, None
    start, end, kind = marker
    newest = text[:start]
    if kind in ("quote", "wrote"):
        return newest, ThreadBlock(body=_unquote(text[end:]))
    rest = text[end:] if kind != "header" else text[start:]
    if kind == "original" and not re.match(r"\s*\S", rest):
        return newest, ThreadBlock()  # nothing below the marker (blank lines at most)
    lines = _unquote(rest).splitlines()
    headers, body_start = _read_headers(lines)
    body = "\n".join(lines[body_start:])
    return newest, ThreadBlock(headers=headers, body=body, forward=kind == "forward")
