"""Group forms. They validate shape; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from groups.agreements import ITEM_MAX, MAX_ITEMS
from groups.models import (
    GROUP_LANGUAGES,
    MAX_ATTENDANCE,
    Approach,
    Focus,
    GroupFormat,
    GroupModel,
    GroupStatus,
    ReportStatus,
    Venue,
    Weekday,
)
from workforce.validators import timezone_choices

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
EVERY_CHOICES = [
    (1, _("Every week")),
    (2, _("Every 2 weeks")),
    (3, _("Every 3 weeks")),
    (4, _("Every 4 weeks")),
]


def _by_name(field: forms.Field) -> None:
    field.label_from_instance = lambda p: p.chosen_name


class GroupForm(forms.Form):
    """A group: what it is, who it is for, where and when it meets, what to expect."""

    name = forms.CharField(
        label=_("Name"),
        max_length=120,
        help_text=_("Experience-focused names welcome the most people."),
    )
    model = forms.ModelChoiceField(label=_("Model"), queryset=GroupModel.objects.none())
    who_for = forms.CharField(
        label=_("Who it is for"),
        max_length=300,
        help_text=_("In plain words, e.g. “Women in recovery from substance use”."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=GROUP_LANGUAGES, widget=forms.CheckboxSelectMultiple
    )
    format = forms.ChoiceField(label=_("Format"), choices=GroupFormat.choices)
    venue = forms.ModelChoiceField(
        label=_("Venue"),
        queryset=Venue.objects.none(),
        required=False,
        help_text=_("Libraries and community centres feel safer to many people than some places."),
    )
    show_address = forms.BooleanField(
        label=_("Show the venue's address to anyone"),
        required=False,
        help_text=_("Otherwise only staff see it; people ask the facilitator."),
    )
    online_details = forms.CharField(
        label=_("How to join online"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    show_online_details = forms.BooleanField(label=_("Show how to join to anyone"), required=False)
    weekday = forms.TypedChoiceField(label=_("Day"), choices=Weekday.choices, coerce=int)
    start_time = forms.TimeField(label=_("Starts at"), widget=TIME)
    duration_minutes = forms.IntegerField(
        label=_("Minutes"), min_value=30, max_value=240, initial=90
    )
    every_weeks = forms.TypedChoiceField(
        label=_("How often"), choices=EVERY_CHOICES, coerce=int, initial=1
    )
    timezone = forms.ChoiceField(label=_("Time zone"), choices=timezone_choices)
    starts_on = forms.DateField(label=_("First meeting on or after"), widget=DATE)
    status = forms.ChoiceField(label=_("Status"), choices=GroupStatus.choices)
    published = forms.BooleanField(
        label=_("List it for referrals"),
        required=False,
        initial=True,
        help_text=_("Everyone in the organization sees listed groups, so they can refer people."),
    )
    in_finder = forms.BooleanField(
        label=_("Show it on the public group finder"),
        required=False,
        help_text=_(
            "Anyone can find it there, without an account: what it is, when, and the area. "
            "The address and a meeting link only if you show them above."
        ),
    )
    show_agreement = forms.BooleanField(
        label=_("Show the group agreement on its public page"), required=False
    )
    culture = forms.CharField(
        label=_("The group's culture"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    norms = forms.CharField(
        label=_("Norms"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    meeting_flow = forms.CharField(
        label=_("How a meeting runs here"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Empty: the model's usual meeting plan."),
    )
    liaison_every_weeks = forms.IntegerField(
        label=_("Liaison visits every (weeks)"), min_value=2, max_value=26, initial=8
    )

    conditional_fields = ("venue", "online_details")

    def __init__(self, *args, models, venues, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["model"].queryset = models
        self.fields["venue"].queryset = venues


class PeopleForm(forms.Form):
    """Who facilitates a group (and who leads), and who its liaisons are."""

    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Peer specialists who run the group."),
    )
    lead = forms.ModelChoiceField(label=_("Lead facilitator"), queryset=None, required=False)
    liaisons = forms.ModelMultipleChoiceField(
        label=_("Liaisons"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Someone outside the group whom members can talk to about the group itself. "
            "A liaison never facilitates the group."
        ),
    )

    def __init__(self, *args, peers, staff, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset = peers
        self.fields["lead"].queryset = peers
        self.fields["liaisons"].queryset = staff
        for name in ("facilitators", "lead", "liaisons"):
            _by_name(self.fields[name])


class AgreementForm(forms.Form):
    """A new version of the agreement: one item per line, as the members wrote them."""

    items = forms.CharField(
        label=_("The agreement, one item per line"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=MAX_ITEMS * (ITEM_MAX + 2),
    )
    agreed_on = forms.DateField(label=_("The day the group agreed it"), widget=DATE)

    def clean_items(self) -> list[str]:
        return [line for line in self.cleaned_data["items"].splitlines() if line.strip()]


class MeetingLogForm(forms.Form):
    """After a meeting: numbers only, and anything that needs follow-up."""

    held = forms.TypedChoiceField(
        label=_("Did the meeting take place?"),
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        initial="yes",
    )
    attended = forms.IntegerField(
        label=_("How many came (you not included)"),
        min_value=0,
        max_value=MAX_ATTENDANCE,
        required=False,
        help_text=_("A number only. PeerWell never keeps a list of who came."),
    )
    newcomers = forms.IntegerField(
        label=_("How many of them were new"), min_value=0, max_value=MAX_ATTENDANCE, required=False
    )
    held_minutes = forms.IntegerField(
        label=_("How long it lasted (minutes)"), min_value=10, max_value=300, required=False
    )
    agreement_read = forms.TypedChoiceField(
        label=_("Was the group agreement read?"),
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        required=False,
        empty_value=None,
    )
    facilitated_by = forms.ModelMultipleChoiceField(
        label=_("Who facilitated"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Their facilitation hours count toward certifications."),
    )
    format_note = forms.CharField(
        label=_("Any change to the usual format"), max_length=300, required=False
    )
    reason = forms.CharField(
        label=_("If it didn't take place, why"), max_length=300, required=False
    )
    crisis_handled = forms.BooleanField(label=_("A crisis was handled"), required=False)
    liaison_note = forms.CharField(
        label=_("Tell the liaison"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        help_text=_(
            "A concern about safety, or anything the group's liaison should know. Only the "
            "liaison reads it (and you). No names of members, please."
        ),
    )
    talk_through = forms.CharField(
        label=_("I'd like to talk this through"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
        help_text=_(
            "Private: it becomes a topic for your next supervision session. Only you and "
            "your supervisor see it."
        ),
    )

    conditional_fields = ("attended", "agreement_read", "reason")

    def __init__(self, *args, facilitators, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facilitated_by"].queryset = facilitators
        _by_name(self.fields["facilitated_by"])


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason (shown on calendars)"), max_length=300)


class MoveForm(forms.Form):
    on = forms.DateField(label=_("New day"), widget=DATE)
    at = forms.TimeField(label=_("New time (the group's time zone)"), widget=TIME)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class VenueForm(forms.ModelForm):
    class Meta:
        model = Venue
        fields = [
            "name",
            "area",
            "address",
            "step_free",
            "transit",
            "parking",
            "childcare",
            "quiet_room",
            "access_notes",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}),
            "access_notes": forms.Textarea(attrs={"rows": 2}),
        }


class GroupModelForm(forms.ModelForm):
    class Meta:
        model = GroupModel
        fields = [
            "name",
            "summary",
            "approach",
            "structured",
            "gender_specific",
            "focus",
            "led_by",
            "facts",
            "meeting_plan",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "facts": forms.Textarea(attrs={"rows": 4}),
            "meeting_plan": forms.Textarea(attrs={"rows": 5}),
        }


class VisitPlanForm(forms.Form):
    planned_on = forms.DateField(label=_("Visit on"), widget=DATE)


class VisitLogForm(forms.Form):
    visited_on = forms.DateField(label=_("Visited on"), widget=DATE)
    shared_contact = forms.BooleanField(label=_("I shared how to reach me"), required=False)
    shared_report_route = forms.BooleanField(
        label=_("I shared how to report a concern"), required=False
    )
    note = forms.CharField(label=_("What else was shared"), max_length=500, required=False)


class LiaisonContactForm(forms.Form):
    contact = forms.CharField(
        label=_("How members can reach me"),
        max_length=200,
        required=False,
        help_text=_("A work phone or email you're happy to give out. It goes on your card."),
    )


class HoursForm(forms.Form):
    since = forms.DateField(label=_("From"), widget=DATE)
    until = forms.DateField(label=_("Until"), widget=DATE)


class FinderForm(forms.Form):
    published = forms.BooleanField(label=_("Publish the group finder"), required=False)
    intro = forms.CharField(
        label=_("A few words at the top"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
    )
    ask_contact = forms.CharField(
        label=_("How people ask for an address or a link"),
        max_length=200,
        required=False,
        help_text=_("A phone number, a text line or an email address that staff answer."),
    )


class FinderFilterForm(forms.Form):
    """What people narrow the public finder by: never anything about themselves."""

    model = forms.ChoiceField(label=_("Kind of group"), required=False)
    approach = forms.ChoiceField(
        label=_("Approach"), required=False, choices=[("", _("Any")), *Approach.choices]
    )
    structured = forms.ChoiceField(
        label=_("Meetings"),
        required=False,
        choices=[("", _("Any")), ("yes", _("Structured")), ("no", _("Open sharing"))],
    )
    gender_specific = forms.ChoiceField(
        label=_("For one gender"),
        required=False,
        choices=[("", _("Any")), ("yes", _("Yes")), ("no", _("No"))],
    )
    focus = forms.ChoiceField(
        label=_("Focus"), required=False, choices=[("", _("Any")), *Focus.choices]
    )
    format = forms.ChoiceField(
        label=_("In person or online"),
        required=False,
        choices=[("", _("Any")), *GroupFormat.choices],
    )
    area = forms.ChoiceField(label=_("Area"), required=False)
    weekday = forms.ChoiceField(
        label=_("Day"), required=False, choices=[("", _("Any")), *Weekday.choices]
    )
    time_of_day = forms.ChoiceField(
        label=_("Time of day"),
        required=False,
        choices=[
            ("", _("Any")),
            ("morning", _("Morning")),
            ("afternoon", _("Afternoon")),
            ("evening", _("Evening")),
        ],
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any")), *GROUP_LANGUAGES]
    )
    access_needs = forms.MultipleChoiceField(
        label=_("Getting there"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[
            ("step_free", _("Step-free access")),
            ("transit", _("Near public transport")),
            ("parking", _("Parking")),
            ("childcare", _("Childcare")),
            ("quiet_room", _("A quiet room to step out to")),
        ],
    )

    def __init__(self, *args, models, areas, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", _("Any"))] + [(m.key, m.name) for m in models]
        self.fields["area"].choices = [("", _("Any"))] + [(a, a) for a in areas]


class ReportForm(forms.Form):
    """Telling the organization you felt unsafe in a group: no account, no name needed."""

    what = forms.CharField(
        label=_("What happened, or what worries you"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text=_("Only what you want to share. You don't have to give your name."),
    )
    contact = forms.CharField(
        label=_("A way to reach you, if you'd like us to"),
        max_length=300,
        required=False,
        help_text=_(
            "Optional: a phone number, an email, a time that's safe. Leave it empty to stay "
            "anonymous."
        ),
    )
    safeguarding_only = forms.BooleanField(
        label=_("It's about the group's liaison: send it to the safeguarding lead only"),
        required=False,
    )


class ReceiptForm(forms.Form):
    receipt = forms.CharField(
        label=_("Your receipt code"),
        max_length=100,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}
        ),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000
    )


class ReportUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ReportStatus.choices)
    notes = forms.CharField(
        label=_("Our notes (never shown to the reporter)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
    )
    closing_summary = forms.CharField(
        label=_("Closing summary (the reporter reads it with their receipt)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
