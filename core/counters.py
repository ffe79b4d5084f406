"""Counters and one-time marks in the shared cache, for limits that must never turn a person
away because the cache is down.

A limit is there to slow a flood, not to decide whether someone is heard: while Redis refuses
or stops answering, a counter that can't be read counts as nothing, one that can't be written
is skipped, and a mark that can't be set lets the request through. Each fault is logged
(without its key, which may hold a form's nonce), and with the project's socket timeouts
(settings.CACHE_OPTIONS) each costs about half a second.
"""

from __future__ import annotations

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def reached(key: str, limit: int) -> bool:
    """Whether the counter at `key` has reached `limit`; False when the cache can't tell."""
    try:
        return (cache.get(key) or 0) >= limit
    except Exception:
        logger.warning("The cache can't be read: a limit is not checked.", exc_info=True)
        return False


def count(key: str, *, timeout: int) -> None:
    """One more at `key`, for `timeout` seconds from the first; skipped when the cache fails."""
    try:
        cache.add(key, 0, timeout=timeout)
        cache.incr(key)
    except Exception:
        logger.warning("The cache can't be written: a counter is skipped.", exc_info=True)


def first_time(key: str, *, timeout: int) -> bool:
    """Marks `key` for `timeout` seconds: True the first time, False while the mark stands.
    When the cache fails, True: doing a thing twice is better than not doing it."""
    try:
        return bool(cache.add(key, 1, timeout=timeout))
    except Exception:
        logger.warning("The cache can't be written: a mark is taken as new.", exc_info=True)
        return True
