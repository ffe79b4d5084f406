"""training-digest: each Monday, counts only, to program managers and HR."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
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
    at_work,
    counted,
    insert_ledger_rows,
    mondays_come,
    pause_footer,
    pause_headers,
    reachable,
    recipients,
)
from notifications.models import Delivery
from workforce.models import (
    Assignment,
    Organization,
    RoleGrant,
    StaffProfile,
)
from workforce.training.reminders.common import DIGEST, DIGEST_ROLES, DUE_SOON_DAYS
from workforce.validators import zone_of

# --- training-digest: to program managers and HR ---------------------------------------------


def _open_before(before: date, **organization: object) -> QuerySet[Assignment]:
    """Open assignments due before `before`, of people who work here, in live modules."""
    return Assignment.objects.filter(
        **organization,  # with due_on: assignment_open_due_idx, one range per organization
        completion__isnull=True,
        due_on__lt=before,
        module__archived_at__isnull=True,
    ).filter(counted("person__"))


def _digest_rows(now: datetime, organization_id: int | None = None) -> QuerySet | None:
    """Managers and HR whose Monday 09:00 has come this week and who have no digest yet.
    Organizations with nothing due or overdue get no row at all (the send re-checks)."""
    horizon = now.astimezone(UTC).date() + timedelta(days=DUE_SOON_DAYS + 2)
    people = StaffProfile.objects.filter(
        reachable(),
        Exists(RoleGrant.objects.filter(profile=OuterRef("pk"), role__in=DIGEST_ROLES)),
        Exists(_open_before(horizon, organization_id=OuterRef("organization_id"))),
    )
    if organization_id is not None:
        people = people.filter(organization_id=organization_id)
    zones = set(people.order_by().values_list("timezone", flat=True).distinct())
    groups = mondays_come(now, zones)
    if not groups:
        return None
    slots = [When(timezone__in=names, then=Value(slot)) for (slot, _m), names in groups.items()]
    # Once a week even if someone changes time zone mid-week, which moves their slot: a
    # digest of this week has a slot less than 5 days old, last week's one is older.
    recent = Delivery.objects.filter(
        recipient_id=OuterRef("user_id"), kind=DIGEST, due_slot__gt=now - timedelta(days=5)
    )
    return people.filter(
        ~Exists(recent), timezone__in=[n for names in groups.values() for n in names]
    ).annotate(slot=Case(*slots, output_field=DateTimeField()))


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
        subject=Value(DIGEST),
        slot="slot",
        emails_flag="work_emails",
    )
    return registry.Collected(send_now=ids)


@dataclass(frozen=True)
class Digest:
    profile: StaffProfile | None
    overdue: int
    due_soon: int


def _counts(organizations: list[Organization], now: datetime) -> dict[int, tuple[int, int]]:
    """(overdue, due in the next 7 days) per organization, each in its own "today": one
    query, with the organizations grouped by their local date."""
    by_day: dict[date, list[int]] = defaultdict(list)
    for org in organizations:
        by_day[now.astimezone(zone_of(org.timezone)).date()].append(org.pk)
    if not by_day:
        return {}
    week = timedelta(days=DUE_SOON_DAYS)
    overdue = reduce(or_, [Q(organization_id__in=ids, due_on__lt=d) for d, ids in by_day.items()])
    soon = reduce(
        or_,
        [
            Q(organization_id__in=ids, due_on__gte=d, due_on__lt=d + week)
            for d, ids in by_day.items()
        ],
    )
    rows = _open_before(
        max(by_day) + week, organization_id__in=[pk for ids in by_day.values() for pk in ids]
    )
    return {
        row["organization_id"]: (row["overdue"], row["soon"])
        for row in rows.values("organization_id")
        .order_by()
        .annotate(overdue=Count("pk", filter=overdue), soon=Count("pk", filter=soon))
    }


def load_digest(deliveries: list[Delivery]) -> dict[int, Digest]:
    """Three queries for any number of recipients: profiles, their roles, the counts."""
    profiles = recipients(deliveries)
    counts = _counts(list({p.organization for p in profiles.values()}), timezone.now())
    loaded = {}
    for d in deliveries:
        profile = profiles.get(d.recipient_id)
        overdue, soon = counts.get(profile.organization_id, (0, 0)) if profile else (0, 0)
        loaded[d.pk] = Digest(profile, overdue, soon)
    return loaded


def skip_digest(delivery: Delivery, digest: Digest | None) -> str | None:
    profile = digest.profile if digest else None
    if profile is None:
        return "recipient removed"
    if not at_work(profile):
        return "not at work now"
    if not profile.has_role(*DIGEST_ROLES):
        return "no longer program manager or HR"
    if profile.organization_id != delivery.organization_id:
        return "organization changed"
    if not digest.overdue and not digest.due_soon:
        return "nothing due"
    return None


def render_digest(delivery: Delivery, digest: Digest) -> registry.Message:
    """Counts only: who is behind is on the page, behind the sign-in, never in an email."""
    profile = digest.profile
    link = reverse("training_overdue")
    numbers = {"overdue": digest.overdue, "soon": digest.due_soon}
    with translation.override(profile.language):
        subject = _("Your weekly training summary")
        title = _("Training this week: %(overdue)s overdue, %(soon)s due in the next 7 days.")
        lines = [
            _("Hi %(name)s,") % {"name": profile.chosen_name},
            "",
            _("Here is this week's training summary for %(organization)s:")
            % {"organization": profile.organization.name},
            "",
            _("Overdue: %(overdue)s") % numbers,
            _("Due in the next 7 days: %(soon)s") % numbers,
            "",
            _(
                "A friendly check-in, and time set aside to learn, help more than pressure. "
                "See the details:"
            ),
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
