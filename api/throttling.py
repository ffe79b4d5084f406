"""The API's request limit per person, counted in the shared cache."""

from __future__ import annotations

from rest_framework.throttling import UserRateThrottle

from core import counters


class PersonRateThrottle(UserRateThrottle):
    """At most API_USER_RATE requests per person in each window of the rate's period (for
    "2000/hour", each hour of the clock, in UTC), counted by one atomic increment in the
    shared cache.

    DRF's own throttle reads a list of request times and writes it back, so two processes
    answering the same person at once each write a list holding one of the two requests: at
    16 requests at a time through two processes, 44 got through a limit of 40. An increment
    loses nothing, whichever process makes it. A refused request is taken back off the count,
    so asking again while refused doesn't lengthen the wait, which `Retry-After` gives: the
    seconds until the next window.

    A cache that refuses or stops answering lets the request through instead of failing it:
    while Redis is down the API works unlimited, and the log says so (core.counters)."""

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.next_window = (window + 1) * self.duration
        try:
            allowed = self._count(f"{self.key}:{window}")
        except Exception as error:
            counters.failed(error)
            return True
        counters.answered()
        return allowed

    def _count(self, counter: str) -> bool:
        try:
            count = self.cache.incr(counter)
        except ValueError:  # the window's first request (or two at once: one of them adds)
            added = self.cache.add(counter, 1, timeout=self.duration + 60)
            count = 1 if added else self.cache.incr(counter)
        if count <= self.num_requests:
            return True
        self.cache.decr(counter)
        return False

    def wait(self) -> float:
        return max(0.0, self.next_window - self.now)
