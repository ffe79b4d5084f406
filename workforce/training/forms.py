"""Training forms. They validate shape; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workforce.models import ModuleSection, Question, Role, TrainingModule
from workforce.training.catalogue import MODULE_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"})
EVIDENCE_ACCEPT = "application/pdf,image/jpeg,image/png,image/webp,.pdf,.jpg,.jpeg,.png,.webp"


class AssignForm(forms.Form):
    """Assign a module to chosen people, to a role, or to everyone."""

    TARGETS = [
        ("people", _("Chosen people")),
        ("role", _("Everyone with a role")),
        ("everyone", _("Everyone")),
    ]
    module = forms.ModelChoiceField(label=_("Module"), queryset=TrainingModule.objects.none())
    # Role and people belong to one choice of "Assign to" each: not optional, conditional.
    # (forms.js shows each only when its choice is picked.)
    conditional_fields = ("role", "people")
    target = forms.ChoiceField(
        label=_("Assign to"),
        choices=TARGETS,
        widget=forms.RadioSelect(attrs={"data-reveal": "1"}),
        initial="role",
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("", _("Choose a role")), *Role.choices],
        required=False,
        help_text=_("Everyone who has this role now."),
    )
    people = forms.MultipleChoiceField(
        label=_("People"), required=False, widget=forms.CheckboxSelectMultiple
    )
    due_on = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Leave empty for no due date."),
    )

    def __init__(self, *args: object, modules, people, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules
        self.fields["people"].choices = [(p.pk, p.chosen_name) for p in people]

    def clean(self) -> dict:
        data = super().clean()
        target = data.get("target")
        if target == "role" and not data.get("role"):
            self.add_error("role", _("Choose a role."))
        if target == "people" and not data.get("people"):
            self.add_error("people", _("Choose at least one person."))
        return data


class RecordForm(forms.Form):
    """The learner records an external course or live session they finished."""

    module = forms.ModelChoiceField(label=_("Course or session"), queryset=None)
    completed_on = forms.DateField(label=_("Date you completed it"), widget=DATE_INPUT)
    evidence = forms.FileField(
        label=_("Certificate (PDF or photo)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
        help_text=_(
            "Needed for external courses. Up to 10 MB. Stored privately: only you, HR and "
            "org admins can open it."
        ),
    )

    def __init__(self, *args: object, modules, today, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules
        self.fields["completed_on"].widget.attrs["max"] = today.isoformat()


class AttendanceForm(forms.Form):
    """HR records who attended a group session."""

    module = forms.ModelChoiceField(label=_("Course or session"), queryset=None)
    completed_on = forms.DateField(label=_("Date of the session"), widget=DATE_INPUT)
    people = forms.MultipleChoiceField(label=_("Who attended"), widget=forms.CheckboxSelectMultiple)
    evidence = forms.FileField(
        label=_("Attendance sheet (PDF or photo)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": EVIDENCE_ACCEPT}),
        help_text=_("Optional. Up to 10 MB. Stored privately: only HR and org admins open it."),
    )

    def __init__(self, *args: object, modules, people, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules
        self.fields["people"].choices = [(p.pk, p.chosen_name) for p in people]


class ModuleForm(forms.ModelForm):
    """A catalogue entry and the roles that must take it."""

    required_for = forms.MultipleChoiceField(
        label=_("Required for"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Everyone with these roles is assigned the module (new people automatically), "
            "due 30 days after they start."
        ),
    )

    class Meta:
        model = TrainingModule
        fields = list(MODULE_FIELDS)


class SectionForm(forms.ModelForm):
    class Meta:
        model = ModuleSection
        fields = ["title", "content_note", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}


class QuestionForm(forms.ModelForm):
    """A multiple-choice question with up to five answers, one or more of them correct."""

    CHOICES = 5

    class Meta:
        model = Question
        fields = ["text", "explanation"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        existing = list(self.instance.choices.all()) if self.instance.pk else []
        for i in range(self.CHOICES):
            old = existing[i] if i < len(existing) else None
            self.fields[f"choice_{i}"] = forms.CharField(
                label=_("Answer %(n)s") % {"n": i + 1},
                max_length=300,
                required=i < 2,
                initial=old.text if old else "",
            )
            self.fields[f"correct_{i}"] = forms.BooleanField(
                label=_("Answer %(n)s is correct") % {"n": i + 1},
                required=False,
                initial=bool(old and old.correct),
            )

    def clean(self) -> dict:
        data = super().clean()
        answers = [
            (data.get(f"choice_{i}", "").strip(), bool(data.get(f"correct_{i}")))
            for i in range(self.CHOICES)
        ]
        data["answers"] = [(text, correct) for text, correct in answers if text]
        if not any(correct for _text, correct in data["answers"]):
            raise forms.ValidationError(_("Mark at least one answer as correct."))
        return data
