"""Load the demo organizations and people (idempotent)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from workforce.demo import DEMO_PASSWORD, load_demo
from workforce.demo_story import HINTS


class Command(BaseCommand):
    help = "Create or refresh the demo organizations and people. Safe to run repeatedly."

    def handle(self, *args: object, **options: object) -> None:
        logins = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"Every demo login uses the password: {DEMO_PASSWORD}")
        for email, roles in logins:
            self.stdout.write(f"  {email:<32} {roles}")
            self.stdout.write(f"  {'':<32} try: {HINTS.get(email, '')}")
