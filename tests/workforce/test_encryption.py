"""Sensitive text is ciphertext in the database, and keys rotate without losing a row."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from tests.conftest import Cast
from workforce import crypto
from workforce.models import StaffProfile


def _raw(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT emergency_contact FROM workforce_staffprofile WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_it_stores_only_ciphertext(cast: Cast) -> None:
    raw = _raw(cast.alice.pk)
    assert "Robin, 555-0101" not in raw  # commas and spaces never occur in a Fernet token
    assert raw.startswith("gAAAA")  # a Fernet token
    assert StaffProfile.objects.get(pk=cast.alice.pk).emergency_contact == "Robin, 555-0101"


def test_it_leaves_empty_values_empty(cast: Cast) -> None:
    assert _raw(cast.bob.pk) == ""
    assert StaffProfile.objects.filter(emergency_contact="").count() == 7


def test_it_rotates_every_row_to_the_newest_key(cast: Cast, settings, capsys) -> None:
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    for profile in StaffProfile.objects.all():
        profile.emergency_contact = f"Contact of {profile.chosen_name}"
        profile.save()
    before = {p.pk: _raw(p.pk) for p in StaffProfile.objects.all()}

    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_encryption_keys")
    assert "workforce.StaffProfile: 8 rows re-encrypted" in capsys.readouterr().out

    settings.FIELD_ENCRYPTION_KEYS = [new_key]  # the old key is gone
    for profile in StaffProfile.objects.all():
        assert profile.emergency_contact == f"Contact of {profile.chosen_name}"
        assert _raw(profile.pk) != before[profile.pk]
        Fernet(new_key.encode()).decrypt(_raw(profile.pk).encode())


def test_it_refuses_to_read_without_the_right_key(cast: Cast, settings) -> None:
    settings.FIELD_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(crypto.DecryptionError):
        StaffProfile.objects.get(pk=cast.alice.pk)


def test_it_reports_a_malformed_key(settings) -> None:
    from workforce.checks import check_encryption_keys

    settings.FIELD_ENCRYPTION_KEYS = ["not-a-key"]
    errors = check_encryption_keys(None)
    assert [e.id for e in errors] == ["peerwell.E001"]
