"""What the certification API's serializers and viewsets share: scoped type and person fields,
the person a write is for, and the help texts."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.request import Request

from workforce import access
from workforce.certifications import access as certification_access
from workforce.models import CECategory, CertificationType, StaffProfile

EVIDENCE_HELP = (
    "A PDF or a photo (JPEG, PNG), up to 10 MB, judged by its content. Stored privately: only "
    "the holder, HR and org admins can open it."
)
CATEGORIES_HELP = "CE categories: " + ", ".join(CECategory.values) + "."


@extend_schema_field(OpenApiTypes.INT)
class ScopedTypeField(serializers.PrimaryKeyRelatedField):
    """A certification type of the caller's organization, by id; any other id is "does not
    exist"."""

    def get_queryset(self) -> QuerySet[CertificationType]:
        request = self.context.get("request")
        if request is None:
            return CertificationType.objects.none()
        return certification_access.certification_types_visible_to(request.user)


@extend_schema_field(OpenApiTypes.INT)
class ScopedPersonField(serializers.PrimaryKeyRelatedField):
    """Someone in the caller's organization, by id; any other id is "does not exist". Whether
    the caller may write for them is `holder_for_write`'s question."""

    def get_queryset(self) -> QuerySet[StaffProfile]:
        request = self.context.get("request")
        if request is None:
            return StaffProfile.objects.none()
        profile = access.profile_of(request.user)
        if profile is None:
            return StaffProfile.objects.none()
        return StaffProfile.objects.filter(organization_id=profile.organization_id)


def holder_for_write(request: Request) -> None:
    """HR and org admins write for anyone in their organization; anyone else only for
    themselves. Naming someone else answers 404, like every write the caller may not make."""
    profile = access.require_profile(request.user)
    raw = request.data.get("person")
    if raw in (None, "", profile.pk, str(profile.pk)):
        return
    if not certification_access.can_manage_certifications(request.user):
        raise exceptions.NotFound


def may_write_for(user: object, person: StaffProfile) -> bool:
    """The holder themselves, or HR and org admins of their organization (the services check
    the same; the API answers anyone else with a 404)."""
    profile = access.profile_of(user)
    if profile is None or profile.organization_id != person.organization_id:
        return False
    return person.pk == profile.pk or certification_access.can_manage_certifications(user)
