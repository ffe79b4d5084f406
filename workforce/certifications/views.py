"""Certification pages: the holder's own, a person's page for HR and managers, HR's roster,
the missing list and the CE review queue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from core.forms import apply_errors
from workforce import access
from workforce.certifications import access as certification_access
from workforce.certifications import selectors, services
from workforce.certifications.forms import (
    CEEntryForm,
    CertificationForm,
    DeclineForm,
    EvidenceForm,
    RenewForm,
    RevokeForm,
)
from workforce.models import CEEntry, CertificationStatus, CEStatus, Role
from workforce.uploads import evidence_response


def _person_page(request: HttpRequest, person, template: str = "certifications/person.html"):
    today = access.organization_today(request.user)
    profile = access.require_profile(request.user)
    context = {
        "person": person,
        "is_me": person.pk == profile.pk,
        "data": selectors.person_certifications(user=request.user, person=person, today=today),
        "can_manage": certification_access.can_manage_certifications(request.user),
        "can_record": certification_access.can_record_for(request.user, person),
        "can_open_files": person.pk == profile.pk
        or certification_access.can_manage_certifications(request.user),
        "today": today,
    }
    return render(request, template, context)


@login_required
def my_certifications_view(request: HttpRequest) -> HttpResponse:
    """My credentials, what each renewal still needs in plain words, and my CE hours."""
    return _person_page(request, access.require_profile(request.user))


@login_required
def person_certifications_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_person(request.user, pk)
    if person.pk == access.require_profile(request.user).pk:
        return redirect("my_certifications")
    return _person_page(request, person)


def _target_person(request: HttpRequest):
    """Whose certification a form is for: yourself, or (HR) anyone you can read."""
    pk = request.GET.get("person") or request.POST.get("person")
    profile = access.require_profile(request.user)
    if not pk or str(pk) == str(profile.pk):
        return profile
    person = access.get_person(request.user, pk)
    if not certification_access.can_record_for(request.user, person):
        raise Http404
    return person


def _back(person, request: HttpRequest):
    if person.pk == access.require_profile(request.user).pk:
        return redirect("my_certifications")
    return redirect("person_certifications", pk=person.pk)


@login_required
def certification_add_view(request: HttpRequest) -> HttpResponse:
    person = _target_person(request)
    types = certification_access.certification_types_visible_to(request.user).filter(
        archived_at__isnull=True
    )
    form = CertificationForm(request.POST or None, request.FILES or None, types=types)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.certification_add(actor=request.user, person=person, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Certification saved."))
            return _back(person, request)
    context = {
        "form": form,
        "person": person,
        "can_manage": certification_access.can_manage_certifications(request.user),
    }
    return render(request, "certifications/add.html", context)


@login_required
def certification_renew_view(request: HttpRequest, pk: int) -> HttpResponse:
    certification = certification_access.get_certification(request.user, pk)
    if not certification_access.can_manage_certifications(request.user):
        raise Http404
    form = RenewForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certification_renew(
                actor=request.user, certification=certification, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Renewed. The earlier cycle is kept in the history."))
            return _back(certification.person, request)
    context = {"form": form, "certification": certification}
    return render(request, "certifications/renew.html", context)


@login_required
def certification_action_view(request: HttpRequest, pk: int) -> HttpResponse:
    """HR verifies or revokes a certification."""
    certification = certification_access.get_certification(request.user, pk)
    if not certification_access.can_manage_certifications(request.user) or request.method != "POST":
        raise Http404
    if request.POST.get("action") == "verify":
        services.certification_verify(actor=request.user, certification=certification)
        messages.success(request, _("Marked as verified."))
        return _back(certification.person, request)
    form = RevokeForm(request.POST)
    if form.is_valid():
        services.certification_revoke(
            actor=request.user, certification=certification, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Revoked. The record is kept."))
    else:
        messages.error(request, _("Please give a reason to revoke it."))
    return _back(certification.person, request)


@login_required
def evidence_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    certification = certification_access.get_certification(request.user, pk)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evidence_add(
                actor=request.user, certification=certification, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("File added."))
            return _back(certification.person, request)
    context = {"form": form, "certification": certification}
    return render(request, "certifications/evidence.html", context)


@login_required
def evidence_file_view(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = certification_access.get_certification_evidence(request.user, pk)
    extension = evidence.file.name.rsplit(".", 1)[-1]
    return evidence_response(
        evidence.file,
        content_type=evidence.content_type,
        download_name=f"evidence-{pk}.{extension}",
    )


@login_required
def ce_add_view(request: HttpRequest) -> HttpResponse:
    person = _target_person(request)
    form = CEEntryForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.ce_entry_add(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("CE hours added.")
                if entry.status == CEStatus.APPROVED
                else _("CE hours added. They count once HR has looked at them."),
            )
            return _back(person, request)
    return render(request, "certifications/ce_add.html", {"form": form, "person": person})


@login_required
def ce_pending_view(request: HttpRequest) -> HttpResponse:
    """HR's queue: outside CE hours waiting for a look."""
    if not certification_access.can_manage_certifications(request.user):
        raise Http404
    pending = (
        certification_access.ce_entries_visible_to(request.user)
        .filter(status=CEStatus.PENDING)
        .select_related("person")
        .order_by("created_at", "id")
    )
    page = Paginator(pending, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "certifications/ce_pending.html", {"page": page, "form": DeclineForm()})


@login_required
def ce_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    if not certification_access.can_manage_certifications(request.user) or request.method != "POST":
        raise Http404
    try:
        entry = certification_access.ce_entries_visible_to(request.user).get(pk=pk)
    except (ValueError, TypeError, CEEntry.DoesNotExist) as exc:
        raise Http404 from exc
    approve = request.POST.get("action") == "approve"
    try:
        services.ce_entry_review(
            actor=request.user, entry=entry, approve=approve, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Approved.") if approve else _("Marked as not accepted."))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("certification_ce_pending")


@login_required
def ce_evidence_view(request: HttpRequest, pk: int) -> HttpResponse:
    entry = certification_access.get_ce_evidence(request.user, pk)
    extension = entry.evidence.name.rsplit(".", 1)[-1]
    return evidence_response(
        entry.evidence, content_type=entry.evidence_type, download_name=f"ce-{pk}.{extension}"
    )


def _roster_filters(request: HttpRequest) -> dict[str, object]:
    within = request.GET.get("expiring_within", "")
    return {
        "role": request.GET.get("role", ""),
        "status": request.GET.get("status", ""),
        "type": request.GET.get("type", ""),
        "expiring_within": int(within) if within.isascii() and within.isdigit() else None,
        "sort": request.GET.get("sort", "expiry"),
    }


@login_required
def roster_view(request: HttpRequest) -> HttpResponse:
    """Everyone's current credentials: status, days to expiry and renewal readiness."""
    if not certification_access.can_view_roster(request.user):
        raise Http404
    today = access.organization_today(request.user)
    filters = _roster_filters(request)
    export = request.GET.get("format")
    if export in ("csv", "pdf"):
        from workforce.certifications import reports

        rows = selectors.roster(user=request.user, today=today, **filters)
    if export == "csv":
        response = StreamingHttpResponse(
            reports.roster_csv(rows=rows, today=today), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="roster-{today}.csv"'
        response["Cache-Control"] = "no-store, private"
        return response
    if export == "pdf":
        profile = access.require_profile(request.user)
        pdf = reports.roster_pdf(
            rows=rows,
            organization=profile.organization,
            today=today,
            filters_text=_filters_text(filters),
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="roster-{today}.pdf"'
        response["Cache-Control"] = "no-store, private"
        return response
    found = selectors.roster_page(
        user=request.user, today=today, number=request.GET.get("page"), **filters
    )
    page = found.page
    for row in page:
        row.days_left = (row.expires_on - today).days if row.expires_on else None
        row.state_label = CertificationStatus(row.state).label
    context = {
        "page": page,
        "rows_kept": found.kept,
        "filters": filters,
        "query": _query(request, drop=("page", "format")),
        "page_query": _query(request, drop=("page", "format"), trailing=True),
        "sorts": [
            ("expiry", _("Soonest expiry")),
            ("readiness", _("Least ready first")),
            ("name", _("Name")),
        ],
        "roles": Role.choices,
        "statuses": CertificationStatus.choices,
        "types": certification_access.certification_types_visible_to(request.user),
        "can_manage": certification_access.can_manage_certifications(request.user),
    }
    return render(request, "certifications/roster.html", context)


def _query(request: HttpRequest, *, drop: tuple[str, ...], trailing: bool = False) -> str:
    params = request.GET.copy()
    for name in drop:
        params.pop(name, None)
    text = params.urlencode()
    return f"{text}&" if trailing and text else text


def _filters_text(filters: dict[str, object]) -> str:
    parts = []
    if filters["role"] in Role.values:
        parts.append(_("role: %(role)s") % {"role": Role(filters["role"]).label})
    if filters["status"] in CertificationStatus.values:
        parts.append(_("status: %(s)s") % {"s": CertificationStatus(filters["status"]).label})
    if filters["expiring_within"] is not None:
        parts.append(_("expiring within %(n)s days") % {"n": filters["expiring_within"]})
    return ", ".join(parts) or _("everyone")


@login_required
def missing_view(request: HttpRequest) -> HttpResponse:
    """People whose role requires a credential they hold no valid cycle of."""
    if not certification_access.can_view_roster(request.user):
        raise Http404
    role = request.GET.get("role", "")
    missing = selectors.missing_required(
        user=request.user, today=access.organization_today(request.user), role=role
    )
    context = {"missing": missing, "role": role, "roles": Role.choices}
    return render(request, "certifications/missing.html", context)
