"""Peer support groups benchmark: 5,000 staff, 1,000 groups (two facilitators and a liaison
each) and 100,000 logged meetings with their facilitation rows, plus each group's next eight
weeks on the calendar; the groups list (pages and API), a group's page, a facilitator's home
and groups page, HR's facilitation hours, and the public finder, a public group page and the
Meeting Guide feed (all 1,000 groups on the finder, half with a public address), against the
people-list page of the same organization measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/peerwell_bench_groups \\
    .venv/bin/python bench/groups.py

The database named in DATABASE_URL is dropped and re-created (its name must end in _bench or
contain _bench_): never point it at real data. A second organization of 50 people with 10
groups gets the same kind of data, so each page's query count can be compared at both sizes.
Each measured request is preceded by a baseline request, so the ratios hold on a busy machine.

    --reuse      keep the data of the last run (migrations only)
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
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
TARGET_MS = 100
BASELINE_URL = "/people/"
KEYS = ["twelve-step", "smart-recovery", "women-for-sobriety", "lifering", "seeking-safety"]


def _people(org, slug: str, count: int):
    from django.contrib.auth.hashers import make_password

    from workforce.models import RoleGrant, StaffProfile, User

    roles = ["manager"] * max(1, count // 100) + ["hr"] * max(1, count // 100)
    roles += ["supervisor"] * max(1, count // 10)
    roles += ["specialist"] * (count - len(roles))
    unusable = make_password(None)
    users = User.objects.bulk_create(
        [User(email=f"g{i}@{slug}.example", password=unusable) for i in range(len(roles))],
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
    return [p for p, r in zip(people, roles, strict=True) if r == "specialist"]


def _groups(org, specialists, count: int, rng: random.Random):
    from groups.models import Facilitator, GroupModel, Liaison, SupportGroup, Venue
    from groups.services import group_models_ensure

    group_models_ensure(org.pk)
    models = {m.key: m for m in GroupModel.objects.filter(organization=org)}
    venue = Venue.objects.create(
        organization=org, name="Library", area="Eastside", address="1 Example Street"
    )
    groups = SupportGroup.objects.bulk_create(
        [
            SupportGroup(
                organization=org,
                name=f"Group {i:04d}",
                model=models[KEYS[i % len(KEYS)]],
                who_for="Anyone in recovery",
                languages=["en", "es"] if i % 4 == 0 else ["en"],
                format="in_person",
                venue=venue,
                weekday=i % 7,
                start_time=clock(17 + i % 4, 30),
                duration_minutes=90,
                timezone=org.timezone,
                starts_on=date(2024, 1, 1),
                status="meeting",
            )
            for i in range(count)
        ],
        batch_size=BATCH,
    )
    facilitators, liaisons = [], []
    for i, group in enumerate(groups):
        lead, co = (
            specialists[(2 * i) % len(specialists)],
            specialists[(2 * i + 1) % len(specialists)],
        )
        liaison = specialists[(2 * i + 7) % len(specialists)]
        facilitators += [
            Facilitator(organization=org, group=group, person=lead, lead=True),
            Facilitator(organization=org, group=group, person=co),
        ]
        liaisons.append(Liaison(organization=org, group=group, person=liaison))
    Facilitator.objects.bulk_create(facilitators, batch_size=BATCH)
    Liaison.objects.bulk_create(liaisons, batch_size=BATCH)
    return groups


def _meetings(org, groups, each: int, now: datetime, rng: random.Random) -> int:
    from groups.meetings import meetings_extend_all
    from groups.models import Facilitation, Facilitator, Meeting

    leads = {}
    for row in Facilitator.objects.filter(organization=org).values("group_id", "person_id"):
        leads.setdefault(row["group_id"], []).append(row["person_id"])
    total = 0
    for chunk in range(0, len(groups), 100):
        rows = []
        for group in groups[chunk : chunk + 100]:
            for n in range(1, each + 1):
                at = now - timedelta(weeks=n, hours=rng.randint(0, 6))
                attended = rng.randint(0, 18)
                rows.append(
                    Meeting(
                        organization=org,
                        group=group,
                        slot=at,
                        starts_at=at,
                        duration_minutes=90,
                        status="held",
                        attended=attended,
                        newcomers=rng.randint(0, min(3, attended)),
                        held_minutes=90,
                        agreement_read=True,
                        logged_at=at + timedelta(hours=2),
                        updated_at=at,
                    )
                )
        saved = Meeting.objects.bulk_create(rows, batch_size=BATCH)
        Facilitation.objects.bulk_create(
            [
                Facilitation(
                    organization=org, meeting=m, person_id=p, held_at=m.starts_at, minutes=90
                )
                for m in saved
                for p in leads[m.group_id]
            ],
            batch_size=BATCH,
        )
        total += len(saved)
    meetings_extend_all(now=now)
    return total


def _publish(org, groups) -> None:
    """The public finder, with every group on it and half showing an address (the feed)."""
    from groups.models import Finder, SupportGroup

    Finder.objects.create(organization=org, published=True, ask_contact="Call 555-0100")
    SupportGroup.objects.filter(pk__in=[g.pk for g in groups]).update(in_finder=True)
    SupportGroup.objects.filter(pk__in=[g.pk for g in groups[::2]]).update(show_address=True)


def build(args, now: datetime) -> None:
    from django.db import connection, transaction

    from workforce.models import Organization

    started = time.perf_counter()
    with transaction.atomic():
        for slug, people, count, seed in (
            ("bench", args.staff, args.groups, 1),
            ("small", 50, 10, 2),
        ):
            rng = random.Random(seed)
            org = Organization.objects.create(
                name=slug.title(), slug=slug, timezone="America/Chicago"
            )
            specialists = _people(org, slug, people)
            groups = _groups(org, specialists, count, rng)
            meetings = _meetings(org, groups, args.meetings_each, now, rng)
            _publish(org, groups)
            print(f"{slug}: {people:,} staff, {count:,} groups, {meetings:,} logged meetings")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would have, long before
    print(f"built in {time.perf_counter() - started:.1f} s")


def person_with(slug: str, role: str, facilitating: bool = False):
    from workforce.models import StaffProfile

    people = StaffProfile.objects.filter(organization__slug=slug, role_grants__role=role)
    if facilitating:
        people = people.filter(facilitating__lead=True)
    return people.select_related("user", "organization").order_by("id").first()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--staff", type=int, default=5000)
    parser.add_argument("--groups", type=int, default=1000)
    parser.add_argument("--meetings-each", type=int, default=100, help="logged, per group")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reuse", action="store_true", help="keep the data of an earlier run")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    setup(os.environ.get("DATABASE_URL", ""), reuse=args.reuse)
    now = datetime.now(UTC).replace(microsecond=0)
    if not args.reuse:
        build(args, now)
    from groups.models import SupportGroup

    who = {
        "manager": (person_with("bench", "manager"), person_with("small", "manager")),
        "hr": (person_with("bench", "hr"), person_with("small", "hr")),
        "facilitator": (
            person_with("bench", "specialist", facilitating=True),
            person_with("small", "specialist", facilitating=True),
        ),
    }
    clients = {
        role: (client_for(big, "/me/"), client_for(small, "/me/"))
        for role, (big, small) in who.items()
    }
    group = SupportGroup.objects.filter(organization__slug="bench").order_by("pk")[500]
    small_group = SupportGroup.objects.filter(organization__slug="small").order_by("pk").first()
    pages = [
        ("groups list, page 1", "manager", "/groups/", "/groups/"),
        ("groups list, page 10", "manager", "/groups/?page=10", "/groups/"),
        ("groups list, a filter", "manager", "/groups/?model=lifering", "/groups/?model=lifering"),
        ("API groups list", "manager", "/api/v1/groups/", "/api/v1/groups/"),
        (
            "a group's page (manager)",
            "manager",
            f"/groups/{group.pk}/",
            f"/groups/{small_group.pk}/",
        ),
        ("facilitator's home", "facilitator", "/dashboard/", "/dashboard/"),
        ("facilitator's groups page", "facilitator", "/groups/", "/groups/"),
        ("API my groups", "facilitator", "/api/v1/groups/mine/", "/api/v1/groups/mine/"),
        ("facilitation hours (HR)", "hr", "/groups/hours/", "/groups/hours/"),
    ]
    from django.test import Client

    public = Client()  # nobody signed in
    public_pages = [
        ("public finder, page 1 (anonymous)", "/find/bench/", "/find/small/"),
        (
            "public finder, filtered",
            "/find/bench/?weekday=2&time_of_day=evening",
            "/find/small/?weekday=2",
        ),
        (
            "public group page",
            f"/find/bench/{group.public_code}/",
            f"/find/small/{small_group.public_code}/",
        ),
        ("Meeting Guide feed (500 meetings)", "/find/bench/feed.json", "/find/small/feed.json"),
    ]
    bench = Bench(clients["manager"][0], args.runs, BASELINE_URL)
    print(f"load average before measuring: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    results = []
    for label, role, url, small_url in pages:
        client, small = clients[role]
        results.append(
            bench.measure(
                label,
                lambda c=client, u=url: fetch(c, u),
                lambda c=small, u=small_url: fetch(c, u),
            )
        )
    for label, url, small_url in public_pages:
        results.append(
            bench.measure(
                label,
                lambda u=url: fetch(public, u),
                lambda u=small_url: fetch(public, u),
            )
        )
    report(
        f"median of {args.runs} runs a page (target {TARGET_MS} ms; public pages 50 ms)",
        "people list page (50 of the organization)",
        results,
        bench.baseline_samples,
    )
    print_plans(results, target_ms=TARGET_MS)
    print(f"load average after measuring: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
