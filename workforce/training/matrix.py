"""The training matrix for managers and HR: people × the modules their roles require, each
cell with its status; the overdue list; both as CSV. Reads only, already scoped.

A page costs the same handful of queries however many people and modules there are: the
people (filtered in SQL, paginated), the columns, the page's open assignments and the page's
latest completions, grouped in Python for at most PAGE_SIZE × columns cells.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.spreadsheets import safe_cell
from workforce import access
from workforce.models import (
    Assignment,
    Completion,
    EmploymentStatus,
    ModuleRequirement,
    Role,
    RoleGrant,
    StaffProfile,
    TrainingModule,
)
from workforce.training import access as training_access
from workforce.training.assignments import add_months
from workforce.training.selectors import assignment_status_q

PAGE_SIZE = 50


class Cell:
    """What a matrix cell says. Overdue is compliance language for managers and HR only."""

    NOT_REQUIRED = "not_required"
    NOT_ASSIGNED = "not_assigned"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    OVERDUE = "overdue"
    COMPLETED = "completed"
    LAPSED = "lapsed"

    LABELS = {
        NOT_REQUIRED: gettext_lazy("Not required"),
        NOT_ASSIGNED: gettext_lazy("Required, not assigned yet"),
        NOT_STARTED: gettext_lazy("Not started"),
        IN_PROGRESS: gettext_lazy("In progress"),
        OVERDUE: gettext_lazy("Overdue"),
        COMPLETED: gettext_lazy("Completed"),
        LAPSED: gettext_lazy("Renewal due"),
    }


# The status filter: people with at least one cell in that state, or everything complete.
STATUS_FILTERS = {
    "overdue": gettext_lazy("Something overdue"),
    "in_progress": gettext_lazy("Something in progress"),
    "not_started": gettext_lazy("Something not started"),
    "not_assigned": gettext_lazy("Required but not assigned"),
    "complete": gettext_lazy("Everything complete"),
}


@dataclass
class MatrixCell:
    state: str
    due_on: date | None = None
    completed_on: date | None = None

    @property
    def label(self) -> str:
        return str(Cell.LABELS[self.state])


@dataclass
class MatrixRow:
    person: StaffProfile
    cells: list[MatrixCell] = field(default_factory=list)


def matrix_people(*, user: object, today: date, role: str = "", status: str = "") -> QuerySet:
    """The matrix's rows: active people the caller may read, filtered in SQL."""
    people = (
        access.people_visible_to(user)
        .filter(user__is_active=True)
        .exclude(employment_status=EmploymentStatus.LEFT)
    )
    if role in Role.values:
        people = people.filter(role_grants__role=role)
    if status in STATUS_FILTERS:
        organization_id = access.require_profile(user).organization_id
        people = people.filter(_status_filter(status, today, organization_id, role))
    return people.prefetch_related("role_grants").order_by("chosen_name", "id")


def _status_filter(status: str, today: date, organization_id: int, role: str = "") -> Q:
    current = Assignment.objects.filter(person=OuterRef("pk"), module__archived_at__isnull=True)
    if status in (Cell.OVERDUE, Cell.IN_PROGRESS, Cell.NOT_STARTED):
        # An open assignment in that state, by the same rules as its cell (Assignment.status).
        return Q(Exists(current.filter(assignment_status_q(status=status, today=today))))
    # "Required but not covered", as EXISTS / NOT EXISTS correlated on the requirement's role
    # and module (not IN / NOT IN over the person's rows), each inner query scoped to the
    # organization: PostgreSQL hashes each inner set once per query instead of running
    # sub-plans for every person × requirement pair (bench/training_matrix.py: 1.2 s → 0.35 s
    # with jit off, see config/settings.py).
    person = OuterRef(OuterRef("pk"))  # the row's person, seen from inside `required`
    grants = RoleGrant.objects.filter(profile__organization_id=organization_id)
    required = ModuleRequirement.objects.filter(
        Exists(grants.filter(profile=person, role=OuterRef("role"))),
        module__archived_at__isnull=True,
        module__organization_id=organization_id,
    )
    if role in Role.values:  # the columns are that role's modules: so is the filter
        required = required.filter(role=role)
    open_ = Assignment.objects.filter(organization_id=organization_id, completion__isnull=True)
    done = Completion.objects.filter(organization_id=organization_id)
    # Covered once it is open or was ever completed (a lapsing completion gets a renewal
    # assignment, which is open).
    uncovered = required.exclude(
        Exists(open_.filter(person=person, module=OuterRef("module")))
    ).exclude(Exists(done.filter(person=person, module=OuterRef("module"))))
    if status == "not_assigned":
        return Q(Exists(uncovered))
    any_open = open_.filter(person=OuterRef("pk"), module__archived_at__isnull=True)
    return ~Q(Exists(uncovered)) & ~Q(Exists(any_open))  # "complete"


def matrix_columns(*, user: object, role: str = "") -> list[TrainingModule]:
    """Modules required for a role, and modules someone has open (assigned by hand), in title
    order; with a role chosen, those required for it or open for someone who holds it."""
    modules = training_access.modules_visible_to(user).filter(archived_at__isnull=True)
    open_ = Assignment.objects.filter(
        module=OuterRef("pk"),
        completion__isnull=True,
        person__user__is_active=True,
        person__in=access.people_visible_to(user),  # a supervisor's columns: their team's
    )
    if role in Role.values:
        required = Q(requirements__role=role)
        open_ = open_.filter(person__role_grants__role=role)
    else:
        required = Q(requirements__isnull=False)
    modules = modules.filter(required | Q(Exists(open_)))
    return list(modules.prefetch_related("requirements").distinct().order_by("title", "id"))


def matrix_rows(
    *, people: list[StaffProfile], modules: list[TrainingModule], today: date
) -> list[MatrixRow]:
    """Cells for one page of people: two queries, whatever the page size."""
    ids = [p.pk for p in people]
    open_by = {
        (a.person_id, a.module_id): a
        for a in Assignment.objects.filter(
            person_id__in=ids, module__in=modules, completion__isnull=True
        ).only("person_id", "module_id", "due_on", "started_at", "completion_id")
    }
    last_by = {
        (row["person_id"], row["module_id"]): row["last"]
        for row in Completion.objects.filter(person_id__in=ids, module__in=modules)
        .values("person_id", "module_id")
        .annotate(last=Max("completed_on"))
        .order_by()
    }
    required = {m.pk: {r.role for r in m.requirements.all()} for m in modules}
    return [
        MatrixRow(
            person=person,
            cells=[
                _cell(person, module, required[module.pk], open_by, last_by, today)
                for module in modules
            ],
        )
        for person in people
    ]


def _cell(person, module, roles, open_by, last_by, today) -> MatrixCell:
    key = (person.pk, module.pk)
    assignment = open_by.get(key)
    if assignment is not None:
        return MatrixCell(assignment.status(today), due_on=assignment.due_on)
    last = last_by.get(key)
    if last is not None:
        lapsed = module.renewal_months and add_months(last, module.renewal_months) <= today
        return MatrixCell(Cell.LAPSED if lapsed else Cell.COMPLETED, completed_on=last)
    if person.roles & roles:
        return MatrixCell(Cell.NOT_ASSIGNED)
    return MatrixCell(Cell.NOT_REQUIRED)


def overdue_assignments(*, user: object, today: date, role: str = "", module: str = ""):
    """Open assignments past their due date, oldest due first, for people still working."""
    overdue = (
        training_access.assignments_visible_to(user)
        .filter(
            completion__isnull=True,
            due_on__lt=today,
            module__archived_at__isnull=True,
            person__user__is_active=True,
        )
        .exclude(person__employment_status=EmploymentStatus.LEFT)
    )
    if role in Role.values:
        overdue = overdue.filter(person__role_grants__role=role)
    if module.isdigit():
        overdue = overdue.filter(module_id=int(module))
    return overdue.select_related("person", "module").order_by(
        "due_on", "person__chosen_name", "id"
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def matrix_csv(
    *, people: QuerySet[StaffProfile], modules: list[TrainingModule], today: date
) -> Iterator[str]:
    """The whole (filtered) matrix as CSV rows, a page of people at a time."""
    writer = csv.writer(_Echo())
    yield writer.writerow([_("Name"), _("Roles"), *[safe_cell(m.shown_title) for m in modules]])
    ids = list(people.values_list("pk", flat=True))
    for start in range(0, len(ids), 500):
        chunk = list(
            people.model.objects.filter(pk__in=ids[start : start + 500])
            .prefetch_related("role_grants")
            .order_by("chosen_name", "id")
        )
        for row in matrix_rows(people=chunk, modules=modules, today=today):
            yield writer.writerow(
                [
                    safe_cell(row.person.chosen_name),
                    ", ".join(row.person.role_labels()),
                    *[_cell_text(cell) for cell in row.cells],
                ]
            )


def overdue_csv(*, assignments: QuerySet[Assignment], today: date) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow([_("Name"), _("Module"), _("Due"), _("Days past due"), _("Started")])
    for a in assignments.iterator(chunk_size=500):
        yield writer.writerow(
            [
                safe_cell(a.person.chosen_name),
                safe_cell(a.module.shown_title),
                a.due_on.isoformat(),
                (today - a.due_on).days,
                _("yes") if a.started_at else _("no"),
            ]
        )


def _cell_text(cell: MatrixCell) -> str:
    when = cell.completed_on or cell.due_on
    return f"{cell.label} ({when.isoformat()})" if when else cell.label
