"""A broker outage with a real worker: pages answer, nothing is lost, nothing is sent twice,
nothing is sent before its time."""

from __future__ import annotations

import time
from datetime import timedelta

from django.test import Client
from django.utils import timezone

from bench.generate import make_due_schedules, make_people
from config.celery_app import app as celery_app
from notifications.models import Delivery, DeliveryStatus
from notifications.services import dispatch_run
from tests.conftest import DEAD_BROKER, Cast, point_broker_at
from tests.integration.conftest import Worker
from tests.integration.test_reminders import _emails, _ours, _wait


def test_nothing_is_lost_or_doubled_while_the_broker_is_down(
    cast: Cast, worker: Worker, login
) -> None:
    real_broker = celery_app.conf.broker_url
    now = timezone.now().replace(second=0, microsecond=0)
    due = make_people(cast.harbor, 5)
    make_due_schedules(due, slot=now)
    later = make_people(cast.harbor, 5, prefix="later")
    make_due_schedules(later, slot=now + timedelta(days=1))
    point_broker_at(DEAD_BROKER)
    try:
        admin = login(cast.adam, Client())
        for name in ("ana", "ben", "cleo"):
            response = admin.post(
                "/people/new/",
                {
                    "email": f"{name}@harbor.example",
                    "chosen_name": name.title(),
                    "roles": ["specialist"],
                    "timezone": "America/Chicago",
                    "language": "en",
                    "send_invitation": "on",
                },
            )
            assert response.status_code == 302, response.content[:300]
        assert (
            Client()
            .post("/accounts/password/reset/", {"email": "alice@harbor.example"})
            .status_code
            == 302
        )
        for path in ("/dashboard/", "/people/", "/notifications/"):
            assert admin.get(path).status_code == 200, path
        health = Client().get("/healthz")
        assert health.status_code == 200 and health.json()["broker"] == "unreachable"
        time.sleep(2)
        assert worker.emails() == []  # nothing reached the worker
    finally:
        point_broker_at(real_broker)
        celery_app.conf.broker_write_url = None

    # The broker is back: beat's next dispatches hand over everything that waited.
    expected = 3 + 1 + len(due)
    assert _wait(
        lambda: _ours().filter(status=DeliveryStatus.SENT).count() == expected,
        120,
        every=dispatch_run,
    ), list(Delivery.objects.values_list("kind", "status"))
    time.sleep(2)  # anything sent twice would have arrived by now
    emails = _emails(worker)
    print(f"\nbroker outage: {sum(emails.values())} emails for {len(emails)} (recipient, subject)")
    assert set(emails.values()) == {1}
    recipients = {to for to, _ in emails}
    assert {"ana@harbor.example", "ben@harbor.example", "cleo@harbor.example"} <= recipients
    assert ("alice@harbor.example", "Reset your PeerWell password") in emails
    assert {p.user.email for p in due} <= recipients
    assert not {p.user.email for p in later} & recipients  # none before its time
    assert len(emails) == expected
