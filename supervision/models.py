"""Supervision: who supervises whom. Scheduling, logs and compliance build on this."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workforce.models import Organization, StaffProfile


class SupervisionKind(models.TextChoices):
    PRIMARY = "primary", _("Primary supervisor")
    SECONDARY = "secondary", _("Secondary supervisor")


class SupervisorAssignmentQuerySet(models.QuerySet["SupervisorAssignment"]):
    def current(self, on: date | None = None) -> SupervisorAssignmentQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on)


class SupervisorAssignment(models.Model):
    """Who supervises whom, and since when. The access policy reads it ("their supervisor")."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    supervisor = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="supervisee_links"
    )
    specialist = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="supervisor_links"
    )
    kind = models.CharField(
        max_length=16, choices=SupervisionKind.choices, default=SupervisionKind.PRIMARY
    )
    starts_on = models.DateField(default=timezone.localdate)
    ends_on = models.DateField(null=True, blank=True)

    objects = SupervisorAssignmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(supervisor=models.F("specialist")), name="supervision_not_self"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="supervision_ends_after_start",
            ),
        ]
        indexes = [
            # access.people_visible_to(): "whom does this supervisor currently supervise".
            models.Index(fields=["supervisor", "specialist"], name="supervision_pair_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.supervisor_id} supervises {self.specialist_id}"
