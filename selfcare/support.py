"""The "I'd like some support" signal: only that, only to the person chosen in advance."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications import registry
from notifications.models import Channel, Delivery
from selfcare.models import CheckIn, SupportContact

KIND = "support"


def request_support(checkin: CheckIn) -> Delivery | None:
    """Queue the signal for the owner's chosen support person, if they chose one."""
    link = (
        SupportContact.objects.filter(owner_id=checkin.owner_id, contact__user__is_active=True)
        .select_related("contact")
        .first()
    )
    if link is None:
        return None
    from notifications.services import lease_until, publish_on_commit

    delivery, created = Delivery.objects.get_or_create(
        recipient_id=link.contact.user_id,
        kind=KIND,
        subject=f"checkin:{checkin.pk}",
        due_slot=checkin.created_at,
        defaults={
            "organization_id": checkin.organization_id,
            "channel": Channel.BOTH,
            "next_attempt_at": lease_until(timezone.now()),
        },
    )
    if created:
        publish_on_commit([delivery.pk])
    return delivery


def _collect(now: datetime) -> registry.Collected:
    return registry.Collected(send_now=[])  # queued directly by request_support


def _load(deliveries: list[Delivery]) -> dict[int, CheckIn]:
    ids = {int(d.subject.split(":", 1)[1]): d.pk for d in deliveries}
    found = CheckIn.objects.filter(pk__in=ids).select_related(
        "owner", "owner__support_contact__contact"
    )
    return {ids[c.pk]: c for c in found}


def _skip(delivery: Delivery, checkin: CheckIn | None) -> str | None:
    if checkin is None:
        return "check-in deleted"
    contact = getattr(checkin.owner, "support_contact", None)
    if contact is None or contact.contact.user_id != delivery.recipient_id:
        return "support person changed"
    return None


def _render(delivery: Delivery, checkin: CheckIn) -> registry.Message:
    language = (
        delivery.recipient.profile.language if hasattr(delivery.recipient, "profile") else "en"
    )
    with translation.override(language):
        link = reverse("notifications")
        body = _(
            "A colleague who chose you as their support person would like to hear from you. "
            "Open PeerWell to see who:\n\n%(url)s\n"
        ) % {"url": settings.BASE_URL + link}
        return registry.Message(
            subject=_("Someone would like some support"),
            body=body,
            title=_("%(name)s would like some support. Reaching out when you can would mean a lot.")
            % {"name": checkin.owner.chosen_name},
            link=link,
        )


registry.register(
    registry.ReminderKind(
        name=KIND,
        private=True,
        collect=_collect,
        load=_load,
        skip_reason=_skip,
        render=_render,
        due_count=lambda now, org: 0,
    )
)
