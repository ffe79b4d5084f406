"""Public pages, no sign-in: an organization's group finder and each group's page. They carry
the quick exit like every page, load nothing from anyone else, are never cached, and show a
404 for anything an organization hasn't published."""

from __future__ import annotations

import secrets
from functools import wraps
from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from core import counters
from core.forms import apply_errors
from groups import feed, finder, reports
from groups.forms import FinderFilterForm, ReceiptForm, ReplyForm, ReportForm
from groups.models import Finder

PAGE_SIZE = 25  # groups a finder page shows


def public(view):
    """A public page: never stored by the browser or a proxy, never framed."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapper


@public
def finder_view(request: HttpRequest, slug: str) -> HttpResponse:
    """The groups an organization publishes, narrowed by what matters to the person looking."""
    organization, settings = finder.published_finder(slug)
    models, areas = finder.finder_choices(organization)
    form = FinderFilterForm(request.GET or None, models=models, areas=areas)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = Paginator(finder.filtered(finder.finder_groups(organization), data), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = urlencode(
        [(k, v) for k, values in request.GET.lists() for v in values if k in form.fields and v]
    )
    context = {
        "organization": organization,
        "finder": settings,
        "form": form,
        "groups": list(page.object_list),
        "page": page,
        "query": query,
        "filtered": bool(data and any(data.values())),
    }
    return render(request, "groups/public/finder.html", context)


@public
def finder_group_view(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    organization, settings = finder.published_finder(slug)
    page = finder.public_group(organization, code)
    context = {
        "organization": organization,
        "finder": settings,
        "group": page.group,
        "agreement": page.agreement,
    }
    return render(request, "groups/public/group.html", context)


def feed_view(request: HttpRequest, slug: str) -> JsonResponse:
    """The finder's groups with a public address or link, in the Meeting Guide format."""
    organization, _settings = finder.published_finder(slug)
    response = JsonResponse(feed.feed(organization), safe=False)
    response["Access-Control-Allow-Origin"] = "*"  # meeting-finder apps read it from anywhere
    return response


# --- safety reports, by the group's short code ------------------------------------------------


def _reported_group(code: str):
    from groups.models import SupportGroup

    group = (
        SupportGroup.objects.select_related("organization")
        .filter(public_code=(code or "")[:12])
        .first()
    )
    if group is None:
        raise Http404
    return group


def _too_many(request: HttpRequest, group) -> HttpResponse:
    context = {"group": group, "organization": group.organization}
    return render(request, "groups/public/report_busy.html", context, status=429)


def _report_form(request: HttpRequest, group) -> tuple[ReportForm, dict]:
    readers = reports.has_readers(group, safeguarding_only=False)
    lead_alone = reports.has_readers(group, safeguarding_only=True)
    form = ReportForm(request.POST or None)
    if not lead_alone:
        del form.fields["safeguarding_only"]  # nobody to send it to alone: don't offer it
    finder = Finder.objects.filter(organization_id=group.organization_id).first()
    context = {
        "group": group,
        "organization": group.organization,
        "form": form,
        "readers": readers,
        "ask_contact": finder.ask_contact if finder else "",
        "nonce": secrets.token_urlsafe(16),
    }
    return form, context


def _first_time(request: HttpRequest) -> bool:
    """A form is sent once: a second POST of it (a refresh, a double click) files nothing."""
    nonce = request.POST.get("nonce", "")[:64]
    return not nonce or counters.first_time(f"groups:report-form:{nonce}", timeout=3600)


@public
@sensitive_post_parameters()
def report_view(request: HttpRequest, code: str) -> HttpResponse:
    """Tell the organization you felt unsafe in a group; get a receipt code to come back."""
    group = _reported_group(code)
    form, context = _report_form(request, group)
    if request.method == "POST" and form.is_valid() and not _first_time(request):
        return render(request, "groups/public/report_sent_before.html", context)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submitted = reports.report_submit(
                group=group,
                data=reports.ReportInput(
                    what=data["what"],
                    contact=data["contact"],
                    safeguarding_only=data.get("safeguarding_only", False),
                    # A field people never see (the page hides it); scripts fill it in.
                    honeypot=request.POST.get("x_extra", "")[:200],
                ),
            )
        except reports.RateLimited:
            return _too_many(request, group)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            context["receipt"] = reports.shown(submitted.receipt)
            return render(request, "groups/public/report_received.html", context)
    status = 400 if form.errors else 200
    return render(request, "groups/public/report.html", context, status=status)


@public
@sensitive_post_parameters()
def report_check_view(request: HttpRequest, code: str) -> HttpResponse:
    """Come back with the receipt: the status, the conversation, and a reply. The receipt
    travels in the form's body, never in an address a browser keeps."""
    group = _reported_group(code)
    context = {"group": group, "organization": group.organization}
    if request.method != "POST":
        context["form"] = ReceiptForm()
        return render(request, "groups/public/report_check.html", context)
    form = ReceiptForm(request.POST)
    try:
        report = (
            reports.report_open(group=group, receipt=form.data.get("receipt", ""))
            if form.is_valid()
            else None
        )
    except reports.RateLimited:
        return _too_many(request, group)
    if report is None:
        form.add_error("receipt", _("We can't find a report with that code for this group."))
        context["form"] = form
        return render(request, "groups/public/report_check.html", context, status=404)
    reply = ReplyForm(request.POST if "text" in request.POST else None)
    if reply.is_bound and reply.is_valid():
        try:
            reports.reporter_reply(report=report, text=reply.cleaned_data["text"])
        except ValidationError as error:
            apply_errors(reply, error)
        else:
            context["sent"] = True
            reply = ReplyForm()
    context.update(
        report=report,
        messages_list=list(report.messages.all()),
        receipt=form.cleaned_data["receipt"],
        reply_form=reply,
    )
    status = 400 if reply.errors else 200
    return render(request, "groups/public/report_status.html", context, status=status)
