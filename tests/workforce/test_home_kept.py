"""The home's own panels (next supervision, groups, wellness events) are kept per person
(core.versions): a write anyone makes in the organization shows at once, the clock alone
moves them on (a session, meeting or event passes), and nothing but names and times is kept.

Harbor is in Chicago: Monday 4 January 2027, 09:00 there is 15:00 UTC."""

from __future__ import annotations

import pickle
from datetime import date, time, timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from events.models import Audience
from supervision.scheduling import Plan, session_schedule
from tests.conftest import Cast
from tests.factories import make_event

pytestmark = pytest.mark.django_db

NO_SESSION = "No session scheduled yet."


def _home(client) -> str:
    response = client.get("/dashboard/")
    assert response.status_code == 200
    return response.content.decode()


def _session_today_at(cast: Cast, hour: int, minute: int):
    """bob with alice, on Monday 4 January 2027 at hour:minute in Chicago."""
    plan = Plan(
        supervisor=cast.bob,
        participants=(cast.alice,),
        kind="individual",
        format="video",
        on=date(2027, 1, 4),
        at=time(hour, minute),
        timezone="America/Chicago",
        duration_minutes=60,
        link="https://meet.example/bob",
    )
    (session,) = session_schedule(actor=cast.bob.user, plan=plan)
    return session


def test_a_session_scheduled_after_the_home_was_kept_shows(cast: Cast, login, monday) -> None:
    alice = login(cast.alice)
    assert NO_SESSION in _home(alice)
    assert NO_SESSION in _home(alice)  # kept
    _session_today_at(cast, 11, 0)  # bob's write, not alice's
    assert NO_SESSION not in _home(alice)


def test_a_session_stops_being_next_by_the_clock_alone(
    cast: Cast, login, monday, time_machine
) -> None:
    """Eight hours after it starts (the same day in Chicago), with no write in between."""
    session = _session_today_at(cast, 9, 30)
    assert NO_SESSION not in _home(login(cast.alice))
    time_machine.move_to(session.starts_at + timedelta(hours=7, minutes=59), tick=False)
    assert NO_SESSION not in _home(login(cast.alice))  # signed in again: a session idles out
    time_machine.move_to(session.starts_at + timedelta(hours=8, seconds=1), tick=False)
    assert NO_SESSION in _home(login(cast.alice))


def test_each_person_has_their_own_panels(cast: Cast, login, monday) -> None:
    _session_today_at(cast, 11, 0)
    assert NO_SESSION not in _home(login(cast.alice))
    assert NO_SESSION in _home(login(cast.sid, Client()))


def test_a_meeting_waits_for_its_log_once_it_starts(cast: Cast, login, group, time_machine):
    """Thursday 7 January, 18:30 in Chicago: the group's first meeting, kept at 18:27."""
    time_machine.move_to("2027-01-08T00:27:00Z", tick=False)
    alice = login(cast.alice)
    home = _home(alice)
    assert "Thursday Evening Peer Support" in home and "waiting for your log" not in home
    time_machine.move_to("2027-01-08T00:31:00Z", tick=False)
    assert "1 meeting waiting for your log." in _home(alice)


def test_a_group_someone_else_gives_you_shows(cast: Cast, login, group) -> None:
    from groups import services

    sid = login(cast.sid)
    assert "Groups I facilitate" not in _home(sid)
    services.liaisons_set(actor=cast.mia.user, group=group, people=[])  # never both
    services.facilitators_set(
        actor=cast.mia.user, group=group, people=[cast.alice, cast.sid], lead=cast.alice
    )
    assert "Thursday Evening Peer Support" in _home(sid)


def test_an_event_posted_or_shared_after_the_home_was_kept_shows(cast: Cast, login, monday):
    alice = login(cast.alice)
    assert "Nothing planned right now." in _home(alice)
    walk = make_event(cast)
    assert walk.title in _home(alice)
    # For HR only: alice doesn't see it until she is one of its organizers (a many-to-many
    # write, which saves no row).
    tea = make_event(cast, title="Tea for the HR team", audience=Audience.ROLE, role="hr")
    assert tea.title not in _home(alice)
    tea.organizers.add(cast.alice)
    assert tea.title in _home(alice)


def test_an_event_leaves_the_home_when_it_ends(cast: Cast, login, monday, time_machine):
    """The walk: Tuesday 12 January, 12:00–13:00 in Chicago (18:00–19:00 UTC)."""
    walk = make_event(cast)
    occurrence = walk.occurrences.get()
    link = reverse("event_occurrence", args=[occurrence.pk])
    time_machine.move_to("2027-01-12T18:59:00Z", tick=False)
    alice = login(cast.alice)
    assert link in _home(alice)
    time_machine.move_to("2027-01-12T19:00:01Z", tick=False)
    assert link not in _home(alice)


def test_the_kept_home_runs_fewer_queries(
    cast: Cast, login, group, django_assert_num_queries
) -> None:
    """Session, user, and the panels the home doesn't keep (training, certifications,
    topics, notifications); the three kept panels add none."""
    _session_today_at(cast, 11, 0)
    alice = login(cast.alice)
    _home(alice)
    with django_assert_num_queries(7):
        _home(alice)


def test_only_names_and_times_are_kept(cast: Cast, login, group) -> None:
    """No venue address, legal name, phone number, emergency contact, or a session's or an
    event's link."""
    for person in (cast.alice, cast.bob):
        person.legal_name = f"Legal {person.chosen_name}"
        person.phone = "555-0100"
        person.emergency_contact = f"Call Dana for {person.chosen_name}"
        person.save()
    _session_today_at(cast, 11, 0)
    make_event(cast, place="online", location="", online_link="https://video.example/walk")
    home = _home(login(cast.alice))
    assert "Thursday Evening Peer Support" in home and NO_SESSION not in home
    assert any(key.startswith(":1:figure:") and ":home:" in key for key in cache._cache)
    kept = b"".join(pickle.dumps(value) for value in cache._cache.values())
    assert "Lunchtime walk by the river" in home
    secrets = (b"12 Elm Street", b"Legal ", b"555-0100", b"Call Dana", b"meet.example", b"video.")
    for secret in secrets:
        assert secret not in kept
    # Nor how many are coming to an event: that is for its organizers and managers.
    (key,) = [key.split(":", 2)[2] for key in cache._cache if ":home:" in key]
    panels = cache.get(key)
    (walk,) = panels[0]["wellness_events"]
    assert not hasattr(walk, "taken") and not hasattr(walk, "my_offer_until")
