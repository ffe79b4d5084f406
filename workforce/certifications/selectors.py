"""Certification reads, already scoped: the roster (status, days to expiry and readiness
computed in SQL), who is missing a required credential, and one person's certifications."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast

from core import versions
from groups.selectors import facilitation_minutes
from supervision.selectors import signed_sessions
from workforce import access
from workforce.certifications import access as certification_access
from workforce.certifications.readiness import (
    Readiness,
    approved_entries,
    readiness,
    supervised_required,
    with_stored_ce_hours,
)
from workforce.models import (
    CEEntry,
    Certification,
    CertificationRequirement,
    CertificationStatus,
    CertificationType,
    CEStatus,
    EmploymentStatus,
    Role,
    RoleGrant,
    StaffProfile,
)

PAGE_SIZE = 50
# What the roster's cached pages rest on (core.versions).
ROSTER_TOPICS = ("people", "certifications")
KEPT_HORIZONS = (None, 30, 60, 90)  # "expiring within" values whose pages are kept
SORTS = {
    "name": ("person__chosen_name", "type__name", "id"),
    "expiry": (F("expires_on").asc(nulls_last=True), "person__chosen_name", "id"),
    "readiness": ("readiness", F("expires_on").asc(nulls_last=True), "id"),
}


def status_case(today: date) -> Case:
    """Certification.status() in SQL, so the roster can filter and sort on it."""
    return Case(
        When(revoked_at__isnull=False, then=Value(CertificationStatus.REVOKED.value)),
        When(expires_on__lt=today, then=Value(CertificationStatus.EXPIRED.value)),
        When(verified_at__isnull=True, then=Value(CertificationStatus.PENDING.value)),
        When(notice_on__lte=today, then=Value(CertificationStatus.EXPIRING.value)),
        default=Value(CertificationStatus.ACTIVE.value),
        output_field=CharField(),
    )


def roster(
    *,
    user: object,
    today: date,
    role: str = "",
    status: str = "",
    type: str = "",
    expiring_within: int | None = None,
    sort: str = "expiry",
) -> QuerySet[Certification]:
    """Each person's current cycle of each credential, for people still working here, with
    `state`, `ce_earned`, `ce_<category>` and `readiness` (percent of CE hours) annotated.
    Sorting by readiness reads the stored `ce_counted`; the per-category sums run only for
    the rows read (roster_page)."""
    rows = (
        certification_access.certifications_visible_to(user)
        .filter(current_cycle(), person__user__is_active=True)
        .exclude(person__employment_status=EmploymentStatus.LEFT)
    )
    if role in Role.values:
        rows = rows.filter(Exists(RoleGrant.objects.filter(profile=OuterRef("person"), role=role)))
    if _digits(type):
        rows = rows.filter(type_id=int(type))
    if expiring_within is not None:
        horizon = today + timedelta(days=min(max(0, expiring_within), 36_500))
        rows = rows.filter(expires_on__gte=today, expires_on__lte=horizon, revoked_at__isnull=True)
    rows = with_stored_ce_hours(rows, today).annotate(
        state=status_case(today),
        readiness=Case(
            When(type__ce_hours_required=0, then=Value(100.0)),
            # Floats on both sides: SQLite would divide whole numbers (1 of 3 → 33).
            default=Cast(F("ce_earned"), FloatField())
            * Value(100.0)
            / Cast(F("type__ce_hours_required"), FloatField()),
            output_field=FloatField(),
        ),
    )
    if status in CertificationStatus.values:
        rows = rows.filter(state=status)
    return (
        rows.select_related("person", "type")
        .defer("person__emergency_contact")  # encrypted, never shown here: don't decrypt it
        .order_by(*SORTS.get(sort, SORTS["expiry"]))
    )


def current_cycle() -> Q:
    """Not renewed yet. As NOT EXISTS, not `renewed_by__isnull` (a LEFT JOIN … IS NULL that
    PostgreSQL estimates at one row, then joins everything else row by row: the roster's
    page went from 468 to 142 ms, bench/certification_roster.py)."""
    return ~Q(Exists(Certification.objects.filter(previous=OuterRef("pk"))))


@dataclass
class RosterPage:
    page: Page
    kept: versions.Kept  # where the page's rendered table is kept with its rows


def roster_page(*, user: object, today: date, number: object, **filters: object) -> RosterPage:
    """A page of `roster(user=user, today=today, **filters)`: its ids from the sorted rows
    (no CE sub-queries for the rows OFFSET skips), then those rows with all their
    annotations (last page: 1.4 s → 0.19 s). Both are kept until certifications or staff
    change: counting 22,400 current credentials took 22 ms of every request."""
    filters = roster_filters(**filters)
    viewer = access.require_profile(user)
    # Kept by the people the viewer may read, not the viewer: every reader of the whole
    # organization shares the figures, and the first computes them for all. Anyone else's
    # people follow their supervision, which these figures don't rest on: computed.
    scope = access.people_scope(user)
    key = ":".join(str(value) for value in ("roster", scope, today, *filters.values()))
    # The filters people use are kept; any other (a key for each would let anyone fill the
    # cache) is computed each time.
    ordinary = filters["expiring_within"] in KEPT_HORIZONS and (
        not filters["type"]
        or CertificationType.objects.filter(
            organization_id=viewer.organization_id, pk=int(filters["type"])
        ).exists()
    )
    kept = versions.Kept(
        key, viewer.organization_id, ROSTER_TOPICS, keep=ordinary and scope is not None
    )

    def rows() -> QuerySet[Certification]:
        return roster(user=user, today=today, **filters)

    def page_rows(ids: list[int]) -> list[Certification]:
        # Names only of the people: what is kept (core.versions) holds nothing else of theirs.
        personal = ("legal_name", "pronouns", "certificate_name", "phone", "start_date")
        read = rows().filter(pk__in=ids).defer(*(f"person__{name}" for name in personal))
        by_id = {row.pk: row for row in read}
        return [by_id[pk] for pk in ids]

    ids = kept.part("ids").get(lambda: list(rows().values_list("pk", flat=True)))
    page = Paginator(ids, PAGE_SIZE).get_page(number)
    chosen = list(page.object_list)
    kept = kept.part(page.number)
    page.object_list = kept.part("rows").get(lambda: page_rows(chosen))
    return RosterPage(page, kept.part("html"))


def _digits(value: object) -> bool:
    """A whole number written in ASCII digits ("²" is a digit to str.isdigit, not to int)."""
    return isinstance(value, str) and value.isascii() and value.isdigit()


def roster_filters(
    *,
    role: object = "",
    status: object = "",
    type: object = "",
    expiring_within: object = None,
    sort: object = "expiry",
) -> dict[str, object]:
    """The roster's filters as roster() reads them (anything else is no filter)."""
    return {
        "role": role if role in Role.values else "",
        "status": status if status in CertificationStatus.values else "",
        "type": str(int(type)) if _digits(type) else "",
        "expiring_within": expiring_within if isinstance(expiring_within, int) else None,
        "sort": sort if sort in SORTS else "expiry",
    }


@dataclass
class Missing:
    person: StaffProfile
    type: CertificationType
    # Their latest cycle (expired, revoked, or not verified by HR yet); None if never held.
    lapsed: Certification | None
    state: str = ""  # the latest cycle's status today ("" if never held)


def missing_required(*, user: object, today: date, role: str = "") -> list[Missing]:
    """People whose role requires a credential they hold no valid, verified cycle of, with
    their latest cycle if any (expired, revoked, or waiting for HR to verify it: until HR has
    seen the credential, it doesn't count for an auditor). Two queries per required type (an
    organization has a handful), whatever the number of people."""
    types = (
        certification_access.certification_types_visible_to(user)
        .filter(archived_at__isnull=True, requirements__isnull=False)
        .prefetch_related("requirements")
        .distinct()
        .order_by("name")
    )
    people = (
        access.people_visible_to(user)
        .filter(user__is_active=True)
        .exclude(employment_status=EmploymentStatus.LEFT)
    )
    if role in Role.values:
        people = people.filter(role_grants__role=role)
    valid = Certification.objects.filter(
        current_cycle(), person=OuterRef("pk"), revoked_at__isnull=True, verified_at__isnull=False
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
    last = Certification.objects.filter(current_cycle(), person=OuterRef("pk")).order_by(
        "-issued_on", "-id"
    )
    result = []
    for required in types:
        roles = [r.role for r in required.requirements.all()]
        lacking = list(
            people.filter(role_grants__role__in=roles)
            .filter(~Exists(valid.filter(type=required)))
            .annotate(lapsed_id=Subquery(last.filter(type=required).values("pk")[:1]))
            .distinct()
            .order_by("chosen_name", "id")
        )
        lapsed = Certification.objects.in_bulk([p.lapsed_id for p in lacking if p.lapsed_id])
        for person in lacking:
            cycle = lapsed.get(person.lapsed_id)
            state = cycle.status(today) if cycle else ""
            result.append(Missing(person=person, type=required, lapsed=cycle, state=state))
    return result


def required_types_for(person: StaffProfile) -> QuerySet[CertificationType]:
    return CertificationType.objects.filter(
        organization_id=person.organization_id,
        archived_at__isnull=True,
        requirements__role__in=person.roles,
    ).distinct()


@dataclass
class PersonCertifications:
    current: list[Readiness]
    history: list[Certification]
    missing: list[CertificationType]
    ce_entries: list[CEEntry]


def person_certifications(
    *, user: object, person: StaffProfile, today: date
) -> PersonCertifications:
    """Everything on a person's certification page, as `user` may see it."""
    held = list(
        certification_access.certifications_visible_to(user)
        .filter(person=person)
        .select_related("type", "verified_by")
        .prefetch_related("type__category_minimums", "evidence")
        .order_by("type__name", "-issued_on")
    )
    current = [c for c in held if not _renewed(c, held)]
    valid_types = {
        c.type_id
        for c in current
        if c.revoked_at is None and (c.expires_on is None or c.expires_on >= today)
    }
    approved = approved_entries(person.pk) if current else []
    signed = signed_sessions(person.pk) if any(supervised_required(c) for c in current) else []
    facilitated = (
        facilitation_minutes(person.pk)
        if any(c.type.peer_service_hours_required for c in current)
        else []
    )
    for certification in held:
        certification.person = person  # readiness reads their time zone
    return PersonCertifications(
        current=[readiness(c, today, approved, signed, facilitated) for c in current],
        history=[c for c in held if c not in current],
        missing=[t for t in required_types_for(person) if t.pk not in valid_types],
        ce_entries=list(
            certification_access.ce_entries_visible_to(user)
            .filter(person=person)
            .order_by("-earned_on", "-id")
        ),
    )


def _renewed(certification: Certification, held: list[Certification]) -> bool:
    return any(other.previous_id == certification.pk for other in held)


def requirement_roles(type: CertificationType) -> list[str]:
    return [r.role for r in CertificationRequirement.objects.filter(type=type)]


@dataclass
class DashboardSummary:
    held: int  # current, valid cycles the person holds
    next_expiry: Certification | None
    missing: int  # credentials their role asks for that they don't hold
    expiring_60: int | None = None  # the roster, for those who see it
    missing_everyone: int | None = None
    ce_waiting: int | None = None  # outside CE hours waiting for HR


def dashboard_summary(*, user: object, person: StaffProfile, today: date) -> DashboardSummary:
    """The home page's certification lines: constant queries, and for those who see the
    roster, its organization-wide counts kept until certifications or staff change."""
    valid = list(
        Certification.objects.filter(current_cycle(), person=person, revoked_at__isnull=True)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .select_related("type")
    )
    held_types = {certification.type_id for certification in valid}
    expiring = [certification for certification in valid if certification.expires_on]
    summary = DashboardSummary(
        held=len(held_types),
        next_expiry=min(expiring, key=lambda c: (c.expires_on, c.pk), default=None),
        missing=required_types_for(person).exclude(pk__in=held_types).count(),
    )
    if certification_access.can_view_roster(user):
        viewer = access.require_profile(user)
        scope = access.people_scope(user)
        kept = versions.Kept(
            f"roster-home:{scope}:{today}",
            viewer.organization_id,
            ROSTER_TOPICS,
            keep=scope is not None,
        )
        summary.expiring_60, summary.missing_everyone = kept.get(
            lambda: (
                roster(user=user, today=today, expiring_within=60).count(),
                len(missing_required(user=user, today=today)),
            )
        )
    if certification_access.can_manage_certifications(user):
        summary.ce_waiting = (
            certification_access.ce_entries_visible_to(user).filter(status=CEStatus.PENDING).count()
        )
    return summary
