"""The read side of cases, and manual marks: what `cases`, `case`, `mark` and `appeal-draft` show.

A case's state is never stored; every read folds its events again (cheap: a case has a
handful of events), so a late-arriving or out-of-order mail can never leave a stale state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from watcher.core import alerts, appeal
from watcher.core.cases import CaseView
from watcher.core.model import Mark
from watcher.settings.config import Config
from watcher.store import ingest
from watcher.store.columns import utcnow
from watcher.store.tables import CaseRow, Store


class CaseNotFound(LookupError):
    pass


@dataclass(frozen=True)
class CaseRecord:
    """One case as the CLI shows it."""

    id: int
    mailbox: str
    account: str
    seller_token: str | None
    view: CaseView
    next_action: list[str]
    tz: ZoneInfo
    events: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        v = self.view
        return {
            "id": self.id, "mailbox": self.mailbox, "account": self.account,
            "seller_token": self.seller_token or v.seller_token,
            "state": v.state.value if v.state else None,
            "next_action": self.next_action,
            "deadline": v.deadline.isoformat() if v.deadline else None,
            "booking_url": v.booking_url,
            "appointment": v.appointment.astimezone(self.tz).isoformat() if v.appointment else None,
            "case_ids": list(v.case_ids),
            "events": self.events,
        }


def list_cases(store: Store, config: Config) -> list[CaseRecord]:
    with store.session() as session:
        rows = session.exec(select(CaseRow).order_by(col(CaseRow.id))).all()
        return [_record(session, case, config) for case in rows]


def get_case(store: Store, config: Config, case_key: int | str) -> CaseRecord:
    with store.session() as session:
        return _record(session, resolve(session, case_key), config)


def resolve(session: Session, case_key: int | str) -> CaseRow:
    """A case by its id or by its account (registration address), which is what sellers know."""
    key = str(case_key).strip()
    if key.isdigit():
        case = session.get(CaseRow, int(key))
        if case is None:
            raise CaseNotFound(f"no case with id {key}")
        return case
    found = list(session.exec(select(CaseRow).where(CaseRow.account == key.lower())))
    if not found:
        raise CaseNotFound(f"no case for account {key}")
    if len(found) > 1:
        ids = ", ".join(str(c.id) for c in found)
        raise CaseNotFound(f"account {key} has cases in several mailboxes (ids {ids}): give the id")
    return found[0]


def mark(store: Store, config: Config, case_key: int | str, mark_name: str,
         now: datetime | None = None) -> CaseRecord:
    """Record a manual event; raises ValueError for an unknown mark name."""
    try:
        what = Mark(mark_name)
    except ValueError:
        allowed = ", ".join(m.value for m in Mark)
        raise ValueError(f"unknown mark {mark_name!r} (one of: {allowed})") from None
    with store.session() as session:
        case = resolve(session, case_key)
        ingest.apply_mark(session, case, what, ingest.Context.of(config), now or utcnow())
        session.commit()
        return _record(session, case, config)


def appeal_text(store: Store, config: Config, case_key: int | str | None) -> str:
    record = get_case(store, config, case_key) if case_key is not None else None
    return appeal.appeal_draft(config.seller, record.view if record else None,
                               record.account if record else config.seller.get("registration_email"),
                               config.language)


def _record(session: Session, case: CaseRow, config: Config) -> CaseRecord:
    view = ingest.case_view(session, case)
    rows = ingest.event_rows(session, case.id or 0)
    events = [
        {
            "kind": e.kind,
            "sender_check": m.sender_check if m else None,
            "message_id": m.message_id if m else None,
            "subject": m.subject if m else None,
            "sent_at": e.sent_at.astimezone(config.tz).isoformat(),
            "source": "message" if m else "mark",
        }
        for e, m in rows
    ]
    return CaseRecord(
        id=case.id or 0, mailbox=case.mailbox, account=case.account, seller_token=case.seller_token,
        view=view, next_action=alerts.next_action(view, config.language, config.tz, case.account),
        tz=config.tz,
        events=events,
    )
