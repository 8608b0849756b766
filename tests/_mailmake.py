"""Build small raw mails for tests, with exact control over charsets and encodings."""

from __future__ import annotations

import base64
from email.header import Header


def header(text: str, charset: str = "utf-8") -> str:
    """An RFC 2047 base64 encoded-word in `charset`."""
    return Header(text, charset).encode()


def mail(
    body: str | bytes,
    *,
    subject: str = "Test",
    sender: str = "Amazon Services <seller-verification@amazon.com>",
    to: str = "seller@example.com",
    date: str = "Tue, 06 Oct 2026 21:15:00 +0000",
    ctype: str = "text/plain",
    charset: str = "utf-8",
    cte: str = "base64",
    extra_headers: tuple[str, ...] = (),
    eol: str = "\r\n",
) -> bytes:
    """A single-part mail; `body` text is encoded with `charset` then `cte`."""
    data = body if isinstance(body, bytes) else body.encode(charset)
    payload = base64.encodebytes(data).decode("ascii") if cte == "base64" else data.decode("latin-1")
    lines = [
        *extra_headers,
        f"From: {sender if sender.isascii() else header(sender)}",
        f"To: {to}",
        f"Subject: {subject if subject.isascii() else header(subject)}",
        f"Date: {date}",
        "MIME-Version: 1.0",
        f'Content-Type: {ctype}; charset="{charset}"',
        f"Content-Transfer-Encoding: {cte}",
        "",
        payload,
    ]
    return eol.join(line.replace("\n", eol) if line is payload else line for line in lines).encode("latin-1")


def multipart(parts: list[bytes], *, subtype: str = "mixed", headers: tuple[str, ...] = ()) -> bytes:
    """Wrap already-built parts (header block + body) in a multipart container."""
    boundary = "==b0undary=="
    head = [*headers, "MIME-Version: 1.0", f'Content-Type: multipart/{subtype}; boundary="{boundary}"', ""]
    out = "\r\n".join(head).encode() + b"\r\n"
    for part in parts:
        out += f"--{boundary}\r\n".encode() + part + b"\r\n"
    return out + f"--{boundary}--\r\n".encode()
