"""Team wellbeing for program managers: averages only, suppressed below five, no subtraction."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from selfcare.aggregates import (
    ITEM_KEYS,
    MIN_GROUP,
    MIN_MEMBERS,
    pins_an_answer,
    shown_groups,
    wellness_summary,
)
from selfcare.models import CheckIn, WellnessWeek
from selfcare.tasks import freeze_wellness_weeks
from supervision.models import SupervisorAssignment
from tests.conftest import Cast
from tests.factories import ProfileFactory
from workforce.models import Role, StaffProfile

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
    # On staff long before the weeks shown (people who join during a week count from the next).
    StaffProfile.objects.filter(pk__in=[p.pk for p in people]).update(
        created_at=NOW - timedelta(days=90)
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
    assert _org_cell(cast).averages is None


def test_it_shows_weekly_averages_from_five_people_of_six(cast: Cast) -> None:
    people = _people(cast, 6)
    _check_in(people[:3], energy=2)
    _check_in(people[3:5], energy=5)
    _check_in(people, energy=1, when=LAST_WEEK_NOON - timedelta(days=7))  # its own row
    _check_in(people, energy=1, when=NOW)  # the week in progress: never shown
    assert _org_cell(cast).averages["energy"] == 3.2


def test_a_group_of_five_is_never_shown_even_when_all_five_check_in(cast: Cast) -> None:
    """Shown would mean that every one of them took part (case 1 of the issue)."""
    people = _people(cast, 5)
    _check_in(people[:3], energy=2)
    _check_in(people[3:], energy=4)
    assert _org_cell(cast).averages is None


def test_it_counts_people_not_check_ins(cast: Cast) -> None:
    person = _people(cast, 1)
    for _ in range(6):
        _check_in(person, energy=3)
    assert _org_cell(cast).averages is None


def test_it_averages_each_person_first_so_frequent_check_ins_weigh_the_same(cast: Cast) -> None:
    people = _people(cast, 6)[:5]
    _check_in(people[:4], energy=2)
    for _ in range(10):
        _check_in(people[4:], energy=5)
    assert _org_cell(cast).averages["energy"] == 2.6  # (4 × 2 + 5) / 5, not 58 / 14


def test_it_hides_an_item_fewer_than_five_people_answered(cast: Cast) -> None:
    people = _people(cast, 6)[:5]
    _check_in(people[:3], energy=3)
    _check_in(people[3:], energy=4)
    for person in people[:2]:
        CheckIn.objects.create(
            organization=cast.harbor, owner=person, sleep=1, created_at=LAST_WEEK_NOON
        )
    averages = _org_cell(cast).averages
    assert averages["energy"] == 3.4 and averages["sleep"] is None


def test_it_hides_a_figure_everyone_answered_alike(cast: Cast) -> None:
    """An average of 2.0 from people who all said 2 tells each of them what the others said."""
    people = _people(cast, 6)
    _check_in(people, energy=2)
    cell = _org_cell(cast)
    assert cell.averages is not None and cell.averages["energy"] is None


def test_a_rounded_figure_that_tells_where_the_others_answers_lie_is_hidden(cast: Cast) -> None:
    """Case 4: four people answer 1 once, a fifth 1, 1, 1, 1, 2. Their own averages differ, but
    a shown "1.0" would tell each of the four that everyone else answered 1."""
    people = _people(cast, 6)
    _check_in(people[:4], energy=1)
    for energy in (1, 1, 1, 1, 2):
        _check_in(people[4:5], energy=energy)
    _check_in(people[:5], energy=3, when=LAST_WEEK_NOON + timedelta(days=30))  # unrelated
    cell = _org_cell(cast)
    assert cell.averages is not None and cell.averages["energy"] is None
    assert pins_an_answer({1, 2, 3, 4, 5}, {1: 1, 2: 1, 3: 1, 4: 1, 5: 1.2})
    assert pins_an_answer({1, 2, 3, 4, 5}, {1: 5, 2: 5, 3: 5, 4: 5, 5: 4.8})  # the top too
    assert not pins_an_answer({1, 2, 3, 4, 5}, {1: 1, 2: 2, 3: 3, 4: 1, 5: 2})


def test_a_program_managers_own_check_ins_are_left_out(cast: Cast) -> None:
    """A viewer inside a group of five could subtract their own answers from the average."""
    people = _people(cast, 4)
    _check_in(people[:2], energy=2)
    _check_in(people[2:], energy=3)
    _check_in([cast.mia], energy=5)
    assert _org_cell(cast).averages is None  # four people besides the manager: not enough


def test_participation_cannot_be_read_off_two_teams_that_differ_by_one(cast: Cast) -> None:
    """Team A is team B plus one person. Whether or not that person checks in, at most one of
    the two teams is ever shown, so comparing them never tells whether they took part."""
    other_supervisor = ProfileFactory(organization=cast.harbor, roles=[Role.SUPERVISOR])
    shared = _people(cast, 6, supervisor=cast.bob)
    for person in shared:
        SupervisorAssignment.objects.create(
            organization=cast.harbor,
            supervisor=other_supervisor,
            specialist=person,
            kind="secondary",
            starts_on=NOW.date() - timedelta(days=60),
        )
    SupervisorAssignment.objects.filter(supervisor=cast.bob, specialist=cast.alice).delete()
    extra = _people(cast, 1, supervisor=other_supervisor)  # only in the second team: silent
    _check_in(shared[:3], energy=2)
    _check_in(shared[3:], energy=4)
    _check_in(_people(cast, 6), energy=3)
    shown = [
        _team_cell(cast, supervisor).averages is not None
        for supervisor in (cast.bob, other_supervisor)
    ]
    assert extra and shown == [True, False]  # only the team without the silent person


def test_it_suppresses_a_team_whose_complement_is_too_small(cast: Cast) -> None:
    _check_in(_people(cast, 6, supervisor=cast.bob), energy=2)
    _check_in(_people(cast, 3), energy=5)  # org 9, team 6: the other 3 would be revealed
    assert _org_cell(cast).averages is not None
    assert _team_cell(cast, cast.bob).averages is None


def test_it_shows_a_team_when_both_it_and_the_rest_are_five_or_more(cast: Cast) -> None:
    team, others = _people(cast, 6, supervisor=cast.bob), _people(cast, 6)
    _check_in(team[:3], energy=2)
    _check_in(team[3:], energy=3)
    _check_in(others[:3], energy=4)
    _check_in(others[3:], energy=5)
    assert _team_cell(cast, cast.bob).averages["energy"] == 2.5
    assert _org_cell(cast).averages["energy"] == 3.5


def test_two_separate_teams_cannot_be_subtracted_from_the_organization(cast: Cast) -> None:
    """Organization 13 = team 6 + team 6 + one person with no supervisor: showing all three
    would give away that one person's answers."""
    other_supervisor = ProfileFactory(organization=cast.harbor, roles=[Role.SUPERVISOR])
    _check_in(_people(cast, 6, supervisor=cast.bob), energy=2)
    _check_in(_people(cast, 6, supervisor=other_supervisor), energy=4)
    _check_in(_people(cast, 1), energy=1)
    shown = [
        _team_cell(cast, supervisor).averages is not None
        for supervisor in (cast.bob, other_supervisor)
    ]
    assert _org_cell(cast).averages is not None
    assert sorted(shown) == [False, True]


def test_of_two_teams_that_differ_by_a_few_only_one_is_shown(cast: Cast) -> None:
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
    shown = [
        _team_cell(cast, supervisor).averages is not None
        for supervisor in (cast.bob, other_supervisor)
    ]
    assert sorted(shown) == [False, True]  # 6 vs 8: both together would reveal the two


def test_teams_come_from_assignments_not_from_who_checked_in(cast: Cast) -> None:
    quiet_supervisor = ProfileFactory(organization=cast.harbor, roles=[Role.SUPERVISOR])
    small_supervisor = ProfileFactory(organization=cast.harbor, roles=[Role.SUPERVISOR])
    _people(cast, 6, supervisor=quiet_supervisor)  # nobody checked in
    _check_in(_people(cast, 5, supervisor=small_supervisor), energy=2)  # too small a team
    _check_in(_people(cast, 6), energy=4)
    keys = {team.key for team in wellness_summary(user=cast.mia.user).teams}
    assert f"team-{quiet_supervisor.pk}" in keys
    assert f"team-{small_supervisor.pk}" not in keys
    assert _team_cell(cast, quiet_supervisor).averages is None


def test_a_finished_week_is_frozen_once_shown(cast: Cast) -> None:
    people = _people(cast, 6)
    _check_in(people[:5], energy=2)
    _check_in(people[5:], energy=5)
    assert _org_cell(cast).averages["energy"] == 2.5
    CheckIn.objects.filter(owner=people[5]).delete()  # deleting later changes nothing shown
    assert _org_cell(cast).averages["energy"] == 2.5
    assert WellnessWeek.objects.filter(supervisor__isnull=True, week_start=THIS_WEEK).count() == 1


def test_beat_freezes_finished_weeks_ahead_of_the_first_visit(cast: Cast) -> None:
    people = _people(cast, 6)[:5]
    _check_in(people[:2], energy=4)
    _check_in(people[2:], energy=5)
    assert freeze_wellness_weeks.delay().get() == 2 * 8  # both organizations, eight weeks
    row = WellnessWeek.objects.get(
        organization=cast.harbor, supervisor__isnull=True, week_start=THIS_WEEK
    )
    assert (row.shown, row.energy) == (True, 4.6)
    assert freeze_wellness_weeks.delay().get() == 0


def test_it_stores_nothing_it_would_not_show(cast: Cast) -> None:
    _check_in(_people(cast, 6, supervisor=cast.bob), energy=2)
    _check_in(_people(cast, 3), energy=5)
    wellness_summary(user=cast.mia.user)
    team = WellnessWeek.objects.get(supervisor=cast.bob, week_start=THIS_WEEK)
    assert not team.shown
    assert all(getattr(team, key) is None for key in ITEM_KEYS)


def _carvable(groups: list[set[int]]) -> set[int]:
    """The sizes of every nonempty set of people that adding and subtracting the groups
    (each used at most once, with +1 or −1) leaves with a nonzero weight."""
    sizes = set()
    people = set().union(*groups)
    for signs in itertools.product((-1, 0, 1), repeat=len(groups)):
        weight = Counter()
        for sign, group in zip(signs, groups, strict=True):
            for person in group:
                weight[person] += sign
        support = {p for p in people if weight[p]}
        if support:
            sizes.add(len(support))
    return sizes


@pytest.mark.parametrize("seed", range(40))
def test_no_combination_of_shown_groups_isolates_fewer_than_five(seed: int) -> None:
    rng = random.Random(seed)
    people = set(range(rng.randint(6, 30)))
    teams = {
        pk: set(rng.sample(sorted(people), rng.randint(0, len(people))))
        for pk in range(1, rng.randint(2, 5))
    }
    counted = set(rng.sample(sorted(people), rng.randint(0, len(people))))
    shown = shown_groups(people, teams, counted)
    team_ids = sorted(pk for pk in shown if pk is not None)
    assert (None in shown) == bool(shown)
    if not shown:
        return
    groups = [people] + [teams[pk] for pk in team_ids]
    assert min(_carvable(groups)) >= MIN_MEMBERS
    assert min(_carvable([group & counted for group in groups])) >= MIN_GROUP


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
    client.get("/team-wellbeing/")  # freezes the finished weeks
    with django_assert_num_queries(7):
        page = client.get("/team-wellbeing/").content.decode()
    assert "NOTE-TEXT" not in page and "Bob" in page and "3.0" in page
    with django_assert_num_queries(3):  # kept (core.versions): the session, who, unread notes
        kept = client.get("/team-wellbeing/").content.decode()
    assert "Bob" in kept and "3.0" in kept
    extra_supervisor = ProfileFactory(organization=cast.harbor, roles=[Role.SUPERVISOR])
    _check_in(_people(cast, 7, supervisor=extra_supervisor), energy=5, when=NOW)
    with time_machine.travel(NOW + timedelta(days=7), tick=False):
        login(cast.mia)
        client.get("/team-wellbeing/")  # freezes the week that just finished
        with django_assert_num_queries(7):
            page = client.get("/team-wellbeing/").content.decode()
    assert page.count('<th scope="row">') == 8 + 2  # 8 weeks + now two teams, same queries


def test_the_kept_summary_follows_a_renamed_supervisor(cast: Cast, login, client) -> None:
    """Finished weeks never change, so the summary is kept between requests (core.versions);
    a team's name still follows its supervisor's at once."""
    _check_in(_people(cast, 6, supervisor=cast.bob), energy=2)
    _check_in(_people(cast, 6), energy=4)
    login(cast.mia)
    assert '<th scope="row">Bob</th>' in client.get("/team-wellbeing/").content.decode()
    cast.bob.chosen_name = "Robert"
    cast.bob.save()
    page = client.get("/team-wellbeing/").content.decode()
    assert '<th scope="row">Robert</th>' in page and '<th scope="row">Bob</th>' not in page


def test_the_api_shows_no_respondent_counts(cast: Cast, login, client) -> None:
    _check_in(_people(cast, 1, supervisor=cast.bob), energy=2)
    login(cast.mia)
    body = client.get("/api/v1/self-care/team-wellbeing/").json()
    cells = [week for group in [body["organization"], *body["teams"]] for week in group["weeks"]]
    assert cells and all(c["averages"] is None and "respondents" not in c for c in cells)


@pytest.mark.django_db(transaction=True)
def test_two_managers_opening_the_page_at_once_freeze_each_week_once(cast: Cast) -> None:
    """On PostgreSQL, two requests really run at once: the organization's row lock makes the
    second wait and then find the weeks stored (without it, one would hit the unique index)."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serializes writers by itself; the row lock is PostgreSQL's test")
    team, others = _people(cast, 6, supervisor=cast.bob), _people(cast, 6)
    _check_in(team[:3] + others[:3], energy=2)
    _check_in(team[3:] + others[3:], energy=4)
    second = ProfileFactory(organization=cast.harbor, roles=[Role.PROGRAM_MANAGER])
    barrier = Barrier(2)

    def open_page(manager):
        try:
            barrier.wait(timeout=10)
            summary = wellness_summary(user=manager.user)
            return {w: c.averages for w, c in summary.organization.cells.items()}
        finally:
            connections.close_all()

    with ThreadPoolExecutor(2) as pool:
        first, other = pool.map(open_page, [cast.mia, second])
    assert first == other and first[THIS_WEEK]["energy"] == 3.0
    assert WellnessWeek.objects.filter(supervisor=None).count() == 8  # Harbor: once per week
