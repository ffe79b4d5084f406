"""The delivery ledger and in-app notifications.

Every reminder is one Delivery row, unique per (recipient, kind, subject, due slot). A send
claims its row with a conditional update before doing anything (healthchecks' sendalerts
pattern), so a retried, duplicated or re-dispatched task finds the row taken and does nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from workforce.models import Organization


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    IN_APP = "in_app", _("In PeerWell")
    BOTH = "both", _("Email and in PeerWell")


class DeliveryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")


class Delivery(models.Model):
    """One reminder to one person for one due slot: the unit of "sent exactly once"."""

    # None only for an account email to someone with no organization (a site operator).
    organization = models.ForeignKey(
        Organization, null=True, on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries"
    )
    kind = models.CharField(max_length=40)
    subject = models.CharField(
        max_length=80, help_text="What it is about, e.g. checkin-schedule:12."
    )
    due_slot = models.DateTimeField(help_text="The slot it is for (UTC); part of the unique key.")
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.EMAIL)
    status = models.CharField(
        max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    skip_reason = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "subject", "due_slot"], name="delivery_once_per_slot"
            ),
        ]
        indexes = [
            # dispatch_requeue(): queued rows whose (re)try time has come, oldest first.
            models.Index(
                fields=["next_attempt_at"],
                name="delivery_queued_idx",
                condition=Q(status="queued"),
            ),
            # sweep_stuck(): rows left in "sending" by a worker that died.
            models.Index(
                fields=["claimed_at"], name="delivery_sending_idx", condition=Q(status="sending")
            ),
            # Operations counts per organization and status.
            models.Index(
                fields=["organization", "status", "sent_at"], name="delivery_org_status_idx"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject} @ {self.due_slot:%Y-%m-%d %H:%M} → {self.recipient_id}"

    @property
    def wants_email(self) -> bool:
        return self.channel in (Channel.EMAIL, Channel.BOTH)

    @property
    def wants_in_app(self) -> bool:
        return self.channel in (Channel.IN_APP, Channel.BOTH)


class Notification(models.Model):
    """An in-app notification: a short title and a link, never sensitive content."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    delivery = models.OneToOneField(
        Delivery, on_delete=models.SET_NULL, null=True, blank=True, related_name="notification"
    )
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    link = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The notification list, newest first, and the unread count in the navigation.
            models.Index(fields=["recipient", "-created_at"], name="notification_list_idx"),
            models.Index(
                fields=["recipient"],
                name="notification_unread_idx",
                condition=Q(read_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.title
