"""Who may see or do what in training: the catalogue, assignments, completions and their
evidence. Built on workforce.access; the table is docs/access.md."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404

from workforce.access import has_role, people_visible_to, profile_of
from workforce.models import (
    Assignment,
    Completion,
    CompletionSource,
    Role,
    TrainingModule,
)

if TYPE_CHECKING:
    from workforce.access import AnyUser

# Roles that assign training and read everyone's training record.
TRAINING_ASSIGNERS = (Role.ORG_ADMIN, Role.HR, Role.PROGRAM_MANAGER)


def modules_visible_to(user: AnyUser) -> QuerySet[TrainingModule]:
    """The organization's catalogue (archived modules included: old records point at them)."""
    profile = profile_of(user)
    if profile is None:
        return TrainingModule.objects.none()
    return TrainingModule.objects.filter(organization_id=profile.organization_id)


def get_module(user: AnyUser, pk: object) -> TrainingModule:
    try:
        return modules_visible_to(user).get(pk=pk)
    except (TrainingModule.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def can_manage_catalogue(user: AnyUser) -> bool:
    return has_role(user, Role.ORG_ADMIN)


def can_assign_training(user: AnyUser) -> bool:
    return has_role(user, *TRAINING_ASSIGNERS)


def assignments_visible_to(user: AnyUser) -> QuerySet[Assignment]:
    """Training assignments of the people the caller may read (themselves, their current
    supervisees; everyone for managers, HR and org admins)."""
    profile = profile_of(user)
    if profile is None:
        return Assignment.objects.none()
    return Assignment.objects.filter(
        organization_id=profile.organization_id, person__in=people_visible_to(user)
    )


def completions_visible_to(user: AnyUser) -> QuerySet[Completion]:
    profile = profile_of(user)
    if profile is None:
        return Completion.objects.none()
    return Completion.objects.filter(
        organization_id=profile.organization_id, person__in=people_visible_to(user)
    )


def get_completion(user: AnyUser, pk: object) -> Completion:
    try:
        return completions_visible_to(user).select_related("organization").get(pk=pk)
    except (Completion.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


# Evidence files (certificates from outside courses, attendance sheets): the holder, HR and
# org admins; never managers, supervisors or colleagues.
EVIDENCE_READERS = (Role.HR, Role.ORG_ADMIN)


def can_view_training_matrix(user: AnyUser) -> bool:
    """Managers, HR and org admins see everyone; supervisors see their supervisees."""
    return has_role(user, *TRAINING_ASSIGNERS, Role.SUPERVISOR)


def get_completion_evidence(user: AnyUser, pk: object) -> Completion:
    profile = profile_of(user)
    if profile is None:
        raise Http404
    completions = Completion.objects.filter(organization_id=profile.organization_id).exclude(
        evidence=""
    )
    if not profile.has_role(*EVIDENCE_READERS):
        # The holder opens what they uploaded; an attendance sheet (it may list everyone who
        # came) stays with HR.
        completions = completions.filter(person=profile, source=CompletionSource.SELF_REPORTED)
    try:
        return completions.get(pk=pk)
    except (Completion.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
