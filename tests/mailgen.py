"""Mail for IMAP tests and benchmarks: corpus SIV mails with fresh Message-IDs, forwards, filler.

Why generated filler: a seller's real mailbox is mostly orders, newsletters and chats from
non-Amazon senders; the sync engine's cost is decided by how it treats those.
"""

from __future__ import annotations

import email
import email.policy
import random
import re
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

CORPUS = Path(__file__).parent / "corpus" / "shared"
SIV_FILES = sorted(p for p in CORPUS.glob("*.eml") if not p.name.startswith("other-"))


def corpus(name: str) -> bytes:
    return (CORPUS / name).read_bytes()


def with_message_id(raw: bytes, message_id: str) -> bytes:
    """The same mail under a new Message-ID (the store deduplicates by it)."""
    return re.sub(rb"(?im)^Message-ID:[^\r\n]*", f"Message-ID: <{message_id}>".encode(), raw, count=1)


def siv_mail(n: int, tag: str = "t") -> bytes:
    """The n-th SIV corpus mail (cycling), unique by Message-ID."""
    return with_message_id(SIV_FILES[n % len(SIV_FILES)].read_bytes(), f"siv-{tag}-{n}@amazon.com")


def forward(raw: bytes, n: int, style: str = "inline", agent: str = "agent@shenzhen-ops.cn") -> bytes:
    """An agent forwarding an Amazon mail from their own address: inline (Fwd/转发) or attached."""
    date = format_datetime(datetime.now(UTC))
    if style == "attached":
        return (f"From: Ops Agent <{agent}>\r\nTo: seller@example.com\r\nSubject: 请处理 #{n}\r\n"
                f"Date: {date}\r\nMessage-ID: <fwd-{n}@shenzhen-ops.cn>\r\nMIME-Version: 1.0\r\n"
                f'Content-Type: multipart/mixed; boundary="b{n}"\r\n\r\n--b{n}\r\n'
                f"Content-Type: text/plain; charset=utf-8\r\n\r\n见附件\r\n--b{n}\r\n"
                f"Content-Type: message/rfc822\r\n\r\n").encode() + raw + f"\r\n--b{n}--\r\n".encode()
    subject = ["Fwd: 亚马逊账户", "转发：邮件", "FW: please check"][n % 3]
    original = email.message_from_bytes(raw, policy=email.policy.default)
    part = original.get_body(("plain", "html"))
    quoted = "".join(f"{k}: {original[k]}\r\n" for k in ("From", "Date", "Subject", "To"))
    body = quoted + "\r\n" + (part.get_content() if part is not None else "")
    return (f"From: Ops Agent <{agent}>\r\nTo: seller@example.com\r\nSubject: {subject} #{n}\r\n"
            f"Date: {date}\r\nMessage-ID: <fwd-{n}@shenzhen-ops.cn>\r\nMIME-Version: 1.0\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n---------- Forwarded message ---------\r\n"
            f"{body}").encode()


_SENDERS = [("Shopify", "no-reply@shopify.com", "Order #{n} confirmed"),
            ("LinkedIn", "news@linkedin.com", "Your weekly digest {n}"),
            ("小王", "wang@qq.com", "周末聚餐 {n}"),
            ("DHL Express", "noreply@dhl.com", "Shipment {n} is on its way"),
            ("顺丰速运", "notice@sf-express.com", "您的快件 {n} 已签收"),
            ("GitHub", "notifications@github.com", "[repo] PR #{n} merged"),
            ("Alibaba.com", "service@alibaba.com", "RFQ {n}: new quotations"),
            ("Newsletter", "hello@substack.com", "Issue {n}: supply chains")]
_WORDS = ("shipment", "price", "quote", "container", "order", "invoice", "weekend", "product", "market",
          "freight", "sample", "factory", "meeting", "schedule", "payment", "discount", "newsletter",
          "update", "report", "team")


def filler(n: int, rng: random.Random, size: int | None = None, when: datetime | None = None) -> bytes:
    """A non-SIV mail of realistic size (5-50 KB): newsletters, orders, chats."""
    name, addr, subject = _SENDERS[n % len(_SENDERS)]
    size = size or rng.randint(5_000, 50_000)
    line = " ".join(rng.choice(_WORDS) for _ in range(12))
    body = (line + "\r\n") * (size // (len(line) + 2) + 1)
    date = format_datetime(when or datetime.now(UTC))
    return (f"From: {name} <{addr}>\r\nTo: seller@example.com\r\nSubject: {subject.format(n=n)}\r\n"
            f"Date: {date}\r\nMessage-ID: <filler-{n}@{addr.split('@')[1]}>\r\nMIME-Version: 1.0\r\n"
            f"Content-Type: text/plain; charset=utf-8\r\n\r\n{body[:size]}").encode()


def big_siv_mail(total: int = 20 * 1024 * 1024) -> bytes:
    """An SIV mail with a huge attachment: the text comes first, so a bounded prefix still classifies."""
    head = corpus("siv_failed-en-plain.eml")
    headers, _, body = head.replace(b"\r\n", b"\n").partition(b"\n\n")
    cte = re.search(rb"(?im)^Content-Transfer-Encoding:[^\n]*\n", headers)
    headers = re.sub(rb"(?im)^Content-(Type|Transfer-Encoding):[^\n]*\n", b"", headers)
    chunk = (b"QUFBQUFBQUFB" * 6 + b"\n")
    attachment = chunk * (total // len(chunk))
    return (headers + b'\nContent-Type: multipart/mixed; boundary="BIG"\n\n--BIG\n'
            b'Content-Type: text/plain; charset="UTF-8"\n' + (cte.group(0) if cte else b"") + b"\n"
            + body + b"\n--BIG\n"
            b"Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n"
            + attachment + b"--BIG--\n").replace(b"\n", b"\r\n")
