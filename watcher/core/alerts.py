"""Alert text per language (pure): what happened, what to do next, the fields that matter.

All user-facing words live in `texts/{zh,en}.toml` (beside this module) so a translator or the guide's
owner can fix wording without touching code. A wrong or missing next action can cost a
seller the account, so the next actions there follow the SIV appeal guide line by line.

Size: WeCom bots reject bodies over 2048 bytes, and Apprise prepends the title to the body
for services without titles (WeCom's `title_maxlen = 0`). So the *title plus CRLF plus
body* is kept within `MESSAGE_LIMIT` bytes of UTF-8: every line is capped, then the least
important lines are dropped (details before essentials), then the tail is cut at a line
boundary. Essential lines: the re-register warning, what happened, deadline, booking link,
appointment and the next action.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cache
from importlib.resources import files
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from watcher.core.cases import CaseView, Event, ReminderPlan, fold, is_later
from watcher.core.model import Kind, Mark, State

MESSAGE_LIMIT = 2048
TITLE_LIMIT = 200
LINE_LIMIT = 512
ESSENTIAL, USEFUL, DETAIL = 0, 1, 2

Line = tuple[int, str]

EVENT_NOTIFY_TYPES = {
    Kind.SIV_FAILED.value: "warning",
    Kind.VIDEO_CALL_INVITATION.value: "warning",
    Kind.VIDEO_CALL_CONFIRMATION.value: "info",
    Kind.SUPPORT_REPLY.value: "info",
    Kind.APPEAL_DENIED_RESTART.value: "failure",
    Kind.SIV_APPROVED.value: "success",
    Kind.SIV_UNCLEAR.value: "warning",
    Mark.APPEAL_SENT.value: "info",
    Mark.BOOKED.value: "info",
    Mark.VERIFIED.value: "success",
}
STATE_NOTIFY_TYPES: dict[State | None, str] = {  # None: no state yet
    State.SIV_FAILED: "warning",
    State.APPEAL_OPEN: "info",
    State.VIDEO_CALL_INVITED: "warning",
    State.VIDEO_CALL_SCHEDULED: "info",
    State.RESTART_ADVISED: "failure",
    State.VERIFIED: "success",
}
# Which fields each state's alert shows (case IDs are shown whenever known).
STATE_FIELDS: dict[State | None, tuple[str, ...]] = {
    State.VIDEO_CALL_INVITED: ("deadline", "booking_url", "seller_token"),
    State.VIDEO_CALL_SCHEDULED: ("appointment", "meeting_url", "seller_token"),
    State.SIV_FAILED: ("seller_token",),
    State.APPEAL_OPEN: ("seller_token",),
    State.VERIFIED: ("seller_token",),
}
_ESSENTIAL_FIELDS = {"deadline", "booking_url", "appointment", "meeting_url"}
_MARKS = {m.value for m in Mark}


@dataclass(frozen=True)
class AlertText:
    """One notification: `notify_type` is an Apprise type (info, success, warning, failure)."""

    title: str
    body: str
    notify_type: str


class _Mail(Protocol):
    kind: Any
    from_addr: str
    subject: str


def language_code(language: str | None) -> str:
    """'en', 'en-US', 'EN_gb' -> 'en'; anything else (zh, zh-CN, empty) -> 'zh', the default,
    so an odd config value still yields an alert rather than an exception."""
    return "en" if (language or "").strip().lower().startswith("en") else "zh"


def texts(language: str) -> dict[str, Any]:
    """The packaged text table for a language, read once per process."""
    return _load_texts(language_code(language))


@cache
def _load_texts(code: str) -> dict[str, Any]:
    resource = files("watcher.core") / "texts" / f"{code}.toml"
    return tomllib.loads(resource.read_text(encoding="utf-8"))


def compose_event(
    view: CaseView, event: Event, account: str, mailbox: str, language: str, tz: ZoneInfo,
    now: datetime | None = None,
) -> AlertText:
    """The alert for one event, given the case as it stands after it (`view`, all events).

    The alert speaks of its own mail: title, fields and next action follow what the mail says
    (an invitation always carries its link, deadline and token; a denial always opens with the
    re-register warning). When the case has moved past the mail (an older mail arriving late),
    one line says so and the case's current state and next action follow below the mail's own.
    `now` marks a deadline that has already passed.
    """
    t = texts(language)
    ev = t["events"].get(event.kind, t["events"]["generic"])
    own = fold([event])  # what this mail alone says
    moved_on = view.last_event is not None and is_later(view.last_event, event)
    states = {own.state, view.state}
    notify_type = EVENT_NOTIFY_TYPES.get(event.kind, STATE_NOTIFY_TYPES.get(own.state, "info"))
    if State.RESTART_ADVISED in states:
        notify_type = "failure"
    lines: list[Line] = [(ESSENTIAL, ev["happened"])]
    if event.subject and event.kind not in _MARKS:
        lines.append((DETAIL, t["common"]["subject"].format(subject=event.subject)))
    lines += [(ESSENTIAL, t["common"]["excerpt"].format(line=line)) for line in event.excerpt]
    if own.state is None or not moved_on:
        lines += _case_lines(_with_mail(view, own) if own.state else view, account, mailbox, t, tz, now)
    else:
        # the mail's own deadline is no alarm once the case has moved on (the call may be booked)
        lines += _case_lines(_with_case(own, view), account, mailbox, t, tz)
        lines.append((ESSENTIAL, t["common"]["moved_on"].format(state=_state_name(t, view.state))))
        lines += _case_lines(view, account, mailbox, t, tz, now, current=True)
    warn = State.RESTART_ADVISED if State.RESTART_ADVISED in states else own.state
    return _finish(t, warn, ev["headline"], account, lines, notify_type)


def _with_mail(view: CaseView, own: CaseView) -> CaseView:
    """The case as it stands, with this mail's own fields first (its link, its deadline)."""
    return replace(view, deadline=own.deadline or view.deadline,
                   booking_url=own.booking_url or view.booking_url,
                   appointment=own.appointment or view.appointment,
                   meeting_url=own.meeting_url or view.meeting_url,
                   seller_token=own.seller_token or view.seller_token)


def _with_case(own: CaseView, view: CaseView) -> CaseView:
    """The mail's own view, with what the case knows that the mail does not (token, case IDs)."""
    return replace(own, seller_token=own.seller_token or view.seller_token,
                   case_ids=own.case_ids or view.case_ids)


def compose_summary(view: CaseView, account: str, mailbox: str, language: str, tz: ZoneInfo) -> AlertText:
    """First-sync summary: one alert per case with its current state, instead of one per old mail."""
    t = texts(language)
    state_name = _state_name(t, view.state)
    lines: list[Line] = [(ESSENTIAL, t["summary"]["intro"].format(state=state_name))]
    last = view.last_event
    if last is not None:
        happened = t["events"].get(last.kind, t["events"]["generic"])["happened"]
        when = format_datetime(last.sent_at, tz, t)
        lines.append((USEFUL, t["summary"]["last_event"].format(happened=happened, sent_at=when)))
    lines += _case_lines(view, account, mailbox, t, tz)
    headline = t["summary"]["headline"].format(state=state_name)
    return _finish(t, view.state, headline, account, lines, STATE_NOTIFY_TYPES.get(view.state, "info"))


def compose_reminder(
    view: CaseView, plan: ReminderPlan, account: str, mailbox: str, language: str, tz: ZoneInfo
) -> AlertText:
    """A scheduled reminder: its own line, then the case's fields and next action."""
    t = texts(language)
    try:
        rem = t["reminders"][plan.purpose]
    except KeyError:
        raise ValueError(f"unknown reminder purpose {plan.purpose!r}") from None
    values = field_values(view, t, tz, account)
    lines: list[Line] = [(ESSENTIAL, rem["line"].format(**values))]
    lines += _case_lines(view, account, mailbox, t, tz)
    return _finish(t, view.state, rem["headline"], account, lines, "warning")


def compose_phishing(
    mail: _Mail, reasons: Sequence[str] | None, account: str, mailbox: str, language: str
) -> AlertText:
    """Possible phishing: never touches a case; tells the seller not to click or log in.

    `mail` is the `Classification` (or an `Event` with `from_addr`) of the suspicious mail;
    `reasons` default to the classification's own reasons.
    """
    t = texts(language)
    kind = str(getattr(mail.kind, "value", mail.kind))
    values = {
        "kind": t["kinds"].get(kind, kind),
        "from_addr": mail.from_addr or t["common"]["unknown"],
        "subject": mail.subject or t["common"]["unknown"],
    }
    lines: list[Line] = [(ESSENTIAL, line.format(**values)) for line in t["phishing"]["lines"]]
    shown: Sequence[str] = reasons if reasons else tuple(getattr(mail, "reasons", ()))
    lines += [(USEFUL, t["phishing"]["reason"].format(reason=localize_reason(r, t))) for r in shown]
    lines.append((USEFUL, t["common"]["account"].format(account=account, mailbox=mailbox)))
    return _finish(t, None, t["phishing"]["headline"], account, lines, "failure")


def localize_reason(reason: str, t: dict[str, Any]) -> str:
    """The sender check states its evidence in English (CLI, logs); the alert says it in the
    seller's language, by the patterns in the text table. Unknown wording passes unchanged."""
    for rule in t.get("reason_patterns", ()):
        m = re.fullmatch(rule["match"], reason)
        if m:
            parts = {k: localize_reason(v, t) if k == "nested" else v for k, v in m.groupdict().items()}
            say: str = rule["say"]
            return say.format(**parts)
    return reason


def _case_lines(
    view: CaseView, account: str, mailbox: str, t: dict[str, Any], tz: ZoneInfo,
    now: datetime | None = None, *, current: bool = False,
) -> list[Line]:
    """Account, the state's fields and its next action, each with its keep-priority.
    `current`: the case's lines below an older mail's own (the account line is not repeated)."""
    common = t["common"]
    values = field_values(view, t, tz, account)
    lines: list[Line] = []
    if not current:
        lines.append((USEFUL, common["account"].format(account=account, mailbox=mailbox)))
    for name in STATE_FIELDS.get(view.state, ()):
        if getattr(view, name):
            priority = ESSENTIAL if name in _ESSENTIAL_FIELDS else USEFUL
            lines.append((priority, common[name].format(**values)))
    if view.state == State.VIDEO_CALL_INVITED and view.deadline and now is not None \
            and view.deadline < now.astimezone(tz).date():
        lines.append((ESSENTIAL, common["deadline_passed"].format(**values)))
    if view.case_ids and view.state != State.APPEAL_OPEN:  # appeal_open's next action lists them
        lines.append((USEFUL, common["case_ids"].format(**values)))
    actions = _next_action_lines(view, t, values)
    if actions:
        lines.append((ESSENTIAL, common["next_action"]))
        lines += [(ESSENTIAL, line) for line in actions]
    return lines


def next_action(view: CaseView, language: str, tz: ZoneInfo, account: str = "<account>") -> list[str]:
    """The state's next action as lines, for `cases` and `case` (the same words the alert uses)."""
    t = texts(language)
    return _next_action_lines(view, t, field_values(view, t, tz, account))


def _next_action_lines(view: CaseView, t: dict[str, Any], values: dict[str, str]) -> list[str]:
    actions = t["next_actions"].get(str(view.state), []) if view.state else []
    return [line.format(**values) for line in actions]


def _finish(
    t: dict[str, Any], state: State | None, headline: str, account: str, lines: list[Line], notify_type: str
) -> AlertText:
    """Title (with the re-register warning when restart is advised) and a body that fits."""
    common = t["common"]
    if state == State.RESTART_ADVISED:
        lines = [(ESSENTIAL, common["restart_warning"]), *lines]
        if headline != t["events"][Kind.APPEAL_DENIED_RESTART.value]["headline"]:
            headline = common["restart_title"].format(headline=headline)
    title = cut_bytes(common["title"].format(account=account, headline=headline), TITLE_LIMIT)
    budget = MESSAGE_LIMIT - len(title.encode()) - 2
    return AlertText(title=title, body=fit_lines(lines, budget, common["truncated"]), notify_type=notify_type)


def field_values(
    view: CaseView, t: dict[str, Any], tz: ZoneInfo, account: str = "<account>"
) -> dict[str, str]:
    """The placeholder values of a case, with the language's 'unknown' for what is missing.

    `account` also names the case in the `siv-watcher mark {account} ...` hints: the seller
    knows their registration address, not our row id, and `mark` accepts either.
    """
    unknown = t["common"]["unknown"]
    return {
        "account": account,
        "deadline": format_date(view.deadline, t) if view.deadline else unknown,
        "booking_url": view.booking_url or unknown,
        "meeting_url": view.meeting_url or unknown,
        "seller_token": view.seller_token or unknown,
        "appointment": format_datetime(view.appointment, tz, t) if view.appointment else unknown,
        "case_ids": ", ".join(view.case_ids) or unknown,
        "state": _state_name(t, view.state),
    }


def _state_name(t: dict[str, Any], state: State | None) -> str:
    unknown: str = t["common"]["unknown"]
    name: str = t["states"].get(str(state), unknown) if state else unknown
    return name


def format_date(day: date, t: dict[str, Any]) -> str:
    """ISO date plus weekday: unambiguous in both languages."""
    return f"{day.isoformat()} {t['common']['weekdays'][day.weekday()]}"


def format_datetime(moment: datetime, tz: ZoneInfo, t: dict[str, Any]) -> str:
    """Local date, weekday, time and the zone's name, so nobody converts time zones by hand."""
    local = moment.astimezone(tz)
    template: str = t["common"]["datetime"]
    return template.format(
        date=local.date().isoformat(),
        weekday=t["common"]["weekdays"][local.weekday()],
        time=local.strftime("%H:%M"),
        tz=tz.key,
    )


def cut_bytes(text: str, limit: int, ellipsis: str = "…") -> str:
    """`text` within `limit` bytes of UTF-8, cut on a character boundary."""
    raw = text.encode()
    if len(raw) <= limit:
        return text
    room = limit - len(ellipsis.encode())
    return raw[:room].decode("utf-8", errors="ignore") + ellipsis


def fit_lines(lines: Sequence[Line], limit: int, marker: str, line_limit: int = LINE_LIMIT) -> str:
    """Join `(priority, text)` lines within `limit` bytes, keeping the order.

    Each line is capped at `line_limit` bytes (a huge field must not push the next action
    out); if still too long, the least important lines go first (DETAIL, then USEFUL, from
    the end), and as a last resort the tail is cut at a line boundary. A marker line says so.
    """
    kept = [(p, cut_bytes(text, line_limit)) for p, text in lines]

    def size(items: Sequence[Line], extra: str = "") -> int:
        return len("\n".join([*(text for _, text in items), *([extra] if extra else [])]).encode())

    if size(kept) <= limit:
        return "\n".join(text for _, text in kept)
    for priority in (DETAIL, USEFUL):
        for index in range(len(kept) - 1, -1, -1):
            if size(kept, marker) <= limit:
                break
            if kept[index][0] == priority:
                del kept[index]
    while kept and size(kept, marker) > limit:
        kept.pop()
    return "\n".join([*(text for _, text in kept), marker]) if kept else cut_bytes(marker, limit)
