"""The API throttle holds across web processes when they share a cache (CACHE_URL on Redis).

Two gunicorn processes, each with its own memory, answer in turn for the same person. With
CACHE_URL, the limit counts every answer, whichever process gave it; with each process's local
memory (the embedded default), the same turns let twice the limit through, which is why
production sets CACHE_URL (and `check --deploy` says so).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token

from tests.conftest import Cast

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 4

pytestmark = pytest.mark.skipif(
    not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"),
    reason="needs the Redis server of CI's PostgreSQL + Redis pass",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _redis_cache() -> str:
    """The broker's Redis server, another database, and keys no other run shares."""
    broker = urlsplit(os.environ["CELERY_BROKER_URL"])
    return f"{broker.scheme}://{broker.netloc}/14"


def _serve(cache_url: str, log: Path, prefix: str = "") -> tuple[subprocess.Popen, str]:
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.test_settings",
        "PEERWELL_WORKER_DB_NAME": str(connection.settings_dict["NAME"]),
        "CACHE_URL": cache_url,
        "CACHE_KEY_PREFIX": prefix,
        "API_USER_RATE": f"{LIMIT}/hour",
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
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=2)
            return process, url
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(log.read_text(errors="replace"))


def _status(url: str, token: str) -> int:
    request = urllib.request.Request(
        f"{url}/api/v1/me/", headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _turns(cache_url: str, token: str, tmp_path: Path) -> list[int]:
    """Twice the limit, answered in turn by two separate gunicorn processes."""
    prefix = f"test-{uuid.uuid4().hex}"
    servers = [_serve(cache_url, tmp_path / f"gunicorn-{i}.log", prefix) for i in range(2)]
    try:
        return [_status(servers[i % 2][1], token) for i in range(2 * LIMIT)]
    finally:
        for process, _url in servers:
            process.terminate()
            process.wait(timeout=20)


def test_the_throttle_counts_every_process_through_redis(
    cast: Cast, transactional_db, tmp_path
) -> None:
    token = Token.objects.create(user=cast.alice.user).key
    assert _turns(_redis_cache(), token, tmp_path) == [200] * LIMIT + [429] * LIMIT


def test_without_a_shared_cache_each_process_counts_alone(
    cast: Cast, transactional_db, tmp_path
) -> None:
    token = Token.objects.create(user=cast.alice.user).key
    assert _turns("", token, tmp_path) == [200] * (2 * LIMIT)
