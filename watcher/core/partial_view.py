"""The partial view (issue 10): may a candidate be SIV, judged from the first characters of the
text the classifier would read, fetched window by window, before the whole mail is fetched.

Why: a seller's mailbox is a quarter Amazon notices. The header filter must let them through
(Amazon sender), and most are settled by their headers (`candidates.amazon_notice`); for the
rest, a BODYSTRUCTURE and the first 2 KB of the text decide, instead of the whole mail.

Why it keeps recall: the view reads what the classifier reads (the same text parts: every
text/plain part that is not an attachment, and the HTML only when there is no plain text or the
plain text is a stub, as `message.from_message` decides), decoded the same way, and settles a
mail only after it has seen VIEW_BYTES of its visible text (or all of it): twice the depth of
the deepest SIV vocabulary in any corpus mail (~940 bytes, Amazon's real "Your Amazon.com Selling
Account" mail, where the SIV words follow a paragraph about the account; tests/core/
test_partial_view.py holds every corpus SIV mail to half the view). A forward (by
its subject, or a quoted header block in its text) that mentions Amazon anywhere in what was
read is fetched whole: the forwarded mail's own words sit lower. Whatever is odd (a part too
long to find text in, markup that never ends) means the whole mail.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import html as htmllib
import re
from dataclasses import dataclass, field

from watcher.core.budget import STUB_PLAIN_CHARS
from watcher.core.candidates import (
    FORWARD_SUBJECT,
    Vocabulary,
    looks_amazon,
    may_be_siv,
    parse_headers,
    structure_is_candidate,
)
from watcher.core.charsets import codec_for, decode_bytes

VIEW_BYTES = 2000  # visible text (UTF-8 bytes, spaces collapsed) a view sees before it settles a mail
FIRST_WINDOW = {"plain": 3072, "html": 4096}  # bytes of a part read first (HTML: markup before words)
NEXT_WINDOW = 8192  # bytes read next, when the first did not hold VIEW_BYTES of text
MAX_VIEW = 32 * 1024  # bytes of one part a view reads at most; a mail needing more is fetched whole
MAX_PARTS = 6  # text parts a view reads at most; a mail with more is fetched whole
_STUB_MARGIN = 16  # the view's decoder and the parser's may differ by a few characters on broken input


@dataclass(frozen=True)
class TextPart:
    """One text part of a BODYSTRUCTURE: its section ("1", "1.1"), what it is, how it is encoded."""

    section: str
    subtype: str  # plain / html (rfc822: an attached message, read whole; see `reading_parts`)
    encoding: str  # 7bit, 8bit, quoted-printable, base64...
    charset: str | None
    size: int


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("ascii", "replace")
    return value if isinstance(value, str) else ""


def _params(value: object) -> dict[str, str]:
    if not isinstance(value, (tuple, list)):
        return {}
    items = [_text(v) for v in value]
    return {items[i].lower(): items[i + 1] for i in range(0, len(items) - 1, 2)}


def text_parts(structure: object) -> tuple[TextPart, ...] | None:
    """Every text/plain and text/html part the classifier reads, in order: not an attachment
    (no "attachment" disposition, no file name), outside any attached message. None when the
    structure (as imapclient gives it: nested tuples, a multipart's first item the list of its
    parts) is not understood, holds an attached message or an empty part (what Dovecot shows for
    a multipart whose boundary never occurs, which the parser reads as plain text): then the
    mail is fetched whole."""
    if structure is None or structure_is_candidate(structure):
        return None
    return _readable(structure, messages=False)


def reading_parts(structure: object) -> tuple[TextPart, ...] | None:
    """What the classifier reads of a mail, to fetch it as its header and these parts only: the
    text parts (as `text_parts`) and every attached message (message/rfc822) whole, the latter
    as a TextPart of subtype "rfc822". None when not understood, or when a file looks like a
    saved message (.eml, .msg): then the whole mail."""
    text = repr(structure).lower()
    if structure is None or ".eml" in text or ".msg" in text or "outlook" in text:
        return None
    return _readable(structure, messages=True)


def _readable(structure: object, messages: bool) -> tuple[TextPart, ...] | None:
    found: list[TextPart] = []

    def walk(node: object, section: str) -> bool:
        if not isinstance(node, (tuple, list)) or not node:
            return False
        if isinstance(node[0], list):  # multipart: ([parts], subtype, ...)
            prefix = f"{section}." if section else ""
            return bool(node[0]) and all(walk(part, f"{prefix}{i}") for i, part in enumerate(node[0], 1))
        if len(node) < 7 or node[6] == 0 or not isinstance(node[6], int):
            return False  # Dovecot's empty part for a boundary it did not find: the parser reads the body
        kind, subtype = _text(node[0]).lower(), _text(node[1]).lower()
        if kind == "message" and subtype == "rfc822":
            found.append(TextPart(section or "1", "rfc822", _text(node[5]).lower() or "7bit", None, node[6]))
            return messages
        if kind != "text" or subtype not in ("plain", "html"):
            return True
        disposition = node[9] if len(node) > 9 else None  # text: ... size, lines, md5, disposition
        params = _params(node[2])
        named = "name" in params or (isinstance(disposition, (tuple, list)) and len(disposition) > 1
                                     and "filename" in _params(disposition[1]))
        attached = isinstance(disposition, (tuple, list)) and bool(disposition) and \
            _text(disposition[0]).lower() == "attachment"
        if not (named or attached):
            found.append(TextPart(section or "1", subtype, _text(node[5]).lower() or "7bit",
                                  params.get("charset"), node[6]))
        return True

    if not walk(structure, ""):
        return None
    return tuple(found)


_QP_TAIL = re.compile(rb"=[0-9A-Fa-f]?$")
_BASE64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_NOT_BASE64 = bytes(b for b in range(256) if b not in _BASE64)  # deleted by translate: ~80x a regex
_HIDDEN = re.compile(r"<(head|style|script|title|xml)\b.*?(?:</\1\s*>|(?=<body\b)|$)|<!--.*?(?:-->|$)",
                     re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>|<[^>]*$")


def _decode_cut(data: bytes, label: str | None) -> str:
    """Decode bytes cut anywhere: a multi-byte character cut at the end is dropped (else a strict
    decoder fails and the charset guesser reads the whole chunk as another charset)."""
    codec = codec_for(label or "utf-8")
    for cut in range(4):
        try:
            return data[: len(data) - cut].decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return decode_bytes(data, label)


def partial_text(data: bytes, part: TextPart, complete: bool = False) -> str:
    """The visible text of the first bytes of a part, as fetched (`BODY[1]<0.N>`: still in its
    transfer encoding, cut anywhere): a cut base64 chunk is trimmed to whole quanta, a cut
    quoted-printable escape dropped, a cut multi-byte character dropped; HTML loses its head,
    styles, scripts, comments and tags, as the classifier's renderer drops them. A `complete`
    part is decoded as the parser decodes it (the stub test counts its characters)."""
    if part.encoding == "base64":
        clean = data.translate(None, _NOT_BASE64)
        clean = clean[: len(clean) - len(clean) % 4]
        try:
            data = base64.b64decode(clean)
        except (binascii.Error, ValueError):
            data = b""
    elif part.encoding == "quoted-printable":
        data = binascii.a2b_qp(data if complete else _QP_TAIL.sub(b"", data))
    text = decode_bytes(data, part.charset) if complete else _decode_cut(data, part.charset)
    if part.subtype == "html":
        text = htmllib.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", text)))
    return text


def seen(text: str) -> int:
    """How much text a view has seen: UTF-8 bytes with spaces collapsed, so that a Chinese
    character (three bytes, a word's worth) counts for more than a Latin letter."""
    return len(" ".join(text.split()).encode("utf-8", "surrogatepass"))


_QUOTED_HEADER = re.compile(r"(?im)^[ \t>*]*(?:from|发件人|發件人|寄件者|寄件人)\s*[:：]")
Read = tuple[TextPart, int, int]  # a part, the offset to read from, how many bytes


@dataclass
class View:
    """What a partial view has read of one candidate, and what it says: `next_reads()` gives the
    reads still needed ([] once decided), `feed()` takes their answers, `outcome` is then
    "whole" (may be SIV, or unsure: fetch the whole mail) or "settled" (not SIV)."""

    subject: str
    parts: tuple[TextPart, ...]
    extra: Vocabulary | None = None  # the words of the user's own SIV rules (`rules_vocabulary`)
    data: dict[str, bytes] = field(default_factory=dict)
    complete: set[str] = field(default_factory=set)
    outcome: str | None = None

    @classmethod
    def of(cls, header_bytes: bytes, parts: tuple[TextPart, ...], extra: Vocabulary | None = None) -> View:
        """The view of a candidate from its fetched header fields and its text parts."""
        return cls(parse_headers(header_bytes).get("subject", ""), parts, extra)

    def feed(self, part: TextPart, data: bytes, asked: int) -> None:
        got = self.data.get(part.section, b"") + data
        self.data[part.section] = got
        if len(data) < asked or len(got) >= part.size:
            self.complete.add(part.section)

    def next_reads(self) -> list[Read]:
        if self.outcome is not None:
            return []
        if not self.parts or len(self.parts) > MAX_PARTS:
            self.outcome = "whole"
            return []
        plains = [p for p in self.parts if p.subtype == "plain"]
        htmls = [p for p in self.parts if p.subtype == "html"]
        if plains:
            reads = self._look(plains)
            if reads or self.outcome or not htmls or not self._stub(plains):
                self.outcome = self.outcome or ("settled" if not reads else None)
                return reads
        reads = self._look(htmls)
        self.outcome = self.outcome or ("settled" if not reads else None)
        return reads

    def _look(self, parts: list[TextPart]) -> list[Read]:
        """Judge what was read of these parts: outcome "whole", or the reads to do next ([] when
        enough was seen to settle them)."""
        if not any(p.section in self.data for p in parts):  # nothing read yet: the first windows
            return [(p, 0, min(FIRST_WINDOW[p.subtype], MAX_VIEW)) for p in parts]
        text = "\n".join(partial_text(self.data.get(p.section, b""), p, p.section in self.complete)
                         for p in parts)
        if self._may_be_siv(text):
            self.outcome = "whole"
            return []
        open_parts = [p for p in parts if p.section not in self.complete]
        if not open_parts or seen(text) >= VIEW_BYTES:
            return []
        reads = []
        for part in open_parts:
            offset = len(self.data.get(part.section, b""))
            if offset >= MAX_VIEW:
                self.outcome = "whole"  # this much markup and still no text: do not guess
                return []
            window = NEXT_WINDOW if offset else FIRST_WINDOW[part.subtype]
            reads.append((part, offset, min(window, MAX_VIEW - offset)))
        return reads

    def _stub(self, plains: list[TextPart]) -> bool:
        """Would the classifier take the HTML instead: is the whole plain text a "view in HTML"
        stub? Asked only once every plain part is read in full or VIEW_BYTES were seen."""
        if any(p.section not in self.complete for p in plains):
            return False  # VIEW_BYTES seen: no stub
        text = "\n".join(partial_text(self.data.get(p.section, b""), p, True) for p in plains)
        return len(text.strip()) < STUB_PLAIN_CHARS + _STUB_MARGIN

    def _may_be_siv(self, text: str) -> bool:
        if may_be_siv(f"{self.subject}\n{text}", self.extra):
            return True
        forwarded = FORWARD_SUBJECT.search(self.subject) or _QUOTED_HEADER.search(text)
        return bool(forwarded) and looks_amazon(text)


_CONTENT_FIELD = re.compile(rb"(?im)^content-(?:type|transfer-encoding)[ \t]*:.*(?:\r?\n[ \t].*)*\r?\n?")


def text_only_message(header: bytes, parts: list[tuple[bytes, bytes]]) -> bytes:
    """A mail rebuilt from its header (`BODY[HEADER]`) and its text parts (each `BODY[n.MIME]`
    and `BODY[n]`), as multipart/mixed: what the classifier reads of a mail that is mostly
    attachment (a 1 MB scan under a two-paragraph SIV mail), without the attachment. The
    boundary is derived from the content, so the same mail gives the same bytes (and hash)."""
    boundary = b"=_sivw_" + hashlib.sha256(b"".join(m + b for m, b in parts)).hexdigest()[:32].encode()
    head = _CONTENT_FIELD.sub(b"", header).rstrip(b"\r\n")
    out = [head, b'\r\nContent-Type: multipart/mixed; boundary="%s"\r\n\r\n' % boundary]
    for mime, body in parts:
        out += [b"--%s\r\n" % boundary, mime.rstrip(b"\r\n"), b"\r\n\r\n", body, b"\r\n"]
    out.append(b"--%s--\r\n" % boundary)
    return b"".join(out)
