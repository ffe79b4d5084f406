"""The API throttle holds across web processes when they share a cache (CACHE_URL on Redis).

Two gunicorn processes, each with its own memory, answer in turn for the same person. With
CACHE_URL, the limit counts every answer, whichever process gave it; with each process's local
memory (the embedded default), the same turns let twice the limit through, which is why
production sets CACHE_URL (and `check --deploy` says so).
"""

from __future__ import annotations

import os
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from rest_framework.authtoken.models import Token

from tests.conftest import Cast
from tests.integration.gunicorn import redis_cache, serve

LIMIT = 4

pytestmark = pytest.mark.skipif(
    not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"),
    reason="needs the Redis server of CI's PostgreSQL + Redis pass",
)


def _status(url: str, token: str) -> int:
    request = urllib.request.Request(
        f"{url}/api/v1/me/", headers={"Authorization": f"Bearer {token}"}
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@contextmanager
def _processes(cache_url: str, tmp_path: Path, limit: int = LIMIT) -> Iterator[list[str]]:
    """Two separate gunicorn processes with this cache and limit: their addresses."""
    prefix = f"test-{uuid.uuid4().hex}"
    rate = {"API_USER_RATE": f"{limit}/hour"}
    servers = [serve(cache_url, tmp_path / f"gunicorn-{i}.log", prefix, rate) for i in range(2)]
    try:
        # The limit counts per hour of the clock, and these processes run on the real one:
        # start a minute or more before the hour ends, so every turn falls in the same hour.
        left = 3600 - time.time() % 3600
        if left < 60:
            time.sleep(left + 1)
        yield [url for _process, url in servers]
    finally:
        for process, _url in servers:
            process.terminate()
            process.wait(timeout=20)


def _turns(cache_url: str, token: str, tmp_path: Path) -> list[int]:
    """Twice the limit, answered in turn by the two processes."""
    with _processes(cache_url, tmp_path) as urls:
        return [_status(urls[i % 2], token) for i in range(2 * LIMIT)]


def test_the_throttle_counts_every_process_through_redis(
    cast: Cast, transactional_db, tmp_path
) -> None:
    token = Token.objects.create(user=cast.alice.user).key
    assert _turns(redis_cache(), token, tmp_path) == [200] * LIMIT + [429] * LIMIT


def test_requests_at_once_are_each_counted(cast: Cast, transactional_db, tmp_path) -> None:
    """Sixteen at a time through both processes: exactly the limit gets through. (Counting
    by reading a list of times and writing it back let 44 through a limit of 40: two
    processes answering at once each wrote a list with one of the two requests.)"""
    token = Token.objects.create(user=cast.alice.user).key
    with _processes(redis_cache(), tmp_path, limit=40) as urls, ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(lambda i: _status(urls[i % 2], token), range(200)))
    assert statuses.count(200) == 40 and statuses.count(429) == 160


def test_without_a_shared_cache_each_process_counts_alone(
    cast: Cast, transactional_db, tmp_path
) -> None:
    token = Token.objects.create(user=cast.alice.user).key
    assert _turns("", token, tmp_path) == [200] * (2 * LIMIT)
