"""Training reads, already scoped: a learner's own record, and the public certificate check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, QuerySet

from workforce import access
from workforce.models import (
    Assignment,
    Completion,
    StaffProfile,
    TrainingFormat,
    TrainingModule,
)


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
        access.assignments_visible_to(user)
        .filter(person=person, completion__isnull=True)
        .select_related("module")
        .order_by("due_on", "id")
    )
    for item in open_items:
        item.state = item.status(today)
    completions = list(
        access.completions_visible_to(user).filter(person=person).order_by("-completed_on", "-id")
    )
    return TrainingRecord(open_items=open_items, completions=completions)
