"""Caches that fail, for settings.CACHES: a Redis address where a socket is bound but doesn't
listen (every call is refused at once), and a server that takes the connection and never
answers (every call waits for the project's socket timeouts)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings

FAULTS = ("refused", "silent")


@contextmanager
def failing_redis(fault: str) -> Iterator[dict]:
    """settings.CACHES for a Redis that is `fault`: "refused" or "silent"."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))  # held, so nothing else can take the port meanwhile
    if fault == "silent":
        server.listen(64)  # connections wait in the backlog; nothing ever reads or answers
    try:
        yield {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{server.getsockname()[1]}/0",
                "OPTIONS": settings.CACHE_OPTIONS,
            }
        }
    finally:
        server.close()
