"""Writes for certifications: types (with presets), certifications held and their renewals,
HR's verification, evidence files, and outside CE entries with HR's approval."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import DateField, ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core import dates
from workforce import access
from workforce.certifications import access as certification_access
from workforce.certifications.presets import PRESETS
from workforce.certifications.readiness import recount_ce
from workforce.models import (
    CECategory,
    CECategoryMinimum,
    CEEntry,
    Certification,
    CertificationEvidence,
    CertificationRequirement,
    CertificationType,
    CESource,
    CEStatus,
    Role,
    StaffProfile,
)
from workforce.models.training import ce_course_key
from workforce.training.assignments import add_months
from workforce.uploads import validate_evidence

TYPE_FIELDS = (
    "name",
    "issuing_body",
    "validity_months",
    "ce_hours_required",
    "supervised_hours_required",
    "peer_service_hours_required",
    "renewal_window_days",
    "provisional_months",
    "provisional_supervised_hours",
    "milestones",
)


def _require_manager(actor: object) -> StaffProfile:
    if not certification_access.can_manage_certifications(actor):
        raise ValidationError(_("Only HR and org admins can change certifications."))
    return access.profile_of(actor)


# --- types -----------------------------------------------------------------------------------


@transaction.atomic
def certification_type_save(
    *,
    actor: object,
    data: Mapping[str, object],
    required_for: Iterable[str] = (),
    minimums: Mapping[str, object] | None = None,
    type: CertificationType | None = None,
) -> CertificationType:
    """Create or edit a type, the roles that must hold it and its CE category minimums."""
    profile = _require_manager(actor)
    if type is None:
        type = CertificationType(organization=profile.organization)
    elif type.organization_id != profile.organization_id:
        raise ValidationError(_("That type is not in your organization."))
    for name in TYPE_FIELDS:
        if name in data:
            setattr(type, name, data[name])
    roles = set(required_for)
    errors: dict[str, list[str]] = {}
    if not roles <= set(Role.values):
        errors["required_for"] = [_("Choose roles from the list.")]
    parsed = _minimums(minimums or {}, errors)
    try:
        type.full_clean()  # also turns form and preset strings into numbers
    except ValidationError as exc:
        errors = {**exc.message_dict, **errors}
    else:
        errors.update(_type_errors(type, parsed))
    if errors:
        raise ValidationError(errors)
    type.save()
    _renotice(type)
    type.requirements.exclude(role__in=roles).delete()
    have = set(type.requirements.values_list("role", flat=True))
    CertificationRequirement.objects.bulk_create(
        CertificationRequirement(type=type, role=role) for role in sorted(roles - have)
    )
    type.category_minimums.all().delete()
    CECategoryMinimum.objects.bulk_create(
        CECategoryMinimum(type=type, category=category, hours=hours)
        for category, hours in parsed.items()
        if hours > 0
    )
    return type


def _renotice(type: CertificationType) -> None:
    """The earliest reminder may have moved: so does each certification's "expiring soon"
    date (one UPDATE)."""
    Certification.objects.filter(type=type, expires_on__isnull=False).update(
        notice_on=ExpressionWrapper(
            F("expires_on") - timedelta(days=type.soon_days), output_field=DateField()
        )
    )


def _minimums(raw: Mapping[str, object], errors: dict) -> dict[str, Decimal]:
    parsed = {}
    for category, value in raw.items():
        if category not in CECategory.values:
            errors["minimums"] = [_("Choose CE categories from the list.")]
            continue
        try:
            hours = Decimal(str(value or "0"))
        except InvalidOperation:
            errors["minimums"] = [_("CE hours must be numbers.")]
            continue
        if not hours.is_finite():
            errors["minimums"] = [_("CE hours must be numbers.")]
            continue
        if hours < 0 or hours > 5000:
            errors["minimums"] = [_("CE hours must be between 0 and 5000.")]
        parsed[category] = hours
    return parsed


def _type_errors(type: CertificationType, minimums: dict[str, Decimal]) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    milestones = type.milestones
    if not isinstance(milestones, list) or not all(
        isinstance(d, int) and 0 <= d <= 730 for d in milestones
    ):
        errors["milestones"] = [_("Give days before expiry as whole numbers from 0 to 730.")]
    else:
        type.milestones = sorted(set(milestones), reverse=True)
    if sum(minimums.values(), Decimal("0")) > (type.ce_hours_required or 0):
        errors["minimums"] = [_("The category minimums add up to more than the cycle's CE hours.")]
    if (type.provisional_months is None) != (type.provisional_supervised_hours is None):
        errors["provisional_months"] = [
            _("A provisional period needs both its length and its supervised hours.")
        ]
    return errors


@transaction.atomic
def certification_presets_install(*, actor: object, keys: Iterable[str]) -> int:
    """Add preset types the organization doesn't have yet (by name); returns how many."""
    profile = _require_manager(actor)
    have = set(
        CertificationType.objects.filter(organization_id=profile.organization_id).values_list(
            "name", flat=True
        )
    )
    added = 0
    wanted = set(keys)
    for preset in PRESETS:
        if preset["key"] in wanted and preset["name"] not in have:
            data = {name: preset.get(name) for name in TYPE_FIELDS if name in preset}
            created = certification_type_save(
                actor=actor,
                data={**data, "milestones": [90, 60, 30, 7, 0]},
                required_for=preset["required_for"],
                minimums=preset["minimums"],
            )
            created.preset_key = preset["key"]
            created.save(update_fields=["preset_key"])
            added += 1
    return added


def certification_type_archive(
    *, actor: object, type: CertificationType, archived: bool = True
) -> None:
    profile = _require_manager(actor)
    if type.organization_id != profile.organization_id:
        raise ValidationError(_("That type is not in your organization."))
    type.archived_at = timezone.now() if archived else None
    type.save(update_fields=["archived_at"])


# --- certifications held ---------------------------------------------------------------------


@transaction.atomic
def certification_add(
    *,
    actor: object,
    person: StaffProfile,
    type: CertificationType,
    issued_on: date | None,
    expires_on: date | None = None,
    credential_number: str = "",
    provisional: bool = False,
    evidence=None,
    previous: Certification | None = None,
) -> Certification:
    """Record a certification someone holds (HR: verified at once; the holder: waits for
    HR). Without an expiry date, it follows from the type's validity. Renewals pass
    `previous`, the cycle they follow."""
    profile = access.require_profile(actor)
    manager = certification_access.can_manage_certifications(actor)
    if person.organization_id != profile.organization_id or not (manager or person == profile):
        raise ValidationError(_("You can only add your own certifications."))
    errors = _holding_errors(type, person, issued_on, expires_on, provisional)
    if not errors and expires_on is None and type.expires:
        months = type.provisional_months if provisional else type.validity_months
        expires_on = add_months(issued_on, months)
    stored = _validated(evidence, errors)
    if errors:
        raise ValidationError(errors)
    certification = Certification(
        organization_id=person.organization_id,
        person=person,
        type=type,
        credential_number=credential_number.strip(),
        issued_on=issued_on,
        expires_on=expires_on,
        provisional=provisional,
        previous=previous,
        added_by=profile,
        verified_by=profile if manager else None,
        verified_at=timezone.now() if manager else None,
    )
    certification.full_clean()
    certification.set_notice()
    certification.save()
    recount_ce([person.pk])
    if stored is not None:
        _attach(certification, stored, profile, _("Credential"))
    return certification


def _holding_errors(type, person, issued_on, expires_on, provisional) -> dict[str, str]:
    errors = {}
    if type.organization_id != person.organization_id or type.archived_at:
        errors["type"] = _("Choose a certification type from your organization's list.")
    if issued_on is None:
        errors["issued_on"] = _("Please give the date it was issued.")
    elif issued_on > dates.latest_today(person.organization, person):
        errors["issued_on"] = _("The issue date can't be in the future.")
    elif expires_on is not None and expires_on < issued_on:
        errors["expires_on"] = _("The expiry date can't be before the issue date.")
    if provisional and not type.provisional_months:
        errors["provisional"] = _("This type has no provisional period.")
    return errors


@transaction.atomic
def certification_renew(
    *,
    actor: object,
    certification: Certification,
    issued_on: date | None,
    expires_on: date | None = None,
    credential_number: str = "",
    evidence=None,
) -> Certification:
    """The next cycle: a new row that follows this one, which stays as history. HR and org
    admins record renewals (the holder adds a credential as new, and HR verifies it)."""
    _check_org(_require_manager(actor), certification)
    certification = Certification.objects.select_for_update().get(pk=certification.pk)
    if hasattr(certification, "renewed_by"):
        raise ValidationError(_("This certification has already been renewed."))
    if issued_on is not None and issued_on < certification.issued_on:
        raise ValidationError(
            {"issued_on": _("A renewal can't start before the cycle it follows.")}
        )
    return certification_add(
        actor=actor,
        person=certification.person,
        type=certification.type,
        issued_on=issued_on,
        expires_on=expires_on,
        credential_number=credential_number or certification.credential_number,
        evidence=evidence,
        previous=certification,
    )


def certification_verify(*, actor: object, certification: Certification) -> None:
    profile = _require_manager(actor)
    _check_org(profile, certification)
    Certification.objects.filter(pk=certification.pk, verified_at__isnull=True).update(
        verified_by=profile, verified_at=timezone.now()
    )


def certification_revoke(*, actor: object, certification: Certification, reason: str) -> None:
    profile = _require_manager(actor)
    _check_org(profile, certification)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Please say why, for the record.")})
    Certification.objects.filter(pk=certification.pk).update(
        revoked_at=timezone.now(), revoked_reason=reason[:300]
    )


def _check_org(profile: StaffProfile, certification: Certification) -> None:
    if certification.organization_id != profile.organization_id:
        raise ValidationError(_("That certification is not in your organization."))


@transaction.atomic
def evidence_add(
    *, actor: object, certification: Certification, file, description: str = ""
) -> CertificationEvidence:
    """The holder or HR adds a file to a certification (validated by content, kept private)."""
    profile = access.require_profile(actor)
    own = certification.person_id == profile.pk
    if certification.organization_id != profile.organization_id or not (
        own or certification_access.can_manage_certifications(actor)
    ):
        raise ValidationError(_("You can only add files to your own certifications."))
    errors: dict[str, str] = {}
    stored = _validated(file, errors, field="file")
    if file is None:
        errors["file"] = _("Please choose a file.")
    if errors:
        raise ValidationError(errors)
    return _attach(certification, stored, profile, description.strip()[:200])


def _validated(file, errors: dict[str, str], field: str = "evidence"):
    if file is None:
        return None
    try:
        return validate_evidence(file)
    except ValidationError as exc:
        errors[field] = " ".join(exc.messages)
        return None


def _attach(certification, stored, profile, description: str) -> CertificationEvidence:
    folder = timezone.now().strftime("certification-evidence/%Y/%m")
    name = default_storage.save(f"{folder}/{stored.content.name}", stored.content)
    try:  # Django has no on-rollback hook: don't keep a file no row points at
        return CertificationEvidence.objects.create(
            certification=certification,
            file=name,
            content_type=stored.content_type,
            description=description,
            uploaded_by=profile,
        )
    except BaseException:
        default_storage.delete(name)
        raise


# --- outside CE entries ----------------------------------------------------------------------


@transaction.atomic
def ce_entry_add(
    *,
    actor: object,
    person: StaffProfile,
    title: str,
    provider: str,
    earned_on: date | None,
    hours: object,
    category: str,
    evidence=None,
) -> CEEntry:
    """An outside course's CE hours: the holder adds it and HR approves it; HR's own entries
    are approved as they are made."""
    profile = access.require_profile(actor)
    manager = certification_access.can_manage_certifications(actor)
    if person.organization_id != profile.organization_id or not (manager or person == profile):
        raise ValidationError(_("You can only add your own CE hours."))
    errors: dict[str, str] = {}
    if earned_on is not None and earned_on > dates.latest_today(profile.organization, person):
        errors["earned_on"] = _("The date can't be in the future.")
    stored = _validated(evidence, errors)
    if errors:
        raise ValidationError(errors)
    entry = CEEntry(
        organization_id=person.organization_id,
        person=person,
        title=title.strip(),
        provider=provider.strip(),
        earned_on=earned_on,
        hours=hours,
        category=category,
        source=CESource.EXTERNAL,
        course_key=ce_course_key(title=title, provider=provider),
        status=CEStatus.APPROVED if manager else CEStatus.PENDING,
        added_by=profile,
        reviewed_by=profile if manager else None,
        reviewed_at=timezone.now() if manager else None,
        evidence_type=stored.content_type if stored else "",
    )
    entry.full_clean(exclude=["evidence"])
    if stored is not None:
        folder = timezone.now().strftime("ce-evidence/%Y/%m")
        entry.evidence = default_storage.save(f"{folder}/{stored.content.name}", stored.content)
    try:
        entry.save()
        recount_ce([person.pk])
    except BaseException:
        if entry.evidence:
            default_storage.delete(entry.evidence.name)
        raise
    return entry


@transaction.atomic
def ce_entry_review(*, actor: object, entry: CEEntry, approve: bool, reason: str = "") -> None:
    """HR approves an outside entry, or declines it with a reason the holder sees."""
    profile = _require_manager(actor)
    if entry.organization_id != profile.organization_id:
        raise ValidationError(_("That entry is not in your organization."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Please say why, so they know what to change.")})
    # Outside courses (a decision can be changed), and training the learner reported, whose
    # hours wait for HR too; hours from training done in PeerWell aren't HR's to decline.
    reviewable = Q(status=CEStatus.PENDING) | Q(source=CESource.EXTERNAL)
    reviewed = CEEntry.objects.filter(reviewable, pk=entry.pk).update(
        status=CEStatus.APPROVED if approve else CEStatus.DECLINED,
        decline_reason="" if approve else reason.strip()[:300],
        reviewed_by=profile,
        reviewed_at=timezone.now(),
    )
    if reviewed != 1:
        raise ValidationError(_("Hours from training done in PeerWell count as they are."))
    recount_ce([entry.person_id])
