"""Signed-in pages for groups: the list, a group's page, setting one up, its agreement, and the
facilitator's meeting page with the log. Thin: the services and selectors decide."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core import dates
from core.forms import apply_errors
from groups import access as groups_access
from groups import agreements, meetings, selectors, services
from groups.forms import (
    AgreementForm,
    CancelForm,
    GroupForm,
    MeetingLogForm,
    MoveForm,
    PeopleForm,
)
from groups.models import (
    GROUP_LANGUAGES,
    Approach,
    Facilitator,
    Focus,
    GroupFormat,
    GroupModel,
    GroupStatus,
    Liaison,
    Meeting,
)
from workforce import access
from workforce.models import EmploymentStatus, Role

PAGE_SIZE = 50
# What the list can be narrowed by: the group's own facts and its model's.
LIST_FILTERS = (
    "q",
    "model",
    "approach",
    "structured",
    "gender_specific",
    "focus",
    "format",
    "language",
    "status",
)


@login_required
def group_list_view(request: HttpRequest) -> HttpResponse:
    """Every group the caller sees (to refer people, or their own), with their own groups and
    meetings waiting for a log on top."""
    profile = access.require_profile(request.user)
    services.group_models_ensure(profile.organization_id)
    filters = {k: request.GET.get(k, "")[:100] for k in LIST_FILTERS}
    page = Paginator(selectors.group_list_queryset(request.user, filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "rows": selectors.group_rows(request.user, list(page.object_list)),
        "mine": selectors.my_groups(request.user),
        "filters": filters,
        "models": GroupModel.objects.filter(organization_id=profile.organization_id),
        "statuses": GroupStatus.choices,
        "formats": GroupFormat.choices,
        "approaches": Approach.choices,
        "focuses": Focus.choices,
        "languages": GROUP_LANGUAGES,
        "query": urlencode({k: v for k, v in filters.items() if v}),
        "can_manage": groups_access.can_manage_groups(request.user),
        "can_view_hours": groups_access.can_view_facilitation_hours(request.user),
        "can_publish": access.can_manage_organization(request.user),
        "can_read_reports": groups_access.can_read_reports(request.user),
    }
    return render(request, "groups/list.html", context)


@login_required
def group_view(request: HttpRequest, pk: int) -> HttpResponse:
    group = groups_access.get_group(request.user, pk)
    page = selectors.group_page(request.user, group)
    context = {
        "page": page,
        "group": group,
        "suggestion": services.label_suggestion(group.name, group.description)
        if page.can_change
        else "",
        "can_manage": groups_access.can_manage_groups(request.user),
    }
    return render(request, "groups/group.html", context)


def _group_form(request: HttpRequest, group=None) -> GroupForm:
    profile = access.require_profile(request.user)
    services.group_models_ensure(profile.organization_id)
    initial = {
        "timezone": profile.organization.timezone,
        "languages": ["en"],
        "starts_on": dates.organization_today(profile.organization),
        "status": GroupStatus.FORMING,
        "published": True,
    }
    if group is not None:
        initial = {name: getattr(group, name) for name in services.GROUP_FIELDS}
    return GroupForm(
        request.POST or None,
        initial=initial,
        models=GroupModel.objects.filter(organization_id=profile.organization_id),
        venues=groups_access.venues_visible_to(request.user),
    )


def _input(data: dict) -> services.GroupInput:
    values = {name: data.get(name) for name in services.GROUP_FIELDS}
    values["languages"] = tuple(data.get("languages") or ())
    for name in ("description", "online_details", "culture", "norms", "meeting_flow"):
        values[name] = values[name] or ""
    return services.GroupInput(**values)


def _save_group(request: HttpRequest, form: GroupForm, group=None):
    if not form.is_valid():
        return None
    try:
        if group is None:
            return services.group_create(actor=request.user, data=_input(form.cleaned_data))
        return services.group_update(
            actor=request.user, group=group, data=_input(form.cleaned_data)
        )
    except ValidationError as error:
        apply_errors(form, error)
        return None


@login_required
def group_create_view(request: HttpRequest) -> HttpResponse:
    if not groups_access.can_manage_groups(request.user):
        raise Http404
    form = _group_form(request)
    if request.method == "POST":
        group = _save_group(request, form)
        if group is not None:
            _saved(
                request, group, _("The group is set up. Now choose its facilitators and liaison.")
            )
            return redirect("group_people", pk=group.pk)
    status = 400 if form.errors else 200
    return render(request, "groups/group_form.html", {"form": form}, status=status)


def _saved(request: HttpRequest, group, done: str) -> None:
    messages.success(request, done)
    suggestion = services.label_suggestion(group.name, group.description)
    if suggestion:
        messages.info(request, suggestion)


@login_required
def group_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    group = groups_access.get_group_records(request.user, pk)
    if not groups_access.can_change_group(request.user, group):
        raise Http404
    form = _group_form(request, group)
    if request.method == "POST":
        saved = _save_group(request, form, group)
        if saved is not None:
            _saved(request, saved, _("Saved."))
            return redirect("group", pk=group.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "group": group}
    return render(request, "groups/group_form.html", context, status=status)


@login_required
def group_people_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Facilitators (peer specialists; one leads) and liaisons (never facilitators)."""
    group = groups_access.get_group_records(request.user, pk)
    if not groups_access.can_manage_groups(request.user):
        raise Http404
    staff = (
        access.people_visible_to(request.user)
        .filter(user__is_active=True)
        .exclude(employment_status=EmploymentStatus.LEFT)
        .order_by("chosen_name")
    )
    current = Facilitator.objects.filter(group=group)
    initial = {
        "facilitators": [f.person_id for f in current],
        "lead": next((f.person_id for f in current if f.lead), None),
        "liaisons": list(Liaison.objects.filter(group=group).values_list("person_id", flat=True)),
    }
    form = PeopleForm(
        request.POST or None,
        initial=initial,
        peers=staff.filter(role_grants__role=Role.PEER_SPECIALIST),
        staff=staff,
    )
    if request.method == "POST" and form.is_valid():
        try:
            _save_people(request, group, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("group", pk=group.pk)
    status = 400 if form.errors else 200
    return render(request, "groups/people.html", {"form": form, "group": group}, status=status)


def _save_people(request: HttpRequest, group, data: dict) -> None:
    services.group_people_set(
        actor=request.user,
        group=group,
        facilitators=list(data["facilitators"]),
        lead=data["lead"],
        liaisons=list(data["liaisons"]),
    )


# --- the agreement ------------------------------------------------------------------------------


@login_required
@never_cache
def agreement_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The current agreement, earlier versions, and (for those who may) a new version."""
    group = groups_access.get_group_records(request.user, pk)
    can_change = groups_access.can_change_group(request.user, group)
    current = agreements.current_agreement(group)
    form = None
    if can_change:
        initial = {
            "items": "\n".join(current.items) if current else "",
            "agreed_on": access.organization_today(request.user),
        }
        form = AgreementForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                agreements.agreement_save(
                    actor=request.user,
                    group=group,
                    items=form.cleaned_data["items"],
                    agreed_on=form.cleaned_data["agreed_on"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Saved as a new version of the agreement."))
                return redirect("group_agreement", pk=group.pk)
    context = {
        "group": group,
        "current": current,
        "versions": group.agreements.order_by("-number")[1:],
        "form": form,
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "groups/agreement.html", context, status=status)


# --- meetings ------------------------------------------------------------------------------------


def _meeting_context(request: HttpRequest, meeting: Meeting, **forms) -> dict:
    from selfcare.models import CrisisLine

    group = meeting.group
    facilitates = groups_access.facilitates(request.user, group)
    context = {
        "meeting": meeting,
        "group": group,
        "agreement": agreements.current_agreement(group),
        "plan": [line for line in group.meeting_flow.splitlines() if line.strip()]
        or group.model.plan_steps,
        "crisis_lines": CrisisLine.objects.filter(organization_id=group.organization_id),
        "liaisons": Liaison.objects.filter(group=group).select_related("person"),
        "facilitates": facilitates,
        "can_change": groups_access.can_change_group(request.user, group),
        "now": dates.now(),
    }
    if facilitates and not meeting.logged:
        me = access.profile_of(request.user)
        context["log_form"] = forms.get("log_form") or MeetingLogForm(
            initial={
                "facilitated_by": [me.pk],
                "held_minutes": meeting.duration_minutes,
                "held": "yes",
            },
            facilitators=_facilitator_people(group),
        )
    context["cancel_form"] = forms.get("cancel_form") or CancelForm()
    context["move_form"] = forms.get("move_form") or MoveForm()
    context["counts"] = _counts(meeting, facilitates)
    return context


def _facilitator_people(group):
    from workforce.models import StaffProfile

    return StaffProfile.objects.filter(facilitating__group=group).order_by("chosen_name")


def _counts(meeting: Meeting, exact: bool) -> dict:
    if not meeting.logged:
        return {}
    return {
        "attended": selectors.masked(meeting.attended, exact),
        "newcomers": selectors.masked(meeting.newcomers, exact),
    }


@login_required
@never_cache
def meeting_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The facilitator's meeting page: the agreement to read aloud, the meeting plan, crisis
    lines and the group's liaisons, then the log."""
    meeting = groups_access.get_meeting(request.user, pk)
    return render(request, "groups/meeting.html", _meeting_context(request, meeting))


@login_required
@require_POST
def meeting_log_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = groups_access.get_meeting(request.user, pk)
    if not groups_access.can_log_meetings(request.user, meeting.group):
        raise Http404
    form = MeetingLogForm(request.POST, facilitators=_facilitator_people(meeting.group))
    if form.is_valid():
        data = form.cleaned_data
        try:
            meetings.meeting_log(
                actor=request.user,
                meeting=meeting,
                data=meetings.MeetingLogInput(
                    held=data["held"],
                    attended=data["attended"],
                    newcomers=data["newcomers"],
                    held_minutes=data["held_minutes"],
                    agreement_read=data["agreement_read"],
                    format_note=data["format_note"],
                    crisis_handled=data["crisis_handled"],
                    facilitated_by=tuple(data["facilitated_by"]),
                    reason=data["reason"],
                    liaison_note=data["liaison_note"],
                    talk_through=data["talk_through"],
                ),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            _logged_messages(request, data)
            return redirect("group_meeting", pk=meeting.pk)
    context = _meeting_context(request, meeting, log_form=form)
    return render(request, "groups/meeting.html", context, status=400)


def _logged_messages(request: HttpRequest, data: dict) -> None:
    messages.success(request, _("Thank you: the meeting is logged."))
    if data["talk_through"].strip():
        messages.info(
            request,
            _(
                "Your note is on your next supervision session, for you and your supervisor. "
                "Your self-care plan is there for you too, whenever it helps."
            ),
        )


def _changed(request: HttpRequest, pk: int, form_class, key: str, save, done: str):
    meeting = groups_access.get_meeting(request.user, pk)
    if not groups_access.can_change_group(request.user, meeting.group):
        raise Http404
    form = form_class(request.POST)
    if form.is_valid():
        try:
            target = save(meeting, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("group_meeting", pk=target.pk)
    context = _meeting_context(request, meeting, **{key: form})
    return render(request, "groups/meeting.html", context, status=400)


@login_required
@require_POST
def meeting_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    def save(meeting, data):
        return meetings.meeting_cancel(actor=request.user, meeting=meeting, reason=data["reason"])

    return _changed(request, pk, CancelForm, "cancel_form", save, _("The meeting is cancelled."))


@login_required
@require_POST
def meeting_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    def save(meeting, data):
        return meetings.meeting_move(
            actor=request.user, meeting=meeting, on=data["on"], at=data["at"], reason=data["reason"]
        )

    return _changed(request, pk, MoveForm, "move_form", save, _("The meeting is moved."))


# --- files: the agreement and the liaison card as PDFs, a meeting as .ics ---


def _file(data: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
def agreement_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    from groups import pdf

    group = groups_access.get_group_records(request.user, pk)
    version = agreements.current_agreement(group)
    if version is None:
        raise Http404
    data = pdf.agreement_pdf(group=group, version=version)
    return _file(data, "application/pdf", f"group-agreement-{group.pk}-v{version.number}.pdf")


@login_required
def liaison_card_view(request: HttpRequest, pk: int) -> HttpResponse:
    from groups import pdf

    group = groups_access.get_group_records(request.user, pk)
    me = access.require_profile(request.user)
    try:
        liaison = Liaison.objects.select_related("person").get(group=group, person=me)
    except Liaison.DoesNotExist as exc:
        raise Http404 from exc
    return _file(
        pdf.liaison_card_pdf(group=group, liaison=liaison), "application/pdf", "liaison-card.pdf"
    )


@login_required
def meeting_ics_view(request: HttpRequest, pk: int) -> HttpResponse:
    from groups.calendar import meeting_ics

    meeting = groups_access.get_meeting(request.user, pk)
    text = meeting_ics(meeting, now=dates.now())
    return _file(text, "text/calendar; charset=utf-8", f"group-meeting-{meeting.pk}.ics")


@login_required
def flyer_view(request: HttpRequest, pk: int) -> HttpResponse:
    """An outreach flyer (A4 or Letter, in English or Spanish): the group's facilitators,
    managers and admins."""
    from reportlab.lib.pagesizes import A4, letter

    from groups import pdf

    group = groups_access.get_group_records(request.user, pk)
    if not groups_access.can_change_group(request.user, group):
        raise Http404
    size = A4 if request.GET.get("size") == "a4" else letter
    language = request.GET.get("lang") if request.GET.get("lang") in ("en", "es") else "en"
    data = pdf.flyer_pdf(group=group, pagesize=size, language=language)
    name = f"flyer-{group.public_code}-{language}-{'a4' if size == A4 else 'letter'}.pdf"
    return _file(data, "application/pdf", name)
