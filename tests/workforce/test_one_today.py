"""One "today" for everyone: the organization's date for rules and access, the person's date for
what they do for themselves (core/dates.py), the same on the pages and in the API at every hour.

The grid: 23:30 and 00:30 in UTC, America/Chicago, Pacific/Auckland and Asia/Kolkata, and the
two US daylight-saving switch days. Harbor House is in Chicago; its supervisor Bob lives in
Auckland and Alice in Kolkata, so at most of these instants three calendars disagree.
"""

from __future__ import annotations

import ast
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from rest_framework.authtoken.models import Token

from core import dates
from selfcare.models import CheckIn
from supervision.assignments import assignment_save
from supervision.models import SupervisorAssignment
from tests.conftest import Cast
from workforce.models import Assignment, TrainingFormat
from workforce.training.catalogue import module_save

ROOT = Path(__file__).resolve().parents[2]
CHICAGO = ZoneInfo("America/Chicago")


def _instants() -> list[datetime]:
    moments = []
    for name in ("UTC", "America/Chicago", "Pacific/Auckland", "Asia/Kolkata"):
        zone = ZoneInfo(name)
        moments += [
            datetime(2027, 1, 13, 23, 30, tzinfo=zone),
            datetime(2027, 1, 14, 0, 30, tzinfo=zone),
        ]
    for day in (date(2027, 3, 14), date(2027, 11, 7)):  # US clocks change at 02:00 in Chicago
        moments += [
            datetime.combine(day, datetime.min.time(), tzinfo=CHICAGO) + timedelta(minutes=30),
            datetime.combine(day, datetime.min.time(), tzinfo=CHICAGO) + timedelta(hours=23.5),
        ]
    return moments


INSTANTS = _instants()


def _bearer(profile) -> Client:
    key = Token.objects.get_or_create(user=profile.user)[0].key
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def far_apart(cast: Cast) -> Cast:
    cast.bob.timezone = "Pacific/Auckland"
    cast.bob.save()
    cast.alice.timezone = "Asia/Kolkata"
    cast.alice.save()
    SupervisorAssignment.objects.all().delete()
    return cast


@pytest.mark.parametrize("instant", INSTANTS, ids=lambda m: m.isoformat())
def test_an_assignment_starting_today_lets_the_supervisor_read_on_both_doors(
    far_apart: Cast, login, instant: datetime
) -> None:
    cast = far_apart
    with time_machine.travel(instant, tick=False):
        assignment_save(actor=cast.mia.user, supervisor=cast.bob, specialist=cast.alice)
        (row,) = SupervisorAssignment.objects.all()
        assert row.starts_on == instant.astimezone(CHICAGO).date()  # the organization's date
        page = login(cast.bob, Client()).get(f"/people/{cast.alice.pk}/")
        api = _bearer(cast.bob).get(f"/api/v1/people/{cast.alice.pk}/")
        attestation = login(cast.bob, Client()).get(
            f"/supervision/people/{cast.alice.pk}/attestation/"
        )
        assert (page.status_code, api.status_code, attestation.status_code) == (200, 200, 200)


@pytest.mark.parametrize("instant", INSTANTS, ids=lambda m: m.isoformat())
def test_training_due_yesterday_in_the_organization_is_past_due_on_both_doors(
    far_apart: Cast, login, instant: datetime
) -> None:
    cast = far_apart
    with time_machine.travel(instant, tick=False):
        org_today = instant.astimezone(CHICAGO).date()
        module = module_save(
            actor=cast.adam.user,
            data={
                "title": "Outside course",
                "summary": "x",
                "category": "other",
                "format": TrainingFormat.EXTERNAL,
                "estimated_minutes": 60,
                "ce_hours": "1.00",
                "ce_category": "general",
            },
            required_for=[],
        )
        due = Assignment.objects.create(
            organization=cast.harbor, person=cast.alice, module=module, due_on=org_today
        )
        late = Assignment.objects.create(
            organization=cast.harbor,
            person=cast.sid,
            module=module,
            due_on=org_today - timedelta(days=1),
        )
        for person, assignment, expected in (
            (cast.alice, due, "not_started"),
            (cast.sid, late, "due_date_passed"),
        ):
            body = _bearer(person).get("/api/v1/training/my/").json()
            (item,) = [i for i in body["open"] if i["id"] == assignment.pk]
            assert item["status"] == expected, (person, instant)
        overdue = login(cast.mia, Client()).get("/training/team/overdue/").content.decode()
        api = _bearer(cast.mia).get("/api/v1/training/overdue/").json()
        ids = [row["id"] for row in api.get("results", api)]
        assert (late.pk in ids, due.pk in ids) == (True, False)
        assert cast.sid.chosen_name in overdue and cast.alice.chosen_name not in overdue


@pytest.mark.parametrize("instant", INSTANTS, ids=lambda m: m.isoformat())
def test_a_late_check_in_counts_for_the_persons_own_day(
    far_apart: Cast, login, instant: datetime
) -> None:
    cast = far_apart
    kolkata = ZoneInfo("Asia/Kolkata")
    own_day = instant.astimezone(kolkata).date()
    late_evening = datetime.combine(own_day, datetime.min.time(), tzinfo=kolkata) + timedelta(
        hours=23, minutes=30
    )
    with time_machine.travel(late_evening, tick=False):
        alice = login(cast.alice, Client())
        alice.post("/self-care/check-in/", {"energy": "3"})
        (checkin,) = CheckIn.objects.filter(owner=cast.alice)
        assert dates.person_today(cast.alice) == own_day
        body = _bearer(cast.alice).get("/api/v1/self-care/check-ins/").json()
        (row,) = body.get("results", body)
        assert row["created_at"].startswith(own_day.isoformat())  # in her zone, as on her page
        history = alice.get("/self-care/check-ins/").content.decode()
        assert f"{own_day.day} " in history or own_day.strftime("%b") in history
        assert checkin.created_at.astimezone(kolkata).date() == own_day


@pytest.mark.parametrize("instant", INSTANTS, ids=lambda m: m.isoformat())
def test_a_certification_expiring_on_the_organizations_today_says_so_on_both_doors(
    far_apart: Cast, login, instant: datetime
) -> None:
    from workforce.certifications import services

    cast = far_apart
    with time_machine.travel(instant, tick=False):
        org_today = instant.astimezone(CHICAGO).date()
        kind = services.certification_type_save(
            actor=cast.hana.user,
            data={
                "name": "Peer Recovery",
                "issuing_body": "State board",
                "validity_months": 24,
                "ce_hours_required": "20",
                "renewal_window_days": 90,
                "milestones": [90, 60, 30, 7, 0],
            },
            required_for=(),
        )
        cert = services.certification_add(
            actor=cast.hana.user,
            person=cast.alice,
            type=kind,
            issued_on=org_today - timedelta(days=700),
            expires_on=org_today,
        )
        for viewer in (cast.alice, cast.hana):
            body = _bearer(viewer).get(f"/api/v1/certifications/held/{cert.pk}/").json()
            assert (body["days_left"], body["certification_status"]) == (0, "expiring"), viewer
        for viewer, path in (
            (cast.alice, "/certifications/"),
            (cast.hana, f"/certifications/people/{cast.alice.pk}/"),
        ):
            page = login(viewer, Client()).get(path)
            assert page.status_code == 200 and "0 days left" in page.content.decode(), viewer


# --- nothing else reads the clock ---------------------------------------------------------------

CLOCK_READS = {
    ("timezone", "localdate"),
    ("timezone", "localtime"),
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "today"),
    ("datetime", "utcnow"),
}


def _clock_reads(tree: ast.AST) -> list[int]:
    """Lines that read today or now on their own: `date.today()`, `datetime.now()`, a bare
    `timezone.localdate()`, or `localdate` handed over as a default."""
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    called = {id(call.func) for call in calls}
    lines = []
    for call in calls:
        func = call.func
        if isinstance(func, ast.Attribute):
            owner = func.value
            name = owner.id if isinstance(owner, ast.Name) else getattr(owner, "attr", "")
            value = call.args or any(keyword.arg == "value" for keyword in call.keywords)
            converts = func.attr in {"localdate", "localtime"} and value
            if (name, func.attr) in CLOCK_READS and not converts:
                lines.append(call.lineno)
    for node in ast.walk(tree):
        reference = (isinstance(node, ast.Name) and node.id == "localdate") or (
            isinstance(node, ast.Attribute) and node.attr == "localdate"
        )
        if reference and id(node) not in called:
            lines.append(node.lineno)
    return lines


def test_no_module_but_the_clock_reads_the_date() -> None:
    """Every "today" comes from core/dates.py, named: the organization's or the person's."""
    found = []
    for folder in (
        "api",
        "config",
        "core",
        "notifications",
        "selfcare",
        "supervision",
        "workforce",
    ):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.relative_to(ROOT).as_posix() == "core/dates.py" or "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text())
            found += [f"{path.relative_to(ROOT)}:{line}" for line in _clock_reads(tree)]
    assert found == []
