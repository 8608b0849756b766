"""Header FETCH on the wire: read a `UID FETCH (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS ...])`
answer straight from the socket instead of through imaplib/imapclient.

Why: on a first sync of 20,000 mails Dovecot sends every header block in ~0.05 s, but imaplib
spends ~0.8 s reading them (a regex match, a dict update and a list append per line, two lines
per mail) and imapclient's generic parser would add ~100 us per mail on top. Here one response
costs a buffered `readline` and a `read(n)` for the literal.

Why it is safe: the reader consumes the whole answer up to the tagged status line, so imaplib's
state stays what it was; anything it does not understand (a NO/BAD, a header sent as a quoted
string, a split response, a requested UID missing from the answer) makes the caller fall back to
imapclient's own parser for that chunk, which either reads it or raises as before. When unsure,
ask again the slow way: never drop a mail.

What it leans on: imaplib's private parts (`_new_tag`, `tagged_commands`, `file`, `_MAXLINE`;
`IMAP4.file` is deprecated in newer Pythons). All are looked up before a byte is sent, so a
Python without one of them raises AttributeError with the connection untouched, and the caller
uses imapclient's public API instead: slower, never wrong.
"""

from __future__ import annotations

import imaplib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

_LITERAL = re.compile(rb"\{(\d+)\}\r?\n$")
_FETCH = re.compile(rb"\* \d+ FETCH \(")
_UID = re.compile(rb"[ (]UID (\d+)")
_SIZE = re.compile(rb"[ (]RFC822\.SIZE (\d+)")
_HEADER = re.compile(rb"BODY\[HEADER[^\]]*\](?:<\d+>)? ?$")


class Unreadable(Exception):
    """The answer was complete but not in the shape this reader knows: use the generic parser."""


def uid_set(uids: list[int]) -> bytes:
    """Ascending UIDs as a compact IMAP sequence set: [1, 2, 3, 7] -> b"1:3,7"."""
    out: list[str] = []
    start = prev = None
    for uid in sorted(uids):
        if prev is not None and uid == prev + 1:
            prev = uid
            continue
        if start is not None:
            out.append(f"{start}:{prev}" if prev != start else str(start))
        start = prev = uid
    if start is not None:
        out.append(f"{start}:{prev}" if prev != start else str(start))
    return ",".join(out).encode()


@dataclass(frozen=True)
class _Wire:
    """What the reader uses of an imaplib connection, private parts included, all looked up at once."""

    new_tag: Callable[[], bytes]
    tagged_commands: dict[bytes, Any]
    send: Callable[[bytes], None]
    readline: Callable[[int], bytes]
    read: Callable[[int], bytes]
    maxline: int

    @classmethod
    def of(cls, imap: imaplib.IMAP4) -> _Wire:
        """Raises AttributeError, before anything is sent, when one of them is missing."""
        file: Any = imap.file  # opened "rb" by imaplib; typeshed says IO[str] | IO[bytes]
        return cls(imap._new_tag, imap.tagged_commands, imap.send, file.readline, file.read,
                   imaplib._MAXLINE)  # type: ignore[attr-defined]


def fetch_headers(imap: imaplib.IMAP4, uids: list[int], fields: bytes) -> dict[int, tuple[int, bytes]]:
    """UID -> (RFC822.SIZE, header bytes) for every UID asked for; raises Unreadable (answer
    consumed, connection usable) when the caller should retry with a generic parser,
    AttributeError (nothing sent, connection usable) when imaplib lacks a private part this
    reader needs, and imaplib's abort when the connection is gone."""
    wire = _Wire.of(imap)
    tag = wire.new_tag()
    try:
        wire.send(b"%s UID FETCH %s (UID RFC822.SIZE BODY.PEEK[HEADER.FIELDS (%s)])\r\n"
                  % (tag, uid_set(uids), fields))
        out, odd = _read_answer(wire, tag)
    finally:
        wire.tagged_commands.pop(tag, None)
    if odd or any(uid not in out for uid in uids):
        raise Unreadable("answer not in the expected shape")  # incl. a UID expunged meanwhile
    return out


def _read_answer(wire: _Wire, tag: bytes) -> tuple[dict[int, tuple[int, bytes]], bool]:
    """Read responses until the tagged status; (results, whether anything looked odd)."""
    out: dict[int, tuple[int, bytes]] = {}
    odd = False
    done = tag + b" "
    while True:
        texts, literals = _response(wire)
        first = texts[0]
        if first.startswith(done):
            return out, odd or not first[len(done):].startswith(b"OK")
        if first.startswith(b"* BYE"):
            raise imaplib.IMAP4.abort(f"server said {first[:200]!r}")
        if not _FETCH.match(first):
            continue  # EXISTS, RECENT, ... : the next SEARCH / EXAMINE sees those
        got = _one(texts, literals)
        if got is None:
            odd = odd or b"BODY[HEADER" in b"".join(texts)  # ours, but unreadable
        else:
            uid, size, header = got
            out[uid] = (size, header)


def _one(texts: list[bytes], literals: list[bytes]) -> tuple[int, int, bytes] | None:
    """(uid, size, header) from one FETCH response whose only literal is the header block."""
    if len(literals) != 1 or not _HEADER.search(texts[0]):
        return None
    joined = b" ".join(texts)
    uid, size = _UID.search(joined), _SIZE.search(joined)
    if uid is None or size is None:
        return None
    return int(uid.group(1)), int(size.group(1)), literals[0]


def _response(wire: _Wire) -> tuple[list[bytes], list[bytes]]:
    """One server response: its text pieces (each literal's `{n}` marker cut off) and its literals."""
    texts: list[bytes] = []
    literals: list[bytes] = []
    while True:
        line = _line(wire)
        literal = _LITERAL.search(line)
        if literal is None:
            texts.append(line)
            return texts, literals
        texts.append(line[:literal.start()])
        size = int(literal.group(1))
        data = wire.read(size) if size else b""
        if len(data) != size:
            raise imaplib.IMAP4.abort("connection closed in the middle of a literal")
        literals.append(data)


def _line(wire: _Wire) -> bytes:
    line = wire.readline(wire.maxline + 1)
    if not line:
        raise imaplib.IMAP4.abort("socket error: EOF")
    if len(line) > wire.maxline:
        raise imaplib.IMAP4.abort(f"got more than {wire.maxline} bytes")
    return bytes(line)
