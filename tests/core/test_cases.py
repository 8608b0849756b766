"""Case state from events (in any arrival order) and the reminders each state wants."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from watcher.core.cases import Event, ReminderPlan, add_china_business_days, fold, reminders, wanted_reminders
from watcher.core.model import Classification, Kind, Mark, SenderCheck, State

TZ = ZoneInfo("Asia/Shanghai")


def at(day: int, hour: int = 0, month: int = 9) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def ev(kind: str, when: datetime, **fields) -> Event:
    fields.setdefault("sender_check", None if kind in {m.value for m in Mark} else "verified")
    return Event(kind=kind, sent_at=when, **fields)


FAILED = ev("siv_failed", at(1), case_id="111")
REPLY = ev("support_reply", at(3), case_id="222")
INVITE = ev(
    "video_call_invitation",
    at(5),
    seller_token="A1QX7RZP0M4KDE",
    booking_url="https://amazonxten.qualtrics.com/jfe/form/SV_1",
    deadline=date(2026, 9, 19),
)
CONFIRM = ev("video_call_confirmation", at(8), appointment=datetime(2026, 9, 25, 7, tzinfo=UTC))
APPROVED = ev("siv_approved", at(30))


@pytest.mark.parametrize(
    ("events", "state"),
    [
        ([], None),
        ([FAILED], State.SIV_FAILED),
        ([FAILED, REPLY], State.APPEAL_OPEN),
        ([FAILED, ev("appeal-sent", at(2))], State.APPEAL_OPEN),
        ([FAILED, REPLY, INVITE], State.VIDEO_CALL_INVITED),
        ([FAILED, INVITE], State.VIDEO_CALL_INVITED),
        ([FAILED, REPLY, INVITE, CONFIRM], State.VIDEO_CALL_SCHEDULED),
        ([FAILED, REPLY, INVITE, CONFIRM, APPROVED], State.VERIFIED),
        ([FAILED, ev("verified", at(2))], State.VERIFIED),
        ([FAILED, REPLY, ev("appeal_denied_restart", at(4))], State.RESTART_ADVISED),
        ([INVITE, CONFIRM, ev("appeal_denied_restart", at(20))], State.RESTART_ADVISED),
        # a generic support reply never moves a case backwards
        ([FAILED, INVITE, ev("support_reply", at(6))], State.VIDEO_CALL_INVITED),
        ([INVITE, CONFIRM, ev("support_reply", at(9))], State.VIDEO_CALL_SCHEDULED),
        ([ev("appeal_denied_restart", at(2)), ev("support_reply", at(3))], State.RESTART_ADVISED),
        ([APPROVED, ev("appeal-sent", at(30, 5))], State.VERIFIED),
        # a later verdict wins: the video call itself failed
        ([INVITE, CONFIRM, ev("siv_failed", at(26))], State.SIV_FAILED),
    ],
)
def test_state_machine(events, state):
    assert fold(events).state == state


def test_out_of_order_arrival_gives_sent_order_state():
    assert fold([APPROVED, CONFIRM, FAILED, INVITE, REPLY]).state == State.VERIFIED
    assert fold([CONFIRM, INVITE, FAILED]).state == State.VIDEO_CALL_SCHEDULED
    # the failure mail arriving last (found in the junk folder) does not undo the invitation
    assert fold([INVITE, FAILED]).state == State.VIDEO_CALL_INVITED


@given(st.permutations([FAILED, REPLY, INVITE, CONFIRM, ev("support_reply", at(9), case_id="333")]))
def test_fold_is_independent_of_arrival_order(events):
    view = fold(events)
    assert view.state == State.VIDEO_CALL_SCHEDULED
    assert view.case_ids == ("111", "222", "333")
    assert view.last_event.sent_at == at(9)


def test_ties_are_ordered_by_event_id():
    restart = ev("appeal_denied_restart", at(4), event_id=2)
    approved = ev("siv_approved", at(4), event_id=7)
    assert fold([approved, restart]).state == State.VERIFIED
    assert fold([replace(approved, event_id=1), restart]).state == State.RESTART_ADVISED


def test_suspicious_other_and_unknown_events_are_never_applied():
    phish = ev("appeal_denied_restart", at(9), sender_check="suspicious", case_id="999")
    other = ev("other", at(10), case_id="888")
    unknown = ev("whatever", at(11))
    view = fold([FAILED, INVITE, phish, other, unknown])
    assert view.state == State.VIDEO_CALL_INVITED
    assert view.case_ids == ("111",)
    assert view.last_event == INVITE
    assert fold([phish]).state is None


def test_unverified_sender_still_applies():
    assert fold([ev("siv_failed", at(1), sender_check="unverified")]).state == State.SIV_FAILED


def test_fields_accumulate():
    reinvite = ev(
        "video_call_invitation", at(7), booking_url="https://amazonxten.qualtrics.com/jfe/form/SV_2"
    )
    view = fold([FAILED, REPLY, INVITE, reinvite])
    assert view.booking_url.endswith("SV_2")
    assert view.deadline == date(2026, 9, 19)  # kept: the re-invitation had none
    assert view.seller_token == "A1QX7RZP0M4KDE"
    assert view.case_ids == ("111", "222")
    later = ev("video_call_confirmation", at(9), appointment=datetime(2026, 9, 28, 2, tzinfo=UTC))
    assert fold([INVITE, CONFIRM, later]).appointment == datetime(2026, 9, 28, 2, tzinfo=UTC)


def test_booked_mark_records_booked_at_and_keeps_invited():
    booked = ev("booked", at(6))
    view = fold([FAILED, INVITE, booked])
    assert view.state == State.VIDEO_CALL_INVITED
    assert view.booked_at == at(6)
    # a new invitation asks for a new booking
    assert fold([INVITE, booked, ev("video_call_invitation", at(7))]).booked_at is None
    # booked before any invitation was seen: the seller got one we missed
    assert fold([FAILED, booked]).state == State.VIDEO_CALL_INVITED
    # booked after the call is scheduled changes nothing
    scheduled = fold([INVITE, CONFIRM, ev("booked", at(9))])
    assert scheduled.state == State.VIDEO_CALL_SCHEDULED and scheduled.booked_at is None


def test_event_from_classification():
    c = Classification(
        kind=Kind.VIDEO_CALL_INVITATION,
        sender_check=SenderCheck.VERIFIED,
        seller_token="A338EZF90LH13C",
        deadline=date(2026, 9, 19),
        subject="Video call",
        from_addr="seller-verification@amazon.com",
        sent_at=at(5),
    )
    e = Event.from_classification(c, event_id=4)
    assert (e.kind, e.sender_check, e.event_id, e.seller_token) == (
        "video_call_invitation",
        "verified",
        4,
        "A338EZF90LH13C",
    )
    assert fold([e]).state == State.VIDEO_CALL_INVITED
    undated = Classification(kind=Kind.SIV_FAILED, sender_check=SenderCheck.VERIFIED)
    with pytest.raises(ValueError):
        Event.from_classification(undated)
    assert Event.from_classification(undated, sent_at=at(2)).sent_at == at(2)


def test_event_requires_aware_time_and_valid_mark():
    with pytest.raises(ValueError):
        Event(kind="siv_failed", sent_at=datetime(2026, 9, 1))
    with pytest.raises(ValueError):
        Event.mark("bogus", at(1))
    assert Event.mark(Mark.BOOKED, at(1)).kind == "booked"


# --- reminders -------------------------------------------------------------------------


def local(y: int, m: int, d: int, h: int = 0, minute: int = 0) -> datetime:
    return datetime(y, m, d, h, minute, tzinfo=TZ)


def plans(view, now) -> dict[str, datetime]:
    return {p.purpose: p.due_at for p in reminders(view, now, TZ)}


def test_deadline_reminders_at_nine_local_7_3_1_days_before():
    view = fold([FAILED, INVITE])  # deadline 2026-09-19
    assert plans(view, at(5)) == {
        "reminder:deadline-7d": local(2026, 9, 12, 9),
        "reminder:deadline-3d": local(2026, 9, 16, 9),
        "reminder:deadline-1d": local(2026, 9, 18, 9),
    }
    assert all(p.anchor == "2026-09-19" for p in reminders(view, at(5), TZ))


def test_past_reminders_are_dropped():
    view = fold([FAILED, INVITE])
    assert list(plans(view, local(2026, 9, 16, 9))) == ["reminder:deadline-1d"]
    assert plans(view, local(2026, 9, 18, 9, 1)) == {}


def test_reminders_cancelled_when_state_moves_on():
    assert reminders(fold([INVITE, CONFIRM, APPROVED]), at(9), TZ) == []
    assert reminders(fold([INVITE, ev("appeal_denied_restart", at(6))]), at(6), TZ) == []
    scheduled = plans(fold([INVITE, CONFIRM]), at(8))
    assert not any(purpose.startswith("reminder:deadline") for purpose in scheduled)


def test_booked_without_confirmation_reminds_after_two_business_days():
    view = fold([INVITE, ev("booked", local(2026, 9, 8, 20))])  # Tuesday evening
    assert plans(view, local(2026, 9, 8, 20)) == {"reminder:no-confirmation": local(2026, 9, 10, 18)}
    assert reminders(fold([INVITE, ev("booked", at(8)), CONFIRM]), at(8), TZ)[0].purpose.startswith(
        "reminder:appointment"
    )


def test_no_confirmation_skips_national_day_holiday():
    view = fold([INVITE, ev("booked", local(2026, 9, 30, 10))])
    (plan,) = reminders(view, local(2026, 9, 30, 10), TZ)
    assert plan == ReminderPlan("reminder:no-confirmation", local(2026, 10, 9, 18), plan.anchor)


def test_business_days_count_official_weekend_make_up_days():
    # Sunday 2026-09-20 is an official working day (调休) before National Day
    assert add_china_business_days(date(2026, 9, 18), 2) == date(2026, 9, 21)
    assert add_china_business_days(date(2026, 12, 31), 2) == date(2027, 1, 5)


def test_appointment_reminders_24h_and_1h_before():
    view = fold([INVITE, CONFIRM])  # 2026-09-25 07:00 UTC = 15:00 Shanghai
    assert plans(view, at(8)) == {
        "reminder:appointment-24h": local(2026, 9, 24, 15),
        "reminder:appointment-1h": local(2026, 9, 25, 14),
    }
    assert list(plans(view, local(2026, 9, 24, 16))) == ["reminder:appointment-1h"]


def test_changed_appointment_gets_new_anchor():
    moved = ev("video_call_confirmation", at(9), appointment=CONFIRM.appointment + timedelta(days=2))
    before = {p.anchor for p in reminders(fold([INVITE, CONFIRM]), at(8), TZ)}
    after = {p.anchor for p in reminders(fold([INVITE, CONFIRM, moved]), at(9), TZ)}
    assert before.isdisjoint(after) and len(after) == 1


def test_each_reminder_expires_when_the_next_is_due_and_wanted_ones_include_due():
    tz = ZoneInfo("Asia/Shanghai")
    invited = fold([Event("video_call_invitation", datetime(2026, 10, 20, 3, tzinfo=UTC),
                          deadline=date(2026, 11, 3))])
    plans = {p.purpose: p for p in wanted_reminders(invited, tz)}
    assert plans["reminder:deadline-7d"].expires_at == plans["reminder:deadline-3d"].due_at
    assert plans["reminder:deadline-3d"].expires_at == plans["reminder:deadline-1d"].due_at
    assert plans["reminder:deadline-1d"].expires_at == datetime(2026, 11, 3, 0, 0, tzinfo=tz)
    late = datetime(2026, 11, 2, 12, tzinfo=UTC)
    assert {p.purpose for p in reminders(invited, late, tz)} == set()            # all due by then
    assert set(plans) == {"reminder:deadline-7d", "reminder:deadline-3d", "reminder:deadline-1d"}
    call = datetime(2026, 10, 29, 10, tzinfo=tz)
    scheduled = fold([Event("video_call_confirmation", datetime(2026, 10, 26, tzinfo=UTC), appointment=call)])
    by_purpose = {p.purpose: p for p in wanted_reminders(scheduled, tz)}
    assert by_purpose["reminder:appointment-24h"].expires_at == by_purpose["reminder:appointment-1h"].due_at
    assert by_purpose["reminder:appointment-1h"].expires_at == call
    same_instant = fold([Event("video_call_confirmation", datetime(2026, 10, 26, tzinfo=UTC),
                               appointment=call.astimezone(UTC))])
    assert [p.anchor for p in wanted_reminders(same_instant, tz)] == [p.anchor for p in by_purpose.values()]
