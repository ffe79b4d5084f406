"""The gentle "look over your plan" reminder (in PeerWell only), plugged into the engine."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from notifications import registry
from notifications.models import Channel, Delivery
from selfcare.models import SelfCarePlan

KIND = "plan-review"


def collect(now: datetime) -> registry.Collected:
    due = SelfCarePlan.objects.filter(next_review_at__lte=now, review_every_days__isnull=False)
    rows = list(
        due.values("id", "organization_id", "owner__user_id", "next_review_at", "review_every_days")
    )
    with transaction.atomic():
        Delivery.objects.bulk_create(
            [
                Delivery(
                    organization_id=r["organization_id"],
                    recipient_id=r["owner__user_id"],
                    kind=KIND,
                    subject=f"plan:{r['id']}",
                    due_slot=r["next_review_at"],
                    channel=Channel.IN_APP,
                    next_attempt_at=now,
                    created_at=now,
                )
                for r in rows
            ],
            ignore_conflicts=True,
        )
        for days in {r["review_every_days"] for r in rows}:
            due.filter(review_every_days=days).update(next_review_at=now + timedelta(days=days))
    return registry.Collected(send_now=[], queued=len(rows))


def load(deliveries: list[Delivery]) -> dict[int, SelfCarePlan]:
    ids = {int(d.subject.split(":", 1)[1]): d.pk for d in deliveries}
    return {ids[p.pk]: p for p in SelfCarePlan.objects.filter(pk__in=ids).select_related("owner")}


def skip_reason(delivery: Delivery, plan: SelfCarePlan | None) -> str | None:
    if plan is None:
        return "plan deleted"
    if not plan.review_every_days:
        return "reminder turned off"
    return None


def render(delivery: Delivery, plan: SelfCarePlan) -> registry.Message:
    with translation.override(plan.owner.language):
        title = _("Your self-care plan is here whenever you'd like to look it over.")
    return registry.Message(subject=title, body=title, title=title, link=reverse("plan"))


def due_count(now: datetime, organization_id: int | None) -> int:
    due = SelfCarePlan.objects.filter(next_review_at__lte=now, review_every_days__isnull=False)
    return due.filter(organization_id=organization_id).count() if organization_id else due.count()


registry.register(
    registry.ReminderKind(
        name=KIND,
        private=True,
        collect=collect,
        load=load,
        skip_reason=skip_reason,
        render=render,
        due_count=due_count,
    )
)
