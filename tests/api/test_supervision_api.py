"""The supervision API, the second front door: the same rules as the pages. Managers and
admins see sessions' facts, never notes; HR sees hours totals only; another supervisor, a
colleague or another organization gets 404; writes by anyone not allowed are 404 too."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, time

import icalendar
import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader
from rest_framework.authtoken.models import Token

from supervision.logs import facts_digest, session_log
from supervision.models import SessionStatus, SupervisionSession, SupervisorAssignment
from supervision.scheduling import Plan, session_schedule
from tests.api.errors import errors
from tests.conftest import Cast
from tests.factories import ProfileFactory
from workforce.models import AuditEvent, Role, StaffProfile

API = "/api/v1/supervision"
NOW = datetime(2026, 3, 10, 18, 0, tzinfo=UTC)
HELD = datetime(2026, 3, 9, 15, 0, tzinfo=UTC)
NOTES = "The hard call, talked through."
REFLECTION = "Calmer after talking it through."


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def _supervised_since_january(cast: Cast) -> None:
    SupervisorAssignment.objects.update(starts_on=date(2026, 1, 1))


def _bearer(profile: StaffProfile) -> Client:
    token, _created = Token.objects.get_or_create(user=profile.user)
    return Client(headers={"Authorization": f"Bearer {token.key}"})


def _post(client: Client, path: str, body: object = None, method: str = "post"):
    return getattr(client, method)(path, body or {}, content_type="application/json")


def _session(cast: Cast, on: date = date(2026, 3, 9)) -> SupervisionSession:
    (session,) = session_schedule(
        actor=cast.bob.user,
        plan=Plan(
            supervisor=cast.bob,
            participants=(cast.alice,),
            kind="individual",
            format="phone",
            on=on,
            at=time(10, 0),
            timezone="America/Chicago",
            duration_minutes=60,
        ),
        allow_conflicts=True,
    )
    return session


def _logged(cast: Cast) -> SupervisionSession:
    return session_log(
        actor=cast.bob.user,
        session=_session(cast),
        held=True,
        held_at=HELD,
        held_minutes=45,
        topics=["caseload"],
        notes=NOTES,
    )


def test_schedule_a_series_through_the_api(cast: Cast) -> None:
    body = {
        "supervisor": cast.bob.pk,
        "participants": [cast.alice.pk],
        "kind": "individual",
        "format": "video",
        "link": "https://meet.example/x",
        "on": "2026-03-16",
        "at": "10:00",
        "timezone": "America/New_York",
        "duration_minutes": 60,
        "every_weeks": 1,
        "count": 2,
    }
    response = _post(_bearer(cast.bob), f"{API}/sessions/", body)
    assert response.status_code == 201, response.json()
    assert [s["starts_at"] for s in response.json()] == [
        "2026-03-16T10:00:00-04:00",  # 14:00 UTC: 10:00 in New York, summer time, shown in
        "2026-03-23T10:00:00-04:00",  # Bob's own zone, as his pages show it
    ]
    again = _post(_bearer(cast.bob), f"{API}/sessions/", {**body, "count": 1})
    assert again.status_code == 400 and "count" in errors(again)
    clash = _post(
        _bearer(cast.bob), f"{API}/sessions/", {**body, "every_weeks": None, "count": None}
    )
    assert clash.status_code == 400 and len(errors(clash)["conflicts"]) == 2
    assert SupervisionSession.objects.count() == 2


@pytest.mark.parametrize("who", ["alice", "hana", "sid"])
def test_people_who_dont_schedule_get_404(cast: Cast, who: str) -> None:
    body = {"supervisor": cast.bob.pk, "participants": [cast.alice.pk]}
    assert _post(_bearer(cast.by_name(who)), f"{API}/sessions/", body).status_code == 404


def test_another_organizations_people_do_not_exist_for_a_manager(cast: Cast) -> None:
    elsewhere = ProfileFactory(organization=cast.elsewhere, roles=[Role.PROGRAM_MANAGER])
    body = {"supervisor": cast.bob.pk, "participants": [cast.alice.pk], "kind": "individual"}
    response = _post(_bearer(elsewhere), f"{API}/sessions/", body)
    assert response.status_code == 400 and "supervisor" in errors(response)
    assert not SupervisionSession.objects.exists()
    assert _post(_bearer(cast.charlie), f"{API}/sessions/", body).status_code == 404


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
def test_who_reads_a_session_and_its_notes(cast: Cast, who, status, notes) -> None:
    session = _logged(cast)
    response = _bearer(cast.by_name(who)).get(f"{API}/sessions/{session.pk}/")
    assert response.status_code == status
    if status == 200:
        body = response.json()
        assert body["held_minutes"] == 45
        assert (body.get("topics") == ["caseload"]) is notes
        assert ("notes" in body) is notes and ("link" in body) is notes
        assert (NOTES in response.content.decode()) is notes


def test_the_list_is_scoped_and_never_carries_notes(cast: Cast) -> None:
    session = _logged(cast)
    other = ProfileFactory(organization=cast.harbor, roles=[Role.SUPERVISOR])
    for who, expected in ((cast.mia, [session.pk]), (cast.alice, [session.pk]), (other, [])):
        response = _bearer(who).get(f"{API}/sessions/")
        assert [s["id"] for s in response.json()["results"]] == expected
        assert NOTES not in response.content.decode()
    assert _bearer(cast.hana).get(f"{API}/sessions/").json()["results"] == []
    assert _bearer(cast.charlie).get(f"{API}/sessions/").json()["results"] == []


def test_reflect_sign_and_lock(cast: Cast) -> None:
    session = _logged(cast)
    alice, bob = _bearer(cast.alice), _bearer(cast.bob)
    response = _post(
        alice, f"{API}/sessions/{session.pk}/reflection/", {"reflection": REFLECTION}, "put"
    )
    assert response.json()["reflections"] == [{"person": cast.alice.pk, "reflection": REFLECTION}]
    digest = facts_digest(session)
    stale = _post(alice, f"{API}/sessions/{session.pk}/sign/", {"facts_digest": "old"})
    assert stale.status_code == 400
    assert (
        _post(alice, f"{API}/sessions/{session.pk}/sign/", {"facts_digest": digest}).status_code
        == 200
    )
    body = _post(bob, f"{API}/sessions/{session.pk}/sign/", {"facts_digest": digest}).json()
    assert body["locked_at"] is not None
    assert body["reflections"] == [{"person": cast.alice.pk, "reflection": REFLECTION}]
    assert AuditEvent.objects.filter(subject=cast.alice, actor=cast.bob.user).exists()
    relog = _post(bob, f"{API}/sessions/{session.pk}/log/", {"held": True, "held_minutes": 90})
    assert relog.status_code == 400
    amend = _post(
        bob, f"{API}/sessions/{session.pk}/amend/", {"reason": "Ended early", "held_minutes": 40}
    )
    assert amend.status_code == 200 and amend.json()["held_minutes"] == 40


@pytest.mark.parametrize("who", ["mia", "hana", "sid", "charlie", "alice"])
def test_only_the_sessions_supervisor_logs_and_corrects_it(cast: Cast, who) -> None:
    session = _session(cast)
    client = _bearer(cast.by_name(who))
    body = {"held": True, "held_at": HELD.isoformat(), "held_minutes": 30}
    assert _post(client, f"{API}/sessions/{session.pk}/log/", body).status_code == 404
    session.refresh_from_db()
    assert session.status == SessionStatus.SCHEDULED


@pytest.mark.parametrize("who", ["hana", "sid", "charlie", "alice"])
def test_only_the_supervisor_and_managers_cancel(cast: Cast, who) -> None:
    session = _session(cast, on=date(2026, 3, 20))
    client = _bearer(cast.by_name(who))
    assert _post(client, f"{API}/sessions/{session.pk}/cancel/", {"reason": "x"}).status_code == 404
    ok = _post(_bearer(cast.mia), f"{API}/sessions/{session.pk}/cancel/", {"reason": "Closed"})
    assert ok.status_code == 200 and ok.json()["status"] == "cancelled"


def test_the_ics_parses_for_the_pair_only(cast: Cast) -> None:
    session = _session(cast, on=date(2026, 3, 20))
    response = _bearer(cast.alice).get(f"{API}/sessions/{session.pk}/ics/")
    (event,) = [c for c in icalendar.Calendar.from_ical(response.content).walk("VEVENT")]
    assert event.decoded("dtstart") == session.starts_at
    assert _bearer(cast.mia).get(f"{API}/sessions/{session.pk}/ics/").status_code == 404


def test_managers_set_assignments_and_others_get_404(cast: Cast) -> None:
    body = {
        "supervisor": cast.bob.pk,
        "specialist": cast.sid.pk,
        "kind": "primary",
        "cadence_minutes": 60,
        "cadence_every": 1,
        "cadence_unit": "months",
    }
    for who in ("bob", "hana", "alice"):
        assert _post(_bearer(cast.by_name(who)), f"{API}/assignments/", body).status_code == 404
    elsewhere = _post(_bearer(cast.charlie), f"{API}/assignments/", body)
    assert elsewhere.status_code == 400 and "specialist" in errors(elsewhere)
    created = _post(_bearer(cast.mia), f"{API}/assignments/", body)
    assert created.status_code == 201 and created.json()["cadence_days"] == 30
    bad = _post(_bearer(cast.mia), f"{API}/assignments/", body)
    assert bad.status_code == 400 and "kind" in errors(bad)
    pk = created.json()["id"]
    patched = _post(_bearer(cast.mia), f"{API}/assignments/{pk}/", {"cadence_every": 2}, "patch")
    assert patched.json()["cadence_days"] == 60 and patched.json()["specialist"] == cast.sid.pk
    assert _bearer(cast.bob).get(f"{API}/assignments/").json()["count"] == 2  # his own
    assert _bearer(cast.sid).get(f"{API}/assignments/").json()["count"] == 1
    assert _bearer(cast.charlie).get(f"{API}/assignments/").json()["count"] == 0


def test_compliance_hours_and_attestation(cast: Cast) -> None:
    session = _logged(cast)
    for who in (cast.bob, cast.alice):
        _post(
            _bearer(who),
            f"{API}/sessions/{session.pk}/sign/",
            {"facts_digest": facts_digest(session)},
        )
    body = _bearer(cast.mia).get(f"{API}/compliance/").json()
    (alice,) = [r for r in body["results"] if r["name"] == "Alice"]
    assert alice["held_minutes"] == 45 and alice["overdue"] is False
    assert body["teams"][0]["name"] == "Bob"
    assert NOTES not in str(body)
    for who in ("bob", "hana", "alice"):
        assert _bearer(cast.by_name(who)).get(f"{API}/compliance/").status_code == 404
    hours = _bearer(cast.hana).get(f"{API}/hours/", {"start": "2026-01-01", "end": "2026-03-31"})
    assert {r["name"]: r["signed_hours"] for r in hours.json()["results"]}["Alice"] == "0.75"
    bad = _bearer(cast.hana).get(f"{API}/hours/", {"start": "2026-03-31", "end": "2026-01-01"})
    assert bad.status_code == 400 and "end" in errors(bad)
    assert _bearer(cast.bob).get(f"{API}/hours/").status_code == 404
    assert _bearer(cast.hana).get(f"{API}/people/{cast.alice.pk}/attestation/").status_code == 404
    pdf = _bearer(cast.alice).get(
        f"{API}/people/{cast.alice.pk}/attestation/", {"start": "2026-01-01", "end": "2026-03-31"}
    )
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Supervised hours: 0.75" in text and NOTES not in text
    for who in ("sid", "charlie", "mia"):
        response = _bearer(cast.by_name(who)).get(f"{API}/people/{cast.alice.pk}/attestation/")
        assert response.status_code == 404


def test_the_session_list_runs_a_constant_number_of_queries(cast: Cast) -> None:
    client = _bearer(cast.mia)
    _logged(cast)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{API}/sessions/").status_code == 200
        return len(captured)

    small = count()
    for day in range(10, 20):
        _session(cast, on=date(2026, 3, day))
    assert count() == small


def test_another_supervisor_gets_404_for_a_session_and_its_actions(cast: Cast) -> None:
    session = _logged(cast)
    other = _bearer(ProfileFactory(organization=cast.harbor, roles=[Role.SUPERVISOR]))
    assert other.get(f"{API}/sessions/{session.pk}/").status_code == 404
    for action, body in (
        ("sign", {"facts_digest": facts_digest(session)}),
        ("log", {"held": True}),
    ):
        assert _post(other, f"{API}/sessions/{session.pk}/{action}/", body).status_code == 404
    assert (
        _post(
            other, f"{API}/sessions/{session.pk}/reflection/", {"reflection": "x"}, "put"
        ).status_code
        == 404
    )
