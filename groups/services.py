"""Writing groups: models (the presets' editable copies), venues, groups with their schedule,
facilitators and liaisons. Both front doors call these; each checks access itself and refuses
with a ValidationError whose codes clients match on."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time
from typing import NoReturn

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import dates
from groups import access as groups_access
from groups.models import (
    GROUP_LANGUAGES,
    Facilitator,
    Finder,
    GroupFormat,
    GroupModel,
    GroupStatus,
    Liaison,
    SupportGroup,
    Venue,
)
from groups.presets import LABEL_WORDS, PRESETS, SUGGESTED_NAME
from workforce import access
from workforce.models import EmploymentStatus, Role, StaffProfile

GROUP_FIELDS = (
    "name",
    "description",
    "model",
    "who_for",
    "languages",
    "format",
    "venue",
    "show_address",
    "online_details",
    "show_online_details",
    "weekday",
    "start_time",
    "duration_minutes",
    "every_weeks",
    "timezone",
    "starts_on",
    "status",
    "published",
    "in_finder",
    "show_agreement",
    "culture",
    "norms",
    "meeting_flow",
    "liaison_every_weeks",
)
SCHEDULE_FIELDS = ("weekday", "start_time", "duration_minutes", "every_weeks", "timezone")
ACTIVE_STATUSES = (GroupStatus.FORMING, GroupStatus.MEETING)  # the ones that meet


@dataclass(frozen=True)
class GroupInput:
    """A group as the form or the API gives it (model and venue already looked up)."""

    name: str
    model: GroupModel | None
    who_for: str
    format: str
    weekday: int
    start_time: time
    duration_minutes: int
    timezone: str
    starts_on: date
    languages: tuple[str, ...] = ("en",)
    every_weeks: int = 1
    venue: Venue | None = None
    show_address: bool = False
    online_details: str = ""
    show_online_details: bool = False
    status: str = GroupStatus.FORMING
    published: bool = True
    in_finder: bool = False
    show_agreement: bool = False
    description: str = ""
    culture: str = ""
    norms: str = ""
    meeting_flow: str = ""
    liaison_every_weeks: int = 8
    extra: dict = field(default_factory=dict)


# --- models and venues --------------------------------------------------------------------


def group_models_ensure(organization_id: int) -> None:
    """Give the organization its own copy of each preset it doesn't have yet (once), in the
    site's language whoever happens to ask first."""
    with translation.override(settings.LANGUAGE_CODE):
        _copy_presets(organization_id)


def _copy_presets(organization_id: int) -> None:
    have = set(
        GroupModel.objects.filter(organization_id=organization_id).values_list("key", flat=True)
    )
    GroupModel.objects.bulk_create(
        [
            GroupModel(
                organization_id=organization_id,
                key=p.key,
                name=p.name,
                summary=str(p.summary),
                approach=p.approach,
                structured=p.structured,
                gender_specific=p.gender_specific,
                focus=p.focus,
                led_by=p.led_by,
                facts="\n".join(str(f) for f in p.facts),
                meeting_plan="\n".join(str(s) for s in p.meeting_plan),
            )
            for p in PRESETS
            if p.key not in have
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def group_model_save(*, actor: object, model: GroupModel | None, values: dict) -> GroupModel:
    """Edit a model's words and facts (or add one of the organization's own)."""
    profile = _manager(actor)
    if model is None:
        model = GroupModel(organization_id=profile.organization_id)
    elif model.organization_id != profile.organization_id:
        refuse(None, _("That model doesn't exist."), "not_found")
    for name in ("name", "summary", "approach", "structured", "gender_specific", "focus"):
        setattr(model, name, values.get(name, getattr(model, name)))
    for name in ("led_by", "facts", "meeting_plan"):
        setattr(model, name, values.get(name, getattr(model, name)))
    model.full_clean(exclude=["organization", "key"])
    model.save()
    return model


@transaction.atomic
def venue_save(*, actor: object, venue: Venue | None, values: dict) -> Venue:
    profile = _manager(actor)
    if venue is None:
        venue = Venue(organization_id=profile.organization_id)
    elif venue.organization_id != profile.organization_id:
        refuse(None, _("That venue doesn't exist."), "not_found")
    for name, value in values.items():
        if name in VENUE_FIELDS:
            setattr(venue, name, value)
    venue.full_clean(exclude=["organization"])
    venue.save()
    return venue


VENUE_FIELDS = (
    "name",
    "area",
    "address",
    "step_free",
    "transit",
    "parking",
    "childcare",
    "quiet_room",
    "access_notes",
)


def refuse(field: str | None, message: str, code: str) -> NoReturn:
    """Raise a refusal with a code clients match on, on a field when there is one."""
    error = ValidationError(message, code=code)
    raise ValidationError({field: [error]}) if field else error


def _manager(actor: object) -> StaffProfile:
    profile = access.require_profile(actor)
    if not groups_access.can_manage_groups(actor):
        refuse(None, _("Program managers and org admins set up groups."), "not_allowed")
    return profile


# --- names ---------------------------------------------------------------------------------


def label_suggestion(*texts: str) -> str:
    """A gentle suggestion when a name or description uses a crime or victim label (never a
    refusal): many people don't identify as, or know they are, survivors of trafficking,
    and a label on a flyer can keep someone away or put them at risk."""
    found = [w for w in LABEL_WORDS if any(_has_word(w, t) for t in texts)]
    if not found:
        return ""
    return _(
        "A suggestion: “%(word)s” names a crime or a label rather than an experience. Many "
        "people don't see themselves that way, and a label on a flyer can keep someone away "
        "or put them at risk. An experience-focused name, such as “%(example)s”, welcomes "
        "more people. You can keep yours."
    ) % {"word": found[0], "example": SUGGESTED_NAME}


def _has_word(word: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text or "", re.IGNORECASE) is not None


# --- groups ----------------------------------------------------------------------------------


def _group_errors(profile: StaffProfile, data: GroupInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    org = profile.organization_id
    if data.model is None or data.model.organization_id != org:
        errors["model"] = _("Choose one of your organization's group models.")
    if data.venue is not None and data.venue.organization_id != org:
        errors["venue"] = _("Choose one of your organization's venues.")
    if data.format in (GroupFormat.IN_PERSON, GroupFormat.HYBRID) and data.venue is None:
        errors["venue"] = _("Choose where the group meets.")
    online = data.format in (GroupFormat.ONLINE, GroupFormat.HYBRID)
    if online and not (data.online_details or "").strip():
        errors["online_details"] = _("Say how people join online.")
    known = {code for code, _name in GROUP_LANGUAGES}
    if not data.languages or any(code not in known for code in data.languages):
        errors["languages"] = _("Choose at least one language from the list.")
    return errors


def _apply(group: SupportGroup, data: GroupInput) -> None:
    for name in GROUP_FIELDS:
        value = getattr(data, name)
        if isinstance(value, str) and name not in ("format", "status", "timezone"):
            value = value.strip()
        setattr(group, name, value)
    group.languages = list(dict.fromkeys(data.languages))
    if not group.meets_in_person:
        group.venue, group.show_address = None, False
    if not group.meets_online:
        group.online_details, group.show_online_details = "", False


def _validate(group: SupportGroup, errors: dict[str, str]) -> None:
    try:
        group.full_clean(exclude=["organization", "model", "venue", *errors])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, messages[0])
    if errors:
        raise ValidationError(
            {name: ValidationError(message, code="invalid") for name, message in errors.items()}
        )


@transaction.atomic
def group_create(*, actor: object, data: GroupInput) -> SupportGroup:
    """A new group with the starter agreement as its first version, and its first weeks of
    meetings on the calendar. Facilitators and liaisons are chosen next."""
    from groups.agreements import agreement_start
    from groups.meetings import meetings_extend

    profile = _manager(actor)
    group = SupportGroup(organization_id=profile.organization_id)
    errors = _group_errors(profile, data)
    _apply(group, data)
    _validate(group, errors)
    group.save()
    agreement_start(group=group, on=dates.organization_today(profile.organization))
    meetings_extend(group=group)
    return group


@transaction.atomic
def group_update(*, actor: object, group: SupportGroup, data: GroupInput) -> SupportGroup:
    """Change a group's details or schedule. A new schedule replaces the meetings still to
    come (those not logged, moved or cancelled); a paused or ended group's are cancelled."""
    from groups.meetings import meetings_extend, meetings_reschedule

    profile = access.require_profile(actor)
    group = SupportGroup.objects.select_for_update().get(pk=group.pk)
    if not groups_access.can_change_group(actor, group):
        refuse(None, _("You can change the groups you facilitate."), "not_allowed")
    before = {name: getattr(group, name) for name in (*SCHEDULE_FIELDS, "starts_on")}
    was_active = group.status in ACTIVE_STATUSES
    errors = _group_errors(profile, data)
    _apply(group, data)
    _validate(group, errors)
    group.updated_at = timezone.now()
    group.save()
    # Meetings keep their rows (and so their links, calendar entries and reminders) unless the
    # schedule changed, or the group stopped meeting.
    stopped = was_active and group.status not in ACTIVE_STATUSES
    if stopped or any(getattr(group, name) != value for name, value in before.items()):
        meetings_reschedule(group=group)
    meetings_extend(group=group)
    return group


def _lock_own(profile: StaffProfile, group: SupportGroup) -> SupportGroup:
    """The group, locked, if it is the actor's organization's (callers pass a scoped one; this
    says so again where the write happens)."""
    try:
        return SupportGroup.objects.select_for_update().get(
            pk=group.pk, organization_id=profile.organization_id
        )
    except SupportGroup.DoesNotExist:
        refuse(None, _("That group doesn't exist."), "not_found")


def _people(profile: StaffProfile, people: list[StaffProfile], field_name: str) -> None:
    for person in people:
        if person.organization_id != profile.organization_id:
            refuse(field_name, _("Choose people from your organization."), "not_found")
        if person.employment_status == EmploymentStatus.LEFT or not person.user.is_active:
            message = _("%(name)s no longer works here.") % {"name": person.chosen_name}
            refuse(field_name, message, "not_at_work")


@transaction.atomic
def facilitators_set(
    *, actor: object, group: SupportGroup, people: list[StaffProfile], lead: StaffProfile | None
) -> None:
    """Who facilitates the group (peer specialists), and which of them leads."""
    profile = _manager(actor)
    group = _lock_own(profile, group)
    _people(profile, people, "facilitators")
    for person in people:
        if not person.has_role(Role.PEER_SPECIALIST):
            message = _("%(name)s isn't a peer specialist.") % {"name": person.chosen_name}
            refuse("facilitators", message, "not_a_peer")
    liaisons = set(Liaison.objects.filter(group=group).values_list("person_id", flat=True))
    clash = [p for p in people if p.pk in liaisons]
    if clash:
        refuse("facilitators", _liaison_rule(clash[0]), "liaison_facilitates")
    if lead is not None and lead.pk not in {p.pk for p in people}:
        refuse("lead", _("The lead is one of the facilitators."), "invalid")
    lead = lead or (people[0] if people else None)
    Facilitator.objects.filter(group=group).exclude(person__in=people).delete()
    Facilitator.objects.filter(group=group).update(lead=False)
    for person in people:
        Facilitator.objects.update_or_create(
            group=group,
            person=person,
            defaults={"organization_id": group.organization_id, "lead": person == lead},
        )


def _liaison_rule(person: StaffProfile) -> str:
    return _(
        "%(name)s facilitates this group, so can't be its liaison: a liaison is someone "
        "outside the group whom members can talk to about the group itself."
    ) % {"name": person.chosen_name}


@transaction.atomic
def liaisons_set(*, actor: object, group: SupportGroup, people: list[StaffProfile]) -> None:
    """The group's liaisons: staff members who never facilitate it."""
    profile = _manager(actor)
    group = _lock_own(profile, group)
    _people(profile, people, "liaisons")
    for person in people:
        if person.roles <= {Role.HR}:
            message = _(
                "%(name)s works in HR, which sees facilitation hours only: choose someone who "
                "can read the group's records."
            ) % {"name": person.chosen_name}
            refuse("liaisons", message, "hr_only")
    facilitators = set(Facilitator.objects.filter(group=group).values_list("person_id", flat=True))
    clash = [p for p in people if p.pk in facilitators]
    if clash:
        refuse("liaisons", _liaison_rule(clash[0]), "liaison_facilitates")
    Liaison.objects.filter(group=group).exclude(person__in=people).delete()
    # A new liaison reads reports from the hour they start (reports keep the hour only).
    since = timezone.now().replace(minute=0, second=0, microsecond=0)
    for person in people:
        Liaison.objects.get_or_create(
            group=group,
            person=person,
            defaults={"organization_id": group.organization_id, "since": since},
        )


# --- the public group finder -------------------------------------------------------------


@transaction.atomic
def finder_save(*, actor: object, published: bool, intro: str, ask_contact: str) -> Finder:
    """Publish (or take down) the organization's group finder: org admins."""
    profile = access.require_profile(actor)
    if not access.can_manage_organization(actor):
        refuse(None, _("Org admins publish the group finder."), "not_allowed")
    finder, _created = Finder.objects.select_for_update().get_or_create(
        organization_id=profile.organization_id
    )
    finder.published, finder.intro = bool(published), (intro or "").strip()
    finder.ask_contact = (ask_contact or "").strip()
    finder.updated_at = timezone.now()
    finder.full_clean(exclude=["organization"])
    if finder.published and not finder.ask_contact:
        message = _("Say how people ask for an address or a link before publishing.")
        refuse("ask_contact", message, "required")
    finder.save()
    return finder


@transaction.atomic
def group_people_set(
    *,
    actor: object,
    group: SupportGroup,
    facilitators: list[StaffProfile],
    lead: StaffProfile | None,
    liaisons: list[StaffProfile],
) -> None:
    """Facilitators and liaisons in one go, for both doors. Someone may swap roles: first the
    liaisons who will facilitate are dropped, then the facilitators set, then the liaisons,
    so each step keeps the rule that a liaison never facilitates the group."""
    staying = Liaison.objects.filter(group=group).exclude(person__in=facilitators)
    liaisons_set(actor=actor, group=group, people=[row.person for row in staying])
    facilitators_set(actor=actor, group=group, people=list(facilitators), lead=lead)
    liaisons_set(actor=actor, group=group, people=list(liaisons))
