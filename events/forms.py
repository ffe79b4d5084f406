"""Wellness event forms. They validate shape; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from events.models import MAX_CAPACITY, MAX_OCCURRENCES, NOTE_MAX, Audience, EventKind, Place
from events.notes import IDEA_MAX, PLAN_SECTIONS
from workforce.models import Role, StaffProfile
from workforce.validators import timezone_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
REPEAT_CHOICES = [
    ("", _("Just once")),
    (1, _("Every week")),
    (2, _("Every 2 weeks")),
    (3, _("Every 3 weeks")),
    (4, _("Every 4 weeks")),
]


class EventForm(forms.Form):
    """An event: what, when, where, for whom, places, and who sees that you're coming."""

    title = forms.CharField(label=_("Title"), max_length=120)
    kind = forms.ChoiceField(label=_("What it is"), choices=EventKind.choices)
    description = forms.CharField(
        label=_("A few welcoming words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_("What happens, what to bring, that everyone is welcome as they are."),
    )
    content_note = forms.CharField(
        label=_("Content note"),
        max_length=300,
        required=False,
        help_text=_("If it may touch heavy themes, say so gently, so people can choose."),
    )
    starts_on = forms.DateField(label=_("On"), widget=DATE)
    start_time = forms.TimeField(label=_("From"), widget=TIME)
    end_time = forms.TimeField(label=_("Until"), widget=TIME)
    ends_on = forms.DateField(
        label=_("Last day (only for a one-off over several days)"), widget=DATE, required=False
    )
    timezone = forms.ChoiceField(label=_("Time zone"), choices=())
    every_weeks = forms.TypedChoiceField(
        label=_("Repeats"), choices=REPEAT_CHOICES, coerce=int, empty_value=None, required=False
    )
    times = forms.IntegerField(
        label=_("How many times"), min_value=1, max_value=MAX_OCCURRENCES, initial=1
    )
    place = forms.ChoiceField(label=_("Where"), choices=Place.choices)
    location = forms.CharField(label=_("Place"), max_length=200, required=False)
    access_notes = forms.CharField(
        label=_("Getting there and access"),
        max_length=500,
        required=False,
        help_text=_("Step-free access, parking, a quiet space, what's nearby."),
    )
    online_link = forms.URLField(
        label=_("Link to join"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to people who said they're coming (or maybe)."),
    )
    audience = forms.ChoiceField(label=_("For"), choices=Audience.choices)
    team_lead = forms.ModelChoiceField(
        label=_("The team of"), queryset=StaffProfile.objects.none(), required=False
    )
    role = forms.ChoiceField(label=_("Role"), choices=[("", "—"), *Role.choices], required=False)
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=MAX_CAPACITY,
        required=False,
        help_text=_("Empty: no limit. When full, people can join a waiting list."),
    )
    paid_time = forms.BooleanField(label=_("Counts as paid work time"), required=False)
    shares_names = forms.BooleanField(
        label=_("Organizers need the names of who is coming"),
        required=False,
        help_text=_(
            "Only for a reason, such as meals or transport. People read it before they reply; "
            "it can't be switched on once anyone has replied."
        ),
    )
    names_reason = forms.CharField(label=_("Why names are needed"), max_length=200, required=False)
    organizers = forms.ModelMultipleChoiceField(
        label=_("Organizers"),
        queryset=StaffProfile.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "They can change the event and see how many are coming (and, on an event that "
            "needs names, who). Everyone can see who the organizers are."
        ),
    )

    def __init__(self, *args, supervisors, staff, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = timezone_choices()
        self.fields["team_lead"].queryset = supervisors
        self.fields["team_lead"].label_from_instance = lambda p: p.chosen_name
        self.fields["organizers"].queryset = staff
        self.fields["organizers"].label_from_instance = lambda p: p.chosen_name


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("A word on why (people see it)"), max_length=300, required=False
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("What helped"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX,
        required=False,
        help_text=_("Only you can read this. Leave it empty to remove it."),
    )


class ToPlanForm(forms.Form):
    section = forms.ChoiceField(
        label=_("Add it to my self-care plan, under"), choices=(), initial=PLAN_SECTIONS[0]
    )

    def __init__(self, *args, **kwargs) -> None:
        from selfcare.sections import SECTIONS_BY_KEY

        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [
            (key, SECTIONS_BY_KEY[key].title) for key in PLAN_SECTIONS
        ]


class IdeaForm(forms.Form):
    text = forms.CharField(
        label=_("Your idea"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=IDEA_MAX,
        help_text=_("What would help you rest, move, create or connect?"),
    )
    kind = forms.ChoiceField(
        label=_("What kind of event (if you know)"),
        choices=[("", "—"), *EventKind.choices],
        required=False,
    )
    anonymous = forms.BooleanField(
        label=_("Send it without my name"),
        required=False,
        help_text=_("Then nothing records that it came from you."),
    )
