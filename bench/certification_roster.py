"""Certification roster benchmark: 5,000 people holding 20,000 current certifications of six
types (plus the earlier cycles they renewed) and three years of CE entries; HR's roster pages,
the CSV and the auditors' PDF of everyone, against the people-list page of the same
organization measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/peerwell_bench_roster \\
    .venv/bin/python bench/certification_roster.py

The database named in DATABASE_URL is dropped and re-created (its name must end in _bench or
contain _bench_): never point it at real data. A second organization of 50 people gets the
same kind of data, so each page's query count can be compared at both sizes. Each measured
request is preceded by a baseline request, so the ratios hold on a busy machine.

If /certifications/roster/ does not answer yet (404), the pages are measured by evaluating
page 1 of `selectors.roster(...)` directly, and the CSV and PDF by calling the reports.

    --reuse      keep the data of the last run (migrations only)
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import (  # noqa: E402  (after the path)
    Bench,
    Measure,
    client_for,
    elapsed_ms,
    explain,
    fetch,
    p95,
    setup,
)

BATCH = 5000
PAGE_TARGET_MS = 200
PDF_TARGET_MS = 5000
ROSTER = "/certifications/roster/"
BASELINE_URL = "/people/"

# name, validity (months), CE hours per cycle, category minimums, share of people holding it.
# The shares add up to 4: 20,000 current certifications for 5,000 people.
TYPES = [
    ("IC&RC Peer Recovery (PR)", 24, 20, {"ethics": 6}, 0.90),
    ("Certified Peer Specialist (state)", 24, 40, {"ethics": 3, "cultural": 3}, 0.65),
    ("CPR and first aid", 24, 0, {}, 0.95),
    ("Mandated reporter training", None, 0, {}, 0.75),
    ("Community Health Worker", 12, 15, {"cultural": 3}, 0.35),
    ("Trauma-informed care specialist", 36, 10, {"trauma": 4}, 0.40),
]
# Courses people take for CE: title, provider, category, hours. Some are yearly refreshers,
# taken again in the same cycle (counted once).
COURSES = [
    (f"{topic} {level}", provider, category, hours)
    for topic, category in [
        ("Ethics in peer work", "ethics"),
        ("Boundaries and dual relationships", "ethics"),
        ("Confidentiality and 42 CFR Part 2", "ethics"),
        ("Trauma-informed practice", "trauma"),
        ("Vicarious trauma and self-care", "trauma"),
        ("Cultural humility", "cultural"),
        ("Serving LGBTQ+ survivors", "cultural"),
        ("Motivational interviewing", "general"),
        ("Harm reduction", "general"),
        ("Crisis de-escalation", "general"),
        ("Recovery planning", "general"),
        ("Documentation for peer workers", "general"),
    ]
    for level, provider, hours in [("I", "NAADAC", "3"), ("II", "State board", "6")]
]
FIRST = [
    *("Alex", "Ana", "Ben", "Bea", "Cam", "Dana", "Eli", "Eva", "Finn", "Gia", "Hal", "Ida"),
    *("Jo", "Kai", "Lee", "Lou", "Mae", "Max", "Noa", "Oli", "Pat", "Quinn", "Ray", "Rosa"),
]
LAST = [
    *("Adams", "Baker", "Chen", "Diaz", "Evans", "Fox", "Garcia", "Hill", "Ito", "Jones"),
    *("Khan", "Lopez", "Moore", "Nguyen", "Ortiz", "Park", "Quist", "Reyes", "Smith", "Tran"),
]


# --- the database -----------------------------------------------------------------------------


# --- the data ---------------------------------------------------------------------------------


def make_staff(organization, count: int, *, today: date, rng):
    """Mostly peer specialists, some supervisors and managers, 1 % HR (the first signs in)."""
    from django.contrib.auth.hashers import make_password

    from workforce.models import RoleGrant, StaffProfile, User

    unusable = make_password(None)
    users = User.objects.bulk_create(
        [User(email=f"c{i}@{organization.slug}.example", password=unusable) for i in range(count)],
        batch_size=BATCH,
    )
    people = StaffProfile.objects.bulk_create(
        [
            StaffProfile(
                user_id=user.pk,
                organization=organization,
                chosen_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                timezone=organization.timezone,
                start_date=today - timedelta(days=rng.randint(30, 1500)),
            )
            for user in users
        ],
        batch_size=BATCH,
    )
    hr = max(1, count // 100)
    roles = ["hr"] * hr + ["manager"] * (count // 50) + ["supervisor"] * (count // 20)
    roles += ["specialist"] * (count - len(roles))
    RoleGrant.objects.bulk_create(
        [RoleGrant(profile_id=p.pk, role=role) for p, role in zip(people, roles, strict=True)],
        batch_size=BATCH,
    )
    return people, people[0]


def make_types(organization):
    from workforce.models import CECategoryMinimum, CertificationType

    types = CertificationType.objects.bulk_create(
        [
            CertificationType(
                organization=organization,
                name=name,
                validity_months=months,
                ce_hours_required=Decimal(ce),
                renewal_window_days=90 if months else None,
                milestones=[90, 60, 30, 7, 0],
            )
            for name, months, ce, _, _ in TYPES
        ]
    )
    CECategoryMinimum.objects.bulk_create(
        [
            CECategoryMinimum(type=t, category=category, hours=Decimal(hours))
            for t, (_, _, _, minimums, _) in zip(types, TYPES, strict=True)
            for category, hours in minimums.items()
        ]
    )
    return types


def make_certifications(organization, people, types, *, hr, today: date, rng) -> tuple[int, int]:
    """Each type held by its share of the people (exact counts). The current cycle started
    within one validity period (a few weeks more: some have expired); a third of those whose
    credential expires renewed it at least once, and the earlier cycle stays as history."""
    from workforce.models import Certification
    from workforce.training.assignments import add_months

    earlier, current = [], []
    for t, (_, months, _, _, share) in zip(types, TYPES, strict=True):
        holders = rng.sample(people, round(share * len(people)))
        for person in holders:
            span = (months or 36) * 30 + 45
            issued = max(person.start_date, today - timedelta(days=rng.randint(0, span)))
            expires = add_months(issued, months) if months else None
            previous = None
            if months and rng.random() < 0.33:
                old_issued = add_months(issued, -months)
                previous = cycle(organization, person, t, old_issued, issued, hr, rng)
                earlier.append(previous)
            row = cycle(organization, person, t, issued, expires, hr, rng)
            row.bench_previous = previous
            current.append(row)
    Certification.objects.bulk_create(earlier, batch_size=BATCH)
    for row in current:
        row.previous = row.bench_previous
    Certification.objects.bulk_create(current, batch_size=BATCH)
    return len(current), len(earlier)


def cycle(organization, person, type, issued: date, expires: date | None, hr, rng):
    from workforce.models import Certification

    verified = rng.random() > 0.03  # the rest wait for HR
    revoked = rng.random() < 0.01
    stamp = datetime.combine(issued, clock(15), tzinfo=UTC)
    return Certification(
        organization=organization,
        person_id=person.pk,
        type=type,
        credential_number=f"{type.name[:3].upper()}-{rng.randint(10_000, 999_999)}",
        issued_on=issued,
        expires_on=expires,
        notice_on=expires - timedelta(days=90) if expires else None,
        verified_by=hr if verified else None,
        verified_at=stamp if verified else None,
        revoked_at=stamp + timedelta(days=30) if revoked else None,
        revoked_reason="Issued in error" if revoked else "",
        added_by=hr,
        created_at=stamp,
    )


def make_ce_entries(organization, people, *, hr, today: date, each: int, rng) -> int:
    """About `each` entries a person over three years: 90 % approved, 7 % waiting for HR,
    3 % declined; one in eight is a refresher of a course they took before."""
    from workforce.models import CEEntry
    from workforce.models.training import ce_course_key

    entries = []
    for person in people:
        taken: list[tuple] = []
        for _ in range(max(0, round(rng.gauss(each, 3)))):
            course = rng.choice(taken) if taken and rng.random() < 0.125 else rng.choice(COURSES)
            taken.append(course)
            title, provider, category, hours = course
            earned = today - timedelta(days=rng.randint(0, 1095))
            roll = rng.random()
            status = "approved" if roll < 0.90 else "pending" if roll < 0.97 else "declined"
            entries.append(
                CEEntry(
                    organization=organization,
                    person_id=person.pk,
                    earned_on=earned,
                    hours=Decimal(hours),
                    category=category,
                    title=title,
                    provider=provider,
                    source="external",
                    status=status,
                    course_key=ce_course_key(title=title, provider=provider),
                    added_by=hr,
                    reviewed_by=hr if status != "pending" else None,
                    created_at=datetime.combine(earned, clock(16), tzinfo=UTC),
                )
            )
    CEEntry.objects.bulk_create(entries, batch_size=BATCH)
    # Written around the services, so store each cycle's total as they would have.
    from workforce.certifications.readiness import recount_ce

    ids = [p.pk for p in people]
    for start in range(0, len(ids), BATCH):
        recount_ce(ids[start : start + BATCH])
    return len(entries)


def make_organization(slug: str, people_count: int, *, today: date, ce_each: int, seed: int):
    from workforce.models import Organization

    rng = random.Random(seed)
    org = Organization.objects.create(name=slug.title(), slug=slug, timezone="America/Chicago")
    people, hr = make_staff(org, people_count, today=today, rng=rng)
    types = make_types(org)
    current, earlier = make_certifications(org, people, types, hr=hr, today=today, rng=rng)
    entries = make_ce_entries(org, people, hr=hr, today=today, each=ce_each, rng=rng)
    return current, earlier, entries


def hr_of(slug: str):
    from workforce.models import StaffProfile

    return (
        StaffProfile.objects.filter(organization__slug=slug, role_grants__role="hr")
        .select_related("user", "organization")
        .order_by("id")
        .first()
    )


# --- what is measured -------------------------------------------------------------------------

PAGES = [
    ("roster, page 1 (sort = expiry)", {"sort": "expiry"}),
    ("roster, sort = readiness", {"sort": "readiness"}),
    ("roster, sort = name", {"sort": "name"}),
    ("roster, status = expiring", {"status": "expiring"}),
    ("roster, expiring within 60 days", {"expiring_within": 60}),
    # A page number past the end: the paginator's get_page gives the last page.
    ("roster, last page (sort = expiry)", {"sort": "expiry", "page": 999_999}),
]


def page_url(filters: dict) -> str:
    return ROSTER + "?" + "&".join(f"{k}={v}" for k, v in filters.items())


def selector_page(profile, today: date, filters: dict) -> int:
    """What the roster page reads: page 1 (or the last) of the roster, and its COUNT."""
    from django.core.paginator import Paginator

    from workforce.certifications import selectors

    filters = dict(filters)
    number = filters.pop("page", 1)
    rows = selectors.roster(user=profile.user, today=today, **filters)
    page = Paginator(rows, selectors.PAGE_SIZE).get_page(number)
    return len(list(page.object_list))


def report_call(kind: str, profile, today: date) -> int:
    """The CSV (every line) or the PDF of everyone, called directly."""
    from workforce.certifications import reports, selectors

    rows = selectors.roster(user=profile.user, today=today)
    if kind == "csv":
        return sum(len(line) for line in reports.roster_csv(rows=rows, today=today))
    return len(
        reports.roster_pdf(
            rows=rows, organization=profile.organization, today=today, filters_text="everyone"
        )
    )


def pdf_breakdown(profile, today: date) -> None:
    """Where the PDF's time goes: reading the rows (the one query, through its cursor) and
    the rest (cells, layout, drawing, compressing), median of three; and the CPU time this
    process spent, which a busy neighbour does not inflate."""
    import io

    from pypdf import PdfReader
    from reportlab.lib import rl_accel

    from workforce.certifications import reports, selectors

    def read() -> int:
        rows = selectors.roster(user=profile.user, today=today)
        return sum(len(batch) for batch in reports._batches(rows))

    reading = statistics.median(elapsed_ms(read) for _ in range(3))
    data = b""

    def whole() -> int:
        nonlocal data
        data = reports.roster_pdf(
            rows=selectors.roster(user=profile.user, today=today),
            organization=profile.organization,
            today=today,
            filters_text="everyone",
        )
        return len(data)

    cpu_started = time.process_time()
    total = statistics.median(elapsed_ms(whole) for _ in range(3))
    cpu = (time.process_time() - cpu_started) / 3 * 1000  # this process only: neighbours aside
    pages = len(PdfReader(io.BytesIO(data)).pages)
    accelerated = type(rl_accel.fp_str).__name__ == "builtin_function_or_method"
    print(
        f"\nPDF of {read():,} rows, {pages} pages, {len(data) / 1024:.0f} KiB: {total:.0f} ms, of "
        f"which reading the rows {reading:.0f} ms and the rest {total - reading:.0f} ms; "
        f"{cpu:.0f} ms of CPU in this process (ReportLab's C accelerator, the rl-accel package: "
        f"{'in use' if accelerated else 'not installed'})"
    )


# --- the run ----------------------------------------------------------------------------------


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--ce-each", type=int, default=10, help="CE entries a person")
    parser.add_argument("--runs", type=int, default=15, help="for pages")
    parser.add_argument("--report-runs", type=int, default=5, help="for the CSV and PDF")
    parser.add_argument("--reuse", action="store_true", help="keep the data of an earlier run")
    return parser.parse_args()


def build(args, today: date) -> None:
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic():
        current, earlier, entries = make_organization(
            "bench", args.people, today=today, ce_each=args.ce_each, seed=1
        )
        make_organization("small", 50, today=today, ce_each=args.ce_each, seed=2)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would have, long before
    print(
        f"data: {args.people:,} people, {len(TYPES)} types, {current:,} current certifications "
        f"(+{earlier:,} earlier cycles they renewed), {entries:,} CE entries "
        f"in {time.perf_counter() - started:.1f} s"
    )


def describe(profile, today: date) -> None:
    from collections import Counter

    from workforce.certifications import selectors

    rows = selectors.roster(user=profile.user, today=today)
    states = Counter(rows.values_list("state", flat=True))
    print("roster by status: " + ", ".join(f"{s} {n:,}" for s, n in sorted(states.items())))


def view_answers(client) -> bool:
    return client.get(ROSTER).status_code == 200


def report(title: str, results: list[Measure], baseline: list[float]) -> None:
    print(
        f"\n{title}\nbaseline, people list page (50 of the organization): "
        f"{statistics.median(baseline):.0f} ms median, {p95(baseline):.0f} ms p95\n"
    )
    print(
        f"{'measure':36} {'median':>8} {'p95':>8} {'ratio':>6} {'SQL':>8} {'queries':>8} "
        f"{'at 50':>6} {'size':>9}"
    )
    for m in results:
        target = PDF_TARGET_MS if "PDF" in m.label else None if "CSV" in m.label else 200
        flag = "  over target" if target and m.median > target else ""
        grows = "" if m.small_queries == m.queries else " (grows)"
        print(
            f"{m.label:36} {m.median:6.0f}ms {m.p95:6.0f}ms {m.ratio:6.1f} {m.sql_ms:6.0f}ms "
            f"{m.queries:8} {m.small_queries:6} {m.size / 1024:5.0f} KiB{grows}{flag}"
        )


def print_plans(results: list[Measure]) -> None:
    """The slowest query of everything over its target (and of the CSV), with its plan."""
    for m in results:
        target = PDF_TARGET_MS if "PDF" in m.label else PAGE_TARGET_MS
        if m.median > target or "CSV" in m.label or m.slowest[0] > PAGE_TARGET_MS:
            ms, sql = m.slowest
            print(f"\n=== {m.label}: slowest query, {ms:.0f} ms ===\n{sql}\n\n{explain(sql)}")


def measure_all(bench: Bench, hr, small_hr, today: date, *, via_view: bool, args) -> list:
    small_client = client_for(small_hr, BASELINE_URL) if via_view else None
    results = []
    for label, filters in PAGES:
        if via_view:
            url = page_url(filters)
            call = lambda url=url: fetch(bench.client, url)  # noqa: E731
            small = lambda url=url: fetch(small_client, url)  # noqa: E731
        else:
            call = lambda f=filters: selector_page(hr, today, f)  # noqa: E731
            small = lambda f=filters: selector_page(small_hr, today, f)  # noqa: E731
        results.append(bench.measure(label, call, small))
    for kind in ("csv", "pdf"):
        label = f"roster {kind.upper()}, everyone"
        if via_view:
            url = f"{ROSTER}?format={kind}"
            call = lambda url=url: fetch(bench.client, url)  # noqa: E731
            small = lambda url=url: fetch(small_client, url)  # noqa: E731
        else:
            call = lambda k=kind: report_call(k, hr, today)  # noqa: E731
            small = lambda k=kind: report_call(k, small_hr, today)  # noqa: E731
        results.append(bench.measure(label, call, small, runs=args.report_runs))
    return results


def main() -> None:
    args = parse_args()
    setup(os.environ.get("DATABASE_URL", ""), reuse=args.reuse)
    from django.utils import timezone

    today = timezone.localdate()
    if not args.reuse:
        build(args, today)
    hr, small_hr = hr_of("bench"), hr_of("small")
    describe(hr, today)
    bench = Bench(client_for(hr, BASELINE_URL), args.runs, BASELINE_URL)
    via_view = view_answers(bench.client)
    print(
        f"{ROSTER}: {'measured through the view' if via_view else '404, selector measured'}\n"
        f"load average before measuring: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)"
    )
    results = measure_all(bench, hr, small_hr, today, via_view=via_view, args=args)
    report(
        f"median of {args.runs} runs a page, {args.report_runs} for the CSV and PDF",
        results,
        bench.baseline_samples,
    )
    pdf_breakdown(hr, today)
    print_plans(results)
    print(f"load average after measuring: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
