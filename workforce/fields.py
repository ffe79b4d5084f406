"""Model fields shared across apps."""

from __future__ import annotations

from typing import Any

from django.db import models

from workforce import crypto


class EncryptedTextField(models.TextField):
    """Text encrypted at rest with the keys in FIELD_ENCRYPTION_KEYS.

    The database only ever holds Fernet tokens (an empty string stays empty, so "not filled
    in" needs no decryption). The content cannot be searched or ordered in SQL, by design.
    """

    description = "Text encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return crypto.encrypt(value)

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return crypto.decrypt(value)

    def get_lookup(self, lookup_name: str):
        # Only emptiness can be asked of ciphertext; anything else would silently never match.
        if lookup_name not in {"isnull", "exact"}:
            return None
        return super().get_lookup(lookup_name)
