"""Who sees what of a group: listing, records, counts, notes for the liaison, and the
facilitator's private "talk it through". The request-by-request matrix is in docs/access.md."""

from __future__ import annotations

import pytest

from groups import access as groups_access
from groups.meetings import MeetingLogInput, meeting_log
from groups.models import Meeting
from groups.selectors import group_list_queryset, group_page, group_rows
from supervision.topics import topic_requests_for_session
from tests.conftest import Cast

FIRST_EVENING = "2027-01-08T03:00:00Z"


def _log(cast: Cast, group, attended: int, newcomers: int = 0, **extra) -> Meeting:
    meeting = Meeting.objects.filter(group=group).order_by("starts_at").first()
    data = MeetingLogInput(
        held=True, attended=attended, newcomers=newcomers, agreement_read=True, **extra
    )
    return meeting_log(actor=cast.alice.user, meeting=meeting, data=data)


@pytest.mark.parametrize(
    ("person", "lists", "records"),
    [
        ("alice", True, True),  # facilitates it
        ("bob", True, True),  # supervises alice
        ("sid", True, True),  # its liaison
        ("mia", True, True),  # program manager
        ("adam", True, True),  # org admin
        ("hana", True, False),  # HR: the listing, never records
        ("charlie", False, False),
        ("carol", False, False),
    ],
)
def test_who_sees_a_published_group(cast: Cast, group, person: str, lists: bool, records: bool):
    user = cast.by_name(person).user
    assert groups_access.groups_visible_to(user).filter(pk=group.pk).exists() is lists
    assert groups_access.group_records_visible_to(user).filter(pk=group.pk).exists() is records


def test_an_unlisted_group_is_for_its_people_and_managers_only(cast: Cast, group) -> None:
    group.published = False
    group.save()
    from tests.factories import ProfileFactory

    other = ProfileFactory(organization=cast.harbor, chosen_name="Other")
    seen = {
        name
        for name in ("alice", "bob", "sid", "mia", "hana", "adam")
        if groups_access.groups_visible_to(cast.by_name(name).user).filter(pk=group.pk).exists()
    }
    assert seen == {"alice", "bob", "sid", "mia", "adam"}
    assert not groups_access.groups_visible_to(other.user).filter(pk=group.pk).exists()


def test_a_supervisor_stops_reading_when_the_assignment_ends(cast: Cast, group) -> None:
    from datetime import date

    from supervision.models import SupervisorAssignment

    SupervisorAssignment.objects.filter(supervisor=cast.bob).update(
        starts_on=date(2026, 1, 1), ends_on=date(2027, 1, 1)
    )
    assert not groups_access.group_records_visible_to(cast.bob.user).filter(pk=group.pk).exists()


def test_counts_under_five_are_hidden_from_everyone_but_the_facilitators(
    cast: Cast, group, time_machine
) -> None:
    time_machine.move_to(FIRST_EVENING, tick=False)
    _log(cast, group, attended=4, newcomers=1)
    facilitator = group_page(cast.alice.user, group).past[0]
    assert (facilitator.attended, facilitator.newcomers) == (4, 1)
    for person in (cast.mia, cast.adam, cast.bob, cast.sid):
        row = group_page(person.user, group).past[0]
        assert (row.attended, row.newcomers) == (None, None), person
        (listed,) = group_rows(person.user, list(group_list_queryset(person.user)))
        assert listed.attended_lately is None and listed.held_lately == 1
    (mine,) = group_rows(cast.alice.user, list(group_list_queryset(cast.alice.user)))
    assert mine.attended_lately == 4


def test_five_or_more_show_to_managers(cast: Cast, group, time_machine) -> None:
    time_machine.move_to(FIRST_EVENING, tick=False)
    _log(cast, group, attended=7, newcomers=2)
    row = group_page(cast.mia.user, group).past[0]
    assert (row.attended, row.newcomers) == (7, None)


def test_hr_sees_the_listing_and_nothing_of_the_records(cast: Cast, group) -> None:
    page = group_page(cast.hana.user, group)
    assert not page.records
    assert page.agreement is None and page.past == [] and page.facilitators == []
    (row,) = group_rows(cast.hana.user, list(group_list_queryset(cast.hana.user)))
    assert not row.records and row.held_lately is None


def test_notes_for_the_liaison_are_the_liaisons_and_the_writers(
    cast: Cast, group, time_machine
) -> None:
    time_machine.move_to(FIRST_EVENING, tick=False)
    _log(cast, group, attended=6, liaison_note="Someone said they felt unsafe.")
    readers = {
        name
        for name in ("alice", "bob", "sid", "mia", "hana", "adam", "charlie", "carol")
        if groups_access.liaison_notes_visible_to(cast.by_name(name).user).exists()
    }
    assert readers == {"sid", "alice"}


def test_talk_it_through_is_for_the_facilitator_and_their_supervisor(
    cast: Cast, group, time_machine
) -> None:
    from datetime import date, time

    from supervision.scheduling import Plan, session_schedule

    time_machine.move_to(FIRST_EVENING, tick=False)
    _log(cast, group, attended=6, talk_through="I'd like to go over the conflict.")
    plan = Plan(
        supervisor=cast.bob,
        participants=(cast.alice,),
        kind="individual",
        format="phone",
        on=date(2027, 1, 12),
        at=time(10, 0),
        timezone="America/Chicago",
        duration_minutes=60,
    )
    (session,) = session_schedule(actor=cast.bob.user, plan=plan)
    for person, sees in (
        (cast.alice, True),
        (cast.bob, True),
        (cast.mia, False),
        (cast.adam, False),
    ):
        shown = topic_requests_for_session(person.user, session)
        assert bool(shown) is sees, person
    assert topic_requests_for_session(cast.bob.user, session)[0].text.startswith("I'd like")


def test_another_organizations_group_is_not_there(cast: Cast, group) -> None:
    from django.http import Http404

    for person in (cast.charlie, cast.carol):
        with pytest.raises(Http404):
            groups_access.get_group(person.user, group.pk)
        with pytest.raises(Http404):
            groups_access.get_meeting(person.user, Meeting.objects.filter(group=group).first().pk)
