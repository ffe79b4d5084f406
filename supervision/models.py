"""Supervision: who supervises whom and how often (the cadence), sessions (single or from a
recurring series), what happened in each (the log, with notes and reflections only the pair
can read), both parties' sign-off, corrections after sign-off, and private calendar feeds."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from core import dates
from core.versions import VersionedQuerySet
from workforce.fields import EncryptedTextField
from workforce.models import Organization, StaffProfile
from workforce.validators import validate_timezone

NOTES_MAX_LENGTH = 10_000


class SupervisionKind(models.TextChoices):
    PRIMARY = "primary", _("Primary supervisor")
    SECONDARY = "secondary", _("Secondary supervisor")


class SessionKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    GROUP = "group", _("Group")


class SessionFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("Video")
    PHONE = "phone", _("Phone")


class CadenceUnit(models.TextChoices):
    WEEKS = "weeks", _("weeks")
    MONTHS = "months", _("months")


class SupervisorAssignmentQuerySet(VersionedQuerySet):
    def current(self, on: date) -> SupervisorAssignmentQuerySet:
        """Assignments in force on that day: the organization's date (core.dates)."""
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on)


class SupervisorAssignment(models.Model):
    """Who supervises whom, since when, and the supervision expected (the cadence: e.g. 60
    minutes individual every 2 weeks). The access policy reads it ("their supervisor")."""

    data_topic = "supervision"  # core.versions

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    supervisor = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="supervisee_links"
    )
    specialist = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="supervisor_links"
    )
    kind = models.CharField(
        max_length=16, choices=SupervisionKind.choices, default=SupervisionKind.PRIMARY
    )
    starts_on = models.DateField(default=dates.site_today)  # services pass the org's date
    ends_on = models.DateField(null=True, blank=True)
    # The cadence: `cadence_minutes` of `cadence_kind` supervision every `cadence_every`
    # `cadence_unit`. No cadence (cadence_every empty): nothing is expected, nothing overdue.
    cadence_kind = models.CharField(
        _("kind of session"),
        max_length=12,
        choices=SessionKind.choices,
        default=SessionKind.INDIVIDUAL,
    )
    cadence_minutes = models.PositiveSmallIntegerField(
        _("minutes each time"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    cadence_every = models.PositiveSmallIntegerField(
        _("every"),
        null=True,
        blank=True,
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    cadence_unit = models.CharField(
        max_length=8, choices=CadenceUnit.choices, default=CadenceUnit.WEEKS
    )

    objects = SupervisorAssignmentQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(supervisor=models.F("specialist")), name="supervision_not_self"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="supervision_ends_after_start",
            ),
        ]
        indexes = [
            # access.people_visible_to(): "whom does this supervisor currently supervise".
            models.Index(fields=["supervisor", "specialist"], name="supervision_pair_idx"),
            # Compliance: each specialist's current assignments.
            models.Index(fields=["specialist", "starts_on"], name="supervision_specialist_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.supervisor_id} supervises {self.specialist_id}"

    @property
    def cadence_days(self) -> int | None:
        """The cadence as a number of days (a month is 30): for "overdue" and "expected"."""
        if not self.cadence_every:
            return None
        return self.cadence_every * (7 if self.cadence_unit == CadenceUnit.WEEKS else 30)


class SessionSeries(models.Model):
    """A recurring session: the same local time every N weeks in the scheduler's time zone,
    so a change of daylight saving time moves nothing on the wall clock. Its sessions are
    rows of their own (each can be moved, cancelled or logged)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    supervisor = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="+")
    timezone = models.CharField(max_length=64, validators=[validate_timezone])
    every_weeks = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    count = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2), MaxValueValidator(52)]
    )
    created_by = models.ForeignKey(
        StaffProfile, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)

    def __str__(self) -> str:
        return f"every {self.every_weeks} weeks × {self.count}"


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")
    RESCHEDULED = "rescheduled", _("Moved to another time")
    MISSED = "missed", _("Didn't take place")


class Topic(models.TextChoices):
    VICARIOUS_TRAUMA = "vicarious_trauma", _("Vicarious trauma & self-care")
    BOUNDARIES = "boundaries", _("Boundaries")
    CRISIS_FOLLOW_UP = "crisis_follow_up", _("Crisis follow-up")
    SKILL_BUILDING = "skill_building", _("Skill building")
    CASELOAD = "caseload", _("Caseload")
    CAREER = "career", _("Career & certification")
    OTHER = "other", _("Other")


class SupervisionSession(models.Model):
    """One supervision session: what was planned (when, how long, where) and, once logged,
    what happened. Notes and action items are the supervisor's, encrypted, readable by the
    supervisor and the participants only. Once the supervisor and every participant have
    signed, the facts (date, duration, format, topics) are locked; corrections after that
    are amendments."""

    data_topic = "supervision"  # core.versions

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    supervisor = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="supervision_sessions_led"
    )
    participants = models.ManyToManyField(
        StaffProfile, through="SessionParticipant", related_name="supervision_sessions"
    )
    series = models.ForeignKey(
        SessionSeries, null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    kind = models.CharField(max_length=12, choices=SessionKind.choices)
    format = models.CharField(max_length=12, choices=SessionFormat.choices)
    location = models.CharField(_("where"), max_length=200, blank=True)
    link = models.URLField(_("video link"), max_length=500, blank=True)
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    # The scheduler's zone: the one the wall-clock time was chosen in.
    timezone = models.CharField(max_length=64, validators=[validate_timezone])
    status = models.CharField(
        max_length=12, choices=SessionStatus.choices, default=SessionStatus.SCHEDULED
    )
    status_reason = models.CharField(max_length=300, blank=True)
    rescheduled_to = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="rescheduled_from"
    )
    # Calendar clients replace an event when its SEQUENCE grows.
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        StaffProfile, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(default=now)
    # The log: what happened.
    held_at = models.DateTimeField(null=True, blank=True)
    held_minutes = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(5), MaxValueValidator(480)]
    )
    topics = models.JSONField(default=list, blank=True)
    notes = EncryptedTextField(blank=True, validators=[MaxLengthValidator(NOTES_MAX_LENGTH)])
    action_items = EncryptedTextField(blank=True, validators=[MaxLengthValidator(NOTES_MAX_LENGTH)])
    logged_by = models.ForeignKey(
        StaffProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    logged_at = models.DateTimeField(null=True, blank=True)
    supervisor_signed_at = models.DateTimeField(null=True, blank=True)
    locked_at = models.DateTimeField(null=True, blank=True)  # everyone signed

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(locked_at__isnull=True)
                | Q(status="held", held_at__isnull=False, held_minutes__isnull=False),
                name="session_locked_only_when_held",
            ),
        ]
        indexes = [
            # Conflicts and the supervisor's calendar: their sessions by time.
            models.Index(fields=["supervisor", "starts_at"], name="session_supervisor_idx"),
            # Compliance and lists: an organization's sessions by time.
            models.Index(fields=["organization", "starts_at"], name="session_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} session {self.pk} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def locked(self) -> bool:
        return self.locked_at is not None

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.held_minutes or 0) / 60).quantize(Decimal("0.01"))


class SessionParticipant(models.Model):
    """A specialist in a session, with their own reflection (encrypted; theirs and their
    supervisor's to read) and their sign-off."""

    data_topic = "supervision"  # core.versions

    session = models.ForeignKey(
        SupervisionSession, on_delete=models.CASCADE, related_name="attendance"
    )
    person = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="supervision_attendance"
    )
    # Denormalized from the session, so compliance reads one table per person and period.
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    reflection = EncryptedTextField(blank=True, validators=[MaxLengthValidator(NOTES_MAX_LENGTH)])
    signed_at = models.DateTimeField(null=True, blank=True)
    # The session's held_at and held_minutes while it is logged as held (else empty), copied
    # by the log and amendment services: compliance reads one person's supervision from one
    # index, without joining 200,000 sessions (bench/supervision_compliance.py).
    held_at = models.DateTimeField(null=True, blank=True, editable=False)
    held_minutes = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="participant_once"),
        ]
        indexes = [
            # A person's sessions (their list, their hours).
            models.Index(fields=["person", "session"], name="participant_person_idx"),
            # Compliance: a person's last held session, and minutes held in a period.
            models.Index(
                fields=["person", "held_at"],
                name="participant_held_idx",
                include=["held_minutes"],
                condition=Q(held_at__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} in {self.session_id}"


class SessionAmendment(models.Model):
    """A correction to a session's signed facts: what changed, from what to what, why, and
    who made it. The facts on the session are the corrected ones; this keeps the trail."""

    session = models.ForeignKey(
        SupervisionSession, on_delete=models.CASCADE, related_name="amendments"
    )
    changes = models.JSONField()  # {field: [before, after]}
    reason = models.CharField(max_length=300)
    made_by = models.ForeignKey(
        StaffProfile, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    made_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["made_at", "id"]

    def __str__(self) -> str:
        return f"amendment of {self.session_id} at {self.made_at:%Y-%m-%d}"


class CalendarFeed(models.Model):
    """A private calendar feed URL. Only a hash of its token is stored; revoking it (or
    making a new one) stops the old URL at once."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(revoked_at__isnull=True),
                name="one_live_calendar_feed",
            ),
        ]

    def __str__(self) -> str:
        return f"calendar feed of {self.person_id}"


class TopicSource(models.TextChoices):
    GROUP_MEETING = "group_meeting", _("After facilitating a group meeting")
    SELF = "self", _("Added by me")


class TopicRequest(models.Model):
    """Something a person would like to talk through in supervision (a facilitator after a
    hard group meeting, for one). Private as supervision notes are: the person and their
    current supervisors read it, on the person's next session, until it is talked through.
    Encrypted; nobody else ever sees that it exists."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(validators=[MaxLengthValidator(NOTES_MAX_LENGTH)])
    source = models.CharField(max_length=16, choices=TopicSource.choices)
    created_at = models.DateTimeField(default=now)
    talked_at = models.DateTimeField(null=True, blank=True)
    talked_in = models.ForeignKey(
        SupervisionSession, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # A session page: the open requests of the people in it.
            models.Index(
                fields=["person", "created_at"],
                name="topic_request_open_idx",
                condition=Q(talked_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"topic request of {self.person_id}"
