"""Who may see or do what with certifications: types, credentials held, evidence and CE
hours. Built on workforce.access; the table is docs/access.md."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from workforce.access import PEOPLE_READERS, has_role, people_visible_to, profile_of
from workforce.models import (
    CEEntry,
    Certification,
    CertificationEvidence,
    CertificationType,
    Role,
    StaffProfile,
)

if TYPE_CHECKING:
    from workforce.access import AnyUser

# Roles that record, verify and renew certifications, manage types and approve CE hours.
CERTIFICATION_MANAGERS = (Role.HR, Role.ORG_ADMIN)


def can_manage_certifications(user: AnyUser) -> bool:
    return has_role(user, *CERTIFICATION_MANAGERS)


def can_record_for(user: AnyUser, person: StaffProfile) -> bool:
    """May add a certification or CE hours for this person: their own, or anyone's for HR and
    org admins. The person page offers the links and the forms accept the person by this one
    rule, so the two can't drift apart."""
    profile = profile_of(user)
    if profile is None or profile.organization_id != person.organization_id:
        return False
    return person.pk == profile.pk or can_manage_certifications(user)


def can_view_roster(user: AnyUser) -> bool:
    """The certification roster: HR, org admins and program managers (read)."""
    return has_role(user, *PEOPLE_READERS)


def certification_types_visible_to(user: AnyUser):
    profile = profile_of(user)
    if profile is None:
        return CertificationType.objects.none()
    return CertificationType.objects.filter(organization_id=profile.organization_id)


def certifications_visible_to(user: AnyUser):
    """Certifications of the people the caller may read (themselves, their supervisees;
    everyone for managers, HR and org admins)."""
    profile = profile_of(user)
    if profile is None:
        return Certification.objects.none()
    return Certification.objects.filter(
        organization_id=profile.organization_id, person__in=people_visible_to(user)
    )


def get_certification(user: AnyUser, pk: object):
    try:
        return certifications_visible_to(user).select_related("type", "person").get(pk=pk)
    except (Certification.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_certification_evidence(user: AnyUser, pk: object):
    """A certification's file: its holder, HR and org admins; for anyone else it doesn't
    exist (a supervisor or program manager reads the certification, not the file)."""
    profile = profile_of(user)
    if profile is None:
        raise Http404
    files = CertificationEvidence.objects.filter(
        certification__organization_id=profile.organization_id
    )
    if not profile.has_role(*CERTIFICATION_MANAGERS):
        files = files.filter(certification__person=profile)
    try:
        return files.get(pk=pk)
    except (CertificationEvidence.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def ce_entries_visible_to(user: AnyUser):
    profile = profile_of(user)
    if profile is None:
        return CEEntry.objects.none()
    return CEEntry.objects.filter(
        organization_id=profile.organization_id, person__in=people_visible_to(user)
    )


def get_ce_evidence(user: AnyUser, pk: object):
    profile = profile_of(user)
    if profile is None:
        raise Http404
    entries = CEEntry.objects.filter(organization_id=profile.organization_id).exclude(evidence="")
    if not profile.has_role(*CERTIFICATION_MANAGERS):
        entries = entries.filter(person=profile)
    try:
        return entries.get(pk=pk)
    except (CEEntry.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
