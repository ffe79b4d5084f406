"""Writes to the training catalogue: org admins manage modules; the starter library loads."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workforce import access
from workforce.models import (
    Choice,
    ModuleRequirement,
    ModuleSection,
    Organization,
    Question,
    Role,
    TrainingModule,
)
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
    module.full_clean()
    module.save()
    roles = set(required_for)
    if not roles <= set(Role.values):
        raise ValidationError({"required_for": _("Choose roles from the list.")})
    module.requirements.exclude(role__in=roles).delete()
    have = set(module.requirements.values_list("role", flat=True))
    ModuleRequirement.objects.bulk_create(
        ModuleRequirement(module=module, role=role) for role in sorted(roles - have)
    )
    return module


def module_archive(*, actor: object, module: TrainingModule, archived: bool = True) -> None:
    """Archived modules leave the catalogue and get no new assignments; records stay."""
    _require_admin(actor)
    module.archived_at = timezone.now() if archived else None
    module.save(update_fields=["archived_at", "updated_at"])


@transaction.atomic
def module_delete(*, actor: object, module: TrainingModule) -> None:
    """Only a module nobody has completed can be deleted; otherwise archive it."""
    _require_admin(actor)
    if module.completions.exists():
        raise ValidationError(
            _("Someone has completed this module, so it can't be deleted. Archive it instead.")
        )
    module.delete()


def _require_admin(actor: object):
    if not access.can_manage_catalogue(actor):
        raise ValidationError(_("Only org admins can change the training catalogue."))
    return access.profile_of(actor)
