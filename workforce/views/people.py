"""People: the staff list, a person's page, adding, editing and switching off access."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import apply_errors
from workforce import access, selectors, services
from workforce.forms import PersonCreateForm, ProfileForm, RolesForm
from workforce.models import AuditAction, EmploymentStatus, Role
from workforce.training import access as training_access
from workforce.training import selectors as training_selectors

PAGE_SIZE = 50


@login_required
def people_list_view(request: HttpRequest) -> HttpResponse:
    if not access.can_list_people(request.user):
        raise Http404
    search = request.GET.get("q", "").strip()[:100]
    role = request.GET.get("role", "")
    status = request.GET.get("status", "")
    people = selectors.people_list(user=request.user, search=search, role=role, status=status)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "search": search,
        "role": role,
        "status": status,
        "roles": Role.choices,
        "statuses": EmploymentStatus.choices,
        "can_manage": access.can_manage_people(request.user),
    }
    return render(request, "people/list.html", context)


@login_required
def person_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_person(request.user, pk)
    private = access.can_see_private_profile_fields(request.user, person)
    if private and person.emergency_contact:
        services.audit_record(
            actor=request.user,
            subject=person,
            action=AuditAction.VIEWED,
            target_type="profile.emergency_contact",
            target_id=str(person.pk),
        )
    context = {
        "person": person,
        "show_private": private,
        "can_edit": bool(access.editable_profile_fields(request.user, person)),
        "can_manage": access.can_manage_people(request.user),
        "is_me": person.user_id == request.user.pk,
        "training": training_selectors.training_record(
            user=request.user, person=person, today=access.organization_today(request.user)
        ),
        "can_open_evidence": access.has_role(request.user, *training_access.EVIDENCE_READERS),
    }
    return render(request, "people/detail.html", context)


@login_required
def person_create_view(request: HttpRequest) -> HttpResponse:
    if not access.can_manage_people(request.user):
        raise Http404
    organization = access.profile_of(request.user).organization
    form = PersonCreateForm(
        request.POST or None, initial={"timezone": organization.timezone, "language": "en"}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_create(
                actor=request.user,
                email=data["email"],
                chosen_name=data["chosen_name"],
                roles=data["roles"],
                pronouns=data["pronouns"],
                legal_name=data["legal_name"],
                job_title=data["job_title"],
                timezone_name=data["timezone"],
                language=data["language"],
                start_date=data["start_date"],
                send_invitation=data["send_invitation"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if data["send_invitation"]:
                messages.success(
                    request,
                    _("%(name)s is added and an invitation is on its way.")
                    % {"name": person.chosen_name},
                )
            else:
                messages.success(request, _("%(name)s is added.") % {"name": person.chosen_name})
            return redirect("person_detail", pk=person.pk)
    return render(request, "people/create.html", {"form": form})


def _edit(request: HttpRequest, person: object, *, done_url: str, template: str) -> HttpResponse:
    editable = access.editable_profile_fields(request.user, person)
    if not editable:
        raise Http404
    form = ProfileForm(request.POST or None, person=person, editable=editable)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(actor=request.user, person=person, data=form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(done_url)
    return render(request, template, {"form": form, "person": person})


@login_required
def person_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_person(request.user, pk)
    return _edit(request, person, done_url=f"/people/{person.pk}/", template="people/edit.html")


@login_required
def person_roles_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.get_person(request.user, pk)
    if not access.can_manage_people(request.user):
        raise Http404
    form = RolesForm(request.POST or None, initial={"roles": sorted(person.roles)})
    if request.method == "POST" and form.is_valid():
        try:
            services.person_set_roles(
                actor=request.user, person=person, roles=form.cleaned_data["roles"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Roles updated."))
            return redirect("person_detail", pk=person.pk)
    return render(request, "people/roles.html", {"form": form, "person": person})


def _person_action(request: HttpRequest, pk: int, action: object, done: str) -> HttpResponse:
    person = access.get_person(request.user, pk)
    try:
        action(actor=request.user, person=person)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done % {"name": person.chosen_name})
    return redirect("person_detail", pk=person.pk)


@login_required
@require_POST
def person_deactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_action(
        request,
        pk,
        services.person_deactivate,
        _("%(name)s can no longer sign in. Their history is kept."),
    )


@login_required
@require_POST
def person_reactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_action(request, pk, services.person_reactivate, _("%(name)s can sign in again."))


@login_required
@require_POST
def person_invite_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_action(
        request, pk, services.person_invite, _("A new invitation is on its way to %(name)s.")
    )


@login_required
def my_profile_view(request: HttpRequest) -> HttpResponse:
    person = access.require_profile(request.user)
    context = {"person": person, "show_private": True, "can_edit": True, "is_me": True}
    return render(request, "people/me.html", context)


@login_required
def my_profile_edit_view(request: HttpRequest) -> HttpResponse:
    person = access.require_profile(request.user)
    return _edit(request, person, done_url="/me/", template="people/me_edit.html")
