"""Raw email bytes -> ParsedMessage: the one place that knows MIME structure and threads.

mail-parser builds the MIME tree (the user asked for it), but its own text decoding trusts the
declared charset, which garbles GB2312/GBK mail containing GBK-only characters and Big5-HKSCS
text. So the text parts are decoded here from the bytes, through charsets (shared with the
header filter, so both read a mail alike). Nothing in this module may raise: a mail we cannot
read must still reach the classifier and the seller, so every failure ends in `parse_error`.
"""

from __future__ import annotations

import email
import logging
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from email.message import Message
from email.utils import getaddresses, parseaddr
from typing import TypedDict

import mailparser

from watcher.core import sretable
from watcher.core.budget import MAX_LINKS, STUB_PLAIN_CHARS, cap_parts, read_within, render_within
from watcher.core.charsets import decode_bytes, decode_words
from watcher.core.threads import FORWARD, REPLY, ThreadBlock, split_thread
from watcher.core.timetext import parse_header_date

# mail-parser logs a warning for every part type it does not handle; that is our job here.
logging.getLogger("mailparser").setLevel(logging.ERROR)

# Whole message: more is attachments we never read. The IMAP sync's `max_body_bytes` default
# too: the command line reads a mail file as the service would. (How much *text* is read is the
# reading budget, budget.py.)
MAX_RAW_BYTES = 2 * 1024 * 1024
MAX_TEXT_BYTES = MAX_RAW_BYTES  # per text part, decoded bytes
MAX_DEPTH = 4  # nested message/rfc822 and inline forwards
MAX_ATTACHED = 16  # attached messages read per message: each is classified, so each costs a mail

_URL = sretable.compile(r"""https?://[^\s<>"'()\[\]{}\u3000-\u303f\uff08\uff09\uff0c\uff1b]+""", re.I)
_FWD_SUBJECT = sretable.compile(rf"^\s*(?:{REPLY}\s*[:：]\s*)*{FORWARD}\s*[:：]", re.I)
_REPLY_SUBJECT = sretable.compile(rf"^\s*{REPLY}\s*[:：]", re.I)


@dataclass(frozen=True)
class ParsedMessage:
    """One email (or a forwarded one inside it), reduced to what classification reads.

    `text` is the whole readable body; `newest` is the part above any quoted history or
    forwarded block. `forwarded` holds attached message/rfc822 parts and inline forwards,
    each parsed the same way; their Authentication-Results never leak into the outer ones.
    """

    subject: str = ""
    from_name: str = ""
    from_addr: str = ""
    reply_to: tuple[str, ...] = ()
    to: tuple[str, ...] = ()
    date: datetime | None = None
    message_id: str | None = None
    references: tuple[str, ...] = ()  # Message-IDs of In-Reply-To and References
    auth_results: tuple[str, ...] = ()
    text: str = ""
    newest: str = ""
    links: tuple[str, ...] = ()
    forwarded: tuple[ParsedMessage, ...] = ()
    is_forward: bool = False
    is_reply: bool = False
    inline: bool = False  # rebuilt from a forwarded header block, not real headers
    parse_error: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def _debom(text: str) -> str:
    """A byte-order mark (at the start of a part, or left inside by concatenation) is invisible
    and would hide a "---------- Forwarded message" or "From:" line from the thread markers."""
    return text.replace("\ufeff", "") if "\ufeff" in text else text


def decode_header_value(value: object) -> str:
    """RFC 2047 in any charset (gb2312 read as gb18030), raw 8-bit headers tolerated."""
    if value is None:
        return ""
    raw = str(value)
    text = decode_words(raw)
    if "=?" in raw:  # whitespace between and around encoded-words is folding, not content
        text = " ".join(text.split())  # = re.sub(r"\s+", " ", text).strip(): the same whitespace
    return _debom(text)


def bare_urls(text: str) -> list[str]:
    if "://" not in text:  # a scan for it is cheaper than the caseless search
        return []
    return [u.rstrip(".,;:!?。，；：！？'\"") for u in _URL.findall(text)]


def _part_text(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    return _debom(decode_bytes(payload[:MAX_TEXT_BYTES], part.get_content_charset()))


def _named(part: Message) -> bool:
    """`part.get_filename()`, without parsing the parameters of the many parts that name no file:
    a file name is a parameter whose name holds "name" (filename, name, filename*0*)."""
    heads = f"{part.get('content-disposition', '')}{part.get('content-type', '')}"
    return "name" in heads.lower() and bool(part.get_filename())


def _collect(msg: Message) -> tuple[list[str], list[str], list[Message]]:
    """Plain parts, HTML parts and attached messages, attachments skipped."""
    plains: list[str] = []
    htmls: list[str] = []
    attached: list[Message] = []
    stack = [msg]
    while stack:
        part = stack.pop(0)
        ctype = part.get_content_type()
        if ctype == "message/rfc822" or (ctype.startswith("message/") and part.is_multipart()):
            attached.extend(p for p in part.get_payload() if isinstance(p, Message))
            continue
        if part.is_multipart():
            payload = part.get_payload()
            stack[0:0] = [p for p in payload if isinstance(p, Message)]
            continue
        if part.get_content_disposition() == "attachment" or _named(part):
            continue
        if ctype == "text/plain" or (ctype.startswith("multipart/") and not part.is_multipart()):
            # a multipart without a usable boundary is, in practice, the plain text itself
            plains.append(_part_text(part))
        elif ctype == "text/html":
            htmls.append(_part_text(part))
    return plains, htmls, attached


# `Name <a@b>`, `"Name" <a@b>` or `a@b`: most From / To / Reply-To values. The stdlib address
# parser costs about a tenth of a whole classification; it is kept for everything else.
_SIMPLE_ADDR = sretable.compile(
    r'^\s*(?:"([^"\\]*)"|([^"<>,;:\\@()]*?))?\s*<([^<>@\s,;:"()]+@[^<>@\s,;:"()]+)>\s*$'
    r'|^\s*([^<>@\s,;:"()]+@[^<>@\s,;:"()]+)\s*$')


def _simple(value: str) -> re.Match[str] | None:
    return _SIMPLE_ADDR.match(value) if len(value) < 300 else None  # short: no quadratic backtracking


def _parse_addr(value: str) -> tuple[str, str]:
    m = _simple(value)
    if m is None:
        return parseaddr(value)
    return (m.group(1) or m.group(2) or "").strip(), m.group(3) or m.group(4)


def _addresses(msg: Message, name: str) -> tuple[str, ...]:
    values = [decode_header_value(v) for v in msg.get_all(name, [])]
    if len(values) == 1 and _simple(values[0]):
        return (_parse_addr(values[0])[1].lower(),)
    return tuple(a.lower() for _, a in getaddresses(values) if "@" in a)


class _Head(TypedDict):
    """The header fields of a ParsedMessage, decoded."""

    subject: str
    from_name: str
    from_addr: str
    reply_to: tuple[str, ...]
    to: tuple[str, ...]
    date: datetime | None
    message_id: str | None
    references: tuple[str, ...]
    auth_results: tuple[str, ...]


_MESSAGE_ID = sretable.compile(r"<[^<>\s]+>")


def _references(msg: Message) -> tuple[str, ...]:
    """The Message-IDs a mail answers or cites, In-Reply-To first, without duplicates."""
    found = _MESSAGE_ID.findall(" ".join(str(msg.get(h, "")) for h in ("In-Reply-To", "References")))
    return tuple(dict.fromkeys(found))


def _headers(msg: Message) -> _Head:
    name, addr = _parse_addr(decode_header_value(msg.get("From", "")))
    date = parse_header_date(decode_header_value(msg.get("Date", "")))
    return {
        "subject": decode_header_value(msg.get("Subject", "")),
        "from_name": name.strip(),
        "from_addr": addr.strip().lower(),
        "reply_to": _addresses(msg, "Reply-To"),
        "to": _addresses(msg, "To"),
        "date": date,
        "message_id": (decode_header_value(msg.get("Message-ID", "")).strip() or None),
        "references": _references(msg),
        "auth_results": tuple(
            " ".join(decode_header_value(v).split())
            for v in msg.get_all("Authentication-Results", [])
        ),
    }


def from_message(msg: Message, depth: int = 0) -> ParsedMessage:
    """Build a ParsedMessage from an already parsed MIME tree (also used for attachments)."""
    head = _headers(msg)
    plains, htmls, attached = _collect(msg)
    text = "\n".join(p for p in plains if p.strip())
    stub = len(text.strip()) < STUB_PLAIN_CHARS
    rendered, links, html_note = render_within(htmls, layout=stub)  # one parse gives text and links
    if htmls and stub:
        # no plain part, or a stub ("please view this mail in HTML"): the HTML is the message
        html_text = "\n".join(rendered)
        if not text.strip() or len(html_text.strip()) > 2 * len(text.strip()) + 40:
            text = html_text
    text, read_note = read_within(text)
    links.extend(bare_urls(text))
    notes = tuple(n for n in (html_note, read_note) if n)
    if len(attached) > MAX_ATTACHED:
        skipped = len(attached) - MAX_ATTACHED
        notes = (*notes, f"{skipped} attached message(s) past the first {MAX_ATTACHED} not read")
        attached = attached[:MAX_ATTACHED]
    forwarded = [from_message(m, depth + 1) for m in attached] if depth < MAX_DEPTH else []
    subject = head["subject"]
    newest, block = split_thread(text)
    is_forward = bool(_FWD_SUBJECT.match(subject)) or bool(attached) or (block is not None and block.forward)
    # Nothing above a forwarded header block: the mail is that message, forwarded silently.
    is_forward = is_forward or (block is not None and bool(block.headers) and not newest.strip())
    is_reply = not is_forward and (bool(_REPLY_SUBJECT.match(subject)) or block is not None)
    if block is not None and is_forward and depth < MAX_DEPTH:
        forwarded.insert(0, _inline(block, head["date"], depth))
    return ParsedMessage(
        **head,
        text=text,
        newest=newest,
        links=tuple(dict.fromkeys(links))[:MAX_LINKS],
        forwarded=tuple(forwarded),
        is_forward=is_forward,
        is_reply=is_reply,
        notes=notes,
    )


def _inline(block: ThreadBlock, outer_date: datetime | None, depth: int) -> ParsedMessage:
    """A forwarded header block + body turned into a message of its own."""
    tz = outer_date.tzinfo if outer_date else UTC
    name, addr = parseaddr(block.headers.get("from", ""))
    if "@" not in addr:  # Foxmail / Outlook show only the name: "From: Amazon Services"
        name, addr = (name or addr), ""
    to = tuple(a.lower() for _, a in getaddresses([block.headers.get("to", "")]) if "@" in a)
    newest, inner = split_thread(block.body)
    nested: tuple[ParsedMessage, ...] = ()
    if inner is not None and inner.forward and depth + 1 < MAX_DEPTH:
        nested = (_inline(inner, outer_date, depth + 1),)
    return ParsedMessage(
        subject=block.headers.get("subject", ""),
        from_name=name.strip().strip("\"'"),
        from_addr=addr.strip().lower(),
        to=to,
        date=parse_header_date(block.headers.get("date", ""), tz),
        text=block.body,
        newest=newest,
        links=tuple(dict.fromkeys(bare_urls(block.body))),
        forwarded=nested,
        is_forward=bool(nested),
        inline=True,
    )


class _TreeOnly(mailparser.MailParser):  # type: ignore[misc]
    """mail-parser's guarded construction of the MIME tree, without its post-processing.

    `MailParser.parse()` decodes every attachment and parses addresses and Received headers;
    the pipeline reads none of it (it walks the tree itself, with its own charset repair), and
    that work was about 40 % of classify's time. What it keeps from mail-parser: the tree, built
    under the guard that turns a maliciously deep multipart into an error, not a crash.
    """

    def parse(self) -> _TreeOnly:
        return self


def _parse_tree(raw: bytes) -> tuple[Message, str | None]:
    """mail-parser first; stdlib directly if mail-parser itself gives up."""
    try:
        build = getattr(_TreeOnly, "_parse_guarded", None)
        if build is None:  # a mail-parser without its private guard: the public constructor
            return _TreeOnly(email.message_from_bytes(raw)).message, None
        tree: Message = build(lambda: email.message_from_bytes(raw)).message
        return tree, None
    except Exception as exc:  # noqa: BLE001 - any library failure falls back
        note = f"mail-parser failed: {type(exc).__name__}"
    return email.message_from_bytes(raw), note


def parse_message(raw: bytes) -> ParsedMessage:
    """Any bytes in, a ParsedMessage out; failures are reported in `parse_error`."""
    notes: list[str] = []
    try:
        if not isinstance(raw, (bytes, bytearray, memoryview)):
            raise TypeError("message must be bytes")
        raw = bytes(raw)
        if len(raw) > MAX_RAW_BYTES:
            raw = raw[:MAX_RAW_BYTES]
            notes.append(f"truncated to {MAX_RAW_BYTES} bytes")
        raw, cut = cap_parts(raw)
        if cut:
            notes.append(cut)
        msg, note = _parse_tree(raw)
        if note:
            notes.append(note)
        if not msg.keys() and not raw.strip():
            return ParsedMessage(parse_error="empty message", notes=tuple(notes))
        parsed = from_message(msg)
        if not msg.keys():
            return replace(parsed, parse_error="no headers found", notes=(*notes, *parsed.notes))
        return replace(parsed, notes=(*notes, *parsed.notes)) if notes else parsed
    except RecursionError:
        return ParsedMessage(parse_error="MIME structure nested too deeply", notes=tuple(notes))
    except Exception as exc:  # noqa: BLE001 - the contract is: never raise
        return ParsedMessage(parse_error=f"{type(exc).__name__}: {exc}"[:300], notes=tuple(notes))
