"""The demo organization that `make run` loads: fictional people, one of each role."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from django.db import transaction

from core import dates
from supervision.models import SupervisorAssignment
from workforce.models import Organization, Role, RoleGrant, StaffProfile, TrainingModule, User
from workforce.training.assignments import assign_required
from workforce.training.catalogue import library_load

DEMO_PASSWORD = "peerwell-demo-password"  # noqa: S105  (demo data only, printed by make run)

ORGANIZATIONS = [
    ("riverside", "Riverside Peer Collective", "America/Chicago"),
    ("northstar", "Northstar Outreach", "America/Los_Angeles"),
]

# (org slug, email, chosen name, pronouns, roles, job title)
PEOPLE = [
    (
        "riverside",
        "admin@riverside.example",
        "Dana Okafor",
        "she/her",
        [Role.ORG_ADMIN],
        "Operations lead",
    ),
    ("riverside", "hr@riverside.example", "Sam Reyes", "they/them", [Role.HR], "People & culture"),
    (
        "riverside",
        "manager@riverside.example",
        "Priya Nair",
        "she/her",
        [Role.PROGRAM_MANAGER],
        "Program manager",
    ),
    (
        "riverside",
        "supervisor@riverside.example",
        "Marcus Bell",
        "he/him",
        [Role.SUPERVISOR, Role.PEER_SPECIALIST],
        "Senior peer specialist",
    ),
    (
        "riverside",
        "specialist@riverside.example",
        "Jo Rivera",
        "she/they",
        [Role.PEER_SPECIALIST],
        "Peer support specialist",
    ),
    (
        "riverside",
        "alex@riverside.example",
        "Alex Kim",
        "he/him",
        [Role.PEER_SPECIALIST],
        "Peer support specialist",
    ),
    (
        "riverside",
        "taylor@riverside.example",
        "Taylor Brooks",
        "",
        [Role.PEER_SPECIALIST],
        "Peer support specialist",
    ),
    (
        "riverside",
        "rosa@riverside.example",
        "Rosa Martín",
        "ella",
        [Role.PEER_SPECIALIST],
        "Especialista de apoyo entre pares",
    ),
    (
        "riverside",
        "lee@riverside.example",
        "Lee Nguyen",
        "they/them",
        [Role.PEER_SPECIALIST],
        "Peer support specialist",
    ),
    (
        "northstar",
        "admin@northstar.example",
        "Morgan Hale",
        "she/her",
        [Role.ORG_ADMIN],
        "Director",
    ),
    (
        "northstar",
        "specialist@northstar.example",
        "Chris Doyle",
        "he/him",
        [Role.PEER_SPECIALIST],
        "Peer mentor",
    ),
]

SUPERVISION = [
    ("supervisor@riverside.example", email)
    for email in (
        "specialist@riverside.example",
        "alex@riverside.example",
        "taylor@riverside.example",
    )
]


# Training taken outside PeerWell: recorded by the learner or from HR's attendance list.
OUTSIDE_TRAINING = [
    {
        "title": "Naloxone and overdose response (county health course)",
        "summary": "A half-day course run by the county health department, with a certificate.",
        "category": "harm_reduction",
        "format": "external",
        "estimated_minutes": 240,
        "ce_hours": Decimal("4"),
        "renewal_months": 24,
    },
    {
        "title": "Monthly reflective practice circle",
        "summary": "A facilitated group where peer staff talk through the weight of the work.",
        "category": "vicarious_trauma",
        "format": "live",
        "estimated_minutes": 90,
        "ce_hours": Decimal("1.5"),
        "renewal_months": None,
    },
]


def _outside_training(organization: Organization) -> None:
    for data in OUTSIDE_TRAINING:
        TrainingModule.objects.get_or_create(
            organization=organization, title=data["title"], defaults=data
        )


@transaction.atomic
def _demo_plan(supervisor, specialist, on, **extra):
    from supervision.scheduling import Plan

    return Plan(
        supervisor=supervisor,
        participants=(specialist,),
        kind="individual",
        format="video",
        link="https://meet.example/peerwell-demo",
        on=on,
        at=time(10, 0),
        timezone=supervisor.timezone,
        duration_minutes=60,
        **extra,
    )


def _demo_supervision(profiles: dict[str, StaffProfile]) -> None:
    """For each supervised pair: a session both signed three weeks ago, one logged last week
    and waiting for signatures, and every other week from next Monday. Taylor's last two were
    five and six weeks ago: overdue, for the compliance page to show."""
    from supervision.logs import facts_digest, session_log, session_sign
    from supervision.models import SupervisionSession
    from supervision.scheduling import session_schedule

    for supervisor_email, specialist_email in SUPERVISION:
        supervisor, specialist = profiles[supervisor_email], profiles[specialist_email]
        today = dates.organization_today(supervisor.organization)
        if SupervisionSession.objects.filter(
            supervisor=supervisor, attendance__person=specialist
        ).exists():
            continue

        held = (
            ((6, True), (5, True))
            if specialist_email.startswith("taylor")
            else ((3, True), (1, False))
        )
        for weeks_ago, signed in held:
            on = today - timedelta(weeks=weeks_ago)
            (session,) = session_schedule(
                actor=supervisor.user,
                plan=_demo_plan(supervisor, specialist, on),
                allow_conflicts=True,
            )
            session = session_log(
                actor=supervisor.user,
                session=session,
                held=True,
                held_at=session.starts_at,
                held_minutes=55,
                topics=["vicarious_trauma", "caseload"],
                notes="Demo notes: only the pair can read these.",
            )
            for person in (supervisor, specialist) if signed else ():
                session_sign(actor=person.user, session=session, digest=facts_digest(session))
        monday = today + timedelta(days=7 - today.weekday())
        session_schedule(
            actor=supervisor.user,
            plan=_demo_plan(supervisor, specialist, monday, every_weeks=2, count=6),
            allow_conflicts=True,
        )


def load_demo() -> list[tuple[str, str]]:
    """Create or refresh the demo data; running it twice changes nothing the second time."""
    orgs = {}
    for slug, name, tz in ORGANIZATIONS:
        orgs[slug], _ = Organization.objects.update_or_create(
            slug=slug, defaults={"name": name, "timezone": tz}
        )
    profiles = {}
    for slug, email, name, pronouns, roles, title in PEOPLE:
        user, _ = User.objects.get_or_create(email=email)
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        language = "es" if email.startswith("rosa@") else "en"
        profile, _ = StaffProfile.objects.update_or_create(
            user=user,
            defaults={
                "organization": orgs[slug],
                "chosen_name": name,
                "pronouns": pronouns,
                "job_title": title,
                "timezone": orgs[slug].timezone,
                "language": language,
            },
        )
        for role in roles:
            RoleGrant.objects.get_or_create(profile=profile, role=role)
        profiles[email] = profile
    for supervisor, specialist in SUPERVISION:
        SupervisorAssignment.objects.get_or_create(
            supervisor=profiles[supervisor],
            specialist=profiles[specialist],
            defaults={
                "organization": profiles[specialist].organization,
                # The organization's date (at 21:00 in Chicago it is already tomorrow in UTC),
                # eight weeks back: the supervision history begins with the assignment.
                "starts_on": dates.organization_today(profiles[specialist].organization)
                - timedelta(weeks=8),
            },
        )
    _demo_supervision(profiles)
    from groups.demo import load_demo_groups

    load_demo_groups(orgs["riverside"], profiles)
    from events.demo import load_demo_events

    load_demo_events(orgs["riverside"], profiles)
    for organization in orgs.values():
        library_load(organization=organization)
        _outside_training(organization)
    for profile in profiles.values():  # what each demo role is required to take
        assign_required(person=profile)
    from workforce.demo_story import load_story

    load_story(orgs["riverside"], profiles)
    return [
        (email, ", ".join(str(Role(r).label) for r in roles)) for _, email, _, _, roles, _ in PEOPLE
    ]
