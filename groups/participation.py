"""The participation report, for evaluation: meetings held, attendance and newcomers (from the
counts facilitators log) and referrals made, by month, model and format.

Every cell under SMALL is shown as "fewer than 5", and nothing is added up across cells: a
total less the cells shown would give a hidden one away. The chart is drawn from the cells
shown only, so it carries nothing the table hides."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from core import dates
from core.spreadsheets import safe_cell
from groups.models import GroupFormat, Meeting, MeetingStatus, ReferralCount
from groups.selectors import SMALL
from workforce.models import Organization

MEASURES = ("held", "attended", "newcomers", "referrals")


@dataclass
class Row:
    month: date
    model: str
    format: str  # its label
    values: dict[str, int | None]  # None: fewer than 5


def _hidden(value: int) -> int | None:
    return value if value == 0 or value >= SMALL else None


def participation(organization: Organization, since: date, until: date) -> list[Row]:
    """One row per month, model and format that had any activity, cells under 5 hidden: two
    queries (meetings by month in the organization's zone; referral counts)."""
    zone = dates.zone(organization.timezone)
    start = datetime.combine(since.replace(day=1), time.min, tzinfo=zone)
    end = datetime.combine(until + timedelta(days=1), time.min, tzinfo=zone)
    held = (
        Meeting.objects.filter(
            organization=organization,
            status=MeetingStatus.HELD,
            starts_at__gte=start,
            starts_at__lt=end,
        )
        .annotate(month=TruncMonth("starts_at", tzinfo=zone))
        .values("month", "group__model__name", "group__format")
        .annotate(held=Count("pk"), attended=Sum("attended"), newcomers=Sum("newcomers"))
        .order_by()
    )
    cells: dict[tuple, dict[str, int]] = {}
    for row in held:
        key = (row["month"].date(), row["group__model__name"], row["group__format"])
        cells[key] = {name: row[name] or 0 for name in ("held", "attended", "newcomers")}
    referred = (
        ReferralCount.objects.filter(
            organization=organization, month__gte=since.replace(day=1), month__lte=until
        )
        .values("month", "group__model__name", "group__format")
        .annotate(total=Sum("count"))
        .order_by()
    )
    for row in referred:
        key = (row["month"], row["group__model__name"], row["group__format"])
        cells.setdefault(key, {})["referrals"] = row["total"] or 0
    return [
        Row(
            month,
            model,
            str(GroupFormat(fmt).label),
            {m: _hidden(values.get(m, 0)) for m in MEASURES},
        )
        for (month, model, fmt), values in sorted(cells.items())
    ]


def chart(rows: list[Row]) -> list[tuple[date, int]]:
    """Attendance per month, from the cells shown only."""
    months: dict[date, int] = {}
    for row in rows:
        months[row.month] = months.get(row.month, 0) + (row.values["attended"] or 0)
    return sorted(months.items())


def as_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    header = [_("month"), _("model"), _("format"), _("meetings held"), _("attendance")]
    writer.writerow([*header, _("newcomers"), _("referrals")])
    for row in rows:
        shown = [_("fewer than 5") if v is None else v for v in row.values.values()]
        cells = [row.month.strftime("%Y-%m"), row.model, row.format, *shown]
        writer.writerow([safe_cell(cell) for cell in cells])
    return out.getvalue()
