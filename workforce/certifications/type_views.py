"""Certification types: the credentials an organization tracks (HR and org admins)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.forms import apply_errors
from workforce.certifications import access as certification_access
from workforce.certifications import services
from workforce.certifications.forms import CertificationTypeForm
from workforce.certifications.presets import PRESETS
from workforce.models import CertificationType


def _require_manager(request: HttpRequest) -> None:
    if not certification_access.can_manage_certifications(request.user):
        raise Http404


@login_required
def types_view(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    types = (
        certification_access.certification_types_visible_to(request.user)
        .prefetch_related("requirements", "category_minimums")
        .order_by("archived_at", "name")
    )
    names = {t.name for t in types}
    presets = [p for p in PRESETS if p["name"] not in names]
    return render(request, "certifications/types.html", {"types": types, "presets": presets})


@login_required
@require_POST
def presets_install_view(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    added = services.certification_presets_install(
        actor=request.user, keys=request.POST.getlist("preset")
    )
    messages.success(
        request,
        ngettext("%(n)s credential added.", "%(n)s credentials added.", added) % {"n": added}
        + " "
        + _("Check each against the board's current rules and edit as needed."),
    )
    return redirect("certification_types")


@login_required
def type_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_manager(request)
    type = None
    if pk is not None:
        try:
            type = certification_access.certification_types_visible_to(request.user).get(pk=pk)
        except CertificationType.DoesNotExist as exc:
            raise Http404 from exc
    initial = {"required_for": [r.role for r in type.requirements.all()]} if type else {}
    form = CertificationTypeForm(request.POST or None, instance=type, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.certification_type_save(
                actor=request.user,
                data=form.data_for_service(),
                required_for=form.cleaned_data["required_for"],
                minimums=form.minimums(),
                type=CertificationType.objects.get(pk=type.pk) if type else None,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Credential saved."))
            return redirect("certification_types")
    return render(request, "certifications/type_edit.html", {"form": form, "type": type})


@login_required
@require_POST
def type_archive_view(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    try:
        type = certification_access.certification_types_visible_to(request.user).get(pk=pk)
    except CertificationType.DoesNotExist as exc:
        raise Http404 from exc
    archive = request.POST.get("action") != "restore"
    services.certification_type_archive(actor=request.user, type=type, archived=archive)
    messages.success(request, _("Archived.") if archive else _("Restored."))
    return redirect("certification_types")
