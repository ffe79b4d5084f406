"""Training pages for managers and HR (the matrix, the overdue list, assigning, attendance),
and the learner's page for recording a course taken outside PeerWell."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core import dates
from core.forms import apply_errors
from workforce import access
from workforce.models import Role
from workforce.selectors import active_staff
from workforce.training import access as training_access
from workforce.training import assignments, matrix, records
from workforce.training.forms import AssignForm, AttendanceForm, RecordForm
from workforce.uploads import evidence_response


@login_required
def matrix_view(request: HttpRequest) -> HttpResponse:
    """People × the modules their roles require, each cell with its status."""
    if not training_access.can_view_training_matrix(request.user):
        raise Http404
    today = access.organization_today(request.user)
    role = request.GET.get("role", "")
    status = request.GET.get("status", "")
    people = matrix.matrix_people(user=request.user, today=today, role=role, status=status)
    modules = matrix.matrix_columns(user=request.user, role=role)
    if request.GET.get("format") == "csv":
        rows = matrix.matrix_csv(people=people, modules=modules, today=today)
        return _csv(rows, f"training-matrix-{today.isoformat()}.csv")
    page = Paginator(people, matrix.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": matrix.matrix_rows(people=list(page), modules=modules, today=today),
        "modules": modules,
        "role": role,
        "status": status,
        "roles": Role.choices,
        "statuses": matrix.STATUS_FILTERS.items(),
        "can_assign": training_access.can_assign_training(request.user),
        "can_record": access.has_role(request.user, *records.RECORDERS),
    }
    return render(request, "training/matrix.html", context)


@login_required
def overdue_view(request: HttpRequest) -> HttpResponse:
    """Assignments past their due date, oldest first (for managers and HR, not the learner)."""
    if not training_access.can_view_training_matrix(request.user):
        raise Http404
    today = access.organization_today(request.user)
    role = request.GET.get("role", "")
    module = request.GET.get("module", "")
    overdue = matrix.overdue_assignments(user=request.user, today=today, role=role, module=module)
    if request.GET.get("format") == "csv":
        return _csv(matrix.overdue_csv(assignments=overdue, today=today), "training-overdue.csv")
    page = Paginator(overdue, matrix.PAGE_SIZE).get_page(request.GET.get("page"))
    for item in page:
        item.days_late = (today - item.due_on).days
    context = {
        "page": page,
        "role": role,
        "module": module,
        "roles": Role.choices,
        "modules": training_access.modules_visible_to(request.user).filter(
            archived_at__isnull=True
        ),
    }
    return render(request, "training/overdue.html", context)


def _csv(rows, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
def assign_view(request: HttpRequest) -> HttpResponse:
    if not training_access.can_assign_training(request.user):
        raise Http404
    profile = access.require_profile(request.user)
    modules = training_access.modules_visible_to(request.user).filter(archived_at__isnull=True)
    people = active_staff(organization_id=profile.organization_id).order_by("chosen_name", "id")
    form = AssignForm(
        request.POST or None,
        modules=modules,
        people=people,
        initial={"module": request.GET.get("module")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = data["target"]
        try:
            result = assignments.assignments_create(
                actor=request.user,
                module=data["module"],
                due_on=data["due_on"],
                people=[int(pk) for pk in data["people"]] if target == "people" else (),
                role=data["role"] if target == "role" else "",
                everyone=target == "everyone",
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _assigned_message(result))
            return redirect("training_matrix")
    return render(request, "training/assign.html", {"form": form})


def _assigned_message(result: assignments.AssignResult) -> str:
    text = ngettext("Assigned to %(n)s person.", "Assigned to %(n)s people.", result.created) % {
        "n": result.created
    }
    if result.already:
        text += " " + ngettext(
            "%(n)s already had it open and keeps their due date.",
            "%(n)s already had it open and keep their due date.",
            result.already,
        ) % {"n": result.already}
    return text


@login_required
def attendance_view(request: HttpRequest) -> HttpResponse:
    """HR records a group's attendance at a live session or a course taken together."""
    profile = access.require_role(request.user, *records.RECORDERS)
    people = active_staff(organization_id=profile.organization_id).order_by("chosen_name", "id")
    form = AttendanceForm(
        request.POST or None,
        request.FILES or None,
        modules=records.recordable_modules(user=request.user),
        people=people,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = records.attendance_record(
                actor=request.user,
                module=data["module"],
                completed_on=data["completed_on"],
                people=[int(pk) for pk in data["people"]],
                evidence=data["evidence"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            text = ngettext(
                "Recorded for %(n)s person.", "Recorded for %(n)s people.", result.recorded
            ) % {"n": result.recorded}
            if result.already:
                text += " " + _("%(n)s already had it recorded for that date.") % {
                    "n": result.already
                }
            messages.success(request, text)
            return redirect("training_matrix")
    return render(request, "training/attendance.html", {"form": form})


@login_required
def record_view(request: HttpRequest) -> HttpResponse:
    """The learner records an external course or live session they finished."""
    profile = access.require_profile(request.user)
    modules = records.recordable_modules(user=request.user, by_learner=True)
    form = RecordForm(
        request.POST or None,
        request.FILES or None,
        modules=modules,
        today=dates.latest_today(profile.organization, profile),
        initial={"module": request.GET.get("module")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            records.completion_record(
                actor=request.user,
                module=data["module"],
                completed_on=data["completed_on"],
                evidence=data["evidence"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Recorded. Your certificate is under “Done”; HR will look at the CE hours."),
            )
            return redirect("my_training")
    return render(request, "training/record.html", {"form": form, "has_modules": modules.exists()})


@login_required
def evidence_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate or attendance sheet behind a recorded completion: holder, HR, admins."""
    completion = training_access.get_completion_evidence(request.user, pk)
    extension = completion.evidence.name.rsplit(".", 1)[-1]
    return evidence_response(
        completion.evidence,
        content_type=completion.evidence_type,
        download_name=f"evidence-{completion.verification_code}.{extension}",
    )
