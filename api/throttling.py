"""The API's request limit per person, counted in the shared cache."""

from __future__ import annotations

import logging

from rest_framework.throttling import UserRateThrottle

logger = logging.getLogger(__name__)


class PersonRateThrottle(UserRateThrottle):
    """DRF's per-user limit (API_USER_RATE), except that a cache which refuses or stops
    answering lets the request through instead of failing it: while Redis is down the API
    works unlimited, and says so in the log, as core.counters does for the other limits."""

    def allow_request(self, request, view) -> bool:
        try:
            return super().allow_request(request, view)
        except Exception:
            logger.warning("The cache can't be reached: an API limit is skipped.", exc_info=True)
            return True
