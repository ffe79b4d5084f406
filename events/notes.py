"""A person's private note after an event ("what helped"), which they can copy into their
self-care plan in one click, and ideas for events, which organizers see as a list."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core import dates
from events import access as events_access
from events.models import NOTE_MAX, EventIdea, EventKind, EventNote, WellnessEvent
from events.services import refuse
from selfcare import plans
from selfcare.models import PlanVersion
from workforce import access

IDEA_MAX = 1000
# The parts of a self-care plan a note can join (selfcare.sections' "What helps").
PLAN_SECTIONS = ("helps_body", "helps_mind", "helps_relationships")


def plan_section_for(event: WellnessEvent) -> str:
    """Where in the plan a note on this kind of event most likely belongs (the person can
    choose another)."""
    if event.kind in (EventKind.MOVEMENT, EventKind.NATURE, EventKind.REST):
        return "helps_body"
    if event.kind in (EventKind.PEER_CIRCLE, EventKind.CELEBRATION):
        return "helps_relationships"
    return "helps_mind"


def note_of(*, actor: object, occurrence_id: object) -> EventNote | None:
    profile = access.require_profile(actor)
    occurrence = events_access.get_occurrence(actor, occurrence_id)
    return EventNote.objects.filter(occurrence=occurrence, person=profile).first()


@transaction.atomic
def note_save(*, actor: object, occurrence_id: object, text: str) -> EventNote | None:
    """Keep (or, given nothing, remove) your own note on an event you could come to, once it
    has begun. Nobody else reads it."""
    profile = access.require_profile(actor)
    occurrence = events_access.get_occurrence(actor, occurrence_id)
    if occurrence.starts_at > dates.now():
        refuse(None, _("You can write what helped once the event has begun."), "not_yet")
    text = (text or "").strip()
    if len(text) > NOTE_MAX:
        refuse("text", _("Keep it under %(n)s characters.") % {"n": NOTE_MAX}, "too_long")
    existing = EventNote.objects.filter(occurrence=occurrence, person=profile)
    if not text:
        existing.delete()
        return None
    note, _created = EventNote.objects.update_or_create(
        occurrence=occurrence,
        person=profile,
        defaults={
            "organization_id": occurrence.organization_id,
            "text": text,
            "updated_at": dates.now(),
        },
    )
    return note


def note_to_plan(*, actor: object, occurrence_id: object, section: str) -> PlanVersion:
    """Copy your note into a "What helps" part of your self-care plan."""
    if section not in PLAN_SECTIONS:
        refuse("section", _("Choose a part of your plan to add it to."), "invalid")
    note = note_of(actor=actor, occurrence_id=occurrence_id)
    if note is None:
        refuse("text", _("Write what helped first, then add it to your plan."), "no_note")
    return plans.plan_add_text(actor=actor, section=section, text=note.text)


def idea_submit(*, actor: object, text: str, kind: str = "", anonymous: bool = False) -> EventIdea:
    """Suggest an event. An anonymous idea keeps no trace of who sent it."""
    profile = access.require_profile(actor)
    text = (text or "").strip()
    if not text:
        refuse("text", _("Write your idea in a few words."), "required")
    if len(text) > IDEA_MAX:
        refuse("text", _("Keep it under %(n)s characters.") % {"n": IDEA_MAX}, "too_long")
    if kind and kind not in EventKind.values:
        refuse("kind", _("Choose a kind of event from the list, or none."), "invalid")
    return EventIdea.objects.create(
        organization_id=profile.organization_id,
        kind=kind,
        text=text,
        author=None if anonymous else profile,
        # The day only, for every idea: an anonymous one between two named ones with their
        # exact minutes would be placed in time, and so perhaps to a person.
        created_at=dates.now().replace(hour=0, minute=0, second=0, microsecond=0),
    )
