"""Demo groups for `make run`: a handful across the models, with venues, agreements, a liaison
for each, a few weeks of logged meetings (numbers only), one meeting waiting for its log, a note
for a liaison and a planned visit, and a published public finder (/find/riverside/) where some
groups show their address or link and the others ask people to get in touch. Fictional
throughout; idempotent."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction

from core import dates, ics
from groups import services
from groups.agreements import agreement_save
from groups.liaison import visit_log, visit_plan
from groups.meetings import MeetingLogInput, meeting_log
from groups.models import GroupModel, Liaison, LiaisonVisit, Meeting, SupportGroup, Venue
from selfcare.models import CrisisLine
from workforce.models import Organization, StaffProfile

VENUES = [
    {
        "name": "Eastside Branch Library, community room",
        "area": "Eastside",
        "address": "400 Example Avenue (side door, second floor)",
        "step_free": True,
        "transit": True,
        "quiet_room": True,
    },
    {
        "name": "Lakeview Community Centre",
        "area": "Lakeview, in the next county",
        "address": "12 Sample Road",
        "parking": True,
        "childcare": True,
    },
]

# (name, model key, who for, format, venue index, weekday, time, every, languages, status,
#  lead facilitator, co-facilitator, liaison)
GROUPS = [
    (
        "Trauma and Substance Use Peer Support Group",
        "seeking-safety",
        "Adults living with trauma and substance use, whatever brought them here",
        "in_person",
        0,
        1,
        time(17, 30),
        1,
        ["en"],
        "meeting",
        "specialist@riverside.example",
        "alex@riverside.example",
        "lee@riverside.example",
    ),
    (
        "Thursday Evening SMART Recovery",
        "smart-recovery",
        "Anyone who wants practical tools for recovery",
        "online",
        None,
        3,
        time(19, 0),
        1,
        ["en"],
        "meeting",
        "alex@riverside.example",
        None,
        "taylor@riverside.example",
    ),
    (
        "Círculo de mujeres en recuperación",
        "women-for-sobriety",
        "Mujeres en recuperación / Women in recovery",
        "hybrid",
        1,
        2,
        time(18, 0),
        1,
        ["es", "en"],
        "meeting",
        "rosa@riverside.example",
        None,
        "specialist@riverside.example",
    ),
    (
        "Saturday Morning Twelve Steps",
        "twelve-step",
        "Anyone with a desire to stop using",
        "in_person",
        0,
        5,
        time(10, 0),
        1,
        ["en"],
        "meeting",
        "taylor@riverside.example",
        None,
        "supervisor@riverside.example",
    ),
    (
        "Monday Lunchtime LifeRing",
        "lifering",
        "People building their own recovery plan",
        "online",
        None,
        0,
        time(12, 0),
        1,
        ["en"],
        "forming",
        "lee@riverside.example",
        None,
        "specialist@riverside.example",
    ),
    (
        "Creative Recovery (designed by our peers)",
        "peer-designed",
        "Anyone who'd like to make things together while talking about recovery",
        "in_person",
        1,
        4,
        time(15, 0),
        2,
        ["en"],
        "paused",
        "alex@riverside.example",
        None,
        "lee@riverside.example",
    ),
]

AGREEMENT = [
    "We start and end on time, and anyone can step out when they need to.",
    "We share our own experience, in our own words, when we are ready; passing is always fine.",
    "Who was here and what was said stays here. We know nobody can promise it, so we share "
    "with care.",
    "We don't give advice unless asked. We listen until the person has finished.",
    "If the agreement is broken, the facilitator pauses us; we talk about what happened and "
    "how to put it right, and anyone can go to the liaison.",
    "A return to use is part of many recoveries. Everyone is welcome back.",
]


def _group(org: Organization, manager, venues, row) -> SupportGroup | None:
    (name, key, who, fmt, venue, weekday, at, every, languages, status, *_people) = row
    if SupportGroup.objects.filter(organization=org, name=name).exists():
        return None
    today = dates.organization_today(org)
    data = services.GroupInput(
        name=name,
        model=GroupModel.objects.get(organization=org, key=key),
        who_for=who,
        format=fmt,
        venue=venues[venue] if venue is not None else None,
        online_details="https://meet.example/riverside-smart (password given at the start)"
        if fmt != "in_person"
        else "",
        weekday=weekday,
        start_time=at,
        duration_minutes=90,
        every_weeks=every,
        timezone=org.timezone,
        starts_on=today - timedelta(weeks=6),
        languages=tuple(languages),
        status=status,
        culture="Warm and unhurried. Tea and water are always there.",
    )
    return services.group_create(actor=manager.user, data=data)


def _past_meetings(group: SupportGroup, now: datetime, weeks: int) -> list[Meeting]:
    today = dates.date_in(group.timezone, at=now)
    starts = ics.weekly_between(
        anchor=group.starts_on,
        weekday=group.weekday,
        at=group.start_time,
        zone=group.timezone,
        every_weeks=group.every_weeks,
        since=today - timedelta(weeks=weeks),
        until=today,
    )
    rows = [
        Meeting(
            organization_id=group.organization_id,
            group=group,
            slot=start,
            starts_at=start,
            duration_minutes=group.duration_minutes,
        )
        for start in starts
        if start < now - timedelta(hours=3)
    ]
    Meeting.objects.bulk_create(rows, ignore_conflicts=True)
    return list(Meeting.objects.filter(group=group, slot__in=[r.slot for r in rows]))


def _history(group: SupportGroup, lead: StaffProfile, leave_last: bool) -> None:
    """Four weeks of logged meetings, numbers only; the latest left unlogged if asked."""
    now = dates.now()
    meetings = sorted(_past_meetings(group, now, weeks=4), key=lambda m: m.starts_at)
    if leave_last and meetings:
        meetings = meetings[:-1]
    for n, meeting in enumerate(meetings):
        attended = 5 + (n * 3 + group.pk) % 7
        meeting_log(
            actor=lead.user,
            meeting=meeting,
            at=meeting.ends_at + timedelta(minutes=30),  # logged that evening
            data=MeetingLogInput(
                held=True,
                attended=attended,
                newcomers=n % 3,
                agreement_read=True,
                liaison_note="A member said the side door was locked and they nearly went home."
                if n == 1 and leave_last
                else "",
            ),
        )


# Real national lines (numbers are facts), for the facilitator's meeting page.
CRISIS_LINES = [
    ("988 Suicide & Crisis Lifeline", "Call or text 988", "24/7"),
    ("National Human Trafficking Hotline", "1-888-373-7888, or text 233733", "24/7"),
    ("SAMHSA National Helpline (substance use)", "1-800-662-4357", "24/7"),
]


@transaction.atomic
def load_demo_groups(org: Organization, profiles: dict[str, StaffProfile]) -> None:
    """Riverside's groups, once."""
    services.group_models_ensure(org.pk)
    for position, (name, number, hours) in enumerate(CRISIS_LINES):
        CrisisLine.objects.get_or_create(
            organization=org,
            name=name,
            defaults={"number": number, "hours": hours, "position": position},
        )
    manager = profiles["manager@riverside.example"]
    venues = [
        Venue.objects.get_or_create(organization=org, name=v["name"], defaults=v)[0] for v in VENUES
    ]
    services.finder_save(
        actor=profiles["admin@riverside.example"].user,
        published=True,
        intro="New here? Every group welcomes people who just want to listen.",
        ask_contact="Call or text 555-0100 (weekdays, 9 to 5)",
    )
    for index, row in enumerate(GROUPS):
        group = _group(org, manager, venues, row)
        if group is None:
            continue
        # On the public finder: all but the one still forming. Two show how to get there: the
        # twelve-step group its library address, the online SMART group its meeting link.
        SupportGroup.objects.filter(pk=group.pk).update(
            in_finder=group.status != "forming",
            show_address=index == 3,
            show_online_details=index == 1,
            show_agreement=index == 0,
        )
        lead, co, liaison = (profiles[e] if e else None for e in row[-3:])
        people = [p for p in (lead, co) if p]
        services.facilitators_set(actor=manager.user, group=group, people=people, lead=lead)
        services.liaisons_set(actor=manager.user, group=group, people=[liaison])
        if group.status in ("meeting", "paused"):
            _history(group, lead, leave_last=index == 0)
        if index == 0:
            _demo_agreement_and_visits(group, lead, liaison)


def _demo_agreement_and_visits(group, lead, liaison) -> None:
    today = dates.organization_today(group.organization)
    Liaison.objects.filter(group=group, person=liaison).update(
        contact=f"{liaison.chosen_name}: 555-0142 (work phone, weekdays)"
    )
    agreement_save(actor=lead.user, group=group, items=AGREEMENT, agreed_on=today)
    past = LiaisonVisit.objects.create(
        organization_id=group.organization_id,
        group=group,
        liaison=liaison,
        planned_on=today - timedelta(weeks=2),
    )
    visit_log(
        actor=liaison.user,
        visit=past,
        visited_on=today - timedelta(weeks=2),
        shared_contact=True,
        shared_report_route=True,
        note="Left cards on the table by the door.",
    )
    visit_plan(actor=liaison.user, group=group, on=today + timedelta(weeks=6))
