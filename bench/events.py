"""Wellness events benchmark: 5,000 staff and 2,000 events (a third weekly, four times each;
for everyone, a team or a role), with some 100,000 replies; the events page and the home page
of a specialist, the events API, an organizer's page of one event, and participation, against
the people-list page of the same organization measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/peerwell_bench_events \\
    .venv/bin/python bench/events.py

The database named in DATABASE_URL is dropped and re-created (its name must end in _bench or
contain _bench_): never point it at real data. A second organization of 50 people with 20 events
gets the same kind of data, so each page's query count can be compared at both sizes. Each
measured request is preceded by a baseline request, so the ratios hold on a busy machine.

    --reuse      keep the data of the last run (migrations only)
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
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
from bench.groups import _people  # noqa: E402

BATCH = 5000
TARGET_MS = 50
BASELINE_URL = "/people/"
KINDS = ["movement", "creative", "nature", "rest", "peer_circle", "learning", "celebration"]


def _events(org, people, count: int, now: datetime, rng: random.Random) -> None:
    from events.models import EventOccurrence, EventReply, WellnessEvent

    managers = [p for p in people if p.has_role("manager")] or people[:1]
    supervisors = [p for p in people if p.has_role("supervisor")]
    events = []
    for i in range(count):
        audience = rng.choices(["everyone", "team", "role"], weights=[6, 3, 1])[0]
        events.append(
            WellnessEvent(
                organization=org,
                title=f"Event {i:05d}",
                kind=rng.choice(KINDS),
                starts_on=(now + timedelta(days=rng.randint(-180, 120))).date(),
                start_time=datetime.min.time().replace(hour=rng.randint(8, 18)),
                end_time=datetime.min.time().replace(hour=19),
                timezone=org.timezone,
                every_weeks=1 if i % 3 == 0 else None,
                times=4 if i % 3 == 0 else 1,
                place="in_person",
                location="Room 1",
                audience=audience,
                team_lead=rng.choice(supervisors) if audience == "team" and supervisors else None,
                role="specialist" if audience == "role" else "",
                capacity=rng.choice([None, None, 10, 30]),
                created_by=rng.choice(managers),
            )
        )
        if audience == "team" and not supervisors:
            events[-1].audience = "everyone"
    events = WellnessEvent.objects.bulk_create(events, batch_size=BATCH)
    through = WellnessEvent.organizers.through
    through.objects.bulk_create(
        [through(wellnessevent_id=e.pk, staffprofile_id=e.created_by_id) for e in events],
        batch_size=BATCH,
    )
    occurrences = []
    for event in events:
        first = datetime.combine(event.starts_on, event.start_time, tzinfo=UTC)
        for n in range(event.times):
            start = first + timedelta(weeks=n)
            occurrences.append(
                EventOccurrence(
                    organization=org,
                    event=event,
                    number=n + 1,
                    starts_at=start,
                    ends_at=start + timedelta(hours=1),
                )
            )
    occurrences = EventOccurrence.objects.bulk_create(occurrences, batch_size=BATCH)
    replies, seen = [], set()
    for person in people:
        for occurrence in rng.sample(occurrences, min(20, len(occurrences))):
            if (occurrence.pk, person.pk) not in seen:
                seen.add((occurrence.pk, person.pk))
                answer = rng.choice(["going", "going", "maybe", "not_going"])
                replies.append(
                    EventReply(
                        organization=org, occurrence=occurrence, person=person, answer=answer
                    )
                )
    EventReply.objects.bulk_create(replies, batch_size=BATCH)


def build(args, now: datetime) -> None:
    from django.db import connection

    from workforce.models import Organization, StaffProfile

    started = time.perf_counter()
    rng = random.Random(7)
    for slug, staff, events in (("bench", args.staff, args.events), ("small", 50, 20)):
        org = Organization.objects.create(name=slug, slug=slug, timezone="America/Chicago")
        _people(org, slug, staff)
        people = list(StaffProfile.objects.filter(organization=org).prefetch_related("role_grants"))
        _events(org, people, events, now, rng)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would have, long before
    print(f"built in {time.perf_counter() - started:.1f} s")


def person_with(slug: str, role: str, organizing: bool = False):
    from workforce.models import StaffProfile

    people = StaffProfile.objects.filter(organization__slug=slug, role_grants__role=role)
    if organizing:
        people = people.filter(organizing_events__isnull=False)
    return people.select_related("user", "organization").order_by("id").first()


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--staff", type=int, default=5000)
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reuse", action="store_true", help="keep the data of an earlier run")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    setup(os.environ.get("DATABASE_URL", ""), reuse=args.reuse)
    now = datetime.now(UTC).replace(microsecond=0)
    if not args.reuse:
        build(args, now)
    from events.models import EventOccurrence

    who = {
        "manager": (
            person_with("bench", "manager", True),
            person_with("small", "manager", True),
        ),
        "specialist": (person_with("bench", "specialist"), person_with("small", "specialist")),
    }
    clients = {
        role: (client_for(big, "/me/"), client_for(small, "/me/"))
        for role, (big, small) in who.items()
    }
    mine = who["manager"]
    big_one = EventOccurrence.objects.filter(event__organizers=mine[0], starts_at__gt=now).first()
    small_one = EventOccurrence.objects.filter(event__organizers=mine[1]).first()
    pages = [
        ("events page (specialist)", "specialist", "/events/", "/events/"),
        ("events page, page 5 (specialist)", "specialist", "/events/?page=5", "/events/"),
        ("home with its events panel", "specialist", "/dashboard/", "/dashboard/"),
        (
            "API occurrences (specialist)",
            "specialist",
            "/api/v1/wellness-events/occurrences/",
            "/api/v1/wellness-events/occurrences/",
        ),
        ("events page (manager)", "manager", "/events/", "/events/"),
        ("API events (manager)", "manager", "/api/v1/wellness-events/", "/api/v1/wellness-events/"),
        (
            "an event's page (its organizer)",
            "manager",
            f"/events/{big_one.pk}/",
            f"/events/{small_one.pk}/",
        ),
        ("participation (manager)", "manager", "/events/participation/", "/events/participation/"),
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
    report(
        f"median of {args.runs} runs a page (target {TARGET_MS} ms)",
        "people list page (50 of the organization)",
        results,
        bench.baseline_samples,
    )
    print_plans(results, target_ms=TARGET_MS)
    print(f"load average after measuring: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
