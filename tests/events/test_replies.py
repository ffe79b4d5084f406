"""Replies and the waiting list: one click, changed any time; a full event's waiting list, the
place offered to the next person once and held for a day; refusals for what is over or
cancelled or not yours to see."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.http import Http404

from events import services
from events.models import EventReply
from events.replies import offers_pass_on, reply_set
from tests.conftest import Cast
from tests.factories import ProfileFactory, make_event
from workforce.models import Role

START = datetime(2027, 1, 12, 18, 0, tzinfo=UTC)


def _answer(occurrence, person) -> str:
    return EventReply.objects.get(occurrence=occurrence, person=person).answer


def test_a_reply_is_one_call_and_can_change(cast: Cast, walk):
    occurrence = walk.occurrences.get()
    for answer in ("going", "maybe", "not_going", "going"):
        reply = reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer=answer)
        assert reply.answer == answer
    assert EventReply.objects.count() == 1


@pytest.mark.parametrize("answer", ["", "waiting", "yes", "GOING"])
def test_it_refuses_answers_that_arent_one_of_the_three(cast: Cast, walk, answer):
    with pytest.raises(ValidationError) as caught:
        reply_set(actor=cast.alice.user, occurrence_id=walk.occurrences.get().pk, answer=answer)
    assert "answer" in caught.value.error_dict
    assert not EventReply.objects.exists()


def test_replies_close_when_it_begins(cast: Cast, walk, time_machine):
    time_machine.move_to(START, tick=False)
    with pytest.raises(ValidationError) as caught:
        reply_set(actor=cast.alice.user, occurrence_id=walk.occurrences.get().pk, answer="going")
    assert caught.value.code == "past"
    assert not EventReply.objects.exists()


def test_a_cancelled_time_takes_no_replies(cast: Cast, walk):
    occurrence = walk.occurrences.get()
    services.occurrence_cancel(actor=cast.mia.user, occurrence=occurrence)
    with pytest.raises(ValidationError) as caught:
        reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="maybe")
    assert caught.value.code == "cancelled"


def test_another_organizations_event_doesnt_exist(cast: Cast, walk):
    with pytest.raises(Http404):
        reply_set(actor=cast.carol.user, occurrence_id=walk.occurrences.get().pk, answer="going")


def test_an_event_for_a_team_doesnt_exist_for_anyone_else(cast: Cast, monday):
    event = make_event(cast, audience="team", team_lead=cast.bob)
    occurrence = event.occurrences.get()
    assert reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="going").pk
    assert reply_set(actor=cast.bob.user, occurrence_id=occurrence.pk, answer="going").pk
    with pytest.raises(Http404):
        reply_set(actor=cast.sid.user, occurrence_id=occurrence.pk, answer="going")


def test_a_full_event_has_a_waiting_list_in_order(cast: Cast, monday):
    occurrence = make_event(cast, capacity=1).occurrences.get()
    assert reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="going").answer == (
        "going"
    )
    assert reply_set(actor=cast.sid.user, occurrence_id=occurrence.pk, answer="going").answer == (
        "waiting"
    )
    assert reply_set(actor=cast.bob.user, occurrence_id=occurrence.pk, answer="going").answer == (
        "waiting"
    )
    # Saying "I'll come" again, a day later, keeps your place in the queue.
    queued = EventReply.objects.get(person=cast.sid).waiting_since
    with time_machine.travel("2027-01-05T15:00:00Z", tick=False):
        again = reply_set(actor=cast.sid.user, occurrence_id=occurrence.pk, answer="going")
    assert (again.answer, again.waiting_since) == ("waiting", queued)
    assert queued < EventReply.objects.get(person=cast.bob).waiting_since or queued == (
        EventReply.objects.get(person=cast.bob).waiting_since
    )


def test_a_freed_place_is_offered_to_the_next_and_held_for_a_day(cast: Cast, monday):
    occurrence = make_event(cast, capacity=1).occurrences.get()
    for person in (cast.alice, cast.sid, cast.bob):
        reply_set(actor=person.user, occurrence_id=occurrence.pk, answer="going")
    reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="not_going")
    sid = EventReply.objects.get(person=cast.sid)
    assert sid.answer == "waiting"
    assert sid.offer_until - sid.offered_at == timedelta(days=1)
    # Nobody else can take the held place meanwhile, not even the person who left it.
    again = reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="going")
    assert again.answer == "waiting"
    assert reply_set(actor=cast.sid.user, occurrence_id=occurrence.pk, answer="going").answer == (
        "going"
    )
    assert _answer(occurrence, cast.bob) == "waiting"


def test_a_lapsed_offer_passes_on_once(cast: Cast, monday, time_machine):
    occurrence = make_event(cast, capacity=1).occurrences.get()
    for person in (cast.alice, cast.sid, cast.bob):
        reply_set(actor=person.user, occurrence_id=occurrence.pk, answer="going")
    reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="maybe")
    time_machine.move_to(datetime(2027, 1, 5, 15, 1, tzinfo=UTC), tick=False)  # a day later
    assert offers_pass_on(now=datetime(2027, 1, 5, 15, 1, tzinfo=UTC)) == 1
    bob, sid = EventReply.objects.get(person=cast.bob), EventReply.objects.get(person=cast.sid)
    assert bob.offered_at is not None and bob.offer_until > bob.offered_at
    assert sid.offered_at is not None and sid.offer_until < bob.offered_at  # lapsed, not again
    assert offers_pass_on(now=datetime(2027, 1, 5, 15, 6, tzinfo=UTC)) == 0
    # sid can join the list again, at its end.
    back = reply_set(actor=cast.sid.user, occurrence_id=occurrence.pk, answer="going")
    assert back.answer == "waiting" and back.offered_at is None


def test_an_offer_close_to_the_start_is_held_until_it_begins(cast: Cast, monday, time_machine):
    occurrence = make_event(cast, capacity=1).occurrences.get()
    for person in (cast.alice, cast.sid):
        reply_set(actor=person.user, occurrence_id=occurrence.pk, answer="going")
    time_machine.move_to(START - timedelta(hours=3), tick=False)
    reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="not_going")
    assert EventReply.objects.get(person=cast.sid).offer_until == START


def test_more_places_let_people_waiting_be_offered_them(cast: Cast, monday):
    from tests.factories import event_input

    event = make_event(cast, capacity=1)
    occurrence = event.occurrences.get()
    for person in (cast.alice, cast.sid, cast.bob):
        reply_set(actor=person.user, occurrence_id=occurrence.pk, answer="going")
    services.event_update(actor=cast.mia.user, event=event, data=event_input(capacity=3))
    offered = EventReply.objects.filter(offered_at__isnull=False)
    assert set(offered.values_list("person__chosen_name", flat=True)) == {"Sid", "Bob"}


def test_a_crowd_never_overfills_the_places(cast: Cast, monday):
    occurrence = make_event(cast, capacity=5).occurrences.get()
    people = [
        ProfileFactory(organization=cast.harbor, roles=[Role.PEER_SPECIALIST]) for _ in range(8)
    ]
    answers = [
        reply_set(actor=p.user, occurrence_id=occurrence.pk, answer="going").answer for p in people
    ]
    assert answers.count("going") == 5 and answers.count("waiting") == 3


@time_machine.travel("2027-01-04T15:00:00Z", tick=False)
def test_nothing_is_half_saved_when_a_reply_is_refused(cast: Cast):
    occurrence = make_event(cast).occurrences.get()
    reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="maybe")
    with pytest.raises(ValidationError):
        reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="perhaps")
    assert _answer(occurrence, cast.alice) == "maybe"


def test_people_who_run_an_event_for_others_dont_reply_to_it(cast: Cast, monday):
    occurrence = make_event(cast, audience="team", team_lead=cast.bob).occurrences.get()
    with pytest.raises(ValidationError) as caught:
        reply_set(actor=cast.mia.user, occurrence_id=occurrence.pk, answer="going")
    assert caught.value.code == "not_for_you"
    assert not EventReply.objects.exists()
