"""Completions recorded rather than earned in PeerWell: an external course or live session the
learner reports (with their certificate), and HR's attendance list for a group session."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import dates
from workforce import access
from workforce.models import (
    CEStatus,
    Completion,
    CompletionSource,
    Role,
    StaffProfile,
    TrainingFormat,
    TrainingModule,
)
from workforce.selectors import active_staff
from workforce.training import access as training_access
from workforce.training.learning import completion_create
from workforce.uploads import validate_evidence

RECORDERS = (Role.HR, Role.ORG_ADMIN)  # who records attendance for a group
EVIDENCE_DIR = "training-evidence"


@dataclass(frozen=True)
class AttendanceResult:
    recorded: int
    already: int  # already had this module completed on that date: left as it was


def recordable_modules(*, user: object, by_learner: bool = False):
    """Modules completed outside PeerWell still offered: external courses and live sessions
    for HR's attendance lists; external courses only for a learner (who brings the
    certificate they were given; a live session's attendance is HR's to record)."""
    modules = training_access.modules_visible_to(user).filter(archived_at__isnull=True)
    if by_learner:
        return modules.filter(format=TrainingFormat.EXTERNAL).order_by("title", "id")
    return modules.exclude(format=TrainingFormat.IN_APP).order_by("title", "id")


@transaction.atomic
def completion_record(
    *, actor: object, module: TrainingModule, completed_on: date | None, evidence=None
) -> Completion:
    """The learner records an external course or live session they finished. An external
    course needs its certificate; the CE hours wait for HR's approval."""
    profile = access.require_profile(actor)
    _check_module(profile, module)
    if module.format != TrainingFormat.EXTERNAL:
        raise ValidationError(
            {"module": _("Attendance at a live session is recorded by HR from the sign-in list.")}
        )
    errors = _date_errors(completed_on, profile.organization, profile)
    if evidence is None:
        errors["evidence"] = _("Please add the certificate you received for this course.")
    if not errors and _already(profile.pk, module, completed_on):
        errors["completed_on"] = _("You've already recorded this module for that date.")
    stored = _validated(evidence, errors)
    if errors:
        raise ValidationError(errors)
    name = _store(stored) if stored else ""
    with _removed_on_error(name):
        return completion_create(
            person=profile,
            module=module,
            completed_on=completed_on,
            source=CompletionSource.SELF_REPORTED,
            recorded_by=profile,
            evidence_name=name,
            evidence_type=stored.content_type if stored else "",
            ce_status=CEStatus.PENDING,
        )


@transaction.atomic
def attendance_record(
    *,
    actor: object,
    module: TrainingModule,
    completed_on: date | None,
    people: Iterable[int],
    evidence=None,
) -> AttendanceResult:
    """HR records who attended a live session or a course taken together, optionally with the
    signed attendance sheet (kept once, linked from each completion)."""
    profile = access.require_role(actor, *RECORDERS)
    _check_module(profile, module)
    people = set(people)
    errors = _date_errors(completed_on, profile.organization)  # for a group: its organization's
    if not people:
        errors["people"] = _("Choose at least one person who attended.")
    attendees = list(
        active_staff(organization_id=profile.organization_id)
        .filter(pk__in=people)
        .select_related("organization")
    )
    if people and len(attendees) != len(people):
        errors["people"] = _("Choose people from your organization.")
    stored = _validated(evidence, errors)
    if errors:
        raise ValidationError(errors)
    name = _store(stored) if stored else ""
    done = set(
        Completion.objects.filter(
            person__in=attendees, module=module, completed_on=completed_on
        ).values_list("person_id", flat=True)
    )
    with _removed_on_error(name):
        for person in attendees:
            if person.pk not in done:
                completion_create(
                    person=person,
                    module=module,
                    completed_on=completed_on,
                    source=CompletionSource.ATTENDANCE,
                    recorded_by=profile,
                    evidence_name=name,
                    evidence_type=stored.content_type if stored else "",
                )
    return AttendanceResult(recorded=len(attendees) - len(done), already=len(done))


def _check_module(profile: StaffProfile, module: TrainingModule) -> None:
    if module.organization_id != profile.organization_id:
        raise ValidationError({"module": _("Choose a module from your organization.")})
    if module.is_in_app:
        raise ValidationError({"module": _("Modules in PeerWell complete themselves.")})
    if module.archived_at:
        raise ValidationError({"module": _("This module is archived.")})


def _date_errors(completed_on: date | None, *places: dates.HasZone) -> dict[str, str]:
    """`places`: the organization, and the person the record is about when it is one person's
    (their own today counts too); never the recorder's own zone."""
    if completed_on is None:
        return {"completed_on": _("Please give the date it was completed.")}
    if completed_on > dates.latest_today(*places):
        return {"completed_on": _("The date can't be in the future.")}
    return {}


def _already(person_id: int, module: TrainingModule, completed_on: date | None) -> bool:
    return Completion.objects.filter(
        person_id=person_id, module=module, completed_on=completed_on
    ).exists()


def _validated(evidence, errors: dict[str, str]):
    if evidence is None:
        return None
    try:
        return validate_evidence(evidence)
    except ValidationError as exc:
        errors["evidence"] = " ".join(exc.messages)
        return None


def _store(evidence) -> str:
    """Save the validated file under its random name; the rows only point at it."""
    folder = timezone.now().strftime(f"{EVIDENCE_DIR}/%Y/%m")
    return default_storage.save(f"{folder}/{evidence.content.name}", evidence.content)


@contextmanager
def _removed_on_error(name: str):
    """Django has no on-rollback hook: if the rows fail to save, don't keep the file."""
    try:
        yield
    except BaseException:
        if name:
            default_storage.delete(name)
        raise
