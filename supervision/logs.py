"""The session log: what happened (held or didn't take place; when, how long, the format,
the topics), the supervisor's notes and action items, each participant's reflection, and
sign-off by everyone. Once all have signed, the facts are locked; corrections after that
are amendments with a reason, kept with the session."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from supervision.models import (
    NOTES_MAX_LENGTH,
    SessionAmendment,
    SessionFormat,
    SessionParticipant,
    SessionStatus,
    SupervisionSession,
    Topic,
)
from workforce import access
from workforce.models import EmploymentStatus

LOGGABLE = (SessionStatus.SCHEDULED, SessionStatus.HELD, SessionStatus.MISSED)
FACTS = ("held_at", "held_minutes", "format", "topics")


def facts_digest(session: SupervisionSession) -> str:
    """What a signature confirms (when, how long, the format, the topics), as a short
    fingerprint: signing with an old one means the log changed while they were reading."""
    held = session.held_at.astimezone(UTC).isoformat() if session.held_at else ""
    text = "|".join(
        [
            session.status,
            held,
            str(session.held_minutes or ""),
            session.format,
            *sorted(session.topics),
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _lock(session_id: int) -> SupervisionSession:
    return SupervisionSession.objects.select_for_update().get(pk=session_id)


def _topics(topics: list[str], errors: dict) -> list[str]:
    chosen = list(dict.fromkeys(topics or []))
    if any(t not in Topic.values for t in chosen):
        errors["topics"] = _("Choose topics from the list.")
    return [t for t in Topic.values if t in chosen]  # the list's order


@transaction.atomic
def session_log(
    *,
    actor: object,
    session: SupervisionSession,
    held: bool,
    held_at: datetime | None = None,
    held_minutes: int | None = None,
    format: str | None = None,
    topics: list[str] | None = None,
    notes: str = "",
    action_items: str = "",
) -> SupervisionSession:
    """The supervisor records what happened. Changing the facts after someone signed
    clears the signatures: everyone confirms what the log now says."""
    session = _lock(session.pk)
    profile = access.require_profile(actor)
    if session.supervisor_id != profile.pk:
        raise ValidationError(_("Only the session's supervisor writes its log."))
    if session.locked:
        raise ValidationError(_("Everyone has signed this session: correct it with an amendment."))
    if session.status not in LOGGABLE:
        raise ValidationError(_("This session was cancelled or moved; log the new one instead."))
    errors: dict[str, str] = {}
    before = facts_digest(session)
    if held:
        session.status = SessionStatus.HELD
        session.format = format or session.format
        if session.format not in SessionFormat.values:
            errors["format"] = _("Choose in person, video or phone.")
        if held_at is None:
            errors["held_at"] = _("Please give the date and time it started.")
        elif held_at > timezone.now() + timedelta(minutes=5):
            errors["held_at"] = _("A session can be logged once it has started.")
        if not held_minutes or not 5 <= held_minutes <= 480:
            errors["held_minutes"] = _("Give how long it lasted, from 5 minutes to 8 hours.")
        # To the minute, as the form shows it: saving the form again changes nothing.
        held_at = held_at.replace(second=0, microsecond=0) if held_at else None
        session.held_at, session.held_minutes = held_at, held_minutes
        session.topics = _topics(topics or [], errors)
    else:  # didn't take place: no facts to sign, no hours
        session.status = SessionStatus.MISSED
        session.held_at, session.held_minutes, session.topics = None, None, []
    for name, text in (("notes", notes), ("action_items", action_items)):
        if len(text or "") > NOTES_MAX_LENGTH:
            errors[name] = _("Please keep it under %(n)s characters.") % {"n": NOTES_MAX_LENGTH}
    if errors:
        raise ValidationError(errors)
    session.notes, session.action_items = (notes or "").strip(), (action_items or "").strip()
    session.updated_at = timezone.now()
    if facts_digest(session) != before or session.logged_at is None:
        # New facts to sign: the prompt to sign (whose slot is logged_at) goes out again.
        # Notes alone change nothing anyone signs, so nobody is asked twice.
        session.logged_by, session.logged_at = profile, timezone.now()
        session.supervisor_signed_at = None
        session.attendance.update(signed_at=None)
    session.save()
    _copy_held(session)
    return session


def _copy_held(session: SupervisionSession) -> None:
    """Each participant row carries the session's held time and minutes (compliance)."""
    held = session.status == SessionStatus.HELD
    session.attendance.update(
        held_at=session.held_at if held else None,
        held_minutes=session.held_minutes if held else None,
    )


@transaction.atomic
def session_reflect(*, actor: object, session: SupervisionSession, text: str) -> None:
    """A participant's own reflection: theirs and their supervisor's to read. It isn't one
    of the signed facts, so it can change after sign-off."""
    profile = access.require_profile(actor)
    text = (text or "").strip()
    if len(text) > NOTES_MAX_LENGTH:
        raise ValidationError(
            {"reflection": _("Please keep it under %(n)s characters.") % {"n": NOTES_MAX_LENGTH}}
        )
    updated = SessionParticipant.objects.filter(session=session, person=profile).update(
        reflection=text
    )
    if updated != 1:
        raise ValidationError(_("Only the people in a session add reflections to it."))


@transaction.atomic
def session_sign(*, actor: object, session: SupervisionSession, digest: str) -> bool:
    """Confirm the logged date, duration, format and topics. `digest` is the facts_digest
    the signer saw. Returns True when this signature was the last one (the facts lock)."""
    session = _lock(session.pk)
    profile = access.require_profile(actor)
    if session.status != SessionStatus.HELD:
        raise ValidationError(_("Only a session that was held and logged can be signed."))
    if digest != facts_digest(session):
        raise ValidationError(
            _("The log changed while you were reading it. Please look at it again before signing.")
        )
    now = timezone.now()
    if session.supervisor_id == profile.pk:
        if session.supervisor_signed_at is None:
            session.supervisor_signed_at = now
            session.save(update_fields=["supervisor_signed_at"])
    elif not SessionParticipant.objects.filter(session=session, person=profile).exists():
        raise ValidationError(_("Only the people in a session sign it."))
    else:
        SessionParticipant.objects.filter(
            session=session, person=profile, signed_at__isnull=True
        ).update(signed_at=now)
    # Everyone who still works here: someone who left before signing doesn't hold the
    # others' hours back for ever.
    waiting = session.attendance.filter(
        signed_at__isnull=True, person__user__is_active=True
    ).exclude(person__employment_status=EmploymentStatus.LEFT)
    everyone = session.supervisor_signed_at is not None and not waiting.exists()
    if everyone and session.locked_at is None:
        session.locked_at = now
        session.save(update_fields=["locked_at"])
        return True
    return False


@transaction.atomic
def session_amend(
    *,
    actor: object,
    session: SupervisionSession,
    reason: str,
    held_at: datetime | None = None,
    held_minutes: int | None = None,
    format: str | None = None,
    topics: list[str] | None = None,
) -> SessionAmendment:
    """Correct a signed session's facts: the session takes the corrected values and the
    amendment keeps what they were, why, and who changed them."""
    session = _lock(session.pk)
    profile = access.require_profile(actor)
    if session.supervisor_id != profile.pk:
        raise ValidationError(_("Only the session's supervisor corrects its log."))
    if not session.locked:
        raise ValidationError(_("Until everyone has signed, change the log itself."))
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = _("Please say what was wrong, for the record.")
    held_at = held_at.replace(second=0, microsecond=0) if held_at else None
    wanted = {"held_at": held_at, "held_minutes": held_minutes, "format": format}
    if topics is not None:
        wanted["topics"] = _topics(topics, errors)
    if held_minutes is not None and not 5 <= held_minutes <= 480:
        errors["held_minutes"] = _("Give how long it lasted, from 5 minutes to 8 hours.")
    if held_at is not None and held_at > timezone.now() + timedelta(minutes=5):
        errors["held_at"] = _("A session can be logged once it has started.")
    if format is not None and format not in SessionFormat.values:
        errors["format"] = _("Choose in person, video or phone.")
    changes = {
        name: [_plain(getattr(session, name)), _plain(value)]
        for name, value in wanted.items()
        if value is not None and value != getattr(session, name)
    }
    if not changes and not errors:
        errors["reason"] = _("Nothing differs from what was signed.")
    if errors:
        raise ValidationError(errors)
    for name, value in wanted.items():
        if value is not None:
            setattr(session, name, value)
    session.updated_at = timezone.now()
    session.save()
    _copy_held(session)
    return SessionAmendment.objects.create(
        session=session, changes=changes, reason=reason[:300], made_by=profile
    )


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value
