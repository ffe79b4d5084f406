"""Self-care pages. Every one of them is about the signed-in person's own data only."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.forms import apply_errors
from selfcare import access as selfcare_access
from selfcare import aggregates, plans, services, trend
from selfcare.forms import CheckInForm, CheckInScheduleForm, PauseForm
from selfcare.models import CrisisLine
from selfcare.tokens import InvalidPauseLink, read_pause_token
from workforce import access


@login_required
def checkin_reminders_view(request: HttpRequest) -> HttpResponse:
    profile = access.require_profile(request.user)
    item = services.checkin_schedule_of(profile)
    initial = {
        "enabled": item.enabled,
        "frequency": item.frequency,
        "weekdays": sorted(item.weekdays),
        "time_of_day": item.time_of_day,
        "timezone": item.timezone,
        "quiet_start": item.quiet_start,
        "quiet_end": item.quiet_end,
        "paused_until": item.paused_until,
        "channel": item.channel,
    }
    form = CheckInScheduleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.checkin_schedule_update(
                actor=request.user,
                item=item,
                data=services.ScheduleInput.from_data(data),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your reminder settings are saved."))
            return redirect("checkin_reminders")
    context = {"form": form, "item": item, "next_local": _next_local(item)}
    return render(request, "selfcare/reminders.html", context)


def _next_local(item: object):
    if not item.enabled or item.next_slot_at is None:
        return None
    return timezone.localtime(item.next_slot_at, item.rule.zone)


# The signed token is the credential; a mail client's one-click POST carries no CSRF token.
@csrf_exempt
def checkin_pause_view(request: HttpRequest, token: str) -> HttpResponse:
    """Pause check-in reminders from an email link, without signing in, and nothing else."""
    try:
        read_pause_token(token)
    except InvalidPauseLink:
        return render(request, "selfcare/pause_invalid.html", status=400)
    if request.method == "POST":
        # RFC 8058 one-click from a mail client turns reminders off; the page offers choices.
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        form = PauseForm(request.POST)
        if one_click or form.is_valid():
            choice = "off" if one_click else form.cleaned_data["choice"]
            try:
                item = services.checkin_schedule_pause_by_link(token=token, choice=choice)
            except InvalidPauseLink:
                return render(request, "selfcare/pause_invalid.html", status=400)
            return render(request, "selfcare/pause_done.html", {"item": item, "choice": choice})
    else:
        form = PauseForm()
    return render(request, "selfcare/pause.html", {"form": form})


@login_required
def checkin_view(request: HttpRequest) -> HttpResponse:
    profile = access.require_profile(request.user)
    support = selfcare_access.own_support_contact(request.user)
    form = CheckInForm(request.POST or None, support_contact=support.contact if support else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.checkin_create(actor=request.user, profile=profile, data=form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Thank you for checking in with yourself."))
            return redirect("checkin_history")
    return render(request, "selfcare/checkin.html", {"form": form, "support": support})


HISTORY_PAGE = 30


@login_required
def checkin_history_view(request: HttpRequest) -> HttpResponse:
    """The owner's own check-ins: the trend, and a gentle pointer when answers run low."""
    profile = access.require_profile(request.user)
    mine = selfcare_access.own_checkins(request.user)
    page = Paginator(mine, HISTORY_PAGE).get_page(request.GET.get("page"))
    recent = list(page.object_list) if page.number == 1 else list(mine[:HISTORY_PAGE])
    context = {
        "page": page,
        "series": trend.chart(recent),
        "items": trend.ITEMS,
        "chart": {"width": trend.WIDTH, "height": trend.HEIGHT, "pad": trend.PAD},
        "depleted": trend.depleted(recent[0] if recent else None),
        "crisis_lines": CrisisLine.objects.filter(organization_id=profile.organization_id),
    }
    return render(request, "selfcare/checkin_history.html", context)


@login_required
@require_POST
def checkin_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    services.checkin_delete(actor=request.user, pk=pk)
    messages.success(request, _("That check-in is deleted."))
    return redirect("checkin_history")


@login_required
def support_contact_view(request: HttpRequest) -> HttpResponse:
    access.require_profile(request.user)
    current = selfcare_access.own_support_contact(request.user)
    if request.method == "POST":
        try:
            services.support_contact_set(
                actor=request.user, contact_id=request.POST.get("contact") or None
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Saved."))
            return redirect("support_contact")
    context = {
        "current": current,
        "colleagues": selfcare_access.colleagues_for_sharing(request.user),
    }
    return render(request, "selfcare/support.html", context)


@login_required
def selfcare_data_view(request: HttpRequest) -> HttpResponse:
    access.require_profile(request.user)
    if request.method == "POST":
        what = request.POST.get("delete")
        if what == "checkins":
            count = services.checkins_delete_all(actor=request.user)
            messages.success(request, _("All %(n)s of your check-ins are deleted.") % {"n": count})
        elif what == "plan":
            count = plans.plan_delete(actor=request.user)
            messages.success(
                request, _("Your plan and all %(n)s versions are deleted.") % {"n": count}
            )
        return redirect("selfcare_data")
    return render(request, "selfcare/data.html")


@login_required
def selfcare_export_view(request: HttpRequest) -> HttpResponse:
    data = services.selfcare_export(actor=request.user)
    response = JsonResponse(data, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = 'attachment; filename="my-self-care-data.json"'
    return response


def _shown(cell: aggregates.Cell | None, item: str) -> tuple[bool, float | None]:
    if cell is None or not cell.averages:
        return False, None
    return True, cell.averages.get(item)


@login_required
def team_wellness_view(request: HttpRequest) -> HttpResponse:
    """Program managers: anonymous weekly averages, never anyone's own answers."""
    summary = aggregates.wellness_summary(user=request.user)
    item = request.GET.get("item", "energy")
    if item not in aggregates.ITEM_KEYS:
        item = "energy"
    page = Paginator(summary.teams, 25).get_page(request.GET.get("page"))
    context = {
        "summary": summary,
        "items": trend.ITEMS,
        "item": item,
        "page": page,
        "item_label": dict((k, label) for k, label, _ in trend.ITEMS)[item],
        "min_group": aggregates.MIN_GROUP,
        "min_members": aggregates.MIN_MEMBERS,
        "org_rows": [
            (week, summary.organization.cells.get(week)) for week in reversed(summary.weeks)
        ],
        "teams_kept": summary.kept and summary.kept.part(f"teams:{item}:{page.number}"),
        # Each team's weeks as (shown, the item's average): the template doesn't search.
        "team_rows": [
            (team, [_shown(team.cells.get(week), item) for week in summary.weeks])
            for team in page.object_list
        ],
    }
    return render(request, "selfcare/team_wellness.html", context)
