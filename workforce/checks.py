"""System checks for PeerWell's own settings."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured


@register(Tags.security)
def check_encryption_keys(app_configs: object, **kwargs: object) -> list[Error]:
    from workforce import crypto

    try:
        crypto.current()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="peerwell.E001")]
    return []


@register(Tags.security, deploy=True)
def check_development_keys(app_configs: object, **kwargs: object) -> list[Warning]:
    if settings.DEV_FIELD_ENCRYPTION_KEY in settings.FIELD_ENCRYPTION_KEYS:
        return [
            Warning(
                "FIELD_ENCRYPTION_KEYS still holds the development key, which is public.",
                hint="Set FIELD_ENCRYPTION_KEYS to a key of your own (see README, Configuration).",
                id="peerwell.W001",
            )
        ]
    return []
