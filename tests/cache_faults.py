"""Caches that fail, for settings.CACHES: a Redis address nothing listens on (every call is
refused at once), and a server that takes the connection and never answers (every call waits
for the project's socket timeouts)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings


def _redis(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": settings.CACHE_OPTIONS,
        }
    }


def refused_redis() -> dict:
    with socket.socket() as probe:  # a port free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        return _redis(probe.getsockname()[1])


@contextmanager
def silent_redis() -> Iterator[dict]:
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(64)  # connections wait in the backlog; nothing ever reads or answers
    try:
        yield _redis(silent.getsockname()[1])
    finally:
        silent.close()
