"""A learner's way through a module: start, sections (read or skipped), the knowledge check,
the private reflection, and the completion that credits CE hours and issues a certificate."""

from __future__ import annotations

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core import dates
from workforce import access
from workforce.certifications.readiness import recount_ce
from workforce.models import (
    Assignment,
    AssignmentSource,
    CEEntry,
    CESource,
    CEStatus,
    Completion,
    CompletionSource,
    KnowledgeCheckAttempt,
    ModuleSection,
    Reflection,
    SectionProgress,
    StaffProfile,
    TrainingModule,
)
from workforce.models.training import REFLECTION_MAX_LENGTH, ce_course_key
from workforce.training.assignments import add_months

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def learning_assignment(*, actor: object, module: TrainingModule) -> Assignment | None:
    """The learner's open assignment for this module, if any."""
    profile = access.require_profile(actor)
    return (
        Assignment.objects.filter(person=profile, module=module, completion__isnull=True)
        .select_related("module")
        .first()
    )


@transaction.atomic
def module_start(*, actor: object, module: TrainingModule) -> Assignment:
    """Open (or continue) the module: uses the learner's assignment, or makes one they chose
    themselves. Archived modules can be finished but not newly started."""
    profile = access.require_profile(actor)
    if module.organization_id != profile.organization_id or not module.is_in_app:
        raise Http404
    assignment = learning_assignment(actor=actor, module=module)
    if assignment is None:
        if module.archived_at:
            raise ValidationError(_("This module has been archived and can't be started."))
        assignment = Assignment.objects.create(
            organization=module.organization,
            person=profile,
            module=module,
            source=AssignmentSource.SELF,
        )
    if assignment.started_at is None:
        assignment.started_at = timezone.now()
        assignment.save(update_fields=["started_at"])
    return assignment


def section_finish(
    *, actor: object, assignment: Assignment, section: ModuleSection, skipped: bool = False
) -> Completion | None:
    """Mark a section read (or skipped: content notes let a learner skip what they're not
    ready for, and that never stops them finishing). Completes the module when nothing else
    is left."""
    _check_own(actor, assignment)
    if section.module_id != assignment.module_id:
        raise Http404
    SectionProgress.objects.get_or_create(
        assignment=assignment, section=section, defaults={"skipped": skipped}
    )
    return completion_try(assignment=assignment)


def knowledge_check_submit(
    *, actor: object, assignment: Assignment, answers: dict[int, int]
) -> KnowledgeCheckAttempt:
    """Grade one attempt; `answers` maps question id to choice id. Every question must be
    answered with one of its own choices. Attempts are unlimited."""
    _check_own(actor, assignment)
    module = assignment.module
    if not module.has_knowledge_check:
        raise Http404
    questions = list(module.questions.prefetch_related("choices"))
    errors = {}
    correct = 0
    for question in questions:
        choices = {c.pk: c for c in question.choices.all()}
        picked = choices.get(answers.get(question.pk))
        if picked is None:
            errors[f"question_{question.pk}"] = _("Please choose an answer.")
        elif picked.correct:
            correct += 1
    if errors:
        raise ValidationError(errors)
    score = round(100 * correct / len(questions)) if questions else 100
    attempt = KnowledgeCheckAttempt.objects.create(
        assignment=assignment, score=score, passed=score >= module.pass_mark
    )
    if attempt.passed:
        completion_try(assignment=assignment)
    return attempt


def reflection_get(*, actor: object, module: TrainingModule) -> Reflection | None:
    profile = access.require_profile(actor)
    return Reflection.objects.filter(owner=profile, module=module).first()


def reflection_open(*, actor: object, module: TrainingModule) -> bool:
    """Whether the learner can open their reflection on this module: the module asks for one,
    or they wrote one (a catalogue edit never takes it away from them)."""
    profile = access.require_profile(actor)
    if module.organization_id != profile.organization_id:
        return False
    asks = module.is_in_app and bool(module.reflection_prompt)
    return asks or Reflection.objects.filter(owner=profile, module=module).exists()


def reflection_save(*, actor: object, module: TrainingModule, text: str) -> Reflection:
    """The learner's private reflection. Nobody else can ever read it; not required."""
    profile = access.require_profile(actor)
    if not reflection_open(actor=actor, module=module):
        raise Http404
    text = text.strip()
    if len(text) > REFLECTION_MAX_LENGTH:
        raise ValidationError(
            {"text": _("Please keep it under %(n)s characters.") % {"n": REFLECTION_MAX_LENGTH}}
        )
    reflection, _created = Reflection.objects.update_or_create(
        owner=profile, module=module, defaults={"text": text, "updated_at": timezone.now()}
    )
    return reflection


def remaining_steps(assignment: Assignment) -> dict[str, object]:
    """What is left before an in-app module is complete."""
    module = assignment.module
    done = set(assignment.progress.values_list("section_id", flat=True))
    sections = list(module.sections.values_list("pk", flat=True))
    # A pass mark with no questions yet asks nothing of the learner.
    passed = (
        not module.has_knowledge_check
        or not module.questions.exists()
        or assignment.knowledge_checks.filter(passed=True).exists()
    )
    return {"sections": [pk for pk in sections if pk not in done], "check_passed": passed}


@transaction.atomic
def completion_try(*, assignment: Assignment) -> Completion | None:
    """Complete an in-app module once every section is done and the check (if any) passed."""
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.completion_id:
        return assignment.completion
    left = remaining_steps(assignment)
    if left["sections"] or not left["check_passed"]:
        return None
    return completion_create(
        person=assignment.person,
        module=assignment.module,
        completed_on=dates.organization_today(assignment.person.organization),
        source=CompletionSource.IN_APP,
    )


@transaction.atomic
def completion_create(
    *,
    person: StaffProfile,
    module: TrainingModule,
    completed_on: date,
    source: str,
    recorded_by: StaffProfile | None = None,
    evidence_name: str = "",
    evidence_type: str = "",
    ce_status: str = CEStatus.APPROVED,
) -> Completion:
    """Record a completion: close the open assignment, credit the CE ledger, and fix what the
    certificate says (the name the person wants on it, the module's title) with its code."""
    completion = Completion(
        organization_id=person.organization_id,
        person=person,
        module=module,
        completed_on=completed_on,
        ce_hours=module.ce_hours,
        name_on_certificate=person.name_for_certificates,
        module_title=module.title,
        source=source,
        recorded_by=recorded_by,
        evidence=evidence_name,
        evidence_type=evidence_type,
        verification_code=_new_code(),
    )
    completion.save()
    if module.renewal_months is None or (
        add_months(completed_on, module.renewal_months)
        > dates.organization_today(person.organization)
    ):
        # Closes what is open; an old completion (already lapsed) can't close a renewal.
        Assignment.objects.filter(person=person, module=module, completion__isnull=True).update(
            completion=completion
        )
    if module.ce_hours > 0:
        CEEntry.objects.create(
            organization_id=person.organization_id,
            person=person,
            earned_on=completed_on,
            hours=module.ce_hours,
            category=module.ce_category,
            title=module.title,
            provider=person.organization.name,
            course_key=ce_course_key(module_id=module.pk),
            source=CESource.TRAINING,
            completion=completion,
            module=module,
            status=ce_status,
        )
        recount_ce([person.pk])
    return completion


def _new_code() -> str:
    for _attempt in range(5):
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
        code = f"{raw[:5]}-{raw[5:]}"
        if not Completion.objects.filter(verification_code=code).exists():
            return code
    raise IntegrityError("could not find a free verification code")


def _check_own(actor: object, assignment: Assignment) -> None:
    profile = access.require_profile(actor)
    if assignment.person_id != profile.pk or not assignment.module.is_in_app:
        raise Http404
    if assignment.completion_id is not None:
        raise ValidationError(_("You've already completed this module."))
