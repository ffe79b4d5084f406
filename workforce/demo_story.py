"""The demo's story, so that someone evaluating PeerWell finds every capability at work rather
than empty pages: certifications in each state (current, due within 30 and 60 days, expired,
waiting for HR, renewed), CE hours approved and waiting for review, modules finished with
certificates whose codes work on /verify/, training overdue and due soon, and a written
self-care plan for Jo (Alex's is still empty). Dated from the day it is seeded; each part
is written once, so running the demo again duplicates nothing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from core import dates
from selfcare.models import CheckIn, PlanVersion
from selfcare.plans import plan_save
from supervision.models import SupervisorAssignment
from workforce.certifications import services as certifications
from workforce.models import (
    Assignment,
    CEEntry,
    Certification,
    CertificationType,
    Completion,
    CompletionSource,
    Organization,
    Role,
    RoleGrant,
    StaffProfile,
    TrainingModule,
    User,
)
from workforce.training.learning import completion_create

# What each demo login can try first (`make run` prints it beside the login).
HINTS = {
    "admin@riverside.example": "the organization's settings (under Team); the group finder",
    "hr@riverside.example": "the roster: expiring, expired, one to verify; CE hours to review",
    "manager@riverside.example": "supervision compliance (Taylor is overdue); events; groups",
    "supervisor@riverside.example": "your team's sessions to log and sign; a group you facilitate",
    "specialist@riverside.example": "your self-care plan and card; certificates; reply to an event",
    "alex@riverside.example": "training overdue; a certification due within 30 days; an empty plan",
    "taylor@riverside.example": "a check-in; training due soon; a place on the art afternoon",
    "rosa@riverside.example": "PeerWell in Spanish; a certification waiting for HR",
    "lee@riverside.example": "an expired certification, and what renewing it needs",
    "admin@northstar.example": "another organization: nothing of Riverside's is here",
    "specialist@northstar.example": "another organization's specialist",
}

PLAN = {
    "crisis_steps": "Step outside and breathe slowly for two minutes.\nText Sam.\n"
    "Go to the library's quiet room.",
    "warning_signs": "I stop answering friends. I can't switch off after a hard call.",
    "helps_body": "A walk by the river at lunch. Early nights on Sundays.",
    "helps_mind": "Writing three lines before bed. My Thursday meeting.",
    "helps_relationships": "Calling my sister. Cooking with my roommate.",
}


# Colleagues without a demo login, so that team wellbeing has enough people to show figures:
# (chosen name, whose team: "marcus" (the demo supervisor's), "ana" (a team of two), or "").
COLLEAGUES = [
    ("Bea Costa", "marcus"),
    ("Omar Haddad", "marcus"),
    ("Nia Walker", "marcus"),
    ("Ravi Shah", "marcus"),
    ("Ana Torres", ""),  # a supervisor: her team is small, so it stays hidden
    ("Kit Moreno", "ana"),
    ("Eli Park", "ana"),
    ("June Adler", ""),
]
CHECKIN_WEEKS = 4


def load_story(org: Organization, profiles: dict[str, StaffProfile]) -> None:
    today = dates.organization_today(org)
    people = {email.split("@")[0]: p for email, p in profiles.items() if p.organization == org}
    _wellbeing(org, people, today)
    _certifications(org, people, today)
    _ce_hours(org, people, today)
    _training(org, people, today)
    if not PlanVersion.objects.filter(plan__owner=people["specialist"]).exists():
        plan_save(actor=people["specialist"].user, content=PLAN, reviewed=True)


def _wellbeing(org: Organization, people: dict, today: date) -> None:
    """Everyone has been on staff for a year; Marcus's team (seven) shows its weekly figures,
    Ana's (two) stays hidden; most people checked in twice a week for the last four weeks."""
    year_ago = dates.now() - timedelta(days=365)
    colleagues = {name: _colleague(org, name) for name, _team in COLLEAGUES}
    ana = colleagues["Ana Torres"]
    RoleGrant.objects.get_or_create(profile=ana, role=Role.SUPERVISOR)
    leads = {"marcus": people["supervisor"], "ana": ana}
    for name, team in COLLEAGUES:
        if team:
            SupervisorAssignment.objects.get_or_create(
                supervisor=leads[team],
                specialist=colleagues[name],
                defaults={"organization": org, "starts_on": today - timedelta(weeks=8)},
            )
    _met_last_week(leads, colleagues, today)
    staff = [*people.values(), *colleagues.values()]
    StaffProfile.objects.filter(pk__in=[p.pk for p in staff], created_at__gt=year_ago).update(
        created_at=year_ago
    )
    if CheckIn.objects.filter(owner__in=colleagues.values()).exists():
        return
    # Who checks in: all but one of each group, so a figure never means "everyone".
    checking = [p for p in staff if p.user.email.split("@")[0] not in ("admin", "hr", "manager")]
    checking = [p for p in checking if p.chosen_name not in ("Ravi Shah", "June Adler")]
    zone = dates.zone(org.timezone)
    monday = today - timedelta(days=today.weekday())
    rows = []
    for week in range(1, CHECKIN_WEEKS + 1):
        for n, person in enumerate(checking):
            for day in (1, 3):  # Tuesday and Thursday mornings
                at = datetime.combine(monday - timedelta(weeks=week, days=-day), time(9, 30))
                scores = {
                    key: (n * 3 + week * 2 + day + k * 4) % 5 + 1
                    for k, key in enumerate(("energy", "calm", "sleep", "connection", "boundaries"))
                }
                rows.append(
                    CheckIn(
                        organization=org,
                        owner=person,
                        created_at=at.replace(tzinfo=zone),
                        **scores,
                    )
                )
    CheckIn.objects.bulk_create(rows)


def _met_last_week(leads: dict, colleagues: dict, today: date) -> None:
    """The colleagues met their supervisor last week (only Taylor is overdue in the demo)."""
    from supervision.logs import session_log
    from supervision.models import SupervisionSession
    from supervision.scheduling import Plan, session_schedule

    for name, team in COLLEAGUES:
        person, lead = colleagues[name], leads.get(team)
        if lead is None or SupervisionSession.objects.filter(attendance__person=person).exists():
            continue
        plan = Plan(
            supervisor=lead,
            participants=(person,),
            kind="individual",
            format="in_person",
            location="Riverside office, room 2",
            on=today - timedelta(days=8),
            at=time(14, 0),
            timezone=lead.timezone,
            duration_minutes=60,
        )
        (session,) = session_schedule(actor=lead.user, plan=plan, allow_conflicts=True)
        session_log(
            actor=lead.user,
            session=session,
            held=True,
            held_at=session.starts_at,
            held_minutes=60,
            topics=["caseload"],
        )


def _colleague(org: Organization, name: str) -> StaffProfile:
    email = name.lower().replace(" ", ".") + "@riverside.example"
    user, created = User.objects.get_or_create(email=email)
    if created:
        user.set_unusable_password()
        user.save()
    profile, _ = StaffProfile.objects.get_or_create(
        user=user,
        defaults={
            "organization": org,
            "chosen_name": name,
            "timezone": org.timezone,
            "job_title": "Peer support specialist",
        },
    )
    RoleGrant.objects.get_or_create(profile=profile, role=Role.PEER_SPECIALIST)
    return profile


def _certifications(org: Organization, people: dict, today: date) -> None:
    if Certification.objects.filter(organization=org).exists():
        return
    hr = people["hr"].user
    certifications.certification_presets_install(actor=hr, keys=["state-cps", "cpr-first-aid"])
    cps = CertificationType.objects.get(organization=org, preset_key="state-cps")
    cpr = CertificationType.objects.get(organization=org, preset_key="cpr-first-aid")
    held = [  # (who, type, issued days ago, expires in days)
        ("specialist", cps, 300, 430),  # current
        ("alex", cpr, 700, 20),  # due within 30 days
        ("taylor", cpr, 680, 50),  # due within 60 days
        ("lee", cpr, 760, -10),  # expired
    ]
    for who, kind, issued, expires in held:
        certifications.certification_add(
            actor=hr,
            person=people[who],
            type=kind,
            issued_on=today - timedelta(days=issued),
            expires_on=today + timedelta(days=expires),
            credential_number=f"DEMO-{people[who].pk:04d}",
        )
    # Marcus renewed: the first cycle stays as history.
    first = certifications.certification_add(
        actor=hr,
        person=people["supervisor"],
        type=cps,
        issued_on=today - timedelta(days=3 * 365),
        expires_on=today - timedelta(days=365),
        credential_number="DEMO-CPS-1",
    )
    certifications.certification_renew(
        actor=hr,
        certification=first,
        issued_on=today - timedelta(days=370),
        expires_on=today + timedelta(days=360),
    )
    # Rosa added hers herself: it waits for HR to verify it.
    certifications.certification_add(
        actor=people["rosa"].user,
        person=people["rosa"],
        type=cps,
        issued_on=today - timedelta(days=30),
        credential_number="DEMO-ROSA",
    )


def _ce_hours(org: Organization, people: dict, today: date) -> None:
    if CEEntry.objects.filter(organization=org, source="external").exists():
        return
    certifications.ce_entry_add(
        actor=people["hr"].user,
        person=people["specialist"],
        title="Motivational interviewing refresher",
        provider="Midwest Peer Alliance",
        earned_on=today - timedelta(days=40),
        hours=Decimal("6"),
        category="general",
    )
    certifications.ce_entry_add(
        actor=people["specialist"].user,
        person=people["specialist"],
        title="Trauma-informed care webinar",
        provider="State Peer Network",
        earned_on=today - timedelta(days=5),
        hours=Decimal("2"),
        category="general",
    )


def _training(org: Organization, people: dict, today: date) -> None:
    """Jo and Marcus finished two modules (certificates with working codes); Alex has one
    overdue, Taylor one due in five days."""
    if Completion.objects.filter(organization=org).exists():
        return
    modules = list(
        TrainingModule.objects.filter(organization=org, format="in_app", archived_at=None).order_by(
            "title"
        )[:2]
    )
    for who, days_ago in (("specialist", 20), ("supervisor", 45)):
        for module in modules:
            completion_create(
                person=people[who],
                module=module,
                completed_on=today - timedelta(days=days_ago),
                source=CompletionSource.IN_APP,
            )
    for who, due in (("alex", -12), ("taylor", 5)):
        open_one = (
            Assignment.objects.filter(person=people[who], completion__isnull=True)
            .order_by("pk")
            .first()
        )
        if open_one is not None:
            Assignment.objects.filter(pk=open_one.pk).update(due_on=today + timedelta(days=due))
