"""Figures kept by data version (core.versions): kept while nothing they rest on changes,
recomputed after any write to it, whichever way it is written, and never shared between
organizations."""

from __future__ import annotations

import pytest
from django.test import Client

from core import versions
from tests.cache_faults import failing_redis
from tests.conftest import Cast
from workforce.models import StaffProfile, User

pytestmark = pytest.mark.django_db


def _counter():
    calls = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    return compute


def _figure(cast: Cast, compute, organization=None) -> int:
    organization = organization or cast.harbor
    return versions.cached(
        "test-figure", compute, organization_id=organization.pk, topics=("people",)
    )


def test_a_figure_is_kept_until_its_data_changes(cast: Cast) -> None:
    compute = _counter()
    assert _figure(cast, compute) == 1
    assert _figure(cast, compute) == 1  # kept
    cast.alice.chosen_name = "Ali"
    cast.alice.save()
    assert _figure(cast, compute) == 2


@pytest.mark.parametrize(
    "write",
    [
        lambda cast: StaffProfile.objects.filter(pk=cast.alice.pk).update(pronouns="she/her"),
        lambda cast: cast.sid.role_grants.all().delete(),
        lambda cast: User.objects.filter(pk=cast.sid.user_id).update(is_active=False),
        lambda cast: cast.sid.delete(),
    ],
    ids=["update", "delete-related", "user-update", "cascade"],
)
def test_writes_that_skip_save_change_the_figure_too(cast: Cast, write) -> None:
    compute = _counter()
    assert _figure(cast, compute) == 1
    write(cast)
    assert _figure(cast, compute) == 2


def test_one_organizations_change_leaves_anothers_figure(cast: Cast) -> None:
    harbor, elsewhere = _counter(), _counter()
    assert _figure(cast, harbor) == 1
    assert _figure(cast, elsewhere, cast.elsewhere) == 1
    cast.carol.chosen_name = "Caro"
    cast.carol.save()
    assert _figure(cast, harbor) == 1
    assert _figure(cast, elsewhere, cast.elsewhere) == 2


def test_signing_in_changes_nothing_cached(cast: Cast, login) -> None:
    compute = _counter()
    assert _figure(cast, compute) == 1
    login(cast.alice, Client())  # through the login form: last_login is written
    assert _figure(cast, compute) == 1


def test_a_figure_expires_even_if_nothing_changed(cast: Cast, time_machine) -> None:
    """A write no signal sees (raw SQL, a migration) is caught by the timeout."""
    time_machine.move_to("2027-01-04T15:00:00Z", tick=False)
    compute = _counter()
    assert _figure(cast, compute) == 1
    time_machine.move_to("2027-01-04T15:04:59Z", tick=False)
    assert _figure(cast, compute) == 1
    time_machine.move_to("2027-01-04T15:05:01Z", tick=False)
    assert _figure(cast, compute) == 2


def test_a_family_of_figures_reads_its_tokens_once(cast: Cast) -> None:
    """A page's rows are stored under the tokens its ids were read with: after a write in
    between, a later request recomputes them instead of finding rows from before the write."""
    first = versions.Kept("test-family", cast.harbor.pk, ("people",))
    assert first.part("ids").get(lambda: "ids before") == "ids before"
    cast.alice.save()  # between this request's ids and its rows
    assert first.part("rows").get(lambda: "rows, read late") == "rows, read late"
    later = versions.Kept("test-family", cast.harbor.pk, ("people",))
    assert later.part("ids").get(lambda: "ids after") == "ids after"
    assert later.part("rows").get(lambda: "rows after") == "rows after"


def test_a_cache_outage_costs_speed_not_pages(cast: Cast, login, settings) -> None:
    """With the cache unreachable (a Redis address that refuses), writes still save
    and the pages that keep figures compute them."""
    with failing_redis("refused") as caches:
        settings.CACHES = caches
        cast.bob.chosen_name = "Robert"
        cast.bob.save()
        mia = login(cast.mia)
        assert "Robert" in mia.get("/supervision/compliance/").content.decode()
        assert mia.get("/certifications/roster/").status_code == 200
        assert mia.get("/team-wellbeing/").status_code == 200


@pytest.mark.django_db(transaction=True)  # the request runs in a thread, on its own connection
def test_a_redis_that_stops_answering_costs_a_page_time_not_the_page(cast: Cast, settings):
    """A server that takes the connection and never replies (a hung or unreachable Redis):
    with the project's timeouts the home still comes, computed."""
    import threading

    client = Client()
    client.force_login(cast.alice.user, backend="workforce.auth.EmailBackend")
    answers = []
    with failing_redis("silent") as caches:
        settings.CACHES = caches
        request = threading.Thread(target=lambda: answers.append(client.get("/dashboard/")))
        request.daemon = True  # without the timeouts it would wait forever
        request.start()
        request.join(timeout=30)
    assert answers and answers[0].status_code == 200


def test_a_computation_that_fails_lets_the_next_request_compute(cast: Cast) -> None:
    """Its lock goes with it: nobody waits for a value that will never come."""
    from django.core.cache import cache

    def failing() -> str:
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        versions.Kept("test-failing", cast.harbor.pk, ("people",)).get(failing)
    assert not [key for key in cache._cache if key.endswith(":computing")]
    assert versions.Kept("test-failing", cast.harbor.pk, ("people",)).get(lambda: 1) == 1


def test_nothing_personal_beyond_names_is_kept(cast: Cast, login) -> None:
    """Emergency contacts (encrypted at rest), legal names and phone numbers never reach the
    cache with the figures."""
    import pickle

    from django.core.cache import cache

    for person in (cast.alice, cast.bob):
        person.emergency_contact = f"Call Dana for {person.chosen_name}"
        person.legal_name = f"Legal {person.chosen_name}"
        person.phone = "555-0100"
        person.save()
    mia = login(cast.mia)
    for path in ("/supervision/compliance/", "/supervision/compliance/?view=teams"):
        assert mia.get(path).status_code == 200
    assert login(cast.hana, Client()).get("/certifications/roster/").status_code == 200
    kept = b"".join(pickle.dumps(value) for value in cache._cache.values())
    assert b"figure:" in b"".join(key.encode() for key in cache._cache)
    for secret in (b"Call Dana", b"Legal ", b"555-0100"):
        assert secret not in kept


def test_an_unusual_request_is_computed_not_kept(cast: Cast, login) -> None:
    """Any period but the default, any "expiring within" but the usual ones: a key for each
    would let anyone fill the cache."""
    from django.core.cache import cache

    mia = login(cast.mia)
    mia.get("/supervision/compliance/")
    mia.get("/certifications/roster/")
    before = len(cache._cache)
    for days in range(1, 6):
        mia.get("/supervision/compliance/", {"start": f"2026-0{days}-01", "end": "2026-06-30"})
        mia.get("/certifications/roster/", {"expiring_within": str(days)})
        mia.get("/certifications/roster/", {"type": str(9000 + days)})
    assert len(cache._cache) == before


def test_a_figure_the_clock_changes_is_recomputed_from_its_moment(cast: Cast) -> None:
    from datetime import UTC, datetime

    kept = versions.Kept("test-clock", cast.harbor.pk, ("people",))
    noon = datetime(2027, 1, 4, 12, tzinfo=UTC)
    calls = []

    def compute():
        calls.append(1)
        return len(calls), noon

    assert kept.get_until(compute, now=noon.replace(hour=11)) == 1
    assert kept.get_until(compute, now=noon.replace(hour=11, minute=59)) == 1
    assert kept.get_until(compute, now=noon) == 2


def test_while_one_request_computes_a_figure_the_others_wait_for_it(cast: Cast) -> None:
    """The first computes; the others, arriving meanwhile, take its value."""
    import threading
    import time

    calls = []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.3)
        return "figure"

    got = []

    def request() -> None:
        got.append(versions.Kept("test-herd", cast.harbor.pk, ("people",)).get(slow))

    threads = [threading.Thread(target=request) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert got == ["figure"] * 4
    assert len(calls) == 1


def test_a_request_waits_only_so_long_for_another_to_compute(cast: Cast, monkeypatch) -> None:
    """The one computing went away: after WAIT the others compute the figure themselves."""
    from django.core.cache import cache

    monkeypatch.setattr(versions, "WAIT", 0.1)
    kept = versions.Kept("test-gone", cast.harbor.pk, ("people",))
    assert kept.part("other").get(lambda: "tokens read") == "tokens read"
    full = f"figure:{versions.release()}:test-gone:{kept._read['tokens']}"
    assert cache.add(f"{full}:computing", 1, 60)  # as if another process were computing
    assert kept.get(lambda: "computed here") == "computed here"


def test_a_figure_due_again_is_served_while_another_request_computes_it(
    cast: Cast, time_machine, monkeypatch
) -> None:
    """Past TIMEOUT with no write, the request that takes the lock computes the figure again
    and the others are served the one before, at once. After a write they never are."""
    from django.core.cache import cache

    monkeypatch.setattr(versions, "WAIT", 0.1)
    time_machine.move_to("2027-01-04T15:00:00Z", tick=False)
    kept = versions.Kept("test-due", cast.harbor.pk, ("people",))
    assert kept.get(lambda: "first") == "first"
    full = f"figure:{versions.release()}:test-due:{kept._read['tokens']}"
    time_machine.move_to("2027-01-04T15:05:01Z", tick=False)
    assert cache.add(f"{full}:computing", 1, 60)  # as if another process were computing
    again = versions.Kept("test-due", cast.harbor.pk, ("people",))
    assert again.get(lambda: "computed here") == "first"
    cast.alice.save()  # a write: the figure before it is never served
    after = versions.Kept("test-due", cast.harbor.pk, ("people",))
    assert after.get(lambda: "after the write") == "after the write"


def test_a_family_stops_asking_an_unreachable_cache(cast: Cast, settings) -> None:
    """Once its tokens can't be read, a page's other parts compute without trying again:
    each try at a cache that doesn't answer costs its timeout."""
    from unittest import mock

    from django.core.cache import caches

    with failing_redis("refused") as failing:
        settings.CACHES = failing
        unreachable = caches["default"]
        family = versions.Kept("test-down", cast.harbor.pk, ("people",))
        with mock.patch.object(unreachable, "get_many", wraps=unreachable.get_many) as asked:
            assert family.part("ids").get(lambda: "ids") == "ids"
            assert family.part("rows").get(lambda: "rows") == "rows"
    assert asked.call_count == 1
