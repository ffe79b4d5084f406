"""Home, dashboards, organization settings and the privacy page."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core import versions
from core.forms import apply_errors
from events.models import Answer as EventAnswer
from events.selectors import home_panel as events_home_panel
from events.selectors import home_panel_changes_at as events_changes_at
from groups.selectors import home_groups
from notifications.broker import broker_answers
from notifications.services import engine_state
from supervision.selectors import supervision_summary
from supervision.topics import open_topic_requests
from workforce import access, selectors, services
from workforce.certifications import selectors as cert_selectors
from workforce.forms import OrganizationForm
from workforce.models import Role, StaffProfile
from workforce.training import matrix
from workforce.training import selectors as training_selectors


def home_view(request: HttpRequest) -> HttpResponse:
    return redirect("dashboard" if request.user.is_authenticated else "login")


@login_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    profile = access.profile_of(request.user)
    if profile is None:
        # A platform operator without a staff profile: the Django admin is their home.
        if request.user.is_staff:
            return redirect("admin:index")
        raise Http404
    sections = [role for role in Role.values if role in profile.roles]
    context = {"profile": profile, "sections": sections}
    if profile.has_role(Role.SUPERVISOR):
        context["supervisees"] = (
            access.people_visible_to(request.user)
            .filter(pk__in=access.supervisees_of(profile).values("specialist_id"))
            .order_by("chosen_name")
        )
    if profile.has_role(*access.PEOPLE_READERS):
        context["staff_count"] = access.people_visible_to(request.user).count()
    today = access.organization_today(request.user)
    if profile.has_role(Role.PEER_SPECIALIST):
        context["training_open"] = training_selectors.open_training(person=profile, today=today)
    context["certifications"] = cert_selectors.dashboard_summary(
        user=request.user, person=profile, today=today
    )
    context.update(_own_panels(request.user, profile, today=today))
    context["event_answers"] = EventAnswer
    context["talk_through"] = open_topic_requests(profile).filter(source="group_meeting").exists()
    if profile.has_role(Role.PROGRAM_MANAGER, Role.HR):
        context["training_overdue"] = matrix.overdue_assignments(
            user=request.user, today=today
        ).count()
    return render(request, "dashboard.html", context)


# What the home's own panels read: their rows, names and roles (a team event's audience).
OWN_PANEL_TOPICS = ("events", "groups", "people", "supervision")


def _own_panels(user: object, profile: StaffProfile, *, today: date) -> dict:
    """The home's costliest panels (next supervision, groups, wellness events), kept for
    each person until a write in the organization changes what they rest on, or until the
    clock alone would change them (a session, meeting or event passes)."""
    now = timezone.now()

    def compute() -> tuple[dict, datetime | None]:
        panels = {
            "supervision": supervision_summary(profile, now=now, today=today),
            "groups": home_groups(profile, now=now),
            "wellness_events": events_home_panel(user, now=now),
        }
        moments = (
            panels["supervision"].changes_at(),
            panels["groups"].changes_at(),
            events_changes_at(panels["wellness_events"]),
        )
        return panels, min((m for m in moments if m), default=None)

    kept = versions.Kept(
        f"home:{profile.pk}:{today.isoformat()}", profile.organization_id, OWN_PANEL_TOPICS
    )
    return kept.get_until(compute, now=now)


@login_required
def organization_settings_view(request: HttpRequest) -> HttpResponse:
    if not access.can_manage_organization(request.user):
        raise Http404
    organization = access.organizations_visible_to(request.user).get()
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.organization_update(
                actor=request.user,
                organization=access.organizations_visible_to(request.user).get(),
                name=data["name"],
                timezone_name=data["timezone"],
                require_two_factor=data["require_two_factor"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Organization settings saved."))
            return redirect("organization_settings")
    context = {
        "form": form,
        "organization": organization,
        "reminders": engine_state(organization_id=organization.pk, private=False),
    }
    return render(request, "organization/settings.html", context)


@login_required
def privacy_view(request: HttpRequest) -> HttpResponse:
    access.require_profile(request.user)
    events = Paginator(selectors.audit_events_for(user=request.user), 25).get_page(
        request.GET.get("page")
    )
    return render(request, "privacy.html", {"events": events})


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DatabaseError:
        return False


def healthz_view(request: HttpRequest) -> JsonResponse:
    """Liveness: 200 while this process answers, with what it depends on. A broker outage
    only delays emails (they wait in the ledger), so it is reported, not failed on."""
    database, broker = _database_answers(), broker_answers()
    body = {
        "status": "ok" if database and broker else "degraded",
        "database": "ok" if database else "unreachable",
        "broker": "ok" if broker else "unreachable",
    }
    return JsonResponse(body, headers={"Cache-Control": "no-store"})


def readyz_view(request: HttpRequest) -> JsonResponse:
    """Readiness: 503 while the database is down (no page can be served), else 200."""
    database = _database_answers()
    return JsonResponse(
        {"database": "ok" if database else "unreachable"},
        status=200 if database else 503,
        headers={"Cache-Control": "no-store"},
    )
