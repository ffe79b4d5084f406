"""The API's request limit per person (api.throttling): counted per hour of the clock, with
Retry-After saying when, and no failure while the cache is down.
That it holds across processes sharing Redis is tests/integration/test_shared_throttle.py."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from api.throttling import PersonRateThrottle
from tests.cache_faults import FAULTS, failing_redis
from tests.conftest import Cast
from workforce.models import StaffProfile


def _bearer(profile: StaffProfile) -> Client:
    token = Token.objects.create(user=profile.user)
    return Client(headers={"Authorization": f"Bearer {token.key}"})


def _turns(client: Client, count: int) -> list[int]:
    return [client.get("/api/v1/me/").status_code for _n in range(count)]


@pytest.fixture
def two_an_hour(monkeypatch) -> None:
    monkeypatch.setattr(PersonRateThrottle, "THROTTLE_RATES", {"user": "2/hour"})


def test_the_limit_is_per_hour_and_says_when_to_come_back(
    cast: Cast, two_an_hour, time_machine
) -> None:
    time_machine.move_to("2027-01-05T15:59:00Z", tick=False)
    alice = _bearer(cast.alice)
    assert _turns(alice, 2) == [200, 200]
    refused = alice.get("/api/v1/me/")
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert _turns(alice, 5) == [429] * 5
    time_machine.move_to("2027-01-05T16:00:00Z", tick=False)
    assert _turns(alice, 3) == [200, 200, 429]


def test_each_person_has_their_own_count(cast: Cast, two_an_hour, time_machine) -> None:
    time_machine.move_to("2027-01-05T15:00:00Z", tick=False)
    alice, bob = _bearer(cast.alice), _bearer(cast.bob)
    assert _turns(alice, 3) == [200, 200, 429]
    assert _turns(bob, 3) == [200, 200, 429]


@pytest.mark.parametrize("fault", FAULTS)
def test_the_api_answers_while_the_cache_is_down(cast: Cast, settings, fault) -> None:
    """The request limit is counted in the cache; while it refuses or never answers, the API
    still answers, unlimited, rather than failing every request."""
    mia = _bearer(cast.mia)
    people = mia.get("/api/v1/people/").json()
    with failing_redis(fault) as caches:
        settings.CACHES = caches
        response = mia.get("/api/v1/people/")
    assert response.status_code == 200 and response.json() == people
