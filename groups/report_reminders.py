""" "A safety report is waiting": to a group's liaisons (unless the report went to the
safeguarding leads alone) and to the organization's safeguarding leads, never to anyone who
facilitates the group it is about. The ledger's slot is the hour the report arrived, so a
flood of reports reaches each person at most once an hour. The message says only that a
report is waiting, and where: never the group, never a word of the report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.db.models import (
    CharField,
    DateTimeField,
    Exists,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Concat, TruncHour
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from groups import access as groups_access
from groups.models import Facilitator, Liaison
from notifications import registry
from notifications.kinds import (
    EMAILS_ON,
    LATE_LIMIT,
    at_work,
    emails_on,
    insert_ledger_rows,
    pause_headers,
    reachable,
    recipients,
    work_body,
)
from notifications.models import Delivery
from workforce.models import Role, StaffProfile

REPORT = "safety-report"
PREFIX = "safety-reports:"


def _recent(path: str, now: datetime, **extra: object) -> Q:
    """Reports the reporter wrote to lately (filed, or answered a message)."""
    return Q(
        **{
            f"{path}__reporter_activity_at__gt": now - LATE_LIMIT,
            f"{path}__reporter_activity_at__lte": now,
        },
        **{f"{path}__{k}": v for k, v in extra.items()},
    )


def _slot() -> TruncHour:
    return TruncHour("report__reporter_activity_at", tzinfo=UTC, output_field=DateTimeField())


def _not_facilitating(person: str) -> Exists:
    return ~Exists(
        Facilitator.objects.filter(
            group_id=OuterRef("report__group_id"), person_id=OuterRef(person)
        )
    )


def _liaisons(now: datetime, organization_id: int | None = None) -> QuerySet:
    recent = _recent("group__safety_reports", now, safeguarding_only=False)
    rows = (
        Liaison.objects.annotate(report=FilteredRelation("group__safety_reports", condition=recent))
        .filter(report__isnull=False)
        .filter(reachable("person__"), _not_facilitating("person_id"))
        .annotate(slot=_slot())
    )
    return rows.filter(organization_id=organization_id) if organization_id else rows


def _leads(now: datetime, organization_id: int | None = None) -> QuerySet:
    recent = _recent("organization__safety_reports", now)
    rows = (
        StaffProfile.objects.filter(role_grants__role=Role.SAFEGUARDING)
        .annotate(report=FilteredRelation("organization__safety_reports", condition=recent))
        .filter(report__isnull=False)
        .filter(reachable(), _not_facilitating("pk"))
        .annotate(slot=_slot())
    )
    return rows.filter(organization_id=organization_id) if organization_id else rows


def _subject() -> Concat:
    return Concat(Value(PREFIX), Cast("organization_id", CharField()))


def _sent(recipient: str) -> Exists:
    return Exists(
        Delivery.objects.filter(
            recipient_id=OuterRef(recipient),
            kind=REPORT,
            subject=Concat(Value(PREFIX), Cast(OuterRef("organization_id"), CharField())),
            due_slot=OuterRef("slot"),
        )
    )


def collect(now: datetime) -> registry.Collected:
    ids: list[int] = []
    for rows, recipient in ((_liaisons(now), "person__user_id"), (_leads(now), "user_id")):
        rows = emails_on(rows.filter(~_sent(recipient)), recipient)
        ids += insert_ledger_rows(
            rows,
            now=now,
            kind=REPORT,
            recipient=recipient,
            subject=_subject(),
            slot="slot",
            emails_flag=EMAILS_ON,
        )
    return registry.Collected(send_now=ids)


def due_count(now: datetime, organization_id: int | None) -> int:
    return sum(
        rows.exclude(_sent(recipient)).count()
        for rows, recipient in (
            (_liaisons(now, organization_id), "person__user_id"),
            (_leads(now, organization_id), "user_id"),
        )
    )


def load(deliveries: list[Delivery]) -> dict[int, StaffProfile]:
    """The recipients (two queries), and whether each still reads reports (one more)."""
    profiles = recipients(deliveries)
    liaisons = set(
        Liaison.objects.filter(person__in=profiles.values()).values_list("person_id", flat=True)
    )
    for person in profiles.values():
        person.reads_reports = person.pk in liaisons or person.has_role(Role.SAFEGUARDING)
    return {d.pk: profiles.get(d.recipient_id) for d in deliveries}


def skip_reason(delivery: Delivery, person: StaffProfile | None) -> str | None:
    """The net cast by collect() is wide (the group's liaisons, the organization's leads);
    here each one is held to the reading rules: is there a report they may read that its
    reporter wrote to in that hour?"""
    if not at_work(person):
        return "not at work now"
    if not person.reads_reports:
        return "no longer reads reports"
    slot = delivery.due_slot
    readable = groups_access.reports_visible_to(person.user).filter(
        reporter_activity_at__gte=slot, reporter_activity_at__lt=slot + timedelta(hours=1)
    )
    if not readable.exists():
        return "nothing they may read"
    return None


def render(delivery: Delivery, person: StaffProfile) -> registry.Message:
    link = reverse("group_reports")
    with translation.override(person.language):
        subject = _("A safety report is waiting")
        title = _("A safety report is waiting for you.")
        text = _(
            "A safety report is waiting for you in PeerWell. For the reporter's privacy, it "
            "isn't in this email:"
        )
        body = work_body(person, text, link, delivery.recipient_id)
    return registry.Message(subject, body, title, link, pause_headers(delivery.recipient_id))


registry.register(
    registry.ReminderKind(
        name=REPORT,
        collect=collect,
        load=load,
        skip_reason=skip_reason,
        render=render,
        due_count=due_count,
        # Reports are nobody's business but their readers': never counted for the organization.
        private=True,
    )
)
