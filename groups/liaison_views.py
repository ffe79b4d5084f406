"""The liaison's page for a group (notes left for them, visits, their contact details and
card), and the organization's set-up pages: venues, group models, facilitation hours."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.forms import apply_errors
from groups import access as groups_access
from groups import liaison, selectors, services
from groups.forms import (
    GroupModelForm,
    HoursForm,
    LiaisonContactForm,
    VenueForm,
    VisitLogForm,
    VisitPlanForm,
)
from groups.models import GroupModel, Liaison, LiaisonVisit
from workforce import access


def _liaison_group(request: HttpRequest, pk: int):
    group = groups_access.get_group_records(request.user, pk)
    if not groups_access.is_liaison(request.user, group):
        raise Http404
    return group


@login_required
@never_cache
def liaison_view(request: HttpRequest, pk: int) -> HttpResponse:
    """What a liaison needs for one group: the notes facilitators left for them (newest first;
    opening the page marks them read), their visits, and their card's contact line."""
    group = _liaison_group(request, pk)
    me = access.require_profile(request.user)
    notes = list(groups_access.liaison_notes_visible_to(request.user).filter(group=group)[:50])
    liaison.notes_read(actor=request.user, notes=notes)
    liaison.notes_mark_seen(actor=request.user, group=group)
    mine = Liaison.objects.get(group=group, person=me)
    visits = LiaisonVisit.objects.filter(group=group).select_related("liaison")
    forms = {
        "plan_form": VisitPlanForm(),
        "contact_form": LiaisonContactForm(initial={"contact": mine.contact}),
    }
    return _render(request, group, notes, visits, forms)


def _render(request, group, notes, visits, forms, status: int = 200) -> HttpResponse:
    context = {
        "group": group,
        "notes": notes,
        "open_visits": [v for v in visits if v.visited_on is None],
        "done_visits": [v for v in visits if v.visited_on is not None][:10],
        "next_due": liaison.next_visit_due(group, liaison.last_visited(group)),
        "log_form": VisitLogForm(initial={"visited_on": access.organization_today(request.user)}),
        **forms,
    }
    return render(request, "groups/liaison.html", context, status=status)


def _back(request: HttpRequest, group, form, save, done: str, key: str) -> HttpResponse:
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("group_liaison", pk=group.pk)
    notes = list(groups_access.liaison_notes_visible_to(request.user).filter(group=group)[:50])
    visits = LiaisonVisit.objects.filter(group=group).select_related("liaison")
    me = access.require_profile(request.user)
    mine = Liaison.objects.get(group=group, person=me)
    forms = {
        "plan_form": VisitPlanForm(),
        "contact_form": LiaisonContactForm(initial={"contact": mine.contact}),
        key: form,
    }
    return _render(request, group, notes, visits, forms, status=400)


@login_required
def visit_plan_view(request: HttpRequest, pk: int) -> HttpResponse:
    group = _liaison_group(request, pk)
    if request.method != "POST":
        return redirect("group_liaison", pk=group.pk)

    def save(data):
        liaison.visit_plan(actor=request.user, group=group, on=data["planned_on"])

    done = _("Your visit is planned. You'll get a reminder the day before.")
    return _back(request, group, VisitPlanForm(request.POST), save, done, "plan_form")


@login_required
def visit_log_view(request: HttpRequest, pk: int, visit: int) -> HttpResponse:
    group = _liaison_group(request, pk)
    if request.method != "POST":
        return redirect("group_liaison", pk=group.pk)
    try:
        row = LiaisonVisit.objects.get(pk=visit, group=group)
    except (LiaisonVisit.DoesNotExist, ValueError) as exc:
        raise Http404 from exc

    def save(data):
        liaison.visit_log(actor=request.user, visit=row, **data)

    done = _("Thank you: the visit is logged.")
    return _back(request, group, VisitLogForm(request.POST), save, done, "log_form")


@login_required
def liaison_contact_view(request: HttpRequest, pk: int) -> HttpResponse:
    group = _liaison_group(request, pk)
    if request.method != "POST":
        return redirect("group_liaison", pk=group.pk)
    me = access.require_profile(request.user)

    def save(data):
        Liaison.objects.filter(group=group, person=me).update(contact=data["contact"].strip())

    done = _("Saved. Your card shows it.")
    return _back(request, group, LiaisonContactForm(request.POST), save, done, "contact_form")


# --- set-up: venues and models -------------------------------------------------------------------


def _manager(request: HttpRequest):
    if not groups_access.can_manage_groups(request.user):
        raise Http404
    return access.require_profile(request.user)


@login_required
def venues_view(request: HttpRequest) -> HttpResponse:
    _manager(request)
    venues = groups_access.venues_visible_to(request.user).order_by("name")
    return render(request, "groups/venues.html", {"venues": venues})


@login_required
def venue_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _manager(request)
    venue = None
    if pk is not None:
        try:
            venue = groups_access.venues_visible_to(request.user).get(pk=pk)
        except (ValueError, TypeError, groups_access.Venue.DoesNotExist) as exc:
            raise Http404 from exc
    form = VenueForm(request.POST or None, instance=venue)
    if request.method == "POST" and form.is_valid():
        try:
            services.venue_save(actor=request.user, venue=venue, values=form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("group_venues")
    status = 400 if form.errors else 200
    return render(request, "groups/venue_form.html", {"form": form, "venue": venue}, status=status)


@login_required
def models_view(request: HttpRequest) -> HttpResponse:
    """The group models and their facts: everyone reads them; managers edit them."""
    profile = access.require_profile(request.user)
    services.group_models_ensure(profile.organization_id)
    models = GroupModel.objects.filter(organization_id=profile.organization_id)
    context = {"models": models, "can_manage": groups_access.can_manage_groups(request.user)}
    return render(request, "groups/models.html", context)


@login_required
def model_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    profile = _manager(request)
    try:
        model = GroupModel.objects.get(pk=pk, organization_id=profile.organization_id)
    except (GroupModel.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    form = GroupModelForm(request.POST or None, instance=model)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_model_save(actor=request.user, model=model, values=form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("group_models")
    status = 400 if form.errors else 200
    return render(request, "groups/model_form.html", {"form": form, "model": model}, status=status)


# --- facilitation hours ---


@login_required
def hours_view(request: HttpRequest) -> HttpResponse:
    """Facilitation hours per person in a period: HR, managers and admins. Hours only."""
    if not groups_access.can_view_facilitation_hours(request.user):
        raise Http404
    today = access.organization_today(request.user)
    initial = {"since": today.replace(day=1) - timedelta(days=365), "until": today}
    form = HoursForm(request.GET or None, initial=initial)
    since, until = initial["since"], initial["until"]
    if form.is_bound and form.is_valid():
        since, until = form.cleaned_data["since"], form.cleaned_data["until"]
    rows = Paginator(selectors.hours_by_person(request.user, since, until), 100).get_page(
        request.GET.get("page")
    )
    query = f"since={since.isoformat()}&until={until.isoformat()}"
    context = {"form": form, "rows": rows, "since": since, "until": until, "query": query}
    return render(request, "groups/hours.html", context, status=400 if form.errors else 200)


# --- the public group finder's settings ------------------------------------------------------


@login_required
def finder_settings_view(request: HttpRequest) -> HttpResponse:
    """Publish the organization's group finder (org admins): which groups are on it is each
    group's own choice."""
    from groups.forms import FinderForm
    from groups.models import Finder, SupportGroup

    if not access.can_manage_organization(request.user):
        raise Http404
    profile = access.require_profile(request.user)
    current = Finder.objects.filter(organization_id=profile.organization_id).first()
    initial = {
        "published": current.published if current else False,
        "intro": current.intro if current else "",
        "ask_contact": current.ask_contact if current else "",
    }
    form = FinderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.finder_save(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("group_finder_settings")
    on_it = SupportGroup.objects.filter(organization_id=profile.organization_id, in_finder=True)
    context = {
        "form": form,
        "finder": current,
        "on_it": on_it.order_by("name"),
        "slug": profile.organization.slug,
    }
    return render(
        request, "groups/finder_settings.html", context, status=400 if form.errors else 200
    )


# --- the participation report --------------------------------------------------------------


@login_required
def participation_view(request: HttpRequest) -> HttpResponse:
    """Meetings held, attendance, newcomers and referrals by month, model and format, for
    program managers and org admins; every cell under 5 hidden; CSV with ?format=csv."""
    from groups import participation

    if not groups_access.can_manage_groups(request.user):
        raise Http404
    profile = access.require_profile(request.user)
    today = access.organization_today(request.user)
    initial = {"since": (today.replace(day=1) - timedelta(days=335)).replace(day=1), "until": today}
    form = HoursForm(request.GET or None, initial=initial)
    since, until = initial["since"], initial["until"]
    if form.is_bound and form.is_valid():
        since, until = form.cleaned_data["since"], form.cleaned_data["until"]
    since, until = participation.whole_months(since, until, today)
    rows = participation.participation(profile.organization, since, until)
    if request.GET.get("format") == "csv":
        response = HttpResponse(participation.as_csv(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="group-participation.csv"'
        return response
    months = participation.chart(rows)
    tallest = max((value for _m, value in months), default=0) or 1
    bars = []
    for n, (month, value) in enumerate(months):
        height = round(160 * value / tallest)
        bars.append({"month": month, "value": value, "x": 48 * n, "y": 170 - height, "h": height})
    query = f"since={since.isoformat()}&until={until.isoformat()}"
    context = {
        "form": form,
        "rows": rows,
        "bars": bars,
        "query": query,
        "width": 48 * len(bars),
        "since": since,
        "until": until,
    }
    return render(request, "groups/participation.html", context)
