"""Self-care plan pages: the owner's own plan, its history and sharing, and plans others share."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from selfcare import access as selfcare_access
from selfcare import plans, sections
from selfcare.models import CrisisLine, PlanPrompt
from workforce import access

EXTRA_ROWS = 3


def prompts_for(organization_id: int) -> dict[str, str]:
    """Each section's prompt: the organization's own wording where it has one."""
    custom = dict(
        PlanPrompt.objects.filter(organization_id=organization_id).values_list("section", "prompt")
    )
    return {s.key: custom.get(s.key) or str(s.prompt) for s in sections.SECTIONS}


def _sections_with(content: dict[str, Any], prompts: dict[str, str], *, rows: bool) -> list[dict]:
    out = []
    for section in sections.SECTIONS:
        value = content.get(section.key)
        item = {
            "key": section.key,
            "title": section.title,
            "prompt": prompts[section.key],
            "kind": section.kind,
            "value": value,
            "shareable": section.shareable,
        }
        if rows and section.kind != "text":
            fields = sections.PERSON_FIELDS if section.kind == "people" else sections.LINE_FIELDS
            blank = dict.fromkeys(fields, "")
            item["rows"] = [*(value or []), *([blank] * EXTRA_ROWS)]
            item["fields"] = fields
        out.append(item)
    return out


def _posted_content(post: Any) -> dict[str, Any]:
    content: dict[str, Any] = {}
    for section in sections.SECTIONS:
        if section.kind == "text":
            content[section.key] = post.get(section.key, "")
            continue
        fields = sections.PERSON_FIELDS if section.kind == "people" else sections.LINE_FIELDS
        count = min(int(post.get(f"{section.key}-count", 0) or 0), sections.LIST_LIMIT + EXTRA_ROWS)
        content[section.key] = [
            {field: post.get(f"{section.key}-{i}-{field}", "") for field in fields}
            for i in range(count)
        ]
    return content


@login_required
def plan_view(request: HttpRequest) -> HttpResponse:
    profile = access.require_profile(request.user)
    plan = plans.plan_of(profile)
    version = plans.plan_current(plan)
    content = plans.content_of(version)
    context = {
        "plan": plan,
        "version": version,
        "sections": _sections_with(content, prompts_for(profile.organization_id), rows=False),
        "shares": plan.shares.filter(revoked_at__isnull=True).select_related("viewer"),
        "colleagues": selfcare_access.colleagues_for_sharing(request.user),
        "crisis_lines": CrisisLine.objects.filter(organization_id=profile.organization_id),
        "shared_with_me": selfcare_access.shared_plans_visible_to(request.user).select_related(
            "owner"
        ),
    }
    return render(request, "selfcare/plan.html", context)


@login_required
def plan_edit_view(request: HttpRequest) -> HttpResponse:
    profile = access.require_profile(request.user)
    plan = plans.plan_of(profile)
    content = plans.content_of(plans.plan_current(plan))
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        content = _posted_content(request.POST)
        try:
            plans.plan_save(
                actor=request.user, content=content, reviewed=bool(request.POST.get("reviewed"))
            )
        except ValidationError as error:
            errors = error.message_dict
        else:
            messages.success(
                request, _("Your plan is saved. Come back and add to it whenever you like.")
            )
            return redirect("plan")
    context = {
        "sections": _sections_with(content, prompts_for(profile.organization_id), rows=True),
        "errors": errors,
    }
    return render(request, "selfcare/plan_edit.html", context, status=400 if errors else 200)


@login_required
def plan_versions_view(request: HttpRequest) -> HttpResponse:
    plan = plans.plan_of(access.require_profile(request.user))
    return render(request, "selfcare/plan_versions.html", {"versions": plan.versions.all()})


@login_required
def plan_version_view(request: HttpRequest, number: int) -> HttpResponse:
    profile = access.require_profile(request.user)
    version = plans.plan_of(profile).versions.filter(number=number).first()
    if version is None:
        raise Http404
    content = plans.content_of(version)
    context = {
        "version": version,
        "sections": _sections_with(content, prompts_for(profile.organization_id), rows=False),
    }
    return render(request, "selfcare/plan_version.html", context)


@login_required
@require_POST
def plan_restore_view(request: HttpRequest, number: int) -> HttpResponse:
    version = plans.plan_restore(actor=request.user, number=number)
    messages.success(
        request,
        _("Version %(old)s is back, saved as version %(new)s.")
        % {"old": number, "new": version.number},
    )
    return redirect("plan")


@login_required
@require_POST
def plan_share_view(request: HttpRequest) -> HttpResponse:
    try:
        share = plans.plan_share(actor=request.user, viewer_id=request.POST.get("viewer"))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("%(name)s can now read your plan.") % {"name": share.viewer.chosen_name}
        )
    return redirect("plan")


@login_required
@require_POST
def plan_revoke_view(request: HttpRequest, share_id: int) -> HttpResponse:
    share = plans.plan_revoke(actor=request.user, share_id=share_id)
    messages.success(
        request, _("%(name)s can no longer see your plan.") % {"name": share.viewer.chosen_name}
    )
    return redirect("plan")


@login_required
@require_POST
def plan_add_line_view(request: HttpRequest, line_id: int) -> HttpResponse:
    plans.plan_add_crisis_line(actor=request.user, line_id=line_id)
    messages.success(request, _("Added to your crisis plan."))
    return redirect("plan")


@login_required
def shared_plan_view(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan, content = plans.shared_plan_read(actor=request.user, plan_id=plan_id)
    shown = [
        s
        for s in _sections_with(content, prompts_for(plan.organization_id), rows=False)
        if s["shareable"]
    ]
    return render(request, "selfcare/plan_shared.html", {"plan": plan, "sections": shown})


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def plan_pdf_view(request: HttpRequest) -> HttpResponse:
    from selfcare import pdf

    profile = access.require_profile(request.user)
    version = plans.plan_current(plans.plan_of(profile))
    if version is None:
        raise Http404
    data = pdf.plan_pdf(
        name=profile.chosen_name,
        content=plans.content_of(version),
        saved=date_format(timezone.localtime(version.created_at), _("j F Y")),
    )
    return _pdf_response(data, "my-self-care-plan.pdf")


@login_required
def plan_card_view(request: HttpRequest) -> HttpResponse:
    from selfcare import pdf

    profile = access.require_profile(request.user)
    version = plans.plan_current(plans.plan_of(profile))
    if version is None:
        raise Http404
    return _pdf_response(
        pdf.card_pdf(name=profile.chosen_name, content=plans.content_of(version)),
        "my-emergency-card.pdf",
    )


@login_required
def plan_settings_view(request: HttpRequest) -> HttpResponse:
    """Org admins: the prompts people see in their plan, and the crisis lines to offer."""
    if not access.can_manage_organization(request.user):
        raise Http404
    organization_id = access.profile_of(request.user).organization_id
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "prompts":
                plans.plan_prompts_update(
                    actor=request.user,
                    prompts={s.key: request.POST.get(s.key, "") for s in sections.SECTIONS},
                )
                messages.success(request, _("Prompts saved."))
            elif action == "add-line":
                plans.crisis_line_add(
                    actor=request.user,
                    name=request.POST.get("name", ""),
                    number=request.POST.get("number", ""),
                    hours=request.POST.get("hours", ""),
                )
                messages.success(request, _("Crisis line added."))
            elif action == "remove-line":
                plans.crisis_line_remove(actor=request.user, line_id=request.POST.get("line"))
                messages.success(request, _("Crisis line removed."))
        except ValidationError as error:
            errors = error.message_dict
        else:
            return redirect("plan_settings")
    custom = dict(
        PlanPrompt.objects.filter(organization_id=organization_id).values_list("section", "prompt")
    )
    context = {
        "sections": [
            {"key": s.key, "title": s.title, "default": s.prompt, "custom": custom.get(s.key, "")}
            for s in sections.SECTIONS
        ],
        "lines": CrisisLine.objects.filter(organization_id=organization_id),
        "errors": errors,
        "posted": request.POST if errors else {},
    }
    return render(request, "selfcare/plan_settings.html", context, status=400 if errors else 200)


@login_required
@require_POST
def plan_review_reminder_view(request: HttpRequest) -> HttpResponse:
    value = request.POST.get("every", "")
    try:
        plans.plan_review_reminder_set(
            actor=request.user, every_days=int(value) if value.isdigit() else None
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Saved."))
    return redirect("plan")
