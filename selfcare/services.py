"""Writes for self-care. Every function checks that the caller is the owner."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core import dates
from notifications.models import Channel
from selfcare import access as selfcare_access
from selfcare import schedule as slots
from selfcare.models import CheckIn, CheckInSchedule, Frequency, SupportContact
from selfcare.tokens import InvalidPauseLink, read_pause_token
from workforce import access
from workforce.models import StaffProfile, User
from workforce.validators import available_timezones

PAUSE_CHOICES = {"week": 7, "month": 30}


def checkin_schedule_of(profile: StaffProfile) -> CheckInSchedule:
    """The person's reminder schedule (created switched off the first time it is asked for)."""
    item, _ = CheckInSchedule.objects.get_or_create(
        owner=profile,
        defaults={"organization_id": profile.organization_id, "timezone": profile.timezone},
    )
    item.owner = profile
    return item


@dataclass(frozen=True)
class ScheduleInput:
    enabled: bool
    frequency: str
    weekdays: Iterable[int]
    time_of_day: time
    timezone_name: str
    quiet_start: time | None
    quiet_end: time | None
    paused_until: date | None
    channel: str

    @classmethod
    def from_data(cls, data: dict) -> ScheduleInput:
        """From a form's cleaned_data or a serializer's validated_data (same field names)."""
        return cls(
            enabled=data["enabled"],
            frequency=data["frequency"],
            weekdays=data["weekdays"],
            time_of_day=data["time_of_day"],
            timezone_name=data["timezone"],
            quiet_start=data["quiet_start"],
            quiet_end=data["quiet_end"],
            paused_until=data["paused_until"],
            channel=data["channel"],
        )


def _check(data: ScheduleInput) -> dict[str, str]:
    errors: dict[str, str] = {}
    if data.frequency not in Frequency.values:
        errors["frequency"] = _("Choose how often you'd like a reminder.")
    if data.frequency in (Frequency.WEEKLY, Frequency.FORTNIGHTLY) and not set(data.weekdays):
        errors["weekdays"] = _("Choose at least one day.")
    if any(int(day) not in range(7) for day in data.weekdays):
        errors["weekdays"] = _("Choose days from Monday to Sunday.")
    if data.timezone_name not in available_timezones():
        errors["timezone"] = _("Choose a time zone from the list.")
    if data.channel not in Channel.values:
        errors["channel"] = _("Choose how you'd like to be reminded.")
    if (data.quiet_start is None) != (data.quiet_end is None):
        errors["quiet_end"] = _("Give both a start and an end for quiet hours, or neither.")
    elif slots.time_in_quiet_hours(data.time_of_day, data.quiet_start, data.quiet_end):
        errors["time_of_day"] = _(
            "This time is inside your quiet hours. Pick another time, or change quiet hours."
        )
    return errors


def reschedule(item: CheckInSchedule, *, now: datetime | None = None) -> None:
    """Recompute the next slot from now: a change takes effect for the very next reminder."""
    now = now or timezone.now()
    slot = slots.next_slot(item.rule, now) if item.enabled else None
    item.next_slot_at = slot
    item.next_due_at = slot


@transaction.atomic
def checkin_schedule_update(
    *, actor: User, item: CheckInSchedule, data: ScheduleInput, now: datetime | None = None
) -> CheckInSchedule:
    if access.profile_of(actor) is None or item.owner.user_id != actor.pk:
        raise Http404
    errors = _check(data)
    if errors:
        raise ValidationError(errors)
    today = dates.date_in(data.timezone_name)  # the person's own date, in the zone they chose
    if data.frequency == Frequency.FORTNIGHTLY and item.frequency != Frequency.FORTNIGHTLY:
        item.anchor = today
    item.enabled = data.enabled
    item.frequency = data.frequency
    item.weekdays = data.weekdays
    item.time_of_day = data.time_of_day
    item.timezone = data.timezone_name
    item.quiet_start, item.quiet_end = data.quiet_start, data.quiet_end
    item.paused_until = (
        data.paused_until if data.paused_until and data.paused_until >= today else None
    )
    item.channel = data.channel
    item.updated_at = timezone.now()
    item.full_clean(exclude=["owner", "organization"])
    reschedule(item, now=now)
    item.save()
    return item


@transaction.atomic
def checkin_schedule_pause_by_link(
    *, token: str, choice: str, now: datetime | None = None
) -> CheckInSchedule:
    """Pause from an emailed link, without signing in. Raises InvalidPauseLink for a bad link."""
    claim = read_pause_token(token)
    item = (
        CheckInSchedule.objects.select_for_update()
        .select_related("owner")
        .filter(pk=claim.schedule_id, owner__user_id=claim.user_id)
        .first()
    )
    if item is None:
        raise InvalidPauseLink
    now = now or timezone.now()
    if choice in PAUSE_CHOICES:
        local_today = now.astimezone(item.rule.zone).date()
        item.paused_until = local_today + timedelta(days=PAUSE_CHOICES[choice] - 1)
    else:
        item.enabled = False
    item.updated_at = now
    reschedule(item, now=now)
    item.save()
    return item


SCORE_FIELDS = ("energy", "calm", "sleep", "connection", "boundaries")


@transaction.atomic
def checkin_create(*, actor: User, profile: StaffProfile, data: dict[str, object]) -> CheckIn:
    """Record a check-in for the signed-in person (only ever for themselves)."""
    if access.profile_of(actor) is None or profile.user_id != actor.pk:
        raise Http404
    item = CheckIn(
        organization_id=profile.organization_id,
        owner=profile,
        note=str(data.get("note") or "").strip(),
        **{name: data.get(name) for name in SCORE_FIELDS},
    )
    item.support_requested = bool(data.get("support_requested")) and hasattr(
        profile, "support_contact"
    )
    # An empty check-in would count in the person's own trends as if they had said something;
    # a support request alone still says something, so it is kept.
    said_nothing = not item.note and all(getattr(item, name) is None for name in SCORE_FIELDS)
    if said_nothing and data.get("support_requested") and not item.support_requested:
        raise ValidationError(
            {
                "support_requested": ValidationError(
                    _(
                        "Nobody is set up yet to hear a request for support, so this one "
                        "can't go anywhere. Your supervisor can set someone up; an answer "
                        "or a note here still counts."
                    ),
                    code="no_contact",
                )
            }
        )
    if said_nothing and not item.support_requested:
        raise ValidationError(_("Choose at least one answer, or write a note."), code="empty")
    item.full_clean(exclude=["owner", "organization"])
    item.save()
    if item.support_requested:
        from selfcare.support import request_support

        request_support(item)
    return item


def _own_profile(actor: User) -> StaffProfile:
    profile = access.profile_of(actor)
    if profile is None:
        raise Http404
    return profile


def _delete_checkins(checkins) -> int:
    """Delete check-ins with every trace of their support requests (ledger rows and the
    supporter's in-app note): deleting really deletes."""
    from notifications.models import Delivery, Notification

    subjects = [f"checkin:{pk}" for pk in checkins.values_list("pk", flat=True)]
    deliveries = Delivery.objects.filter(kind="support", subject__in=subjects)
    Notification.objects.filter(delivery__in=deliveries).delete()
    deliveries.delete()
    deleted, _ = checkins.delete()
    return deleted


@transaction.atomic
def checkin_delete(*, actor: User, pk: object) -> None:
    """Delete one of the actor's own check-ins, for real."""
    if not _delete_checkins(CheckIn.objects.filter(owner=_own_profile(actor), pk=pk)):
        raise Http404


@transaction.atomic
def checkins_delete_all(*, actor: User) -> int:
    return _delete_checkins(CheckIn.objects.filter(owner=_own_profile(actor)))


@transaction.atomic
def support_contact_set(*, actor: User, contact_id: object | None) -> SupportContact | None:
    """Choose (or clear) who hears when the actor asks for support."""
    profile = _own_profile(actor)
    SupportContact.objects.filter(owner=profile).delete()
    if contact_id in (None, ""):
        return None
    try:
        contact = selfcare_access.colleagues_for_sharing(actor).get(pk=int(contact_id))
    except (StaffProfile.DoesNotExist, TypeError, ValueError) as exc:
        raise ValidationError({"contact": _("Choose a colleague from your organization.")}) from exc
    return SupportContact.objects.create(owner=profile, contact=contact)


def selfcare_export(*, actor: User) -> dict[str, object]:
    """Everything PeerWell holds about the actor's self-care, for them to keep."""
    from selfcare.plans import plan_of

    profile = _own_profile(actor)
    plan = plan_of(profile)
    schedule = checkin_schedule_of(profile)
    support = SupportContact.objects.filter(owner=profile).select_related("contact").first()
    return {
        "exported_at": timezone.now().isoformat(),
        "person": profile.chosen_name,
        "plan": {
            "last_reviewed_on": plan.last_reviewed_on.isoformat()
            if plan.last_reviewed_on
            else None,
            "versions": [
                {
                    "number": v.number,
                    "saved_at": v.created_at.isoformat(),
                    "restored_from": v.restored_from,
                    "content": v.data,
                }
                for v in plan.versions.order_by("number")
            ],
            "shares": [
                {
                    "with": s.viewer.chosen_name,
                    "from": s.created_at.isoformat(),
                    "until": s.revoked_at.isoformat() if s.revoked_at else None,
                }
                for s in plan.shares.select_related("viewer").order_by("created_at")
            ],
        },
        "checkins": [
            {
                "at": c.created_at.isoformat(),
                **{k: getattr(c, k) for k in SCORE_FIELDS},
                "note": c.note,
                "support_requested": c.support_requested,
            }
            for c in CheckIn.objects.filter(owner=profile).order_by("created_at")
        ],
        "reminders": {
            "enabled": schedule.enabled,
            "frequency": schedule.frequency,
            "weekdays": sorted(schedule.weekdays),
            "time_of_day": schedule.time_of_day.isoformat(),
            "timezone": schedule.timezone,
            "channel": schedule.channel,
            "paused_until": schedule.paused_until.isoformat() if schedule.paused_until else None,
        },
        "support_person": support.contact.chosen_name if support else None,
    }
