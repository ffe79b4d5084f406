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


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs: object, **kwargs: object) -> list[Warning]:
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        return [
            Warning(
                "CACHE_URL is not a redis:// address: each web process keeps its own cache, "
                "so the API "
                "throttle and every cache-based limit (safety reports per hour) count per "
                "process, and four processes allow four times the limit.",
                hint="Set CACHE_URL=redis://host:6379/1 (see README, Production).",
                id="peerwell.W002",
            )
        ]
    return []
