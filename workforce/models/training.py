"""Training: the catalogue, in-app module content, assignments, progress and completions, and
the continuing-education (CE) ledger that completions credit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from core.versions import VersionedQuerySet
from core.wording import InReaderLanguage
from workforce.fields import EncryptedTextField
from workforce.models.people import Organization, Role, StaffProfile
from workforce.training.library import in_reader_language

REFLECTION_MAX_LENGTH = 5000
SECTION_MAX_LENGTH = 20000


class TrainingCategory(models.TextChoices):
    VICARIOUS_TRAUMA = "vicarious_trauma", _("Vicarious trauma & self-care")
    TRAUMA_INFORMED = "trauma_informed", _("Trauma-informed practice")
    BOUNDARIES_ETHICS = "boundaries_ethics", _("Boundaries & ethics")
    CRISIS = "crisis", _("Crisis response")
    RECOVERY = "recovery", _("Recovery support")
    HARM_REDUCTION = "harm_reduction", _("Harm reduction")
    MANDATED_REPORTING = "mandated_reporting", _("Mandated reporting")
    OTHER = "other", _("Other")


class TrainingFormat(models.TextChoices):
    IN_APP = "in_app", _("In-app module")
    EXTERNAL = "external", _("External course")
    LIVE = "live", _("Live session")


class CECategory(models.TextChoices):
    """What kind of continuing-education hours something earns; certification types can ask
    for a minimum in one category (e.g. ethics)."""

    GENERAL = "general", _("General")
    ETHICS = "ethics", _("Ethics")
    TRAUMA = "trauma", _("Trauma-informed care")
    CULTURAL = "cultural", _("Cultural responsiveness")


class TrainingModule(models.Model):
    """One entry in an organization's training catalogue."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="training_modules"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000, validators=[MaxLengthValidator(1000)])
    category = models.CharField(_("category"), max_length=24, choices=TrainingCategory.choices)
    format = models.CharField(_("format"), max_length=12, choices=TrainingFormat.choices)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), validators=[MinValueValidator(1), MaxValueValidator(6000)]
    )
    ce_hours = models.DecimalField(
        _("CE hours it earns"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    ce_category = models.CharField(
        _("CE category"), max_length=12, choices=CECategory.choices, default=CECategory.GENERAL
    )
    renewal_months = models.PositiveSmallIntegerField(
        _("renew every (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Leave empty if it never needs renewing."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("knowledge check pass mark (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Only for modules that end with a knowledge check."),
    )
    reflection_prompt = models.TextField(
        _("private reflection prompt"),
        blank=True,
        max_length=1000,
        validators=[MaxLengthValidator(1000)],
        help_text=_("Optional. What the learner writes is private to them: nobody else sees it."),
    )
    # Identifies a module of the starter library, so loading it twice adds nothing.
    library_key = models.CharField(max_length=60, blank=True, editable=False)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "library_key"],
                condition=~Q(library_key=""),
                name="module_library_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # What learners read: the starter library's wording follows their language (see
    # workforce.training.library); what the organization wrote stays as written.
    shown_title = InReaderLanguage("title", in_reader_language)
    shown_summary = InReaderLanguage("summary", in_reader_language)
    shown_reflection_prompt = InReaderLanguage("reflection_prompt", in_reader_language)

    @property
    def is_in_app(self) -> bool:
        return self.format == TrainingFormat.IN_APP

    @property
    def has_knowledge_check(self) -> bool:
        return self.pass_mark is not None


class ModuleRequirement(models.Model):
    """A role that must take the module (new people in that role are assigned it)."""

    module = models.ForeignKey(
        TrainingModule, on_delete=models.CASCADE, related_name="requirements"
    )
    role = models.CharField(max_length=16, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["module", "role"], name="module_requirement_unique"),
        ]
        # "Modules required for this role": automatic assignment on hire and role change.
        indexes = [models.Index(fields=["role", "module"], name="module_requirement_role_idx")]

    def __str__(self) -> str:
        return f"{self.module_id} required for {self.role}"


class ModuleSection(models.Model):
    """One page of an in-app module, in Markdown (rendered and sanitized when shown)."""

    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("content (Markdown)"),
        max_length=SECTION_MAX_LENGTH,
        validators=[MaxLengthValidator(SECTION_MAX_LENGTH)],
    )
    content_note = models.CharField(
        _("content note"),
        max_length=300,
        blank=True,
        help_text=_(
            "Shown before the section, so learners can prepare or skip ahead, e.g. "
            "“This section describes how exploitation can affect the body.”"
        ),
    )

    class Meta:
        ordering = ["module", "position"]
        constraints = [
            models.UniqueConstraint(fields=["module", "position"], name="section_position_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    shown_title = InReaderLanguage("title", in_reader_language)
    shown_body = InReaderLanguage("body", in_reader_language)
    shown_note = InReaderLanguage("content_note", in_reader_language)


class Question(models.Model):
    """A multiple-choice question of a module's knowledge check."""

    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("question"), max_length=500)
    explanation = models.CharField(
        _("explanation shown after answering"), max_length=500, blank=True
    )

    class Meta:
        ordering = ["module", "position"]

    def __str__(self) -> str:
        return self.text

    shown_text = InReaderLanguage("text", in_reader_language)
    shown_explanation = InReaderLanguage("explanation", in_reader_language)


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("answer"), max_length=300)
    correct = models.BooleanField(default=False)

    class Meta:
        ordering = ["question", "position"]

    def __str__(self) -> str:
        return self.text

    shown_text = InReaderLanguage("text", in_reader_language)


class AssignmentSource(models.TextChoices):
    PERSON = "person", _("Assigned to them")
    ROLE = "role", _("Assigned to their role")
    EVERYONE = "everyone", _("Assigned to everyone")
    REQUIRED = "required", _("Required for their role")
    RENEWAL = "renewal", _("Renewal")
    SELF = "self", _("Chosen by them")


class TrainingStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    OVERDUE = "overdue", _("Overdue")


class Assignment(models.Model):
    """A module someone is asked (or chose) to take. At most one open assignment per person
    and module; completing it closes it."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="training_assignments"
    )
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="assignments")
    due_on = models.DateField(_("due date"), null=True, blank=True)
    source = models.CharField(max_length=12, choices=AssignmentSource.choices)
    assigned_by = models.ForeignKey(
        StaffProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    completion = models.OneToOneField(
        "Completion", null=True, blank=True, on_delete=models.SET_NULL, related_name="assignment"
    )
    created_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "module"],
                condition=Q(completion__isnull=True),
                name="assignment_one_open_per_module",
            ),
        ]
        indexes = [
            # The overdue list and due-date reminders: open assignments by due date.
            models.Index(
                fields=["organization", "due_on"],
                condition=Q(completion__isnull=True),
                name="assignment_open_due_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module_id} for {self.person_id}"

    def status(self, today: date) -> str:
        if self.completion_id:
            return TrainingStatus.COMPLETED
        if self.due_on and self.due_on < today:
            return TrainingStatus.OVERDUE
        if self.started_at:
            return TrainingStatus.IN_PROGRESS
        return TrainingStatus.NOT_STARTED


class SectionProgress(models.Model):
    """A section the learner has finished, so they can stop and come back at any point."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="progress")
    section = models.ForeignKey(ModuleSection, on_delete=models.CASCADE, related_name="+")
    # Skipped after its content note: counts as done (nobody has to read what they're not
    # ready for), and the learner can come back to it.
    skipped = models.BooleanField(default=False)
    completed_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "section"], name="section_progress_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.section_id} done in {self.assignment_id}"


class KnowledgeCheckAttempt(models.Model):
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="knowledge_checks"
    )
    score = models.PositiveSmallIntegerField()  # percent correct
    passed = models.BooleanField()
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.score}% in {self.assignment_id}"


class Reflection(models.Model):
    """A learner's private reflection on a module. Only its owner can ever read it."""

    owner = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="reflections")
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="+")
    text = EncryptedTextField(blank=True, validators=[MaxLengthValidator(REFLECTION_MAX_LENGTH)])
    updated_at = models.DateTimeField(default=now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "module"], name="reflection_unique"),
        ]

    def __str__(self) -> str:
        return f"reflection of {self.owner_id} on {self.module_id}"


class CompletionSource(models.TextChoices):
    IN_APP = "in_app", _("Completed in PeerWell")
    SELF_REPORTED = "self_reported", _("Recorded by the learner")
    ATTENDANCE = "attendance", _("Recorded from an attendance list")


class Completion(models.Model):
    """A finished module, with what its certificate says. The module cannot be deleted once
    someone completed it (archive it instead)."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        StaffProfile, on_delete=models.CASCADE, related_name="training_completions"
    )
    module = models.ForeignKey(TrainingModule, on_delete=models.PROTECT, related_name="completions")
    completed_on = models.DateField(_("completed on"))
    ce_hours = models.DecimalField(max_digits=5, decimal_places=2)
    # What the certificate says, fixed when it was earned.
    name_on_certificate = models.CharField(max_length=200)
    module_title = models.CharField(max_length=200)
    source = models.CharField(max_length=16, choices=CompletionSource.choices)
    recorded_by = models.ForeignKey(
        StaffProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    evidence = models.FileField(upload_to="training-evidence/%Y/%m/", blank=True)
    evidence_type = models.CharField(max_length=40, blank=True)
    verification_code = models.CharField(max_length=16, unique=True)
    created_at = models.DateTimeField(default=now, editable=False)

    class Meta:
        ordering = ["-completed_on", "-id"]
        indexes = [
            # A person's training record and the matrix: completions per person and module.
            models.Index(
                fields=["person", "module", "-completed_on"], name="completion_person_idx"
            ),
            # Renewals: completions of modules that renew, by date.
            models.Index(fields=["organization", "completed_on"], name="completion_org_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.module_title} completed by {self.person_id} on {self.completed_on}"

    shown_module_title = InReaderLanguage("module_title", in_reader_language)


class CESource(models.TextChoices):
    TRAINING = "training", _("Training completed here")
    EXTERNAL = "external", _("External course")


class CEStatus(models.TextChoices):
    APPROVED = "approved", _("Approved")
    PENDING = "pending", _("Waiting for HR")
    DECLINED = "declined", _("Not accepted")


class CEEntry(models.Model):
    """Continuing-education hours a person earned. Training completions credit it
    automatically (approved); external courses are added by the holder or HR and need HR's
    approval. Certification renewal readiness sums it per cycle."""

    data_topic = "certifications"  # core.versions

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="ce_entries")
    earned_on = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("100"))],
    )
    category = models.CharField(
        _("category"), max_length=12, choices=CECategory.choices, default=CECategory.GENERAL
    )
    title = models.CharField(_("course title"), max_length=200)
    provider = models.CharField(_("provider"), max_length=200, blank=True)
    source = models.CharField(max_length=12, choices=CESource.choices)
    # Credited by a training completion (then the same module counts once per cycle).
    completion = models.OneToOneField(
        Completion, null=True, blank=True, on_delete=models.CASCADE, related_name="ce_entry"
    )
    module = models.ForeignKey(
        TrainingModule, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=CEStatus.choices)
    # Which course this is, so the same course counts once per certification cycle: the
    # module for training done here, the normalized title and provider otherwise.
    course_key = models.CharField(max_length=420, blank=True)
    # An outside course's certificate (PDF or photo), stored privately: holder, HR, admins.
    evidence = models.FileField(upload_to="ce-evidence/%Y/%m/", blank=True)
    evidence_type = models.CharField(max_length=40, blank=True)
    added_by = models.ForeignKey(
        StaffProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decline_reason = models.CharField(max_length=300, blank=True)
    reviewed_by = models.ForeignKey(
        StaffProfile, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=now, editable=False)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["-earned_on", "-id"]
        verbose_name_plural = "CE entries"
        indexes = [
            # Readiness: one person's approved hours within a cycle's dates.
            models.Index(fields=["person", "status", "earned_on"], name="ce_person_date_idx"),
            # "Was this course already counted in the cycle?": earlier entries of one course.
            models.Index(fields=["person", "course_key", "earned_on"], name="ce_person_course_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.hours} h {self.category} for {self.person_id}"


def ce_course_key(*, module_id: int | None = None, title: str = "", provider: str = "") -> str:
    """The same course, however it is typed: "Ethics  in Peer Work" by "NAADAC " is
    "ethics in peer work|naadac"."""
    if module_id is not None:
        return f"module:{module_id}"
    return f"{' '.join(title.lower().split())}|{' '.join(provider.lower().split())}"[:420]
