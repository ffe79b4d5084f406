"""Figures kept by the people their viewer may read (workforce.access.people_scope), not by
the viewer: every manager who reads the whole organization shares compliance and the roster,
the first computing them for all; nobody with a narrower view, and no other organization,
ever gets them."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from supervision.models import SupervisorAssignment
from tests.conftest import Cast
from workforce import access
from workforce.certifications import selectors, services


def test_readers_of_the_whole_organization_share_a_scope(cast: Cast) -> None:
    harbor = f"organization-{cast.harbor.pk}"
    for reader in (cast.adam, cast.mia, cast.hana):
        assert access.people_scope(reader.user) == harbor
    assert access.people_scope(cast.charlie.user) == f"organization-{cast.elsewhere.pk}"
    # A supervisor reads themselves and their own people, as their assignments say; anyone
    # else, themselves: nothing to share.
    assert access.people_scope(cast.bob.user) is None
    assert access.people_scope(cast.alice.user) is None


def _read(client: Client, path: str) -> tuple[int, str]:
    """How many queries the page ran, and its table."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    page = response.content.decode()
    return len(queries), page[page.index("<table") : page.index("</table>")]


@pytest.fixture(autouse=True)
def _alice_holds_a_credential(cast: Cast) -> None:
    """So that both tables have rows: Alice, supervised by Bob, and Sid, with certifications."""
    credential = services.certification_type_save(
        actor=cast.hana.user,
        data={"name": "Peer Recovery", "issuing_body": "State board", "validity_months": 24},
        required_for=(),
        minimums=None,
    )
    for person in (cast.alice, cast.sid):
        services.certification_add(
            actor=cast.hana.user, person=person, type=credential, issued_on=date(2026, 1, 5)
        )


def test_the_second_manager_reads_what_the_first_computed(cast: Cast, login) -> None:
    for path, first, second in (
        ("/supervision/compliance/", cast.mia, cast.adam),
        ("/certifications/roster/", cast.hana, cast.mia),
    ):
        computing, table = _read(login(first, Client()), path)
        other = login(second, Client())
        shared, same_table = _read(other, path)
        kept, _table = _read(other, path)
        assert shared == kept < computing, path
        assert "Alice" in table and same_table == table, path


def test_another_organization_never_reads_them(cast: Cast, login) -> None:
    for path, harbor, elsewhere in (
        ("/supervision/compliance/", cast.mia, cast.charlie),
        ("/certifications/roster/", cast.hana, cast.charlie),
    ):
        _count, harbor_table = _read(login(harbor, Client()), path)
        _count, elsewhere_table = _read(login(elsewhere, Client()), path)
        assert "Alice" in harbor_table and "Alice" not in elsewhere_table, path


def test_a_supervisor_never_reads_the_organizations_roster(cast: Cast) -> None:
    """Nor keeps their own: whom they read follows their assignments, which the roster's
    figures don't rest on. (The roster page itself is for managers and HR; this is its
    selector, asked directly.)"""

    def names(profile) -> list[str]:
        user = profile.user
        today = access.organization_today(user)
        page = selectors.roster_page(user=user, today=today, number=1).page
        return sorted(row.person.chosen_name for row in page)

    assert names(cast.hana) == ["Alice", "Sid"]
    assert names(cast.bob) == ["Alice"]
    SupervisorAssignment.objects.filter(supervisor=cast.bob).delete()
    assert names(cast.bob) == []
