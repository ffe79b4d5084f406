"""The demo data that `make run` loads is idempotent."""

from __future__ import annotations

from django.core.management import call_command

from supervision.models import SupervisorAssignment
from workforce.models import Organization, RoleGrant, StaffProfile, User


def _counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (Organization, User, StaffProfile, RoleGrant, SupervisorAssignment)
    )


def test_it_loads_the_demo_twice_without_duplicating_anything(db, capsys) -> None:
    call_command("seed_demo")
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first
    assert first[0] == 2 and first[2] == 11
    out = capsys.readouterr().out
    assert "admin@riverside.example" in out and "peerwell-demo-password" in out


def test_it_gives_every_demo_person_a_working_login(db, client) -> None:
    call_command("seed_demo")
    response = client.post(
        "/accounts/login/",
        {"username": "specialist@riverside.example", "password": "peerwell-demo-password"},
    )
    assert response["Location"] == "/dashboard/"


def test_the_demo_supervisor_reads_every_supervisee_on_both_doors_in_the_evening(db) -> None:
    """Seeded at 21:15 in Chicago (03:15 UTC, already tomorrow there): assignments start on the
    organization's date, so the supervisor's supervisees are theirs on the pages and in the API
    alike, that evening and the next morning."""
    from datetime import UTC, datetime

    import time_machine
    from django.test import Client
    from rest_framework.authtoken.models import Token

    evening = datetime(2027, 1, 14, 3, 15, tzinfo=UTC)
    with time_machine.travel(evening, tick=False):
        call_command("seed_demo")
    supervisor = StaffProfile.objects.get(user__email="supervisor@riverside.example")
    supervisees = list(
        SupervisorAssignment.objects.filter(supervisor=supervisor).values_list(
            "specialist_id", flat=True
        )
    )
    assert len(supervisees) == 3
    for moment in (evening, datetime(2027, 1, 14, 15, 0, tzinfo=UTC)):
        with time_machine.travel(moment, tick=False):
            page = Client()
            page.force_login(supervisor.user)
            key = Token.objects.get_or_create(user=supervisor.user)[0].key
            api = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
            for pk in supervisees:
                assert page.get(f"/people/{pk}/").status_code == 200, (moment, pk)
                assert api.get(f"/api/v1/people/{pk}/").status_code == 200, (moment, pk)
                assert page.get(f"/supervision/people/{pk}/attestation/").status_code == 200
