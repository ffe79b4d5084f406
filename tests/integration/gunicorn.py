"""Web processes for integration tests: gunicorn on the test database, with a chosen cache."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def redis_cache() -> str:
    """The broker's Redis server, another database, and keys no other run shares."""
    broker = urlsplit(os.environ["CELERY_BROKER_URL"])
    return f"{broker.scheme}://{broker.netloc}/14"


def serve(
    cache_url: str, log: Path, prefix: str = "", extra: dict[str, str] | None = None
) -> tuple[subprocess.Popen, str]:
    """One gunicorn process (one worker) on the test database with this cache, answering."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "PEERWELL_WORKER_DB_NAME": str(connection.settings_dict["NAME"]),
        "CACHE_URL": cache_url,
        "CACHE_KEY_PREFIX": prefix,
        **(extra or {}),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            # The master accepts as soon as it binds, but the worker answers only once it has
            # loaded Django, which takes seconds on a busy machine: the first read must wait for
            # that, and a read that times out is one more try, like a refused connection.
            with urllib.request.urlopen(f"{url}/healthz", timeout=20):
                return process, url
        except OSError:  # URLError, ConnectionError and TimeoutError alike
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(log.read_text(errors="replace"))
