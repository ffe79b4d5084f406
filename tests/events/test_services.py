"""Posting and changing events: the schedule (wall-clock times across daylight saving time),
refusals with their codes, organizers, cancelling."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from django.core.exceptions import ValidationError

from events import services
from events.models import EventOccurrence, EventReply, WellnessEvent
from events.replies import reply_set
from tests.conftest import Cast
from tests.factories import event_input, make_event


def _codes(error: ValidationError) -> dict[str, list[str]]:
    return {name: [e.code for e in errors] for name, errors in error.error_dict.items()}


def test_it_posts_a_one_off_with_one_occurrence_and_the_poster_as_organizer(cast: Cast, walk):
    (occurrence,) = walk.occurrences.all()
    assert occurrence.starts_at == datetime(2027, 1, 12, 18, 0, tzinfo=UTC)  # 12:00 CST
    assert occurrence.ends_at == datetime(2027, 1, 12, 19, 0, tzinfo=UTC)
    assert list(walk.organizers.all()) == [cast.mia]
    assert walk.created_by == cast.mia


def test_it_keeps_the_wall_clock_time_across_daylight_saving_time(cast: Cast, monday):
    event = make_event(cast, starts_on=date(2027, 3, 2), every_weeks=1, times=3)
    starts = [o.starts_at for o in event.occurrences.order_by("number")]
    # US clocks spring forward on Sunday 14 March 2027: noon in Chicago moves in UTC.
    assert starts == [
        datetime(2027, 3, 2, 18, 0, tzinfo=UTC),
        datetime(2027, 3, 9, 18, 0, tzinfo=UTC),
        datetime(2027, 3, 16, 17, 0, tzinfo=UTC),
    ]


def test_a_retreat_runs_over_several_days(cast: Cast, monday):
    event = make_event(
        cast,
        title="Weekend retreat",
        starts_on=date(2027, 2, 6),
        ends_on=date(2027, 2, 7),
        start_time=time(10, 0),
        end_time=time(15, 0),
    )
    occurrence = event.occurrences.get()
    assert (occurrence.ends_at - occurrence.starts_at).total_seconds() == 29 * 3600


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"end_time": time(11, 0)}, "end_time"),
        ({"end_time": time(12, 0)}, "end_time"),
        ({"ends_on": date(2027, 1, 11)}, "ends_on"),
        ({"every_weeks": 1, "times": 3, "ends_on": date(2027, 1, 13)}, "ends_on"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": -3}, "capacity"),
        ({"times": 4}, "times"),
        ({"every_weeks": 1, "times": 27}, "times"),
        ({"starts_on": date(2027, 1, 3)}, "starts_on"),
        ({"location": ""}, "location"),
        ({"audience": "team"}, "team_lead"),
        ({"audience": "role", "role": "nobody"}, "role"),
        ({"shares_names": True}, "names_reason"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"title": ""}, "title"),
    ],
)
def test_it_refuses_nonsense_and_saves_nothing(cast: Cast, monday, changes, field):
    with pytest.raises(ValidationError) as caught:
        make_event(cast, **changes)
    assert field in caught.value.error_dict
    assert not WellnessEvent.objects.exists()
    assert not EventOccurrence.objects.exists()


def test_a_team_is_a_supervisors_team(cast: Cast, monday):
    with pytest.raises(ValidationError) as caught:
        make_event(cast, audience="team", team_lead=cast.sid)
    assert "team_lead" in caught.value.error_dict
    with pytest.raises(ValidationError):
        make_event(cast, audience="team", team_lead=cast.charlie)  # another organization
    event = make_event(cast, audience="team", team_lead=cast.bob)
    assert event.team_lead == cast.bob


def test_only_managers_and_admins_post(cast: Cast, monday):
    for person in (cast.alice, cast.bob, cast.hana):
        with pytest.raises(ValidationError) as caught:
            services.event_create(actor=person.user, data=event_input())
        assert caught.value.code == "not_allowed"
    assert services.event_create(actor=cast.adam.user, data=event_input()).pk


def test_hr_cant_organize_and_other_organizations_people_cant_either(cast: Cast, monday):
    with pytest.raises(ValidationError) as caught:
        make_event(cast, organizers=[cast.hana])
    assert _codes(caught.value) == {"organizers": ["hr_only"]}
    with pytest.raises(ValidationError):
        make_event(cast, organizers=[cast.carol])
    assert not WellnessEvent.objects.exists()


def test_a_named_organizer_changes_the_event_and_nobody_else_does(cast: Cast, monday):
    event = make_event(cast, organizers=[cast.alice])
    changed = services.event_update(
        actor=cast.alice.user, event=event, data=event_input(title="Riverside walk")
    )
    assert changed.title == "Riverside walk"
    with pytest.raises(ValidationError) as caught:
        services.event_update(actor=cast.sid.user, event=event, data=event_input())
    assert caught.value.code == "not_allowed"


def test_a_new_end_keeps_the_replies_and_a_new_start_is_a_new_time(cast: Cast, walk):
    occurrence = walk.occurrences.get()
    reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="going")
    services.event_update(actor=cast.mia.user, event=walk, data=event_input(end_time=time(13, 30)))
    occurrence.refresh_from_db()
    assert occurrence.ends_at == datetime(2027, 1, 12, 19, 30, tzinfo=UTC)
    assert occurrence.sequence == 1 and not occurrence.cancelled
    services.event_update(
        actor=cast.mia.user,
        event=walk,
        data=event_input(start_time=time(12, 30), end_time=time(13, 30)),
    )
    occurrence.refresh_from_db()
    assert occurrence.cancelled and occurrence.sequence == 2  # alice is told
    new = walk.occurrences.get(cancelled=False)
    assert new.starts_at == datetime(2027, 1, 12, 18, 30, tzinfo=UTC)
    assert not new.replies.exists()  # 12:30 may not suit her: she answers again


def test_names_cant_be_asked_for_once_people_replied(cast: Cast, walk):
    reply_set(actor=cast.alice.user, occurrence_id=walk.occurrences.get().pk, answer="maybe")
    with pytest.raises(ValidationError) as caught:
        services.event_update(
            actor=cast.mia.user,
            event=walk,
            data=event_input(shares_names=True, names_reason="lunch orders"),
        )
    assert "shares_names" in caught.value.error_dict
    assert WellnessEvent.objects.get(pk=walk.pk).shares_names is False


def test_nobody_new_organizes_a_names_event_after_replies(cast: Cast, monday):
    event = make_event(cast, shares_names=True, names_reason="transport")
    reply_set(actor=cast.alice.user, occurrence_id=event.occurrences.get().pk, answer="going")
    with pytest.raises(ValidationError) as caught:
        services.event_update(
            actor=cast.mia.user,
            event=event,
            data=event_input(shares_names=True, names_reason="transport"),
            organizers=[cast.mia, cast.adam],
        )
    assert _codes(caught.value) == {"organizers": ["organizers_after_replies"]}
    assert list(event.organizers.all()) == [cast.mia]


def test_places_cant_drop_below_those_coming(cast: Cast, monday):
    event = make_event(cast, capacity=3)
    occurrence = event.occurrences.get()
    for person in (cast.alice, cast.sid):
        reply_set(actor=person.user, occurrence_id=occurrence.pk, answer="going")
    with pytest.raises(ValidationError) as caught:
        services.event_update(actor=cast.mia.user, event=event, data=event_input(capacity=1))
    assert "capacity" in caught.value.error_dict


def test_cancelling_an_event_cancels_what_is_still_to_come(cast: Cast, monday):
    event = make_event(cast, every_weeks=1, times=3)
    services.event_cancel(actor=cast.mia.user, event=event, reason="The park is closed")
    assert set(event.occurrences.values_list("cancelled", flat=True)) == {True}
    assert WellnessEvent.objects.get(pk=event.pk).cancel_reason == "The park is closed"


def test_cancelling_one_time_leaves_the_others(cast: Cast, monday):
    event = make_event(cast, every_weeks=1, times=3)
    first = event.occurrences.get(number=1)
    services.occurrence_cancel(actor=cast.mia.user, occurrence=first)
    assert list(event.occurrences.order_by("number").values_list("cancelled", flat=True)) == [
        True,
        False,
        False,
    ]


def test_the_demo_has_events_worth_looking_at_and_loads_twice(db, time_machine) -> None:
    from django.core.management import call_command

    from events.models import EventIdea

    time_machine.move_to("2027-03-10T16:00:00Z", tick=False)
    call_command("seed_demo")
    call_command("seed_demo")
    assert WellnessEvent.objects.count() == 4
    assert WellnessEvent.objects.filter(shares_names=True).count() == 1
    assert EventIdea.objects.count() == 2
    assert EventReply.objects.count() == 12


def test_it_refuses_a_time_that_has_passed_or_is_too_far_or_doesnt_exist(cast: Cast, monday):
    for changes, field in (
        (
            {"starts_on": date(2027, 1, 4), "start_time": time(8, 0), "end_time": time(9, 0)},
            "start_time",
        ),
        ({"starts_on": date(9999, 12, 31)}, "starts_on"),
        ({"starts_on": date(9999, 12, 20), "every_weeks": 4, "times": 26}, "starts_on"),
        # 02:30 doesn't exist in Chicago on Sunday 14 March 2027 (the clocks go forward).
        (
            {"starts_on": date(2027, 3, 14), "start_time": time(2, 30), "end_time": time(3, 0)},
            "start_time",
        ),
        (
            {
                "starts_on": date(2027, 3, 7),
                "every_weeks": 1,
                "times": 2,
                "start_time": time(2, 30),
                "end_time": time(3, 0),
            },
            "start_time",
        ),
    ):
        with pytest.raises(ValidationError) as caught:
            make_event(cast, **changes)
        assert field in caught.value.error_dict, changes
    assert not WellnessEvent.objects.exists()


def test_a_move_keeps_each_answer_with_its_own_day_and_cancels_the_day_that_goes(
    cast: Cast, monday
):
    event = make_event(cast, every_weeks=1, times=3)  # the 12th, 19th and 26th
    by_day = {o.starts_at.day: o for o in event.occurrences.all()}
    reply_set(actor=cast.alice.user, occurrence_id=by_day[19].pk, answer="going")
    reply_set(actor=cast.alice.user, occurrence_id=by_day[26].pk, answer="not_going")
    reply_set(actor=cast.sid.user, occurrence_id=by_day[12].pk, answer="going")
    services.event_update(
        actor=cast.mia.user,
        event=event,
        data=event_input(starts_on=date(2027, 1, 19), every_weeks=1, times=2),
    )
    answers = {
        (r.occurrence.starts_at.day, r.person.chosen_name): (r.answer, r.occurrence.cancelled)
        for r in EventReply.objects.select_related("occurrence", "person")
    }
    assert answers == {
        (19, "Alice"): ("going", False),
        (26, "Alice"): ("not_going", False),
        (12, "Sid"): ("going", True),  # the 12th went: cancelled, never deleted
    }
    assert event.occurrences.get(starts_at__day=12).sequence == 1


def test_places_cant_drop_below_those_held_for_someone(cast: Cast, monday):
    event = make_event(cast, capacity=2)
    occurrence = event.occurrences.get()
    for person in (cast.alice, cast.sid, cast.bob):
        reply_set(actor=person.user, occurrence_id=occurrence.pk, answer="going")
    reply_set(actor=cast.sid.user, occurrence_id=occurrence.pk, answer="not_going")  # bob held
    with pytest.raises(ValidationError) as caught:
        services.event_update(actor=cast.mia.user, event=event, data=event_input(capacity=1))
    assert "capacity" in caught.value.error_dict


def test_lifting_the_limit_lets_everyone_waiting_come(cast: Cast, monday, time_machine):
    event = make_event(cast, capacity=1)
    occurrence = event.occurrences.get()
    for person in (cast.alice, cast.sid, cast.bob):
        reply_set(actor=person.user, occurrence_id=occurrence.pk, answer="going")
    reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="maybe")  # sid offered
    time_machine.move_to("2027-01-06T15:00:00Z", tick=False)  # sid's offer lapsed
    services.event_update(actor=cast.mia.user, event=event, data=event_input(capacity=None))
    going = EventReply.objects.filter(answer="going").values_list("person__chosen_name", flat=True)
    assert sorted(going) == ["Bob", "Sid"]


def test_a_co_organizer_changes_the_event_but_not_who_organizes_it(cast: Cast, monday):
    event = make_event(cast, organizers=[cast.sid])
    services.event_update(
        actor=cast.sid.user, event=event, data=event_input(title="Walk"), organizers=[cast.sid]
    )
    assert sorted(p.chosen_name for p in event.organizers.all()) == ["Mia", "Sid"]


def test_the_reason_for_names_cant_change_once_people_replied(cast: Cast, monday):
    event = make_event(cast, shares_names=True, names_reason="meals")
    reply_set(actor=cast.alice.user, occurrence_id=event.occurrences.get().pk, answer="going")
    with pytest.raises(ValidationError) as caught:
        services.event_update(
            actor=cast.mia.user,
            event=event,
            data=event_input(shares_names=True, names_reason="a photo for the newsletter"),
        )
    assert "names_reason" in caught.value.error_dict
