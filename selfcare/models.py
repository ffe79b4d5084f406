"""Self-care: owned by the specialist. Nothing here is ever shown to their employer."""

from __future__ import annotations

from datetime import time

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from core import dates
from core.versions import VersionedQuerySet
from notifications.models import Channel
from selfcare import schedule
from workforce.fields import EncryptedTextField
from workforce.models import Organization, StaffProfile
from workforce.validators import validate_timezone

NOTE_MAX_LENGTH = 2000


class Frequency(models.TextChoices):
    DAILY = schedule.DAILY, _("Every day")
    WEEKDAYS = schedule.WEEKDAYS, _("Weekdays (Monday to Friday)")
    WEEKLY = schedule.WEEKLY, _("Every week, on the days I choose")
    FORTNIGHTLY = schedule.FORTNIGHTLY, _("Every two weeks, on the days I choose")


WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class CheckInSchedule(models.Model):
    """When (and whether) a specialist wants check-in reminders. Off until they turn it on."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    owner = models.OneToOneField(
        StaffProfile, on_delete=models.CASCADE, related_name="checkin_schedule"
    )
    enabled = models.BooleanField(_("send me check-in reminders"), default=False)
    frequency = models.CharField(
        _("how often"), max_length=12, choices=Frequency.choices, default=Frequency.WEEKDAYS
    )
    weekdays_mask = models.PositiveSmallIntegerField(default=0, help_text="Bit 0 is Monday.")
    time_of_day = models.TimeField(_("time of day"), default=time(9, 0))
    timezone = models.CharField(_("time zone"), max_length=64, validators=[validate_timezone])
    quiet_start = models.TimeField(
        _("quiet hours start"), null=True, blank=True, default=time(21, 0)
    )
    quiet_end = models.TimeField(_("quiet hours end"), null=True, blank=True, default=time(7, 0))
    paused_until = models.DateField(_("pause until"), null=True, blank=True)
    channel = models.CharField(
        _("how to remind me"), max_length=8, choices=Channel.choices, default=Channel.IN_APP
    )
    anchor = models.DateField(default=dates.site_today)  # services pass the person's date
    next_slot_at = models.DateTimeField(
        null=True, blank=True, help_text="The next reminder's slot (UTC)."
    )
    next_due_at = models.DateTimeField(
        null=True, blank=True, help_text="When dispatch sends it (UTC)."
    )
    updated_at = models.DateTimeField(default=now)

    class Meta:
        indexes = [
            # dispatch: the schedules due now, across all organizations.
            models.Index(
                fields=["next_due_at"], name="checkin_schedule_due_idx", condition=Q(enabled=True)
            ),
        ]

    def __str__(self) -> str:
        return f"check-in reminders of {self.owner_id}"

    @property
    def weekdays(self) -> frozenset[int]:
        return frozenset(day for day in range(7) if self.weekdays_mask & (1 << day))

    @weekdays.setter
    def weekdays(self, days: object) -> None:
        self.weekdays_mask = sum(1 << int(day) for day in set(days))  # type: ignore[union-attr]

    @property
    def rule(self) -> schedule.Rule:
        return schedule.Rule(
            frequency=self.frequency,
            weekdays=self.weekdays,
            time_of_day=self.time_of_day,
            tz=self.timezone,
            anchor=self.anchor,
            quiet_start=self.quiet_start,
            quiet_end=self.quiet_end,
            paused_until=self.paused_until,
        )


SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class CheckIn(models.Model):
    """A short wellness check-in. Private to its owner; only ever counted in aggregates."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="checkins")
    energy = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCORE_VALIDATORS)
    calm = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCORE_VALIDATORS)
    sleep = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCORE_VALIDATORS)
    connection = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=SCORE_VALIDATORS
    )
    boundaries = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=SCORE_VALIDATORS
    )
    note = EncryptedTextField(blank=True, validators=[MaxLengthValidator(NOTE_MAX_LENGTH)])
    support_requested = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The owner's history, newest first.
            models.Index(fields=["owner", "-created_at"], name="checkin_owner_idx"),
            # Aggregates: one organization's check-ins by week.
            models.Index(fields=["organization", "created_at"], name="checkin_org_week_idx"),
        ]

    def __str__(self) -> str:
        return f"check-in {self.pk} of {self.owner_id}"


class SelfCarePlan(models.Model):
    """One living plan per person; every save is a PlanVersion they can look back at."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    owner = models.OneToOneField(
        StaffProfile, on_delete=models.CASCADE, related_name="selfcare_plan"
    )
    last_reviewed_on = models.DateField(null=True, blank=True)
    review_every_days = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=[(30, _("Every month")), (90, _("Every three months"))]
    )
    next_review_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        indexes = [
            # dispatch: plans whose gentle review reminder is due.
            models.Index(
                fields=["next_review_at"],
                name="plan_review_due_idx",
                condition=Q(next_review_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"self-care plan of {self.owner_id}"


class PlanVersion(models.Model):
    """A saved state of a plan. Content is one encrypted JSON document (see selfcare/plan.py)."""

    plan = models.ForeignKey(SelfCarePlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content = EncryptedTextField()
    restored_from = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="planversion_unique_number"),
        ]

    def __str__(self) -> str:
        return f"version {self.number} of plan {self.plan_id}"

    @property
    def data(self) -> dict:
        import json

        return json.loads(self.content) if self.content else {}


class PlanShare(models.Model):
    """The owner lets one colleague read the current plan, until they revoke it."""

    plan = models.ForeignKey(SelfCarePlan, on_delete=models.CASCADE, related_name="shares")
    viewer = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="plans_shared_with_me"
    )
    created_at = models.DateTimeField(default=now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "viewer"],
                condition=Q(revoked_at__isnull=True),
                name="planshare_one_active_per_viewer",
            ),
        ]
        # "Plans shared with me right now" for the viewer.
        indexes = [
            models.Index(
                fields=["viewer", "plan"],
                name="planshare_viewer_idx",
                condition=Q(revoked_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"plan {self.plan_id} shared with {self.viewer_id}"


class PlanPrompt(models.Model):
    """An organization's own wording for one section's prompt."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    section = models.CharField(max_length=40)
    prompt = models.TextField(max_length=1000, validators=[MaxLengthValidator(1000)])

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "section"], name="planprompt_unique_section"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section} prompt of {self.organization_id}"


class CrisisLine(models.Model):
    """A local or national line the organization lists for specialists to add with one click."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="crisis_lines"
    )
    name = models.CharField(_("name"), max_length=120)
    number = models.CharField(_("number or text code"), max_length=60)
    hours = models.CharField(_("when it's open"), max_length=80, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class SupportContact(models.Model):
    """Who hears (only) that a person would like some support, if they chose someone."""

    owner = models.OneToOneField(
        StaffProfile, on_delete=models.CASCADE, related_name="support_contact"
    )
    contact = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=now)

    def __str__(self) -> str:
        return f"{self.contact_id} supports {self.owner_id}"


class WellnessWeek(models.Model):
    """One group's anonymous averages for one finished week, frozen the first time anyone
    looks: if a finished week changed later (say, after someone deleted a check-in), comparing
    it before and after would reveal that person's answers. Only what may be shown is stored:
    a suppressed figure is kept as null, never as the number it hides."""

    data_topic = "wellbeing"  # core.versions

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    week_start = models.DateField()  # a Monday in the organization's timezone
    # The supervision team (by its supervisor) as it stood at the end of the week;
    # null for the whole organization.
    supervisor = models.ForeignKey(
        StaffProfile, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Hidden rows keep only the fact that the week was computed; no count of respondents is
    # stored at all (a count beside a team's size says who checked in).
    shown = models.BooleanField(default=False)
    # The week's instants: a week starts where the one before it ended (aggregates, rule 6).
    starts_at = models.DateTimeField(null=True)
    ends_at = models.DateTimeField(null=True)
    energy = models.FloatField(null=True)
    calm = models.FloatField(null=True)
    sleep = models.FloatField(null=True)
    connection = models.FloatField(null=True)
    boundaries = models.FloatField(null=True)
    computed_at = models.DateTimeField(default=now)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "week_start"],
                condition=Q(supervisor__isnull=True),
                name="wellness_week_org_unique",
            ),
            models.UniqueConstraint(
                fields=["organization", "week_start", "supervisor"],
                condition=Q(supervisor__isnull=False),
                name="wellness_week_team_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"wellness week {self.week_start} of {self.supervisor_id or 'organization'}"


class WellnessWeekMember(models.Model):
    """Who was counted as staff in a frozen week (never who checked in), kept on the
    organization's row so that nobody is shown a week their own check-ins are part of."""

    data_topic = "wellbeing"  # core.versions

    week = models.ForeignKey(WellnessWeek, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="+")

    objects = VersionedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["week", "person"], name="wellness_member_once"),
        ]
        indexes = [
            # wellness_summary(): "which of these weeks counted the viewer".
            models.Index(fields=["person", "week"], name="wellness_member_person_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} counted in {self.week_id}"
