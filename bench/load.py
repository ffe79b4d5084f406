"""Load benchmark: many people at once against gunicorn on PostgreSQL and Redis, with an
organization of 5,000 peer specialists.

    pip install -e ".[bench]"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/peerwell_bench_load \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/14 \\
    .venv/bin/python bench/load.py [--users 16 64] [--seconds 15] [--reuse]

It starts gunicorn (workers = cores + 1) with a Redis cache, signs people in through the login
form, and drives each route with locust (bench/load_driver.py), headless: first one route at a
time, then a mix of all of them. Each route's throughput is printed as a ratio to `/healthz`
measured the same way in the same run. Then the Monday morning: every specialist's check-in
reminder falls due in the same minute and a real Celery worker sends them, while people open
the link, sign in and check in.

`--profile ROUTE` instead profiles one route in this process with pyinstrument.

The database named in DATABASE_URL is dropped and re-created (its name must end in _bench or
contain _bench_): never point it at real data. Redis database 14 (or the one named) is
flushed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PASSWORD = "bench-load-Passphrase-2026"  # noqa: S105  (bench accounts in a throwaway database)
MIX = {  # a working morning: specialists most, the office less, an integration polling
    "specialist home": 4,
    "check-in form": 3,
    "check-in sent": 3,
    "manager compliance": 1,
    "manager team wellbeing": 1,
    "HR roster": 1,
    "people API (token, 50)": 2,
}
from bench.load_routes import PAGES, ROUTES  # noqa: E402  (after the path)

GUNICORN = [sys.executable, "-m", "gunicorn", "config.wsgi"]
CELERY = [sys.executable, "-m", "celery", "-A", "config", "worker", "-l", "WARNING"]
TARGET_RATIO, TARGET_P99_MS, TARGET_API_MS = 0.15, 250, 8
STEADY_ACCOUNTS = 64  # people signed in for the steady phases, per kind
CHECKIN_DAYS = 56


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--specialists", type=int, default=5000)
    parser.add_argument("--users", type=int, nargs="+", default=[16, 64])
    parser.add_argument("--seconds", type=float, default=15, help="measured, per phase")
    parser.add_argument("--warmup", type=float, default=3, help="not measured, per phase")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1)
    parser.add_argument("--monday", type=int, default=500, help="people who check in")
    parser.add_argument("--arrivals", type=float, default=10, help="Monday arrivals a second")
    parser.add_argument("--only", nargs="+", default=None, help="some routes, not all")
    parser.add_argument("--no-monday", action="store_true")
    parser.add_argument("--no-mix", action="store_true")
    parser.add_argument("--no-steady", action="store_true", help="only the Monday morning")
    parser.add_argument("--reuse", action="store_true", help="keep the database of a last run")
    parser.add_argument("--profile", default=None, help="profile one route in-process")
    return parser.parse_args()


# --- the organization -------------------------------------------------------------------------


def build(specialists: int, today: date) -> None:
    """bench/supervision_compliance.py's organization (managers, HR, supervisors with ten
    specialists each and two years of sessions), with bench/certification_roster.py's
    credentials and CE, and eight weeks of check-ins for every specialist."""
    from django.db import connection, transaction
    from django.utils import timezone

    from bench import certification_roster as roster
    from bench import supervision_compliance as supervision
    from bench.wellness_aggregates import SEED
    from workforce.models import StaffProfile

    started = time.perf_counter()
    rng = random.Random(19)
    with transaction.atomic():
        org, leads, staff, sessions = supervision.make_organization(
            "bench", specialists, today=today, sessions_each=26, seed=1
        )
        people = list(StaffProfile.objects.filter(organization=org).order_by("id"))
        for person in people:
            person.start_date = today - timedelta(days=rng.randint(400, 1500))
        StaffProfile.objects.bulk_update(people, ["start_date"], batch_size=5000)
        StaffProfile.objects.filter(organization=org).update(
            created_at=timezone.now() - timedelta(days=800)
        )
        hr = next(p for p in people if p.has_role("hr"))
        types = roster.make_types(org)
        current, _ = roster.make_certifications(org, people, types, hr=hr, today=today, rng=rng)
        entries = roster.make_ce_entries(org, people, hr=hr, today=today, each=4, rng=rng)
        specialist_ids = list(
            StaffProfile.objects.filter(organization=org, role_grants__role="specialist")
            .order_by("id")
            .values_list("id", flat=True)
        )
        with connection.cursor() as cursor:
            cursor.execute(SEED, [org.pk, CHECKIN_DAYS, specialist_ids])
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"data: {len(people):,} people ({leads:,} supervisors, {staff:,} specialists), "
        f"{sessions:,} sessions, {current:,} credentials, {entries:,} CE entries, "
        f"{len(specialist_ids) * CHECKIN_DAYS:,} check-ins in {time.perf_counter() - started:.0f} s"
    )


def accounts() -> dict[str, list]:
    """Who signs in: the first people of each kind, and the Monday morning's specialists after
    them. They get one usable password (hashed once: the hash is the same work)."""
    from django.contrib.auth.hashers import make_password

    from workforce.models import StaffProfile, User

    def emails(role: str, count: int, skip: int = 0) -> list[str]:
        rows = StaffProfile.objects.filter(organization__slug="bench", role_grants__role=role)
        rows = rows.order_by("id").values_list("user__email", flat=True)
        return list(rows[skip : skip + count])

    kinds = {
        "specialist": emails("specialist", STEADY_ACCOUNTS),
        "manager": emails("manager", STEADY_ACCOUNTS),
        "hr": emails("hr", STEADY_ACCOUNTS),
    }
    monday = emails("specialist", 10_000, skip=STEADY_ACCOUNTS)
    everyone = [e for rows in kinds.values() for e in rows] + monday
    User.objects.filter(email__in=everyone).update(password=make_password(PASSWORD))
    return {**kinds, "monday": monday}


def api_token() -> str:
    from rest_framework.authtoken.models import Token

    from workforce.models import StaffProfile

    hr = StaffProfile.objects.filter(organization__slug="bench", role_grants__role="hr")
    user = hr.order_by("id").first().user
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user).key


# --- the server -------------------------------------------------------------------------------


def server_env(cache_url: str, mail_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "CACHE_URL": cache_url,
        "CACHE_KEY_PREFIX": "bench-load",
        "EMAIL_URL": f"file://{mail_dir}",
        "LOG_LEVEL": "WARNING",
        # The throttle still counts every request in Redis; it just never says no here.
        "API_USER_RATE": "100000000/hour",
    }


def start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)


def wait_for(url: str, timeout: float = 60) -> None:
    import requests

    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            if requests.get(url, timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    sys.exit(f"{url} did not answer")


def sign_in(host: str, email: str) -> dict[str, str]:
    """Through the login form, as a browser would: the form, its token, the POST."""
    import requests

    session = requests.Session()
    form = session.get(f"{host}/accounts/login/", timeout=30)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    answer = session.post(
        f"{host}/accounts/login/",
        data={"csrfmiddlewaretoken": token, "username": email, "password": PASSWORD},
        headers={"Referer": f"{host}/accounts/login/"},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302, (email, answer.status_code)
    return {"session": session.cookies["sessionid"], "csrf": session.cookies["csrftoken"]}


def sign_everyone_in(host: str, people: dict[str, list]) -> dict[str, list]:
    started = time.perf_counter()
    with ThreadPoolExecutor(8) as pool:
        signed = {
            kind: list(pool.map(lambda e: sign_in(host, e), people[kind]))
            for kind in ("specialist", "manager", "hr")
        }
    count = sum(len(rows) for rows in signed.values())
    seconds = time.perf_counter() - started
    print(f"signed in through the login form: {count} people in {seconds:.1f} s")
    return signed


def warm(host: str, signed: dict, token: str) -> None:
    """One request to each page first: the team-wellbeing weeks are frozen on the first visit
    of the week, and each worker compiles its templates once."""
    import requests

    for _name, whose, path in PAGES:
        if whose == "token":
            auth = {"headers": {"Authorization": f"Bearer {token}"}}
        else:
            account = signed[whose][0]
            auth = {"cookies": {"sessionid": account["session"], "csrftoken": account["csrf"]}}
        for _ in range(4):  # each of the three workers, and one more
            assert requests.get(host + path, timeout=120, **auth).status_code == 200


# --- the phases -------------------------------------------------------------------------------


def drive(phase: dict) -> dict:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load_driver.py")],
        input=json.dumps(phase),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"the load driver failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout)


def steady(host, users, routes, signed, token, args) -> dict:
    return drive(
        {
            "kind": "steady",
            "host": host,
            "users": users,
            "routes": routes,
            "accounts": signed,
            "token": token,
            "seconds": args.seconds,
            "warmup": args.warmup,
        }
    )


def one_at_a_time(host: str, signed: dict, token: str, args) -> list[str]:
    """Each route alone at each concurrency, against /healthz alone; returns what missed."""
    missed = []
    for users in args.users:
        base = steady(host, users, {"healthz": 1}, signed, token, args)["routes"]["healthz"]
        print(f"\n{users} concurrent users, one route at a time, {args.seconds:.0f} s each")
        print(f"{'route':28} {'req/s':>8} {'p50':>7} {'p99':>7} {'ratio':>6} {'failed':>7}")
        print(line("/healthz", base, 1.0))
        for name in args.only or [name for name in ROUTES if name != "healthz"]:
            row = steady(host, users, {name: 1}, signed, token, args)["routes"][name]
            ratio = row["rps"] / base["rps"]
            flags = []
            if users == min(args.users):
                if ratio < TARGET_RATIO:
                    flags.append(f"under {TARGET_RATIO:.0%} of /healthz")
                if row["p99"] >= TARGET_P99_MS:
                    flags.append(f"p99 over {TARGET_P99_MS} ms")
            if row["failures"]:
                flags.append("FAILURES")
            print(line(name, row, ratio) + ("  " + ", ".join(flags) if flags else ""))
            missed += [f"{name} at {users}: {flag}" for flag in flags]
    return missed


def mixed(host: str, signed: dict, token: str, args) -> list[str]:
    missed = []
    for users in args.users:
        result = steady(host, users, MIX, signed, token, args)
        total = sum(row["rps"] for row in result["routes"].values())
        print(f"\n{users} concurrent users, the mix together: {total:,.0f} req/s in all")
        print(f"{'route':28} {'req/s':>8} {'p50':>7} {'p99':>7} {'':>6} {'failed':>7}")
        for name, row in result["routes"].items():
            print(line(name, row, None))
            if row["failures"]:
                missed.append(f"mix {name} at {users}: FAILURES")
    return missed


def line(name: str, row: dict, ratio: float | None) -> str:
    shown = f"{ratio:6.2f}" if ratio is not None else " " * 6
    return (
        f"{name:28} {row['rps']:8,.0f} {row['p50']:5.0f}ms {row['p99']:5.0f}ms {shown} "
        f"{row['failures']:7}"
    )


def alone(host: str, token: str, runs: int = 50) -> float:
    """The people API, one request at a time: 50 rows, median ms."""
    import requests

    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {token}"
    url = f"{host}/api/v1/people/?page_size=50"
    samples = []
    for _ in range(runs + 5):
        started = time.perf_counter()
        answer = session.get(url, timeout=30)
        samples.append((time.perf_counter() - started) * 1000)
        assert answer.status_code == 200 and len(answer.json()["results"]) == 50
    return statistics.median(samples[5:])


def monday_morning(host: str, people: list[str], work: Path, env: dict, args) -> list[str]:
    """Every specialist's reminder due this minute, dispatched by beat's task on a real worker,
    while `args.monday` people open the link, sign in and check in."""
    from django.utils import timezone

    from bench.generate import make_due_schedules
    from notifications.models import Delivery, DeliveryStatus
    from notifications.tasks import dispatch
    from selfcare.models import CheckIn, CheckInSchedule
    from workforce.models import StaffProfile

    specialists = list(
        StaffProfile.objects.filter(organization__slug="bench", role_grants__role="specialist")
    )
    worker = start(
        [*CELERY, "--concurrency", "2", "--without-gossip", "--without-mingle", "-n", "load@%h"],
        env,
        work / "worker.log",
    )
    try:
        time.sleep(8)  # let the worker connect
        now = timezone.now()
        CheckInSchedule.objects.filter(owner__in=specialists).delete()  # a run before (--reuse)
        make_due_schedules(specialists, slot=now.replace(second=0, microsecond=0))
        started = time.perf_counter()
        dispatch.delay()
        result = drive(
            {
                "kind": "monday",
                "host": host,
                "people": people[: args.monday],
                "password": PASSWORD,
                "arrivals_per_second": args.arrivals,
                "timeout": 900,
            }
        )
        checked_in = time.perf_counter() - started
        reminders = Delivery.objects.filter(
            subject__startswith="checkin-schedule:", created_at__gte=now
        )
        deadline = time.perf_counter() + 900
        while reminders.filter(status=DeliveryStatus.SENT).count() < len(specialists):
            if time.perf_counter() > deadline:
                break
            time.sleep(0.5)
        sent_seconds = time.perf_counter() - started
    finally:
        stop(worker)
    sent = reminders.filter(status=DeliveryStatus.SENT).count()
    other = reminders.exclude(status=DeliveryStatus.SENT).count()
    pause_link = re.compile(r"^List-Unsubscribe:\s*<[^>]*/reminders/pause/", re.MULTILINE)
    emails = sum(  # the check-in reminders among everything the dispatch sent
        len(pause_link.findall(path.read_text())) for path in (work / "mail").glob("*.log")
    )
    stored = CheckIn.objects.filter(created_at__gte=now).count()
    failures = sum(row["failures"] for row in result["routes"].values())
    print(
        f"\nMonday morning: {len(specialists):,} check-in reminders due in one minute, "
        f"{args.monday} people arriving {args.arrivals:g} a second"
    )
    print(f"{'step':28} {'req/s':>8} {'p50':>7} {'p99':>7} {'':>6} {'failed':>7}")
    for name, row in result["routes"].items():
        print(line(name, row, None))
    print(
        f"people who checked in: {result['finished']} of {args.monday} finished in "
        f"{checked_in:.0f} s; check-ins stored: {stored}"
    )
    print(
        f"reminders: {sent:,} sent, {other} not sent, {emails:,} emails written, "
        f"all within {sent_seconds:.0f} s of the dispatch"
    )
    missed = []
    if failures or result["errors"]:
        missed.append(f"Monday: {failures} failed requests {result['errors'][:3]}")
    if stored != args.monday or result["finished"] != args.monday:
        missed.append(f"Monday: {stored} check-ins stored of {args.monday}")
    if sent != len(specialists) or emails != len(specialists) or other:
        missed.append(f"Monday: {sent} reminders sent, {emails} emails, of {len(specialists)}")
    return missed


def profile(name: str, runs: int = 20) -> None:
    """One route through Django's test client in this process, under pyinstrument."""
    from django.test import Client
    from pyinstrument import Profiler
    from rest_framework.authtoken.models import Token

    from workforce.models import StaffProfile

    paths = {name: ("hr" if whose == "token" else whose, path) for name, whose, path in PAGES}
    role, path = paths[name]
    person = StaffProfile.objects.filter(organization__slug="bench", role_grants__role=role)
    person = person.select_related("user").order_by("id").first()
    client = Client()
    headers = {}
    if path.startswith("/api/"):
        token = Token.objects.get_or_create(user=person.user)[0].key
        headers["Authorization"] = f"Bearer {token}"
    else:
        client.force_login(person.user, backend="workforce.auth.EmailBackend")
    for _ in range(3):
        assert client.get(path, headers=headers).status_code == 200
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(runs):
            client.get(path, headers=headers)
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def steady_phases(host: str, people: dict, token: str, args) -> list[str]:
    missed = []
    signed = sign_everyone_in(host, people)
    warm(host, signed, token)
    api_ms = alone(host, token)
    flag = "" if api_ms < TARGET_API_MS else f"  over {TARGET_API_MS} ms"
    print(f"people API alone, 50 rows: {api_ms:.1f} ms median{flag}")
    if flag:
        missed.append(f"people API alone: {api_ms:.1f} ms")
    missed += one_at_a_time(host, signed, token, args)
    if not args.no_mix:
        missed += mixed(host, signed, token, args)
    return missed


def main() -> None:
    args = parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    broker_url = os.environ.get("CELERY_BROKER_URL", "")
    if not database_url.startswith("postgres") or not broker_url.startswith("redis"):
        sys.exit("Set DATABASE_URL (PostgreSQL, a *_bench database) and CELERY_BROKER_URL (Redis).")
    work = Path(tempfile.mkdtemp(prefix="peerwell-bench-load-"))
    mail_dir = work / "mail"
    mail_dir.mkdir()
    env = server_env(os.environ.get("CACHE_URL", broker_url), mail_dir)
    os.environ.update({k: v for k, v in env.items() if k != "LOG_LEVEL"}, LOG_LEVEL="WARNING")

    from bench.common import reset_database

    if args.reuse:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True)
    else:
        reset_database(database_url)
    import django

    django.setup()
    from django.utils import timezone

    if not args.reuse:
        build(args.specialists, timezone.localdate())
    if args.profile:
        profile(args.profile)
        return
    people = accounts()
    token = api_token()
    import redis

    redis.Redis.from_url(broker_url).flushdb()

    port = 8000 + os.getpid() % 1000
    host = f"http://127.0.0.1:{port}"
    gunicorn = start(
        [*GUNICORN, "-w", str(args.workers), "-b", f"127.0.0.1:{port}"],
        env,
        work / "gunicorn.log",
    )
    missed: list[str] = []
    try:
        wait_for(f"{host}/healthz")
        print(
            f"gunicorn: {args.workers} workers on {os.cpu_count()} cores; "
            f"DATABASE_CONN_MAX_AGE={os.environ.get('DATABASE_CONN_MAX_AGE', '0')}"
        )
        if not args.no_steady:
            missed += steady_phases(host, people, token, args)
        if not args.no_monday:
            missed += monday_morning(host, people["monday"], work, env, args)
    finally:
        stop(gunicorn)
    log = (work / "gunicorn.log").read_text()
    errors = log.count("Traceback")
    print(f"\nserver errors in gunicorn's log: {errors} (logs in {work})")
    if errors:
        missed.append(f"{errors} server errors")
    print("\nmissed: " + ("; ".join(missed) if missed else "nothing"))
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
