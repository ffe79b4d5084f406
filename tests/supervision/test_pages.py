"""Supervision pages through the test client: scheduling with conflict warnings, the
session page for each role (notes for the pair only; HR and other supervisors get 404),
logging, reflecting and signing, calendars read back with the icalendar library, the
attestation PDF read back, compliance and HR's hours."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, datetime, time

import icalendar
import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from core import ics
from supervision.assignments import assignment_save
from supervision.logs import facts_digest, session_log, session_reflect, session_sign
from supervision.models import SessionStatus, SupervisionSession, SupervisorAssignment
from supervision.scheduling import Plan, session_schedule
from tests.conftest import Cast
from tests.factories import ProfileFactory
from workforce.models import AuditEvent, Role, RoleGrant

NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
HELD = datetime(2026, 3, 9, 15, 0, tzinfo=UTC)
NOTES = "Talked through the hardest call of the week."
REFLECTION = "I noticed I carry calls home."


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def _supervised_since_january(cast: Cast) -> None:
    SupervisorAssignment.objects.update(starts_on=date(2026, 1, 1))


def _session(cast: Cast, on: date = date(2026, 3, 9), **changes) -> SupervisionSession:
    values = {
        "supervisor": cast.bob,
        "participants": (cast.alice,),
        "kind": "individual",
        "format": "video",
        "on": on,
        "at": time(10, 0),
        "timezone": "America/Chicago",
        "duration_minutes": 60,
        "link": "https://meet.example/bob-alice",
    }
    plan = Plan(**{**values, **changes})
    (session,) = session_schedule(actor=cast.bob.user, plan=plan, allow_conflicts=True)
    return session


def _held(cast: Cast, signed: bool = True) -> SupervisionSession:
    session = session_log(
        actor=cast.bob.user,
        session=_session(cast),
        held=True,
        held_at=HELD,
        held_minutes=50,
        topics=["boundaries", "career"],
        notes=NOTES,
        action_items="Call the clinic on Friday.",
    )
    session_reflect(actor=cast.alice.user, session=session, text=REFLECTION)
    if signed:
        for person in (cast.bob, cast.alice):
            session_sign(actor=person.user, session=session, digest=facts_digest(session))
    return session


# --- scheduling ------------------------------------------------------------------------------


def _schedule_body(cast: Cast, **changes) -> dict[str, object]:
    return {
        "supervisor": cast.bob.pk,
        "participants": [cast.alice.pk],
        "kind": "individual",
        "format": "in_person",
        "location": "Room 2",
        "on": "2026-03-16",
        "at": "10:00",
        "timezone": "America/New_York",
        "duration_minutes": "60",
        "repeat": "2",
        "count": "3",
        **changes,
    }


def test_a_supervisor_schedules_a_recurring_session(cast: Cast, login) -> None:
    bob = login(cast.bob)
    response = bob.post("/supervision/schedule/", _schedule_body(cast))
    assert response.status_code == 302
    sessions = list(SupervisionSession.objects.order_by("starts_at"))
    assert [s.starts_at.date() for s in sessions] == [
        date(2026, 3, 16),
        date(2026, 3, 30),
        date(2026, 4, 13),
    ]
    assert all(s.starts_at.hour == 14 for s in sessions)  # 10:00 New York, summer time


def test_an_overlap_is_shown_and_can_be_scheduled_anyway(cast: Cast, login) -> None:
    _session(cast, on=date(2026, 3, 16), at=time(9, 30), timezone="America/New_York")
    bob = login(cast.bob)
    body = _schedule_body(cast, repeat="", count="")
    response = bob.post("/supervision/schedule/", body)
    assert response.status_code == 200
    assert "This overlaps with other sessions" in response.content.decode()
    assert SupervisionSession.objects.count() == 1
    response = bob.post("/supervision/schedule/", {**body, "allow_conflicts": "on"})
    assert response.status_code == 302
    assert SupervisionSession.objects.count() == 2


def test_bad_schedule_input_is_explained_and_saves_nothing(cast: Cast, login) -> None:
    bob = login(cast.bob)
    response = bob.post(
        "/supervision/schedule/", _schedule_body(cast, location="", duration_minutes="5")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Please say where you&#x27;ll meet." in page
    assert "Ensure this value is greater than or equal to 15." in page
    assert not SupervisionSession.objects.exists()


@pytest.mark.parametrize("who", ["alice", "hana", "sid"])
def test_people_who_dont_schedule_get_404(cast: Cast, login, who: str) -> None:
    client = login(cast.by_name(who))
    assert client.get("/supervision/schedule/").status_code == 404
    assert client.post("/supervision/schedule/", _schedule_body(cast)).status_code == 404


def test_a_supervisor_can_only_pick_their_own_supervisees(cast: Cast, login) -> None:
    page = login(cast.bob).get("/supervision/schedule/").content.decode()
    assert " Alice</label>" in page and " Sid</label>" not in page


# --- the session page ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status", "notes"),
    [
        ("bob", 200, True),
        ("alice", 200, True),
        ("mia", 200, False),
        ("adam", 200, False),
        ("hana", 404, False),
        ("sid", 404, False),
        ("charlie", 404, False),
    ],
)
def test_who_sees_a_session_and_its_notes(cast: Cast, login, who, status, notes) -> None:
    session = _held(cast)
    response = login(cast.by_name(who)).get(f"/supervision/sessions/{session.pk}/")
    assert response.status_code == status
    page = response.content.decode()
    assert (NOTES in page) is notes
    assert ("Call the clinic" in page) is notes
    assert REFLECTION not in page or who in ("bob", "alice")
    if status == 200:
        assert "50 minutes" in page
        # Topics and the video link are the pair's, like the notes.
        assert ("Boundaries" in page) is notes
        assert ("meet.example" in page) is notes


def test_another_supervisor_gets_404(cast: Cast, login) -> None:
    other = ProfileFactory(organization=cast.harbor, roles=[Role.SUPERVISOR])
    session = _held(cast)
    client = login(other)
    for path in ("", "session.ics"):
        assert client.get(f"/supervision/sessions/{session.pk}/{path}").status_code == 404
    assert client.post(f"/supervision/sessions/{session.pk}/sign/").status_code == 404


def test_the_supervisor_reading_a_reflection_is_in_the_audit_log(cast: Cast, login) -> None:
    session = _held(cast)
    page = login(cast.bob).get(f"/supervision/sessions/{session.pk}/").content.decode()
    assert REFLECTION in page
    event = AuditEvent.objects.get(subject=cast.alice)
    assert (event.actor, event.target_type) == (cast.bob.user, "supervision.reflection")
    login(cast.alice, Client()).get(f"/supervision/sessions/{session.pk}/")
    assert AuditEvent.objects.count() == 1  # her own reads aren't logged


def test_log_reflect_and_sign_through_the_pages(cast: Cast, login) -> None:
    session = _session(cast)
    bob = login(cast.bob)
    response = bob.post(
        f"/supervision/sessions/{session.pk}/log/",
        {
            "held": "yes",
            "held_on": "2026-03-09",
            "held_time": "10:05",
            "held_minutes": "55",
            "format": "video",
            "topics": ["vicarious_trauma", "caseload"],
            "notes": NOTES,
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.held_at == datetime(2026, 3, 9, 15, 5, tzinfo=UTC)  # 10:05 in Chicago
    alice = login(cast.alice, Client())
    page = alice.get("/supervision/").content.decode()
    assert "Waiting for your signature" in page
    page = alice.get(f"/supervision/sessions/{session.pk}/").content.decode()
    digest = re.search(r'name="digest" value="([^"]+)"', page).group(1)
    alice.post(f"/supervision/sessions/{session.pk}/reflection/", {"reflection": REFLECTION})
    alice.post(f"/supervision/sessions/{session.pk}/sign/", {"digest": digest})
    bob.post(f"/supervision/sessions/{session.pk}/sign/", {"digest": digest})
    session.refresh_from_db()
    assert session.locked
    assert "Waiting for your signature" not in alice.get("/supervision/").content.decode()


def test_a_bad_log_is_a_form_error_and_changes_nothing(cast: Cast, login) -> None:
    session = _session(cast)
    response = login(cast.bob).post(
        f"/supervision/sessions/{session.pk}/log/",
        {"held": "yes", "held_on": "", "held_time": "", "held_minutes": "999"},
    )
    assert response.status_code == 400
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED and session.logged_at is None


def test_a_manager_cancels_with_a_reason(cast: Cast, login) -> None:
    session = _session(cast, on=date(2026, 3, 20))
    mia = login(cast.mia)
    assert (
        mia.post(f"/supervision/sessions/{session.pk}/cancel/", {"reason": ""}).status_code == 400
    )
    mia.post(f"/supervision/sessions/{session.pk}/cancel/", {"reason": "Office closed"})
    session.refresh_from_db()
    assert (session.status, session.status_reason) == ("cancelled", "Office closed")


# --- calendars -------------------------------------------------------------------------------


def _events(text: bytes) -> list:
    calendar = icalendar.Calendar.from_ical(text)
    return [c for c in calendar.walk() if c.name == "VEVENT"]


def test_a_sessions_ics_parses_and_carries_no_notes(cast: Cast, login) -> None:
    session = _held(cast)
    response = login(cast.alice).get(f"/supervision/sessions/{session.pk}/session.ics")
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = _events(response.content)
    assert event.decoded("dtstart") == session.starts_at
    assert event.decoded("dtend") == session.ends_at
    assert str(event["summary"]) == "Supervision: Bob and Alice"
    assert "https://meet.example/bob-alice" in str(event["description"])
    assert NOTES not in response.content.decode()
    assert (
        login(cast.mia, Client()).get(f"/supervision/sessions/{session.pk}/session.ics").status_code
        == 404
    )


def test_the_private_feed_subscribes_and_stops_when_revoked(cast: Cast, login) -> None:
    first = _session(cast, on=date(2026, 3, 16))
    second = _session(cast, on=date(2026, 3, 23))
    alice = login(cast.alice)
    page = alice.post("/supervision/calendar/", {"action": "create"}).content.decode()
    url = re.search(r'value="(http[^"]+\.ics)"', page).group(1)
    path = url.split("testserver", 1)[-1]
    anonymous = Client()
    response = anonymous.get(path)
    assert response.status_code == 200
    events = _events(response.content)
    host = ics.host_of(settings.BASE_URL)
    assert {str(e["uid"]) for e in events} == {
        f"supervision-session-{first.pk}@{host}",
        f"supervision-session-{second.pk}@{host}",
    }
    mia = login(cast.mia, Client())
    mia.post(f"/supervision/sessions/{second.pk}/cancel/", {"reason": "Holiday"})
    events = {str(e["uid"]): e for e in _events(anonymous.get(path).content)}
    cancelled = events[f"supervision-session-{second.pk}@{host}"]
    assert (str(cancelled["status"]), int(cancelled["sequence"])) == ("CANCELLED", 1)
    alice.post("/supervision/calendar/", {"action": "revoke"})
    assert anonymous.get(path).status_code == 404


def test_a_new_feed_address_stops_the_old_one(cast: Cast, login) -> None:
    alice = login(cast.alice)
    pattern = r'value="http://testserver(/[^"]+\.ics)"'
    old = re.search(pattern, alice.post("/supervision/calendar/", {}).content.decode()).group(1)
    new = re.search(pattern, alice.post("/supervision/calendar/", {}).content.decode()).group(1)
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200
    assert Client().get("/supervision/calendar/not-a-token.ics").status_code == 404


# --- attestation, compliance, hours ----------------------------------------------------------


def _attestation(client: Client, person) -> PdfReader:
    response = client.get(
        f"/supervision/people/{person.pk}/attestation/",
        {"start": "2026-01-01", "end": "2026-03-31"},
    )
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def test_the_attestation_lists_signed_sessions_without_notes(cast: Cast, login) -> None:
    _held(cast)
    _held(cast, signed=False)  # logged, not signed: not attested
    text = " ".join(p.extract_text() for p in _attestation(login(cast.alice), cast.alice).pages)
    assert "Supervised hours attestation" in text
    assert "Signed sessions: 1 · Supervised hours: 0.83" in " ".join(text.split())
    assert "2026-03-09" in text and "50" in text and "Boundaries" in text
    assert "Career & certification" in text and "Bob" in text
    assert NOTES not in text and REFLECTION not in text and "clinic" not in text


@pytest.mark.parametrize(
    ("who", "status"), [("bob", 200), ("hana", 404), ("mia", 404), ("adam", 404)]
)
def test_who_can_download_an_attestation(cast: Cast, login, who, status) -> None:
    """It lists each session and its topics: the person (who hands it in) and their
    supervisor. HR has the hours totals; managers the dates and lengths."""
    _held(cast)
    response = login(cast.by_name(who)).get(
        f"/supervision/people/{cast.alice.pk}/attestation/",
        {"start": "2026-01-01", "end": "2026-03-31"},
    )
    assert response.status_code == status


@pytest.mark.parametrize("who", ["sid", "charlie"])
def test_others_get_404_for_an_attestation(cast: Cast, login, who) -> None:
    response = login(cast.by_name(who)).get(f"/supervision/people/{cast.alice.pk}/attestation/")
    assert response.status_code == 404


def test_compliance_for_managers_only(cast: Cast, login) -> None:
    assignment_save(
        actor=cast.mia.user, supervisor=cast.bob, specialist=cast.sid, starts_on=date(2026, 1, 5)
    )
    _held(cast)
    response = login(cast.mia).get("/supervision/compliance/")
    assert response.status_code == 200
    rows = {r.person.chosen_name: r for r in response.context["rows"]}
    assert rows["Alice"].held_minutes == 50 and not rows["Alice"].overdue
    assert rows["Sid"].overdue and rows["Sid"].days_since is None
    assert rows["Alice"].expected_minutes == 120  # 60 every 2 weeks, 28 days
    assert NOTES not in response.content.decode()
    by_team = login(cast.mia, Client()).get("/supervision/compliance/", {"view": "teams"})
    (team,) = by_team.context["teams"]
    assert (team.supervisor, team.people, team.overdue, team.held_minutes) == (cast.bob, 2, 1, 50)
    assert NOTES not in by_team.content.decode()
    overdue = login(cast.mia).get("/supervision/compliance/", {"overdue": "1"})
    assert [r.person.chosen_name for r in overdue.context["rows"]] == ["Sid"]
    assert f'<option value="{cast.bob.pk}">Bob</option>' in overdue.content.decode()
    for who in ("bob", "hana", "alice"):
        assert login(cast.by_name(who), Client()).get("/supervision/compliance/").status_code == 404
    elsewhere = login(cast.charlie, Client()).get("/supervision/compliance/")
    assert elsewhere.context["rows"] == [] and elsewhere.context["team_options"] == ""


def test_compliance_shows_what_changed_since_it_was_last_read(cast: Cast, login) -> None:
    """Its figures are kept between requests (core.versions) until supervision or staff
    change: a session logged, a new assignment, a renamed person all show at once."""
    mia = login(cast.mia)

    def minutes() -> dict[str, int]:
        rows = mia.get("/supervision/compliance/").context["rows"]
        return {row.person.chosen_name: row.held_minutes for row in rows}

    def teams() -> list[tuple[str, int, int]]:
        response = mia.get("/supervision/compliance/", {"view": "teams"})
        return [
            (t.supervisor.chosen_name, t.people, t.held_minutes) for t in response.context["teams"]
        ]

    assert minutes() == {"Alice": 0} and teams() == [("Bob", 1, 0)]
    assert "<td>Bob</td>" in mia.get("/supervision/compliance/").content.decode()
    _held(cast)
    assert minutes() == {"Alice": 50} and teams() == [("Bob", 1, 50)]
    assignment_save(
        actor=cast.mia.user, supervisor=cast.bob, specialist=cast.sid, starts_on=date(2026, 1, 5)
    )
    cast.bob.chosen_name = "Robert"
    cast.bob.save()
    assert minutes() == {"Alice": 50, "Sid": 0} and teams() == [("Robert", 2, 50)]
    page = mia.get("/supervision/compliance/").content.decode()
    assert f'<option value="{cast.bob.pk}">Robert</option>' in page
    assert "<td>Robert</td>" in page and "<td>Bob</td>" not in page  # the kept table too


def test_compliance_runs_a_constant_number_of_queries(cast: Cast, login) -> None:
    client = login(cast.mia)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/supervision/compliance/").status_code == 200
        return len(captured)

    _held(cast)
    small = count()
    for _ in range(5):
        person = ProfileFactory(organization=cast.harbor, roles=[Role.PEER_SPECIALIST])
        assignment_save(actor=cast.mia.user, supervisor=cast.bob, specialist=person)
    assert count() == small
    assert count() == 3  # kept (core.versions): the session, who is asking, unread notes


def test_hr_sees_signed_hours_only(cast: Cast, login) -> None:
    _held(cast)
    response = login(cast.hana).get(
        "/supervision/hours/", {"start": "2026-01-01", "end": "2026-03-31"}
    )
    page = response.content.decode()
    hours = {p.chosen_name: p.hours for p in response.context["page"]}
    assert str(hours["Alice"]) == "0.83" and str(hours["Sid"]) == "0.00"
    assert NOTES not in page and "Boundaries" not in page
    assert login(cast.bob, Client()).get("/supervision/hours/").status_code == 404


def test_managers_set_the_cadence(cast: Cast, login) -> None:
    mia = login(cast.mia)
    body = {
        "supervisor": cast.bob.pk,
        "specialist": cast.sid.pk,
        "kind": "primary",
        "starts_on": "2026-03-01",
        "cadence_minutes": "90",
        "cadence_kind": "group",
        "cadence_every": "1",
        "cadence_unit": "months",
    }
    assert mia.post("/supervision/assignments/add/", body).status_code == 302
    link = cast.sid.supervisor_links.get()
    assert (link.cadence_minutes, link.cadence_kind, link.cadence_days) == (90, "group", 30)
    response = mia.post("/supervision/assignments/add/", body)  # a second primary
    assert "already have a primary supervisor" in response.content.decode()
    assert cast.sid.supervisor_links.count() == 1
    for who in ("bob", "hana", "alice"):
        assert (
            login(cast.by_name(who), Client()).get("/supervision/assignments/").status_code == 404
        )


def test_the_home_page_shows_the_next_session_what_to_sign_and_whos_due(cast: Cast, login) -> None:
    _held(cast, signed=False)
    _session(cast, on=date(2026, 3, 17))
    page = login(cast.alice).get("/dashboard/")
    assert page.context["supervision"].next.starts_at.date() == date(2026, 3, 17)
    text = page.content.decode()
    assert "Tuesday 17 March, 10:00 AM" in text or "Tuesday 17 March, 11:00 AM" in text
    assert "1 session waiting for your signature." in text
    assert login(cast.bob, Client()).get("/dashboard/").context["supervision"].to_sign == 1
    manager = login(cast.mia, Client()).get("/dashboard/")
    assert manager.context["supervision"].overdue == 0  # Alice met last week
    assert "0 people have had no supervision within their cadence." in manager.content.decode()


def test_my_supervision_runs_a_constant_number_of_queries(cast: Cast, login) -> None:
    client = login(cast.alice)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/supervision/").status_code == 200
        return len(captured)

    _held(cast, signed=False)
    _session(cast, on=date(2026, 3, 12))  # every list has something: each prefetch runs
    small = count()
    for day in (16, 23, 30):
        _session(cast, on=date(2026, 3, day))
    _held(cast, signed=False)
    assert count() == small


def test_compliance_counts_a_session_on_the_periods_last_evening_and_not_the_next_morning(
    cast: Cast, login
) -> None:
    """The period's days are the organization's (Chicago): 23:30 on 31 March counts in March,
    00:30 on 1 April doesn't, though both are 1 April in UTC."""
    for day, at in ((date(2026, 3, 31), time(23, 30)), (date(2026, 4, 1), time(0, 30))):
        _session(cast, on=day, at=at)
    with time_machine.travel(datetime(2026, 4, 2, 15, 0, tzinfo=UTC), tick=False):
        for session in SupervisionSession.objects.filter(status="scheduled"):
            session_log(
                actor=cast.bob.user,
                session=session,
                held=True,
                held_at=session.starts_at,
                held_minutes=30,
                topics=["caseload"],
            )
        march = login(cast.mia).get(
            "/supervision/compliance/", {"start": "2026-03-01", "end": "2026-03-31"}
        )
        (alice,) = march.context["rows"]
        assert (alice.held_sessions, alice.held_minutes) == (1, 30)
        april = login(cast.mia, Client()).get(
            "/supervision/compliance/", {"start": "2026-04-01", "end": "2026-04-30"}
        )
        (alice,) = april.context["rows"]
        assert (alice.held_sessions, alice.held_minutes, alice.previous_minutes) == (1, 30, 30)


def test_someone_just_assigned_isnt_overdue_and_is_expected_only_their_share(
    cast: Cast, login
) -> None:
    with time_machine.travel(datetime(2026, 3, 3, 15, 0, tzinfo=UTC), tick=False):
        assignment_save(actor=cast.mia.user, supervisor=cast.bob, specialist=cast.sid)
    page = login(cast.mia).get("/supervision/compliance/")  # the last 28 days, to 10 March
    rows = {r.person.chosen_name: r for r in page.context["rows"]}
    # Sid: assigned 3 March, 8 days of the period: 60 minutes every 14 days → 34.
    assert (rows["Sid"].expected_minutes, rows["Sid"].overdue) == (34, False)
    with time_machine.travel(datetime(2026, 3, 18, 15, 0, tzinfo=UTC), tick=False):
        later = login(cast.mia, Client()).get("/supervision/compliance/", {"overdue": "1"})
        assert "Sid" in [r.person.chosen_name for r in later.context["rows"]]  # 15 days on
    now_overdue = login(cast.mia, Client()).get("/supervision/compliance/", {"overdue": "1"})
    assert "Sid" not in [r.person.chosen_name for r in now_overdue.context["rows"]]


def test_compliance_counts_days_in_the_organizations_zone_whoever_asks(cast: Cast) -> None:
    """20:00 in Chicago is already tomorrow in UTC (an API token has no zone): the period
    still ends on the organization's today."""
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=cast.mia.user)
    client = Client(headers={"Authorization": f"Bearer {token.key}"})
    with time_machine.travel(datetime(2026, 3, 11, 1, 0, tzinfo=UTC), tick=False):
        body = client.get("/api/v1/supervision/compliance/").json()
    assert body["end"] == "2026-03-10"


def test_the_email_switch_is_on_my_supervision_page_too(cast: Cast, login) -> None:
    alice = login(cast.alice)
    assert 'id="work_emails" checked' in alice.get("/supervision/").content.decode()
    response = alice.post("/training/emails/", {"next": "/supervision/"})
    assert response.status_code == 302 and response["Location"] == "/supervision/"
    cast.alice.refresh_from_db()
    assert cast.alice.work_emails is False


# --- honest figures: held and expected over the same window ----------------------------------


def _log_held(cast: Cast, on: date, minutes: int = 50) -> None:
    session = _session(cast, on=on)
    session_log(
        actor=cast.bob.user,
        session=session,
        held=True,
        held_at=session.starts_at,
        held_minutes=minutes,
        topics=["caseload"],
    )


def _alice_row(cast: Cast, login, **period) -> object:
    page = login(cast.mia, Client()).get("/supervision/compliance/", period)
    return next(r for r in page.context["rows"] if r.person == cast.alice)


def test_sessions_before_supervision_was_expected_count_against_nothing_so_not_at_all(
    cast: Cast, login
) -> None:
    """Alice is assigned on 3 March; the period is the 28 days to 10 March. A session on
    1 March came before anything was expected of her: it isn't counted, and only her 8 days'
    share is expected."""
    _log_held(cast, date(2026, 3, 1))
    _log_held(cast, date(2026, 3, 5))
    SupervisorAssignment.objects.update(starts_on=date(2026, 3, 3))
    alice = _alice_row(cast, login)
    assert (alice.held_sessions, alice.held_minutes, alice.expected_minutes) == (1, 50, 34)
    assert alice.trend == "new"


def test_a_new_supervisor_carries_on_what_was_expected(cast: Cast, login) -> None:
    """Bob supervised Alice from January to 24 February; Sid (a supervisor now) from the 25th.
    The period still expects all 28 days and counts both supervisors' sessions."""
    _log_held(cast, date(2026, 2, 20))
    SupervisorAssignment.objects.update(ends_on=date(2026, 2, 24))
    RoleGrant.objects.create(profile=cast.sid, role=Role.SUPERVISOR)
    SupervisorAssignment.objects.create(
        organization=cast.harbor,
        supervisor=cast.sid,
        specialist=cast.alice,
        starts_on=date(2026, 2, 25),
    )
    alice = _alice_row(cast, login)
    # 60 minutes every 14 days over 28 days: 120, as if Bob still supervised her; and the
    # change didn't restart the clock: nothing since 20 February is overdue.
    assert (alice.expected_minutes, alice.held_minutes, alice.overdue) == (120, 50, True)
    assert alice.trend == "up"


def test_far_above_the_cadence_reads_in_words_never_as_999_percent(cast: Cast, login) -> None:
    for day in (4, 5, 6, 9):
        _log_held(cast, date(2026, 3, day), minutes=120)
    page = login(cast.mia).get("/supervision/compliance/")
    text = page.content.decode()
    assert "well above the cadence" in text
    assert "999%" not in text and "(0)" not in text
    (alice,) = page.context["rows"]
    assert alice.percent == 400 and alice.well_above
