"""Signed-in pages for wellness events: the events page, one time of an event with the reply
buttons, posting and changing events, notes, ideas and participation. Thin: the services and
selectors decide."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core import dates
from core.forms import apply_errors
from events import access as events_access
from events import notes, participation, replies, selectors, services
from events.calendar import occurrence_ics
from events.forms import CancelForm, EventForm, IdeaForm, NoteForm, ToPlanForm
from events.models import Answer, WellnessEvent
from workforce import access
from workforce.models import EmploymentStatus, Role, StaffProfile

PAGE_SIZE = 30


@never_cache
@login_required
def events_view(request: HttpRequest) -> HttpResponse:
    """What's coming, with the caller's own answers, and the recent ones they came to."""
    access.require_profile(request.user)
    now = dates.now()
    page = Paginator(selectors.upcoming(request.user, now=now), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "recent": list(selectors.recent_mine(request.user, now=now)[:10]),
        "answers": Answer,
        "can_post": events_access.can_post_events(request.user),
        "can_view_participation": events_access.can_view_participation(request.user),
        "can_read_ideas": events_access.can_read_ideas(request.user),
    }
    return render(request, "events/list.html", context)


@never_cache
@login_required
def occurrence_view(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = events_access.get_occurrence(request.user, pk)
    page = selectors.occurrence_page(request.user, occurrence, now=dates.now())
    note = page.note.text if page.note else ""
    context = {
        "page": page,
        "event": page.event,
        "occurrence": occurrence,
        "answers": Answer,
        "choices": replies.CHOICES,
        "note_form": NoteForm(initial={"text": note}),
        "plan_form": ToPlanForm(initial={"section": notes.plan_section_for(page.event)}),
        "cancel_form": CancelForm(),
        "others": selectors.event_occurrences(page.event, request.user, now=dates.now()),
    }
    return render(request, "events/occurrence.html", context)


REPLIED = {
    Answer.GOING: _("You said you'll come. You can change your mind any time."),
    Answer.MAYBE: _("You said maybe. You can change your mind any time."),
    Answer.NOT_GOING: _("You said you can't this time. Thank you for letting them know."),
    Answer.WAITING: _(
        "It's full, so you're on the waiting list. If a place opens, you'll be told and it's "
        "held for you for a day."
    ),
}


@require_POST
@login_required
def reply_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        reply = replies.reply_set(
            actor=request.user, occurrence_id=pk, answer=request.POST.get("answer", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, str(REPLIED[reply.answer]))
    return redirect("event_occurrence", pk=pk)


@login_required
def occurrence_ics_view(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = events_access.get_occurrence(request.user, pk)
    text = occurrence_ics(occurrence, now=dates.now())
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="wellness-event-{pk}.ics"'
    return response


@require_POST
@login_required
def note_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            saved = notes.note_save(
                actor=request.user, occurrence_id=pk, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Kept, for you alone.") if saved else _("Removed."))
    else:
        messages.error(request, _("Keep it a little shorter, please."))
    return redirect(reverse("event_occurrence", args=[pk]) + "#note")


@require_POST
@login_required
def note_to_plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = ToPlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a part of your plan to add it to."))
        return redirect(reverse("event_occurrence", args=[pk]) + "#note")
    try:
        notes.note_to_plan(
            actor=request.user, occurrence_id=pk, section=form.cleaned_data["section"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(reverse("event_occurrence", args=[pk]) + "#note")
    messages.success(request, _("Added to your self-care plan."))
    return redirect("plan")


def _event_form(request: HttpRequest, event: WellnessEvent | None = None) -> EventForm:
    profile = access.require_profile(request.user)
    staff = (
        access.people_visible_to(request.user)
        .filter(user__is_active=True)
        .exclude(employment_status=EmploymentStatus.LEFT)
        .prefetch_related("role_grants")
        .order_by("chosen_name")
    )
    today = dates.organization_today(profile.organization)
    initial = {"timezone": profile.organization.timezone, "starts_on": today, "times": 1}
    if event is not None:
        initial = {name: getattr(event, name) for name in services.EVENT_FIELDS}
        initial["organizers"] = [p.pk for p in event.organizers.all()]
    supervisors = (
        StaffProfile.objects.filter(
            organization_id=profile.organization_id, role_grants__role=Role.SUPERVISOR
        )
        .filter(user__is_active=True)
        .exclude(employment_status=EmploymentStatus.LEFT)
        .order_by("chosen_name")
    )
    form = EventForm(
        request.POST or None,
        initial=initial,
        supervisors=supervisors,
        staff=staff,
    )
    if not events_access.can_post_events(request.user):
        del form.fields["organizers"]  # who organizes is the posters' to change
    return form


def _input(data: dict) -> services.EventInput:
    values = {name: data.get(name) for name in services.EVENT_FIELDS}
    for name in ("description", "content_note", "location", "access_notes", "online_link"):
        values[name] = values[name] or ""
    values["role"] = values["role"] or ""
    values["names_reason"] = values["names_reason"] or ""
    values["times"] = values["times"] or 1
    return services.EventInput(**values)


def _save(request: HttpRequest, form: EventForm, event: WellnessEvent | None):
    if not form.is_valid():
        return None
    chosen = form.cleaned_data.get("organizers")
    organizers = list(chosen) if chosen is not None else None
    try:
        if event is None:
            return services.event_create(
                actor=request.user, data=_input(form.cleaned_data), organizers=organizers or []
            )
        return services.event_update(
            actor=request.user,
            event=event,
            data=_input(form.cleaned_data),
            organizers=organizers,
        )
    except ValidationError as error:
        apply_errors(form, error)
        return None


@login_required
def event_create_view(request: HttpRequest) -> HttpResponse:
    if not events_access.can_post_events(request.user):
        raise Http404
    form = _event_form(request)
    if request.method == "POST":
        event = _save(request, form, None)
        if event is not None:
            messages.success(request, _("Posted. Everyone it is for can see it now."))
            return redirect("event_occurrence", pk=event.occurrences.first().pk)
    status = 400 if form.errors else 200
    return render(request, "events/event_form.html", {"form": form}, status=status)


@login_required
def event_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = events_access.get_event(request.user, pk)
    if not events_access.can_change_event(request.user, event):
        raise Http404
    form = _event_form(request, event)
    if request.method == "POST":
        saved = _save(request, form, event)
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("event_occurrence", pk=saved.occurrences.first().pk)
    status = 400 if form.errors else 200
    return render(request, "events/event_form.html", {"form": form, "event": event}, status=status)


@require_POST
@login_required
def event_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    event = events_access.get_event(request.user, pk)
    if not events_access.can_change_event(request.user, event):
        raise Http404
    form = CancelForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    services.event_cancel(actor=request.user, event=event, reason=reason)
    messages.success(request, _("Cancelled. People who replied see it on the event's page."))
    return redirect("events")


@require_POST
@login_required
def occurrence_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    occurrence = events_access.get_occurrence(request.user, pk)
    if not events_access.can_change_event(request.user, occurrence.event):
        raise Http404
    form = CancelForm(request.POST)
    try:
        services.occurrence_cancel(
            actor=request.user,
            occurrence=occurrence,
            reason=form.cleaned_data["reason"] if form.is_valid() else "",
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("This time is cancelled; the others go ahead."))
    return redirect("event_occurrence", pk=pk)


@login_required
def idea_view(request: HttpRequest) -> HttpResponse:
    """Anyone can suggest an event, with or without their name."""
    access.require_profile(request.user)
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            notes.idea_submit(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Thank you: the people who organize events will see it."))
            return redirect("events")
    status = 400 if form.errors else 200
    return render(request, "events/idea.html", {"form": form}, status=status)


@login_required
def ideas_view(request: HttpRequest) -> HttpResponse:
    if not events_access.can_read_ideas(request.user):
        raise Http404
    rows = events_access.ideas_visible_to(request.user).select_related("author")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "events/ideas.html", {"page": page})


@login_required
def participation_view(request: HttpRequest) -> HttpResponse:
    if not events_access.can_view_participation(request.user):
        raise Http404
    profile = access.require_profile(request.user)
    cells = participation.participation(profile.organization)
    context = {"cells": cells, "min_people": participation.MIN_PEOPLE}
    return render(request, "events/participation.html", context)
