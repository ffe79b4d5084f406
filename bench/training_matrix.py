"""Training matrix benchmark: 5,000 active people × 10 role-required modules with two to three
years of assignments, renewals and completions; the manager's matrix pages, the overdue list and
the full CSV, against the people-list page of the same organization measured in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/peerwell_bench_matrix \\
    .venv/bin/python bench/training_matrix.py

The database named in DATABASE_URL is dropped and re-created (its name must end in _bench or
contain _bench_): never point it at real data. A second organization of 50 people gets the same
history, so every page's query count can be compared at both sizes. Each measured request is
preceded by a baseline request, so the ratios hold on a busy machine.

    --reuse      keep the data of the last run (migrations only)
    --explain    print the slowest query and its EXPLAIN ANALYZE for pages over 200 ms
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH = 5000
TARGET_MS = 200

# (title, renewal months, roles that require it). Ten columns; every role has several.
MODULES = [
    ("Boundaries and ethics", 12, {"specialist", "supervisor", "manager", "hr", "admin"}),
    ("Mandated reporting", 12, {"specialist", "supervisor", "manager", "hr", "admin"}),
    ("Confidentiality and HIPAA", 12, {"specialist", "supervisor", "manager", "hr", "admin"}),
    ("Cultural responsiveness", None, {"specialist", "supervisor", "manager", "hr", "admin"}),
    ("Vicarious trauma and self-care", 24, {"specialist", "supervisor"}),
    ("Trauma-informed practice", None, {"specialist", "supervisor", "manager"}),
    ("Crisis response and de-escalation", 12, {"specialist", "supervisor"}),
    ("Harm reduction basics", 24, {"specialist"}),
    ("Recovery planning with peers", None, {"specialist"}),
    ("Reflective supervision", 24, {"supervisor", "manager"}),
]
ELECTIVES = [("Motivational interviewing", None), ("Grant reporting", None)]

FIRST = [
    *("Alex", "Ana", "Ben", "Bea", "Cam", "Dana", "Eli", "Eva", "Finn", "Gia", "Hal", "Ida"),
    *("Jo", "Kai", "Lee", "Lou", "Mae", "Max", "Noa", "Oli", "Pat", "Quinn", "Ray", "Rosa"),
    *("Sam", "Sky", "Tess", "Uma", "Val", "Wes", "Xio", "Yara", "Zed", "Amir", "Bo", "Cleo"),
]
LAST = [
    *("Adams", "Baker", "Chen", "Diaz", "Evans", "Fox", "Garcia", "Hill", "Ito", "Jones"),
    *("Khan", "Lopez", "Moore", "Nguyen", "Ortiz", "Park", "Quist", "Reyes", "Smith", "Tran"),
    *("Usman", "Vega", "Walsh", "Xu", "Young", "Zhou", "Abbott", "Brooks", "Cruz", "Dubois"),
]


# --- the database -----------------------------------------------------------------------------


def reset_database(url: str) -> None:
    """Drop, create and migrate the bench database (as bench/reminder_fanout.py does, but
    also accepting a per-benchmark name such as peerwell_bench_matrix)."""
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if not (name.endswith("_bench") or "_bench_" in name):
        sys.exit("Refusing: the bench database's name must end in _bench or contain _bench_.")
    base = ["-h", parsed.hostname or "127.0.0.1", "-p", str(parsed.port or 5432)]
    base += ["-U", parsed.username or "postgres"]
    subprocess.run(["dropdb", "--if-exists", *base, name], check=True)
    subprocess.run(["createdb", *base, name], check=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True)


# --- the data ---------------------------------------------------------------------------------


def role_mix(count: int) -> list[set[str]]:
    """Mostly peer specialists; about 9 % supervisors (a third of whom still take
    specialist shifts), 2 % program managers, 1 % HR, a few org admins."""
    supervisors, managers, hr, admins = count * 9 // 100, count * 2 // 100, count // 100, 5
    mix = [
        {"supervisor", "specialist"} if i % 3 == 0 else {"supervisor"} for i in range(supervisors)
    ]
    mix += [{"manager"}] * managers + [{"hr"}] * hr + [{"admin"}] * admins
    mix += [{"specialist"}] * (count - len(mix))
    return mix[:count]


def make_staff(organization, roles: list[set[str]], *, left: int, today: date, rng):
    """Profiles (active, plus `left` who left) with grants and start dates over ~3 years."""
    from django.contrib.auth.hashers import make_password

    from workforce.models import RoleGrant, StaffProfile, User

    unusable = make_password(None)
    total = len(roles) + left
    users = User.objects.bulk_create(
        [User(email=f"t{i}@{organization.slug}.example", password=unusable) for i in range(total)],
        batch_size=BATCH,
    )
    profiles = StaffProfile.objects.bulk_create(
        [
            StaffProfile(
                user_id=user.pk,
                organization=organization,
                chosen_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                timezone=organization.timezone,
                employment_status="left" if i >= len(roles) else "active",
                # Skewed towards long tenure: half started more than 22 months ago.
                start_date=today - timedelta(days=10 + int(1085 * rng.random() ** 0.7)),
            )
            for i, user in enumerate(users)
        ],
        batch_size=BATCH,
    )
    people_roles = roles + [{"specialist"}] * left
    for profile, held in zip(profiles, people_roles, strict=True):
        profile.bench_roles = held
    RoleGrant.objects.bulk_create(
        [RoleGrant(profile_id=p.pk, role=r) for p in profiles for r in sorted(p.bench_roles)],
        batch_size=BATCH,
    )
    return profiles


def make_modules(organization):
    from workforce.models import ModuleRequirement, TrainingModule

    def module(title: str, renewal: int | None, **extra) -> TrainingModule:
        return TrainingModule(
            organization=organization,
            title=title,
            summary=title,
            category="other",
            format="in_app",
            estimated_minutes=45,
            ce_hours=Decimal("1.50"),
            renewal_months=renewal,
            **extra,
        )

    required = TrainingModule.objects.bulk_create([module(t, r) for t, r, _ in MODULES])
    electives = TrainingModule.objects.bulk_create([module(t, r) for t, r in ELECTIVES])
    # An archived module that used to be required: its old history must not show.
    archived = module("Old onboarding", None, archived_at=datetime(2025, 1, 1, tzinfo=UTC))
    archived.save()
    requirements = [
        ModuleRequirement(module=m, role=role)
        for m, (_, _, roles) in zip(required, MODULES, strict=True)
        for role in sorted(roles)
    ]
    requirements += [ModuleRequirement(module=archived, role="specialist")]
    ModuleRequirement.objects.bulk_create(requirements)
    for m, (_, _, roles) in zip(required, MODULES, strict=True):
        m.bench_roles = roles
    archived.bench_roles = {"specialist"}
    return required, electives, archived


@dataclass
class History:
    completions: list  # Completion instances, not saved yet
    assignments: list  # (Assignment, index into completions or None)


def add_months(day: date, months: int) -> date:
    from workforce.training.assignments import add_months as add

    return add(day, months)


def cell_history(history: History, person, module, *, today: date, rng, counter) -> None:
    """One person's history for one module: the first assignment a month after they start
    (or when the module appeared), then a renewal assignment 30 days before each completion
    lapses. Most finish in 3–45 days; a few never do (overdue), a few renewals were never
    assigned (lapsed), and some people were never assigned at all."""
    from workforce.models import Assignment, Completion

    if rng.random() < 0.03:
        return  # required, never assigned
    assigned = max(person.start_date, today - timedelta(days=1095))
    while assigned <= today:
        due = assigned + timedelta(days=30)
        finishes = rng.random() < 0.985  # the rest stay open, long overdue
        done = assigned + timedelta(days=rng.randint(3, 45) if finishes else 9999)
        open_ = done > today
        started = None
        if not open_ or rng.random() < 0.45:  # in progress, or done
            started = datetime.combine(assigned + timedelta(days=1), clock(15), tzinfo=UTC)
            started = min(started, datetime.combine(today, clock(0), tzinfo=UTC))
        assignment = Assignment(
            organization_id=person.organization_id,
            person_id=person.pk,
            module_id=module.pk,
            due_on=due,
            source="required" if not history.assignments else "renewal",
            started_at=started,
            created_at=datetime.combine(assigned, clock(9), tzinfo=UTC),
        )
        if open_:
            history.assignments.append((assignment, None))
            return
        history.completions.append(
            Completion(
                organization_id=person.organization_id,
                person_id=person.pk,
                module_id=module.pk,
                completed_on=done,
                ce_hours=module.ce_hours,
                name_on_certificate=person.chosen_name,
                module_title=module.title,
                source="in_app",
                verification_code=f"B{next(counter):09d}",
                created_at=datetime.combine(done, clock(16), tzinfo=UTC),
            )
        )
        history.assignments.append((assignment, len(history.completions) - 1))
        if not module.renewal_months or rng.random() < 0.03:
            return  # never renews, or the renewal was never assigned (lapses)
        assigned = add_months(done, module.renewal_months) - timedelta(days=30)


def make_history(people, required, electives, archived, *, today: date, rng, counter) -> History:
    history = History(completions=[], assignments=[])
    for person in people:
        for module in [*required, archived]:
            if person.bench_roles & module.bench_roles:
                cell = History(completions=[], assignments=[])
                cell_history(cell, person, module, today=today, rng=rng, counter=counter)
                merge(history, cell)
        for module in electives:
            if rng.random() < 0.1:
                cell = History(completions=[], assignments=[])
                cell_history(cell, person, module, today=today, rng=rng, counter=counter)
                merge(history, cell)
    return history


def merge(into: History, cell: History) -> None:
    offset = len(into.completions)
    into.completions += cell.completions
    into.assignments += [(a, None if i is None else i + offset) for a, i in cell.assignments]


def save_history(history: History) -> tuple[int, int]:
    from workforce.models import Assignment, Completion

    completions = Completion.objects.bulk_create(history.completions, batch_size=BATCH)
    assignments = []
    for assignment, index in history.assignments:
        if index is not None:
            assignment.completion_id = completions[index].pk
        assignments.append(assignment)
    Assignment.objects.bulk_create(assignments, batch_size=BATCH)
    return len(completions), len(assignments)


def make_organization(slug: str, active: int, *, left: int, today: date, seed: int):
    """An organization with `active` people, their training history, and a program manager."""
    from workforce.models import Organization

    rng = random.Random(seed)
    counter = iter(range(seed * 10_000_000, (seed + 1) * 10_000_000))
    org = Organization.objects.create(name=slug.title(), slug=slug, timezone="America/Chicago")
    people = make_staff(org, role_mix(active), left=left, today=today, rng=rng)
    required, electives, archived = make_modules(org)
    history = make_history(
        people, required, electives, archived, today=today, rng=rng, counter=counter
    )
    completions, assignments = save_history(history)
    return org, program_manager(org), completions, assignments


def program_manager(org):
    """The organization's first program manager (who signs in for the benchmark)."""
    from workforce.models import StaffProfile

    managers = StaffProfile.objects.filter(organization=org, role_grants__role="manager")
    return managers.select_related("user").order_by("id").first()


# --- measuring --------------------------------------------------------------------------------


@dataclass
class Measure:
    label: str
    url: str
    median: float  # ms
    p95: float  # ms
    ratio: float  # median ÷ the baseline's median over the same interleaved runs
    queries: int
    sql_ms: float  # the captured queries' own time, one request
    small_queries: int  # the same page for the 50-person organization
    size: int  # bytes


def fetch(client, url: str) -> int:
    """One request through the whole stack; a streaming response is read to the end."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def elapsed_ms(client, url: str) -> float:
    started = time.perf_counter()
    fetch(client, url)
    return (time.perf_counter() - started) * 1000


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def captured(client, url: str):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        size = fetch(client, url)
    return queries.captured_queries, size


class Bench:
    """Times pages against the baseline page, one baseline request before each page request,
    so a busy neighbour on the machine slows both alike."""

    def __init__(self, client, small_client, runs: int) -> None:
        self.client, self.small_client, self.runs = client, small_client, runs
        self.baseline_samples: list[float] = []

    def measure(self, label: str, url: str) -> Measure:
        queries, size = captured(self.client, url)
        small = len(captured(self.small_client, url)[0])
        fetch(self.client, url)  # warm
        page, base = [], []
        for _ in range(self.runs):
            base.append(elapsed_ms(self.client, BASELINE_URL))
            page.append(elapsed_ms(self.client, url))
        self.baseline_samples += base
        median = statistics.median(page)
        sql_ms = sum(float(q["time"]) for q in queries) * 1000
        ratio = median / statistics.median(base)
        return Measure(label, url, median, p95(page), ratio, len(queries), sql_ms, small, size)


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def print_slowest(client, m: Measure) -> None:
    """The page's slowest query (by its captured time) with its plan."""
    queries, _ = captured(client, m.url)
    ms, sql = max((float(q["time"]) * 1000, q["sql"]) for q in queries)
    print(f"\n=== {m.label}: slowest query, {ms:.0f} ms ===\n{sql}\n\n{explain(sql)}")


# --- the run ----------------------------------------------------------------------------------

BASELINE_URL = "/people/"


def pages(people: int) -> list[tuple[str, str]]:
    last = -(-people // 50)
    return [
        ("matrix, page 1", "/training/team/"),
        (f"matrix, page {last // 2}", f"/training/team/?page={last // 2}"),
        (f"matrix, last page ({last})", f"/training/team/?page={last}"),
        ("matrix, role = supervisor", "/training/team/?role=supervisor"),
        ("matrix, status = overdue", "/training/team/?status=overdue"),
        ("matrix, status = overdue, page 5", "/training/team/?status=overdue&page=5"),
        ("matrix, status = in progress", "/training/team/?status=in_progress"),
        ("matrix, status = complete", "/training/team/?status=complete"),
        ("matrix, status = not assigned", "/training/team/?status=not_assigned"),
        ("overdue list, page 1", "/training/team/overdue/"),
        ("matrix CSV, everyone (streamed)", "/training/team/?format=csv"),
        ("overdue CSV (streamed)", "/training/team/overdue/?format=csv"),
    ]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=5000, help="active people")
    parser.add_argument("--left", type=int, default=150, help="people who left (with history)")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--explain", action="store_true", help="plans of pages over target")
    parser.add_argument(
        "--reuse", action="store_true", help="keep the data of an earlier run (migrate only)"
    )
    return parser.parse_args()


def setup(url: str, *, reuse: bool) -> None:
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database whose name ends in _bench.")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        LOG_LEVEL="WARNING",
        DJANGO_ALLOWED_HOSTS="testserver",
    )
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise, no collectstatic
    if reuse:  # keep the data, but follow the code's migrations
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True)
    else:
        reset_database(url)
    import django

    django.setup()


def build(args, today: date) -> None:
    from django.db import connection, transaction

    started = time.perf_counter()
    with transaction.atomic():
        _, _, completions, assignments = make_organization(
            "bench", args.people, left=args.left, today=today, seed=1
        )
        make_organization("small", 50, left=2, today=today, seed=2)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # as autovacuum would have, long before
    print(
        f"data: {args.people:,} active people (+{args.left} who left), {len(MODULES)} required "
        f"modules, {completions:,} completions and {assignments:,} assignments "
        f"in {time.perf_counter() - started:.1f} s"
    )


def matrix_ids(manager, today: date, status: str):
    """The people one status filter picks, as ids (for the data description)."""
    from workforce.training import matrix

    return matrix.matrix_people(user=manager.user, today=today, status=status).values("pk")


def describe(manager, today: date) -> None:
    from workforce.models import Assignment, RoleGrant
    from workforce.training import matrix

    org = manager.organization_id
    open_ = Assignment.objects.filter(organization_id=org, completion__isnull=True)
    roles = RoleGrant.objects.filter(profile__organization_id=org)
    mix = ", ".join(f"{r} {roles.filter(role=r).count():,}" for r in ROLE_ORDER)
    people = {s: matrix_ids(manager, today, s).count() for s in matrix.STATUS_FILTERS}
    print(
        f"roles: {mix}\nopen assignments: {open_.count():,}, of which overdue "
        f"{open_.filter(due_on__lt=today).count():,}\npeople per status filter: "
        + ", ".join(f"{s} {n:,}" for s, n in people.items())
    )


ROLE_ORDER = ["specialist", "supervisor", "manager", "hr", "admin"]


def client_for(profile):
    from django.test import Client

    client = Client()
    client.force_login(profile.user, backend="workforce.auth.EmailBackend")
    fetch(client, BASELINE_URL)  # the session's first save is not part of any page
    return client


def report(title: str, results: list[Measure], baseline: list[float]) -> None:
    print(
        f"\n{title}\nbaseline, people list page (50 of the organization): "
        f"{statistics.median(baseline):.0f} ms median, {p95(baseline):.0f} ms p95\n"
    )
    print(
        f"{'page':34} {'median':>7} {'p95':>7} {'ratio':>6} {'SQL':>7} {'queries':>8} "
        f"{'at 50':>6} {'size':>9}"
    )
    for m in results:
        flag = "  over target" if m.median > TARGET_MS and "CSV" not in m.label else ""
        grows = "" if m.small_queries == m.queries else " (grows)"
        print(
            f"{m.label:34} {m.median:5.0f}ms {m.p95:5.0f}ms {m.ratio:6.1f} {m.sql_ms:5.0f}ms "
            f"{m.queries:8} {m.small_queries:6} {m.size / 1024:5.0f} KiB{grows}{flag}"
        )


def main() -> None:
    args = parse_args()
    setup(os.environ.get("DATABASE_URL", ""), reuse=args.reuse)
    from django.utils import timezone

    from workforce.models import Organization

    today = timezone.localdate()
    if not args.reuse:
        build(args, today)
    manager = program_manager(Organization.objects.get(slug="bench"))
    small_manager = program_manager(Organization.objects.get(slug="small"))
    describe(manager, today)
    print(f"load average before measuring: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    bench = Bench(client_for(manager), client_for(small_manager), args.runs)
    urls = dict(pages(args.people))
    results = [bench.measure(label, url) for label, url in urls.items()]
    report(f"median of {args.runs} requests each", results, bench.baseline_samples)
    if args.explain:
        for m in results:
            if m.median > TARGET_MS and "CSV" not in m.label:
                print_slowest(bench.client, m)
    print(f"load average after measuring: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
