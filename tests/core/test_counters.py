"""Counters for limits (core.counters): they count in the cache, and a cache that refuses or
never answers turns nobody away."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from core import counters
from tests.cache_faults import FAULTS, failing_redis


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_a_counter_reaches_its_limit() -> None:
    for _n in range(3):
        assert not counters.reached("test:limit", 3)
        counters.count("test:limit", timeout=60)
    assert counters.reached("test:limit", 3)
    assert not counters.reached("test:other", 3)


def test_a_mark_is_new_once() -> None:
    assert counters.first_time("test:mark", timeout=60)
    assert not counters.first_time("test:mark", timeout=60)


@pytest.mark.parametrize("fault", FAULTS)
def test_a_cache_that_fails_turns_nobody_away(settings, fault, caplog) -> None:
    """And the log says so once when it stops answering and once when it is back, with the
    kind of error only: no key, no line per call to time what anyone did."""
    working = settings.CACHES
    counters.count("test:limit", timeout=60)  # the cache answers
    with failing_redis(fault) as caches:
        settings.CACHES = caches
        counters.count("test:limit", timeout=60)
        assert not counters.reached("test:limit", 0)  # even a limit of none lets it through
        assert counters.first_time("test:mark", timeout=60)
        assert counters.first_time("test:mark", timeout=60)
    settings.CACHES = working
    assert counters.reached("test:limit", 1)
    error = "ConnectionError" if fault == "refused" else "TimeoutError"
    assert [r.getMessage() for r in caplog.records if r.name == "core.counters"] == [
        f"The cache can't be reached ({error}): limits go unchecked until it answers.",
        "The cache answers again: limits are checked.",
    ]
    assert not any(r.exc_info for r in caplog.records if r.name == "core.counters")
