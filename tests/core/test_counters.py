"""Counters for limits (core.counters): they count in the cache, and a cache that refuses or
never answers turns nobody away."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from core import counters
from tests.cache_faults import refused_redis, silent_redis


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


@pytest.mark.parametrize("fault", ["refused", "silent"])
def test_a_cache_that_fails_turns_nobody_away(settings, fault, caplog) -> None:
    with silent_redis() as silent:
        settings.CACHES = refused_redis() if fault == "refused" else silent
        counters.count("test:limit", timeout=60)
        assert not counters.reached("test:limit", 0)  # even a limit of none lets it through
        assert counters.first_time("test:mark", timeout=60)
        assert counters.first_time("test:mark", timeout=60)
    assert [r.getMessage() for r in caplog.records if r.name == "core.counters"] == [
        "The cache can't be written: a counter is skipped.",
        "The cache can't be read: a limit is not checked.",
        "The cache can't be written: a mark is taken as new.",
        "The cache can't be written: a mark is taken as new.",
    ]
