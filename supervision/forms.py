"""Supervision forms. They validate shape; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from supervision.models import (
    NOTES_MAX_LENGTH,
    CadenceUnit,
    SessionFormat,
    SessionKind,
    SupervisionKind,
    Topic,
)
from workforce.validators import timezone_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
REPEAT_CHOICES = [
    ("", _("Doesn't repeat")),
    ("1", _("Every week")),
    ("2", _("Every 2 weeks")),
    ("3", _("Every 3 weeks")),
    ("4", _("Every 4 weeks")),
]


class AssignmentForm(forms.Form):
    """Who supervises whom, from when, and the supervision expected."""

    supervisor = forms.ModelChoiceField(label=_("Supervisor"), queryset=None)
    specialist = forms.ModelChoiceField(label=_("Supervises"), queryset=None)
    kind = forms.ChoiceField(label=_("As"), choices=SupervisionKind.choices)
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(
        label=_("Until"), widget=DATE, required=False, help_text=_("Empty while it goes on.")
    )
    cadence_minutes = forms.IntegerField(
        label=_("Minutes each time"), min_value=15, max_value=480, initial=60
    )
    cadence_kind = forms.ChoiceField(
        label=_("Kind of session"), choices=SessionKind.choices, initial=SessionKind.INDIVIDUAL
    )
    cadence_every = forms.IntegerField(
        label=_("Every"),
        min_value=1,
        max_value=12,
        initial=2,
        required=False,
        help_text=_("Empty if no regular supervision is expected."),
    )
    cadence_unit = forms.ChoiceField(label=_("Weeks or months"), choices=CadenceUnit.choices)

    def __init__(self, *args, supervisors, specialists, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors
        self.fields["specialist"].queryset = specialists
        for name in ("supervisor", "specialist"):
            self.fields[name].label_from_instance = lambda p: p.chosen_name


class ScheduleForm(forms.Form):
    """A session, once or repeating, at a wall-clock time in a time zone."""

    supervisor = forms.ModelChoiceField(label=_("Supervisor"), queryset=None)
    participants = forms.ModelMultipleChoiceField(
        label=_("With"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    format = forms.ChoiceField(label=_("How"), choices=SessionFormat.choices)
    location = forms.CharField(
        label=_("Where"), max_length=200, required=False, help_text=_("For in-person sessions.")
    )
    link = forms.URLField(
        label=_("Video link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to the people in the session."),
    )
    on = forms.DateField(label=_("Date"), widget=DATE)
    at = forms.TimeField(label=_("Time"), widget=TIME)
    timezone = forms.ChoiceField(label=_("Time zone"), choices=())
    duration_minutes = forms.IntegerField(
        label=_("Minutes"), min_value=15, max_value=480, initial=60
    )
    repeat = forms.ChoiceField(label=_("Repeats"), choices=REPEAT_CHOICES, required=False)
    count = forms.IntegerField(
        label=_("How many sessions in all"),
        min_value=2,
        max_value=52,
        required=False,
        help_text=_("For a repeating session."),
    )
    allow_conflicts = forms.BooleanField(
        label=_("Schedule it anyway"), required=False, widget=forms.HiddenInput
    )
    conditional_fields = ("location", "link", "count")

    def __init__(self, *args, supervisors, participants, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors
        self.fields["participants"].queryset = participants
        self.fields["supervisor"].label_from_instance = lambda p: p.chosen_name
        self.fields["participants"].label_from_instance = lambda p: p.chosen_name
        self.fields["timezone"].choices = timezone_choices()

    def clean(self):
        data = super().clean()
        if data.get("format") == SessionFormat.IN_PERSON and not data.get("location", "").strip():
            self.add_error("location", _("Please say where you'll meet."))
        if data.get("repeat") and not data.get("count"):
            self.add_error("count", _("Say how many sessions in all, from 2 to 52."))
        return data


class RescheduleForm(forms.Form):
    on = forms.DateField(label=_("New date"), widget=DATE)
    at = forms.TimeField(label=_("New time"), widget=TIME)
    timezone = forms.ChoiceField(label=_("Time zone"), choices=())
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Seen by everyone who can see the session: no private details."),
    )
    allow_conflicts = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = timezone_choices()


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("Seen by everyone who can see the session: no private details."),
    )


class LogForm(forms.Form):
    """What happened: the supervisor's record."""

    held = forms.TypedChoiceField(
        label=_("Did it take place?"),
        choices=[("yes", _("Yes, we met")), ("no", _("No, it didn't take place"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    held_on = forms.DateField(label=_("Date"), widget=DATE, required=False)
    held_time = forms.TimeField(label=_("Started at"), widget=TIME, required=False)
    held_minutes = forms.IntegerField(
        label=_("Minutes"), min_value=5, max_value=480, required=False
    )
    format = forms.ChoiceField(label=_("How"), choices=SessionFormat.choices, required=False)
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Encrypted. Only you and the people in this session can read them."),
    )
    action_items = forms.CharField(
        label=_("Action items"),
        required=False,
        max_length=NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Encrypted. Only you and the people in this session can read them."),
    )
    conditional_fields = ("held_on", "held_time", "held_minutes", "format")


class AmendForm(forms.Form):
    held_minutes = forms.IntegerField(
        label=_("Minutes"), min_value=5, max_value=480, required=False
    )
    format = forms.ChoiceField(
        label=_("How"), choices=[("", "—"), *SessionFormat.choices], required=False
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reason = forms.CharField(label=_("What was wrong"), max_length=300)


class ReflectionForm(forms.Form):
    reflection = forms.CharField(
        label=_("My reflection"),
        required=False,
        max_length=NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only you and your supervisor can read it. Encrypted."),
    )


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DATE)
    end = forms.DateField(label=_("To"), widget=DATE)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end can't be before the start."))
        return data
