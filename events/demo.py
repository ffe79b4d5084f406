"""Demo wellness events for `make run`: a weekly walk, an art afternoon with a few places, an
online quiet hour, and a weekend retreat that needs names (for meals and transport), dated from
the day the demo is seeded, with a few replies and ideas. Fictional throughout; idempotent."""

from __future__ import annotations

from datetime import time, timedelta

from django.db import transaction

from core import dates
from events import notes, services
from events.models import EventIdea, WellnessEvent
from events.replies import reply_set
from workforce.models import Organization, StaffProfile

# (title, kind, days from today, from, until, extra)
EVENTS = [
    (
        "Lunchtime walk by the river",
        "nature",
        2,
        time(12, 0),
        time(12, 45),
        {
            "every_weeks": 1,
            "times": 6,
            "location": "Riverside Park, by the boathouse",
            "access_notes": "Flat paved path; benches every few minutes. Go at your own pace.",
            "description": "A gentle walk and some fresh air. Walk and talk, or walk quietly.",
            "paid_time": True,
        },
    ),
    (
        "Art afternoon: clay and colour",
        "creative",
        5,
        time(14, 0),
        time(16, 0),
        {
            "location": "Community room, second floor",
            "capacity": 8,
            "description": "No skill needed. Materials and tea provided.",
        },
    ),
    (
        "Quiet room hour",
        "rest",
        3,
        time(16, 0),
        time(17, 0),
        {
            "place": "online",
            "online_link": "https://meet.example/peerwell-quiet-hour",
            "description": "Cameras optional. A guided breathing start, then quiet time.",
            "every_weeks": 2,
            "times": 4,
        },
    ),
    (
        "Weekend retreat at the lake",
        "rest",
        16,
        time(10, 0),
        time(15, 0),
        {
            "ends_on_days": 17,
            "location": "Lakeside retreat house",
            "access_notes": "Step-free rooms on the ground floor. Quiet room available.",
            "capacity": 12,
            "shares_names": True,
            "names_reason": "for meals and the shared van",
            "content_note": "One session talks about grief and loss; you can step out anytime.",
            "paid_time": True,
        },
    ),
]


def load_demo_events(org: Organization, profiles: dict[str, StaffProfile]) -> None:
    """Riverside's events, once."""
    manager = profiles["manager@riverside.example"]
    today = dates.organization_today(org)
    with transaction.atomic():
        for title, kind, days, start, end, extra in EVENTS:
            if WellnessEvent.objects.filter(organization=org, title=title).exists():
                continue
            extra = dict(extra)
            ends_on_days = extra.pop("ends_on_days", None)
            data = services.EventInput(
                title=title,
                kind=kind,
                starts_on=today + timedelta(days=days),
                ends_on=today + timedelta(days=ends_on_days) if ends_on_days else None,
                start_time=start,
                end_time=end,
                timezone=org.timezone,
                place=extra.pop("place", "in_person"),
                **extra,
            )
            event = services.event_create(
                actor=manager.user, data=data, organizers=[profiles["supervisor@riverside.example"]]
            )
            _replies(event, profiles)
    if not EventIdea.objects.filter(organization=org).exists():
        notes.idea_submit(
            actor=profiles["alex@riverside.example"].user,
            text="A cooking night where we make one big meal together.",
            kind="celebration",
        )
        notes.idea_submit(
            actor=profiles["taylor@riverside.example"].user,
            text="Chair yoga before the Monday team meeting.",
            kind="movement",
            anonymous=True,
        )


def _replies(event: WellnessEvent, profiles: dict[str, StaffProfile]) -> None:
    first = event.occurrences.order_by("number").first()
    for email, answer in (
        ("specialist@riverside.example", "going"),
        ("alex@riverside.example", "maybe"),
        ("taylor@riverside.example", "going"),
    ):
        reply_set(actor=profiles[email].user, occurrence_id=first.pk, answer=answer)
