"""HTML forms. They validate shape; services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordResetForm,
)
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from workforce.models import Organization, Role, StaffProfile, User
from workforce.validators import timezone_choices, validate_timezone


class EmailAuthenticationForm(AuthenticationForm):
    """Sign in with an email address."""

    username = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "That email address and password don't match an account. Check both and try again."
        ),
        "inactive": _("This account is switched off. Your org admin can turn it back on."),
    }


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app, or a backup code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class AccountPasswordResetForm(PasswordResetForm):
    """Queues the reset email in the delivery ledger (sent even after a broker outage); people
    who never set a password can use it too."""

    def get_users(self, email: str):
        return User.objects.filter(email__iexact=email.strip(), is_active=True)

    @transaction.atomic
    def save(self, **kwargs: object) -> None:  # type: ignore[override]
        from workforce.emails import account_email_queue

        for user in self.get_users(self.cleaned_data["email"]).select_related("profile"):
            account_email_queue(user=user, purpose="reset")


class TimezoneField(forms.ChoiceField):
    def __init__(self, **kwargs: object) -> None:
        super().__init__(choices=timezone_choices, validators=[validate_timezone], **kwargs)


class RolesField(forms.MultipleChoiceField):
    def __init__(self, **kwargs: object) -> None:
        kwargs.setdefault("label", _("Roles"))
        kwargs.setdefault("help_text", _("A person can hold several roles."))
        super().__init__(choices=Role.choices, widget=forms.CheckboxSelectMultiple, **kwargs)


class PersonCreateForm(forms.Form):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    chosen_name = forms.CharField(label=_("Name they go by"), max_length=120)
    pronouns = forms.CharField(label=_("Pronouns"), max_length=40, required=False)
    legal_name = forms.CharField(
        label=_("Name on official records"),
        max_length=200,
        required=False,
        help_text=_("Only if it differs. Used on HR records only."),
    )
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    roles = RolesField()
    timezone = TimezoneField(label=_("Time zone"))
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    start_date = forms.DateField(
        label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    send_invitation = forms.BooleanField(
        label=_("Email them an invitation to set a password now"), required=False, initial=True
    )


class ProfileForm(forms.Form):
    """The profile fields the caller may change (the policy decides which: `editable`).

    A plain form built from the model's fields, so validating it does not touch the profile:
    the service makes the change.
    """

    WIDGETS = {
        "start_date": forms.DateInput(attrs={"type": "date"}),
        "emergency_contact": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
    }

    def __init__(
        self, *args: object, person: StaffProfile, editable: tuple[str, ...], **kwargs: object
    ) -> None:
        kwargs.setdefault("initial", forms.model_to_dict(person, fields=editable))
        super().__init__(*args, **kwargs)
        self.fields.update(
            forms.fields_for_model(StaffProfile, fields=editable, widgets=self.WIDGETS)
        )
        if "timezone" in self.fields:
            self.fields["timezone"] = TimezoneField(label=_("Time zone"))


class RolesForm(forms.Form):
    roles = RolesField()


class OrganizationForm(forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "timezone", "require_two_factor"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["timezone"] = TimezoneField(label=_("Time zone"))
        self.fields["timezone"].initial = self.instance.timezone
        self.fields["require_two_factor"].help_text = _(
            "People with the HR or org admin role will be asked to set up an authenticator "
            "app the next time they sign in."
        )
