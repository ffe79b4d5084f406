"""Organizations, people and their roles, supervision relationships, and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from core.db import JoinedText
from core.versions import VersionedQuerySet
from workforce.fields import EncryptedTextField
from workforce.validators import validate_timezone


class Organization(models.Model):
    """An employer of peer specialists; nothing crosses between organizations."""

    data_topic = "people"  # core.versions: its time zone decides every cached figure's days

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    timezone = models.CharField(
        _("time zone"), max_length=64, default="America/New_York", validators=[validate_timezone]
    )
    require_two_factor = models.BooleanField(
        _("require an authenticator app for HR and org admins"), default=False
    )
    created_at = models.DateTimeField(default=now, editable=False)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager.from_queryset(VersionedQuerySet)):
    """Users are identified by email address, stored in lower case."""

    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A login. People's names and roles live on their StaffProfile."""

    data_topic = "people"  # core.versions: whether they still work here

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    def clean(self) -> None:
        super().clean()
        self.email = self.email.strip().lower()

    # A new password closes every other way in, however it was set (the reset link, the
    # change form, the Django admin, `manage.py changepassword`): each API token ends with it.
    # Signed-in browsers end already, since Django ties a session to the password it began with.
    # `_password` is Django's own mark of a new password (set_password sets it; the silent hash
    # upgrade at sign-in clears it, so that is not taken for a change). Kept here, not in one
    # form, so that no path that changes a password can forget it.
    def save(self, *args: object, **kwargs: object) -> None:
        changed = self._password is not None
        super().save(*args, **kwargs)
        if changed and self.pk:
            from rest_framework.authtoken.models import Token

            Token.objects.filter(user=self).delete()

    def get_full_name(self) -> str:
        profile = getattr(self, "profile", None)
        return profile.chosen_name if profile else self.email

    def get_short_name(self) -> str:
        return self.get_full_name()


class Role(models.TextChoices):
    PEER_SPECIALIST = "specialist", _("Peer specialist")
    SUPERVISOR = "supervisor", _("Supervisor")
    PROGRAM_MANAGER = "manager", _("Program manager")
    HR = "hr", _("HR")
    ORG_ADMIN = "admin", _("Org admin")
    # Reads safety reports about any group (never as one of that group's facilitators).
    SAFEGUARDING = "safeguarding", _("Safeguarding lead")


class EmploymentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ON_LEAVE = "on_leave", _("On leave")
    LEFT = "left", _("Left the organization")


class StaffProfileQuerySet(VersionedQuerySet):
    def with_roles(self) -> StaffProfileQuerySet:
        """Each person's roles in the same query, as `role_list`: cheaper than prefetching
        the grants when a page lists many people."""
        return self.annotate(role_list=joined_roles(profile=models.OuterRef("pk")))


def joined_roles(**person: object) -> models.Subquery:
    """The roles of the person `person` matches, joined with commas, as a subquery of the
    outer query: what StaffProfile.roles reads from `role_list`."""
    grants = (
        RoleGrant.objects.filter(**person)
        .order_by()
        .values("profile")
        .annotate(joined=JoinedText("role"))
        .values("joined")
    )
    return models.Subquery(grants)


class StaffProfile(models.Model):
    """A person on an organization's staff: the name they go by, their roles, their status."""

    data_topic = "people"  # core.versions

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="staff")
    chosen_name = models.CharField(_("name you go by"), max_length=120)
    legal_name = models.CharField(
        _("name on official records"),
        max_length=200,
        blank=True,
        help_text=_("Only if it differs from the name you go by. Used on HR records only."),
    )
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    certificate_name = models.CharField(
        _("name on certificates"),
        max_length=200,
        blank=True,
        help_text=_("How your name appears on training certificates. Empty: the name you go by."),
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    emergency_contact = EncryptedTextField(
        _("emergency contact"),
        blank=True,
        max_length=1000,
        validators=[MaxLengthValidator(1000)],
        help_text=_("Who to contact if something happens to you at work, and how."),
    )
    timezone = models.CharField(_("time zone"), max_length=64, validators=[validate_timezone])
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="en"
    )
    employment_status = models.CharField(
        _("employment status"),
        max_length=16,
        choices=EmploymentStatus.choices,
        default=EmploymentStatus.ACTIVE,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    # Work reminders (training due dates, certification renewals, the weekly summaries) also
    # come by email unless switched off, from the training or certifications page or the
    # one-click link in every such email; in PeerWell's notifications they always appear.
    work_emails = models.BooleanField(
        _("email me about training, certifications and supervision"), default=True
    )
    invited_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StaffProfileQuerySet.as_manager()

    class Meta:
        ordering = ["chosen_name", "id"]
        indexes = [
            # The people list: one organization's staff in name order.
            models.Index(fields=["organization", "chosen_name"], name="profile_org_name_idx"),
        ]

    def __str__(self) -> str:
        return self.chosen_name

    @property
    def roles(self) -> frozenset[str]:
        """The person's roles; read from `with_roles()` or prefetched grants when present
        (no query then)."""
        cached = getattr(self, "_roles_cache", None)
        if cached is None:
            if "role_list" in self.__dict__:
                cached = frozenset(filter(None, (self.role_list or "").split(",")))
            else:
                cached = frozenset(grant.role for grant in self.role_grants.all())
            self._roles_cache = cached
        return cached

    def has_role(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def role_labels(self) -> list[str]:
        return [str(label) for value, label in Role.choices if value in self.roles]

    @property
    def name_for_certificates(self) -> str:
        return self.certificate_name or self.chosen_name

    @property
    def display_name(self) -> str:
        return f"{self.chosen_name} ({self.pronouns})" if self.pronouns else self.chosen_name


class RoleGrant(models.Model):
    """One role held by one person; a person can hold several."""

    data_topic = "people"  # core.versions

    profile = models.ForeignKey(StaffProfile, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(max_length=16, choices=Role.choices)
    granted_at = models.DateTimeField(default=now, editable=False)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["profile", "role"], name="rolegrant_unique_role"),
        ]
        # Role filters on the people list ("everyone who is a supervisor").
        indexes = [models.Index(fields=["role", "profile"], name="rolegrant_role_idx")]

    def __str__(self) -> str:
        return f"{self.profile_id}:{self.role}"


class AuditAction(models.TextChoices):
    VIEWED = "viewed", _("viewed")
    CHANGED = "changed", _("changed")
    EXPORTED = "exported", _("exported")
    DELETED = "deleted", _("deleted")


class AuditEvent(models.Model):
    """A read or change of someone's sensitive content by anyone other than its owner."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subject = models.ForeignKey(
        StaffProfile,
        on_delete=models.CASCADE,
        related_name="audit_events",
        help_text="Whose information it was.",
    )
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    target_type = models.CharField(
        max_length=64, help_text="What kind of information, e.g. profile.emergency_contact."
    )
    target_id = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField(default=now, db_index=False)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            # "Who has looked at my information": one person's events, newest first.
            models.Index(fields=["subject", "-at"], name="audit_subject_at_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_id} {self.action} {self.target_type} of {self.subject_id}"

    @property
    def target_label(self) -> str:
        return str(AUDIT_TARGET_LABELS.get(self.target_type, self.target_type))


# Plain-language names for audit targets; apps add theirs as they gain sensitive content.
AUDIT_TARGET_LABELS: dict[str, object] = {
    "profile.emergency_contact": _("Your emergency contact"),
    "selfcare.plan": _("Your self-care plan"),
    "supervision.reflection": _("Your reflection on a supervision session"),
}
