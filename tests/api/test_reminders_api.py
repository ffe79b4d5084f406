"""Check-in reminder settings and notifications through the API: one's own only."""

from __future__ import annotations

from datetime import UTC, datetime

import time_machine

from notifications.models import Notification
from selfcare.models import CheckInSchedule
from tests.api.errors import errors
from tests.conftest import Cast

BODY = {
    "enabled": True,
    "frequency": "weekly",
    "weekdays": [0, 3],
    "time_of_day": "08:30",
    "timezone": "Europe/London",
    "quiet_start": "22:00",
    "quiet_end": "06:00",
    "paused_until": None,
    "channel": "email",
}


def test_it_reads_and_changes_only_my_schedule(cast: Cast, login, client) -> None:
    login(cast.alice)
    assert client.get("/api/v1/self-care/reminders/").json()["enabled"] is False
    with time_machine.travel(datetime(2026, 11, 26, 12, 0, tzinfo=UTC), tick=False):
        response = client.put("/api/v1/self-care/reminders/", BODY, content_type="application/json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["weekdays"] == [0, 3]
    # Monday, 08:30 in London (GMT); answered on the caller's own clock (New York).
    assert datetime.fromisoformat(body["next_reminder_at"]) == datetime(
        2026, 11, 30, 8, 30, tzinfo=UTC
    )
    assert CheckInSchedule.objects.get(owner=cast.alice).enabled
    assert not CheckInSchedule.objects.filter(owner=cast.bob).exists()


def test_it_answers_bad_settings_with_field_errors(cast: Cast, login, client) -> None:
    login(cast.alice)
    for change, field in [
        ({"timezone": "Atlantis/Capital"}, "timezone"),
        ({"weekdays": []}, "weekdays"),
        ({"weekdays": [9]}, "weekdays.0"),  # the list's first item
        ({"time_of_day": "23:30"}, "time_of_day"),
        ({"frequency": "hourly"}, "frequency"),
    ]:
        response = client.put(
            "/api/v1/self-care/reminders/", {**BODY, **change}, content_type="application/json"
        )
        assert response.status_code == 400, change
        assert field in errors(response), response.json()
    assert not CheckInSchedule.objects.filter(owner=cast.alice, enabled=True).exists()


def test_it_lists_and_marks_only_my_notifications(
    cast: Cast, login, client, django_assert_num_queries
) -> None:
    mine = [
        Notification.objects.create(
            organization=cast.harbor, recipient=cast.alice.user, kind="checkin", title=f"n{i}"
        )
        for i in range(3)
    ]
    theirs = Notification.objects.create(
        organization=cast.harbor, recipient=cast.sid.user, kind="checkin", title="sid's"
    )
    login(cast.alice)
    client.get("/api/v1/notifications/")
    # session, user, roles, count, page, and the session save (3)
    with django_assert_num_queries(4):
        listed = client.get("/api/v1/notifications/").json()
    assert {n["title"] for n in listed["results"]} == {"n0", "n1", "n2"}
    Notification.objects.bulk_create(
        Notification(organization=cast.harbor, recipient=cast.alice.user, kind="checkin", title="x")
        for _ in range(40)
    )
    with django_assert_num_queries(4):
        assert client.get("/api/v1/notifications/").json()["count"] == 43
    assert client.get(f"/api/v1/notifications/{theirs.pk}/").status_code == 404
    response = client.post(
        "/api/v1/notifications/mark-read/",
        {"ids": [mine[0].pk, theirs.pk]},
        content_type="application/json",
    )
    assert response.json() == {"unread": 42}
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert client.post(
        "/api/v1/notifications/mark-read/", {}, content_type="application/json"
    ).json() == {"unread": 0}
    assert client.get("/api/v1/notifications/?unread=true").json()["count"] == 0
