"""The role × resource matrix (DESIGN.md, "Access policy"), on both front doors.

Each row is a resource; each column a member of the cast. The expected answer is the HTTP
status: 404 means "does not exist for you", never 403. Later issues add their rows here.
"""

from __future__ import annotations

import pytest

from tests.conftest import Cast

CAST = ["alice", "bob", "sid", "mia", "hana", "adam", "charlie", "carol"]

# resource -> (method, url template, body, {person: expected status})
HTML_MATRIX = {
    "people list": (
        "get",
        "/people/",
        None,
        dict(alice=404, bob=200, sid=404, mia=200, hana=200, adam=200, charlie=200, carol=404),
    ),
    "alice's profile": (
        "get",
        "/people/{alice}/",
        None,
        dict(alice=200, bob=200, sid=404, mia=200, hana=200, adam=200, charlie=404, carol=404),
    ),
    "edit alice's profile": (
        "get",
        "/people/{alice}/edit/",
        None,
        dict(alice=200, bob=404, sid=404, mia=404, hana=200, adam=200, charlie=404, carol=404),
    ),
    "alice's roles": (
        "get",
        "/people/{alice}/roles/",
        None,
        dict(alice=404, bob=404, sid=404, mia=404, hana=404, adam=200, charlie=404, carol=404),
    ),
    "switch off alice": (
        "post",
        "/people/{alice}/deactivate/",
        {},
        dict(alice=404, bob=404, sid=404, mia=404, hana=404, adam=302, charlie=404, carol=404),
    ),
    "add a person": (
        "get",
        "/people/new/",
        None,
        dict(alice=404, bob=404, sid=404, mia=404, hana=404, adam=200, charlie=200, carol=404),
    ),
    "organization settings": (
        "get",
        "/organization/",
        None,
        dict(alice=404, bob=404, sid=404, mia=404, hana=404, adam=200, charlie=200, carol=404),
    ),
    "my profile": ("get", "/me/", None, dict.fromkeys(CAST, 200)),
    "privacy log": ("get", "/privacy/", None, dict.fromkeys(CAST, 200)),
    "dashboard": ("get", "/dashboard/", None, dict.fromkeys(CAST, 200)),
    "my supervision": ("get", "/supervision/", None, dict.fromkeys(CAST, 200)),
    "alice's supervision session": (
        "get",
        "/supervision/sessions/{session}/",
        None,
        dict(alice=200, bob=200, sid=404, mia=200, hana=404, adam=200, charlie=404, carol=404),
    ),
    "alice's supervision session as .ics": (
        "get",
        "/supervision/sessions/{session}/session.ics",
        None,
        dict(alice=200, bob=200, sid=404, mia=404, hana=404, adam=404, charlie=404, carol=404),
    ),
    # It lists each session with its topics: the person and their supervisor only.
    "alice's supervised-hours attestation": (
        "get",
        "/supervision/people/{alice}/attestation/",
        None,
        dict(alice=200, bob=200, sid=404, mia=404, hana=404, adam=404, charlie=404, carol=404),
    ),
    # Org admins read sessions; supervisors and program managers schedule them.
    "schedule supervision": (
        "get",
        "/supervision/schedule/",
        None,
        dict(alice=404, bob=200, sid=404, mia=200, hana=404, adam=404, charlie=404, carol=404),
    ),
    "supervision compliance": (
        "get",
        "/supervision/compliance/",
        None,
        dict(alice=404, bob=404, sid=404, mia=200, hana=404, adam=200, charlie=200, carol=404),
    ),
    "supervised hours": (
        "get",
        "/supervision/hours/",
        None,
        dict(alice=404, bob=404, sid=404, mia=200, hana=200, adam=200, charlie=200, carol=404),
    ),
}

API_MATRIX = {
    "people list": ("get", "/api/v1/people/", None, dict.fromkeys(CAST, 200)),
    "alice": (
        "get",
        "/api/v1/people/{alice}/",
        None,
        dict(alice=200, bob=200, sid=404, mia=200, hana=200, adam=200, charlie=404, carol=404),
    ),
    "change alice's job title": (
        "patch",
        "/api/v1/people/{alice}/",
        {"job_title": "Lead"},
        dict(alice=400, bob=404, sid=404, mia=404, hana=200, adam=200, charlie=404, carol=404),
    ),
    # Someone who may edit some of alice's fields but not her roles gets a field error.
    "change alice's roles": (
        "patch",
        "/api/v1/people/{alice}/",
        {"roles": ["supervisor"]},
        dict(alice=400, bob=404, sid=404, mia=404, hana=400, adam=200, charlie=404, carol=404),
    ),
    "switch off alice": (
        "post",
        "/api/v1/people/{alice}/deactivate/",
        {},
        dict(alice=404, bob=404, sid=404, mia=404, hana=404, adam=200, charlie=404, carol=404),
    ),
    "add a person": (
        "post",
        "/api/v1/people/",
        {"email": "new@harbor.example", "chosen_name": "New", "roles": ["specialist"]},
        dict(alice=404, bob=404, sid=404, mia=404, hana=404, adam=201, charlie=201, carol=404),
    ),
    "harbor": (
        "get",
        "/api/v1/organizations/{harbor}/",
        None,
        dict(alice=200, bob=200, sid=200, mia=200, hana=200, adam=200, charlie=404, carol=404),
    ),
    "me": ("get", "/api/v1/me/", None, dict.fromkeys(CAST, 200)),
    "alice's supervision session": (
        "get",
        "/api/v1/supervision/sessions/{session}/",
        None,
        dict(alice=200, bob=200, sid=404, mia=200, hana=404, adam=200, charlie=404, carol=404),
    ),
    "sign alice's supervision session": (
        "post",
        "/api/v1/supervision/sessions/{session}/sign/",
        {"facts_digest": "stale"},
        dict(alice=400, bob=400, sid=404, mia=404, hana=404, adam=404, charlie=404, carol=404),
    ),
    "supervision compliance": (
        "get",
        "/api/v1/supervision/compliance/",
        None,
        dict(alice=404, bob=404, sid=404, mia=200, hana=404, adam=200, charlie=200, carol=404),
    ),
    "supervised hours": (
        "get",
        "/api/v1/supervision/hours/",
        None,
        dict(alice=404, bob=404, sid=404, mia=200, hana=200, adam=200, charlie=200, carol=404),
    ),
    "alice's supervised-hours attestation": (
        "get",
        "/api/v1/supervision/people/{alice}/attestation/",
        None,
        dict(alice=200, bob=200, sid=404, mia=404, hana=404, adam=404, charlie=404, carol=404),
    ),
}


def _cases(matrix: dict) -> list:
    return [
        pytest.param(resource, person, id=f"{resource}-{person}")
        for resource in matrix
        for person in CAST
    ]


def _url(template: str, cast: Cast) -> str:
    session = _alice_session(cast) if "{session}" in template else None
    return template.format(alice=cast.alice.pk, harbor=cast.harbor.pk, session=session)


def _alice_session(cast: Cast) -> int:
    """A supervision session of Bob's with Alice, logged as held (so there is a log)."""
    from datetime import time, timedelta

    from django.utils import timezone

    from supervision.logs import session_log
    from supervision.scheduling import Plan, session_schedule

    yesterday = timezone.localdate() - timedelta(days=1)
    plan = Plan(
        supervisor=cast.bob,
        participants=(cast.alice,),
        kind="individual",
        format="phone",
        on=yesterday,
        at=time(10, 0),
        timezone="America/Chicago",
        duration_minutes=60,
    )
    (session,) = session_schedule(actor=cast.bob.user, plan=plan)
    session_log(
        actor=cast.bob.user,
        session=session,
        held=True,
        held_at=session.starts_at,
        held_minutes=50,
        topics=["caseload"],
        notes="Only the pair reads this.",
    )
    return session.pk


@pytest.mark.parametrize(("resource", "person"), _cases(HTML_MATRIX))
def test_it_answers_html_by_role(cast: Cast, login, client, resource: str, person: str) -> None:
    method, template, body, expected = HTML_MATRIX[resource]
    login(cast.by_name(person))
    response = getattr(client, method)(_url(template, cast), body or {})
    assert response.status_code == expected[person]


@pytest.mark.parametrize(("resource", "person"), _cases(API_MATRIX))
def test_it_answers_api_by_role(cast: Cast, login, client, resource: str, person: str) -> None:
    method, template, body, expected = API_MATRIX[resource]
    login(cast.by_name(person))
    kwargs = {"data": body, "content_type": "application/json"} if body is not None else {}
    response = getattr(client, method)(_url(template, cast), **kwargs)
    assert response.status_code == expected[person], response.content[:300]


@pytest.mark.parametrize(
    ("person", "sees_private"),
    [("alice", True), ("bob", False), ("mia", False), ("hana", True), ("adam", True)],
)
def test_it_shows_private_fields_only_to_owner_hr_and_admin(
    cast: Cast, login, client, person: str, sees_private: bool
) -> None:
    login(cast.by_name(person))
    page = client.get(f"/people/{cast.alice.pk}/").content.decode()
    api = client.get(f"/api/v1/people/{cast.alice.pk}/").json()
    assert ("Robin, 555-0101" in page) is sees_private
    assert ("Alice Legal" in page) is sees_private
    assert ("emergency_contact" in api) is sees_private
    assert ("legal_name" in api) is sees_private


def test_it_lists_only_own_organization(cast: Cast, login, client) -> None:
    login(cast.charlie)
    names = {p["chosen_name"] for p in client.get("/api/v1/people/").json()["results"]}
    assert names == {"Charlie", "Carol"}
    page = client.get("/people/").content.decode()
    assert "Alice" not in page and "Carol" in page


def test_it_scopes_a_supervisor_to_current_supervisees(cast: Cast, login, client) -> None:
    login(cast.bob)
    names = {p["chosen_name"] for p in client.get("/api/v1/people/").json()["results"]}
    assert names == {"Alice", "Bob"}


def test_it_ends_a_supervisors_access_when_the_assignment_ends(cast: Cast, login, client) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from supervision.models import SupervisorAssignment

    yesterday = timezone.localdate() - timedelta(days=1)
    SupervisorAssignment.objects.filter(supervisor=cast.bob).update(
        starts_on=yesterday - timedelta(days=30), ends_on=yesterday
    )
    login(cast.bob)
    assert client.get(f"/people/{cast.alice.pk}/").status_code == 404
    assert client.get(f"/api/v1/people/{cast.alice.pk}/").status_code == 404


def test_it_answers_404_for_ids_that_are_not_numbers(cast: Cast, login, client) -> None:
    login(cast.adam)
    assert client.get("/api/v1/people/abc/").status_code == 404
    assert client.get("/people/99999999/").status_code == 404


def test_it_refuses_anonymous_callers(cast: Cast, client) -> None:
    assert client.get("/people/").status_code == 302
    assert client.get("/api/v1/people/").status_code in {401, 403}
