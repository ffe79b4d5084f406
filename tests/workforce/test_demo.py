"""The demo data that `make run` loads is idempotent."""

from __future__ import annotations

from datetime import date, timedelta

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
    assert first[0] == 2 and first[2] == 19  # 11 demo logins and 8 colleagues without one
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
    assert len(supervisees) == 7  # Jo, Alex, Taylor and four colleagues without a login
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


def test_the_demo_shows_every_capability_at_work(db, client) -> None:
    """Seeded on Wednesday 10 March 2027 (Chicago): certifications in every state, CE hours
    approved and waiting, certificates whose codes verify, training overdue and due soon, a
    written plan, and honest supervision figures with one person overdue."""
    from datetime import UTC, datetime

    import time_machine
    from django.test import Client

    from selfcare.aggregates import wellness_summary
    from selfcare.models import PlanVersion
    from supervision import compliance
    from workforce.models import Assignment, CEEntry, Certification, Completion

    with time_machine.travel(datetime(2027, 3, 10, 16, 0, tzinfo=UTC), tick=False):
        call_command("seed_demo")
        call_command("seed_demo")
        today = date(2027, 3, 10)
        held = Certification.objects.filter(organization__slug="riverside")
        assert held.count() == 7
        assert held.filter(verified_at__isnull=True).count() == 1  # Rosa's, for HR
        assert held.filter(previous__isnull=False).count() == 1  # Marcus's renewal
        days = sorted((c.expires_on - today).days for c in held if c.expires_on)
        assert [d for d in days if d < 0] and [d for d in days if 0 <= d <= 30]
        assert [d for d in days if 30 < d <= 60]
        assert set(CEEntry.objects.filter(source="external").values_list("status", flat=True)) == {
            "approved",
            "pending",
        }
        completion = Completion.objects.filter(organization__slug="riverside").first()
        assert Completion.objects.filter(organization__slug="riverside").count() == 4
        page = Client().get(f"/verify/{completion.verification_code}/")
        assert page.status_code == 200
        due = Assignment.objects.filter(completion__isnull=True, due_on__isnull=False)
        assert due.filter(due_on__lt=today).exists() and due.filter(due_on__gt=today).exists()
        jo = StaffProfile.objects.get(user__email="specialist@riverside.example")
        alex = StaffProfile.objects.get(user__email="alex@riverside.example")
        assert PlanVersion.objects.filter(plan__owner=jo).count() == 1
        assert not PlanVersion.objects.filter(plan__owner=alex).exists()
        manager = StaffProfile.objects.get(user__email="manager@riverside.example")
        period = compliance.Period(today - timedelta(days=27), today)
        rows = compliance.people(user=manager.user, period=period, today=today)
        figures = {
            r.person.chosen_name: r
            for r in compliance.rows_for(list(rows), today, "America/Chicago", period)
        }
        assert [name for name, r in figures.items() if r.overdue] == ["Taylor Brooks"]
        assert all(r.percent is None or r.percent <= 150 for r in figures.values())
        assert all(r.trend != "new" for r in figures.values())  # history since the assignment
        summary = wellness_summary(user=manager.user)
        last = summary.weeks[-1]
        assert summary.organization.cells[last].averages is not None
        shown = {t.label for t in summary.teams if t.cells[last].averages is not None}
        assert shown == {"Marcus Bell"}  # Ana Torres's team of two never shows
