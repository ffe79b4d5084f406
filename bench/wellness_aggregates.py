"""Team wellbeing benchmark: 5,000 specialists in 500 supervision teams with 1,000,000
check-ins; the program manager's aggregate page, against the people-list page as the baseline
measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/peerwell_bench \\
    .venv/bin/python bench/wellness_aggregates.py

The database named in DATABASE_URL (must end in _bench) is dropped and re-created.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.reminder_fanout import reset_database  # noqa: E402

SEED = """
INSERT INTO selfcare_checkin
    (organization_id, owner_id, energy, calm, sleep, connection, boundaries, note,
     support_requested, created_at)
SELECT %s, p.id, 1 + floor(random() * 5)::int, 1 + floor(random() * 5)::int,
       1 + floor(random() * 5)::int, 1 + floor(random() * 5)::int, 1 + floor(random() * 5)::int,
       '', false, now() - make_interval(days => d, hours => floor(random() * 12)::int)
FROM workforce_staffprofile p CROSS JOIN generate_series(0, %s - 1) AS d
WHERE p.id = ANY(%s)
"""


def timed(call, runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--specialists", type=int, default=5000)
    parser.add_argument("--team-size", type=int, default=10)
    parser.add_argument("--checkins-each", type=int, default=200)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database whose name ends in _bench.")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        LOG_LEVEL="WARNING",
        DJANGO_ALLOWED_HOSTS="testserver",
    )
    reset_database(url)

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from bench.generate import make_people
    from supervision.models import SupervisorAssignment
    from workforce.models import Organization, Role, RoleGrant, StaffProfile

    org = Organization.objects.create(name="Bench", slug="bench", timezone="America/Chicago")
    started = time.perf_counter()
    specialists = make_people(org, args.specialists, prefix="s")
    supervisors = make_people(org, args.specialists // args.team_size, prefix="sup")
    RoleGrant.objects.bulk_create(
        [RoleGrant(profile_id=p.pk, role=Role.SUPERVISOR) for p in supervisors]
    )
    SupervisorAssignment.objects.bulk_create(
        [
            SupervisorAssignment(
                organization=org,
                supervisor_id=supervisors[i // args.team_size].pk,
                specialist_id=p.pk,
            )
            for i, p in enumerate(specialists)
        ],
        batch_size=5000,
    )
    # Everyone on staff, and every team, since before the first check-in: who counts in a week
    # comes from staff records and assignments (selfcare/aggregates.py, rule 1).
    since = timezone.now() - timedelta(days=args.checkins_each + 30)
    StaffProfile.objects.filter(organization=org).update(created_at=since)
    SupervisorAssignment.objects.filter(organization=org).update(starts_on=since.date())
    (manager,) = make_people(org, 1, prefix="manager")
    RoleGrant.objects.create(profile=manager, role=Role.PROGRAM_MANAGER)
    RoleGrant.objects.create(profile=manager, role=Role.HR)
    with connection.cursor() as cursor:
        cursor.execute(SEED, [org.pk, args.checkins_each, [p.pk for p in specialists]])
        cursor.execute("ANALYZE")
        cursor.execute("SELECT count(*) FROM selfcare_checkin")
        (total,) = cursor.fetchone()
    print(
        f"data: {args.specialists:,} specialists, {len(supervisors):,} teams, {total:,} check-ins "
        f"in {time.perf_counter() - started:.1f} s"
    )

    client = Client()
    client.force_login(manager.user, backend="workforce.auth.EmailBackend")
    from selfcare.aggregates import compute_week, finished_weeks
    from selfcare.models import WellnessWeek

    monday = finished_weeks(ZoneInfo(org.timezone), 1, timezone.now())[0]
    freeze = timed(lambda: compute_week(org, monday), 3)
    assert WellnessWeek.objects.count() == 0
    started = time.perf_counter()
    assert client.get("/team-wellbeing/").status_code == 200
    first = (time.perf_counter() - started) * 1000
    assert client.get("/people/").status_code == 200
    baseline = timed(lambda: client.get("/people/"), args.runs)
    page = timed(lambda: client.get("/team-wellbeing/"), args.runs)
    staff = args.specialists + len(supervisors) + 1
    print(f"baseline, people list page (50 of {staff:,}): {baseline:.0f} ms")
    print(f"team wellbeing page (8 weeks, organization + {len(supervisors)} teams): {page:.0f} ms")
    print(f"ratio team wellbeing ÷ people list: {page / baseline:.1f}")
    print(f"computing one finished week (not stored): {freeze:.0f} ms")
    print(f"first visit, computing and freezing all 8 weeks: {first:.0f} ms (once per week)")


if __name__ == "__main__":
    main()
