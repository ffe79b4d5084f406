"""Event reminders through the real engine (tasks run in-process here): the day before, to
people coming or maybe, exactly once however often the dispatcher runs; a freed place, told once
to the person it's offered to. No title, place or name in the email."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine
from django.core import mail

from events.reminders import CANCELLED, OFFERED, TOMORROW
from events.replies import reply_set
from notifications.models import Delivery
from notifications.services import dispatch_run
from tests.conftest import Cast
from tests.factories import make_event

DAY_BEFORE = datetime(2027, 1, 11, 18, 0, tzinfo=UTC)  # 24 hours before the walk


def _run_at(when: datetime, times: int = 1) -> None:
    with time_machine.travel(when, tick=False):
        for _ in range(times):
            dispatch_run()


def _outbox() -> list:
    """Emails about events (Monday's other digests go to managers at the same moments)."""
    return [m for m in mail.outbox if "/events/" in m.body]


def _sent(kind: str) -> list[str]:
    return sorted(
        Delivery.objects.filter(kind=kind, status="sent").values_list("recipient__email", flat=True)
    )


def test_the_day_before_once_to_people_coming_or_maybe(cast: Cast, walk):
    occurrence = walk.occurrences.get()
    reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="going")
    reply_set(actor=cast.sid.user, occurrence_id=occurrence.pk, answer="maybe")
    reply_set(actor=cast.bob.user, occurrence_id=occurrence.pk, answer="not_going")
    _run_at(datetime(2027, 1, 11, 17, 59, tzinfo=UTC))
    assert _sent(TOMORROW) == []
    _run_at(DAY_BEFORE, times=3)
    _run_at(datetime(2027, 1, 12, 9, 0, tzinfo=UTC), times=2)
    assert _sent(TOMORROW) == ["alice@harbor.example", "sid@harbor.example"]
    bodies = [m.body for m in _outbox()]
    assert len(bodies) == 2
    assert all(f"/events/{occurrence.pk}/" in body for body in bodies)
    assert not any("Lunchtime walk" in b or "Riverside" in b or "Mia" in b for b in bodies)


def test_a_cancelled_time_is_told_once_instead_of_reminded(cast: Cast, walk):
    from events.services import occurrence_cancel

    occurrence = walk.occurrences.get()
    reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="going")
    reply_set(actor=cast.sid.user, occurrence_id=occurrence.pk, answer="going")
    reply_set(actor=cast.sid.user, occurrence_id=occurrence.pk, answer="not_going")
    occurrence_cancel(actor=cast.mia.user, occurrence=occurrence)
    _run_at(datetime(2027, 1, 4, 15, 1, tzinfo=UTC), times=2)
    _run_at(DAY_BEFORE)
    assert _sent(TOMORROW) == []
    assert _sent(CANCELLED) == ["alice@harbor.example"]  # sid had said he can't
    (email,) = _outbox()
    assert "is cancelled" in email.body and "Lunchtime" not in email.body


def test_emails_follow_the_persons_switch(cast: Cast, walk):
    cast.alice.work_emails = False
    cast.alice.save()
    reply_set(actor=cast.alice.user, occurrence_id=walk.occurrences.get().pk, answer="going")
    _run_at(DAY_BEFORE)
    assert _sent(TOMORROW) == ["alice@harbor.example"]  # in PeerWell
    assert not _outbox()  # and no email


def test_a_freed_place_is_told_once_to_the_next_person(cast: Cast, monday):
    occurrence = make_event(cast, capacity=1).occurrences.get()
    reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="going")
    reply_set(actor=cast.sid.user, occurrence_id=occurrence.pk, answer="going")  # waiting
    _run_at(datetime(2027, 1, 4, 15, 1, tzinfo=UTC))
    assert _sent(OFFERED) == []
    reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="not_going")
    _run_at(datetime(2027, 1, 4, 15, 2, tzinfo=UTC), times=3)
    _run_at(datetime(2027, 1, 4, 20, 0, tzinfo=UTC))
    assert _sent(OFFERED) == ["sid@harbor.example"]
    (email,) = _outbox()
    assert "held for you" in email.body and "Lunchtime" not in email.body
