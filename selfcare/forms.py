"""Self-care forms: every field optional where it can be; wording is warm and plain."""

from __future__ import annotations

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from notifications.models import Channel
from selfcare.models import NOTE_MAX_LENGTH, WEEKDAY_CHOICES, Frequency
from workforce.forms import TimezoneField

PAUSE_OPTIONS = [
    ("week", _("Pause for a week")),
    ("month", _("Pause for a month")),
    ("off", _("Turn them off until I turn them back on")),
]


class CheckInScheduleForm(forms.Form):
    enabled = forms.BooleanField(label=_("Send me check-in reminders"), required=False)
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, widget=forms.RadioSelect
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On these days"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for “every week” and “every two weeks”."),
    )
    time_of_day = forms.TimeField(
        label=_("At this time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    timezone = TimezoneField(label=_("In this time zone"))
    quiet_start = forms.TimeField(
        label=_("Quiet hours start"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("No reminder ever arrives during quiet hours, even a late one."),
    )
    quiet_end = forms.TimeField(
        label=_("Quiet hours end"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    paused_until = forms.DateField(
        label=_("Pause until (and including)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Leave empty for no pause."),
    )
    channel = forms.ChoiceField(
        label=_("Remind me"), choices=Channel.choices, widget=forms.RadioSelect
    )


class PauseForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("What would you like?"),
        choices=PAUSE_OPTIONS,
        widget=forms.RadioSelect,
        initial="week",
    )


SCALE = [(1, "1"), (2, "2"), (3, "3"), (4, "4"), (5, "5")]


def _scale_help(low: str, high: str) -> str:
    return gettext("1 = %(low)s, 5 = %(high)s. You can skip this.") % {"low": low, "high": high}


# Filled in each time it's shown, in the reader's language: the fields are made once, when
# the module loads (`%` on a lazy string there would fix the wording in English for good).
scale_help = lazy(_scale_help, str)


class ScoreField(forms.TypedChoiceField):
    def __init__(self, *, label: str, low: str, high: str) -> None:
        super().__init__(
            label=label,
            choices=SCALE,
            coerce=int,
            required=False,
            empty_value=None,
            widget=forms.RadioSelect,
            help_text=scale_help(low, high),
        )


class CheckInForm(forms.Form):
    """Five short questions, all optional, written for PeerWell."""

    energy = ScoreField(
        label=_("How is your energy today?"),
        low=_("running on empty"),
        high=_("plenty in the tank"),
    )
    calm = ScoreField(
        label=_("How settled do you feel inside?"),
        low=_("very stirred up"),
        high=_("calm and steady"),
    )
    sleep = ScoreField(
        label=_("How has your sleep been lately?"), low=_("very poor"), high=_("restful")
    )
    connection = ScoreField(
        label=_("How connected do you feel to people who support you?"),
        low=_("on my own"),
        high=_("well held"),
    )
    boundaries = ScoreField(
        label=_("How well have you kept the work boundaries you want?"),
        low=_("not at all"),
        high=_("fully"),
    )
    note = forms.CharField(
        label=_("Anything you want to note for yourself"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Private to you. Stored encrypted."),
    )

    def __init__(self, *args: object, support_contact: object = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if support_contact is not None:
            self.fields["support_requested"] = forms.BooleanField(
                label=_("I'd like some support"),
                required=False,
                help_text=_(
                    "%(name)s will get a note that you'd like to hear from them — nothing about "
                    "your answers."
                )
                % {"name": support_contact.chosen_name},
            )
