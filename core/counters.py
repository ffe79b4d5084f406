"""Counters and one-time marks in the shared cache, for limits that must never turn a person
away because the cache is down.

A limit is there to slow a flood, not to decide whether someone is heard: while Redis refuses
or stops answering, a counter that can't be read counts as nothing, one that can't be written
is skipped, and a mark that can't be set lets the request through. With the project's socket
timeouts (settings.CACHE_OPTIONS) each costs about half a second.

The log says when the cache stops answering and when it answers again, once each, with the
kind of error and nothing else: a line per call would time to the second what the people who
file safety reports do (groups/reports.py keeps their times to the hour), and an exception's
text may hold its key.
"""

from __future__ import annotations

import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

_down = False  # in this process, as last seen


def failed(error: Exception) -> None:
    """A limit's cache call failed: said once, until the cache answers again."""
    global _down
    if not _down:
        logger.warning(
            "The cache can't be reached (%s): limits go unchecked until it answers.",
            type(error).__name__,
        )
    _down = True


def answered() -> None:
    """A limit's cache call succeeded."""
    global _down
    if _down:
        logger.warning("The cache answers again: limits are checked.")
    _down = False


def reached(key: str, limit: int) -> bool:
    """Whether the counter at `key` has reached `limit`; False when the cache can't tell."""
    try:
        found = cache.get(key) or 0
    except Exception as error:
        failed(error)
        return False
    answered()
    return found >= limit


def count(key: str, *, timeout: int) -> None:
    """One more at `key`, for `timeout` seconds from the first; skipped when the cache fails."""
    try:
        cache.add(key, 0, timeout=timeout)
        cache.incr(key)
    except Exception as error:
        failed(error)
        return
    answered()


def first_time(key: str, *, timeout: int) -> bool:
    """Marks `key` for `timeout` seconds: True the first time, False while the mark stands.
    When the cache fails, True: doing a thing twice is better than not doing it."""
    try:
        new = bool(cache.add(key, 1, timeout=timeout))
    except Exception as error:
        failed(error)
        return True
    answered()
    return new
