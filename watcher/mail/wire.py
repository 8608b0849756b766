"""FETCH answers read straight off the socket instead of through imaplib/imapclient.

Why: on a first sync of 20,000 mails Dovecot sends every header block in ~0.05 s, but imaplib
spends ~0.8 s reading them (a regex match, a dict update and a list append per line, two lines
per mail) and imapclient's generic parser would add ~100 us per mail on top; for the
BODYSTRUCTUREs and partial views of a seller's mailbox (thousands of Amazon notices) its lexer
costs ~0.3 ms a mail. Here a response costs a buffered `readline` and a `read(n)` per literal:
`fetch_headers` matches the one shape of a header answer, `fetch` tokenizes any FETCH answer.

Why it is safe: the reader consumes the whole answer up to the tagged status line, so imaplib's
state stays what it was; anything it does not understand (a NO/BAD, a header sent as a quoted
string, a response that does not parse, a requested UID missing from the answer) raises
Unreadable and the caller asks again through imapclient, which either reads it or raises as
before. When unsure, ask again the slow way: never drop a mail.

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
_HEADER_ANSWER = re.compile(rb"\* \d+ FETCH \(UID (\d+) BODY\[HEADER\.FIELDS \([^\]\r\n]*\)\] "
                            rb"\{(\d+)\}\r\n\Z")
_HEADER = re.compile(rb"BODY\[HEADER[^\]]*\](?:<\d+>)? ?$")
_TOKEN = re.compile(rb'[ \t]*(?:(\()|(\))|"([^"\\\r\n]*(?:\\.[^"\\\r\n]*)*)"'  # ( ) "quoted"
                    rb'|([^\s()"\[\]{}]+(?:\[[^\]]*\](?:<\d+>)?)?)'  # atom, BODY[1.MIME]<0> included
                    rb'|([^ \t]))')  # anything else: not an answer this reader knows
_OPEN, _CLOSE, _QUOTED, _ATOM, _ODD = 1, 2, 3, 4, 5
_ESCAPE = re.compile(rb"\\(.)")


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


Response = tuple[list[bytes], list[bytes]]  # one response's text pieces and literals
Parse = Callable[[list[bytes], list[bytes]], "tuple[int, Any] | None"]
Fast = Callable[[_Wire, dict[int, Any]], "Response | None"]


def fetch_headers(imap: imaplib.IMAP4, uids: list[int], fields: bytes) -> dict[int, bytes]:
    """UID -> header bytes of `BODY.PEEK[HEADER.FIELDS (fields)]` for every UID asked for;
    raises Unreadable (answer consumed, connection usable) when the caller should retry with a
    generic parser, AttributeError (nothing sent, connection usable) when imaplib lacks a
    private part this reader needs, and imaplib's abort when the connection is gone."""
    out = _command(imap, b"UID FETCH %s (UID BODY.PEEK[HEADER.FIELDS (%s)])" % (uid_set(uids), fields),
                   _one_header, _header_response)
    if any(uid not in out for uid in uids):
        raise Unreadable("a UID is missing from the answer")  # expunged meanwhile, or misread
    return out


def fetch(imap: imaplib.IMAP4, uids: list[int], items: list[bytes]) -> dict[int, dict[bytes, Any]]:
    """UID -> {item name, upper-cased: value} for `UID FETCH uids (UID items...)`, values as
    imapclient gives them (bytes, int, None, tuples; a BODYSTRUCTURE's multipart holds the
    list of its parts first). Raises as `fetch_headers`; a UID missing from the answer is left
    out (expunged meanwhile: the caller decides)."""
    return _command(imap, b"UID FETCH %s (UID %s)" % (uid_set(uids), b" ".join(items)), _one_fetch)


def _command(imap: imaplib.IMAP4, command: bytes, parse: Parse, fast: Fast | None = None) -> dict[int, Any]:
    wire = _Wire.of(imap)
    tag = wire.new_tag()
    try:
        wire.send(b"%s %s\r\n" % (tag, command))
        out, odd = _read_answer(wire, tag, parse, fast)
    finally:
        wire.tagged_commands.pop(tag, None)
    if odd:
        raise Unreadable("answer not in the expected shape")
    return out


def _read_answer(wire: _Wire, tag: bytes, parse: Parse, fast: Fast | None) -> tuple[dict[int, Any], bool]:
    """Read responses until the tagged status; (results, whether anything looked odd). `fast`
    reads the usual shape of a response itself (None: it did) and hands over any other."""
    out: dict[int, Any] = {}
    odd = False
    done = tag + b" "
    while True:
        response = _response(wire) if fast is None else fast(wire, out)
        if response is None:
            continue
        texts, literals = response
        first = texts[0]
        if first.startswith(done):
            return out, odd or not first[len(done):].startswith(b"OK")
        if first.startswith(b"* BYE"):
            raise imaplib.IMAP4.abort(f"server said {first[:200]!r}")
        if not _FETCH.match(first):
            continue  # EXISTS, RECENT, ... : the next SEARCH / EXAMINE sees those
        got = parse(texts, literals)
        if got is None:
            odd = odd or b"UID " in b"".join(texts)  # ours, but unreadable (FLAGS updates are not ours)
        elif isinstance(got[1], dict) and isinstance(out.get(got[0]), dict):
            out[got[0]].update(got[1])  # a second response for the UID (an unsolicited FLAGS)
        else:
            out.setdefault(got[0], got[1])


def _one_header(texts: list[bytes], literals: list[bytes]) -> tuple[int, bytes] | None:
    """(uid, header) from one FETCH response whose only literal is the header block."""
    if len(literals) != 1 or not _HEADER.search(texts[0]):
        return None
    uid = _UID.search(b" ".join(texts))
    return None if uid is None else (int(uid.group(1)), literals[0])


def _one_fetch(texts: list[bytes], literals: list[bytes]) -> tuple[int, dict[bytes, Any]] | None:
    """(uid, items) from any FETCH response, or None when it does not parse."""
    try:
        top = _parsed(texts, literals)
    except (ValueError, IndexError):
        return None
    if not isinstance(top, tuple) or len(top) % 2:
        return None
    items = {bytes(top[i]).upper(): top[i + 1] for i in range(0, len(top), 2) if isinstance(top[i], bytes)}
    if b"BODYSTRUCTURE" in items:
        items[b"BODYSTRUCTURE"] = _body(items[b"BODYSTRUCTURE"])
    uid = items.get(b"UID")
    return (uid, items) if isinstance(uid, int) else None


def _parsed(texts: list[bytes], literals: list[bytes]) -> object:
    """The one parenthesized list after `* n FETCH ` as nested tuples: strings and literals as
    bytes, NIL as None, numbers as int, atoms as bytes. One pass of `finditer` over each text
    piece (a BODYSTRUCTURE is a hundred tokens: matching them one call at a time from Python
    was ~80 us a mail). Raises ValueError (IndexError: a `)` too many) when it does not parse."""
    stack: list[list[object]] = []
    done: object = None
    for i, text in enumerate(texts):
        pos = text.index(b"FETCH ") + 6 if i == 0 else 0
        for m in _TOKEN.finditer(text.rstrip(b"\r\n"), pos):
            kind = m.lastindex
            if kind == _OPEN:
                stack.append([])
                continue
            if kind == _CLOSE:
                inner = tuple(stack.pop())
                if stack:
                    stack[-1].append(inner)
                else:
                    done = inner
                continue
            if kind == _ODD or not stack:
                raise ValueError(f"cannot read {m.group()[:40]!r}")
            if kind == _QUOTED:
                quoted = m.group(_QUOTED)
                stack[-1].append(_ESCAPE.sub(rb"\1", quoted) if b"\\" in quoted else quoted)
            else:
                atom = m.group(_ATOM)
                stack[-1].append(None if atom.upper() == b"NIL" else int(atom) if atom.isdigit() else atom)
        if i < len(literals):
            if not stack:
                raise ValueError("a literal outside the list")
            stack[-1].append(literals[i])
    if stack or done is None:
        raise ValueError("unbalanced parentheses")
    return done


def _body(node: object) -> object:
    """A BODYSTRUCTURE as imapclient shapes it: a multipart's leading parts gathered in a list."""
    if not isinstance(node, tuple) or not node or not isinstance(node[0], tuple):
        return node
    count = next((i for i, item in enumerate(node) if not isinstance(item, tuple)), len(node))
    return ([_body(part) for part in node[:count]], *node[count:])


def _header_response(wire: _Wire, out: dict[int, Any]) -> Response:
    """Header answers as Dovecot, Gmail, Exchange... write them, `* n FETCH (UID u BODY[HEADER.
    FIELDS (...)] {size}` CRLF, the header, `)` CRLF, each read with two readlines, one read and
    one match, its header put in `out`: a fifth of the generic path's CPU (20,000 a first sync).
    The first other response (more items, another order, a FLAGS update, the tagged status) is
    returned for the generic path as (texts, literals), with what was read of it."""
    readline, read, limit, match = wire.readline, wire.read, wire.maxline + 1, _HEADER_ANSWER.match
    while True:
        line = readline(limit)
        m = match(line)
        if m is None or len(line) == limit:
            return _response(wire, line)
        size = int(m.group(2))
        data = read(size) if size else b""
        if len(data) != size:
            raise imaplib.IMAP4.abort("connection closed in the middle of a literal")
        end = readline(limit)
        if end != b")\r\n":
            texts, literals = _response(wire, end)
            return [line[:m.start(2) - 1], *texts], [data, *literals]
        out.setdefault(int(m.group(1)), data)


def _response(wire: _Wire, first: bytes | None = None) -> Response:
    """One server response: its text pieces (each literal's `{n}` marker cut off) and its
    literals; `first`: its first line, already read."""
    texts: list[bytes] = []
    literals: list[bytes] = []
    while True:
        line = _line(wire) if first is None else _checked(first, wire.maxline)
        first = None
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
    return _checked(wire.readline(wire.maxline + 1), wire.maxline)


def _checked(line: bytes, maxline: int) -> bytes:
    if not line:
        raise imaplib.IMAP4.abort("socket error: EOF")
    if len(line) > maxline:
        raise imaplib.IMAP4.abort(f"got more than {maxline} bytes")
    return bytes(line)
