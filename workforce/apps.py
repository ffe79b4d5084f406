from __future__ import annotations

from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    """Organizations, people, roles, the access policy and the audit log."""

    name = "workforce"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        self.watch_versions()
        from workforce import (
            checks,  # noqa: F401  (registers the system checks)
            emails,  # noqa: F401  (the account-email kind)
        )
        from workforce.certifications import reminders as _certs  # noqa: F401  (reminder kinds)
        from workforce.training import reminders  # noqa: F401  (reminder kinds)

    def watch_versions(self) -> None:
        """The rows the cached organization-wide figures rest on (core.versions)."""
        from core import versions
        from workforce.models import (
            CECategoryMinimum,
            CEEntry,
            Certification,
            CertificationRequirement,
            CertificationType,
            Organization,
            RoleGrant,
            StaffProfile,
            User,
        )

        versions.watch(Organization, organization=lambda row: row.pk)
        # A sign-in writes last_login (and a password upgrade its hash): no figure reads them.
        versions.watch(User, ignore_fields=frozenset({"last_login", "password"}))
        versions.watch(StaffProfile)
        profile_of = versions.organization_via(StaffProfile, "profile_id")
        versions.watch(RoleGrant, organization=profile_of)
        for model in (CertificationType, Certification, CEEntry):
            versions.watch(model)
        type_of = versions.organization_via(CertificationType, "type_id")
        for model in (CECategoryMinimum, CertificationRequirement):
            versions.watch(model, organization=type_of)
