"""Who is asked to take what, by when: assignments by managers and HR, automatic assignment
of role-required modules (on hire and role change), and renewals when a completion lapses."""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core import dates
from workforce import access
from workforce.models import (
    Assignment,
    AssignmentSource,
    Completion,
    Role,
    StaffProfile,
    TrainingModule,
)
from workforce.selectors import active_staff
from workforce.training import access as training_access

NEW_ROLE_DUE_DAYS = 30  # a new hire (or new role) has a month for each required module
RENEWAL_NOTICE_DAYS = 30  # a renewal is assigned this long before the completion lapses


@dataclass(frozen=True)
class AssignResult:
    created: int
    already: int  # had an open assignment for the module: left as it was


@transaction.atomic
def assignments_create(
    *,
    actor: object,
    module: TrainingModule,
    due_on: date | None,
    people: Iterable[int] = (),
    role: str = "",
    everyone: bool = False,
) -> AssignResult:
    """Assign a module to chosen people, to everyone with a role, or to everyone (program
    managers, HR, org admins). People who already have it open keep their assignment."""
    if not training_access.can_assign_training(actor):
        raise ValidationError(_("Only program managers, HR and org admins can assign training."))
    profile = access.profile_of(actor)
    if module.organization_id != profile.organization_id:
        raise ValidationError({"module": _("Choose a module from your organization.")})
    if module.archived_at:
        raise ValidationError({"module": _("This module is archived; restore it first.")})
    if due_on is not None and due_on < dates.organization_today(profile.organization):
        raise ValidationError({"due_on": _("The due date can't be in the past.")})
    source, targets = _targets(profile.organization_id, set(people), role, everyone)
    return _create(targets, module, due_on, source, assigned_by=profile)


def _targets(organization_id: int, people: set[int], role: str, everyone: bool):
    staff = active_staff(organization_id=organization_id)
    if sum((bool(people), bool(role), everyone)) != 1:
        raise ValidationError(_("Choose people, a role, or everyone."))
    if role and role not in Role.values:
        raise ValidationError({"role": _("Choose a role from the list.")})
    if people:
        found = set(staff.filter(pk__in=people).values_list("pk", flat=True))
        if found != people:
            raise ValidationError({"people": _("Choose people from your organization.")})
        return AssignmentSource.PERSON, found
    if role:
        return AssignmentSource.ROLE, set(
            staff.filter(role_grants__role=role).values_list("pk", flat=True)
        )
    return AssignmentSource.EVERYONE, set(staff.values_list("pk", flat=True))


def _create(
    people: set[int],
    module: TrainingModule,
    due_on: date | None,
    source: str,
    assigned_by: StaffProfile | None = None,
) -> AssignResult:
    already = set(
        Assignment.objects.filter(
            module=module, person_id__in=people, completion__isnull=True
        ).values_list("person_id", flat=True)
    )
    rows = [
        Assignment(
            organization_id=module.organization_id,
            person_id=pk,
            module=module,
            due_on=due_on,
            source=source,
            assigned_by=assigned_by,
        )
        for pk in sorted(people - already)
    ]
    # ignore_conflicts: a concurrent assignment of the same module wins, quietly.
    Assignment.objects.bulk_create(rows, ignore_conflicts=True)
    return AssignResult(created=len(rows), already=len(already))


def assign_required(*, person: StaffProfile, today: date | None = None) -> int:
    """Assign the modules the person's roles require that they have neither open nor
    completed (and still current). Called on hire and on every role change."""
    today = today or dates.organization_today(person.organization)
    modules = TrainingModule.objects.filter(
        organization_id=person.organization_id,
        archived_at__isnull=True,
        requirements__role__in=person.roles,
    ).distinct()
    last = dict(
        Completion.objects.filter(person=person, module__in=modules)
        .values("module_id")
        .annotate(last=Max("completed_on"))
        .values_list("module_id", "last")
    )
    # Someone who starts later gets their month from their first day.
    starts = max(today, person.start_date or today)
    due_in = timedelta(days=NEW_ROLE_DUE_DAYS)
    created = 0
    for module in modules:
        done = last.get(module.pk)
        if done and (
            module.renewal_months is None or add_months(done, module.renewal_months) > today
        ):
            continue
        result = _create({person.pk}, module, starts + due_in, AssignmentSource.REQUIRED)
        created += result.created
    return created


def assign_required_module(*, module: TrainingModule, roles: Iterable[str]) -> int:
    """A module newly required for `roles`: assign it to the people who hold them now and
    have never completed it (or whose completion has lapsed), due in a month."""
    today = dates.organization_today(module.organization)
    people = set(
        active_staff(organization_id=module.organization_id)
        .filter(role_grants__role__in=list(roles))
        .values_list("pk", flat=True)
    )
    last = dict(
        Completion.objects.filter(module=module, person_id__in=people)
        .values("person_id")
        .annotate(last=Max("completed_on"))
        .values_list("person_id", "last")
    )
    current = {
        pk
        for pk, done in last.items()
        if module.renewal_months is None or add_months(done, module.renewal_months) > today
    }
    due = today + timedelta(days=NEW_ROLE_DUE_DAYS)
    return _create(people - current, module, due, AssignmentSource.REQUIRED).created


@transaction.atomic
def renewals_open(*, today: date | None = None) -> int:
    """For modules that renew: once someone's latest completion is within RENEWAL_NOTICE_DAYS
    of lapsing (or has lapsed), assign it again, due the day it lapses. Idempotent."""
    latest = (
        Completion.objects.filter(
            module__renewal_months__isnull=False,
            module__archived_at__isnull=True,
            person__user__is_active=True,
        )
        .values(
            "person_id", "module_id", "module__renewal_months", "module__organization__timezone"
        )
        .annotate(last=Max("completed_on"))
        .order_by()
    )
    due: dict[tuple[int, date], set[int]] = defaultdict(set)  # (module, lapses) -> people
    for row in latest:
        lapses = add_months(row["last"], row["module__renewal_months"])
        # Each organization's own date, unless the caller names one.
        day = today or dates.date_in(row["module__organization__timezone"])
        if lapses - timedelta(days=RENEWAL_NOTICE_DAYS) <= day:
            due[row["module_id"], lapses].add(row["person_id"])
    modules = TrainingModule.objects.in_bulk({module_id for module_id, _ in due})
    return sum(
        _create(people, modules[module_id], lapses, AssignmentSource.RENEWAL).created
        for (module_id, lapses), people in due.items()
    )


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
