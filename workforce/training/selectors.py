"""Training reads, already scoped: a learner's own record, and the public certificate check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Q, QuerySet

from workforce.models import (
    Assignment,
    Completion,
    CompletionSource,
    StaffProfile,
    TrainingFormat,
    TrainingModule,
    TrainingStatus,
)
from workforce.training import access as training_access


def assignment_status_q(*, status: str, today: date) -> Q:
    """The assignments whose `Assignment.status(today)` is `status`, as a Q over Assignment's
    own fields: the same rules, in SQL, for filtering a list or inside an EXISTS.

    completed: it has a completion. Otherwise it is open, and overdue once due_on < today
    (no due date is never overdue); an open one not overdue is in_progress once started,
    else not_started. Any other status is a ValueError.
    """
    if status == TrainingStatus.COMPLETED:
        return Q(completion__isnull=False)
    open_ = Q(completion__isnull=True)
    if status == TrainingStatus.OVERDUE:
        return open_ & Q(due_on__lt=today)
    if status not in (TrainingStatus.IN_PROGRESS, TrainingStatus.NOT_STARTED):
        raise ValueError(f"Not a training status: {status!r}")
    not_late = Q(due_on__isnull=True) | Q(due_on__gte=today)
    return open_ & not_late & Q(started_at__isnull=status == TrainingStatus.NOT_STARTED)


@dataclass
class MyTraining:
    open_items: list[Assignment]  # each with .state, .done and .total
    completions: QuerySet[Completion]
    available: QuerySet[TrainingModule]


def my_training(*, person: StaffProfile, today: date) -> MyTraining:
    """What the person is asked to do (due first), what they've done, and what else they can
    take. Constant queries, however many modules."""
    open_items = list(
        Assignment.objects.filter(person=person, completion__isnull=True)
        .select_related("module")
        .annotate(
            done=Count("progress", distinct=True),
            total=Count("module__sections", distinct=True),
        )
        .order_by("due_on", "id")
    )
    for item in open_items:
        item.state = item.status(today)
    available = (
        TrainingModule.objects.filter(
            organization_id=person.organization_id,
            archived_at__isnull=True,
            format=TrainingFormat.IN_APP,
        )
        .exclude(pk__in=[item.module_id for item in open_items])
        .order_by("title")
    )
    completions = Completion.objects.filter(person=person).select_related("module")
    return MyTraining(open_items=open_items, completions=completions, available=available)


def last_completion(*, person: StaffProfile, module: TrainingModule) -> Completion | None:
    return Completion.objects.filter(person=person, module=module).first()


def certificate_by_code(code: str) -> Completion | None:
    """Public: only what the verification page may show (name, module, date)."""
    return (
        Completion.objects.filter(verification_code=code.strip().upper())
        # A course the learner reported has its own certificate from whoever ran it: ours
        # would vouch for what nobody here saw.
        .exclude(source=CompletionSource.SELF_REPORTED)
        .only("name_on_certificate", "module_title", "completed_on")
        .first()
    )


@dataclass
class TrainingRecord:
    open_items: list[Assignment]  # each with .state
    completions: list[Completion]


def training_record(*, user: object, person: StaffProfile, today: date) -> TrainingRecord:
    """A person's training as someone allowed to read it sees it (their page): what is open,
    with its status, and what they completed. Two queries."""
    open_items = list(
        training_access.assignments_visible_to(user)
        .filter(person=person, completion__isnull=True)
        .select_related("module")
        .order_by("due_on", "id")
    )
    for item in open_items:
        item.state = item.status(today)
    completions = list(
        training_access.completions_visible_to(user)
        .filter(person=person)
        .order_by("-completed_on", "-id")
    )
    return TrainingRecord(open_items=open_items, completions=completions)


def open_training(*, person: StaffProfile, today: date) -> list[Assignment]:
    """The person's open assignments, soonest due first (undated last), each with .state."""
    items = list(
        Assignment.objects.filter(person=person, completion__isnull=True)
        .select_related("module")
        .order_by(F("due_on").asc(nulls_last=True), "id")
    )
    for item in items:
        item.state = item.status(today)
    return items
