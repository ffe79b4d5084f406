"""Writes to the training catalogue: org admins manage modules; the starter library loads."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from workforce import access
from workforce.models import (
    Choice,
    ModuleRequirement,
    ModuleSection,
    Organization,
    Question,
    Reflection,
    Role,
    TrainingModule,
)
from workforce.training import access as training_access
from workforce.training.assignments import assign_required_module
from workforce.training.library import MODULES


@transaction.atomic
def library_load(*, organization: Organization) -> int:
    """Add the starter library's modules the organization doesn't have yet; returns how many
    were added. Safe to run again: a module already loaded (even if edited) is left alone."""
    have = set(
        TrainingModule.objects.filter(organization=organization)
        .exclude(library_key="")
        .values_list("library_key", flat=True)
    )
    added = 0
    for data in MODULES:
        if data["key"] not in have:
            _module_from_library(organization, data)
            added += 1
    return added


@transaction.atomic
def library_install(*, organization: Organization) -> int:
    """Load the starter library and assign each newly added required module to the people who
    hold its roles now (new people get it when they join). Returns how many modules were added."""
    before = set(
        TrainingModule.objects.filter(organization=organization).values_list("pk", flat=True)
    )
    added = library_load(organization=organization)
    for module in (
        TrainingModule.objects.filter(organization=organization)
        .exclude(pk__in=before)
        .prefetch_related("requirements")
    ):
        roles = [r.role for r in module.requirements.all()]
        if roles:
            assign_required_module(module=module, roles=roles)
    return added


def library_missing(*, organization_id: int) -> int:
    """How many starter modules the organization doesn't have (deleted ones count)."""
    have = set(
        TrainingModule.objects.filter(organization_id=organization_id)
        .exclude(library_key="")
        .values_list("library_key", flat=True)
    )
    return sum(1 for data in MODULES if data["key"] not in have)


def _module_from_library(organization: Organization, data: dict) -> TrainingModule:
    module = TrainingModule(
        organization=organization,
        library_key=data["key"],
        title=data["title"],
        summary=data["summary"],
        category=data["category"],
        format=data["format"],
        estimated_minutes=data["estimated_minutes"],
        ce_hours=Decimal(data["ce_hours"]),
        ce_category=data["ce_category"],
        renewal_months=data["renewal_months"],
        pass_mark=data["pass_mark"],
        reflection_prompt=data["reflection_prompt"],
    )
    module.full_clean()
    module.save()
    ModuleRequirement.objects.bulk_create(
        ModuleRequirement(module=module, role=role) for role in data["required_for"]
    )
    ModuleSection.objects.bulk_create(
        ModuleSection(
            module=module,
            position=i,
            title=s["title"],
            content_note=s["note"],
            body=s["body"].strip(),
        )
        for i, s in enumerate(data["sections"], start=1)
    )
    for i, q in enumerate(data["questions"], start=1):
        question = Question.objects.create(
            module=module, position=i, text=q["text"], explanation=q["explanation"]
        )
        Choice.objects.bulk_create(
            Choice(question=question, position=j, text=text, correct=correct)
            for j, (text, correct) in enumerate(q["choices"], start=1)
        )
    return module


MODULE_FIELDS = (
    "title",
    "summary",
    "category",
    "format",
    "estimated_minutes",
    "ce_hours",
    "ce_category",
    "renewal_months",
    "pass_mark",
    "reflection_prompt",
)


@transaction.atomic
def module_save(
    *,
    actor: object,
    data: dict,
    required_for: Iterable[str],
    module: TrainingModule | None = None,
) -> TrainingModule:
    """Create or edit a catalogue entry and the roles it is required for (org admins)."""
    profile = _require_admin(actor)
    if module is None:
        module = TrainingModule(organization=profile.organization)
    elif module.organization_id != profile.organization_id:
        raise ValidationError(_("That module is not in your organization."))
    for name in MODULE_FIELDS:
        if name in data:
            setattr(module, name, data[name])
    roles = set(required_for)
    errors = _module_errors(module, roles)
    try:
        module.full_clean()
    except ValidationError as exc:
        errors = {**exc.message_dict, **errors}
    if errors:
        raise ValidationError(errors)
    module.save()
    module.requirements.exclude(role__in=roles).delete()
    have = set(module.requirements.values_list("role", flat=True))
    added = sorted(roles - have)
    ModuleRequirement.objects.bulk_create(
        ModuleRequirement(module=module, role=role) for role in added
    )
    if added and not module.archived_at:
        # People already in a newly required role get it too, a month to do it.
        assign_required_module(module=module, roles=added)
    return module


def _module_errors(module: TrainingModule, roles: set[str]) -> dict[str, str]:
    errors = {}
    if not roles <= set(Role.values):
        errors["required_for"] = _("Choose roles from the list.")
    if not module.is_in_app:
        # Checks and reflections live in PeerWell's module player; outside courses complete
        # by being recorded, with their certificate.
        if module.pass_mark is not None:
            errors["pass_mark"] = _("Only modules taken in PeerWell have a knowledge check.")
        if module.reflection_prompt:
            errors["reflection_prompt"] = _("Only modules taken in PeerWell have a reflection.")
    return errors


def module_archive(*, actor: object, module: TrainingModule, archived: bool = True) -> None:
    """Archived modules leave the catalogue and get no new assignments; records stay."""
    _require_own(actor, module)
    module.archived_at = timezone.now() if archived else None
    module.save(update_fields=["archived_at", "updated_at"])
    roles = list(module.requirements.values_list("role", flat=True))
    if not archived and roles:
        # People who joined while it was archived get it now.
        assign_required_module(module=module, roles=roles)


@transaction.atomic
def module_delete(*, actor: object, module: TrainingModule) -> None:
    """Only a module nobody has completed can be deleted; otherwise archive it."""
    _require_own(actor, module)
    if module.completions.exists():
        raise ValidationError(
            _("Someone has completed this module, so it can't be deleted. Archive it instead.")
        )
    if Reflection.objects.filter(module=module).exists():
        # Deleting would delete learners' private reflections with it: theirs, not ours.
        raise ValidationError(
            _(
                "Learners have written reflections on this module, so it can't be deleted. "
                "Archive it instead."
            )
        )
    module.delete()


def _require_admin(actor: object):
    if not training_access.can_manage_catalogue(actor):
        raise ValidationError(_("Only org admins can change the training catalogue."))
    return access.profile_of(actor)


def _require_own(actor: object, module: TrainingModule):
    profile = _require_admin(actor)
    if module.organization_id != profile.organization_id:
        raise ValidationError(_("That module is not in your organization."))
    return profile


@transaction.atomic
def section_save(
    *, actor: object, module: TrainingModule, data: dict, section: ModuleSection | None = None
) -> ModuleSection:
    """Add a section at the end, or edit one. Learners who finished the module keep it."""
    _require_own(actor, module)
    if section is None:
        last = module.sections.aggregate(Max("position"))["position__max"] or 0
        section = ModuleSection(module=module, position=last + 1)
    elif section.module_id != module.pk:
        raise ValidationError(_("That section is not in this module."))
    for name in ("title", "content_note", "body"):
        if name in data:
            setattr(section, name, data[name])
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_move(*, actor: object, section: ModuleSection, up: bool) -> None:
    """Swap a section with the one before (or after) it."""
    _require_own(actor, section.module)
    sections = list(section.module.sections.select_for_update().order_by("position"))
    i = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    j = i - 1 if up else i + 1
    if not 0 <= j < len(sections):
        return
    sections[i], sections[j] = sections[j], sections[i]
    _renumber(ModuleSection, sections)


@transaction.atomic
def section_delete(*, actor: object, section: ModuleSection) -> None:
    _require_own(actor, section.module)
    module = section.module
    section.delete()
    _renumber(ModuleSection, list(module.sections.order_by("position")))


@transaction.atomic
def question_save(
    *,
    actor: object,
    module: TrainingModule,
    text: str,
    explanation: str,
    answers: list[tuple[str, bool]],
    question: Question | None = None,
) -> Question:
    """Add or edit a knowledge-check question with its answers (at least two, one correct)."""
    _require_own(actor, module)
    if len(answers) < 2 or not any(correct for _text, correct in answers):
        raise ValidationError(_("Give at least two answers and mark at least one correct."))
    if question is None:
        last = module.questions.aggregate(Max("position"))["position__max"] or 0
        question = Question(module=module, position=last + 1)
    elif question.module_id != module.pk:
        raise ValidationError(_("That question is not in this module."))
    question.text, question.explanation = text, explanation
    question.full_clean()
    question.save()
    question.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(question=question, position=i, text=answer, correct=correct)
        for i, (answer, correct) in enumerate(answers, start=1)
    )
    return question


@transaction.atomic
def question_delete(*, actor: object, question: Question) -> None:
    _require_own(actor, question.module)
    module = question.module
    question.delete()
    _renumber(Question, list(module.questions.order_by("position")))


def _renumber(model, rows: list) -> None:
    """Positions 1..n in the given order (two passes: positions are unique per module)."""
    offset = len(rows) + 1000
    for i, row in enumerate(rows, start=1):
        row.position = offset + i
    model.objects.bulk_update(rows, ["position"])
    for i, row in enumerate(rows, start=1):
        row.position = i
    model.objects.bulk_update(rows, ["position"])
