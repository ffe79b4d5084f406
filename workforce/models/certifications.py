"""Certifications: the credential types an organization tracks, the certifications people hold
(one row per cycle, so renewals keep their history), and their evidence files."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from core.versions import VersionedQuerySet
from workforce.models.people import Organization, Role, StaffProfile
from workforce.models.training import CECategory

DEFAULT_MILESTONES = [90, 60, 30, 7, 0]  # days before expiry: reminders and "expiring soon"
HOURS = {
    "max_digits": 6,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("5000"))],
}


def default_milestones() -> list[int]:
    return list(DEFAULT_MILESTONES)


class CertificationType(models.Model):
    """A credential the organization tracks, with its renewal rules (editable; presets give a
    starting point from a board's published rules)."""

    data_topic = "certifications"  # core.versions

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="certification_types"
    )
    name = models.CharField(_("name"), max_length=200)
    issuing_body = models.CharField(_("issuing body"), max_length=200, blank=True)
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("Leave empty if it never expires."),
    )
    ce_hours_required = models.DecimalField(
        _("CE hours per renewal cycle"), default=Decimal("0"), **HOURS
    )
    supervised_hours_required = models.DecimalField(
        _("supervised hours per renewal cycle"), default=Decimal("0"), **HOURS
    )
    peer_service_hours_required = models.DecimalField(
        _("hours of peer service per renewal cycle"),
        default=Decimal("0"),
        help_text=_("Counted from the peer support group meetings the person facilitated."),
        **HOURS,
    )
    renewal_window_days = models.PositiveSmallIntegerField(
        _("can apply to renew this many days before expiry"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(730)],
        help_text=_("Leave empty if there is no set window."),
    )
    provisional_months = models.PositiveSmallIntegerField(
        _("provisional period (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("For credentials that start provisional, e.g. 6 months."),
    )
    provisional_supervised_hours = models.DecimalField(
        _("supervised work hours to leave the provisional period"),
        null=True,
        blank=True,
        **HOURS,
    )
    milestones = models.JSONField(
        _("reminder days before expiry"),
        default=default_milestones,
        help_text=_("For example 90, 60, 30, 7, 0 (0 is the expiry day)."),
    )
    preset_key = models.CharField(max_length=60, blank=True, editable=False)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=now, editable=False)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "name"], name="certification_type_name_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def expires(self) -> bool:
        return self.validity_months is not None

    @property
    def soon_days(self) -> int:
        """How close to expiry counts as "expiring soon": the earliest reminder."""
        return max(self.milestones or [0])


class CECategoryMinimum(models.Model):
    """Of a cycle's CE hours, at least this many must be in one category (e.g. 6 in ethics)."""

    data_topic = "certifications"  # core.versions

    type = models.ForeignKey(
        CertificationType, on_delete=models.CASCADE, related_name="category_minimums"
    )
    category = models.CharField(max_length=12, choices=CECategory.choices)
    hours = models.DecimalField(**HOURS)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["type", "category"], name="ce_minimum_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.hours} h {self.category}"


class CertificationRequirement(models.Model):
    """A role that must hold the credential."""

    data_topic = "certifications"  # core.versions

    type = models.ForeignKey(
        CertificationType, on_delete=models.CASCADE, related_name="requirements"
    )
    role = models.CharField(max_length=16, choices=Role.choices)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["type", "role"], name="certification_requirement_unique"
            ),
        ]
        indexes = [models.Index(fields=["role", "type"], name="cert_requirement_role_idx")]

    def __str__(self) -> str:
        return f"{self.type_id} required for {self.role}"


class CertificationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    EXPIRING = "expiring", _("Expiring soon")
    EXPIRED = "expired", _("Expired")
    PENDING = "pending", _("Waiting for HR to verify")
    REVOKED = "revoked", _("Revoked")


class Certification(models.Model):
    """One cycle of a credential someone holds: from issue to expiry. Renewing adds the next
    cycle and keeps this one as history (`renewed_by`)."""

    data_topic = "certifications"  # core.versions

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="certifications"
    )
    type = models.ForeignKey(
        CertificationType, on_delete=models.PROTECT, related_name="certifications"
    )
    credential_number = models.CharField(_("credential number"), max_length=80, blank=True)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("Empty if it never expires.")
    )
    provisional = models.BooleanField(_("provisional"), default=False)
    # expires_on less the type's earliest reminder: from then on it is "expiring soon".
    # Kept in a column (set on save, and when the type's reminders change) so the roster
    # filters and sorts on it in SQL.
    notice_on = models.DateField(null=True, blank=True, editable=False)
    # CE hours counted in this cycle (readiness.counted_entries_q), kept by the services that
    # add or review CE hours and certifications, so the roster sorts 20,000 rows by readiness
    # without summing every person's ledger (readiness.recount_ce).
    ce_counted = models.DecimalField(
        max_digits=8, decimal_places=2, default=Decimal("0"), editable=False
    )
    previous = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="renewed_by"
    )
    verified_by = models.ForeignKey(
        StaffProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(max_length=300, blank=True)
    added_by = models.ForeignKey(
        StaffProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now, editable=False)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("issued_on")),
                name="certification_expires_after_issue",
            ),
        ]
        indexes = [
            # The roster: each person's current cycle of each type.
            models.Index(fields=["person", "type", "-issued_on"], name="cert_person_type_idx"),
            # Milestone reminders and "expiring within N days": by expiry date.
            models.Index(fields=["organization", "expires_on"], name="cert_org_expiry_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.type_id} held by {self.person_id} ({self.issued_on}–{self.expires_on})"

    def set_notice(self) -> None:
        self.notice_on = (
            None
            if self.expires_on is None
            else self.expires_on - timedelta(days=self.type.soon_days)
        )

    def status(self, today: date) -> str:
        """Derived from the dates and HR's checks, never stored."""
        if self.revoked_at:
            return CertificationStatus.REVOKED
        if self.expires_on is not None and self.expires_on < today:
            return CertificationStatus.EXPIRED
        if self.verified_at is None:
            return CertificationStatus.PENDING
        if self.notice_on is not None and self.notice_on <= today:
            return CertificationStatus.EXPIRING
        return CertificationStatus.ACTIVE


class CertificationEvidence(models.Model):
    """A file backing a certification (the credential, a renewal letter). Private: the holder,
    HR and org admins only."""

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(upload_to="certification-evidence/%Y/%m/")
    content_type = models.CharField(max_length=40)
    description = models.CharField(_("what it is"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        StaffProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"evidence {self.pk} for {self.certification_id}"
