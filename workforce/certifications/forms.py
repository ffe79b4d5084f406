"""Certification forms. They validate shape; the services decide what is allowed."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from workforce.models import CECategory, CertificationType, Role
from workforce.training.forms import DATE_INPUT, EVIDENCE_ACCEPT

EVIDENCE_HELP = _(
    "PDF or photo, up to 10 MB. Stored privately: only the holder, HR and org admins can open it."
)


def _evidence_field(label, required: bool = False) -> forms.FileField:
    return forms.FileField(
        label=label,
        required=required,
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
        help_text=EVIDENCE_HELP,
    )


class CertificationTypeForm(forms.ModelForm):
    """A credential the organization tracks, with its renewal rules."""

    required_for = forms.MultipleChoiceField(
        label=_("Required for"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    milestones_text = forms.CharField(
        label=_("Reminders (days before expiry)"),
        initial="90, 60, 30, 7, 0",
        help_text=_(
            "Separated by commas; 0 is the expiry day. The first also marks “expiring soon”."
        ),
    )

    def clean_peer_service_hours_required(self) -> Decimal:
        return self.cleaned_data.get("peer_service_hours_required") or Decimal("0")

    class Meta:
        model = CertificationType
        fields = [
            "name",
            "issuing_body",
            "validity_months",
            "ce_hours_required",
            "supervised_hours_required",
            "peer_service_hours_required",
            "renewal_window_days",
            "provisional_months",
            "provisional_supervised_hours",
        ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["peer_service_hours_required"].required = False  # empty: none asked for
        for category, label in CECategory.choices:
            self.fields[f"minimum_{category}"] = forms.DecimalField(
                label=_("Of which at least, in %(category)s") % {"category": label},
                required=False,
                min_value=0,
                max_digits=6,
                decimal_places=2,
            )
        if self.instance.pk:
            self.initial["milestones_text"] = ", ".join(str(d) for d in self.instance.milestones)
            for minimum in self.instance.category_minimums.all():
                self.initial[f"minimum_{minimum.category}"] = minimum.hours

    def clean_milestones_text(self) -> list[int]:
        raw = [part.strip() for part in self.cleaned_data["milestones_text"].split(",")]
        try:
            return [int(part) for part in raw if part]
        except ValueError as exc:
            raise forms.ValidationError(_("Use whole numbers separated by commas.")) from exc

    def minimums(self) -> dict[str, object]:
        return {
            category: self.cleaned_data.get(f"minimum_{category}") or 0
            for category in CECategory.values
        }

    def data_for_service(self) -> dict[str, object]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["milestones"] = self.cleaned_data["milestones_text"]
        return data


class CertificationForm(forms.Form):
    """Record a certification someone holds."""

    type = forms.ModelChoiceField(label=_("Credential"), queryset=None)
    credential_number = forms.CharField(label=_("Credential number"), max_length=80, required=False)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE_INPUT)
    expires_on = forms.DateField(
        label=_("Expires on"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("Leave empty to work it out from the credential's validity."),
    )
    provisional = forms.BooleanField(label=_("Provisional"), required=False)
    evidence = _evidence_field(_("The credential (PDF or photo)"))

    def __init__(self, *args: object, types, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = types


class RenewForm(forms.Form):
    issued_on = forms.DateField(label=_("New cycle starts (issued on)"), widget=DATE_INPUT)
    expires_on = forms.DateField(
        label=_("Expires on"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("Leave empty to work it out from the credential's validity."),
    )
    credential_number = forms.CharField(label=_("Credential number"), max_length=80, required=False)
    evidence = _evidence_field(_("The renewed credential (PDF or photo)"))


class EvidenceForm(forms.Form):
    file = _evidence_field(_("File"), required=True)
    description = forms.CharField(label=_("What it is"), max_length=200, required=False)


class CEEntryForm(forms.Form):
    """Continuing-education hours from a course outside PeerWell."""

    title = forms.CharField(label=_("Course title"), max_length=200)
    provider = forms.CharField(label=_("Provider"), max_length=200)
    earned_on = forms.DateField(label=_("Date completed"), widget=DATE_INPUT)
    hours = forms.DecimalField(
        label=_("CE hours"), min_value=0.25, max_value=100, max_digits=5, decimal_places=2
    )
    category = forms.ChoiceField(label=_("Category"), choices=CECategory.choices)
    evidence = _evidence_field(_("Certificate of completion (PDF or photo)"))


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason, for the record"), max_length=300)


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Why it isn't accepted (they'll see this)"), max_length=300)
