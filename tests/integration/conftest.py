"""Real Celery worker processes for integration tests.

The worker runs `config.test_settings` pointed at the test database (a file for SQLite, the
test database for PostgreSQL) and at the broker the suite uses: the embedded filesystem broker
by default, Redis when CELERY_BROKER_URL says so.
"""

from __future__ import annotations

import os
import shutil
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

    @property
    def db_name(self) -> str:
        return str(connection.settings_dict["NAME"])

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a process that shares this worker's database, broker and outbox."""
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.test_settings",
            "PEERWELL_WORKER_DB_NAME": self.db_name,
            "PEERWELL_TEST_EAGER": "0",
            "PEERWELL_TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "PEERWELL_TEST_EMAIL_DIR": str(self.mail_dir),
            **extra,
        }

    def _ready_count(self) -> int:
        if not self.log_path.exists():
            return 0
        return self.log_path.read_text(errors="replace").count(" ready.")

    def start(self, timeout: float = 60) -> None:
        ready_before = self._ready_count()
        env = self.env()
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
            if self._ready_count() > ready_before:
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.2)
        raise RuntimeError(f"worker did not start:\n{self.log_path.read_text(errors='replace')}")

    def kill(self) -> None:
        """kill -9 the worker and its pool processes, mid-whatever-they-were-doing."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.log.close()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        if not self.log.closed:
            self.log.close()

    def emails(self) -> list[str]:
        """Every complete message written so far (Django's file backend ends each with a line
        of dashes; a message still being written is not counted yet)."""
        separator = "\n" + "-" * 79 + "\n"
        messages = []
        for path in sorted(self.mail_dir.glob("*.log")):
            *complete, _partial = path.read_text().split(separator)
            messages += complete
        return messages

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


REDIS_START = [
    "redis-server",
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "-::1",
    "--port",
    "{port}",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    "/var/lib/redis",
    "--logfile",
    "/var/log/redis/ci.log",
]


def _redis_up(port: int) -> bool:
    result = subprocess.run(
        ["redis-cli", "-h", "127.0.0.1", "-p", str(port), "ping"], capture_output=True, text=True
    )
    return result.stdout.strip() == "PONG"


@pytest.fixture
def redis_restart():
    """restart() shuts the broker's Redis down (losing everything in it) and starts it again."""
    from urllib.parse import urlparse

    port = urlparse(celery_app.conf.broker_url).port or 6379
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed here")
    command = [part.replace("{port}", str(port)) for part in REDIS_START]

    def start() -> None:
        os.makedirs("/var/lib/redis", exist_ok=True)
        os.makedirs("/var/log/redis", exist_ok=True)
        subprocess.run(command, check=True)
        deadline = time.monotonic() + 30
        while not _redis_up(port):
            if time.monotonic() > deadline:
                raise RuntimeError("Redis did not come back")
            time.sleep(0.2)

    def restart() -> None:
        subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "-p", str(port), "shutdown", "nosave"],
            capture_output=True,
        )
        while _redis_up(port):
            time.sleep(0.1)
        time.sleep(2)
        start()

    yield restart
    if not _redis_up(port):
        start()
