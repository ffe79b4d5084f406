"""Renewal readiness: for a certification's current cycle, the CE hours earned against what the
type requires (in total and per category), days left, and at the person's pace so far, when
each requirement will be met.

CE counted in a cycle: approved entries dated from the cycle's issue date to its expiry (or
today), each course once: a course's first entry in the cycle counts, a repeat of it doesn't
(the yearly refresher taken twice in a two-year cycle counts once). The same rule is written
twice: as SQL annotations for the roster (constant queries for any number of rows) and in
Python over one person's entries for their page; tests hold the two to each other.

Each cycle's total is also stored (`Certification.ce_counted`, by `recount_ce`) whenever CE
hours or certifications change, so the roster can sort everyone by readiness without
summing every ledger (bench/certification_roster.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from workforce.models import CECategory, CEEntry, Certification, CEStatus
from workforce.validators import zone_of

ZERO = Decimal("0")
HOURS_FIELD = DecimalField(max_digits=8, decimal_places=2)
# Before this many days of a cycle, a pace says little: no projection yet.
MIN_DAYS_FOR_PACE = 30
SUPERVISED = "supervised"  # the requirement for supervised hours, from signed sessions
PEER_SERVICE = "peer_service"  # hours of peer service, from facilitated group meetings


def counted_entries_q(today: date) -> QuerySet[CEEntry]:
    """CE entries counted for the certification in the enclosing query (OuterRef); a cycle
    with no expiry counts up to `today`."""
    window = CEEntry.objects.filter(
        person=OuterRef("person"),
        status=CEStatus.APPROVED,
        earned_on__gte=OuterRef("issued_on"),
        earned_on__lte=Coalesce(OuterRef("expires_on"), Value(today)),
    )
    repeat = CEEntry.objects.filter(
        person=OuterRef("person"),
        course_key=OuterRef("course_key"),
        status=CEStatus.APPROVED,
        earned_on__gte=OuterRef(OuterRef("issued_on")),
    ).filter(
        Q(earned_on__lt=OuterRef("earned_on"))
        | Q(earned_on=OuterRef("earned_on"), pk__lt=OuterRef("pk"))
    )
    return window.filter(Q(course_key="") | ~Exists(repeat))


def _hours(entries: QuerySet[CEEntry]) -> Coalesce:
    total = entries.order_by().values("person").annotate(total=Sum("hours")).values("total")
    return Coalesce(
        Subquery(total[:1], output_field=HOURS_FIELD), Value(ZERO), output_field=HOURS_FIELD
    )


def _by_category(today: date) -> dict[str, Coalesce]:
    counted = counted_entries_q(today)
    return {
        f"ce_{category}": _hours(counted.filter(category=category))
        for category in CECategory.values
    }


def with_ce_hours(certifications: QuerySet[Certification], today: date) -> QuerySet:
    """Annotate `ce_earned` and `ce_<category>`: the hours counted in each row's cycle,
    summed from the ledger."""
    return certifications.annotate(
        ce_earned=_hours(counted_entries_q(today)), **_by_category(today)
    )


def with_stored_ce_hours(certifications: QuerySet[Certification], today: date) -> QuerySet:
    """The same, with `ce_earned` read from the stored total (sorting and reporting every
    row); the per-category sums run only for the rows actually read."""
    return certifications.annotate(ce_earned=F("ce_counted"), **_by_category(today))


def recount_ce(person_ids: Iterable[int]) -> int:
    """Store the CE hours counted in each cycle these people hold (one UPDATE). Called by
    every service that adds or reviews CE hours or records a certification, in its
    transaction. Entries can't be dated in the future, so "up to today" is "no end"."""
    return Certification.objects.filter(person_id__in=list(person_ids)).update(
        ce_counted=_hours(counted_entries_q(date.max))
    )


@dataclass
class Requirement:
    """One thing a renewal needs: hours earned against hours required, and the projection."""

    label: str
    earned: Decimal
    required: Decimal
    projected_on: date | None = None  # at the pace so far; None if met, too early, or no pace

    @property
    def name(self) -> str:
        """ "CE hours" in total, or the category's name ("supervised": supervised hours)."""
        if self.label in ("ce", SUPERVISED, PEER_SERVICE):
            return ""
        return str(CECategory(self.label).label)

    @property
    def met(self) -> bool:
        return self.earned >= self.required

    @property
    def missing(self) -> Decimal:
        return max(self.required - self.earned, ZERO)

    @property
    def percent(self) -> int:
        if self.required <= 0:
            return 100
        return min(100, int((100 * self.earned / self.required).to_integral_value(ROUND_HALF_UP)))


@dataclass
class Readiness:
    certification: Certification
    status: str
    days_left: int | None
    requirements: list[Requirement] = field(default_factory=list)
    entries: list[CEEntry] = field(default_factory=list)  # the ones counted, newest first

    @property
    def ready(self) -> bool:
        return all(r.met for r in self.requirements)

    @property
    def in_window(self) -> bool:
        window = self.certification.type.renewal_window_days
        return window is not None and self.days_left is not None and 0 <= self.days_left <= window


def approved_entries(person_id: int) -> list[CEEntry]:
    """A person's approved CE entries, oldest first: what counted_entries reads."""
    return list(
        CEEntry.objects.filter(person_id=person_id, status=CEStatus.APPROVED).order_by(
            "earned_on", "id"
        )
    )


def counted_entries(
    certification: Certification, today: date, approved: list[CEEntry] | None = None
) -> list[CEEntry]:
    """The same rule as counted_entries_q, over one person's entries (`approved`, from
    approved_entries, when the caller has read them for several certifications)."""
    if approved is None:
        approved = approved_entries(certification.person_id)
    end = certification.expires_on or today
    seen: set[str] = set()
    counted = []
    for entry in approved:
        if not certification.issued_on <= entry.earned_on <= end:
            continue
        if entry.course_key:
            if entry.course_key in seen:
                continue
            seen.add(entry.course_key)
        counted.append(entry)
    return counted[::-1]


def readiness(
    certification: Certification,
    today: date,
    approved: list[CEEntry] | None = None,
    signed: list[tuple[datetime, int]] | None = None,
    facilitated: list[tuple[datetime, int]] | None = None,
) -> Readiness:
    """Where one certification's current cycle stands, with "at this pace" dates. The
    caller may pass the person's approved CE entries, signed sessions and facilitated
    meetings, read once for all their certifications."""
    type = certification.type
    entries = counted_entries(certification, today, approved)
    elapsed = (min(today, certification.expires_on or today) - certification.issued_on).days
    days_left = (certification.expires_on - today).days if certification.expires_on else None

    def requirement(label: str, earned: Decimal, required: Decimal) -> Requirement:
        return Requirement(label, earned, required, _projection(earned, required, elapsed, today))

    total = sum((e.hours for e in entries), ZERO)
    result = Readiness(certification, certification.status(today), days_left, entries=entries)
    if type.ce_hours_required > 0:
        result.requirements.append(requirement("ce", total, type.ce_hours_required))
    for minimum in type.category_minimums.all():
        earned = sum((e.hours for e in entries if e.category == minimum.category), ZERO)
        result.requirements.append(requirement(minimum.category, earned, minimum.hours))
    supervised = supervised_required(certification)
    if supervised:
        earned = supervised_hours(certification, today, signed)
        result.requirements.append(requirement(SUPERVISED, earned, supervised))
    if type.peer_service_hours_required > 0:
        earned = facilitation_hours(certification, today, facilitated)
        result.requirements.append(
            requirement(PEER_SERVICE, earned, type.peer_service_hours_required)
        )
    return result


def supervised_required(certification: Certification) -> Decimal:
    """Supervised hours the cycle needs: a provisional cycle's own count if the type sets
    one, otherwise the type's per cycle."""
    type = certification.type
    if certification.provisional and type.provisional_supervised_hours:
        return type.provisional_supervised_hours
    return type.supervised_hours_required or ZERO


def supervised_hours(
    certification: Certification, today: date, signed: list[tuple[datetime, int]] | None = None
) -> Decimal:
    """Hours of signed supervision held in the cycle, days counted in the person's zone."""
    from supervision.selectors import signed_sessions  # supervision builds on workforce

    if signed is None:
        signed = signed_sessions(certification.person_id)
    return _minutes_in_cycle(certification, today, signed)


def facilitation_hours(
    certification: Certification,
    today: date,
    facilitated: list[tuple[datetime, int]] | None = None,
) -> Decimal:
    """Hours of group meetings the person facilitated in the cycle (logged as held), days
    counted in the person's zone."""
    from groups.selectors import facilitation_minutes  # groups builds on workforce

    if facilitated is None:
        facilitated = facilitation_minutes(certification.person_id)
    return _minutes_in_cycle(certification, today, facilitated)


def _minutes_in_cycle(
    certification: Certification, today: date, rows: list[tuple[datetime, int]]
) -> Decimal:
    zone = zone_of(certification.person.timezone)
    end = min(today, certification.expires_on or today)
    minutes = sum(
        m for at, m in rows if certification.issued_on <= at.astimezone(zone).date() <= end
    )
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def _projection(earned: Decimal, required: Decimal, elapsed: int, today: date) -> date | None:
    if earned >= required or earned <= 0 or elapsed < MIN_DAYS_FOR_PACE:
        return None
    per_day = earned / elapsed
    days = ((required - earned) / per_day).to_integral_value(ROUND_HALF_UP)
    return today + timedelta(days=int(days))
