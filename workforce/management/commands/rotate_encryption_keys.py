"""Re-encrypt every encrypted field under the newest key in FIELD_ENCRYPTION_KEYS."""

from __future__ import annotations

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from workforce.fields import EncryptedTextField

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt all encrypted fields with the first (newest) key in FIELD_ENCRYPTION_KEYS."

    def handle(self, *args: object, **options: object) -> None:
        for model in apps.get_models():
            fields = [
                f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)
            ]
            if not fields:
                continue
            count = self.rotate_model(model, fields)
            self.stdout.write(
                f"{model._meta.label}: {count} rows re-encrypted ({', '.join(fields)})"
            )

    def rotate_model(self, model: type, fields: list[str]) -> int:
        """Read each row (any key decrypts) and write it back (the newest key encrypts)."""
        done = 0
        last_pk = 0
        while True:
            with transaction.atomic():
                rows = list(
                    model._default_manager.select_for_update()
                    .filter(pk__gt=last_pk)
                    .order_by("pk")
                    .only("pk", *fields)[:BATCH]
                )
                if not rows:
                    return done
                model._default_manager.bulk_update(rows, fields)
            done += len(rows)
            last_pk = rows[-1].pk
