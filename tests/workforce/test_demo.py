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
