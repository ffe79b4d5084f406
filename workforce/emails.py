"""Account emails (invitation, password reset). They carry a link and nothing sensitive."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_noop

from workforce.models import User

SUBJECTS = {  # marked for translation; translated when sent, in the recipient's language
    "invite": gettext_noop("You're invited to PeerWell"),
    "reset": gettext_noop("Reset your PeerWell password"),
}


def account_link(user: User) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return f"{settings.BASE_URL}{path}"


def account_email_send(*, user_id: int, purpose: str) -> bool:
    if purpose not in SUBJECTS:
        raise ValueError(f"unknown account email purpose: {purpose}")
    user = User.objects.select_related("profile").filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    profile = getattr(user, "profile", None)
    language = profile.language if profile else settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "name": profile.chosen_name if profile else "",
            "link": account_link(user),
            "valid_hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
            "base_url": settings.BASE_URL,
        }
        subject = translation.gettext(SUBJECTS[purpose])
        body = render_to_string(f"emails/{purpose}.txt", context)
    send_mail(subject, body, None, [user.email])
    return True
