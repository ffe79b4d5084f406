"""The role × resource matrix, on both front doors, read from docs/access.md.

Each row is a resource; each column a member of the cast or a caller who isn't signed in. The
expected answer is the HTTP status: 404 means "does not exist for you", never 403. The rows
live in docs/access.md, so the table people read and the rules the code keeps can't drift
apart: change one and this test makes you change the other. New apps add their rows there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core import dates
from tests.conftest import Cast

CAST = ["alice", "bob", "sid", "mia", "hana", "adam", "charlie", "carol"]
DOC = Path(__file__).resolve().parents[2] / "docs" / "access.md"


def _matrix(section: str) -> dict:
    """resource -> (method, url template, body, {caller: expected status}) from one of
    docs/access.md's tables ("Pages" or "API"); "anonymous" is a caller who isn't signed in."""
    text = DOC.read_text().split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    assert header == ["resource", "request", "body", *CAST, "anonymous"], header
    matrix = {}
    for line in rows[2:]:
        name, request, body, *statuses = (cell.strip() for cell in line.strip("|").split("|"))
        method, template = request.split(" ", 1)
        expected = dict(zip([*CAST, "anonymous"], map(int, statuses), strict=True))
        matrix[name] = (
            method.lower(),
            template.strip("`"),
            json.loads(body) if body else None,
            expected,
        )
    return matrix


HTML_MATRIX = _matrix("Pages")
API_MATRIX = _matrix("API")
CALLERS = [*CAST, "anonymous"]


def _cases(matrix: dict) -> list:
    return [
        pytest.param(resource, person, id=f"{resource}-{person}")
        for resource in matrix
        for person in CALLERS
    ]


def _url(template: str, cast: Cast) -> str:
    session = _alice_session(cast) if "{session}" in template else None
    checkin = _alice_checkin(cast) if "{checkin}" in template else None
    needs_group = any(f"{{{name}}}" in template for name in ("group", "meeting", "code", "report"))
    public = "/find/" in template or "/reports/" in template
    group = _alice_group(cast) if needs_group or public else None
    meeting = group.meetings.order_by("starts_at").first().pk if "{meeting}" in template else None
    needs_events = any(f"{{{n}}}" in template for n in ("event", "occurrence", "team_occurrence"))
    events = _harbor_events(cast) if needs_events else {}
    return template.format(
        **events,
        alice=cast.alice.pk,
        harbor=cast.harbor.pk,
        session=session,
        checkin=checkin,
        group=group.pk if group else None,
        meeting=meeting,
        code=group.public_code if group else None,
        report=_report_about(group) if "{report}" in template else None,
    )


def _harbor_events(cast: Cast) -> dict[str, int]:
    """Mia's retreat for everyone (it needs names, for meals; sid organizes it with her, alice
    said she'll come) and an event for bob's team, a week from Harbor's today."""
    from datetime import timedelta

    from events.replies import reply_set
    from tests.factories import make_event

    next_week = dates.organization_today(cast.harbor) + timedelta(days=7)
    retreat = make_event(
        cast,
        title="Retreat",
        starts_on=next_week,
        shares_names=True,
        names_reason="meals",
        organizers=[cast.sid],
    )
    occurrence = retreat.occurrences.get()
    reply_set(actor=cast.alice.user, occurrence_id=occurrence.pk, answer="going")
    team = make_event(
        cast, title="Team lunch", starts_on=next_week, audience="team", team_lead=cast.bob
    )
    return {
        "event": retreat.pk,
        "occurrence": occurrence.pk,
        "team_occurrence": team.occurrences.get().pk,
    }


def _report_about(group) -> str:
    """A safety report about alice's group (she facilitates it; sid is its liaison)."""
    from groups.reports import ReportInput, report_submit

    return report_submit(group=group, data=ReportInput(what="I felt unsafe.")).report.ref


def _alice_group(cast: Cast):
    """Harbor's published group, on its published public finder: alice leads it, sid is its
    liaison."""
    from groups.services import finder_save
    from tests.factories import make_group

    finder_save(actor=cast.adam.user, published=True, intro="", ask_contact="Text 555-0100")
    return make_group(cast, starts_on=dates.organization_today(cast.harbor), in_finder=True)


def _alice_checkin(cast: Cast) -> int:
    from selfcare.models import CheckIn

    return CheckIn.objects.create(organization=cast.harbor, owner=cast.alice, energy=3).pk


def _alice_session(cast: Cast) -> int:
    """A supervision session of Bob's with Alice, logged as held (so there is a log)."""
    from datetime import time, timedelta

    from supervision.logs import session_log
    from supervision.scheduling import Plan, session_schedule

    yesterday = dates.organization_today(cast.harbor) - timedelta(days=1)
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
    if person != "anonymous":
        login(cast.by_name(person))
    response = getattr(client, method)(_url(template, cast), body or {})
    assert response.status_code == expected[person]


@pytest.mark.parametrize(("resource", "person"), _cases(API_MATRIX))
def test_it_answers_api_by_role(cast: Cast, login, client, resource: str, person: str) -> None:
    method, template, body, expected = API_MATRIX[resource]
    if person != "anonymous":
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

    from supervision.models import SupervisorAssignment

    yesterday = dates.organization_today(cast.harbor) - timedelta(days=1)
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
