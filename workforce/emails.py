"""Account emails (invitation, password reset). They carry a link and nothing sensitive."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_noop

from notifications import registry
from notifications.models import Channel, Delivery
from notifications.services import lease_until, publish_on_commit
from workforce.models import User

KIND = "account-email"

SUBJECTS = {  # marked for translation; translated when sent, in the recipient's language
    "invite": gettext_noop("You're invited to PeerWell"),
    "reset": gettext_noop("Reset your PeerWell password"),
}


def account_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return f"{settings.BASE_URL}{path}"


def account_email_queue(*, user: User, purpose: str) -> Delivery:
    """Write the email into the delivery ledger, in the caller's transaction, and hand it to the
    workers once that commits. With the broker down the person is still saved and the page
    answers; the dispatch sweep sends the email when the broker is back, exactly once."""
    if purpose not in SUBJECTS:
        raise ValueError(f"unknown account email purpose: {purpose}")
    now = timezone.now()
    profile = getattr(user, "profile", None)
    delivery = Delivery.objects.create(
        organization_id=profile.organization_id if profile else None,
        recipient=user,
        kind=KIND,
        subject=purpose,
        due_slot=now,
        channel=Channel.EMAIL,
        next_attempt_at=lease_until(now),
    )
    publish_on_commit([delivery.pk])
    return delivery


def account_email_render(user: User, purpose: str) -> tuple[str, str]:
    """The subject and body, in the recipient's language, with a fresh link."""
    profile = getattr(user, "profile", None)
    language = profile.language if profile else settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "name": profile.chosen_name if profile else "",
            "link": account_link(user),
            "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
            "base_url": settings.BASE_URL,
        }
        return translation.gettext(SUBJECTS[purpose]), render_to_string(
            f"emails/{purpose}.txt", context
        )


def account_email_send(*, user_id: int, purpose: str) -> bool:
    """Send one at once (for a message queued by an earlier release, which called the task
    directly); everything new goes through account_email_queue."""
    if purpose not in SUBJECTS:
        raise ValueError(f"unknown account email purpose: {purpose}")
    user = User.objects.select_related("profile").filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    subject, body = account_email_render(user, purpose)
    send_mail(subject, body, None, [user.email])
    return True


# --- the reminder kind: account emails ride the same ledger as reminders --------------------


def _load(deliveries: list[Delivery]) -> dict[int, User]:
    users = User.objects.select_related("profile").in_bulk({d.recipient_id for d in deliveries})
    return {d.pk: users[d.recipient_id] for d in deliveries if d.recipient_id in users}


def _skip(delivery: Delivery, user: User | None) -> str | None:
    if user is None or not user.is_active:
        return "access switched off"
    if delivery.subject not in SUBJECTS:
        return "unknown purpose"
    return None


def _render(delivery: Delivery, user: User) -> registry.Message:
    subject, body = account_email_render(user, delivery.subject)
    return registry.Message(subject=subject, body=body, title=subject, link="")


registry.register(
    registry.ReminderKind(
        name=KIND,
        collect=lambda now: registry.Collected(send_now=[]),  # written by requests
        load=_load,
        skip_reason=_skip,
        render=_render,
        due_count=lambda now, organization_id: 0,
    )
)
