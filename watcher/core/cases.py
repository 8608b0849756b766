"""A case's state and reminders, derived from its events (pure: no I/O, no clock).

State is never stored as truth: `fold` replays the events in the order Amazon sent them,
so mails that arrive late (first sync, forwards, the junk folder) still give the right
state. The rule of thumb: Amazon's latest *verdict* (failed, restart, approved) or
*explicit instruction* (invitation, confirmation) wins; generic support replies and the
seller's own marks only open an appeal or annotate the case, never move it backwards.

| event                           | resulting state                 | from                          |
|---------------------------------|---------------------------------|-------------------------------|
| siv_failed                      | siv_failed                      | any state (latest verdict)    |
| support_reply, mark appeal-sent | appeal_open                     | none yet or siv_failed; else kept |
| video_call_invitation           | video_call_invited              | any state; clears booked_at   |
| mark booked                     | video_call_invited + booked_at  | up to video_call_invited; else ignored |
| video_call_confirmation         | video_call_scheduled            | any state                     |
| appeal_denied_restart           | restart_advised                 | any state                     |
| siv_approved, mark verified     | verified                        | any state                     |
| other, suspicious, unknown kind | never applied (skipped)         | -                             |

Fields accumulate whatever the state does: case IDs (all, first-seen order), the seller
token, deadline and booking link (latest invitation that carries them), appointment
(latest confirmation that carries it). A new invitation clears `booked_at`: it asks for a
new booking. `mark booked` before any invitation was seen means the seller got one we
missed, so it moves the case to video_call_invited.

Reminder timing (all in the configured timezone `tz`):
- `reminder:deadline-7d/3d/1d`: 09:00 local on the deadline's date minus 7, 3, 1 days,
  only while video_call_invited and not yet booked (after booking the deadline is met,
  and the no-confirmation reminder takes over).
- `reminder:no-confirmation`: 18:00 local on the 2nd Chinese working day after the local
  date of `mark booked` (Amazon promises the confirmation "within 2 business days"; 18:00
  is the end of that window). Working days come from `holidays`' China calendar, which
  knows the official make-up working days on weekends (`weekend_workdays`).
- `reminder:appointment-24h/1h`: the appointment minus 24 h / 1 h, while scheduled.
Reminders already due at `now` are not returned: the event's own alert stated the date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from watcher.core.model import Classification, Kind, Mark, SenderCheck, State

DEADLINE_REMINDER_DAYS = (7, 3, 1)
DEADLINE_REMINDER_TIME = time(9, 0)
NO_CONFIRMATION_BUSINESS_DAYS = 2
NO_CONFIRMATION_TIME = time(18, 0)
APPOINTMENT_REMINDER_HOURS = (24, 1)

_VERDICTS = {
    Kind.SIV_FAILED.value: State.SIV_FAILED,
    Kind.APPEAL_DENIED_RESTART.value: State.RESTART_ADVISED,
    Kind.SIV_APPROVED.value: State.VERIFIED,
    Mark.VERIFIED.value: State.VERIFIED,
    Kind.VIDEO_CALL_INVITATION.value: State.VIDEO_CALL_INVITED,
    Kind.VIDEO_CALL_CONFIRMATION.value: State.VIDEO_CALL_SCHEDULED,
}
_APPEAL_OPENERS = {Kind.SUPPORT_REPLY.value, Mark.APPEAL_SENT.value}
_BEFORE_INVITATION = {None, State.SIV_FAILED, State.APPEAL_OPEN}
APPLICABLE_KINDS = frozenset(_VERDICTS) | _APPEAL_OPENERS | {Mark.BOOKED.value}


@dataclass(frozen=True)
class Event:
    """One classified message or one manual mark, as applied to a case.

    `kind` is a `Kind` value (message) or a `Mark` value (manual); marks carry no sender
    check. `sent_at` must be timezone-aware: it is what orders the case's history.
    """

    kind: str
    sent_at: datetime
    sender_check: str | None = None
    case_id: str | None = None
    seller_token: str | None = None
    booking_url: str | None = None
    deadline: date | None = None
    appointment: datetime | None = None
    meeting_url: str | None = None
    message_id: str | None = None
    subject: str = ""
    from_addr: str = ""
    event_id: int | None = None
    excerpt: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.sent_at.tzinfo is None or self.sent_at.utcoffset() is None:
            raise ValueError("Event.sent_at must be timezone-aware")

    @classmethod
    def from_classification(
        cls, c: Classification, *, sent_at: datetime | None = None, event_id: int | None = None
    ) -> Event:
        """The event for a classified message; `sent_at` fills in when the mail had no Date."""
        when = c.sent_at or sent_at
        if when is None:
            raise ValueError("classification has no sent_at; pass sent_at= (e.g. the receive time)")
        return cls(
            kind=str(c.kind),
            sent_at=when,
            sender_check=str(c.sender_check),
            case_id=c.case_id,
            seller_token=c.seller_token,
            booking_url=c.booking_url,
            deadline=c.deadline,
            appointment=c.appointment,
            meeting_url=c.meeting_url,
            message_id=c.message_id,
            subject=c.subject,
            from_addr=c.from_addr,
            event_id=event_id,
            excerpt=c.excerpt,
        )

    @classmethod
    def mark(cls, mark: Mark | str, at: datetime, *, event_id: int | None = None) -> Event:
        """A manual mark (`siv-watcher mark`); validated against `Mark`."""
        return cls(kind=Mark(mark).value, sent_at=at, subject=f"mark {Mark(mark).value}", event_id=event_id)

    @property
    def applies(self) -> bool:
        """Whether this event may change a case: never for phishing, `other` or unknown kinds."""
        return self.kind in APPLICABLE_KINDS and self.sender_check != SenderCheck.SUSPICIOUS.value


@dataclass(frozen=True)
class CaseView:
    """What the events of one case add up to; `state` is None until an event applies."""

    state: State | None = None
    deadline: date | None = None
    booking_url: str | None = None
    appointment: datetime | None = None
    meeting_url: str | None = None
    seller_token: str | None = None
    case_ids: tuple[str, ...] = ()
    last_event: Event | None = None
    booked_at: datetime | None = None
    invited_at: datetime | None = None


@dataclass(frozen=True)
class ReminderPlan:
    """A reminder to schedule. `anchor` is the value it is tied to (deadline, appointment or
    booking time, ISO) so the store can key it and a changed appointment gets new reminders.
    `expires_at`: after it the reminder means nothing ("book by tomorrow" once the deadline has
    passed, "your call starts in 1 hour" after the call), so it is not sent even if late."""

    purpose: str
    due_at: datetime
    anchor: str = ""
    expires_at: datetime | None = None


def _order_key(e: Event) -> tuple[datetime, bool, int]:
    return (e.sent_at, e.event_id is None, e.event_id or 0)


def is_later(a: Event, b: Event) -> bool:
    """Whether `a` comes after `b` in the case's history (sent order, then event id)."""
    return _order_key(a) > _order_key(b)


def fold(events: Iterable[Event]) -> CaseView:
    """Replay the events in sent order (ties: by event_id, unsaved last) into a CaseView.

    Callers should pass only case events (no `other`, no suspicious mail); such events,
    and unknown kinds, are skipped here too so a mistake upstream cannot move a case.
    """
    view = CaseView()
    for event in sorted((e for e in events if e.applies), key=_order_key):
        view = _apply(view, event)
    return view


def _apply(view: CaseView, e: Event) -> CaseView:
    view = _accumulate(view, e)
    state = view.state
    if e.kind in _VERDICTS:
        state = _VERDICTS[e.kind]
    elif e.kind in _APPEAL_OPENERS and state in (None, State.SIV_FAILED):
        state = State.APPEAL_OPEN
    elif e.kind == Mark.BOOKED.value:
        if state in _BEFORE_INVITATION:
            state = State.VIDEO_CALL_INVITED
        if state != State.VIDEO_CALL_INVITED:
            return view  # booked after the call was scheduled or decided: nothing to record
        return replace(view, state=state, booked_at=e.sent_at, last_event=e)
    return replace(view, state=state, last_event=e)


def _accumulate(view: CaseView, e: Event) -> CaseView:
    """Carry the fields that matter forward; the latest non-empty value wins."""
    case_ids = view.case_ids
    if e.case_id and e.case_id not in case_ids:
        case_ids = (*case_ids, e.case_id)
    view = replace(view, case_ids=case_ids, seller_token=e.seller_token or view.seller_token)
    if e.kind == Kind.VIDEO_CALL_INVITATION.value:
        view = replace(
            view,
            deadline=e.deadline or view.deadline,
            booking_url=e.booking_url or view.booking_url,
            invited_at=e.sent_at,
            booked_at=None,
        )
    elif e.kind == Kind.VIDEO_CALL_CONFIRMATION.value:
        view = replace(view, appointment=e.appointment or view.appointment,
                       meeting_url=e.meeting_url or view.meeting_url)
    return view


def reminders(view: CaseView, now: datetime, tz: ZoneInfo) -> list[ReminderPlan]:
    """The reminders the case wants from `now` on (see the module docstring for timing).

    Reminders already due are left out: when a case reaches a state, the event's own alert
    states the deadline or appointment, so a reminder whose time has passed is not planned.
    """
    return sorted((p for p in wanted_reminders(view, tz) if p.due_at > now), key=lambda p: p.due_at)


def wanted_reminders(view: CaseView, tz: ZoneInfo) -> list[ReminderPlan]:
    """Every reminder the case's current state calls for, due or not.

    This is what cancels reminders: the store drops any pending reminder of the case that is
    not in this list, and keeps one that is (even if it is overdue and being retried).
    """
    if view.state == State.VIDEO_CALL_INVITED:
        plans = _no_confirmation(view.booked_at, tz) if view.booked_at else _deadline(view.deadline, tz)
    elif view.state == State.VIDEO_CALL_SCHEDULED:
        plans = _appointment(view.appointment)
    else:
        plans = []
    return plans


def _deadline(deadline: date | None, tz: ZoneInfo) -> list[ReminderPlan]:
    if deadline is None:
        return []
    plans = [
        ReminderPlan(
            f"reminder:deadline-{days}d",
            datetime.combine(deadline - timedelta(days=days), DEADLINE_REMINDER_TIME, tzinfo=tz),
            deadline.isoformat(),
        )
        for days in DEADLINE_REMINDER_DAYS
    ]
    deadline_day = datetime.combine(deadline, time(0, 0), tzinfo=tz)  # "tomorrow" is wrong from here
    return _expiring_in_turn(plans, deadline_day)


def _expiring_in_turn(plans: list[ReminderPlan], last_expiry: datetime) -> list[ReminderPlan]:
    """Each reminder's text is true only until the next one is due ("7 days left" is wrong once
    "3 days left" is due): a late reminder past that point is not sent, the next one speaks."""
    plans = sorted(plans, key=lambda p: p.due_at)
    ends = [p.due_at for p in plans[1:]] + [last_expiry]
    return [replace(p, expires_at=end) for p, end in zip(plans, ends, strict=True)]


def _no_confirmation(booked_at: datetime, tz: ZoneInfo) -> list[ReminderPlan]:
    due_day = add_china_business_days(booked_at.astimezone(tz).date(), NO_CONFIRMATION_BUSINESS_DAYS)
    due = datetime.combine(due_day, NO_CONFIRMATION_TIME, tzinfo=tz)
    return [ReminderPlan("reminder:no-confirmation", due, booked_at.astimezone(UTC).isoformat())]


def _appointment(appointment: datetime | None) -> list[ReminderPlan]:
    if appointment is None:
        return []
    anchor = appointment.astimezone(UTC).isoformat()  # the same key whether read back from the DB or not
    plans = [
        ReminderPlan(f"reminder:appointment-{hours}h", appointment - timedelta(hours=hours), anchor)
        for hours in APPOINTMENT_REMINDER_HOURS
    ]
    return _expiring_in_turn(plans, appointment)


def add_china_business_days(start: date, days: int) -> date:
    """The `days`-th Chinese working day after `start`: weekends and public holidays skipped,
    official make-up working days (调休上班) on weekends counted, as `holidays` knows them.
    Imported here: ~40 ms, and only a booked case's confirmation deadline needs it, not every
    sync or `classify` that imports this module."""
    import holidays

    calendar = holidays.country_holidays("CN", years=range(start.year, start.year + 2))
    return calendar.get_nth_working_day(start, days)
