"""Production settings pass `check --deploy`; development defaults are flagged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "DJANGO_SECRET_KEY": "x9$Qe7!pL2vR8#tW4zY6uB1nM3kJ5hG0fD9sA7cV2bN4mQ8wE6rT1yU3iO5pL7k",
    "FIELD_ENCRYPTION_KEYS": "5Y2gkzpmhYq5z0sM3QhX2pB3k2GZkPq0m6t8JXn8Y1A=",
    "DJANGO_HTTPS": "1",
    "DJANGO_ALLOWED_HOSTS": "peerwell.example.org",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
}


def _check(extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "FIELD_")) and k != "CACHE_URL"
    }
    env.update(extra)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_passes_the_deploy_check_with_production_settings() -> None:
    result = _check(PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_flags_development_keys() -> None:
    result = _check({"DJANGO_SETTINGS_MODULE": "config.settings"})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "peerwell.W001" in output  # the development encryption key
    assert "security.W009" in output  # the development SECRET_KEY


def test_it_flags_a_production_without_a_shared_cache() -> None:
    result = _check({k: v for k, v in PRODUCTION.items() if k != "CACHE_URL"})
    assert result.returncode != 0
    assert "peerwell.W002" in result.stdout + result.stderr


def test_a_cache_url_gives_every_process_one_shared_cache() -> None:
    """CACHE_URL=redis://… switches the cache (the reports' hourly limits) to Redis."""
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    env = {"DJANGO_SETTINGS_MODULE": "config.settings", "CACHE_URL": "redis://127.0.0.1:6379/3"}
    import os

    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.strip() == "django.core.cache.backends.redis.RedisCache"
