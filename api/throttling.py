"""The API's request limit per person, counted in the shared cache."""

from __future__ import annotations

from rest_framework.throttling import UserRateThrottle

from core import counters


class PersonRateThrottle(UserRateThrottle):
    """At most API_USER_RATE requests per person in each window of the rate's period (for
    "2000/hour", each hour of the clock, in UTC), counted by one atomic increment in the
    shared cache. `Retry-After` gives the seconds until the next window.

    DRF's own throttle reads a list of request times and writes it back, so two processes
    answering the same person at once each write a list holding one of the two requests: at
    16 requests at a time through two processes, 44 got through a limit of 40. An increment
    loses nothing, whichever process makes it. The price of a window of the clock is that
    someone who spends a whole hour's limit in its last minute may spend the next hour's in
    the minute after.

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
        counter = f"{self.key}:{window}"
        try:
            count = self._increment(counter)
        except Exception as error:
            counters.failed(error)
            return True
        counters.answered()
        return count <= self.num_requests

    def _increment(self, counter: str) -> int:
        try:
            return self.cache.incr(counter)
        except ValueError:  # the window's first request (or two at once: one of them adds)
            if self.cache.add(counter, 1, timeout=self.duration + 60):
                return 1
            return self.cache.incr(counter)

    def wait(self) -> float:
        return max(0.0, self.next_window - self.now)
