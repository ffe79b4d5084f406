"""Who may see or do what with peer support groups. Built on workforce.access; the table is
docs/access.md.

- Everyone in the organization reads the **listing** of published groups (to refer people):
  what the group is, who it is for, when and roughly where it meets, what to expect.
- A group's **records** (its agreement, meetings and their counts, liaison visits, who
  facilitates) are read by its facilitators and liaisons, the facilitators' current
  supervisors, program managers and org admins.
- Its facilitators, program managers and org admins change it; only facilitators log meetings.
- Notes for the liaison are read by the group's liaisons and the facilitator who wrote them.
- HR reads facilitation hours, nothing of groups' records.
- A facilitator's "I'd like to talk this through" is theirs and their supervisor's, in
  supervision (supervision.access), never part of a group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from groups.models import (
    Facilitator,
    GroupStatus,
    Liaison,
    LiaisonNote,
    Meeting,
    ReportExclusion,
    SafetyReport,
    SupportGroup,
    Venue,
)
from workforce.access import PEOPLE_READERS, has_role, profile_of, supervisees_of
from workforce.models import Role, RoleGrant, StaffProfile

if TYPE_CHECKING:
    from workforce.access import AnyUser

# Roles that create groups, choose facilitators and liaisons, and read every group's records.
GROUP_MANAGERS = (Role.PROGRAM_MANAGER, Role.ORG_ADMIN)
# Roles that read facilitation hours per person (never a group's records for HR).
HOURS_READERS = PEOPLE_READERS


def can_manage_groups(user: AnyUser) -> bool:
    return has_role(user, *GROUP_MANAGERS)


def can_view_facilitation_hours(user: AnyUser) -> bool:
    return has_role(user, *HOURS_READERS)


def _records_scope(profile: StaffProfile) -> Q:
    """Groups whose records this person reads, as a filter on SupportGroup."""
    facilitated = Facilitator.objects.filter(group=OuterRef("pk"))
    scope = Q(Exists(facilitated.filter(person=profile))) | Q(
        Exists(Liaison.objects.filter(group=OuterRef("pk"), person=profile))
    )
    if profile.has_role(Role.SUPERVISOR):
        team = supervisees_of(profile).values("specialist_id")
        scope |= Q(Exists(facilitated.filter(person_id__in=team)))
    return scope


def groups_visible_to(user: AnyUser) -> QuerySet[SupportGroup]:
    """Groups the caller may see at all: their organization's published, not ended groups for
    everyone, and every group whose records they read."""
    profile = profile_of(user)
    if profile is None:
        return SupportGroup.objects.none()
    groups = SupportGroup.objects.filter(organization_id=profile.organization_id)
    if profile.has_role(*GROUP_MANAGERS):
        return groups
    listed = Q(published=True) & ~Q(status=GroupStatus.ENDED)
    return groups.filter(listed | _records_scope(profile))


def group_records_visible_to(user: AnyUser) -> QuerySet[SupportGroup]:
    """Groups whose agreement, meetings and counts the caller reads."""
    profile = profile_of(user)
    if profile is None:
        return SupportGroup.objects.none()
    groups = SupportGroup.objects.filter(organization_id=profile.organization_id)
    if profile.has_role(*GROUP_MANAGERS):
        return groups
    return groups.filter(_records_scope(profile))


def get_group(user: AnyUser, pk: object) -> SupportGroup:
    """One group the caller may see (its listing at least), or 404."""
    try:
        return groups_visible_to(user).select_related("model", "venue").get(pk=pk)
    except (SupportGroup.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_group_records(user: AnyUser, pk: object) -> SupportGroup:
    """One group whose records the caller reads, or 404."""
    try:
        return group_records_visible_to(user).select_related("model", "venue").get(pk=pk)
    except (SupportGroup.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def reads_records(user: AnyUser, group: SupportGroup) -> bool:
    return group_records_visible_to(user).filter(pk=group.pk).exists()


def facilitates(user: AnyUser, group: SupportGroup) -> bool:
    profile = profile_of(user)
    if profile is None or profile.organization_id != group.organization_id:
        return False
    return Facilitator.objects.filter(group=group, person=profile).exists()


def is_liaison(user: AnyUser, group: SupportGroup) -> bool:
    profile = profile_of(user)
    if profile is None or profile.organization_id != group.organization_id:
        return False
    return Liaison.objects.filter(group=group, person=profile).exists()


def can_change_group(user: AnyUser, group: SupportGroup) -> bool:
    """Details, schedule and agreement: its facilitators, program managers and org admins."""
    profile = profile_of(user)
    if profile is None or profile.organization_id != group.organization_id:
        return False
    return profile.has_role(*GROUP_MANAGERS) or facilitates(user, group)


def can_log_meetings(user: AnyUser, group: SupportGroup) -> bool:
    """Logging a meeting is the facilitators' (they were there)."""
    return facilitates(user, group)


def meetings_visible_to(user: AnyUser) -> QuerySet[Meeting]:
    """Meetings (times, status, counts) of the groups whose records the caller reads."""
    profile = profile_of(user)
    if profile is None:
        return Meeting.objects.none()
    return Meeting.objects.filter(
        organization_id=profile.organization_id,
        group__in=group_records_visible_to(user).values("pk"),
    )


def get_meeting(user: AnyUser, pk: object) -> Meeting:
    try:
        return meetings_visible_to(user).select_related("group__model", "group__venue").get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def liaison_notes_visible_to(user: AnyUser) -> QuerySet[LiaisonNote]:
    """Notes for the liaison: the group's liaisons, and whoever wrote the note."""
    profile = profile_of(user)
    if profile is None:
        return LiaisonNote.objects.none()
    mine = Liaison.objects.filter(person=profile).values("group_id")
    return LiaisonNote.objects.filter(organization_id=profile.organization_id).filter(
        Q(group_id__in=mine) | Q(written_by=profile)
    )


def venues_visible_to(user: AnyUser) -> QuerySet[Venue]:
    """The organization's venues, with their addresses, used or not: program managers and org
    admins. Everyone else meets a venue only through a group they see."""
    profile = profile_of(user)
    if profile is None or not profile.has_role(*GROUP_MANAGERS):
        return Venue.objects.none()
    return Venue.objects.filter(organization_id=profile.organization_id)


def can_manage_venues(user: AnyUser) -> bool:
    return has_role(user, *GROUP_MANAGERS)


# --- safety reports ----------------------------------------------------------------------


def reports_visible_to(user: AnyUser) -> QuerySet[SafetyReport]:
    """Safety reports: a group's liaisons read those filed about it since they became its
    liaison (unless the reporter sent it to the safeguarding leads alone); safeguarding leads
    read the organization's filed since they became one. Nobody ever reads one about a group
    they facilitate, or facilitated when it was filed, nor, if it went to the safeguarding
    leads alone, one about a group they are liaison for. Everyone else: none."""
    profile = profile_of(user)
    if profile is None:
        return SafetyReport.objects.none()
    reports = SafetyReport.objects.filter(organization_id=profile.organization_id)
    as_liaison = Exists(
        Liaison.objects.filter(
            group_id=OuterRef("group_id"), person=profile, since__lte=OuterRef("created_at")
        )
    )
    scope = Q(as_liaison, safeguarding_only=False)
    if profile.has_role(Role.SAFEGUARDING):
        granted = (
            RoleGrant.objects.filter(profile=profile, role=Role.SAFEGUARDING)
            .values_list("granted_at", flat=True)
            .first()
        )
        # Reports keep their time to the hour only: from the hour the role was given.
        scope |= Q(created_at__gte=granted.replace(minute=0, second=0, microsecond=0))
    now_liaison = Liaison.objects.filter(person=profile).values("group_id")
    facilitating = Facilitator.objects.filter(person=profile).values("group_id")
    excluded = ReportExclusion.objects.filter(report_id=OuterRef("pk"), person=profile)
    return (
        reports.filter(scope)
        .exclude(group_id__in=facilitating)
        .exclude(Q(safeguarding_only=True) & Q(group_id__in=now_liaison))
        .exclude(Exists(excluded))
    )


def can_read_reports(user: AnyUser) -> bool:
    """Whether the reports page exists for the caller: safeguarding leads and liaisons."""
    profile = profile_of(user)
    if profile is None:
        return False
    return profile.has_role(Role.SAFEGUARDING) or Liaison.objects.filter(person=profile).exists()


def get_report(user: AnyUser, ref: object) -> SafetyReport:
    """One report the caller may read, by its random reference, or 404."""
    try:
        return reports_visible_to(user).select_related("group").get(ref=str(ref)[:32])
    except (SafetyReport.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
