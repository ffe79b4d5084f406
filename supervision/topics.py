"""Topics a person would like to talk through in supervision.

A facilitator who notes "I'd like to talk this through" after a group meeting (groups.meetings)
finds it here, on their next supervision session, beside their supervisor. Only the two of them
read it: the person, and their current supervisor on a session the two of them are in. In a group
session, each participant sees only their own."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from supervision.models import SessionStatus, SupervisionSession, TopicRequest
from workforce import access
from workforce.models import StaffProfile


def topic_request_add(*, person: StaffProfile, text: str, source: str) -> TopicRequest:
    request = TopicRequest(
        organization_id=person.organization_id, person=person, text=text, source=source
    )
    request.full_clean(exclude=["organization", "person", "talked_in"])
    request.save()
    return request


def open_topic_requests(person: StaffProfile) -> QuerySet[TopicRequest]:
    """The person's own requests not yet talked through (their home page and sessions)."""
    return TopicRequest.objects.filter(person=person, talked_at__isnull=True)


def topic_requests_for_session(user: object, session: SupervisionSession) -> list[TopicRequest]:
    """Open requests to show on a planned or held session's page: to its supervisor, those of
    the participants they currently supervise; to a participant, their own; to anyone else
    (managers included), nothing."""
    profile = access.profile_of(user)
    if profile is None or profile.organization_id != session.organization_id:
        return []
    if session.status not in (SessionStatus.SCHEDULED, SessionStatus.HELD):
        return []  # a cancelled or moved session is not where anything gets talked through
    people = [a.person_id for a in session.attendance.all()]
    if session.supervisor_id == profile.pk:
        # Only while they supervise the person: a former supervisor's old session shows nothing.
        current = set(access.supervisees_of(profile).values_list("specialist_id", flat=True))
        people = [pk for pk in people if pk in current]
    else:
        people = [pk for pk in people if pk == profile.pk]
    if not people:
        return []
    return list(
        TopicRequest.objects.filter(
            organization_id=session.organization_id, person_id__in=people, talked_at__isnull=True
        ).select_related("person")
    )


def topic_request_close(*, actor: object, session: SupervisionSession, pk: int) -> int:
    """Mark a request talked through in this session: the person or the session's supervisor."""
    shown = {r.pk: r for r in topic_requests_for_session(actor, session)}
    if pk not in shown:
        return 0
    return TopicRequest.objects.filter(pk=pk, talked_at__isnull=True).update(
        talked_at=timezone.now(), talked_in=session
    )
