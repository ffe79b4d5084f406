"""Pages for program managers (who supervises whom with the cadence, compliance) and HR
(signed supervised hours, never sessions or notes)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.forms import apply_errors
from supervision import access as supervision_access
from supervision import compliance
from supervision.assignments import assignment_save
from supervision.forms import AssignmentForm, PeriodForm
from supervision.models import SupervisorAssignment
from supervision.selectors import hours_of, signed_hours_by_person
from workforce import access
from workforce.models import EmploymentStatus, Role


def _require_manager(request: HttpRequest) -> None:
    if not supervision_access.can_manage_supervision(request.user):
        raise Http404


@login_required
def assignments_view(request: HttpRequest) -> HttpResponse:
    """Who supervises whom, with the cadence of each; ended ones below."""
    _require_manager(request)
    today = access.organization_today(request.user)
    rows = (
        supervision_access.supervisor_assignments_visible_to(request.user)
        .select_related("supervisor", "specialist")
        .order_by("specialist__chosen_name", "kind", "-starts_on")
    )
    current = [a for a in rows if a.ends_on is None or a.ends_on >= today]
    ended = [a for a in rows if a.ends_on is not None and a.ends_on < today]
    context = {"current": current, "ended": ended, "form": _assignment_form(request)}
    return render(request, "supervision/assignments.html", context)


def _assignment_form(request: HttpRequest, assignment=None) -> AssignmentForm:
    people = access.people_visible_to(request.user).filter(user__is_active=True)
    initial = {"starts_on": access.organization_today(request.user), "cadence_unit": "weeks"}
    if assignment is not None:
        initial = {
            name: getattr(assignment, name)
            for name in (
                "supervisor",
                "specialist",
                "kind",
                "starts_on",
                "ends_on",
                "cadence_minutes",
                "cadence_kind",
                "cadence_every",
                "cadence_unit",
            )
        }
    return AssignmentForm(
        request.POST or None,
        initial=initial,
        supervisors=people.filter(role_grants__role=Role.SUPERVISOR).order_by("chosen_name"),
        specialists=people.exclude(employment_status=EmploymentStatus.LEFT).order_by("chosen_name"),
    )


@login_required
def assignment_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_manager(request)
    assignment = None
    if pk is not None:
        try:
            assignment = supervision_access.supervisor_assignments_visible_to(request.user).get(
                pk=pk
            )
        except SupervisorAssignment.DoesNotExist as exc:
            raise Http404 from exc
    form = _assignment_form(request, assignment)
    if request.method == "POST" and form.is_valid():
        try:
            assignment_save(actor=request.user, assignment=assignment, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("supervision_assignments")
    context = {"form": form, "assignment": assignment}
    return render(request, "supervision/assignment_edit.html", context)


def _period(request: HttpRequest, default_days: int) -> tuple[PeriodForm, compliance.Period]:
    today = compliance.organization_today(request.user)
    initial = {"start": today - timedelta(days=default_days - 1), "end": today}
    form = PeriodForm(request.GET if "start" in request.GET else None, initial=initial)
    if form.is_bound and form.is_valid():
        return form, compliance.Period(form.cleaned_data["start"], form.cleaned_data["end"])
    return form, compliance.Period(initial["start"], initial["end"])


@login_required
def compliance_view(request: HttpRequest) -> HttpResponse:
    """Per person (the default) or per team (`view=teams`): sessions and hours in the period
    against the cadence, days since the last session, who is overdue, and the trend against
    the period before. Each view computes only its own figures."""
    _require_manager(request)
    today = compliance.organization_today(request.user)
    form, period = _period(request, compliance.DEFAULT_DAYS)
    by_team = request.GET.get("view") == "teams"
    context = {
        "form": form,
        "period": period,
        "by_team": by_team,
    }
    if by_team:
        context["teams"] = compliance.teams(user=request.user, period=period, today=today)
        return render(request, "supervision/compliance.html", context)
    team = request.GET.get("team", "")
    overdue_only = request.GET.get("overdue") == "1"
    sort = request.GET.get("sort", "overdue")
    found = compliance.people_page(
        user=request.user,
        period=period,
        today=today,
        number=request.GET.get("page"),
        team=team,
        overdue_only=overdue_only,
        sort=sort,
    )
    context |= {
        "page": found.page,
        "rows": found.rows,
        "rows_kept": found.kept,
        "team": team,
        # 500 choices in a large organization: joined here, not looped in the template.
        "team_options": format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (pk, mark_safe(" selected") if str(pk) == team else "", name)
                for pk, name in compliance.team_leads(user=request.user, today=today)
            ),
        ),
        "overdue_only": overdue_only,
        "sort": sort,
    }
    return render(request, "supervision/compliance.html", context)


@login_required
def hours_view(request: HttpRequest) -> HttpResponse:
    """Signed supervised hours per person in a period: totals only, for HR (and managers,
    admins). Each links to the person's attestation."""
    if not supervision_access.can_view_supervised_hours(request.user):
        raise Http404
    form, period = _period(request, 365)
    people = signed_hours_by_person(user=request.user, period=period)
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    for person in page.object_list:
        person.hours = hours_of(person.minutes)
    context = {"form": form, "period": period, "page": page}
    return render(request, "supervision/hours.html", context)
