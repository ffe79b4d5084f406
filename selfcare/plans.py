"""Writes and reads of self-care plans. Only the owner writes; a colleague reads only what the
owner currently shares with them, and every such read is written to the audit log."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core import dates
from selfcare import access as selfcare_access
from selfcare import sections
from selfcare.models import CrisisLine, PlanShare, PlanVersion, SelfCarePlan
from workforce import access
from workforce import services as workforce_services
from workforce.models import AuditAction, StaffProfile, User
from workforce.validators import json_text_problem


def _owner(actor: User) -> StaffProfile:
    profile = access.profile_of(actor)
    if profile is None:
        raise Http404
    return profile


def plan_of(profile: StaffProfile) -> SelfCarePlan:
    plan, _ = SelfCarePlan.objects.get_or_create(
        owner=profile, defaults={"organization_id": profile.organization_id}
    )
    return plan


def plan_current(plan: SelfCarePlan) -> PlanVersion | None:
    return plan.versions.order_by("-number").first()


def content_of(version: PlanVersion | None) -> dict[str, Any]:
    content = sections.empty_content()
    if version is not None:
        content.update({k: v for k, v in version.data.items() if k in content})
    return content


def _clean_records(key: str, value: object, fields: tuple[str, ...]) -> list[dict[str, str]]:
    if not isinstance(value, list):
        raise ValidationError({key: _("This should be a list.")})
    if len(value) > sections.LIST_LIMIT:
        raise ValidationError({key: _("Up to %(n)s entries, please.") % {"n": sections.LIST_LIMIT}})
    records = []
    for item in value:
        if not isinstance(item, dict):
            raise ValidationError({key: _("Each entry needs its fields.")})
        record = {field: str(item.get(field) or "").strip() for field in fields}
        if any(len(text) > sections.FIELD_LIMIT for text in record.values()):
            raise ValidationError(
                {key: _("Keep each field under %(n)s characters.") % {"n": sections.FIELD_LIMIT}}
            )
        if any(record.values()):
            records.append(record)
    return records


def plan_clean(raw: dict[str, Any]) -> dict[str, Any]:
    """A plan's content, checked: known sections only, sane sizes. Raises ValidationError."""
    unknown = sorted(set(raw) - set(sections.SECTIONS_BY_KEY))
    if unknown:
        raise ValidationError({name: _("There is no such section.") for name in unknown})
    content = sections.empty_content()
    for key, value in raw.items():
        section = sections.SECTIONS_BY_KEY[key]
        if section.kind == "people":
            content[key] = _clean_records(key, value, sections.PERSON_FIELDS)
        elif section.kind == "lines":
            content[key] = _clean_records(key, value, sections.LINE_FIELDS)
        else:
            text = str(value or "").strip()
            if len(text) > sections.TEXT_LIMIT:
                raise ValidationError(
                    {key: _("Keep this under %(n)s characters.") % {"n": sections.TEXT_LIMIT}}
                )
            content[key] = text
    problem = json_text_problem(content)  # both doors: a NUL or lone surrogate anywhere
    if problem:
        where, message = problem
        raise ValidationError({where.split(".", 1)[0].split("[", 1)[0]: f"{where}: {message}"})
    return content


@transaction.atomic
def plan_save(
    *,
    actor: User,
    content: dict[str, Any],
    reviewed: bool = False,
    restored_from: int | None = None,
) -> PlanVersion:
    """Save the actor's own plan as a new version (every save is kept)."""
    profile = _owner(actor)
    cleaned = plan_clean(content)
    plan = SelfCarePlan.objects.select_for_update().get(pk=plan_of(profile).pk)
    number = (plan.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = PlanVersion.objects.create(
        plan=plan,
        number=number,
        content=json.dumps(cleaned, ensure_ascii=False),
        restored_from=restored_from,
    )
    if reviewed:
        plan.last_reviewed_on = dates.person_today(plan.owner)
        if plan.review_every_days:
            plan.next_review_at = timezone.now() + timedelta(days=plan.review_every_days)
        plan.save(update_fields=["last_reviewed_on", "next_review_at"])
    return version


def plan_add_text(*, actor: User, section: str, text: str) -> PlanVersion:
    """Add a few words at the end of one text section of the actor's own plan (a new version):
    "what helped" at a wellness event, kept where the person keeps what helps."""
    found = sections.SECTIONS_BY_KEY.get(section)
    if found is None or found.kind != "text":
        raise ValidationError({"section": _("Choose a part of your plan to add it to.")})
    addition = (text or "").strip()
    if not addition:
        raise ValidationError({"text": _("There is nothing to add yet.")})
    content = content_of(plan_current(plan_of(_owner(actor))))
    existing = content[section].strip()
    content[section] = f"{existing}\n{addition}" if existing else addition
    return plan_save(actor=actor, content=content)


def plan_review_reminder_set(*, actor: User, every_days: int | None) -> SelfCarePlan:
    """Turn the gentle "look over your plan" reminder on (monthly, quarterly) or off."""
    if every_days not in (None, 30, 90):
        raise ValidationError({"every": _("Choose every month, every three months, or never.")})
    plan = plan_of(_owner(actor))
    plan.review_every_days = every_days
    plan.next_review_at = timezone.now() + timedelta(days=every_days) if every_days else None
    plan.save(update_fields=["review_every_days", "next_review_at"])
    return plan


def plan_restore(*, actor: User, number: int) -> PlanVersion:
    """Bring back an earlier version, as a new version (history is never rewritten)."""
    plan = plan_of(_owner(actor))
    old = plan.versions.filter(number=number).first()
    if old is None:
        raise Http404
    return plan_save(actor=actor, content=old.data, restored_from=old.number)


def plan_add_crisis_line(*, actor: User, line_id: int) -> PlanVersion:
    """Add one of the organization's listed crisis lines to the actor's plan."""
    profile = _owner(actor)
    line = CrisisLine.objects.filter(pk=line_id, organization_id=profile.organization_id).first()
    if line is None:
        raise Http404
    content = content_of(plan_current(plan_of(profile)))
    record = {"name": line.name, "number": line.number, "hours": line.hours}
    if record not in content["crisis_lines"]:
        content["crisis_lines"].append(record)
    return plan_save(actor=actor, content=content)


@transaction.atomic
def plan_share(*, actor: User, viewer_id: object) -> PlanShare:
    """Let one colleague read the current plan (read only), until revoked."""
    profile = _owner(actor)
    try:
        viewer = selfcare_access.colleagues_for_sharing(actor).get(pk=int(viewer_id))
    except (StaffProfile.DoesNotExist, TypeError, ValueError) as exc:
        raise ValidationError({"viewer": _("Choose a colleague from your organization.")}) from exc
    plan = plan_of(profile)
    share = plan.shares.filter(viewer=viewer, revoked_at__isnull=True).first()
    return share or PlanShare.objects.create(plan=plan, viewer=viewer)


def plan_revoke(*, actor: User, share_id: object) -> PlanShare:
    plan = plan_of(_owner(actor))
    share = (
        plan.shares.filter(pk=share_id, revoked_at__isnull=True).first()
        if str(share_id).isdigit()
        else None
    )
    if share is None:
        raise Http404
    share.revoked_at = timezone.now()
    share.save(update_fields=["revoked_at"])
    return share


@transaction.atomic
def plan_delete(*, actor: User) -> int:
    """Delete the actor's plan with every version and share. Really deleted, not hidden."""
    plan = SelfCarePlan.objects.filter(owner=_owner(actor)).first()
    if plan is None:
        return 0
    count = plan.versions.count()
    plan.delete()
    return count


def shared_plan_read(*, actor: User, plan_id: object) -> tuple[SelfCarePlan, dict[str, Any]]:
    """A plan shared with the actor, without the owner's private sections; logged for the owner."""
    try:
        plan = (
            selfcare_access.shared_plans_visible_to(actor)
            .select_related("owner")
            .get(pk=int(plan_id))
        )
    except (SelfCarePlan.DoesNotExist, TypeError, ValueError) as exc:
        raise Http404 from exc
    content = content_of(plan_current(plan))
    for section in sections.SECTIONS:
        if not section.shareable:
            content.pop(section.key, None)
    workforce_services.audit_record(
        actor=actor,
        subject=plan.owner,
        action=AuditAction.VIEWED,
        target_type="selfcare.plan",
        target_id=str(plan.pk),
    )
    return plan, content


# --- organization settings (org admins) ----------------------------------------------------


def _admin_org(actor: User) -> int:
    if not access.can_manage_organization(actor):
        raise Http404
    return access.profile_of(actor).organization_id


@transaction.atomic
def plan_prompts_update(*, actor: User, prompts: dict[str, str]) -> None:
    """Set the organization's own wording for section prompts; blank restores the default."""
    from selfcare.models import PlanPrompt

    organization_id = _admin_org(actor)
    errors = {}
    for key, text in prompts.items():
        if key not in sections.SECTIONS_BY_KEY:
            errors[key] = _("There is no such section.")
        elif len(text.strip()) > 1000:
            errors[key] = _("Keep this under 1000 characters.")
    if errors:
        raise ValidationError(errors)
    for key, text in prompts.items():
        if text.strip():
            PlanPrompt.objects.update_or_create(
                organization_id=organization_id, section=key, defaults={"prompt": text.strip()}
            )
        else:
            PlanPrompt.objects.filter(organization_id=organization_id, section=key).delete()


def crisis_line_add(*, actor: User, name: str, number: str, hours: str = "") -> CrisisLine:
    organization_id = _admin_org(actor)
    line = CrisisLine(
        organization_id=organization_id,
        name=name.strip(),
        number=number.strip(),
        hours=hours.strip(),
        position=CrisisLine.objects.filter(organization_id=organization_id).count(),
    )
    line.full_clean(exclude=["organization"])
    line.save()
    return line


def crisis_line_remove(*, actor: User, line_id: object) -> None:
    deleted, _ = CrisisLine.objects.filter(organization_id=_admin_org(actor), pk=line_id).delete()
    if not deleted:
        raise Http404
