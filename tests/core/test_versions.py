"""Figures kept by data version (core.versions): kept while nothing they rest on changes,
recomputed after any write to it, whichever way it is written, and never shared between
organizations."""

from __future__ import annotations

import pytest
from django.test import Client

from core import versions
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
