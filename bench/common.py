"""What the page benchmarks share: a throwaway PostgreSQL database, requests through the
whole stack timed against a baseline page requested just before each one (so a busy
neighbour slows both alike), query capture and EXPLAIN for the slowest query."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
PAGE_TARGET_MS = 200


def reset_database(url: str) -> None:
    """Drop, create and migrate the bench database."""
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if not (name.endswith("_bench") or "_bench_" in name):
        sys.exit("Refusing: the bench database's name must end in _bench or contain _bench_.")
    base = ["-h", parsed.hostname or "127.0.0.1", "-p", str(parsed.port or 5432)]
    base += ["-U", parsed.username or "postgres"]
    subprocess.run(["dropdb", "--if-exists", *base, name], check=True)
    subprocess.run(["createdb", *base, name], check=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True)


def setup(url: str, *, reuse: bool) -> None:
    """Point Django at the bench database (fresh unless `reuse`) and start it."""
    if not url.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database whose name contains _bench_.")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        LOG_LEVEL="WARNING",
        DJANGO_ALLOWED_HOSTS="testserver",
    )
    warnings.filterwarnings("ignore", message="No directory at")  # whitenoise, no collectstatic
    if reuse:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True)
    else:
        reset_database(url)
    import django

    django.setup()


@dataclass
class Measure:
    label: str
    median: float  # ms
    p95: float  # ms
    ratio: float  # median ÷ the baseline's median over the same interleaved runs
    queries: int
    sql_ms: float  # the captured queries' own time, one run
    small_queries: int  # the same at the small organization
    size: int  # bytes (rows for a selector page)
    slowest: tuple[float, str]  # one run's slowest query: ms, SQL


def fetch(client, url: str) -> int:
    """One request through the whole stack; a streaming response is read to the end."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def p95(samples: list[float]) -> float:
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=20, method="inclusive")[18]


def elapsed_ms(call: Callable[[], int]) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def captured(call: Callable[[], int]):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        size = call()
    return queries.captured_queries, size


def client_for(profile, baseline_url: str):
    from django.test import Client

    client = Client()
    client.force_login(profile.user, backend="workforce.auth.EmailBackend")
    fetch(client, baseline_url)  # the session's first save is not part of any page
    return client


class Bench:
    """Times work against the baseline page, one baseline request before each measured run."""

    def __init__(self, client, runs: int, baseline_url: str) -> None:
        self.client, self.runs, self.baseline_url = client, runs, baseline_url
        self.baseline_samples: list[float] = []

    def baseline(self) -> int:
        return fetch(self.client, self.baseline_url)

    def measure(self, label: str, call, small_call, runs: int | None = None) -> Measure:
        queries, size = captured(call)
        small = len(captured(small_call)[0])
        page, base = [], []
        for _ in range(runs or self.runs):
            base.append(elapsed_ms(self.baseline))
            page.append(elapsed_ms(call))
        self.baseline_samples += base
        median = statistics.median(page)
        slowest = max((float(q["time"]) * 1000, q["sql"]) for q in queries)
        sql_ms = sum(float(q["time"]) for q in queries) * 1000
        ratio = median / statistics.median(base)
        return Measure(label, median, p95(page), ratio, len(queries), sql_ms, small, size, slowest)


def explain(sql: str) -> str:
    from django.db import connection

    if sql.startswith("DECLARE "):  # a server-side cursor (.iterator()): its query
        sql = sql.split(" FOR ", 1)[1]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def report(title: str, baseline_label: str, results: list[Measure], baseline: list[float]) -> None:
    print(
        f"\n{title}\nbaseline, {baseline_label}: "
        f"{statistics.median(baseline):.0f} ms median, {p95(baseline):.0f} ms p95\n"
    )
    print(
        f"{'measure':36} {'median':>8} {'p95':>8} {'ratio':>6} {'SQL':>8} {'queries':>8} "
        f"{'small':>6} {'size':>9}"
    )
    for m in results:
        flag = "  over target" if m.median > PAGE_TARGET_MS else ""
        grows = "" if m.small_queries == m.queries else " (grows)"
        print(
            f"{m.label:36} {m.median:6.0f}ms {m.p95:6.0f}ms {m.ratio:6.1f} {m.sql_ms:6.0f}ms "
            f"{m.queries:8} {m.small_queries:6} {m.size / 1024:5.0f} KiB{grows}{flag}"
        )


def print_plans(results: list[Measure], target_ms: float = PAGE_TARGET_MS) -> None:
    """The slowest query of every measure over its target, with its plan."""
    for m in results:
        if m.median > target_ms or m.slowest[0] > target_ms:
            ms, sql = m.slowest
            print(f"\n=== {m.label}: slowest query, {ms:.0f} ms ===\n{sql}\n\n{explain(sql)}")
