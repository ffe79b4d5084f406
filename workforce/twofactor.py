"""Authenticator-app (TOTP) two-factor sign-in, on django-otp, with backup codes."""

from __future__ import annotations

import io
import secrets
from typing import TYPE_CHECKING

import qrcode
import qrcode.image.svg
from django.db import transaction
from django_otp import devices_for_user, match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from workforce import access
from workforce.models import Role

if TYPE_CHECKING:
    from django_otp.models import Device

    from workforce.models import User

BACKUP_CODE_COUNT = 10
PRIVILEGED_ROLES = (Role.HR, Role.ORG_ADMIN)


def has_two_factor(user: User) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


def required_for(user: User) -> bool:
    """The organization requires it of this person's roles."""
    profile = access.profile_of(user)
    return bool(
        profile and profile.organization.require_two_factor and profile.has_role(*PRIVILEGED_ROLES)
    )


def setup_required(user: User) -> bool:
    """Signed in, required to use two-factor, and not yet verified in this session."""
    if not user.is_authenticated or not required_for(user):
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified and is_verified())


def verify(user: User, code: str) -> Device | None:
    """The device that accepts `code` (an app code or an unused backup code), or None.

    django-otp throttles each device: repeated failures wait longer and longer.
    """
    code = "".join(code.split())
    if not code:
        return None
    return match_token(user, code)


@transaction.atomic
def totp_start(*, user: User) -> TOTPDevice:
    """A new, unconfirmed authenticator for the user (replacing an unconfirmed one)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def totp_pending(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


@transaction.atomic
def totp_confirm(*, user: User, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the app with a first code; returns fresh backup codes, or None if wrong."""
    if not device.verify_token("".join(code.split())):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return backup_codes_regenerate(user=user)


@transaction.atomic
def backup_codes_regenerate(*, user: User) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Backup codes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def backup_codes_left(user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def two_factor_disable(*, user: User) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as an inline SVG QR code (no external service)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode("utf-8")


def secret_for_manual_entry(device: TOTPDevice) -> str:
    import base64

    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
