"""Header builders shared by the corpus generators (variants/, variants2/).

Kept in one place so that every generated mail spells its addresses, encoded words and
Authentication-Results the same way, and a fix reaches every corpus at once.
"""

from __future__ import annotations

import base64
from datetime import timedelta, timezone
from email.utils import formataddr, parsedate_to_datetime

SH = timezone(timedelta(hours=8))


def addr(name: str, address: str, charset: str = "utf-8") -> str:
    return formataddr((name, address), charset=charset) if name else address


def enc_header(value: str, charset: str = "utf-8") -> str:
    if value.isascii():
        return value
    return f"=?{charset}?B?{base64.b64encode(value.encode(charset)).decode()}?="


def auth(mx: str = "mx.qq.com", d: str = "amazon.com", dkim: str = "pass", dmarc: str = "pass",
         hfrom: str = "amazon.com") -> str:
    return (f"Authentication-Results: {mx};\r\n\tdkim={dkim} header.d={d} header.s=dkimselector1;\r\n"
            f"\tspf=pass smtp.mailfrom=amazonses.com;\r\n"
            f"\tdmarc={dmarc} (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from={hfrom}")


def deadline(date_header: str, days: int) -> str:
    """The README's rule: the Date in Shanghai, plus the days the invitation gives."""
    return str(parsedate_to_datetime(date_header).astimezone(SH).date() + timedelta(days=days))
