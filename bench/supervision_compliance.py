"""Supervision compliance benchmark: 500 supervisors and 5,000 peer specialists (ten each, a
tenth of them with a secondary supervisor too), with 200,000 sessions over two years
(mostly held and signed, some missed, cancelled or moved), measured through the program
manager's compliance page and HR's signed-hours page, against the people-list page of the
same organization requested just before each one.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/peerwell_bench_supervision \\
    .venv/bin/python bench/supervision_compliance.py [--reuse]

The database named in DATABASE_URL is dropped and re-created (its name must end in _bench or
contain _bench_): never point it at real data. A second organization of 50 people gets the
same kind of data, so each page's query count can be compared at both sizes.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402  (after the path)
    Bench,
    client_for,
    fetch,
    print_plans,
    report,
    setup,
)

BATCH = 5000
BASELINE_URL = "/people/"
COMPLIANCE = "/supervision/compliance/"
PAGES = [
    ("compliance, page 1 (longest since)", COMPLIANCE),
    ("compliance, sort = name", COMPLIANCE + "?sort=name"),
    ("compliance, sort = fewest minutes", COMPLIANCE + "?sort=hours"),
    ("compliance, only overdue", COMPLIANCE + "?overdue=1"),
    ("compliance, one team", None),  # filled in with a supervisor's id
    ("compliance, last page", COMPLIANCE + "?page=999999"),
    ("compliance, a year", None),  # the last 365 days
    ("compliance, by team (500 teams)", COMPLIANCE + "?view=teams"),
    ("signed hours (HR), page 1", "/supervision/hours/"),
]
TOPICS = ["vicarious_trauma", "boundaries", "crisis_follow_up", "skill_building", "caseload"]


def make_organization(slug: str, specialists: int, *, today: date, sessions_each: int, seed: int):
    """Managers, HR, supervisors with ten specialists each, and their sessions."""
    from django.contrib.auth.hashers import make_password

    from supervision.models import SessionParticipant, SupervisionSession, SupervisorAssignment
    from workforce.models import Organization, RoleGrant, StaffProfile, User

    rng = random.Random(seed)
    org = Organization.objects.create(name=slug.title(), slug=slug, timezone="America/Chicago")
    supervisors = max(1, specialists // 10)
    roles = ["manager"] * max(1, specialists // 100) + ["hr"] * max(1, specialists // 100)
    roles += ["supervisor"] * supervisors + ["specialist"] * specialists
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [User(email=f"s{i}@{slug}.example", password=unusable) for i in range(len(roles))],
        batch_size=BATCH,
    )
    people = StaffProfile.objects.bulk_create(
        [
            StaffProfile(
                user_id=u.pk, organization=org, chosen_name=f"Person {i:05d}", timezone=org.timezone
            )
            for i, u in enumerate(users)
        ],
        batch_size=BATCH,
    )
    RoleGrant.objects.bulk_create(
        [RoleGrant(profile_id=p.pk, role=r) for p, r in zip(people, roles, strict=True)],
        batch_size=BATCH,
    )
    by_role = {
        r: [p for p, role in zip(people, roles, strict=True) if role == r] for r in set(roles)
    }
    leads, staff = by_role["supervisor"], by_role["specialist"]
    start = today - timedelta(days=730)
    links = []
    for i, person in enumerate(staff):
        lead = leads[i % len(leads)]
        links.append(
            SupervisorAssignment(
                organization=org,
                supervisor=lead,
                specialist=person,
                starts_on=start,
                cadence_minutes=60,
                cadence_every=2,
                cadence_unit="weeks",
            )
        )
        if i % 10 == 0:  # a secondary supervisor, monthly group
            links.append(
                SupervisorAssignment(
                    organization=org,
                    supervisor=leads[(i + 1) % len(leads)],
                    specialist=person,
                    kind="secondary",
                    starts_on=start,
                    cadence_kind="group",
                    cadence_minutes=90,
                    cadence_every=1,
                    cadence_unit="months",
                )
            )
    SupervisorAssignment.objects.bulk_create(links, batch_size=BATCH)
    total = 0
    for chunk in range(0, len(staff), 500):
        sessions, who = [], []
        for i, person in enumerate(staff[chunk : chunk + 500], start=chunk):
            lead = leads[i % len(leads)]
            # A tenth have had nothing for six weeks or more: overdue.
            stop = today - timedelta(
                days=rng.randint(42, 120) if i % 10 == 3 else rng.randint(0, 13)
            )
            for n in range(sessions_each):
                day = stop - timedelta(days=14 * n + rng.randint(0, 3))
                at = datetime(day.year, day.month, day.day, 15 + rng.randint(0, 4), tzinfo=UTC)
                roll = rng.random()
                status = "held" if roll < 0.9 else "missed" if roll < 0.95 else "cancelled"
                held = status == "held"
                minutes = rng.choice([45, 50, 55, 60, 60, 60]) if held else None
                sessions.append(
                    SupervisionSession(
                        organization=org,
                        supervisor=lead,
                        kind="individual",
                        format="video",
                        starts_at=at,
                        duration_minutes=60,
                        timezone=org.timezone,
                        status=status,
                        held_at=at if held else None,
                        held_minutes=minutes,
                        topics=rng.sample(TOPICS, 2) if held else [],
                        logged_at=at if held else None,
                        supervisor_signed_at=at if held else None,
                        locked_at=at if held and rng.random() < 0.9 else None,
                        created_at=at,
                        updated_at=at,
                    )
                )
                who.append(person)
        saved = SupervisionSession.objects.bulk_create(sessions, batch_size=BATCH)
        SessionParticipant.objects.bulk_create(
            [
                SessionParticipant(
                    session=s,
                    person=p,
                    organization=org,
                    signed_at=s.locked_at,
                    held_at=s.held_at,
                    held_minutes=s.held_minutes,
                )
                for s, p in zip(saved, who, strict=True)
            ],
            batch_size=BATCH,
        )
        total += len(saved)
    return org, len(leads), len(staff), total


def build(args, today: date) -> None:
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic():
        _org, leads, staff, sessions = make_organization(
            "bench", args.specialists, today=today, sessions_each=args.sessions_each, seed=1
        )
        make_organization("small", 50, today=today, sessions_each=args.sessions_each, seed=2)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would have, long before
    print(
        f"data: {leads:,} supervisors, {staff:,} specialists, {sessions:,} sessions "
        f"in {time.perf_counter() - started:.1f} s"
    )


def person_with(slug: str, role: str):
    from workforce.models import StaffProfile

    return (
        StaffProfile.objects.filter(organization__slug=slug, role_grants__role=role)
        .select_related("user", "organization")
        .order_by("id")
        .first()
    )


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--specialists", type=int, default=5000)
    parser.add_argument("--sessions-each", type=int, default=40, help="sessions a specialist")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reuse", action="store_true", help="keep the data of an earlier run")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    setup(os.environ.get("DATABASE_URL", ""), reuse=args.reuse)
    from django.utils import timezone

    today = timezone.localdate()
    if not args.reuse:
        build(args, today)
    manager, small_manager = (
        person_with("bench", "manager"),
        person_with("small", "manager"),
    )
    hr, small_hr = person_with("bench", "hr"), person_with("small", "hr")
    lead = person_with("bench", "supervisor")
    small_lead = person_with("small", "supervisor")
    year = f"{COMPLIANCE}?start={today - timedelta(days=364)}&end={today}"
    clients = {
        "manager": client_for(manager, BASELINE_URL),
        "small_manager": client_for(small_manager, BASELINE_URL),
        "hr": client_for(hr, BASELINE_URL),
        "small_hr": client_for(small_hr, BASELINE_URL),
    }
    bench = Bench(clients["manager"], args.runs, BASELINE_URL)
    print(f"load average before measuring: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    results = []
    for label, url in PAGES:
        small_url = url
        if label.endswith("one team"):
            url, small_url = f"{COMPLIANCE}?team={lead.pk}", f"{COMPLIANCE}?team={small_lead.pk}"
        elif label.endswith("a year"):
            url = small_url = year
        who = "hr" if url.startswith("/supervision/hours/") else "manager"
        client, small = clients[who], clients[f"small_{who}"]
        results.append(
            bench.measure(
                label,
                lambda c=client, u=url: fetch(c, u),
                lambda c=small, u=small_url: fetch(c, u),
            )
        )
    report(
        f"median of {args.runs} runs a page",
        "people list page (50 of the organization)",
        results,
        bench.baseline_samples,
    )
    print_plans(results)
    print(f"load average after measuring: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
