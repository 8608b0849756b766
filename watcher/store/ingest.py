"""What a stored message does to cases and the outbox, inside the store's transaction.

This is the seam between the pure core (cases.fold, reminders, alert composition) and the
database: it reads a case's events, asks the pure functions what follows, and writes the
event, the alert and the reminder rows in the caller's session, so `Store.record` commits
the message, the watermark and all of its consequences at once.

`live` distinguishes mail that arrives while the service watches (one alert per message)
from a folder's first sync, whose old mail is history: then cases are built silently (the
message, its case and its event; no fold, no reminder) and `summarize_first_sync`, which every
first sync ends with (`imap.finish_history`, before the folder counts as synced), folds each
case with mail in that folder once, sends one alert with its state and plans its reminders.
Planning them per history mail instead cost a fold and a reminder pass per mail, for plans
the next mail of the case replaced; a reminder due before the summary was not worth planning:
the summary states the deadline or appointment, as a live event's alert does.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Row
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from watcher.core import alerts, cases
from watcher.core.model import Kind, Mark, SenderCheck
from watcher.settings.config import Config
from watcher.store.batches import new_row
from watcher.store.columns import utcnow
from watcher.store.outbox import AlertDraft, add_alert, add_alerts, cancel_alerts
from watcher.store.tables import (
    IN_LIST,
    CaseRow,
    EventRow,
    FolderStateRow,
    MessageRow,
    OnRecord,
    Store,
)

UNKNOWN_ACCOUNT = "(unknown)"
_Q = TypeVar("_Q", bound=Select[*tuple[Any, ...]])  # a SELECT, of rows or of columns


@dataclass(frozen=True)
class Context:
    """What composing an alert needs besides the case: who reads it, and in which zone."""

    language: str
    tz: ZoneInfo

    @classmethod
    def of(cls, config: Config) -> Context:
        return cls(language=config.language, tz=config.tz)


def on_record(config: Config, clock: Callable[[], datetime] = utcnow) -> OnRecord:
    """The `Store.record` callback. Mail is live once its folder finished a first sync (the
    mailbox's first, or a folder added later); the answer is read in the same transaction."""
    ctx = Context.of(config)

    def apply(session: Session, row: MessageRow) -> None:
        apply_message(session, row, ctx, live=folder_live(session, row.mailbox, row.folder), now=clock())

    return apply


def folder_live(session: Session, mailbox: str, folder: str) -> bool:
    """Whether the folder finished its first sync, read once per transaction: a batch of its mail
    (`Store.record_others`) has moved its watermark first, so it holds the folder's row until it
    commits and `Store.mark_folder_synced` cannot change the answer in between."""
    key = ("folder_live", mailbox, folder)
    if key not in session.info:
        synced = session.exec(select(FolderStateRow.first_synced_at).where(
            FolderStateRow.mailbox == mailbox, FolderStateRow.folder == folder).limit(1)).first()
        session.info[key] = synced is not None
    return bool(session.info[key])


def apply_message(session: Session, row: MessageRow, ctx: Context, *, live: bool, now: datetime) -> None:
    if row.kind == Kind.OTHER.value:
        link = siv_link(session, row)
        if link is None:
            return
        row.kind, row.rule = Kind.SUPPORT_REPLY.value, link
    if row.sender_check == SenderCheck.SUSPICIOUS.value:
        if live:
            _stored(session, row)
            _phishing_alert(session, row, ctx)
        return
    case = find_or_create_case(session, row.mailbox, row.account, row.seller_token)
    row.case_ref = case.id
    session.add(row)
    # `message`, not message_ref: a batch's row has no id yet, and the next flush inserts it first
    event_row = new_row(EventRow, {"case_ref": case.ref, "kind": row.kind, "sent_at": _sent_at(row)})
    event_row.message = row
    session.add(event_row)
    if not live:
        return  # history: `summarize_first_sync` folds the case once and plans its reminders
    session.flush()
    view = case_view(session, case)
    text = alerts.compose_event(view, event_of(event_row, row), case.account, case.mailbox,
                                ctx.language, ctx.tz, now)
    add_alert(session, AlertDraft(key=f"message:{row.id}:event", purpose=f"event:{row.kind}", text=text,
                                  mailbox=case.mailbox, case_ref=case.ref, message_ref=row.id))
    plan_reminders(session, case, view, ctx, now)


def _stored(session: Session, row: MessageRow) -> None:
    """The row flushed (it has its id): a batch hands it over unflushed, so that its case is set
    before its INSERT."""
    session.add(row)
    if row.id is None:
        session.flush()


def apply_mark(session: Session, case: CaseRow, mark: Mark, ctx: Context, now: datetime) -> cases.CaseView:
    """A seller's manual mark is an event like a message; it sends no alert of its own."""
    session.add(EventRow(case_ref=case.ref, kind=mark.value, sent_at=now))
    session.flush()
    view = case_view(session, case)
    plan_reminders(session, case, view, ctx, now)
    return view


def summarize_first_sync(store: Store, config: Config, mailbox: str, now: datetime | None = None,
                         folders: Collection[str] | None = None) -> int:
    """One alert per case after a first sync, instead of one per old mail, and the case's
    reminders, planned once for its state after all its history (history mail plans none).

    `folders`: the folders whose history was just read (None: all); only cases with mail there
    are summarised, so a folder added later does not re-announce the whole mailbox. Runs under
    the store's write lock, so it cannot interleave with a live mail moving the same case.
    """
    ctx = Context.of(config)
    query = select(CaseRow).where(CaseRow.mailbox == mailbox)
    if folders is not None:
        touched = select(MessageRow.case_ref).where(MessageRow.mailbox == mailbox,
                                                    col(MessageRow.folder).in_(list(folders)))
        query = query.where(col(CaseRow.id).in_(touched))
    # Every case is planned first and written at once: a query for all histories, one for the
    # pending reminders and one for the alert keys, instead of three per case under the lock.
    with store.write_lock, store.session() as session:
        found = list(session.exec(query))
        histories = case_histories(session, [case.ref for case in found])
        drafts: list[AlertDraft] = []
        wanted: set[str] = set()
        for case in found:
            view = cases.fold(histories.get(case.ref, []))
            # before the state check: a case its history leaves without a state wants no reminder
            # (a pending one from live mail in another folder is cancelled, as a live mail would)
            keep, reminders = reminder_drafts(case, view, ctx, now or utcnow())
            wanted |= keep  # a reminder's key names its case: one set serves every case
            drafts += reminders
            if view.state is None:
                continue
            text = alerts.compose_summary(view, case.account, case.mailbox, ctx.language, ctx.tz)
            drafts.append(AlertDraft(key=f"case:{case.id}:summary:{view.state.value}", purpose="summary",
                                     text=text, mailbox=case.mailbox, case_ref=case.ref))
        cancel_alerts(session, [case.ref for case in found], keep=wanted)
        added = add_alerts(session, drafts)
        session.commit()
    return sum(row is not None and d.purpose == "summary" for d, row in zip(drafts, added, strict=True))


def plan_reminders(session: Session, case: CaseRow, view: cases.CaseView, ctx: Context,
                   now: datetime) -> None:
    """Replace the case's pending reminders with the ones its current state calls for."""
    keep, drafts = reminder_drafts(case, view, ctx, now)
    cancel_alerts(session, [case.ref], keep=keep)
    add_alerts(session, drafts)


def reminder_drafts(case: CaseRow, view: cases.CaseView, ctx: Context,
                    now: datetime) -> tuple[set[str], list[AlertDraft]]:
    """The keys of the reminders the case's current state wants (a pending one not among them is
    cancelled; an overdue one being retried is still wanted), and those to queue from `now` on.

    Each reminder's key carries the deadline or appointment it serves, so a moved appointment
    gets fresh reminders while an unchanged one is never sent twice.
    """
    wanted = {_reminder_key(case, plan) for plan in cases.wanted_reminders(view, ctx.tz)}
    drafts = [
        AlertDraft(key=_reminder_key(case, plan), purpose=plan.purpose,
                   text=alerts.compose_reminder(view, plan, case.account, case.mailbox, ctx.language, ctx.tz),
                   mailbox=case.mailbox, case_ref=case.ref, due_at=plan.due_at, expires_at=plan.expires_at)
        for plan in cases.reminders(view, now, ctx.tz)
    ]
    return wanted, drafts


def find_or_create_case(session: Session, mailbox: str, account: str | None,
                        seller_token: str | None) -> CaseRow:
    """The seller token names one seller account for sure, so it wins; else the registration
    address (the Amazon mail's recipient), which is all a failure notice or support reply has."""
    account = (account or "").strip().lower()
    if not account:  # Bcc, undisclosed-recipients: only the token (if any) tells sellers apart
        account = f"(unknown:{seller_token})" if seller_token else UNKNOWN_ACCOUNT
    case = _case_by(session, mailbox, "seller_token", seller_token) if seller_token else None
    if case is None:
        case = _case_by(session, mailbox, "account", account)
    if case is None:
        case = CaseRow(mailbox=mailbox, account=account, seller_token=seller_token)
    elif seller_token and not case.seller_token:
        case.seller_token = seller_token
    if case.id is None or session.is_modified(case):
        session.add(case)
        session.flush()
    known = session.info.setdefault("cases", {})  # a batch meets its few cases again and again
    known[(mailbox, "account", case.account)] = case
    if case.seller_token:
        known[(mailbox, "seller_token", case.seller_token)] = case
    return case


def _case_by(session: Session, mailbox: str, field: str, value: str) -> CaseRow | None:
    """The mailbox's case whose `field` is `value`: as this session knows it, else as stored."""
    return _known_case(session, mailbox, field, value) or _stored_case(session, mailbox, field, value)


def _stored_case(session: Session, mailbox: str, field: str, value: str) -> CaseRow | None:
    """Without autoflush: a case is flushed as soon as it is made or changed, so what is pending
    (a batch's messages and events) cannot change the answer, and is flushed once, later."""
    with session.no_autoflush:
        query = select(CaseRow).where(CaseRow.mailbox == mailbox, col(getattr(CaseRow, field)) == value)
        return session.exec(query).first()


def _known_case(session: Session, mailbox: str, field: str, value: str) -> CaseRow | None:
    """A case this session found or made before, if it still holds: a rolled-back SAVEPOINT
    drops a case it created from the session, and undoes a seller token it set."""
    case: CaseRow | None = session.info.get("cases", {}).get((mailbox, field, value))
    if case is None or case not in session or getattr(case, field) != value:
        return None
    return case


def case_view(session: Session, case: CaseRow) -> cases.CaseView:
    return cases.fold(case_events(session, case.ref))


def case_events(session: Session, case_ref: int) -> list[cases.Event]:
    return case_histories(session, [case_ref]).get(case_ref, [])


def case_histories(session: Session, case_refs: Sequence[int]) -> dict[int, list[cases.Event]]:
    """Each case's events in sent order, as `event_of` makes them from `event_rows`. Read as
    columns, not rows: every alert and every first-sync summary folds a whole history, and
    loading a message as an ORM row costs a setattr per column."""
    columns: list[Any] = [EventRow.case_ref, EventRow.kind, EventRow.sent_at, EventRow.id,
                          col(MessageRow.id).label("message"),
                          *(getattr(MessageRow, name) for name in (*_EVENT_FIELDS, "excerpt"))]
    out: dict[int, list[cases.Event]] = {}
    for i in range(0, len(case_refs), IN_LIST):
        query = _history(select(*columns), case_refs[i:i + IN_LIST])
        for row in session.execute(query):
            out.setdefault(row.case_ref, []).append(event_of(row, None if row.message is None else row))
    return out


# What an event takes from its message as it is (`event_of`; and the excerpt, stored as JSON).
_EVENT_FIELDS = ("sender_check", "case_id", "seller_token", "booking_url", "deadline", "appointment",
                 "meeting_url", "message_id", "subject", "from_addr")


def event_rows(session: Session, case_ref: int) -> list[tuple[EventRow, MessageRow | None]]:
    """A case's events in sent order, each with its message (None for a manual mark)."""
    return list(session.exec(_history(select(EventRow, MessageRow), [case_ref])))


def _history(query: _Q, case_refs: Sequence[int]) -> _Q:
    """`query` over the cases' events, each joined to its message, in sent order."""
    return (query.join(MessageRow, col(EventRow.message_ref) == col(MessageRow.id), isouter=True)
            .where(col(EventRow.case_ref).in_(case_refs))
            .order_by(col(EventRow.sent_at), col(EventRow.id)))


def event_of(event_row: EventRow | Row[Any], message: MessageRow | Row[Any] | None) -> cases.Event:
    if message is None:
        return cases.Event(kind=event_row.kind, sent_at=event_row.sent_at, event_id=event_row.id)
    return cases.Event(
        kind=event_row.kind, sent_at=event_row.sent_at, event_id=event_row.id,
        **{name: getattr(message, name) for name in _EVENT_FIELDS},
        excerpt=tuple(json.loads(message.excerpt or "[]")),
    )


_SIV_KINDS = [k.value for k in Kind if k is not Kind.OTHER]


def siv_link(session: Session, row: MessageRow) -> str | None:
    """Why a verified Amazon mail the rules call `other` belongs to a known SIV case, or None.

    Seller Support answers in the thread of the seller's case in words no rule can foresee; a
    reply to a stored SIV message (In-Reply-To / References), or a mail citing the case ID of a
    known SIV case, is at least a support reply: silence would be the worse mistake.
    """
    if row.sender_check != SenderCheck.VERIFIED.value:
        return None
    known = select(MessageRow.id).where(MessageRow.mailbox == row.mailbox,
                                        col(MessageRow.kind).in_(_SIV_KINDS),
                                        MessageRow.sender_check != SenderCheck.SUSPICIOUS.value)
    refs = json.loads(row.references or "[]")
    if refs and session.exec(known.where(col(MessageRow.message_id).in_(refs))).first() is not None:
        return "link:reply-to-siv-message"
    if row.case_id and session.exec(known.where(MessageRow.case_id == row.case_id)).first() is not None:
        return "link:siv-case-id"
    return None


def _sent_at(row: MessageRow) -> datetime:
    """Events are ordered by when Amazon sent them, but a Date header from the future (forged or
    a broken clock) would make that mail the case's last word forever: cap it at arrival."""
    return min(row.sent_at, row.seen_at) if row.sent_at else row.seen_at


def _phishing_alert(session: Session, row: MessageRow, ctx: Context) -> None:
    reasons = json.loads(row.reasons or "[]")
    text = alerts.compose_phishing(row, reasons, row.account or UNKNOWN_ACCOUNT, row.mailbox, ctx.language)
    add_alert(session, AlertDraft(key=f"message:{row.id}:phishing", purpose="phishing", text=text,
                                  mailbox=row.mailbox, message_ref=row.id))


def _reminder_key(case: CaseRow, plan: cases.ReminderPlan) -> str:
    return f"case:{case.id}:{plan.purpose}:{plan.anchor or plan.due_at.isoformat()}"
