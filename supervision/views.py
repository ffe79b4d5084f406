"""Supervision pages: my supervision (coming up, to sign, past), scheduling, a session (its
log, notes for the pair only, reflections, sign-off, corrections), calendars, and the
attestation PDF. Assignments and compliance are in manager_views."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import ics
from core.forms import apply_errors
from supervision import access as supervision_access
from supervision import calendar, selectors, topics
from supervision.attestation import attestation_pdf
from supervision.forms import (
    AmendForm,
    LogForm,
    PeriodForm,
    ReasonForm,
    ReflectionForm,
    RescheduleForm,
    ScheduleForm,
)
from supervision.logs import (
    facts_digest,
    session_amend,
    session_log,
    session_reflect,
    session_sign,
)
from supervision.models import SessionStatus, SupervisionSession, Topic
from supervision.scheduling import (
    Plan,
    SessionConflict,
    session_cancel,
    session_reschedule,
    session_schedule,
)
from workforce import access
from workforce.models import AuditAction, Role
from workforce.services import audit_record
from workforce.validators import zone_of


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    """My supervision: what needs my signature, what's coming up, what happened."""
    profile = access.require_profile(request.user)
    now = timezone.now()
    context = {
        "to_sign": selectors.waiting_signature(profile),
        "upcoming": list(selectors.upcoming_for(profile, now=now)[:20]),
        "past": list(selectors.past_for(profile, now=now)[:20]),
        "can_schedule": supervision_access.can_schedule_supervision(request.user),
        "can_manage": supervision_access.can_manage_supervision(request.user),
        "can_see_hours": supervision_access.can_view_supervised_hours(request.user),
        "has_feed": calendar.has_live_feed(profile),
        "supervisors": selectors.my_supervisors(profile),
    }
    return render(request, "supervision/home.html", context)


def _schedule_form(request: HttpRequest) -> ScheduleForm:
    profile = access.require_profile(request.user)
    people = access.people_visible_to(request.user).filter(user__is_active=True)
    if supervision_access.can_schedule_for_anyone(request.user):
        supervisors = people.filter(role_grants__role=Role.SUPERVISOR).distinct()
        participants = people.filter(
            supervisor_links__in=selectors.current_assignments(profile.organization)
        )
    else:
        supervisors = people.filter(pk=profile.pk)
        participants = people.filter(
            supervisor_links__in=selectors.current_assignments(profile.organization).filter(
                supervisor=profile
            )
        )
    initial = {
        "supervisor": profile if profile.has_role(Role.SUPERVISOR) else None,
        "timezone": profile.timezone,
        "duration_minutes": 60,
        "kind": "individual",
    }
    return ScheduleForm(
        request.POST or None,
        initial=initial,
        supervisors=supervisors.order_by("chosen_name"),
        participants=participants.distinct().order_by("chosen_name"),
    )


@login_required
def schedule_view(request: HttpRequest) -> HttpResponse:
    if not supervision_access.can_schedule_supervision(request.user):
        raise Http404
    form = _schedule_form(request)
    conflicts: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        repeat = int(data["repeat"]) if data["repeat"] else None
        plan = Plan(
            supervisor=data["supervisor"],
            participants=tuple(data["participants"]),
            kind=data["kind"],
            format=data["format"],
            on=data["on"],
            at=data["at"],
            timezone=data["timezone"],
            duration_minutes=data["duration_minutes"],
            location=data["location"],
            link=data["link"],
            every_weeks=repeat,
            count=data["count"] if repeat else None,
        )
        try:
            sessions = session_schedule(
                actor=request.user, plan=plan, allow_conflicts=data["allow_conflicts"]
            )
        except SessionConflict as error:
            conflicts = _ask_anyway(form, error)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Scheduled %(count)s sessions.") % {"count": len(sessions)}
                if len(sessions) > 1
                else _("Session scheduled."),
            )
            return redirect("supervision_session", pk=sessions[0].pk)
    return render(request, "supervision/schedule.html", {"form": form, "conflicts": conflicts})


def _session_context(request: HttpRequest, session: SupervisionSession, **forms) -> dict:
    profile = access.require_profile(request.user)
    # Reflections are decrypted only for whoever may read them: the supervisor all of them,
    # a participant their own.
    attendance = list(
        session.attendance.select_related("person").defer("reflection", "person__emergency_contact")
    )
    mine = next((a for a in attendance if a.person_id == profile.pk), None)
    is_supervisor = session.supervisor_id == profile.pk
    in_session = is_supervisor or mine is not None
    if is_supervisor:
        texts = dict(session.attendance.values_list("person_id", "reflection"))
        for row in attendance:
            row.reflection_text = texts.get(row.person_id, "")
            if row.reflection_text:  # someone else's words: the read is logged
                audit_record(
                    actor=request.user,
                    subject=row.person,
                    action=AuditAction.VIEWED,
                    target_type="supervision.reflection",
                    target_id=str(session.pk),
                )
    signed_by_me = (
        session.supervisor_signed_at is not None
        if is_supervisor
        else mine is not None and mine.signed_at is not None
    )
    return {
        "session": session,
        "attendance": attendance,
        "topic_requests": _topic_requests(request, session) if in_session else [],
        "mine": mine,
        "is_supervisor": is_supervisor,
        "in_session": in_session,
        "can_change": supervision_access.can_change_session(request.user, session)
        and session.status == SessionStatus.SCHEDULED,
        "can_sign": in_session and session.status == SessionStatus.HELD and not signed_by_me,
        "signed_by_me": signed_by_me,
        "digest": facts_digest(session),
        "amendments": list(session.amendments.select_related("made_by")),
        "log_form": forms.get("log_form")
        or (LogForm(initial=_log_initial(session)) if is_supervisor else None),
        "reflection_form": forms.get("reflection_form")
        or ReflectionForm(initial={"reflection": mine.reflection if mine else ""}),
        "reschedule_form": forms.get("reschedule_form")
        or RescheduleForm(initial={"timezone": session.timezone}),
        "cancel_form": forms.get("cancel_form") or ReasonForm(),
        "amend_form": forms.get("amend_form")
        or AmendForm(initial={"held_minutes": session.held_minutes, "topics": session.topics}),
        "conflicts": forms.get("conflicts", []),
        "topic_labels": [Topic(t).label for t in session.topics if t in Topic.values],
        "has_reflections": any(getattr(a, "reflection_text", "") for a in attendance),
    }


def _topic_requests(request: HttpRequest, session: SupervisionSession) -> list:
    """What the people in the session would like to talk through; a supervisor's read of
    someone else's is logged, as reading a reflection is."""
    rows = topics.topic_requests_for_session(request.user, session)
    me = access.profile_of(request.user)
    for row in rows:
        if row.person_id != me.pk:
            audit_record(
                actor=request.user,
                subject=row.person,
                action=AuditAction.VIEWED,
                target_type="supervision.topic_request",
                target_id=str(row.pk),
            )
    return rows


@login_required
@require_POST
def topic_done_view(request: HttpRequest, pk: int, topic: int) -> HttpResponse:
    """Mark a topic talked through (the person, or the session's supervisor)."""
    session = _joined(request, pk)
    if topics.topic_request_close(actor=request.user, session=session, pk=topic):
        messages.success(request, _("Marked as talked through."))
    return redirect("supervision_session", pk=session.pk)


def _log_initial(session: SupervisionSession) -> dict:
    zone = zone_of(session.timezone)
    start = timezone.localtime(session.held_at or session.starts_at, zone)
    return {
        "held": "yes" if session.status != SessionStatus.MISSED else "no",
        "held_on": start.date(),
        "held_time": start.time().replace(second=0, microsecond=0),
        "held_minutes": session.held_minutes or session.duration_minutes,
        "format": session.format,
        "topics": session.topics,
        "notes": session.notes,
        "action_items": session.action_items,
    }


def _joined(request: HttpRequest, pk: int) -> SupervisionSession:
    """A session the caller is in (to sign or reflect); for anyone else it doesn't exist."""
    session = supervision_access.get_session(request.user, pk)
    if not supervision_access.is_in_session(request.user, session):
        raise Http404
    return session


def _led(request: HttpRequest, pk: int) -> SupervisionSession:
    """A session the caller supervises (to log or correct it)."""
    session = supervision_access.get_session(request.user, pk)
    if not supervision_access.leads_session(request.user, session):
        raise Http404
    return session


def _changeable(request: HttpRequest, pk: int) -> SupervisionSession:
    """A session the caller may move or cancel: its supervisor, a program manager."""
    session = supervision_access.get_session(request.user, pk)
    if not supervision_access.can_change_session(request.user, session):
        raise Http404
    return session


@login_required
def session_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = supervision_access.get_session(request.user, pk)
    return render(request, "supervision/session.html", _session_context(request, session))


def _submit(request, session, form, key: str, save, done: str) -> HttpResponse:
    """A form posted from the session page: `save(cleaned_data)` calls the service; on
    success, `done` and back to the session (or the one `save` returns); otherwise the
    session page again with the form's errors (400). An overlap asks "anyway?"."""
    conflicts: list[str] = []
    if form.is_valid():
        try:
            target = save(form.cleaned_data) or session
        except SessionConflict as error:
            conflicts = _ask_anyway(form, error)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("supervision_session", pk=target.pk)
    context = _session_context(request, session, **{key: form}, conflicts=conflicts)
    return render(request, "supervision/session.html", context, status=400)


def _ask_anyway(form, error: SessionConflict) -> list[str]:
    """The overlaps to show, and the form set to save anyway if posted again."""
    form.data = form.data.copy()
    form.data["allow_conflicts"] = "on"
    return error.message_dict["conflicts"]


@login_required
@require_POST
def session_log_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = _led(request, pk)

    def save(data: dict) -> None:
        held_at = None
        if data["held"] and data["held_on"] and data["held_time"]:
            zone = zone_of(session.timezone)
            held_at = datetime.combine(data["held_on"], data["held_time"], tzinfo=zone)
        try:
            session_log(
                actor=request.user,
                session=session,
                held=data["held"],
                held_at=held_at,
                held_minutes=data["held_minutes"],
                format=data["format"] or None,
                topics=data["topics"],
                notes=data["notes"],
                action_items=data["action_items"],
            )
        except ValidationError as error:  # the form asks for the start as a date and time
            if hasattr(error, "error_dict") and "held_at" in error.error_dict:
                error.error_dict["held_on"] = error.error_dict.pop("held_at")
            raise

    done = _("Saved. Everyone in the session is asked to sign it.")
    return _submit(request, session, LogForm(request.POST), "log_form", save, done)


@login_required
@require_POST
def session_sign_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = _joined(request, pk)
    try:
        locked = session_sign(
            actor=request.user, session=session, digest=request.POST.get("digest", "")
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Signed. Everyone has signed now, so these facts are final.")
            if locked
            else _("Signed. Thank you."),
        )
    return redirect("supervision_session", pk=session.pk)


@login_required
@require_POST
def session_reflect_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = _joined(request, pk)

    def save(data: dict) -> None:
        session_reflect(actor=request.user, session=session, text=data["reflection"])

    form, done = ReflectionForm(request.POST), _("Your reflection is saved.")
    return _submit(request, session, form, "reflection_form", save, done)


@login_required
@require_POST
def session_reschedule_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = _changeable(request, pk)

    def save(data: dict) -> SupervisionSession:
        return session_reschedule(
            actor=request.user,
            session=session,
            on=data["on"],
            at=data["at"],
            timezone_name=data["timezone"],
            reason=data["reason"],
            allow_conflicts=data["allow_conflicts"],
        )

    form, done = RescheduleForm(request.POST), _("Moved. Everyone's calendar will follow.")
    return _submit(request, session, form, "reschedule_form", save, done)


@login_required
@require_POST
def session_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = _changeable(request, pk)

    def save(data: dict) -> None:
        session_cancel(actor=request.user, session=session, reason=data["reason"])

    return _submit(request, session, ReasonForm(request.POST), "cancel_form", save, _("Cancelled."))


@login_required
@require_POST
def session_amend_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = _led(request, pk)

    def save(data: dict) -> None:
        session_amend(
            actor=request.user,
            session=session,
            reason=data["reason"],
            held_minutes=data["held_minutes"],
            format=data["format"] or None,
            topics=data["topics"],
        )

    done = _("Corrected. The correction is kept with the session.")
    return _submit(request, session, AmendForm(request.POST), "amend_form", save, done)


@login_required
def session_ics_view(request: HttpRequest, pk: int) -> HttpResponse:
    """One session as an .ics file, for the people in it."""
    session = supervision_access.get_session(request.user, pk)
    if not supervision_access.is_in_session(request.user, session):
        raise Http404
    text = calendar.calendar_text([session], name=_("Supervision"), now=timezone.now())
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="supervision-{session.pk}.ics"'
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
def calendar_settings_view(request: HttpRequest) -> HttpResponse:
    """My private calendar feed: make a new address (the old one stops) or turn it off."""
    profile = access.require_profile(request.user)
    url = ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            calendar.feed_revoke(actor=request.user)
            messages.success(request, _("Your calendar feed is off. The old address stops now."))
            return redirect("supervision_calendar")
        token = calendar.feed_create(actor=request.user)
        url = request.build_absolute_uri(f"/supervision/calendar/{token}.ics")
    context = {"url": url, "has_feed": calendar.has_live_feed(profile)}
    response = render(request, "supervision/calendar.html", context)
    response["Cache-Control"] = "no-store, private"
    return response


def calendar_feed_view(request: HttpRequest, token: str) -> HttpResponse:
    """The feed calendar apps fetch, without signing in: the token is the key."""
    person = calendar.feed_owner(token)
    if person is None:
        raise Http404
    now = timezone.now()
    sessions = calendar.feed_sessions(person, now=now)
    # Other apps' events too (a facilitator's group meetings), from core.ics's feed sources.
    extra = ics.feed_events(person, now)
    text = calendar.calendar_text(sessions, name=_("PeerWell supervision"), now=now, extra=extra)
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "no-store, private"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
def attestation_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's supervised-hours attestation for a period: the person, their supervisor,
    managers, HR and admins (no notes in it)."""
    person = access.get_person(request.user, pk)
    profile = access.require_profile(request.user)
    if person.pk != profile.pk and not supervision_access.can_view_attestation(
        request.user, person
    ):
        raise Http404
    today = access.organization_today(request.user)
    form = PeriodForm(
        request.GET or None, initial={"start": today - timedelta(days=365), "end": today}
    )
    if request.GET and form.is_valid():
        data = form.cleaned_data
        pdf = attestation_pdf(person=person, start=data["start"], end=data["end"])
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"supervised-hours-{data['start']}-{data['end']}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store, private"
        return response
    return render(request, "supervision/attestation.html", {"form": form, "person": person})
