"""Scheduling: single and recurring sessions (across daylight saving time), who may schedule
for whom, conflicts, rescheduling and cancelling."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from supervision.assignments import assignment_save
from supervision.models import SessionParticipant, SessionStatus, SupervisionSession
from supervision.scheduling import (
    Plan,
    SessionConflict,
    session_cancel,
    session_reschedule,
    session_schedule,
)
from tests.conftest import Cast
from tests.factories import ProfileFactory
from workforce.models import Role

NOW = datetime(2026, 2, 20, 15, 0, tzinfo=UTC)
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _plan(cast: Cast, **changes: object) -> Plan:
    values = {
        "supervisor": cast.bob,
        "participants": (cast.alice,),
        "kind": "individual",
        "format": "video",
        "on": date(2026, 3, 2),
        "at": time(10, 0),
        "timezone": "America/New_York",
        "duration_minutes": 60,
        "link": "https://meet.example/bob",
    }
    return Plan(**{**values, **changes})


def test_a_weekly_series_keeps_its_wall_clock_time_across_daylight_saving(cast: Cast) -> None:
    """New York moves to summer time on 8 March 2026: 10:00 stays 10:00 locally, which is
    15:00 UTC before and 14:00 UTC after."""
    sessions = session_schedule(actor=cast.bob.user, plan=_plan(cast, every_weeks=1, count=4))
    local = [s.starts_at.astimezone(NEW_YORK) for s in sessions]
    assert [(t.month, t.day, t.hour, t.minute) for t in local] == [
        (3, 2, 10, 0),
        (3, 9, 10, 0),
        (3, 16, 10, 0),
        (3, 23, 10, 0),
    ]
    assert [s.starts_at.astimezone(UTC).hour for s in sessions] == [15, 14, 14, 14]
    assert len({s.series_id for s in sessions}) == 1
    assert SessionParticipant.objects.filter(person=cast.alice).count() == 4


def test_a_series_back_across_the_autumn_change(cast: Cast) -> None:
    """1 November 2026: 09:00 in New York is 13:00 UTC before and 14:00 UTC after."""
    plan = _plan(cast, on=date(2026, 10, 26), at=time(9, 0), every_weeks=1, count=2)
    first, second = session_schedule(actor=cast.mia.user, plan=plan)
    assert (first.starts_at.hour, second.starts_at.hour) == (13, 14)
    assert second.starts_at.astimezone(NEW_YORK).hour == 9


def test_a_time_that_does_not_exist_moves_forward_an_hour(cast: Cast) -> None:
    (session,) = session_schedule(
        actor=cast.bob.user, plan=_plan(cast, on=date(2026, 3, 8), at=time(2, 30))
    )
    assert session.starts_at.astimezone(NEW_YORK).hour == 3


@pytest.mark.parametrize("who", ["alice", "sid", "hana", "adam", "charlie"])
def test_only_supervisors_and_managers_schedule(cast: Cast, who: str) -> None:
    """Org admins read sessions; they don't schedule them."""
    actor = cast.by_name(who)
    with pytest.raises(ValidationError):
        session_schedule(actor=actor.user, plan=_plan(cast))
    assert not SupervisionSession.objects.exists()


def test_a_supervisor_schedules_only_their_own_sessions(cast: Cast) -> None:
    other = ProfileFactory(organization=cast.harbor, roles=[Role.SUPERVISOR])
    assignment_save(actor=cast.mia.user, supervisor=other, specialist=cast.sid)
    with pytest.raises(ValidationError) as error:
        session_schedule(
            actor=cast.bob.user, plan=_plan(cast, supervisor=other, participants=(cast.sid,))
        )
    assert "supervisor" in error.value.message_dict
    session_schedule(
        actor=cast.mia.user, plan=_plan(cast, supervisor=other, participants=(cast.sid,))
    )


def test_participants_must_be_the_supervisors_current_supervisees(cast: Cast) -> None:
    with pytest.raises(ValidationError) as error:
        session_schedule(actor=cast.bob.user, plan=_plan(cast, participants=(cast.sid,)))
    assert "participants" in error.value.message_dict
    with pytest.raises(ValidationError):  # another organization's person, even for a manager
        session_schedule(actor=cast.mia.user, plan=_plan(cast, participants=(cast.carol,)))
    assert not SupervisionSession.objects.exists()


def test_group_sessions_need_two_people(cast: Cast) -> None:
    assignment_save(actor=cast.mia.user, supervisor=cast.bob, specialist=cast.sid)
    with pytest.raises(ValidationError):
        session_schedule(actor=cast.bob.user, plan=_plan(cast, kind="group"))
    (group,) = session_schedule(
        actor=cast.bob.user, plan=_plan(cast, kind="group", participants=(cast.alice, cast.sid))
    )
    assert set(group.participants.all()) == {cast.alice, cast.sid}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"duration_minutes": 5}, "duration_minutes"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"format": "carrier pigeon"}, "format"),
        ({"format": "in_person", "location": " "}, "location"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"every_weeks": 2}, "count"),
        ({"every_weeks": 9, "count": 4}, "count"),
        ({"every_weeks": 1, "count": 53}, "count"),
    ],
)
def test_bad_plans_say_what_is_wrong_and_save_nothing(cast: Cast, changes, field) -> None:
    with pytest.raises(ValidationError) as error:
        session_schedule(actor=cast.bob.user, plan=_plan(cast, **changes))
    assert field in error.value.message_dict
    assert not SupervisionSession.objects.exists()


def test_overlaps_are_refused_unless_asked_for(cast: Cast) -> None:
    session_schedule(actor=cast.bob.user, plan=_plan(cast))
    overlapping = _plan(cast, on=date(2026, 3, 2), at=time(10, 30))
    with pytest.raises(ValidationError) as error:
        session_schedule(actor=cast.bob.user, plan=overlapping)
    assert isinstance(error.value, SessionConflict)
    assert error.value.message_dict["conflicts"] == [
        "Bob already has a session then: March 2, 2026, 10 a.m.",
        "Alice (she/her) already has a session then: March 2, 2026, 10 a.m.",
    ]
    session_schedule(actor=cast.bob.user, plan=overlapping, allow_conflicts=True)
    assert SupervisionSession.objects.count() == 2


def test_back_to_back_is_not_a_conflict(cast: Cast) -> None:
    session_schedule(actor=cast.bob.user, plan=_plan(cast))
    session_schedule(actor=cast.bob.user, plan=_plan(cast, on=date(2026, 3, 2), at=time(11, 0)))
    assert SupervisionSession.objects.count() == 2


def test_a_series_conflicts_on_any_of_its_dates_and_a_participants_calendar_counts(
    cast: Cast,
) -> None:
    other = ProfileFactory(organization=cast.harbor, roles=[Role.SUPERVISOR], chosen_name="Ona")
    assignment_save(actor=cast.mia.user, supervisor=other, specialist=cast.alice, kind="secondary")
    session_schedule(  # Alice with Ona, three weeks on
        actor=cast.mia.user,
        plan=_plan(cast, supervisor=other, on=date(2026, 3, 23), at=time(10, 15)),
    )
    with pytest.raises(ValidationError) as error:
        session_schedule(actor=cast.bob.user, plan=_plan(cast, every_weeks=1, count=4))
    assert error.value.message_dict["conflicts"] == [
        "Alice (she/her) already has a session then: March 23, 2026, 10:15 a.m."
    ]


def test_cancelled_sessions_dont_conflict(cast: Cast) -> None:
    (first,) = session_schedule(actor=cast.bob.user, plan=_plan(cast))
    session_cancel(actor=cast.bob.user, session=first, reason="Bob is unwell")
    session_schedule(actor=cast.bob.user, plan=_plan(cast))


def test_rescheduling_keeps_the_old_session_with_the_reason(cast: Cast) -> None:
    (first,) = session_schedule(actor=cast.bob.user, plan=_plan(cast))
    moved = session_reschedule(
        actor=cast.mia.user,
        session=first,
        on=date(2026, 3, 3),
        at=time(14, 0),
        timezone_name="America/Chicago",
        reason="Team training that morning",
    )
    first.refresh_from_db()
    assert (first.status, first.status_reason, first.rescheduled_to) == (
        SessionStatus.RESCHEDULED,
        "Team training that morning",
        moved,
    )
    assert first.sequence == 1
    assert moved.starts_at == datetime(2026, 3, 3, 20, 0, tzinfo=UTC)
    assert list(moved.participants.all()) == [cast.alice]
    with pytest.raises(ValidationError):  # only a scheduled session moves
        session_reschedule(
            actor=cast.bob.user,
            session=first,
            on=date(2026, 3, 4),
            at=time(9, 0),
            timezone_name="America/Chicago",
            reason="again",
        )


def test_rescheduling_and_cancelling_need_a_reason_and_the_right_person(cast: Cast) -> None:
    (first,) = session_schedule(actor=cast.bob.user, plan=_plan(cast))
    with pytest.raises(ValidationError) as error:
        session_cancel(actor=cast.bob.user, session=first, reason="  ")
    assert "reason" in error.value.message_dict
    for who in (cast.alice, cast.hana, cast.charlie):
        with pytest.raises(ValidationError):
            session_cancel(actor=who.user, session=first, reason="no")
    first.refresh_from_db()
    assert first.status == SessionStatus.SCHEDULED


def test_a_moved_session_is_checked_for_conflicts_but_not_against_itself(cast: Cast) -> None:
    (first,) = session_schedule(actor=cast.bob.user, plan=_plan(cast))
    (noon,) = session_schedule(actor=cast.bob.user, plan=_plan(cast, at=time(12, 0)))
    moved = session_reschedule(  # half an hour later overlaps only itself
        actor=cast.bob.user,
        session=first,
        on=date(2026, 3, 2),
        at=time(10, 30),
        timezone_name="America/New_York",
        reason="Running late",
    )
    with pytest.raises(ValidationError) as error:
        session_reschedule(
            actor=cast.bob.user,
            session=moved,
            on=date(2026, 3, 2),
            at=time(12, 30),
            timezone_name="America/New_York",
            reason="Clash",
        )
    assert isinstance(error.value, SessionConflict)
    assert noon.status == SessionStatus.SCHEDULED
