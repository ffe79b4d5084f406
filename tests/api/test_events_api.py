"""Wellness events through the API: the same services as the pages, so the same rules: one
reply call, the waiting list, names only for an event's organizers on an event that said so,
the link to join only for people coming, the private note, refusals as 400s with field errors,
another organization's event a 404, and constant queries on the lists."""

from __future__ import annotations

from datetime import date

import icalendar
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventOccurrence, WellnessEvent
from events.replies import reply_set
from tests.api.errors import errors
from tests.conftest import Cast
from tests.factories import make_event

BODY = {
    "title": "Quiet room hour",
    "kind": "rest",
    "starts_on": "2027-01-14",
    "start_time": "15:00",
    "end_time": "16:00",
    "timezone": "America/Chicago",
    "place": "online",
    "online_link": "https://meet.example/quiet",
    "capacity": 1,
}


def test_a_manager_posts_and_a_specialist_replies(cast: Cast, monday, login, client):
    login(cast.mia)
    response = client.post("/api/v1/wellness-events/", BODY, content_type="application/json")
    assert response.status_code == 201, response.content
    event = response.json()
    assert event["organizers"] == [{"id": cast.mia.pk, "name": "Mia"}]
    assert event["online_link"] == "https://meet.example/quiet"  # its organizer reads it
    client.logout()
    login(cast.alice)
    (row,) = client.get("/api/v1/wellness-events/occurrences/").json()["results"]
    assert row["online_link"] is None and row["my_answer"] is None and row["full"] is False
    url = f"/api/v1/wellness-events/occurrences/{row['id']}/"
    reply = client.post(url + "reply/", {"answer": "going"}, content_type="application/json")
    assert reply.json() == {"answer": "going", "offer_until": None}
    detail = client.get(url).json()
    assert detail["online_link"] == "https://meet.example/quiet"
    assert detail["counts"] is None  # a specialist sees no counts
    assert client.get(f"/api/v1/wellness-events/{event['id']}/").json()["online_link"] is None
    client.logout()
    login(cast.sid)
    late = client.post(url + "reply/", {"answer": "going"}, content_type="application/json")
    assert late.json()["answer"] == "waiting"


def test_bad_events_are_400s_with_field_errors_and_nothing_saved(cast: Cast, monday, login, client):
    login(cast.mia)
    for changes, field in (
        ({"end_time": "14:00"}, "end_time"),
        ({"capacity": 0}, "capacity"),
        ({"capacity": -1}, "capacity"),
        ({"starts_on": "2026-12-31"}, "starts_on"),
        ({"kind": "party"}, "kind"),
        ({"team_lead": cast.charlie.pk, "audience": "team"}, "team_lead"),
    ):
        response = client.post(
            "/api/v1/wellness-events/", {**BODY, **changes}, content_type="application/json"
        )
        assert response.status_code == 400, (changes, response.content)
        assert field in errors(response), response.json()
    assert not WellnessEvent.objects.exists()


def test_replies_to_the_past_or_cancelled_are_400s(cast: Cast, walk, login, client, time_machine):
    occurrence = walk.occurrences.get()
    url = f"/api/v1/wellness-events/occurrences/{occurrence.pk}/reply/"
    login(cast.mia)
    cancelled = client.post(
        f"/api/v1/wellness-events/{walk.pk}/cancel/",
        {"reason": "Rain"},
        content_type="application/json",
    )
    assert cancelled.status_code == 200, cancelled.content
    client.logout()
    login(cast.alice)
    response = client.post(url, {"answer": "going"}, content_type="application/json")
    assert response.status_code == 400 and "cancelled" in response.content.decode()
    other = make_event(cast, starts_on=date(2027, 1, 5)).occurrences.get()
    time_machine.move_to("2027-01-05T19:00:00Z", tick=False)
    login(cast.alice)
    response = client.post(
        f"/api/v1/wellness-events/occurrences/{other.pk}/reply/",
        {"answer": "going"},
        content_type="application/json",
    )
    assert response.status_code == 400


def test_names_only_for_organizers_of_a_names_event(cast: Cast, monday, login, client):
    plain = make_event(cast, organizers=[cast.bob]).occurrences.get()
    names = make_event(
        cast, title="Retreat", shares_names=True, names_reason="transport", organizers=[cast.bob]
    ).occurrences.get()
    for occurrence in (plain, names):
        reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="going")
    login(cast.bob)
    assert client.get(f"/api/v1/wellness-events/occurrences/{plain.pk}/names/").status_code == 404
    got = client.get(f"/api/v1/wellness-events/occurrences/{names.pk}/names/").json()
    assert got == {"names": ["Alice"]}
    assert client.get(f"/api/v1/wellness-events/occurrences/{plain.pk}/").json()["counts"] == {
        "going": 1,
        "maybe": 0,
        "not_going": 0,
        "waiting": 0,
    }
    client.logout()
    login(cast.adam)  # an org admin who doesn't organize it: the count, never names
    assert client.get(f"/api/v1/wellness-events/occurrences/{names.pk}/names/").status_code == 404


def test_the_note_is_private_and_the_ics_parses(cast: Cast, walk, login, client, time_machine):
    occurrence = walk.occurrences.get()
    url = f"/api/v1/wellness-events/occurrences/{occurrence.pk}/"
    time_machine.move_to("2027-01-12T20:00:00Z", tick=False)
    login(cast.alice)
    saved = client.put(url + "note/", {"text": "The river"}, content_type="application/json")
    assert saved.json() == {"text": "The river"}
    to_plan = client.post(
        url + "note/to-plan/", {"section": "helps_mind"}, content_type="application/json"
    )
    assert to_plan.status_code == 204
    client.logout()
    login(cast.mia)
    assert client.get(url + "note/").json() == {"text": ""}  # mia's own (empty) note
    calendar = icalendar.Calendar.from_ical(client.get(url + "ics/").content)
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == "Lunchtime walk by the river"


def test_another_organizations_event_is_a_404(cast: Cast, walk, login, client):
    occurrence = walk.occurrences.get()
    login(cast.carol)
    assert client.get(f"/api/v1/wellness-events/{walk.pk}/").status_code == 404
    for path in ("", "reply/", "note/", "ics/"):
        url = f"/api/v1/wellness-events/occurrences/{occurrence.pk}/{path}"
        method = client.post if path == "reply/" else client.get
        kwargs = {"data": {"answer": "going"}, "content_type": "application/json"}
        assert method(url, **(kwargs if path == "reply/" else {})).status_code == 404
    assert client.get("/api/v1/wellness-events/occurrences/").json()["results"] == []


def test_the_lists_run_the_same_queries_for_any_number_of_events(cast: Cast, walk, login, client):
    login(cast.alice)
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/wellness-events/occurrences/")
        client.get("/api/v1/wellness-events/")
    for n in range(4):
        event = make_event(cast, title=f"E{n}", every_weeks=1, times=2, organizers=[cast.bob])
        reply_set(actor=cast.alice.user, occurrence_id=event.occurrences.first().pk, answer="maybe")
    with CaptureQueriesContext(connection) as more:
        rows = client.get("/api/v1/wellness-events/occurrences/").json()["results"]
        client.get("/api/v1/wellness-events/")
    assert len(rows) == 9
    assert len(more) == len(one)
    assert EventOccurrence.objects.count() == 9
