"""Supervision reminders through the real engine (tasks run in-process here): 24 hours
before a session, to everyone in it; the prompt to sign once a session is logged and a nudge
3 days later; the managers' Monday note about overdue supervision. Each exactly once, none
with notes, none to a specialist about being overdue."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail

from notifications.models import Delivery, Notification
from notifications.services import dispatch_run
from supervision.assignments import assignment_save
from supervision.logs import facts_digest, session_log, session_sign
from supervision.models import SupervisorAssignment
from supervision.reminders import OVERDUE, SIGN, SOON
from supervision.scheduling import Plan, session_cancel, session_reschedule, session_schedule
from tests.conftest import Cast

SCHEDULED = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
START = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)  # 10:00 in Chicago, 11:00 in New York
NOTES = "Private: the hard call."


@pytest.fixture(autouse=True)
def _supervised_since_january(cast: Cast) -> None:
    SupervisorAssignment.objects.update(starts_on=date(2026, 1, 1))


def _run_at(when: datetime, times: int = 1) -> None:
    with time_machine.travel(when, tick=False):
        for _ in range(times):
            dispatch_run()


def _ledger(kind: str) -> list[tuple[str, datetime]]:
    return sorted(
        (d.recipient.email, d.due_slot)
        for d in Delivery.objects.filter(kind=kind).select_related("recipient")
    )


def _session(cast: Cast, on: date = date(2026, 3, 10)):
    with time_machine.travel(SCHEDULED, tick=False):
        (session,) = session_schedule(
            actor=cast.bob.user,
            plan=Plan(
                supervisor=cast.bob,
                participants=(cast.alice,),
                kind="individual",
                format="video",
                on=on,
                at=time(10, 0),
                timezone="America/Chicago",
                duration_minutes=60,
            ),
        )
    return session


def test_everyone_in_a_session_hears_24_hours_before_and_only_once(cast: Cast) -> None:
    session = _session(cast)
    _run_at(START - timedelta(hours=25))
    assert _ledger(SOON) == []
    _run_at(START - timedelta(hours=23), times=3)
    slot = START - timedelta(hours=24)
    assert _ledger(SOON) == [("alice@harbor.example", slot), ("bob@harbor.example", slot)]
    (alice_mail,) = [m for m in mail.outbox if m.to == ["alice@harbor.example"]]
    assert alice_mail.subject == "Supervision coming up"
    assert "Tuesday 10 March, 11:00 AM" in alice_mail.body  # her New York time
    assert f"/supervision/sessions/{session.pk}/" in alice_mail.body
    assert Notification.objects.filter(recipient=cast.alice.user).count() == 1


def test_a_session_scheduled_at_short_notice_is_reminded_at_once(cast: Cast) -> None:
    _session(cast, on=date(2026, 3, 2))  # today, 10:00 Chicago = 16:00 UTC
    _run_at(SCHEDULED + timedelta(minutes=1))
    assert len(_ledger(SOON)) == 2


def test_cancelled_sessions_are_not_reminded_and_moved_ones_are_reminded_anew(cast: Cast) -> None:
    cancelled = _session(cast, on=date(2026, 3, 10))
    with time_machine.travel(SCHEDULED, tick=False):
        session_cancel(actor=cast.bob.user, session=cancelled, reason="Training day")
        moved = session_reschedule(
            actor=cast.bob.user,
            session=_session(cast, on=date(2026, 3, 11)),
            on=date(2026, 3, 12),
            at=time(9, 0),
            timezone_name="America/Chicago",
            reason="Clash",
        )
    _run_at(START - timedelta(hours=1))
    _run_at(moved.starts_at - timedelta(hours=2))
    slots = {slot for _email, slot in _ledger(SOON)}
    assert slots == {moved.starts_at - timedelta(hours=24)}


def test_logging_prompts_the_participant_to_sign_then_nudges_once(cast: Cast) -> None:
    session = _session(cast)
    logged_at = START + timedelta(hours=2)
    with time_machine.travel(logged_at, tick=False):
        session_log(
            actor=cast.bob.user,
            session=session,
            held=True,
            held_at=START,
            held_minutes=55,
            topics=["boundaries"],
            notes=NOTES,
        )
    _run_at(logged_at + timedelta(minutes=1), times=2)
    assert _ledger(SIGN) == [("alice@harbor.example", logged_at)]
    (prompt,) = [m for m in mail.outbox if m.subject == "Please sign your supervision session"]
    assert f"/supervision/sessions/{session.pk}/#sign" in prompt.body
    assert NOTES not in prompt.body
    _run_at(logged_at + timedelta(days=3, minutes=1), times=2)
    nudge = logged_at + timedelta(days=3)
    assert _ledger(SIGN) == [
        ("alice@harbor.example", logged_at),
        ("alice@harbor.example", nudge),
        ("bob@harbor.example", nudge),
    ]


def test_no_nudge_once_signed(cast: Cast) -> None:
    session = _session(cast)
    logged_at = START + timedelta(hours=2)
    with time_machine.travel(logged_at, tick=False):
        session = session_log(
            actor=cast.bob.user,
            session=session,
            held=True,
            held_at=START,
            held_minutes=55,
            topics=["boundaries"],
        )
        for person in (cast.bob, cast.alice):
            session_sign(actor=person.user, session=session, digest=facts_digest(session))
    _run_at(logged_at + timedelta(minutes=1))
    _run_at(logged_at + timedelta(days=3, minutes=1))
    assert _ledger(SIGN) == []


def test_managers_hear_on_monday_how_many_are_overdue_and_specialists_never(
    cast: Cast,
) -> None:
    with time_machine.travel(SCHEDULED, tick=False):
        assignment_save(
            actor=cast.mia.user,
            supervisor=cast.bob,
            specialist=cast.sid,
            starts_on=date(2026, 1, 5),
        )
    monday = datetime(2026, 3, 16, 13, 0, tzinfo=UTC)  # 09:00 New York (summer time)
    _run_at(monday - timedelta(hours=1))
    assert _ledger(OVERDUE) == []
    _run_at(monday + timedelta(minutes=1), times=2)
    assert _ledger(OVERDUE) == [("mia@harbor.example", monday)]
    (note,) = [m for m in mail.outbox if m.to == ["mia@harbor.example"]]
    assert "2 people have had no supervision within their cadence" in note.body
    assert "/supervision/compliance/?overdue=1" in note.body
    assert "Alice" not in note.body and "Sid" not in note.body
    assert not [
        m for m in mail.outbox if m.to in (["alice@harbor.example"], ["sid@harbor.example"])
    ]
    _run_at(monday + timedelta(days=1))
    assert len(_ledger(OVERDUE)) == 1


@pytest.mark.parametrize("kind", [SOON, SIGN, OVERDUE])
def test_each_kind_is_registered(kind: str) -> None:
    from notifications import registry

    assert registry.get(kind).name == kind


def test_saving_the_notes_again_doesnt_ask_anyone_to_sign_twice(cast: Cast) -> None:
    session = _session(cast)
    logged_at = START + timedelta(hours=2)
    values = {"held": True, "held_at": START, "held_minutes": 55, "topics": ["boundaries"]}
    with time_machine.travel(logged_at, tick=False):
        session = session_log(actor=cast.bob.user, session=session, **values)
    _run_at(logged_at + timedelta(minutes=1))
    with time_machine.travel(logged_at + timedelta(hours=1), tick=False):
        session = session_log(actor=cast.bob.user, session=session, notes="More.", **values)
    assert session.logged_at == logged_at
    _run_at(logged_at + timedelta(hours=1, minutes=1))
    assert _ledger(SIGN) == [("alice@harbor.example", logged_at)]
    with time_machine.travel(logged_at + timedelta(hours=2), tick=False):
        session_log(actor=cast.bob.user, session=session, **{**values, "held_minutes": 50})
    _run_at(logged_at + timedelta(hours=2, minutes=1))
    assert len(_ledger(SIGN)) == 2  # new facts to sign: asked again
