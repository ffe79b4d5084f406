"""The liaison's work: visits to the group (planned, then logged with what was shared), and
the notes facilitators leave for them after a meeting."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core import dates
from groups import access as groups_access
from groups.models import LiaisonNote, LiaisonVisit, SupportGroup
from groups.services import refuse
from workforce import access
from workforce.models import AuditAction, AuditEvent


def next_visit_due(group: SupportGroup, last_visited: date | None) -> date:
    """When the next liaison visit is due: the cadence after the last one (or after the group
    was set up)."""
    since = last_visited or dates.date_in(group.timezone, at=group.created_at)
    return since + timedelta(weeks=group.liaison_every_weeks)


def last_visited(group: SupportGroup) -> date | None:
    return LiaisonVisit.objects.filter(group=group).aggregate(d=Max("visited_on"))["d"]


@transaction.atomic
def visit_plan(*, actor: object, group: SupportGroup, on: date) -> LiaisonVisit:
    """A liaison plans their next visit to the group (a reminder comes the day before)."""
    profile = access.require_profile(actor)
    if not groups_access.is_liaison(actor, group):
        refuse(None, _("The group's liaisons plan their visits."), "not_allowed")
    if on is None or on < dates.organization_today(group.organization):
        refuse("planned_on", _("Choose today or a later day."), "past")
    if on > dates.organization_today(group.organization) + timedelta(days=366):
        refuse("planned_on", _("Choose a day within the next year."), "too_far")
    return LiaisonVisit.objects.create(
        organization_id=group.organization_id, group=group, liaison=profile, planned_on=on
    )


@transaction.atomic
def visit_log(
    *,
    actor: object,
    visit: LiaisonVisit,
    visited_on: date,
    shared_contact: bool,
    shared_report_route: bool,
    note: str = "",
) -> LiaisonVisit:
    """What happened at the visit: the day, and what the liaison shared with the group."""
    profile = access.require_profile(actor)
    visit = LiaisonVisit.objects.select_for_update().select_related("group").get(pk=visit.pk)
    if visit.liaison_id != profile.pk or not groups_access.is_liaison(actor, visit.group):
        refuse(None, _("Only the liaison who planned this visit logs it."), "not_allowed")
    if visit.visited_on is not None:
        refuse(None, _("This visit has already been logged."), "already_logged")
    today = dates.latest_today(visit.group.organization, profile)
    if visited_on is None or visited_on > today:
        refuse("visited_on", _("Give the day of the visit (not in the future)."), "invalid")
    note = " ".join((note or "").split())
    if len(note) > 500:
        refuse("note", _("Keep this under 500 characters."), "max_length")
    visit.visited_on, visit.note = visited_on, note
    visit.shared_contact, visit.shared_report_route = shared_contact, shared_report_route
    visit.save()
    return visit


def notes_read(*, actor: object, notes: list[LiaisonNote]) -> list[LiaisonNote]:
    """Notes the caller is reading: each one someone else wrote goes in its writer's privacy
    log (one INSERT for them all), as every read of another person's words does."""
    profile = access.require_profile(actor)
    AuditEvent.objects.bulk_create(
        AuditEvent(
            organization_id=note.organization_id,
            actor_id=profile.user_id,
            subject_id=note.written_by_id,
            action=AuditAction.VIEWED,
            target_type="groups.liaison_note",
            target_id=str(note.pk),
        )
        for note in notes
        if note.written_by_id and note.written_by_id != profile.pk
    )
    return notes


def notes_mark_seen(*, actor: object, group: SupportGroup) -> int:
    """The liaison has read the group's notes (their page shows which are new)."""
    if not groups_access.is_liaison(actor, group):
        return 0
    return LiaisonNote.objects.filter(group=group, seen_at__isnull=True).update(
        seen_at=timezone.now()
    )
