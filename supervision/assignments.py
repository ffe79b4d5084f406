"""Who supervises whom, from when to when, and the supervision expected: set by program
managers and org admins."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core import dates
from supervision import access as supervision_access
from supervision.models import CadenceUnit, SessionKind, SupervisionKind, SupervisorAssignment
from workforce import access
from workforce.models import Role, StaffProfile


@transaction.atomic
def assignment_save(
    *,
    actor: object,
    supervisor: StaffProfile,
    specialist: StaffProfile,
    kind: str = SupervisionKind.PRIMARY,
    starts_on: date | None = None,
    ends_on: date | None = None,
    cadence_kind: str = SessionKind.INDIVIDUAL,
    cadence_minutes: int = 60,
    cadence_every: int | None = 2,
    cadence_unit: str = CadenceUnit.WEEKS,
    assignment: SupervisorAssignment | None = None,
) -> SupervisorAssignment:
    """Create or change an assignment. A specialist has at most one current primary and one
    current secondary supervisor: overlapping dates for the same kind are refused."""
    profile = access.require_profile(actor)
    if not supervision_access.can_manage_supervision(actor):
        raise ValidationError(_("Only program managers and org admins set up supervision."))
    org = profile.organization_id
    if assignment is not None and assignment.organization_id != org:
        raise ValidationError(_("That assignment is not in your organization."))
    errors: dict[str, str] = {}
    if supervisor.organization_id != org or not supervisor.has_role(Role.SUPERVISOR):
        errors["supervisor"] = _("Choose someone with the supervisor role.")
    if specialist.organization_id != org:
        errors["specialist"] = _("Choose someone from your organization.")
    elif specialist.pk == supervisor.pk:
        errors["specialist"] = _("Someone can't supervise themselves.")
    row = assignment or SupervisorAssignment(organization_id=org)
    row.supervisor, row.specialist, row.kind = supervisor, specialist, kind
    if starts_on is None and assignment is None:
        starts_on = dates.organization_today(profile.organization)
    row.starts_on = starts_on or row.starts_on
    row.ends_on = ends_on
    row.cadence_kind, row.cadence_minutes = cadence_kind, cadence_minutes
    row.cadence_every, row.cadence_unit = cadence_every, cadence_unit
    try:
        row.full_clean()
    except ValidationError as exc:
        errors = {**{k: " ".join(v) for k, v in exc.message_dict.items()}, **errors}
    if not errors and _overlaps(row):
        errors["kind"] = _("They already have a %(kind)s for these dates. End that one first.") % {
            "kind": SupervisionKind(kind).label.lower()
        }
    if errors:
        raise ValidationError(errors)
    row.save()
    return row


def _overlaps(row: SupervisorAssignment) -> bool:
    same = SupervisorAssignment.objects.filter(specialist=row.specialist, kind=row.kind).exclude(
        pk=row.pk
    )
    if row.ends_on is not None:
        same = same.filter(starts_on__lte=row.ends_on)
    return same.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=row.starts_on)).exists()
