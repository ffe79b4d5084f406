"""Writes that concern organizations, people, roles and the audit log.

Functions are keyword-only and named <entity>_<action>. Each checks the caller's right through
workforce.access (a view may have checked already; a service never trusts that) and raises
django.core.exceptions.ValidationError with field messages for anything it refuses, before
changing anything.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from workforce import access
from workforce.emails import account_email_queue
from workforce.models import (
    AuditAction,
    AuditEvent,
    Organization,
    Role,
    RoleGrant,
    StaffProfile,
    User,
)
from workforce.training.assignments import assign_required


def _require(allowed: bool) -> None:
    # A caller without the right is told the thing does not exist, like everywhere else.
    if not allowed:
        raise Http404


def _clean_roles(roles: Iterable[str]) -> set[str]:
    chosen = set(roles)
    unknown = chosen - set(Role.values)
    if unknown:
        raise ValidationError({"roles": _("Unknown role: %s") % ", ".join(sorted(unknown))})
    if not chosen:
        raise ValidationError({"roles": _("Choose at least one role.")})
    return chosen


# --- organizations -------------------------------------------------------------------------


@transaction.atomic
def organization_update(
    *,
    actor: User,
    organization: Organization,
    name: str,
    timezone_name: str,
    require_two_factor: bool,
) -> Organization:
    _require(
        access.can_manage_organization(actor)
        and access.profile_of(actor).organization_id == organization.pk
    )
    organization.name = name.strip()
    organization.timezone = timezone_name
    organization.require_two_factor = require_two_factor
    organization.full_clean()
    organization.save()
    return organization


# --- people --------------------------------------------------------------------------------


@transaction.atomic
def person_create(
    *,
    actor: User,
    email: str,
    chosen_name: str,
    roles: Iterable[str],
    pronouns: str = "",
    legal_name: str = "",
    job_title: str = "",
    timezone_name: str | None = None,
    language: str = "en",
    start_date: date | None = None,
    send_invitation: bool = True,
) -> StaffProfile:
    """Add someone to the actor's organization and (by default) email them an invitation."""
    _require(access.can_manage_people(actor))
    organization = access.profile_of(actor).organization
    chosen_roles = _clean_roles(roles)
    email = User.objects.normalize_email(email.strip()).lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("This email address already has a PeerWell account. Use another one.")}
        )
    user = User(email=email, is_active=True)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    profile = StaffProfile(
        organization=organization,
        chosen_name=chosen_name.strip(),
        pronouns=pronouns.strip(),
        legal_name=legal_name.strip(),
        job_title=job_title.strip(),
        timezone=timezone_name or organization.timezone,
        language=language,
        start_date=start_date,
    )
    profile.full_clean(exclude=["user"])
    user.save()
    profile.user = user
    profile.save()
    RoleGrant.objects.bulk_create(RoleGrant(profile=profile, role=role) for role in chosen_roles)
    profile._roles_cache = frozenset(chosen_roles)
    assign_required(person=profile)
    if send_invitation:
        person_invite(actor=actor, person=profile)
    return profile


@transaction.atomic
def person_invite(*, actor: User, person: StaffProfile) -> None:
    """(Re)send the email that lets someone set their first password."""
    _require(access.can_manage_people(actor) and _same_org(actor, person))
    if not person.user.is_active:
        raise ValidationError(_("This person's access is switched off; turn it back on first."))
    person.invited_at = timezone.now()
    person.save(update_fields=["invited_at"])
    account_email_queue(user=person.user, purpose="invite")


@transaction.atomic
def person_update(*, actor: User, person: StaffProfile, data: dict[str, Any]) -> StaffProfile:
    """Change profile fields; each caller may change only the fields the policy gives them."""
    allowed = access.editable_profile_fields(actor, person)
    _require(bool(allowed))
    refused = sorted(set(data) - set(allowed))
    if refused:
        raise ValidationError({name: _("You can't change this field.") for name in refused})
    before = {name: getattr(person, name) for name in data}
    for name, value in data.items():
        setattr(person, name, value.strip() if isinstance(value, str) else value)
    person.full_clean(exclude=["user", "organization"])
    person.save()
    if "emergency_contact" in data and before["emergency_contact"] != person.emergency_contact:
        audit_record(
            actor=actor,
            subject=person,
            action=AuditAction.CHANGED,
            target_type="profile.emergency_contact",
            target_id=str(person.pk),
        )
    return person


@transaction.atomic
def person_set_roles(*, actor: User, person: StaffProfile, roles: Iterable[str]) -> StaffProfile:
    _require(access.can_manage_people(actor) and _same_org(actor, person))
    chosen = _clean_roles(roles)
    if Role.ORG_ADMIN not in chosen and person.has_role(Role.ORG_ADMIN):
        _keep_one_admin(
            person, _("Someone else needs the org admin role before this person can give it up.")
        )
    person.role_grants.exclude(role__in=chosen).delete()
    missing = chosen - person.roles
    RoleGrant.objects.bulk_create(RoleGrant(profile=person, role=role) for role in missing)
    person._roles_cache = frozenset(chosen)
    if missing:
        assign_required(person=person)
    return person


@transaction.atomic
def person_deactivate(*, actor: User, person: StaffProfile) -> StaffProfile:
    """Switch off someone's access. Their history stays; their sessions and tokens end now."""
    _require(access.can_manage_people(actor) and _same_org(actor, person))
    if person.user_id == actor.pk:
        raise ValidationError(_("You can't switch off your own access. Ask another org admin."))
    if person.has_role(Role.ORG_ADMIN):
        _keep_one_admin(person, _("This is the organization's only active org admin."))
    user = User.objects.select_for_update().get(pk=person.user_id)
    user.is_active = False
    user.save(update_fields=["is_active"])
    # Sessions of an inactive user are refused on their next request (EmailBackend.get_user);
    # API tokens are deleted outright.
    Token.objects.filter(user=user).delete()
    person.user = user
    return person


@transaction.atomic
def person_reactivate(*, actor: User, person: StaffProfile) -> StaffProfile:
    _require(access.can_manage_people(actor) and _same_org(actor, person))
    User.objects.filter(pk=person.user_id).update(is_active=True)
    person.user.is_active = True
    return person


def _same_org(actor: User, person: StaffProfile) -> bool:
    profile = access.profile_of(actor)
    return profile is not None and profile.organization_id == person.organization_id


def _keep_one_admin(person: StaffProfile, message: str) -> None:
    others = RoleGrant.objects.filter(
        role=Role.ORG_ADMIN,
        profile__organization_id=person.organization_id,
        profile__user__is_active=True,
    ).exclude(profile=person)
    if not others.exists():
        raise ValidationError({"roles": message})


# --- audit log -----------------------------------------------------------------------------


def audit_record(
    *, actor: User, subject: StaffProfile, action: str, target_type: str, target_id: str = ""
) -> AuditEvent | None:
    """Record that `actor` read or changed `subject`'s sensitive information.

    The owner's own reads and changes are not recorded: the log answers "who else".
    """
    if actor.pk == subject.user_id:
        return None
    return AuditEvent.objects.create(
        organization_id=subject.organization_id,
        actor=actor,
        subject=subject,
        action=action,
        target_type=target_type,
        target_id=target_id,
    )
