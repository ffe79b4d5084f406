"""What every reminder kind shares: when (09:00 local, Mondays, how late is too late), whom
(people at work now, loaded in two queries), the ledger write (one INSERT ... SELECT), and the
way to stop work emails (the one-click footer and headers). Training, certifications,
supervision and the apps to come build their kinds on these."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateTimeField,
    Expression,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from notifications.models import Channel, Delivery, DeliveryStatus
from workforce.models import EmploymentStatus, StaffProfile
from workforce.training import emails
from workforce.validators import zone_of

# The field insert_ledger_rows reads to choose the channel: the recipient's own "email me
# about training, certifications and supervision" switch (StaffProfile.work_emails).
EMAILS_ON = "recipient_work_emails"


SEND_AT = time(9, 0)


LATE_LIMIT = timedelta(days=2)


def local_nine(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, SEND_AT, tzinfo=zone).astimezone(UTC)


def mondays_come(
    now: datetime, zone_names: Iterable[str]
) -> dict[tuple[datetime, date], list[str]]:
    """For weekly digests: the zones whose Monday 09:00 of this week has come (and is no
    more than LATE_LIMIT old), grouped by that moment and that Monday's date."""
    groups: dict[tuple[datetime, date], list[str]] = defaultdict(list)
    for name in sorted(zone_names):
        zone = zone_of(name)
        local = now.astimezone(zone).date()
        monday = local - timedelta(days=local.weekday())
        slot = local_nine(monday, zone)
        if now - LATE_LIMIT < slot <= now:
            groups[(slot, monday)].append(name)
    return groups


def counted(prefix: str = "") -> Q:
    """Someone who works here now, as workforce.selectors.active_staff (on leave included)."""
    return Q(**{f"{prefix}user__is_active": True}) & ~Q(
        **{f"{prefix}employment_status": EmploymentStatus.LEFT}
    )


def recipients(deliveries: Iterable[Delivery]) -> dict[int, StaffProfile]:
    """The profiles a batch of deliveries is for, by user id, with what the checks and
    messages read (their user, organization and roles): two queries."""
    return {
        p.user_id: p
        for p in StaffProfile.objects.filter(user_id__in={d.recipient_id for d in deliveries})
        .select_related("user", "organization")
        .prefetch_related("role_grants")
        .defer("emergency_contact")  # encrypted, never in a reminder: don't decrypt it
    }


def at_work(person: StaffProfile | None) -> bool:
    """Reachable (as `reachable()`), checked again at send time."""
    return (
        person is not None
        and person.user.is_active
        and person.employment_status == EmploymentStatus.ACTIVE
    )


def reachable(prefix: str = "") -> Q:
    """Someone we remind: at work now. Nobody on leave is nudged about training."""
    return Q(
        **{f"{prefix}user__is_active": True, f"{prefix}employment_status": EmploymentStatus.ACTIVE}
    )


LEDGER_FIELDS = (
    "organization",
    "recipient",
    "kind",
    "subject",
    "due_slot",
    "channel",
    "status",
    "attempts",
    "next_attempt_at",
    "created_at",
    "last_error",
    "skip_reason",
)


def insert_ledger_rows(
    rows: QuerySet,
    *,
    now: datetime,
    kind: str,
    recipient: str,
    subject: Expression,
    slot: str,
    emails_flag: str,
) -> list[int]:
    """INSERT ... SELECT: one statement writes every due row, already leased to this
    dispatcher, and returns their ids. ON CONFLICT DO NOTHING keeps the ledger's unique key
    the last word when two dispatchers race. (`rows` always has a WHERE clause, which SQLite
    needs to parse ON CONFLICT after a SELECT.)"""
    from notifications.services import lease_until

    values: dict[str, object] = {
        "organization": F("organization_id"),
        "recipient": F(recipient),
        "kind": Value(kind),
        "subject": subject,
        "due_slot": F(slot),
        # In PeerWell always; by email too unless the person switched training emails off.
        "channel": Case(
            When(**{emails_flag: False}, then=Value(Channel.IN_APP.value)),
            default=Value(Channel.BOTH.value),
            output_field=CharField(),
        ),
        "status": Value(DeliveryStatus.QUEUED.value),
        "attempts": Value(0),
        "next_attempt_at": Value(lease_until(now), output_field=DateTimeField()),
        "created_at": Value(now, output_field=DateTimeField()),
        "last_error": Value(""),
        "skip_reason": Value(""),
    }
    aliases = {f"ledger_{name}": values[name] for name in LEDGER_FIELDS}
    select, params = (
        rows.annotate(**aliases).values_list(*aliases).order_by().query.sql_with_params()
    )
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Delivery._meta.get_field(name).column) for name in LEDGER_FIELDS)
    sql = f"INSERT INTO {quote(Delivery._meta.db_table)} ({columns}) {select} "
    with connection.cursor() as cursor:
        cursor.execute(sql + "ON CONFLICT DO NOTHING RETURNING id", params)
        return [row[0] for row in cursor.fetchall()]


def pause_footer(user_id: int) -> str:
    """The last line of every training, certification and supervision email: how to stop
    them."""
    url = emails.pause_url(user_id=user_id)
    return (
        "\n"
        + _(
            "To stop emails about training, certifications and supervision (reminders stay in "
            "PeerWell): %(url)s"
        )
        % {"url": url}
        + "\n"
    )


def local_time_text(moment: datetime, person: StaffProfile) -> str:
    """A moment in the person's own zone, written out for a reminder in the active language."""
    local = timezone.localtime(moment, zone_of(person.timezone))
    # Translators: a date and time format (Django's date letters).
    return date_format(local, _("l j F, g:i A"))


def work_body(person: StaffProfile, text: str, link: str, recipient_id: int) -> str:
    """A work reminder's email: a greeting, the note, the link, and how to stop these emails."""
    greeting = _("Hi %(name)s,") % {"name": person.chosen_name}
    return f"{greeting}\n\n{text}\n\n{settings.BASE_URL}{link}\n" + pause_footer(recipient_id)


def pause_headers(user_id: int) -> dict[str, str]:
    """One-click "stop these emails" in mail clients that support it (RFC 8058)."""
    url = emails.pause_url(user_id=user_id)
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def emails_on(rows: QuerySet, recipient_user: str) -> QuerySet:
    """Annotate whether the row's recipient (their user id in `recipient_user`) wants these
    reminders by email too; in PeerWell they always appear."""
    wants = StaffProfile.objects.filter(user_id=OuterRef(recipient_user)).values("work_emails")
    return rows.annotate(**{EMAILS_ON: Subquery(wants[:1], output_field=BooleanField())})
