"""What a value becomes in a column: the limits of SQLite and PostgreSQL, met in one place.

SQLite forgets time zones (`UTCDateTime` keeps every instant as UTC and hands it back aware;
`utcnow` is the store's now), PostgreSQL refuses NUL in text, even in a query (`message_key`),
and a year 9999 overflows the UTC conversion; a forged header can bring either of the last
two, and one such mail must not poison its folder (`message_values`). Why a module of its own:
tables.py (the rows and the Store) and every other writer of rows (batches.py, hundreds of
messages as plain values for one INSERT; leases.py, outbox.py) take these from one place, so
no writer meets a limit its own way; and it needs nothing of the store, so all can import it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator

from watcher.core.model import Classification


class UTCDateTime(TypeDecorator[datetime]):
    """SQLite forgets time zones; keep every instant as UTC and hand it back aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


def utcnow() -> datetime:
    return datetime.now(UTC)


def message_values(mailbox: str, folder: str, uidvalidity: int, uid: int, c: Classification,
                   content_hash: str, size: int) -> dict[str, Any]:
    """A message row's columns (all but its id and case), as the database takes them."""
    cleaned: dict[str, Any] = {name: _no_nul(getattr(c, name)) for name in _TEXT_FIELDS}
    c = replace(c, sent_at=_plausible(c.sent_at), appointment=_plausible(c.appointment), **cleaned)
    return dict(
        mailbox=mailbox, folder=folder, uidvalidity=uidvalidity, uid=uid, message_id=c.message_id,
        content_hash=content_hash, size=size, seen_at=utcnow(), sent_at=c.sent_at, subject=c.subject[:500],
        from_addr=c.from_addr, account=c.account, kind=c.kind.value, sender_check=c.sender_check.value,
        case_id=c.case_id, seller_token=c.seller_token, booking_url=c.booking_url, deadline=c.deadline,
        appointment=c.appointment, meeting_url=c.meeting_url, rule=c.rule,
        reasons=json.dumps(list(c.reasons), ensure_ascii=False), parse_error=c.parse_error,
        excerpt=json.dumps([_no_nul(line) for line in c.excerpt], ensure_ascii=False),
        references=json.dumps([_no_nul(ref) for ref in c.references[:50]], ensure_ascii=False),
    )


_TEXT_FIELDS = ("subject", "from_addr", "account", "message_id", "case_id", "seller_token", "booking_url",
                "meeting_url", "rule", "parse_error")


def _no_nul(value: str | None) -> str | None:
    """PostgreSQL refuses NUL in text, and a forged subject can carry one (=00 in an encoded word)."""
    return value.replace("\x00", "") if value else value


def _plausible(moment: datetime | None) -> datetime | None:
    """A Date header can say anything (year 9999 overflows the UTC conversion): keep only
    instants a real mail can carry, so one forged header cannot poison its folder."""
    if moment is None or not 1990 <= moment.year <= 2200:
        return None
    return moment


def message_key(message_id: str | None, content_hash: str) -> tuple[str | None, str]:
    """What makes a message a duplicate in its mailbox: its Message-ID as stored (PostgreSQL
    refuses a NUL even in a query), or its content when it has none."""
    return _no_nul(message_id) or None, content_hash


__all__ = ["UTCDateTime", "message_key", "message_values", "utcnow"]
