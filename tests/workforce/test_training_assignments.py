"""Assignments: by managers and HR to people, a role or everyone; automatic on hire and role
change; renewals when a completion nears its lapse."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from tests.conftest import Cast
from tests.factories import ProfileFactory
from workforce import services
from workforce.models import Assignment, Role, TrainingModule
from workforce.tasks import open_training_renewals
from workforce.training.assignments import add_months, assignments_create, renewals_open
from workforce.training.catalogue import library_load
from workforce.training.learning import completion_create

TODAY = date(2026, 11, 26)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel("2026-11-26 15:00Z", tick=False):
        yield


@pytest.fixture
def library(cast: Cast) -> dict[str, TrainingModule]:
    library_load(organization=cast.harbor)
    return {m.library_key: m for m in TrainingModule.objects.filter(organization=cast.harbor)}


def _open(person) -> set[str]:
    return set(
        Assignment.objects.filter(person=person, completion__isnull=True).values_list(
            "module__library_key", flat=True
        )
    )


def test_a_manager_assigns_a_module_to_a_role(cast: Cast, library) -> None:
    module = library["self-care-plan"]
    result = assignments_create(
        actor=cast.mia.user,
        module=module,
        due_on=TODAY + timedelta(days=14),
        role=Role.PEER_SPECIALIST,
    )
    assert (result.created, result.already) == (2, 0)  # alice and sid
    again = assignments_create(
        actor=cast.hana.user, module=module, due_on=TODAY, role=Role.PEER_SPECIALIST
    )
    assert (again.created, again.already) == (0, 2)
    row = Assignment.objects.get(person=cast.alice, module=module)
    assert (row.due_on, row.source, row.assigned_by) == (
        TODAY + timedelta(days=14),
        "role",
        cast.mia,
    )


@pytest.mark.parametrize("person", ["alice", "bob", "charlie"])
def test_only_managers_hr_and_admins_of_the_organization_assign(
    cast: Cast, library, person
) -> None:
    with pytest.raises(ValidationError):
        assignments_create(
            actor=cast.by_name(person).user,
            module=library["boundaries"],
            due_on=None,
            everyone=True,
        )
    assert not Assignment.objects.filter(module=library["boundaries"]).exists()


def test_bad_assignments_are_refused_whole(cast: Cast, library) -> None:
    module = library["boundaries"]
    with pytest.raises(ValidationError) as error:
        assignments_create(
            actor=cast.mia.user, module=module, due_on=None, people=[cast.sid.pk, cast.carol.pk]
        )
    assert "people" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        assignments_create(
            actor=cast.mia.user, module=module, due_on=TODAY - timedelta(days=1), everyone=True
        )
    assert "due_on" in error.value.message_dict
    assert not Assignment.objects.filter(module=module).exists()


def test_a_new_hire_gets_the_modules_their_role_requires(cast: Cast, library) -> None:
    person = services.person_create(
        actor=cast.adam.user,
        email="new@harbor.example",
        chosen_name="Noor",
        roles=[Role.PEER_SPECIALIST],
        start_date=TODAY + timedelta(days=10),
        send_invitation=False,
    )
    assert _open(person) == {"vicarious-trauma", "boundaries", "supportive-supervision"}
    due = set(Assignment.objects.filter(person=person).values_list("due_on", flat=True))
    assert due == {TODAY + timedelta(days=40)}  # a month from their first day


def test_a_role_change_adds_what_the_new_role_requires(cast: Cast, library) -> None:
    person = ProfileFactory(organization=cast.harbor, roles=[Role.HR])
    assert _open(person) == set()
    services.person_set_roles(actor=cast.adam.user, person=person, roles=[Role.HR, Role.SUPERVISOR])
    assert _open(person) == {"vicarious-trauma", "supportive-supervision"}


def test_a_current_completion_is_not_assigned_again(cast: Cast, library) -> None:
    person = ProfileFactory(organization=cast.harbor, roles=[Role.HR])
    completion_create(
        person=person,
        module=library["vicarious-trauma"],
        completed_on=TODAY - timedelta(days=100),
        source="attendance",
    )
    services.person_set_roles(actor=cast.adam.user, person=person, roles=[Role.SUPERVISOR])
    assert _open(person) == {"supportive-supervision"}


def test_renewal_is_assigned_a_month_before_a_completion_lapses(cast: Cast, library) -> None:
    module = library["vicarious-trauma"]  # renews every 12 months
    completion_create(
        person=cast.sid, module=module, completed_on=date(2025, 12, 20), source="attendance"
    )
    completion_create(
        person=cast.alice, module=module, completed_on=date(2026, 2, 1), source="attendance"
    )
    assert renewals_open() == 1  # sid's lapses on 20 Dec, within 30 days; alice's in February
    row = Assignment.objects.get(person=cast.sid, completion__isnull=True)
    assert (row.source, row.due_on) == ("renewal", date(2026, 12, 20))
    assert open_training_renewals.delay().get() == 0  # idempotent


def test_months_are_added_the_way_people_count_them() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 1, 31), 13) == date(2028, 2, 29)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 11, 26), 24) == date(2028, 11, 26)


def test_an_unknown_role_is_refused(cast: Cast, library) -> None:
    with pytest.raises(ValidationError) as error:
        assignments_create(
            actor=cast.mia.user, module=library["boundaries"], due_on=None, role="pirate"
        )
    assert "role" in error.value.message_dict
