"""Two people replying for the last place at the same moment: the second waits for the first's
row lock, counts after it, and joins the waiting list. Run on PostgreSQL in CI (row locks) and
on SQLite locally (IMMEDIATE transactions serialize writers)."""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, transaction

from events.models import EventReply
from events.replies import reply_set
from tests.conftest import Cast
from tests.factories import make_event


@pytest.mark.django_db(transaction=True)
def test_the_last_place_goes_to_one_of_two_at_the_same_moment(cast: Cast, monday):
    occurrence = make_event(cast, capacity=1).occurrences.get()
    holding, release = threading.Event(), threading.Event()
    results: dict[str, str] = {}

    def first() -> None:
        try:
            with transaction.atomic():
                results["alice"] = reply_set(
                    actor=cast.alice.user, occurrence_id=occurrence.pk, answer="going"
                ).answer
                holding.set()
                release.wait(10)  # keep the transaction (and its lock) open a moment
        finally:
            connection.close()

    def second() -> None:
        try:
            holding.wait(10)
            results["sid"] = reply_set(
                actor=cast.sid.user, occurrence_id=occurrence.pk, answer="going"
            ).answer
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    holding.wait(10)
    time.sleep(0.5)  # sid's reply is now waiting on alice's lock
    assert "sid" not in results
    release.set()
    for thread in threads:
        thread.join(20)
    assert results == {"alice": "going", "sid": "waiting"}
    assert EventReply.objects.filter(answer="going").count() == 1
