"""Real Celery worker processes for integration tests.

The worker runs `config.test_settings` pointed at the test database (a file for SQLite, the
test database for PostgreSQL) and at the broker the suite uses: the embedded filesystem broker
by default, Redis when CELERY_BROKER_URL says so.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from config.celery_app import app as celery_app
from config.celery_app import ensure_broker_folders

ROOT = Path(__file__).resolve().parents[2]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/integration/" in str(item.fspath):
            item.add_marker(pytest.mark.integration)


class Worker:
    """A `celery worker` subprocess, and the folder its emails are written to."""

    def __init__(self, mail_dir: Path, log_path: Path) -> None:
        self.mail_dir = mail_dir
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> None:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.test_settings",
            "PEERWELL_WORKER_DB_NAME": str(connection.settings_dict["NAME"]),
            "PEERWELL_TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "PEERWELL_TEST_EMAIL_DIR": str(self.mail_dir),
        }
        self.log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "--without-gossip",
                "--without-mingle",
                "-l",
                "INFO",
                "-n",
                f"test-{os.getpid()}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if " ready." in self.log_path.read_text(errors="replace"):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise RuntimeError(f"worker did not start:\n{self.log_path.read_text(errors='replace')}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()

    def emails(self) -> list[str]:
        return [p.read_text() for p in sorted(self.mail_dir.glob("*.log"))]

    def wait_for_emails(self, count: int, timeout: float = 30) -> list[str]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.emails()
            if len(found) >= count:
                return found
            time.sleep(0.1)
        raise AssertionError(
            f"expected {count} emails, found {len(self.emails())}\n"
            + self.log_path.read_text(errors="replace")[-3000:]
        )


@pytest.fixture
def worker(transactional_db, tmp_path: Path) -> Iterator[Worker]:
    """A real worker on a purged queue; tasks in this process are sent, not run eagerly."""
    ensure_broker_folders()
    celery_app.conf.task_always_eager = False
    celery_app.control.purge()
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()
    proc = Worker(mail_dir, tmp_path / "worker.log")
    proc.start()
    try:
        yield proc
    finally:
        proc.stop()
        celery_app.conf.task_always_eager = True
