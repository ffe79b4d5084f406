"""The events pages: one-click replies, who sees what (counts for the people who run events,
names only for an event's organizers on an event that said so), the .ics, the private note and
its way into the plan, ideas, and constant queries."""

from __future__ import annotations

import html
from datetime import UTC, date, datetime

import icalendar
from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import EventIdea, EventNote, EventReply
from events.replies import reply_set
from selfcare.plans import content_of, plan_current, plan_of
from supervision.calendar import feed_create
from tests.conftest import Cast
from tests.factories import ProfileFactory, make_event
from workforce.models import Role

AFTER = datetime(2027, 1, 12, 20, 0, tzinfo=UTC)  # the walk is over


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _page(client, occurrence) -> str:
    response = client.get(f"/events/{occurrence.pk}/")
    assert response.status_code == 200
    return _text(response)


def test_a_specialist_replies_in_one_click_and_changes_their_mind(cast: Cast, walk, login, client):
    occurrence = walk.occurrences.get()
    login(cast.alice)
    page = _page(client, occurrence)
    assert "Who sees that you're coming: nobody" in page
    response = client.post(f"/events/{occurrence.pk}/reply/", {"answer": "going"}, follow=True)
    assert "You said you'll come" in _text(response)
    client.post(f"/events/{occurrence.pk}/reply/", {"answer": "not_going"})
    assert EventReply.objects.get(person=cast.alice).answer == "not_going"
    assert "no-store" in client.get(f"/events/{occurrence.pk}/")["Cache-Control"]


def test_a_bad_answer_changes_nothing_and_says_so(cast: Cast, walk, login, client):
    occurrence = walk.occurrences.get()
    login(cast.alice)
    response = client.post(f"/events/{occurrence.pk}/reply/", {"answer": "yes!"}, follow=True)
    assert "Choose “I'll come”" in _text(response)
    assert not EventReply.objects.exists()


def test_organizers_see_how_many_and_never_who_by_default(cast: Cast, walk, login, client):
    occurrence = walk.occurrences.get()
    reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="going")
    reply_set(actor=cast.sid.user, occurrence_id=occurrence.pk, answer="maybe")
    for person in (cast.mia, cast.adam):
        client.logout()
        login(person)
        page = _page(client, occurrence)
        assert "1 coming" in page and "Maybe: 1" in page
        assert "Alice" not in page and ">Sid<" not in page
    for person in (cast.hana, cast.bob, cast.sid):
        client.logout()
        login(person)
        page = _page(client, occurrence)
        assert "1 coming" not in page and "For the organizers" not in page


def test_names_show_only_to_the_organizers_of_an_event_that_said_so(
    cast: Cast, monday, login, client
):
    event = make_event(
        cast, title="Retreat", shares_names=True, names_reason="meals", organizers=[cast.bob]
    )
    occurrence = event.occurrences.get()
    reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="going")
    login(cast.sid)
    page = _page(client, occurrence)
    assert "This event needs names (meals)" in page and "Bob" in page  # said before replying
    for person, sees in (
        (cast.mia, True),
        (cast.bob, True),
        (cast.adam, False),
        (cast.hana, False),
    ):
        client.logout()
        login(person)
        assert ('data-testid="names"' in _page(client, occurrence)) is sees, person


def test_the_online_link_shows_once_you_say_youll_come(cast: Cast, monday, login, client):
    event = make_event(
        cast, place="online", location="", online_link="https://meet.example/quiet-hour"
    )
    occurrence = event.occurrences.get()
    login(cast.alice)
    assert "meet.example" not in _page(client, occurrence)
    client.post(f"/events/{occurrence.pk}/reply/", {"answer": "maybe"})
    assert "https://meet.example/quiet-hour" in _page(client, occurrence)
    ics = client.get(f"/events/{occurrence.pk}/event.ics").content.decode()
    assert "meet.example" not in ics


def test_the_ics_is_a_calendar_file_with_when_and_where_and_nobodys_name(
    cast: Cast, walk, login, client
):
    occurrence = walk.occurrences.get()
    login(cast.alice)
    response = client.get(f"/events/{occurrence.pk}/event.ics")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (vevent,) = calendar.walk("VEVENT")
    assert vevent.decoded("DTSTART") == occurrence.starts_at
    assert vevent.decoded("DTEND") == occurrence.ends_at
    assert str(vevent["SUMMARY"]) == "Lunchtime walk by the river"
    assert str(vevent["LOCATION"]) == "Riverside Park, north gate"
    assert "Mia" not in response.content.decode() and "Alice" not in response.content.decode()


def test_the_private_feed_carries_what_you_said_youd_come_to(cast: Cast, walk, client):
    occurrence = walk.occurrences.get()
    token = feed_create(actor=cast.alice.user)
    feed = client.get(f"/supervision/calendar/{token}.ics").content
    assert not icalendar.Calendar.from_ical(feed).walk("VEVENT")
    reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="going")
    feed = client.get(f"/supervision/calendar/{token}.ics").content
    (vevent,) = icalendar.Calendar.from_ical(feed).walk("VEVENT")
    assert str(vevent["UID"]).startswith(f"wellness-event-{occurrence.pk}@")
    other = feed_create(actor=cast.sid.user)
    assert b"Lunchtime walk" not in client.get(f"/supervision/calendar/{other}.ics").content


def test_a_note_after_the_event_is_yours_and_goes_into_your_plan(
    cast: Cast, walk, login, client, time_machine
):
    occurrence = walk.occurrences.get()
    reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="going")
    login(cast.alice)
    client.post(f"/events/{occurrence.pk}/note/", {"text": "Too soon: it hasn't happened"})
    assert not EventNote.objects.exists()
    time_machine.move_to(AFTER, tick=False)
    login(cast.alice)  # a week later: signed in again
    client.post(f"/events/{occurrence.pk}/note/", {"text": "Walking slowly with others helped."})
    assert EventNote.objects.get().text == "Walking slowly with others helped."
    response = client.post(f"/events/{occurrence.pk}/note/to-plan/", {"section": "helps_body"})
    assert response.status_code == 302 and response["Location"] == "/self-care/plan/"
    plan = content_of(plan_current(plan_of(cast.alice)))
    assert plan["helps_body"] == "Walking slowly with others helped."
    # Nobody else reads it: not the organizer, not alice's supervisor.
    for person in (cast.mia, cast.bob):
        client.logout()
        login(person)
        assert "Walking slowly" not in _page(client, occurrence)


def test_an_idea_sent_without_a_name_keeps_no_author(cast: Cast, monday, login, client):
    login(cast.alice)
    client.post("/events/ideas/new/", {"text": "A pottery class", "anonymous": "on"})
    client.post("/events/ideas/new/", {"text": "Yoga on Fridays", "kind": "movement"})
    assert EventIdea.objects.get(text="A pottery class").author is None
    assert EventIdea.objects.get(text="Yoga on Fridays").author == cast.alice
    response = client.post("/events/ideas/new/", {"text": ""})
    assert response.status_code == 400 and EventIdea.objects.count() == 2
    assert client.get("/events/ideas/").status_code == 404
    client.logout()
    login(cast.mia)
    page = client.get("/events/ideas/").content.decode()
    assert "A pottery class" in page and "sent without a name" in page


def test_a_manager_posts_an_event_through_the_form(cast: Cast, monday, login, client):
    login(cast.mia)
    assert client.get("/events/new/").status_code == 200
    response = client.post(
        "/events/new/",
        {
            "title": "Art afternoon",
            "kind": "creative",
            "starts_on": "2027-01-15",
            "start_time": "14:00",
            "end_time": "13:00",
            "timezone": "America/Chicago",
            "times": "1",
            "place": "in_person",
            "location": "Room 2",
            "audience": "everyone",
        },
    )
    assert response.status_code == 400
    assert "The end comes before the start" in _text(response)
    assert not cast.mia.organizing_events.exists()


def test_the_events_page_runs_the_same_queries_for_any_number_of_events(
    cast: Cast, walk, login, client
):
    login(cast.alice)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/events/").status_code == 200
        assert client.get("/").status_code in (200, 302)
        assert client.get("/dashboard/").status_code == 200
    for n in range(5):
        event = make_event(cast, title=f"Event {n}", starts_on=date(2027, 1, 13 + n), capacity=9)
        reply_set(actor=cast.alice.user, occurrence_id=event.occurrences.get().pk, answer="going")
    with CaptureQueriesContext(connection) as six:
        assert client.get("/events/").status_code == 200
        assert client.get("/").status_code in (200, 302)
        page = client.get("/dashboard/").content.decode()
    assert len(six) == len(one)
    assert "Coming up for your wellbeing" in page and "Lunchtime walk" in page


def test_participation_hides_fewer_than_five_and_totals_nothing(
    cast: Cast, monday, login, client, time_machine
):
    event = make_event(cast, capacity=20)
    occurrence = event.occurrences.get()
    people = [
        ProfileFactory(organization=cast.harbor, roles=[Role.PEER_SPECIALIST]) for _ in range(4)
    ]
    for person in people:
        reply_set(actor=person.user, occurrence_id=occurrence.pk, answer="going")
    crafts = make_event(cast, title="Crafts", kind="creative", starts_on=date(2027, 1, 20))
    for person in [*people, cast.alice]:
        reply_set(actor=person.user, occurrence_id=crafts.occurrences.get().pk, answer="going")
    time_machine.move_to("2027-01-31T12:00:00Z", tick=False)
    login(cast.mia)
    assert "Nature" not in client.get("/events/participation/").content.decode()  # not over
    time_machine.move_to("2027-02-02T12:00:00Z", tick=False)
    login(cast.mia)
    page = client.get("/events/participation/").content.decode()
    assert "fewer than 5" in page  # the walk: 4 people
    assert "<td>5</td>" in page  # crafts: 5 people
    client.logout()
    login(cast.bob)
    assert client.get("/events/participation/").status_code == 404


def test_a_named_organizer_reads_the_ideas_too(cast: Cast, monday, login, client):
    login(cast.sid)
    assert client.get("/events/ideas/").status_code == 404
    make_event(cast, organizers=[cast.sid])
    assert client.get("/events/ideas/").status_code == 200


def test_nobody_but_the_people_who_run_it_learns_how_many_are_coming(
    cast: Cast, monday, login, client
):
    occurrence = make_event(cast, capacity=10).occurrences.get()
    for person in (cast.alice, cast.sid):
        reply_set(actor=person.user, occurrence_id=occurrence.pk, answer="going")
    login(cast.hana)
    page = _page(client, occurrence)
    assert "Places available." in page and "8 places" not in page
    (row,) = client.get("/api/v1/wellness-events/occurrences/").json()["results"]
    assert row["full"] is False and "places_left" not in row
    client.logout()
    login(cast.mia)
    assert "8 places left" in _page(client, occurrence)


def test_a_co_organizer_edits_through_the_form_and_keeps_the_others(
    cast: Cast, monday, login, client
):
    event = make_event(cast, organizers=[cast.sid], audience="team", team_lead=cast.bob)
    login(cast.sid)
    form = client.get(f"/events/series/{event.pk}/edit/")
    assert 'name="organizers"' not in form.content.decode()
    data = {
        "title": "Team walk",
        "kind": "nature",
        "starts_on": "2027-01-12",
        "start_time": "12:00",
        "end_time": "13:00",
        "timezone": "America/Chicago",
        "times": "1",
        "place": "in_person",
        "location": "Riverside Park, north gate",
        "audience": "team",
        "team_lead": str(cast.bob.pk),
    }
    response = client.post(f"/events/series/{event.pk}/edit/", data)
    assert response.status_code == 302, _text(response)[:2000]
    assert sorted(p.chosen_name for p in event.organizers.all()) == ["Mia", "Sid"]


def test_participation_leaves_out_the_replies_of_the_people_who_read_it(
    cast: Cast, monday, login, client, time_machine
):
    """Five specialists and mia said they'd come: mia (who reads the page) sees 5, never 6, so
    "the total less my own reply" tells her nothing new."""
    occurrence = make_event(cast, capacity=20).occurrences.get()
    people = [
        ProfileFactory(organization=cast.harbor, roles=[Role.PEER_SPECIALIST]) for _ in range(5)
    ]
    for person in [*people, cast.mia]:
        reply_set(actor=person.user, occurrence_id=occurrence.pk, answer="going")
    time_machine.move_to("2027-02-02T12:00:00Z", tick=False)
    login(cast.mia)
    page = client.get("/events/participation/").content.decode()
    assert "<td>5</td>" in page and "<td>6</td>" not in page
