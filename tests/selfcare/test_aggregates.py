"""Team wellbeing for program managers: averages only, suppressed below five, no subtraction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from selfcare.aggregates import wellness_summary
from selfcare.models import CheckIn
from supervision.models import SupervisorAssignment
from tests.conftest import Cast
from tests.factories import ProfileFactory
from workforce.models import Role

NOW = datetime(2026, 11, 26, 18, 0, tzinfo=UTC)  # Thursday 26 November
THIS_WEEK = NOW.date() - timedelta(days=10)  # the last finished week: Monday 16 November
LAST_WEEK_NOON = datetime(2026, 11, 19, 18, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _people(cast: Cast, count: int, supervisor=None) -> list:
    people = ProfileFactory.create_batch(
        count, organization=cast.harbor, roles=[Role.PEER_SPECIALIST]
    )
    for person in people:
        if supervisor is not None:
            SupervisorAssignment.objects.create(
                organization=cast.harbor,
                supervisor=supervisor,
                specialist=person,
                starts_on=NOW.date() - timedelta(days=60),
            )
    return people


def _check_in(people: list, energy: int, when: datetime = LAST_WEEK_NOON) -> None:
    for person in people:
        CheckIn.objects.create(
            organization=person.organization,
            owner=person,
            energy=energy,
            note="NOTE-TEXT",
            created_at=when - timedelta(hours=1),
        )


def _org_cell(cast: Cast):
    return wellness_summary(user=cast.mia.user).organization.cells.get(THIS_WEEK)


def _team_cell(cast: Cast, supervisor):
    summary = wellness_summary(user=cast.mia.user)
    (team,) = [t for t in summary.teams if t.key == f"team-{supervisor.pk}"]
    return team.cells.get(THIS_WEEK)


def test_it_hides_fewer_than_five_people(cast: Cast) -> None:
    _check_in(_people(cast, 4), energy=2)
    cell = _org_cell(cast)
    assert cell.n == 4 and cell.averages is None


def test_it_shows_weekly_averages_from_five_people(cast: Cast) -> None:
    people = _people(cast, 5)
    _check_in(people[:3], energy=2)
    _check_in(people[3:], energy=5)
    _check_in(people, energy=1, when=LAST_WEEK_NOON - timedelta(days=7))  # its own row
    _check_in(people, energy=1, when=NOW)  # the week in progress: never shown
    cell = _org_cell(cast)
    assert cell.n == 5 and cell.averages["energy"] == 3.2


def test_it_counts_people_not_check_ins(cast: Cast) -> None:
    person = _people(cast, 1)
    for _ in range(6):
        _check_in(person, energy=3)
    assert _org_cell(cast).averages is None


def test_it_suppresses_a_team_whose_complement_is_too_small(cast: Cast) -> None:
    _check_in(_people(cast, 6, supervisor=cast.bob), energy=2)
    _check_in(_people(cast, 3), energy=5)  # org 9, team 6: the other 3 would be revealed
    assert _org_cell(cast).averages is not None
    assert _team_cell(cast, cast.bob).averages is None


def test_it_shows_a_team_when_both_it_and_the_rest_are_five_or_more(cast: Cast) -> None:
    _check_in(_people(cast, 6, supervisor=cast.bob), energy=2)
    _check_in(_people(cast, 6), energy=4)
    assert _team_cell(cast, cast.bob).averages["energy"] == 2.0
    assert _org_cell(cast).averages["energy"] == 3.0


def test_it_suppresses_the_smaller_of_two_teams_that_differ_by_a_few(cast: Cast) -> None:
    other_supervisor = ProfileFactory(organization=cast.harbor, roles=[Role.SUPERVISOR])
    shared = _people(cast, 6, supervisor=cast.bob)
    for person in shared:  # the same six have a secondary supervisor too
        SupervisorAssignment.objects.create(
            organization=cast.harbor,
            supervisor=other_supervisor,
            specialist=person,
            kind="secondary",
            starts_on=NOW.date() - timedelta(days=60),
        )
    extra = _people(cast, 2, supervisor=other_supervisor)  # the bigger team has two more
    _check_in(shared + extra, energy=3)
    _check_in(_people(cast, 6), energy=4)  # enough others that the org complement is safe
    assert _team_cell(cast, cast.bob).averages is None  # 6 vs 8: subtracting reveals two
    assert _team_cell(cast, other_supervisor).averages is not None


@pytest.mark.parametrize("person", ["alice", "bob", "hana", "adam", "charlie"])
def test_it_is_for_program_managers_only(cast: Cast, login, client, person: str) -> None:
    login(cast.by_name(person))
    assert client.get("/team-wellbeing/").status_code == 404
    assert client.get("/api/v1/self-care/team-wellbeing/").status_code == 404


def test_it_shows_no_individual_data_and_runs_constant_queries(
    cast: Cast, login, client, django_assert_num_queries
) -> None:
    _check_in(_people(cast, 6, supervisor=cast.bob), energy=2)
    _check_in(_people(cast, 6), energy=4)
    login(cast.mia)
    client.get("/team-wellbeing/")
    with django_assert_num_queries(11):
        page = client.get("/team-wellbeing/").content.decode()
    assert "NOTE-TEXT" not in page and "Bob" in page and "3.0" in page
    extra_supervisor = ProfileFactory(organization=cast.harbor, roles=[Role.SUPERVISOR])
    _check_in(_people(cast, 7, supervisor=extra_supervisor), energy=5)
    with django_assert_num_queries(11):
        client.get("/team-wellbeing/")


def test_it_hides_the_count_of_a_hidden_cell_in_the_api(cast: Cast, login, client) -> None:
    _check_in(_people(cast, 1, supervisor=cast.bob), energy=2)
    login(cast.mia)
    body = client.get("/api/v1/self-care/team-wellbeing/").json()
    cells = [week for group in [body["organization"], *body["teams"]] for week in group["weeks"]]
    assert cells and all(c["respondents"] is None and c["averages"] is None for c in cells)
