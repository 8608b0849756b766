"""The plain data that flows between the pure core and the shell.

One concept, one name: these enums and dataclasses carry the project's vocabulary (kind,
sender check, classification, state, event, alert) so every module, DB column and CLI flag
spells a concept the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Any


class Kind(StrEnum):
    """What a message is (or imitates, for phishing)."""

    SIV_FAILED = "siv_failed"
    VIDEO_CALL_INVITATION = "video_call_invitation"
    VIDEO_CALL_CONFIRMATION = "video_call_confirmation"
    APPEAL_DENIED_RESTART = "appeal_denied_restart"
    SUPPORT_REPLY = "support_reply"
    SIV_APPROVED = "siv_approved"
    SIV_UNCLEAR = "siv_unclear"  # about identity verification, fits no other kind: read it
    OTHER = "other"


class SenderCheck(StrEnum):
    VERIFIED = "verified"
    UNVERIFIED = "unverified"
    SUSPICIOUS = "suspicious"


class State(StrEnum):
    """A case's state; always derived from its events, never stored as truth."""

    SIV_FAILED = "siv_failed"
    APPEAL_OPEN = "appeal_open"
    VIDEO_CALL_INVITED = "video_call_invited"
    VIDEO_CALL_SCHEDULED = "video_call_scheduled"
    RESTART_ADVISED = "restart_advised"
    VERIFIED = "verified"


class Mark(StrEnum):
    """Events a seller records by hand with `siv-watcher mark`."""

    APPEAL_SENT = "appeal-sent"
    BOOKED = "booked"
    VERIFIED = "verified"


@dataclass(frozen=True)
class Classification:
    """Everything the pure core learns from one message's bytes.

    `account` is the seller's registration address (the Amazon mail's recipient; for a
    forward, the original recipient) and is what groups messages into a case.
    """

    kind: Kind
    sender_check: SenderCheck
    case_id: str | None = None
    seller_token: str | None = None
    booking_url: str | None = None
    deadline: date | None = None
    appointment: datetime | None = None
    meeting_url: str | None = None
    account: str | None = None
    message_id: str | None = None
    references: tuple[str, ...] = field(default_factory=tuple)  # In-Reply-To and References
    subject: str = ""
    from_addr: str = ""
    sent_at: datetime | None = None
    rule: str | None = None
    reasons: tuple[str, ...] = field(default_factory=tuple)
    parse_error: str | None = None
    excerpt: tuple[str, ...] = field(default_factory=tuple)  # siv_unclear: key sentences, then links
    notes: tuple[str, ...] = field(default_factory=tuple)  # what the reading budget or the parser cut

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict; dates as ISO strings, absent values as None. Shallow: every field is
        a scalar or a tuple of strings, and `asdict`'s deep copy cost ~7% of a whole-process
        classify."""
        out = {name: getattr(self, name) for name in _field_names()}
        for key, value in out.items():
            if isinstance(value, (date, datetime)):
                out[key] = value.isoformat()
            elif isinstance(value, StrEnum):
                out[key] = value.value
            elif isinstance(value, tuple):
                out[key] = list(value)
        return out


@cache
def _field_names() -> tuple[str, ...]:
    """Classification's field names (dataclasses.fields rebuilds its answer on every call)."""
    return tuple(f.name for f in fields(Classification))
