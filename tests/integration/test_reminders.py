"""The reminder engine with real worker processes, on the suite's broker (filesystem or Redis).

Counts of duplicate emails are printed; the only window allowed is a worker dying between
handing an email to the backend and recording it.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from bench.generate import make_due_schedules, make_people
from config.celery_app import app as celery_app
from notifications.models import Delivery, DeliveryStatus
from notifications.services import dispatch_run
from selfcare.reminders import KIND as CHECKIN
from tests.conftest import DEAD_BROKER, Cast, point_broker_at
from tests.integration.conftest import ROOT, Worker
from workforce.emails import KIND as ACCOUNT_EMAIL
from workforce.emails import account_email_queue

# What these tests send. The workers run on the real clock, so other kinds may fall due while
# they do (a program manager's Monday summary, from 09:00 in their zone): never counted here.
KINDS = (CHECKIN, ACCOUNT_EMAIL)
TO = re.compile(r"^To: (\S+)$", re.MULTILINE)
MESSAGE = re.compile(r"^Subject: ([^\n]*)$.*?^To: (\S+)$", re.MULTILINE | re.DOTALL)


def _recipients(worker: Worker, people: list) -> Counter:
    """Recipient -> how many emails, for the test's people."""
    ours = {person.user.email for person in people}
    found = (address for text in worker.emails() for address in TO.findall(text))
    return Counter(address for address in found if address in ours)


def _emails(worker: Worker, people: list | None = None) -> Counter:
    """(recipient, subject) -> how many such emails were written (for `people`, if named)."""
    ours = None if people is None else {person.user.email for person in people}
    found = (pair for text in worker.emails() for pair in MESSAGE.findall(text))
    return Counter((to, subject) for subject, to in found if ours is None or to in ours)


def _ours():
    return Delivery.objects.filter(kind__in=KINDS)


def _sent() -> int:
    return _ours().filter(status=DeliveryStatus.SENT).count()


def _wait(predicate, timeout: float, every=None) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if every:
            every()
        if predicate():
            return True
        time.sleep(0.5)
    return predicate()


def _due(cast: Cast, count: int) -> list:
    people = make_people(cast.harbor, count)
    make_due_schedules(people, slot=timezone.now().replace(second=0, microsecond=0))
    return people


def test_it_sends_every_due_reminder_exactly_once(cast: Cast, worker: Worker) -> None:
    people = _due(cast, 1000)
    report = dispatch_run()
    assert report.collected["checkin"] == 1000
    assert _wait(lambda: _sent() == 1000, 120), _sent()
    recipients = _recipients(worker, people)
    assert len(recipients) == 1000 and set(recipients.values()) == {1}
    assert dispatch_run().collected["checkin"] == 0  # each schedule moved to tomorrow


def test_it_loses_nothing_when_workers_are_killed_mid_batch(
    cast: Cast, worker: Worker, settings
) -> None:
    settings.REMINDER_SENDING_TIMEOUT = 3
    settings.REMINDER_ENQUEUE_LEASE_SECONDS = 5
    reminders, resets = 3000, 300
    people = _due(cast, reminders)
    # Account emails ride the same ledger. Queued by requests while the broker was down, they
    # wait for the dispatch sweep (which hands them over in batches, as it does reminders).
    real_broker = celery_app.conf.broker_url
    point_broker_at(DEAD_BROKER)
    try:
        for person in people[:resets]:
            with transaction.atomic():
                account_email_queue(user=person.user, purpose="reset")
    finally:
        point_broker_at(real_broker)
        celery_app.conf.broker_write_url = None
    total = reminders + resets
    dispatch_run()
    kills = 0
    for round_ in range(1, 4):
        target = min(total - 1, round_ * 500)
        assert _wait(lambda t=target: _sent() >= t, 120), _sent()
        worker.kill()  # kill -9, mid-batch
        kills += 1
        worker.start()
    # The sweep and the lease bring back whatever the dead workers held or lost.
    assert _wait(lambda: _sent() == total, 180, every=dispatch_run), _sent()
    counts = _emails(worker, people)
    duplicates = sum(n - 1 for n in counts.values())
    print(
        f"\nfault test: {reminders} reminders and {resets} account emails, {kills} kill -9s, "
        f"{duplicates} duplicate emails"
    )
    assert len(counts) == total  # nothing lost
    assert duplicates <= kills  # at most the one email in flight per killed worker
    assert _ours().exclude(status=DeliveryStatus.SENT).count() == 0


def test_it_sends_nothing_twice_when_two_dispatches_race(cast: Cast, worker: Worker) -> None:
    people = _due(cast, 500)
    env = worker.env()
    runs = [
        subprocess.Popen(
            [sys.executable, "manage.py", "dispatch_reminders"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120)[0].decode() for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert _wait(lambda: _sent() == 500, 120), _sent()
    time.sleep(2)  # anything sent twice would have arrived by now
    assert _ours().count() == 500
    assert set(_recipients(worker, people).values()) == {1}


def test_it_sends_nothing_twice_with_two_beats_running(
    cast: Cast, worker: Worker, tmp_path: Path
) -> None:
    people = _due(cast, 300)
    env = worker.env(REMINDER_DISPATCH_SECONDS="1")
    beats = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "beat",
                "-l",
                "INFO",
                "-s",
                str(tmp_path / f"beat-{i}"),
                "--pidfile",
                str(tmp_path / f"beat-{i}.pid"),
            ],
            cwd=ROOT,
            env=env,
            stdout=(tmp_path / f"beat-{i}.log").open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for i in range(2)
    ]
    try:
        assert _wait(lambda: _sent() == 300, 120), _sent()
        # Twenty more seconds of two beats dispatching every second; the next slot is tomorrow.
        time.sleep(20)
    finally:
        for beat in beats:
            os.killpg(beat.pid, signal.SIGTERM)
            beat.wait(timeout=20)
    assert _ours().count() == 300
    assert set(_recipients(worker, people).values()) == {1}


@pytest.mark.skipif(
    not settings.CELERY_BROKER_URL.startswith("redis://"),
    reason="runs against Redis (CI's second run)",
)
def test_it_loses_nothing_when_redis_restarts_mid_batch(
    cast: Cast, worker: Worker, redis_restart, settings
) -> None:
    settings.REMINDER_ENQUEUE_LEASE_SECONDS = 5
    settings.REMINDER_SENDING_TIMEOUT = 5
    total = 2000
    people = _due(cast, total)
    dispatch_run()
    assert _wait(lambda: _sent() >= 300, 120), _sent()
    redis_restart()  # Redis here keeps nothing on disk: every queued message is gone
    assert _wait(lambda: _sent() == total, 240, every=dispatch_run), _sent()
    counts = _recipients(worker, people)
    print(f"\nredis restart: {total} reminders, {sum(n - 1 for n in counts.values())} duplicates")
    assert len(counts) == total
