"""The training catalogue, managed by org admins: modules, their sections and questions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from core.forms import apply_errors
from workforce import access
from workforce.models import ModuleSection, Question, TrainingModule
from workforce.training import access as training_access
from workforce.training import catalogue, content
from workforce.training.forms import ModuleForm, QuestionForm, SectionForm


def _admin_module(request: HttpRequest, pk: int) -> TrainingModule:
    if not training_access.can_manage_catalogue(request.user):
        raise Http404
    return training_access.get_module(request.user, pk)


@login_required
def catalogue_view(request: HttpRequest) -> HttpResponse:
    if not training_access.can_manage_catalogue(request.user):
        raise Http404
    modules = (
        training_access.modules_visible_to(request.user)
        .annotate(
            section_count=Count("sections", distinct=True),
            completion_count=Count("completions", distinct=True),
            open_count=Count(
                "assignments", filter=Q(assignments__completion__isnull=True), distinct=True
            ),
        )
        .prefetch_related("requirements")
        .order_by("archived_at", "title", "id")
    )
    profile = access.require_profile(request.user)
    context = {
        "modules": modules,
        "library_missing": catalogue.library_missing(organization_id=profile.organization_id),
    }
    return render(request, "training/catalogue.html", context)


@login_required
@require_POST
def library_install_view(request: HttpRequest) -> HttpResponse:
    """Add PeerWell's starter modules (the ones the organization doesn't have)."""
    if not training_access.can_manage_catalogue(request.user):
        raise Http404
    profile = access.require_profile(request.user)
    added = catalogue.library_install(organization=profile.organization)
    messages.success(
        request,
        ngettext("%(n)s starter module added.", "%(n)s starter modules added.", added)
        % {"n": added},
    )
    return redirect("catalogue")


@login_required
def module_edit_view(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    module = _admin_module(request, pk) if pk else None
    if module is None and not training_access.can_manage_catalogue(request.user):
        raise Http404
    initial = (
        {"required_for": list(module.requirements.values_list("role", flat=True))} if module else {}
    )
    form = ModuleForm(request.POST or None, instance=module, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        roles = data.pop("required_for")
        try:
            saved = catalogue.module_save(
                actor=request.user,
                data=data,
                required_for=roles,
                module=TrainingModule.objects.get(pk=module.pk) if module else None,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Module saved."))
            return redirect("catalogue_module", pk=saved.pk)
    context = {"form": form, "module": module}
    if module is not None:
        context["sections"] = module.sections.order_by("position")
        context["questions"] = module.questions.prefetch_related("choices").order_by("position")
    return render(request, "training/catalogue_module.html", context)


@login_required
@require_POST
def module_archive_view(request: HttpRequest, pk: int) -> HttpResponse:
    module = _admin_module(request, pk)
    archive = request.POST.get("action") != "restore"
    catalogue.module_archive(actor=request.user, module=module, archived=archive)
    messages.success(request, _("Module archived.") if archive else _("Module restored."))
    return redirect("catalogue_module", pk=module.pk)


@login_required
@require_POST
def module_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    module = _admin_module(request, pk)
    try:
        catalogue.module_delete(actor=request.user, module=module)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("catalogue_module", pk=module.pk)
    messages.success(request, _("Module deleted."))
    return redirect("catalogue")


@login_required
def section_edit_view(request: HttpRequest, pk: int, section_pk: int | None = None) -> HttpResponse:
    module = _admin_module(request, pk)
    section = get_object_or_404(ModuleSection, module=module, pk=section_pk) if section_pk else None
    form = SectionForm(request.POST or None, instance=section)
    if request.method == "POST" and form.is_valid():
        try:
            catalogue.section_save(
                actor=request.user,
                module=module,
                data=form.cleaned_data,
                section=ModuleSection.objects.get(pk=section.pk) if section else None,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Section saved."))
            return redirect("catalogue_module", pk=module.pk)
    preview = content.render(section.body) if section and request.method == "GET" else None
    context = {"form": form, "module": module, "section": section, "preview": preview}
    return render(request, "training/catalogue_section.html", context)


@login_required
@require_POST
def section_action_view(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    """Move a section up or down, or delete it."""
    module = _admin_module(request, pk)
    section = get_object_or_404(ModuleSection, module=module, pk=section_pk)
    action = request.POST.get("action")
    if action in ("up", "down"):
        catalogue.section_move(actor=request.user, section=section, up=action == "up")
    elif action == "delete":
        catalogue.section_delete(actor=request.user, section=section)
        messages.success(request, _("Section deleted."))
    return redirect("catalogue_module", pk=module.pk)


@login_required
def question_edit_view(
    request: HttpRequest, pk: int, question_pk: int | None = None
) -> HttpResponse:
    module = _admin_module(request, pk)
    question = get_object_or_404(Question, module=module, pk=question_pk) if question_pk else None
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            catalogue.question_save(
                actor=request.user,
                module=module,
                text=data["text"],
                explanation=data["explanation"],
                answers=data["answers"],
                question=Question.objects.get(pk=question.pk) if question else None,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Question saved."))
            return redirect("catalogue_module", pk=module.pk)
    context = {"form": form, "module": module, "question": question}
    return render(request, "training/catalogue_question.html", context)


@login_required
@require_POST
def question_delete_view(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    module = _admin_module(request, pk)
    question = get_object_or_404(Question, module=module, pk=question_pk)
    catalogue.question_delete(actor=request.user, question=question)
    messages.success(request, _("Question deleted."))
    return redirect("catalogue_module", pk=module.pk)
