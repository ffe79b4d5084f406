"""Peer support groups: the groups peer specialists facilitate.

A group has a model (12-step, SMART Recovery, … or designed by the peers: an editable preset
per organization), a venue or an online room, a weekly wall-clock schedule in its own zone, its
facilitators and its liaisons, the agreement its members wrote (versioned, nobody's name), and
its meetings with the facilitator's log.

PeerWell keeps **no list of members**: attendance at a recovery group is sensitive health
information, so a meeting's log holds numbers only (how many came, how many were new). What a
facilitator writes for the liaison is encrypted; what they'd like to talk through goes to their
own supervision (supervision.TopicRequest), never into a group's records.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from decimal import Decimal

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from core.versions import VersionedQuerySet
from core.wording import InReaderLanguage
from workforce.fields import EncryptedTextField
from workforce.models import Organization, StaffProfile
from workforce.validators import validate_timezone

# A meeting's headcount above this is a typo, not a meeting: the log refuses it.
MAX_ATTENDANCE = 300
TEXT_MAX = 4_000
NOTE_MAX = 4_000


class Approach(models.TextChoices):
    SPIRITUAL = "spiritual", _("Spiritual")
    SECULAR = "secular", _("Secular")


class Focus(models.TextChoices):
    SUBSTANCE_USE = "substance_use", _("Substance use")
    TRAUMA_AND_SUBSTANCE_USE = "trauma_substance_use", _("Trauma and substance use")
    WELLBEING = "wellbeing", _("Wellbeing and connection")


class LedBy(models.TextChoices):
    PEERS = "peers", _("Peer-led")
    PEERS_OR_PROFESSIONALS = "peers_or_professionals", _("Led by peers or professionals")


def _in_reader_language(text: str) -> str:
    from groups.presets import in_reader_language  # the presets name this module's choices

    return in_reader_language(text)


def _lines(text: str) -> list[str]:
    return [_in_reader_language(line.strip()) for line in text.splitlines() if line.strip()]


class GroupModel(models.Model):
    """A way of running a group, with the facts people choose by. Each organization gets the
    presets (groups/presets.py, written for PeerWell) and may edit them or add its own."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(max_length=40, blank=True)  # the preset it came from ("" if none)
    name = models.CharField(_("name"), max_length=120)
    summary = models.TextField(_("in a few words"), validators=[MaxLengthValidator(TEXT_MAX)])
    approach = models.CharField(_("approach"), max_length=12, choices=Approach.choices)
    structured = models.BooleanField(_("structured meetings"), default=False)
    gender_specific = models.BooleanField(_("gender-specific"), default=False)
    focus = models.CharField(_("focus"), max_length=24, choices=Focus.choices)
    led_by = models.CharField(_("led by"), max_length=24, choices=LedBy.choices)
    facts = models.TextField(
        _("what it is built on"), blank=True, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    meeting_plan = models.TextField(
        _("how a meeting runs"),
        blank=True,
        help_text=_("One step per line: the facilitator's meeting page shows them in order."),
        validators=[MaxLengthValidator(TEXT_MAX)],
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "key"],
                condition=~Q(key=""),
                name="group_model_preset_once",
            ),
        ]

    def __str__(self) -> str:
        return self.shown_name

    # What readers see: wording kept from PeerWell's presets follows the reader's language
    # (the stored copy is in the site's); what the organization wrote stays as written.
    shown_name = InReaderLanguage("name", _in_reader_language)
    shown_summary = InReaderLanguage("summary", _in_reader_language)

    @property
    def plan_steps(self) -> list[str]:
        return _lines(self.meeting_plan)

    @property
    def fact_lines(self) -> list[str]:
        return _lines(self.facts)


class Venue(models.Model):
    """Where groups meet. The area (a neighbourhood or county) is safe to show anyone; the
    street address only to staff, unless a group chooses to publish it."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    area = models.CharField(
        _("area"),
        max_length=120,
        help_text=_("A neighbourhood, town or county: what is safe to show anyone."),
    )
    address = models.TextField(_("address"), blank=True, validators=[MaxLengthValidator(500)])
    step_free = models.BooleanField(_("step-free access"), default=False)
    transit = models.BooleanField(_("near public transport"), default=False)
    parking = models.BooleanField(_("parking"), default=False)
    childcare = models.BooleanField(_("childcare"), default=False)
    quiet_room = models.BooleanField(_("a quiet room to step out to"), default=False)
    access_notes = models.TextField(
        _("more about getting there"), blank=True, validators=[MaxLengthValidator(1000)]
    )

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def access_features(self) -> list[str]:
        names = ("step_free", "transit", "parking", "childcare", "quiet_room")
        return [str(self._meta.get_field(n).verbose_name) for n in names if getattr(self, n)]


class GroupFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class GroupStatus(models.TextChoices):
    FORMING = "forming", _("Forming")
    MEETING = "meeting", _("Meeting")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


# Languages a group can meet in (ISO 639-1, and ASL).
GROUP_LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("ht", _("Haitian Creole")),
    ("pt", _("Portuguese")),
    ("zh", _("Chinese")),
    ("vi", _("Vietnamese")),
    ("ko", _("Korean")),
    ("tl", _("Tagalog")),
    ("ar", _("Arabic")),
    ("ru", _("Russian")),
    ("asl", _("American Sign Language")),
]


# Public codes: no letters or digits that are easy to mix up when read aloud or typed.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"


def new_public_code() -> str:
    """A group's short public code (its finder page, its report address): 8 characters."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


class Finder(models.Model):
    """An organization's public group finder (/find/<organization>/): off until an org admin
    publishes it, and then showing only the groups that chose to be on it."""

    organization = models.OneToOneField(Organization, on_delete=models.CASCADE, related_name="+")
    published = models.BooleanField(_("publish the group finder"), default=False)
    intro = models.TextField(
        _("a few words at the top"), blank=True, validators=[MaxLengthValidator(1000)]
    )
    ask_contact = models.CharField(
        _("how people ask for an address or a link"),
        max_length=200,
        blank=True,
        help_text=_("A phone number, a text line or an email address that staff answer."),
    )
    updated_at = models.DateTimeField(default=now)

    def __str__(self) -> str:
        return f"group finder of {self.organization_id}"


class SupportGroup(models.Model):
    """A peer support group: what it is, who it is for, where and when it meets, and what to
    expect, in plain words. Meetings follow the weekly schedule at a wall-clock time in the
    group's zone, so a change of daylight saving time moves nothing for the members."""

    data_topic = "groups"  # core.versions

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(
        _("description"), blank=True, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    model = models.ForeignKey(GroupModel, on_delete=models.PROTECT, related_name="groups")
    who_for = models.CharField(_("who it is for"), max_length=300)
    languages = models.JSONField(_("languages"), default=list)
    format = models.CharField(_("format"), max_length=12, choices=GroupFormat.choices)
    venue = models.ForeignKey(
        Venue, null=True, blank=True, on_delete=models.PROTECT, related_name="groups"
    )
    show_address = models.BooleanField(_("show the venue's address to anyone"), default=False)
    online_details = models.TextField(
        _("how to join online"), blank=True, validators=[MaxLengthValidator(1000)]
    )
    show_online_details = models.BooleanField(_("show how to join to anyone"), default=False)
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    start_time = models.TimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("minutes"), validators=[MinValueValidator(30), MaxValueValidator(240)]
    )
    every_weeks = models.PositiveSmallIntegerField(
        _("every"), default=1, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    timezone = models.CharField(_("time zone"), max_length=64, validators=[validate_timezone])
    starts_on = models.DateField(_("first meeting on or after"))
    status = models.CharField(
        _("status"), max_length=12, choices=GroupStatus.choices, default=GroupStatus.FORMING
    )
    in_finder = models.BooleanField(
        _("show it on the public group finder"),
        default=False,
        help_text=_("Anyone can see it there, without an account: what it is, when, the area."),
    )
    show_agreement = models.BooleanField(
        _("show the group agreement on its public page"), default=False
    )
    public_code = models.CharField(max_length=12, unique=True, default=new_public_code)
    published = models.BooleanField(
        _("listed for referrals"),
        default=True,
        help_text=_("Listed for everyone in the organization (and, later, the group finder)."),
    )
    culture = models.TextField(
        _("the group's culture"), blank=True, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    norms = models.TextField(_("norms"), blank=True, validators=[MaxLengthValidator(TEXT_MAX)])
    meeting_flow = models.TextField(
        _("how a meeting runs here"), blank=True, validators=[MaxLengthValidator(TEXT_MAX)]
    )
    liaison_every_weeks = models.PositiveSmallIntegerField(
        _("liaison visits every (weeks)"),
        default=8,
        validators=[MinValueValidator(2), MaxValueValidator(26)],
    )
    created_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(default=now)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            # groups_visible_to(): an organization's groups, listed by name.
            models.Index(fields=["organization", "name"], name="group_org_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def meets_in_person(self) -> bool:
        return self.format in (GroupFormat.IN_PERSON, GroupFormat.HYBRID)

    @property
    def meets_online(self) -> bool:
        return self.format in (GroupFormat.ONLINE, GroupFormat.HYBRID)

    @property
    def language_names(self) -> list[str]:
        names = dict(GROUP_LANGUAGES)
        return [str(names.get(code, code)) for code in self.languages]


class Facilitator(models.Model):
    """A peer specialist who facilitates a group: one lead, any co-facilitators."""

    data_topic = "groups"  # core.versions

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="facilitators")
    person = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="facilitating")
    lead = models.BooleanField(default=False)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="facilitator_once"),
            models.UniqueConstraint(
                fields=["group"], condition=Q(lead=True), name="group_one_lead"
            ),
        ]
        indexes = [
            # access: "the groups this person facilitates" (their home, the feed, reminders).
            models.Index(fields=["person", "group"], name="facilitator_person_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} facilitates {self.group_id}"


class Liaison(models.Model):
    """A staff member outside the group whom members can tell about a safety concern, and who
    visits it periodically. Never one of its facilitators (groups.services says so)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="liaisons")
    person = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="liaison_for")
    # What the liaison chooses to give members (a work phone, an email): their card shows it.
    contact = models.CharField(_("how members can reach me"), max_length=200, blank=True)
    # Reports filed from this moment on are theirs to read; none from before they were liaison.
    since = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "person"], name="liaison_once"),
        ]
        indexes = [
            # access: "the groups this person is liaison for".
            models.Index(fields=["person", "group"], name="liaison_person_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} is liaison for {self.group_id}"


class AgreementVersion(models.Model):
    """The group agreement as the members agreed it on a day: numbered items, no names. Every
    change is a new version; the latest is the one read aloud."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="agreements")
    number = models.PositiveIntegerField()
    agreed_on = models.DateField(_("the day the group agreed it"))
    items = models.JSONField(default=list)  # the items' text, in order
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["group", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["group", "number"], name="agreement_version_once"),
        ]

    def __str__(self) -> str:
        return f"agreement v{self.number} of {self.group_id}"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")
    MOVED = "moved", _("Moved")


class Meeting(models.Model):
    """One meeting of a group and, once logged, the facilitator's numbers: how many came and
    how many were new. Never who: PeerWell keeps no list of members."""

    data_topic = "groups"  # core.versions

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="meetings")
    # The schedule's occurrence this row stands for (empty for a meeting added by hand or the
    # new time of a moved one): one row per occurrence, however often the horizon is extended.
    slot = models.DateTimeField(null=True, blank=True)
    starts_at = models.DateTimeField()
    duration_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(30), MaxValueValidator(240)]
    )
    status = models.CharField(
        max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED
    )
    status_reason = models.CharField(max_length=300, blank=True)
    moved_to = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="moved_from"
    )
    sequence = models.PositiveIntegerField(default=0)  # calendar clients replace on growth
    updated_at = models.DateTimeField(default=now)
    # The log.
    attended = models.PositiveSmallIntegerField(null=True, blank=True)
    newcomers = models.PositiveSmallIntegerField(null=True, blank=True)
    held_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    agreement_read = models.BooleanField(null=True, blank=True)
    format_note = models.CharField(_("changes to the usual format"), max_length=300, blank=True)
    crisis_handled = models.BooleanField(default=False)
    logged_by = models.ForeignKey(
        StaffProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    logged_at = models.DateTimeField(null=True, blank=True)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "slot"], condition=Q(slot__isnull=False), name="meeting_slot_once"
            ),
            models.CheckConstraint(
                condition=Q(attended__isnull=True)
                | Q(attended__gte=0, attended__lte=MAX_ATTENDANCE),
                name="meeting_attended_range",
            ),
            models.CheckConstraint(
                condition=Q(newcomers__isnull=True) | Q(newcomers__lte=F("attended")),
                name="meeting_newcomers_within_attended",
            ),
            models.CheckConstraint(
                condition=Q(logged_at__isnull=True)
                | Q(status="held", attended__isnull=False, held_minutes__isnull=False)
                | Q(status="cancelled"),
                name="meeting_logged_facts",
            ),
        ]
        indexes = [
            # A group's page and the schedule horizon: its meetings by time.
            models.Index(fields=["group", "starts_at"], name="meeting_group_idx"),
            # Reminders: scheduled meetings starting soon, and yesterday's unlogged ones.
            models.Index(
                fields=["starts_at"],
                name="meeting_scheduled_idx",
                condition=Q(status="scheduled"),
            ),
        ]

    def __str__(self) -> str:
        return f"meeting {self.pk} of {self.group_id} at {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def logged(self) -> bool:
        return self.logged_at is not None

    @property
    def hours(self) -> Decimal:
        return (Decimal(self.held_minutes or 0) / 60).quantize(Decimal("0.01"))


class Facilitation(models.Model):
    """Who facilitated a held meeting, for how long: facilitation hours (certifications that
    ask for hours of peer service read them). Written by the log service."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="facilitations")
    person = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="facilitations")
    held_at = models.DateTimeField()
    minutes = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="facilitation_once"),
        ]
        indexes = [
            # Readiness and the hours report: a person's minutes in a period.
            models.Index(
                fields=["person", "held_at"], name="facilitation_person_idx", include=["minutes"]
            ),
            # The hours report: an organization's facilitation in a period, per person, read
            # from the index alone.
            models.Index(
                fields=["organization", "held_at"],
                name="facilitation_org_idx",
                include=["person", "minutes"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} facilitated {self.meeting_id}"


class LiaisonNote(models.Model):
    """Something a facilitator wants the group's liaison to know after a meeting (a safety
    concern, a crisis handled). Encrypted; read by the group's liaisons and its writer."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="liaison_notes")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = EncryptedTextField(validators=[MaxLengthValidator(NOTE_MAX)])
    written_by = models.ForeignKey(
        StaffProfile, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=now)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The liaison's page: a group's notes, newest first.
            models.Index(fields=["group", "created_at"], name="liaison_note_group_idx"),
        ]

    def __str__(self) -> str:
        return f"note for the liaison of {self.group_id}"


class LiaisonVisit(models.Model):
    """A liaison's visit to a group: planned for a day, then logged with what they shared
    (their contact details, how to report a concern)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="visits")
    liaison = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="+")
    planned_on = models.DateField(_("planned for"))
    visited_on = models.DateField(_("visited on"), null=True, blank=True)
    shared_contact = models.BooleanField(_("shared how to reach me"), default=False)
    shared_report_route = models.BooleanField(_("shared how to report a concern"), default=False)
    note = models.CharField(_("what else was shared"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-planned_on", "-id"]
        indexes = [
            # Reminders: visits planned for a day and not logged yet.
            models.Index(
                fields=["planned_on"],
                name="visit_planned_idx",
                condition=Q(visited_on__isnull=True),
            ),
            models.Index(fields=["group", "planned_on"], name="visit_group_idx"),
        ]

    def __str__(self) -> str:
        return f"visit of {self.liaison_id} to {self.group_id} on {self.planned_on}"


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    LOOKING_INTO = "looking_into", _("Being looked into")
    CLOSED = "closed", _("Closed")


REPORT_MAX = 5_000


def new_report_ref() -> str:
    """A report's address among staff: random, so its number says nothing about the others."""
    return secrets.token_urlsafe(12)


class SafetyReport(models.Model):
    """Someone telling the organization they felt unsafe in a group, without an account.

    It reaches the group's liaisons and the organization's safeguarding leads, never the
    group's facilitators (or only the safeguarding leads, if it is about the liaison). Nothing
    ties it to a person: no account, no IP address, no user agent, only what the reporter
    chose to write. Its receipt code is stored as a lookup part and a slow (scrypt) hash of the
    rest, so a copy of the database opens no report."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="safety_reports"
    )
    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="safety_reports")
    ref = models.CharField(max_length=24, unique=True, default=new_report_ref)
    safeguarding_only = models.BooleanField(default=False)  # it is about the liaison
    what = EncryptedTextField(validators=[MaxLengthValidator(REPORT_MAX)])
    contact = EncryptedTextField(blank=True, validators=[MaxLengthValidator(300)])
    receipt_lookup = models.CharField(max_length=8, unique=True)
    receipt_hash = models.CharField(max_length=200)
    status = models.CharField(
        max_length=16, choices=ReportStatus.choices, default=ReportStatus.RECEIVED
    )
    notes = EncryptedTextField(blank=True, validators=[MaxLengthValidator(REPORT_MAX)])
    closing_summary = EncryptedTextField(blank=True, validators=[MaxLengthValidator(REPORT_MAX)])
    # Both to the hour only: a finer time could be matched against a signed-in session's or a
    # proxy's records. The latter is when the reporter last wrote (their report, a reply).
    created_at = models.DateTimeField(default=now)
    reporter_activity_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # The list for liaisons and safeguarding leads: an organization's reports, newest
            # first; and the notification sweep: recent ones.
            models.Index(fields=["organization", "-created_at"], name="report_org_idx"),
            models.Index(fields=["created_at"], name="report_created_idx"),
            # The notification sweep: reports the reporter wrote to lately.
            models.Index(fields=["reporter_activity_at"], name="report_activity_idx"),
        ]

    def __str__(self) -> str:
        return f"safety report {self.pk}"


class ReportMessage(models.Model):
    """One message in a report's anonymous conversation: from the reporter (by receipt code),
    or from a liaison or safeguarding lead."""

    report = models.ForeignKey(SafetyReport, on_delete=models.CASCADE, related_name="messages")
    from_reporter = models.BooleanField()
    author = models.ForeignKey(
        StaffProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = EncryptedTextField(validators=[MaxLengthValidator(REPORT_MAX)])
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"message on report {self.report_id}"


class ReportRead(models.Model):
    """Every read of a report by staff: who, when (the safeguarding leads see the trail)."""

    report = models.ForeignKey(SafetyReport, on_delete=models.CASCADE, related_name="reads")
    reader = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.reader_id} read report {self.report_id}"


class ReferralCount(models.Model):
    """How many referral cards named a group in a month: the only trace a referral leaves.
    Nothing about the person referred is stored, not even that there was one person."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(SupportGroup, on_delete=models.CASCADE, related_name="referrals")
    month = models.DateField()  # its first day
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "month"], name="referral_count_once"),
        ]

    def __str__(self) -> str:
        return f"{self.count} referrals to {self.group_id} in {self.month:%Y-%m}"


class ReportExclusion(models.Model):
    """Someone who may never read a report, fixed when it is filed: the group's facilitators
    then (whatever their role later), and its liaisons then if it went to the safeguarding
    leads alone."""

    report = models.ForeignKey(SafetyReport, on_delete=models.CASCADE, related_name="exclusions")
    person = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "person"], name="report_exclusion_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} never reads report {self.report_id}"
