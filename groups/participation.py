"""The participation report, for evaluation: meetings held, attendance and newcomers (from the
counts facilitators log) and referrals made, by month, model and format.

Nothing in it can be worked out to a figure under SMALL: every cell under 5 is shown as
"fewer than 5"; attendance and newcomers add up only the meetings whose own figure managers see
(5 or more); nothing is totalled across cells; only whole months that can no longer change are
reported; and the chart is drawn from the cells shown."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Case, Count, F, Sum, Value, When
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from core import dates
from core.spreadsheets import safe_cell
from groups.meetings import LOG_WINDOW
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


def _shown(field: str) -> Sum:
    """The sum of a count over the meetings whose own figure is shown to managers (5 or more):
    a total that includes hidden figures, less the ones shown on the groups' pages, would give
    the hidden ones away."""
    return Sum(Case(When(**{f"{field}__gte": SMALL}, then=F(field)), default=Value(0)))


def whole_months(since: date, until: date, today: date) -> tuple[date, date]:
    """The period as whole months that are over and can no longer change (a meeting can be
    logged up to LOG_WINDOW after it): a month still filling would tell, day by day, what
    each new meeting added."""
    settled = (today - LOG_WINDOW).replace(day=1) - timedelta(days=1)  # last settled month
    end = min(until, settled)
    end = (end.replace(day=1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return since.replace(day=1), min(end, settled)


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
        .annotate(held=Count("pk"), attended=_shown("attended"), newcomers=_shown("newcomers"))
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
