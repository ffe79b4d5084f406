"""Meetings: cancelling and moving, and the facilitator's log (numbers only, once)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from groups.meetings import MeetingLogInput, meeting_cancel, meeting_log, meeting_move
from groups.models import Facilitation, LiaisonNote, Meeting, MeetingStatus
from supervision.models import TopicRequest
from tests.conftest import Cast

FIRST = datetime(2027, 1, 8, 0, 30, tzinfo=UTC)  # Thursday 7 January, 18:30 in Chicago
AFTER = "2027-01-08T03:00:00Z"  # that evening, after the meeting


def _first(group) -> Meeting:
    return Meeting.objects.get(group=group, starts_at=FIRST)


def _log(cast: Cast, group, **values) -> Meeting:
    data = {"held": True, "attended": 9, "newcomers": 2, "agreement_read": True, **values}
    return meeting_log(actor=cast.alice.user, meeting=_first(group), data=MeetingLogInput(**data))


def test_a_log_keeps_numbers_and_never_names(cast: Cast, group, time_machine) -> None:
    time_machine.move_to(AFTER, tick=False)
    meeting = _log(cast, group, format_note="Met in the garden")
    meeting.refresh_from_db()
    assert (meeting.status, meeting.attended, meeting.newcomers) == ("held", 9, 2)
    assert meeting.held_minutes == 90 and meeting.agreement_read
    assert meeting.logged_by == cast.alice
    # The table has no place for a member: only counts.
    columns = {f.name for f in Meeting._meta.get_fields()}
    assert not columns & {"members", "attendees", "participants", "names"}
    (row,) = Facilitation.objects.filter(meeting=meeting)
    assert (row.person, row.minutes, row.held_at) == (cast.alice, 90, FIRST)


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"attended": -1}, "attended"),
        ({"attended": 10_000}, "attended"),
        ({"attended": None}, "attended"),
        ({"attended": 3, "newcomers": 4}, "newcomers"),
        ({"newcomers": -2}, "newcomers"),
        ({"held_minutes": 2}, "held_minutes"),
        ({"agreement_read": None}, "agreement_read"),
        ({"format_note": "x" * 301}, "format_note"),
        ({"held": False, "reason": "  "}, "reason"),
    ],
)
def test_it_refuses_a_log_that_cant_be_right_and_saves_nothing(
    cast: Cast, group, time_machine, values: dict, field: str
) -> None:
    time_machine.move_to(AFTER, tick=False)
    with pytest.raises(ValidationError) as error:
        _log(cast, group, liaison_note="Someone felt unsafe.", talk_through="Hard one.", **values)
    assert field in error.value.error_dict
    meeting = _first(group)
    assert meeting.logged_at is None and meeting.status == MeetingStatus.SCHEDULED
    assert not Facilitation.objects.exists()
    assert not LiaisonNote.objects.exists()
    assert not TopicRequest.objects.exists()


def test_a_meeting_is_logged_once(cast: Cast, group, time_machine) -> None:
    time_machine.move_to(AFTER, tick=False)
    _log(cast, group)
    with pytest.raises(ValidationError) as error:
        _log(cast, group, attended=12)
    assert error.value.code == "already_logged"
    assert _first(group).attended == 9
    assert Facilitation.objects.count() == 1


def test_the_database_refuses_impossible_counts_too(cast: Cast, group) -> None:
    from django.db import IntegrityError, transaction

    for values in ({"attended": 3, "newcomers": 4}, {"attended": 301}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Meeting.objects.filter(pk=_first(group).pk).update(**values)


def test_a_meeting_is_logged_after_it_starts(cast: Cast, group) -> None:
    with pytest.raises(ValidationError) as error:
        _log(cast, group)
    assert "held" in error.value.error_dict


def test_only_the_groups_facilitators_log(cast: Cast, group, time_machine) -> None:
    time_machine.move_to(AFTER, tick=False)
    for person in (cast.mia, cast.sid, cast.bob, cast.adam, cast.carol):
        with pytest.raises(ValidationError) as error:
            meeting_log(
                actor=person.user,
                meeting=_first(group),
                data=MeetingLogInput(held=True, attended=4, agreement_read=True),
            )
        assert error.value.code == "not_allowed"


def test_facilitated_by_must_be_the_groups_facilitators(cast: Cast, group, time_machine) -> None:
    time_machine.move_to(AFTER, tick=False)
    with pytest.raises(ValidationError) as error:
        _log(cast, group, facilitated_by=(cast.sid,))
    assert "facilitated_by" in error.value.error_dict
    assert _first(group).logged_at is None


def test_a_meeting_that_didnt_happen_is_logged_with_a_reason(cast: Cast, group, time_machine):
    time_machine.move_to(AFTER, tick=False)
    meeting = meeting_log(
        actor=cast.alice.user,
        meeting=_first(group),
        data=MeetingLogInput(held=False, reason="The library closed early"),
    )
    assert meeting.status == MeetingStatus.CANCELLED and meeting.sequence == 1
    assert not Facilitation.objects.exists()


def test_tell_the_liaison_and_talk_it_through_go_to_their_own_places(
    cast: Cast, group, time_machine
) -> None:
    time_machine.move_to(AFTER, tick=False)
    _log(
        cast,
        group,
        crisis_handled=True,
        liaison_note="A member said they felt watched on the way in.",
        talk_through="I froze when it got heated.",
    )
    (note,) = LiaisonNote.objects.all()
    assert note.group == group and note.written_by == cast.alice
    (topic,) = TopicRequest.objects.all()
    assert topic.person == cast.alice and topic.source == "group_meeting"
    # Both are encrypted at rest.
    with connection.cursor() as cursor:
        cursor.execute("SELECT text FROM groups_liaisonnote")
        assert "watched" not in cursor.fetchone()[0]
        cursor.execute("SELECT text FROM supervision_topicrequest")
        assert "froze" not in cursor.fetchone()[0]


def test_cancel_and_move_change_the_calendar(cast: Cast, group, time_machine) -> None:
    first, second = Meeting.objects.filter(group=group).order_by("starts_at")[:2]
    cancelled = meeting_cancel(actor=cast.alice.user, meeting=first, reason="Holiday")
    assert (cancelled.status, cancelled.sequence) == ("cancelled", 1)
    new = meeting_move(
        actor=cast.mia.user, meeting=second, on=date(2027, 1, 15), at=time(17, 0), reason="Room"
    )
    second.refresh_from_db()
    assert second.status == MeetingStatus.MOVED and second.moved_to == new
    assert new.starts_at == datetime(2027, 1, 15, 23, 0, tzinfo=UTC)
    assert new.slot is None
    with pytest.raises(ValidationError):
        meeting_cancel(actor=cast.alice.user, meeting=first, reason="Again")
    with pytest.raises(ValidationError) as error:
        meeting_cancel(actor=cast.alice.user, meeting=new, reason="")
    assert "reason" in error.value.error_dict
    with pytest.raises(ValidationError):
        meeting_cancel(actor=cast.hana.user, meeting=new, reason="HR can't")


def test_a_meeting_cant_move_into_the_past(cast: Cast, group) -> None:
    meeting = _first(group)
    with pytest.raises(ValidationError) as error:
        meeting_move(actor=cast.alice.user, meeting=meeting, on=date(2027, 1, 1), at=time(18, 0))
    assert "on" in error.value.error_dict
    assert Meeting.objects.get(pk=meeting.pk).status == MeetingStatus.SCHEDULED


def test_a_log_is_written_within_two_weeks(cast: Cast, group, time_machine) -> None:
    time_machine.move_to(FIRST + timedelta(days=15), tick=False)
    with pytest.raises(ValidationError) as error:
        _log(cast, group)
    assert "held" in error.value.error_dict
    assert not Facilitation.objects.exists()


def test_a_log_cant_claim_hours_the_meeting_didnt_have(cast: Cast, group, time_machine) -> None:
    time_machine.move_to(AFTER, tick=False)
    with pytest.raises(ValidationError) as error:
        _log(cast, group, held_minutes=151)  # planned 90: at most an hour more
    assert "held_minutes" in error.value.error_dict
    _log(cast, group, held_minutes=150)
    assert Facilitation.objects.get().minutes == 150


def test_a_meeting_that_has_started_is_logged_not_cancelled(cast: Cast, group, time_machine):
    time_machine.move_to(FIRST + timedelta(minutes=5), tick=False)
    with pytest.raises(ValidationError) as error:
        meeting_cancel(actor=cast.alice.user, meeting=_first(group), reason="Nobody came")
    assert error.value.code == "started"
    with pytest.raises(ValidationError):
        meeting_move(actor=cast.alice.user, meeting=_first(group), on=date(2027, 1, 9), at=time(9))
