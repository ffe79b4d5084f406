"""certification-digest: each Monday, counts only, to HR: how many certifications in their
organization expire within 60 days and how many have already expired."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import (
    Case,
    CharField,
    Count,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications import registry
from notifications.kinds import (
    EMAILS_ON,
    at_work,
    emails_on,
    insert_ledger_rows,
    mondays_come,
    pause_footer,
    pause_headers,
    recipients,
)
from notifications.models import Delivery
from workforce.certifications.reminders.common import (
    DIGEST,
    DIGEST_WITHIN_DAYS,
    WEEK_PREFIX,
    is_hr,
    tracked,
)
from workforce.models import Organization, Role, StaffProfile
from workforce.validators import zone_of


def _week(monday: date) -> str:
    iso = monday.isocalendar()
    return f"{WEEK_PREFIX}{iso.year}-W{iso.week:02d}"


def _digest_rows(now: datetime, organization_id: int | None = None) -> QuerySet | None:
    """HR people whose Monday 09:00 has come this week and who have no digest for this ISO
    week. Organizations with nothing expiring soon or expired get no row at all (the send
    re-checks the exact counts)."""
    horizon = now.astimezone(UTC).date() + timedelta(days=DIGEST_WITHIN_DAYS + 2)
    people = StaffProfile.objects.filter(
        is_hr(),
        Exists(tracked(organization_id=OuterRef("organization_id"), expires_on__lte=horizon)),
    )
    if organization_id is not None:
        people = people.filter(organization_id=organization_id)
    zones = set(people.order_by().values_list("timezone", flat=True).distinct())
    groups = mondays_come(now, zones)
    if not groups:
        return None
    slots = [When(timezone__in=names, then=Value(slot)) for (slot, _m), names in groups.items()]
    weeks = [
        When(timezone__in=names, then=Value(_week(monday)))
        for (_s, monday), names in groups.items()
    ]
    # Once per ISO week, even if someone changes time zone mid-week (which moves their slot).
    sent = Delivery.objects.filter(
        recipient_id=OuterRef("user_id"), kind=DIGEST, subject=OuterRef("digest_week")
    )
    return (
        emails_on(
            people.filter(timezone__in=[n for names in groups.values() for n in names]), "user_id"
        )
        .annotate(
            slot=Case(*slots, output_field=DateTimeField()),
            digest_week=Case(*weeks, output_field=CharField()),
        )
        .filter(~Exists(sent))
    )


def collect_digest(now: datetime) -> registry.Collected:
    """Two statements: the zones in play, then one INSERT ... SELECT."""
    rows = _digest_rows(now)
    if rows is None:
        return registry.Collected(send_now=[])
    ids = insert_ledger_rows(
        rows,
        now=now,
        kind=DIGEST,
        recipient="user_id",
        subject=F("digest_week"),
        slot="slot",
        emails_flag=EMAILS_ON,
    )
    return registry.Collected(send_now=ids)


@dataclass(frozen=True)
class Digest:
    profile: StaffProfile | None
    expiring: int
    expired: int


def _counts(organizations: list[Organization], now: datetime) -> dict[int, tuple[int, int]]:
    """(expiring within 60 days, expired) per organization, each in its own "today", as the
    roster counts them: one query, the organizations grouped by their local date."""
    by_day: dict[date, list[int]] = defaultdict(list)
    for org in organizations:
        by_day[now.astimezone(zone_of(org.timezone)).date()].append(org.pk)
    if not by_day:
        return {}
    window = timedelta(days=DIGEST_WITHIN_DAYS)
    expiring = reduce(
        or_,
        [
            Q(organization_id__in=ids, expires_on__gte=day, expires_on__lte=day + window)
            for day, ids in by_day.items()
        ],
    )
    expired = reduce(
        or_, [Q(organization_id__in=ids, expires_on__lt=day) for day, ids in by_day.items()]
    )
    rows = tracked(
        organization_id__in=[pk for ids in by_day.values() for pk in ids],
        expires_on__lte=max(by_day) + window,
    )
    return {
        row["organization_id"]: (row["expiring"], row["expired"])
        for row in rows.values("organization_id")
        .order_by()
        .annotate(expiring=Count("pk", filter=expiring), expired=Count("pk", filter=expired))
    }


def load_digest(deliveries: list[Delivery]) -> dict[int, Digest]:
    """Three queries for any number of recipients: profiles, their roles, the counts."""
    profiles = recipients(deliveries)
    counts = _counts(list({p.organization for p in profiles.values()}), timezone.now())
    loaded = {}
    for d in deliveries:
        profile = profiles.get(d.recipient_id)
        expiring, expired = counts.get(profile.organization_id, (0, 0)) if profile else (0, 0)
        loaded[d.pk] = Digest(profile, expiring, expired)
    return loaded


def skip_digest(delivery: Delivery, digest: Digest | None) -> str | None:
    profile = digest.profile if digest else None
    if profile is None:
        return "recipient removed"
    if not at_work(profile):
        return "not at work now"
    if not profile.has_role(Role.HR):
        return "no longer HR"
    if profile.organization_id != delivery.organization_id:
        return "organization changed"
    if not digest.expiring and not digest.expired:
        return "nothing expiring"
    return None


def render_digest(delivery: Delivery, digest: Digest) -> registry.Message:
    """Counts only: whose certifications they are is on the roster, never in an email."""
    profile = digest.profile
    link = reverse("certification_roster") + f"?expiring_within={DIGEST_WITHIN_DAYS}"
    numbers = {"expiring": digest.expiring, "expired": digest.expired, "days": DIGEST_WITHIN_DAYS}
    with translation.override(profile.language):
        subject = _("Your weekly certifications summary")
        title = _(
            "Certifications this week: %(expiring)s expiring in the next %(days)s days, "
            "%(expired)s expired."
        )
        lines = [
            _("Hi %(name)s,") % {"name": profile.chosen_name},
            "",
            _("Here is this week's certifications summary for %(organization)s:")
            % {"organization": profile.organization.name},
            "",
            _("Expiring in the next %(days)s days: %(expiring)s") % numbers,
            _("Expired: %(expired)s") % numbers,
            "",
            _("Who holds them, and what is left for each renewal, is on the roster:"),
            "",
            settings.BASE_URL + link,
        ]
        body = "\n".join(lines) + "\n" + pause_footer(delivery.recipient_id)
    return registry.Message(
        subject=subject,
        body=body,
        title=title % numbers,
        link=link,
        headers=pause_headers(delivery.recipient_id),
    )


def due_count_digest(now: datetime, organization_id: int | None) -> int:
    rows = _digest_rows(now, organization_id)
    return rows.count() if rows is not None else 0


registry.register(
    registry.ReminderKind(
        name=DIGEST,
        private=False,
        collect=collect_digest,
        load=load_digest,
        skip_reason=skip_digest,
        render=render_digest,
        due_count=due_count_digest,
    )
)
