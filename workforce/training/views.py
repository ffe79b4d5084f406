"""Training pages for learners: my training, the module player, certificates; and the public
certificate check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from workforce import access
from workforce.models import (
    Choice,
    CompletionSource,
    ModuleSection,
    Question,
    TrainingModule,
)
from workforce.training import access as training_access
from workforce.training import certificates, content, emails, learning, selectors


@login_required
def my_training_view(request: HttpRequest) -> HttpResponse:
    """What I'm asked to do (due first), what I've started, what I've done."""
    profile = access.require_profile(request.user)
    mine = selectors.my_training(person=profile, today=access.organization_today(request.user))
    context = {
        "open_items": mine.open_items,
        "completions": mine.completions,
        "available": mine.available,
    }
    return render(request, "training/my_training.html", context)


def _module_for_learner(request: HttpRequest, pk: int) -> TrainingModule:
    module = training_access.get_module(request.user, pk)
    if not module.is_in_app:
        raise Http404
    return module


@login_required
def module_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The module's front page: what it covers, each section with the learner's progress."""
    module = _module_for_learner(request, pk)
    assignment = learning.learning_assignment(actor=request.user, module=module)
    if assignment is None and module.archived_at:
        raise Http404
    sections = list(module.sections.all())
    done = {}
    if assignment is not None:
        done = dict(assignment.progress.values_list("section_id", "skipped"))
    next_section = next((s for s in sections if s.pk not in done), None)
    context = {
        "module": module,
        "assignment": assignment,
        "rows": [
            (s, None if s.pk not in done else ("skipped" if done[s.pk] else "read"))
            for s in sections
        ],
        "done": done,
        "next_section": next_section,
        "completion": selectors.last_completion(
            person=access.require_profile(request.user), module=module
        ),
        "left": learning.remaining_steps(assignment) if assignment else None,
    }
    return render(request, "training/module.html", context)


@login_required
@require_POST
def module_start_view(request: HttpRequest, pk: int) -> HttpResponse:
    module = _module_for_learner(request, pk)
    try:
        learning.module_start(actor=request.user, module=module)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("training_module", pk=module.pk)
    first = module.sections.order_by("position").first()
    if first is None:
        return redirect("training_module", pk=module.pk)
    return redirect("training_section", pk=module.pk, position=first.position)


@login_required
def section_view(request: HttpRequest, pk: int, position: int) -> HttpResponse:
    """One section. With a content note, the note comes first: continue, or skip ahead."""
    module = _module_for_learner(request, pk)
    assignment = learning.learning_assignment(actor=request.user, module=module)
    if assignment is None:
        return redirect("training_module", pk=module.pk)
    section = get_object_or_404(ModuleSection, module=module, position=position)
    following = module.sections.filter(position__gt=position).order_by("position").first()
    if request.method == "POST":
        skipped = request.POST.get("action") == "skip"
        completion = learning.section_finish(
            actor=request.user, assignment=assignment, section=section, skipped=skipped
        )
        return _after_section(module, following, completion)
    show_note = bool(section.content_note) and request.GET.get("note") != "read"
    context = {
        "module": module,
        "section": section,
        "body": content.render(section.shown_body),
        "show_note": show_note,
        "following": following,
        "count": module.sections.count(),
    }
    return render(request, "training/section.html", context)


def _after_section(module: TrainingModule, following, completion) -> HttpResponse:
    if following is not None:
        return redirect("training_section", pk=module.pk, position=following.position)
    if completion is None and module.has_knowledge_check:
        return redirect("training_check", pk=module.pk)
    if module.reflection_prompt:
        return redirect("training_reflection", pk=module.pk)
    return redirect("training_module", pk=module.pk)


@login_required
def check_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The knowledge check: every question on one page; retake as often as you like."""
    module = _module_for_learner(request, pk)
    assignment = learning.learning_assignment(actor=request.user, module=module)
    if assignment is None or not module.has_knowledge_check:
        return redirect("training_module", pk=module.pk)
    questions = list(
        Question.objects.filter(module=module).prefetch_related(
            Prefetch("choices", queryset=Choice.objects.order_by("position"))
        )
    )
    errors, attempt, picked = {}, None, {}
    if request.method == "POST":
        picked = {q.pk: _int(request.POST.get(f"question_{q.pk}")) for q in questions}
        try:
            attempt = learning.knowledge_check_submit(
                actor=request.user, assignment=assignment, answers=picked
            )
        except ValidationError as error:
            errors = error.message_dict
    context = {
        "module": module,
        "questions": questions,
        "errors": errors,
        "missing": {int(key.split("_", 1)[1]) for key in errors if key.startswith("question_")},
        "attempt": attempt,
        "picked": picked,
        "completion": selectors.last_completion(person=assignment.person, module=module),
    }
    return render(request, "training/check.html", context)


def _int(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


@login_required
def reflection_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The learner's private reflection: only they can ever read it."""
    module = training_access.get_module(request.user, pk)
    if not learning.reflection_open(actor=request.user, module=module):
        raise Http404
    reflection = learning.reflection_get(actor=request.user, module=module)
    error = None
    text = reflection.text if reflection else ""
    if request.method == "POST":
        text = request.POST.get("text", "")
        try:
            learning.reflection_save(actor=request.user, module=module, text=text)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Your reflection is saved. Only you can read it."))
            return redirect("training_module", pk=module.pk)
    context = {"module": module, "text": text, "error": error}
    return render(request, "training/reflection.html", context)


@login_required
def certificate_view(request: HttpRequest, pk: int) -> HttpResponse:
    completion = training_access.get_completion(request.user, pk)
    if completion.source == CompletionSource.SELF_REPORTED:
        raise Http404  # its certificate is the one the learner uploaded
    response = HttpResponse(certificates.certificate_pdf(completion), "application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{completion.verification_code}.pdf"'
    )
    return response


def verify_view(request: HttpRequest, code: str) -> HttpResponse:
    """Public, no sign-in: is this certificate genuine? Name, module and date only."""
    completion = selectors.certificate_by_code(code)
    status = 200 if completion else 404
    return render(
        request, "training/verify.html", {"completion": completion, "code": code}, status=status
    )


@csrf_exempt
def emails_pause_view(request: HttpRequest, token: str) -> HttpResponse:
    """Switch off training emails from the link in one, without signing in, and nothing else.
    GET only asks (mail scanners follow links); POST, or a mail client's one-click, does it."""
    if request.method == "POST":
        try:
            emails.work_emails_pause_by_link(token=token)
        except emails.InvalidLink:
            return render(request, "training/emails_invalid.html", status=400)
        return render(request, "training/emails_paused.html")
    return render(request, "training/emails_pause.html")


@login_required
@require_POST
def emails_settings_view(request: HttpRequest) -> HttpResponse:
    profile = access.require_profile(request.user)
    enabled = request.POST.get("training_emails") == "on"
    emails.work_emails_set(person=profile, enabled=enabled)
    messages.success(
        request,
        _("Emails about training, certifications and supervision are on.")
        if enabled
        else _(
            "Emails about training, certifications and supervision are off. Reminders still "
            "appear in your notifications here."
        ),
    )
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("my_training")
