"""Wellness events: what an organization offers its staff for their own wellbeing (a walk, an
art afternoon, a quiet room hour, a retreat), the fourth way it looks after the people who do
peer support work, beside training, supervision and self-care plans.

An event happens once or weekly at a wall-clock time in its own zone; each time it happens is an
occurrence, and people reply to an occurrence ("I'll come", "Maybe", "Can't this time"). A reply
is the person's own: by default an event's organizers see only how many are coming, and only an
event that said before anyone replied that it needs names (meals, transport) shows its organizers
who. Nobody else ever sees who came, and no figure of a person's replies exists anywhere.
"""

from __future__ import annotations

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from core.versions import VersionedQuerySet
from workforce.fields import EncryptedTextField
from workforce.models import Organization, Role, StaffProfile
from workforce.validators import validate_timezone

MAX_OCCURRENCES = 26  # a weekly event is posted for up to half a year at a time
MAX_CAPACITY = 1_000
NOTE_MAX = 2_000


class EventKind(models.TextChoices):
    MOVEMENT = "movement", _("Movement")
    CREATIVE = "creative", _("Creative")
    NATURE = "nature", _("Nature")
    REST = "rest", _("Rest")
    PEER_CIRCLE = "peer_circle", _("Peer circle for staff")
    LEARNING = "learning", _("Learning")
    CELEBRATION = "celebration", _("Celebration")
    OTHER = "other", _("Something else")


class Place(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    TEAM = "team", _("A team")
    ROLE = "role", _("People in a role")


class WellnessEvent(models.Model):
    """An event as its organizers posted it: what, when, where, for whom, and who may see that
    you're coming."""

    data_topic = "events"  # core.versions

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("what it is"), max_length=16, choices=EventKind.choices)
    description = models.TextField(
        _("a few welcoming words"), blank=True, validators=[MaxLengthValidator(2000)]
    )
    content_note = models.CharField(
        _("content note"),
        max_length=300,
        blank=True,
        help_text=_("If the event may touch heavy themes, say so here, gently."),
    )
    # When: a wall-clock time in the event's zone, once or every N weeks.
    starts_on = models.DateField(_("on"))
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, help_text=_("Only for a one-off over several days.")
    )
    timezone = models.CharField(_("time zone"), max_length=64, validators=[validate_timezone])
    every_weeks = models.PositiveSmallIntegerField(
        _("repeats every (weeks)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    times = models.PositiveSmallIntegerField(
        _("how many times"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_OCCURRENCES)],
    )
    # Where.
    place = models.CharField(_("where"), max_length=12, choices=Place.choices)
    location = models.CharField(_("place"), max_length=200, blank=True)
    access_notes = models.CharField(_("getting there and access"), max_length=500, blank=True)
    online_link = models.URLField(
        _("link to join"),
        max_length=500,
        blank=True,
        help_text=_("Shown only to people who said they're coming (or maybe)."),
    )
    # For whom.
    audience = models.CharField(
        _("for"), max_length=12, choices=Audience.choices, default=Audience.EVERYONE
    )
    team_lead = models.ForeignKey(
        StaffProfile,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("the team of"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, blank=True)
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_CAPACITY)],
        help_text=_("Empty: no limit. When full, people can join a waiting list."),
    )
    paid_time = models.BooleanField(_("counts as paid work time"), default=False)
    shares_names = models.BooleanField(
        _("organizers need the names of who is coming"),
        default=False,
        help_text=_(
            "Only for a reason (meals, transport). Can't be switched on once people reply."
        ),
    )
    names_reason = models.CharField(_("why names are needed"), max_length=200, blank=True)
    organizers = models.ManyToManyField(
        StaffProfile, related_name="organizing_events", verbose_name=_("organizers")
    )
    created_by = models.ForeignKey(
        StaffProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(default=now)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["starts_on", "start_time", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="event_capacity_pos"
            ),
            models.CheckConstraint(
                condition=~Q(audience="team") | Q(team_lead__isnull=False), name="event_team_named"
            ),
            models.CheckConstraint(
                condition=~Q(audience="role") | ~Q(role=""), name="event_role_named"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def repeats(self) -> bool:
        return bool(self.every_weeks)

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None


class EventOccurrence(models.Model):
    """One time an event happens. Replies, reminders and calendar entries belong to it."""

    data_topic = "events"  # core.versions

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(WellnessEvent, on_delete=models.CASCADE, related_name="occurrences")
    number = models.PositiveSmallIntegerField()  # 1 for the first time, in order
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    cancelled = models.BooleanField(default=False)
    cancel_reason = models.CharField(max_length=300, blank=True)
    sequence = models.PositiveIntegerField(default=0)  # calendar clients replace on growth
    updated_at = models.DateTimeField(default=now)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "number"], name="occurrence_number_once"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="occurrence_ends_after"
            ),
        ]
        indexes = [
            # The events page and the home panel: an organization's occurrences from now on.
            models.Index(fields=["organization", "starts_at"], name="occurrence_org_start_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} #{self.number}"


class Answer(models.TextChoices):
    GOING = "going", _("I'll come")
    MAYBE = "maybe", _("Maybe")
    NOT_GOING = "not_going", _("Can't this time")
    WAITING = "waiting", _("On the waiting list")


# What a person can say (the waiting list is where "I'll come" lands when it's full).
REPLY_ANSWERS = [(a.value, a.label) for a in (Answer.GOING, Answer.MAYBE, Answer.NOT_GOING)]


class EventReply(models.Model):
    """A person's answer for one occurrence: theirs to change at any time. On the waiting list,
    `waiting_since` orders the queue; a place offered to them is held until `offer_until`."""

    data_topic = "events"  # core.versions

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    occurrence = models.ForeignKey(
        EventOccurrence, on_delete=models.CASCADE, related_name="replies"
    )
    person = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="+")
    answer = models.CharField(max_length=12, choices=Answer.choices)
    waiting_since = models.DateTimeField(null=True, blank=True)
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(default=now)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "person"], name="reply_once"),
            models.CheckConstraint(
                condition=~Q(answer="waiting") | Q(waiting_since__isnull=False),
                name="reply_waiting_since",
            ),
        ]
        indexes = [
            # Counts per occurrence ("12 coming, 3 places left") and the waiting queue.
            models.Index(fields=["occurrence", "answer"], name="reply_occurrence_answer_idx"),
            # A person's own replies (the events page, their calendar feed).
            models.Index(fields=["person", "occurrence"], name="reply_person_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} on {self.occurrence_id}: {self.answer}"

    def holds_offer(self, at) -> bool:
        return self.offer_until is not None and self.offer_until > at


class EventNote(models.Model):
    """After an event, what helped, for the person alone (encrypted; nobody else reads it)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    occurrence = models.ForeignKey(EventOccurrence, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(max_length=NOTE_MAX, validators=[MaxLengthValidator(NOTE_MAX)])
    updated_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["occurrence", "person"], name="event_note_once"),
        ]

    def __str__(self) -> str:
        return f"note of {self.person_id} on {self.occurrence_id}"


class EventIdea(models.Model):
    """An idea for an event, for the organizers. Anonymous ones keep no author at all."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=16, choices=EventKind.choices, blank=True)
    text = models.TextField(validators=[MaxLengthValidator(1000)])
    author = models.ForeignKey(
        StaffProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)  # the day only (events.notes.idea_submit)

    class Meta:
        # Never by id: the order ideas came in could place an anonymous one beside a named one.
        ordering = ["-created_at", "text"]
        indexes = [
            # The organizers' list of ideas, newest first.
            models.Index(fields=["organization", "-created_at"], name="idea_org_created_idx"),
        ]

    def __str__(self) -> str:
        return f"idea {self.pk}"
