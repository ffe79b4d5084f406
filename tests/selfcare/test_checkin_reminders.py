"""Check-in reminders end to end (tasks run in-process here; tests/integration uses a worker)."""

from __future__ import annotations

import re
import socket
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client

from notifications.models import Delivery, Notification
from notifications.services import dispatch_run, engine_state
from selfcare.models import CheckInSchedule
from tests.conftest import Cast

FORM = {
    "enabled": "on",
    "frequency": "daily",
    "time_of_day": "09:00",
    "timezone": "America/Chicago",
    "quiet_start": "21:00",
    "quiet_end": "07:00",
    "paused_until": "",
    "channel": "both",
}
# Thursday 26 November 2026, 08:00 in Chicago (14:00 UTC).
MORNING = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
SLOT = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # 09:00 in Chicago


@pytest.fixture(autouse=True)
def _long_sessions(settings) -> None:
    # These tests travel days through time; session expiry has its own tests.
    settings.SESSION_COOKIE_AGE = 3600 * 24 * 365


def turn_on(client: Client, **changes: str):
    response = client.post("/self-care/reminders/", {**FORM, **changes})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == "/self-care/reminders/"
    return response


def test_it_is_off_until_the_person_turns_it_on(cast: Cast, login, client) -> None:
    login(cast.alice)
    page = client.get("/self-care/reminders/").content.decode()
    assert "Reminders are off." in page
    with time_machine.travel(SLOT + timedelta(minutes=1), tick=False):
        dispatch_run()
    assert not Delivery.objects.exists()


def test_it_shows_the_next_reminder_in_the_persons_own_time_zone(cast: Cast, login, client) -> None:
    login(cast.alice)
    with time_machine.travel(MORNING, tick=False):
        assert turn_on(client)["Location"] == "/self-care/reminders/"
        page = client.get("/self-care/reminders/").content.decode()
    assert "Your next reminder: Thursday 26 November 2026, 09:00 (America/Chicago)." in page
    item = CheckInSchedule.objects.get(owner=cast.alice)
    assert item.next_slot_at == SLOT


def test_it_sends_one_gentle_reminder_with_nothing_private(cast: Cast, login, client) -> None:
    login(cast.alice)
    with time_machine.travel(MORNING, tick=False) as traveller:
        turn_on(client)
        client.post("/self-care/check-in/", {"energy": "1", "note": "A very hard week"})
        traveller.move_to(SLOT + timedelta(seconds=20))
        dispatch_run()
        dispatch_run()  # the same minute again: nothing twice
        traveller.shift(timedelta(seconds=60))
        dispatch_run()
        dashboard = client.get("/dashboard/").content.decode()

    (email,) = mail.outbox
    assert email.to == ["alice@harbor.example"]
    assert email.subject == "A check-in is here whenever you're ready"
    assert "http://testserver/self-care/check-in/" in email.body
    for private in ("hard week", "Harbor", "energy", "overdue", "Alice Legal"):
        assert private not in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.search(r"http://testserver/reminders/pause/\S+/", email.body)

    (note,) = Notification.objects.filter(recipient=cast.alice.user)
    assert note.link == "/self-care/check-in/"
    assert 'data-testid="unread-count">1' in dashboard
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.due_slot, delivery.attempts) == ("sent", SLOT, 1)


def test_it_sends_one_late_reminder_after_a_three_day_outage(cast: Cast, login, client) -> None:
    login(cast.alice)
    with time_machine.travel(MORNING, tick=False) as traveller:
        turn_on(client)
        traveller.move_to(SLOT + timedelta(days=3, hours=2))  # Sunday 11:00 in Chicago
        dispatch_run()
    assert len(mail.outbox) == 1
    item = CheckInSchedule.objects.get(owner=cast.alice)
    assert item.next_slot_at == SLOT + timedelta(days=4)  # Monday 09:00, in the future


def test_it_keeps_a_late_reminder_out_of_quiet_hours(cast: Cast, login, client) -> None:
    login(cast.alice)
    with time_machine.travel(MORNING, tick=False) as traveller:
        turn_on(client)
        traveller.move_to(datetime(2026, 11, 27, 9, 0, tzinfo=UTC))  # 03:00 in Chicago, next day
        dispatch_run()
        assert mail.outbox == []
        traveller.move_to(datetime(2026, 11, 27, 13, 0, 30, tzinfo=UTC))  # 07:00:30 in Chicago
        dispatch_run()
    assert len(mail.outbox) == 1
    assert Delivery.objects.get().due_slot == SLOT


def test_it_respects_a_pause_made_after_the_reminder_was_queued(
    cast: Cast, login, client, settings
) -> None:
    settings.CELERY_TASK_ALWAYS_EAGER = False  # leave the send queued
    from config.celery_app import app

    app.conf.task_always_eager = False
    login(cast.alice)
    try:
        with time_machine.travel(MORNING, tick=False) as traveller:
            turn_on(client)
            traveller.move_to(SLOT + timedelta(seconds=5))
            from notifications.models import DeliveryStatus
            from notifications.services import deliveries_send
            from selfcare import reminders

            reminders.collect(SLOT + timedelta(seconds=5))
            turn_on(client, paused_until="2026-11-30")
            deliveries_send(ids=list(Delivery.objects.values_list("id", flat=True)))
    finally:
        app.conf.task_always_eager = True
    assert mail.outbox == []
    assert Delivery.objects.get().status == DeliveryStatus.SKIPPED


def test_it_pauses_from_the_emailed_link_without_signing_in(cast: Cast, login, client) -> None:
    login(cast.alice)
    with time_machine.travel(MORNING, tick=False) as traveller:
        turn_on(client)
        traveller.move_to(SLOT + timedelta(seconds=5))
        dispatch_run()
        link = re.search(r"http://testserver(/reminders/pause/\S+/)", mail.outbox[0].body).group(1)
        stranger = Client()
        assert "Pause check-in reminders" in stranger.get(link).content.decode()
        done = stranger.post(link, {"choice": "week"})
    assert "paused" in done.content.decode()
    item = CheckInSchedule.objects.get(owner=cast.alice)
    assert item.paused_until.isoformat() == "2026-12-02"
    assert item.next_slot_at == datetime(2026, 12, 3, 15, 0, tzinfo=UTC)


def test_it_turns_reminders_off_on_a_mail_clients_one_click(cast: Cast, login, client) -> None:
    login(cast.alice)
    with time_machine.travel(MORNING, tick=False) as traveller:
        turn_on(client)
        traveller.move_to(SLOT + timedelta(seconds=5))
        dispatch_run()
        link = re.search(r"http://testserver(/reminders/pause/\S+/)", mail.outbox[0].body)
        traveller.move_to(SLOT + timedelta(hours=2))  # read later that morning
        Client(enforce_csrf_checks=True).post(link.group(1), {"List-Unsubscribe": "One-Click"})
    item = CheckInSchedule.objects.get(owner=cast.alice)
    assert not item.enabled and item.next_due_at is None


def test_it_refuses_tampered_forged_and_expired_links_and_changes_nothing(
    cast: Cast, login, client
) -> None:
    from selfcare.tokens import pause_token

    login(cast.alice)
    with time_machine.travel(MORNING, tick=False) as traveller:
        turn_on(client)
        mine = CheckInSchedule.objects.get(owner=cast.alice)
        good = pause_token(user_id=cast.alice.user_id, schedule_id=mine.pk)
        other = CheckInSchedule.objects.create(
            owner=cast.sid,
            organization=cast.harbor,
            timezone="UTC",
            enabled=True,
            next_slot_at=SLOT,
            next_due_at=SLOT,
        )
        forged = pause_token(
            user_id=cast.alice.user_id, schedule_id=other.pk
        )  # alice's claim, sid's schedule
        for bad in (good[:-2] + "xx", "nonsense", forged):
            response = Client().post(f"/reminders/pause/{bad}/", {"choice": "off"})
            assert response.status_code == 400
            assert "work any more" in response.content.decode()
        traveller.shift(timedelta(days=31))
        assert Client().post(f"/reminders/pause/{good}/", {"choice": "off"}).status_code == 400
    mine.refresh_from_db()
    other.refresh_from_db()
    assert mine.enabled and mine.paused_until is None
    assert other.enabled


def test_it_rejects_bad_settings_with_clear_errors_and_changes_nothing(
    cast: Cast, login, client
) -> None:
    login(cast.alice)
    turn_on(client)
    before = CheckInSchedule.objects.values().get(owner=cast.alice)
    cases = [
        ({"timezone": "Mars/Base"}, "timezone"),
        ({"time_of_day": "25:99"}, "time_of_day"),
        ({"frequency": "hourly"}, "frequency"),
        ({"frequency": "weekly"}, "weekdays"),
        ({"time_of_day": "23:00"}, "time_of_day"),  # inside quiet hours
        ({"quiet_end": ""}, "quiet_end"),
        ({"channel": "pigeon"}, "channel"),
    ]
    for change, field in cases:
        response = turn_on(client, **change)
        assert response.status_code == 200, change
        assert field in response.context["form"].errors, (change, response.context["form"].errors)
    assert CheckInSchedule.objects.values().get(owner=cast.alice) == before


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_it_retries_a_failing_mail_server_with_backoff_then_records_failure(
    cast: Cast, login, client, settings
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = (
        "127.0.0.1",
        _closed_port(),
        2,
    )
    login(cast.alice)
    with time_machine.travel(MORNING, tick=False) as traveller:
        turn_on(client, channel="email")
        traveller.move_to(SLOT + timedelta(seconds=5))
        waits = []
        for _ in range(5):
            dispatch_run()
            delivery = Delivery.objects.get()
            waits.append(round((delivery.next_attempt_at - datetime.now(UTC)).total_seconds()))
            traveller.move_to(delivery.next_attempt_at + timedelta(seconds=1))
    delivery.refresh_from_db()
    assert waits[:4] == [60, 120, 240, 480]  # exponential backoff, kept in the ledger
    assert (delivery.status, delivery.attempts) == ("failed", 5)
    assert "ConnectionRefusedError" in delivery.last_error
    # Whoever runs PeerWell sees the count (remindercheck); the organization's admin does not
    # even see that, because self-care reminders are private to each person.
    assert engine_state(organization_id=cast.harbor.pk).failed == 1
    assert engine_state(organization_id=cast.harbor.pk, private=False).failed == 0
    page = login(cast.adam, Client()).get("/organization/").content.decode()
    assert 'data-testid="reminders-failed">0<' in page
    assert "alice@" not in page and "ConnectionRefused" not in page


def test_it_speaks_the_recipients_language_where_a_translation_exists(
    cast: Cast, login, client
) -> None:
    cast.alice.language = "es"
    cast.alice.save()
    login(cast.alice)
    with time_machine.travel(MORNING, tick=False) as traveller:
        turn_on(client)
        traveller.move_to(SLOT + timedelta(seconds=5))
        dispatch_run()
        nav = client.get("/dashboard/").content.decode()
    (email,) = mail.outbox
    assert email.subject == "Tu momento para ti te espera, cuando quieras"
    assert "Páusalos con un clic" in email.body
    assert "Autocuidado" in nav and "Salida rápida" in nav
