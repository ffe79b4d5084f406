"""Load PeerWell's starter training library into one organization's catalogue, or all."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from workforce.models import Organization
from workforce.training.catalogue import library_install


class Command(BaseCommand):
    help = (
        "Add the four starter modules to organizations that don't have them yet, and assign "
        "the required ones to the people who hold those roles."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--organization", help="The organization's short name (slug).")

    def handle(self, *args: object, organization: str | None = None, **options: object) -> None:
        orgs = Organization.objects.all()
        if organization:
            orgs = orgs.filter(slug=organization)
            if not orgs.exists():
                raise CommandError(f"No organization with the short name {organization!r}.")
        for org in orgs:
            added = library_install(organization=org)
            self.stdout.write(f"{org.slug}: {added} module(s) added")
