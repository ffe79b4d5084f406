"""Who sees what of a group: listing, records, counts, notes for the liaison, and the
facilitator's private "talk it through". The request-by-request matrix is in docs/access.md."""

from __future__ import annotations

from datetime import timedelta

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


def test_no_total_gives_away_a_hidden_count(cast: Cast, group, time_machine) -> None:
    """Meetings of 7, 8 and 3: a manager sees 7, 8 and "fewer than 5", and no total that the
    3 could be worked out from."""
    meetings = list(Meeting.objects.filter(group=group).order_by("starts_at")[:3])
    for meeting, came in zip(meetings, (7, 8, 3), strict=True):
        time_machine.move_to(meeting.starts_at + timedelta(hours=3), tick=False)
        meeting_log(
            actor=cast.alice.user,
            meeting=meeting,
            data=MeetingLogInput(held=True, attended=came, agreement_read=True),
        )
    (listed,) = group_rows(cast.mia.user, list(group_list_queryset(cast.mia.user)))
    assert listed.held_lately == 3 and listed.attended_lately is None
    shown = [row.attended for row in group_page(cast.mia.user, group).past if row.attended]
    assert sorted(shown) == [7, 8]
    (mine,) = group_rows(cast.alice.user, list(group_list_queryset(cast.alice.user)))
    assert mine.attended_lately == 18


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


def test_a_former_supervisor_reads_no_new_talk_it_through(cast: Cast, group, time_machine):
    from datetime import date, time

    from supervision.models import SupervisorAssignment
    from supervision.scheduling import Plan, session_schedule
    from supervision.topics import topic_request_close

    (session,) = session_schedule(
        actor=cast.bob.user,
        plan=Plan(
            supervisor=cast.bob,
            participants=(cast.alice,),
            kind="individual",
            format="phone",
            on=date(2027, 1, 5),
            at=time(10, 0),
            timezone="America/Chicago",
            duration_minutes=60,
        ),
    )
    SupervisorAssignment.objects.filter(supervisor=cast.bob).update(
        starts_on=date(2026, 1, 1), ends_on=date(2027, 1, 6)
    )
    time_machine.move_to(FIRST_EVENING, tick=False)
    _log(cast, group, attended=6, talk_through="Only my supervisor now.")
    assert topic_requests_for_session(cast.bob.user, session) == []
    assert len(topic_requests_for_session(cast.alice.user, session)) == 1
    topic = topic_requests_for_session(cast.alice.user, session)[0]
    assert topic_request_close(actor=cast.bob.user, session=session, pk=topic.pk) == 0


def test_a_liaisons_read_of_a_note_is_in_the_writers_privacy_log(
    cast: Cast, group, login, client, time_machine
) -> None:
    from workforce.models import AuditEvent

    time_machine.move_to(FIRST_EVENING, tick=False)
    _log(cast, group, attended=6, liaison_note="Someone felt unsafe on the stairs.")
    login(cast.sid)
    assert client.get(f"/groups/{group.pk}/liaison/").status_code == 200
    assert client.get("/api/v1/groups/liaison-notes/").status_code == 200
    reads = AuditEvent.objects.filter(subject=cast.alice, target_type="groups.liaison_note")
    assert reads.count() == 2 and {e.actor_id for e in reads} == {cast.sid.user_id}
    client.logout()
    login(cast.alice)  # the writer reading her own note is not "someone else"
    client.get("/api/v1/groups/liaison-notes/")
    assert reads.count() == 2


def test_a_removed_liaison_no_longer_logs_the_visit(cast: Cast, group, login, client) -> None:
    from datetime import date

    from groups import services
    from groups.liaison import visit_plan

    visit = visit_plan(actor=cast.sid.user, group=group, on=date(2027, 1, 14))
    services.liaisons_set(actor=cast.mia.user, group=group, people=[cast.bob])
    login(cast.sid)
    response = client.post(
        f"/api/v1/groups/visits/{visit.pk}/log/",
        {"visited_on": "2027-01-04"},
        content_type="application/json",
    )
    assert response.status_code == 404
