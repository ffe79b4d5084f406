"""Safety reports for the people who read them: a group's liaisons and the organization's
safeguarding leads (never the group's facilitators). Every opening of a report is recorded."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.forms import apply_errors
from groups import access as groups_access
from groups import reports
from groups.forms import ReplyForm, ReportUpdateForm
from workforce import access
from workforce.models import Role


@login_required
@never_cache
def reports_view(request: HttpRequest) -> HttpResponse:
    if not groups_access.can_read_reports(request.user):
        raise Http404
    rows = groups_access.reports_visible_to(request.user).select_related("group")[:200]
    return render(request, "groups/reports.html", {"reports": rows})


def _context(request: HttpRequest, report, **forms) -> dict:
    profile = access.require_profile(request.user)
    return {
        "report": report,
        "messages_list": list(report.messages.select_related("author")),
        "reply_form": forms.get("reply_form") or ReplyForm(),
        "update_form": forms.get("update_form")
        or ReportUpdateForm(
            initial={
                "status": report.status,
                "notes": report.notes,
                "closing_summary": report.closing_summary,
            }
        ),
        "reads": report.reads.select_related("reader")[:50]
        if profile.has_role(Role.SAFEGUARDING)
        else None,
    }


@login_required
@never_cache
def report_detail_view(request: HttpRequest, ref: str) -> HttpResponse:
    report = groups_access.get_report(request.user, ref)
    reports.report_read(actor=request.user, report=report)
    return render(request, "groups/report.html", _context(request, report))


def _post(request: HttpRequest, ref: str, form_class, key: str, save, done: str) -> HttpResponse:
    report = groups_access.get_report(request.user, ref)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            save(report, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("group_report", ref=report.ref)
    response = render(request, "groups/report.html", _context(request, report, **{key: form}))
    response.status_code = 400
    return response


@login_required
@require_POST
def report_reply_view(request: HttpRequest, ref: str) -> HttpResponse:
    def save(report, data):
        reports.staff_reply(actor=request.user, report=report, text=data["text"])

    done = _("Sent. The reporter reads it when they come back with their receipt code.")
    return _post(request, ref, ReplyForm, "reply_form", save, done)


@login_required
@require_POST
def report_update_view(request: HttpRequest, ref: str) -> HttpResponse:
    def save(report, data):
        reports.report_update(actor=request.user, report=report, **data)

    return _post(request, ref, ReportUpdateForm, "update_form", save, _("Saved."))
