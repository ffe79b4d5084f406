"""Reminder fan-out benchmark: N people due in the same minute, dispatched and sent through
Celery and Redis by real worker processes, against Celery's own no-op throughput measured in
the same run on the same broker.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/peerwell_bench \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/14 \\
    .venv/bin/python bench/reminder_fanout.py --people 100000

The database named in DATABASE_URL is dropped and re-created: never point it at real data.
Emails go to Django's file backend in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--noop", type=int, default=20_000, help="no-op tasks for the baseline")
    parser.add_argument("--workers", type=int, default=1, help="worker processes")
    parser.add_argument("--concurrency", type=int, default=2, help="pool size of each worker")
    return parser.parse_args()


def reset_database(url: str) -> None:
    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if not name.endswith("_bench"):
        sys.exit("Refusing: the bench database's name must end in _bench (it is dropped).")
    base = [
        "-h",
        parsed.hostname or "127.0.0.1",
        "-p",
        str(parsed.port or 5432),
        "-U",
        parsed.username or "postgres",
    ]
    subprocess.run(["dropdb", "--if-exists", *base, name], check=True)
    subprocess.run(["createdb", *base, name], check=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, check=True)


class Broker:
    """Just enough of the Redis broker to know when every message is consumed and acked."""

    def __init__(self, url: str) -> None:
        import redis

        self.redis = redis.Redis.from_url(url)

    def purge(self) -> None:
        self.redis.flushdb()

    def idle(self) -> bool:
        return self.redis.llen("celery") == 0 and self.redis.hlen("unacked") == 0


def start_workers(count: int, concurrency: int, log_dir: Path) -> list[subprocess.Popen]:
    workers = []
    for i in range(count):
        log = (log_dir / f"worker-{i}.log").open("wb")
        workers.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "-l",
                    "WARNING",
                    "--concurrency",
                    str(concurrency),
                    "--without-gossip",
                    "--without-mingle",
                    "-n",
                    f"bench-{i}@%h",
                ],
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    return workers


def wait_until(predicate, timeout: float, step: float = 0.05) -> float:
    start = time.perf_counter()
    while not predicate():
        if time.perf_counter() - start > timeout:
            raise SystemExit("timed out")
        time.sleep(step)
    return time.perf_counter() - start


def main() -> None:
    args = parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    broker_url = os.environ.get("CELERY_BROKER_URL", "")
    if not database_url.startswith("postgres") or not broker_url.startswith("redis"):
        sys.exit("Set DATABASE_URL (PostgreSQL, a *_bench database) and CELERY_BROKER_URL (Redis).")
    mail_dir = Path(tempfile.mkdtemp(prefix="peerwell-bench-mail-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        EMAIL_URL=f"file://{mail_dir}",
        LOG_LEVEL="WARNING",
    )
    reset_database(database_url)

    import django

    django.setup()
    from django.utils import timezone

    from bench.generate import make_due_schedules, make_people
    from notifications.models import Delivery, DeliveryStatus
    from notifications.services import SEND_BATCH, enqueue_due, publish, sweep_stuck
    from notifications.tasks import noop
    from selfcare import reminders
    from workforce.models import Organization

    organization = Organization.objects.create(name="Bench", slug="bench", timezone="UTC")
    started = time.perf_counter()
    people = make_people(organization, args.people)
    slot = timezone.now().replace(second=0, microsecond=0)
    make_due_schedules(people, slot=slot)
    elapsed = time.perf_counter() - started
    print(f"data: {args.people:,} people with due check-in reminders in {elapsed:.1f} s")

    broker = Broker(broker_url)
    broker.purge()
    workers = start_workers(args.workers, args.concurrency, mail_dir)
    try:
        time.sleep(8)  # let the workers connect

        # Baseline: Celery's own throughput for a task that does nothing, same broker, same workers.
        started = time.perf_counter()
        for _ in range(args.noop):
            noop.delay()
        wait_until(broker.idle, 600)
        noop_rate = args.noop / (time.perf_counter() - started)

        # The fan-out: one dispatch pass (collect + enqueue), then every send.
        now = timezone.now()
        started = time.perf_counter()
        collected = reminders.collect(now)
        collect_seconds = time.perf_counter() - started
        enqueued = publish(collected.send_now)
        sweep_stuck(now=now)
        enqueued += enqueue_due(now=now)
        dispatch_seconds = time.perf_counter() - started
        sent = Delivery.objects.filter(status=DeliveryStatus.SENT)
        wait_until(lambda: sent.count() >= enqueued, 1800, step=0.5)
        total_seconds = time.perf_counter() - started
        reminder_rate = enqueued / total_seconds
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=60)

    emails = sum(
        path.read_text().count("\nTo: ") + path.read_text().startswith("To: ")
        for path in mail_dir.glob("*.log")
    )
    print(f"workers: {args.workers} × concurrency {args.concurrency}")
    print(
        f"collect (due query + ledger writes): {collect_seconds:.2f} s for {collected.total:,} rows"
    )
    tasks = -(-enqueued // SEND_BATCH)
    print(f"dispatch (collect + enqueue {tasks:,} send tasks): {dispatch_seconds:.2f} s")
    print(f"no-op baseline: {noop_rate:,.0f} tasks/s")
    print(
        f"reminders: {enqueued:,} sent in {total_seconds:.1f} s = {reminder_rate:,.0f} reminders/s"
    )
    print(f"ratio reminders/s ÷ no-op tasks/s: {reminder_rate / noop_rate:.2f}")
    print(f"emails written: {emails:,}")


if __name__ == "__main__":
    main()
