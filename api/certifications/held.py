"""Certifications people hold through the API: one row per cycle, with its computed status,
renewal readiness and evidence files. HR and org admins record, renew, verify and revoke them;
a holder adds their own (it waits for HR) and adds files to their own."""

from __future__ import annotations

from django.db.models import F
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from api import query
from api.certifications.evidence import (
    CertificationEvidenceAddSerializer,
    CertificationEvidenceSerializer,
    files_open_to,
)
from api.certifications.fields import (
    EVIDENCE_HELP,
    ScopedPersonField,
    ScopedTypeField,
    holder_for_write,
    may_write_for,
)
from api.certifications.readiness import CertificationReadinessSerializer, readiness_body
from api.parsers import UploadParsersMixin
from api.viewsets import ScopedGenericViewSet
from workforce import access
from workforce.certifications import access as certification_access
from workforce.certifications import services
from workforce.certifications.selectors import current_cycle, status_case
from workforce.models import Certification, CertificationStatus

STATUS_HELP = "Computed from the dates and HR's checks: never stored."


class CertificationSerializer(serializers.ModelSerializer):
    """One cycle of a credential someone holds, with its status computed for today."""

    person_name = serializers.CharField(source="person.chosen_name", read_only=True)
    type_name = serializers.CharField(source="type.name", read_only=True)
    certification_status = serializers.ChoiceField(
        source="state", choices=CertificationStatus.choices, read_only=True, help_text=STATUS_HELP
    )
    days_left = serializers.SerializerMethodField(
        help_text="Days to expiry; null if it never expires."
    )
    renewed_by = serializers.IntegerField(
        source="next_cycle",
        read_only=True,
        allow_null=True,
        help_text="The cycle that renewed this one; null for a current cycle.",
    )

    class Meta:
        model = Certification
        fields = [
            "id",
            "person",
            "person_name",
            "type",
            "type_name",
            "credential_number",
            "issued_on",
            "expires_on",
            "provisional",
            "certification_status",
            "days_left",
            "verified_at",
            "verified_by",
            "revoked_at",
            "revoked_reason",
            "previous",
            "renewed_by",
            "added_by",
            "created_at",
        ]
        read_only_fields = fields

    def get_days_left(self, certification: Certification) -> int | None:
        if certification.expires_on is None:
            return None
        return (certification.expires_on - self.context["today"]).days


class CertificationDetailSerializer(CertificationSerializer):
    """A certification with its renewal readiness and the files the caller may open."""

    readiness = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField(
        help_text="Only for the holder, HR and org admins; empty for anyone else."
    )

    class Meta(CertificationSerializer.Meta):
        fields = [*CertificationSerializer.Meta.fields, "readiness", "evidence"]
        read_only_fields = fields

    @extend_schema_field(CertificationReadinessSerializer)
    def get_readiness(self, certification: Certification) -> dict:
        return readiness_body(certification, self.context["today"])

    @extend_schema_field(CertificationEvidenceSerializer(many=True))
    def get_evidence(self, certification: Certification) -> list[dict]:
        files = files_open_to(self.context["request"].user, certification)
        return CertificationEvidenceSerializer(files, many=True).data


class CertificationAddSerializer(serializers.Serializer):
    """Record a certification: HR and org admins for anyone in the organization (verified at
    once), anyone else for themselves (it waits for HR to verify)."""

    person = ScopedPersonField(
        required=False, allow_null=True, default=None, help_text="Left out: yourself."
    )
    type = ScopedTypeField()
    issued_on = serializers.DateField()
    expires_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Left out: follows from the type's validity (or provisional period).",
    )
    credential_number = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=80
    )
    provisional = serializers.BooleanField(required=False, default=False)
    evidence = serializers.FileField(required=False, allow_empty_file=True, help_text=EVIDENCE_HELP)


class CertificationRenewSerializer(serializers.Serializer):
    """The next cycle; this one stays as history."""

    issued_on = serializers.DateField()
    expires_on = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Left out: follows from the type's validity.",
    )
    credential_number = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=80,
        help_text="Left out: the same as before.",
    )
    evidence = serializers.FileField(required=False, allow_empty_file=True, help_text=EVIDENCE_HELP)


class CertificationRevokeSerializer(serializers.Serializer):
    """Why, for the record."""

    reason = serializers.CharField(allow_blank=True, max_length=300)


class CertificationQuery(serializers.Serializer):
    person = query.object_id()
    type = query.object_id()
    status = query.choice(CertificationStatus.choices)
    current = query.flag(help_text="Only current cycles (not renewed).")


@extend_schema_view(
    retrieve=extend_schema(responses=CertificationDetailSerializer),
)
class CertificationViewSet(
    UploadParsersMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet
):
    """Certifications of the people you may see: yourself, your supervisees; everyone for
    program managers, HR and org admins."""

    serializer_class = CertificationSerializer
    upload_actions = ("create", "renew", "add_evidence")
    query_serializer_class = CertificationQuery
    queryset = Certification.objects.none()  # for the schema only

    tenant_field = "organization_id"

    def scoped_queryset(self):
        today = access.organization_today(self.request.user)
        items = certification_access.certifications_visible_to(self.request.user).annotate(
            state=status_case(today), next_cycle=F("renewed_by__id")
        )
        if (person := self.query.get("person")) is not None:
            items = items.filter(person_id=person)
        if (type := self.query.get("type")) is not None:
            items = items.filter(type_id=type)
        if value := self.query.get("status"):
            items = items.filter(state=value)
        if self.query.get("current"):
            items = items.filter(current_cycle())
        items = items.select_related("person", "type")
        if self.action != "list":
            items = items.prefetch_related("type__category_minimums", "evidence")
        return items.order_by("person__chosen_name", "type__name", "-issued_on", "-id")

    def get_serializer_class(self):
        return CertificationSerializer if self.action == "list" else CertificationDetailSerializer

    def get_serializer_context(self) -> dict:
        today = access.organization_today(self.request.user)
        return {**super().get_serializer_context(), "today": today}

    def _answer(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        certification = self.scoped_queryset().get(pk=pk)
        body = CertificationDetailSerializer(certification, context=self.get_serializer_context())
        return Response(body.data, status=code)

    def _managed(self) -> Certification:
        if not certification_access.can_manage_certifications(self.request.user):
            raise exceptions.NotFound
        return self.get_object()

    @extend_schema(
        request={"multipart/form-data": CertificationAddSerializer},
        responses={201: CertificationDetailSerializer},
    )
    def create(self, request: Request) -> Response:
        """Record a certification, optionally with its evidence file."""
        holder_for_write(request)
        serializer = CertificationAddSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        certification = services.certification_add(
            actor=request.user,
            person=data["person"] or access.require_profile(request.user),
            type=data["type"],
            issued_on=data["issued_on"],
            expires_on=data["expires_on"],
            credential_number=data["credential_number"],
            provisional=data["provisional"],
            evidence=data.get("evidence"),
        )
        return self._answer(certification.pk, status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": CertificationRenewSerializer},
        responses={201: CertificationDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def renew(self, request: Request, pk: str | None = None) -> Response:
        """Record the next cycle (HR and org admins); this one stays as history."""
        certification = self._managed()
        serializer = CertificationRenewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        renewed = services.certification_renew(
            actor=request.user,
            certification=certification,
            issued_on=data["issued_on"],
            expires_on=data["expires_on"],
            credential_number=data["credential_number"],
            evidence=data.get("evidence"),
        )
        return self._answer(renewed.pk, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=CertificationDetailSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str | None = None) -> Response:
        """Confirm a certification someone added themselves (HR and org admins)."""
        certification = self._managed()
        services.certification_verify(actor=request.user, certification=certification)
        return self._answer(certification.pk)

    @extend_schema(request=CertificationRevokeSerializer, responses=CertificationDetailSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        """Record that a certification was revoked, and why (HR and org admins)."""
        certification = self._managed()
        serializer = CertificationRevokeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.certification_revoke(
            actor=request.user,
            certification=certification,
            reason=serializer.validated_data["reason"],
        )
        return self._answer(certification.pk)

    @extend_schema(
        request={"multipart/form-data": CertificationEvidenceAddSerializer},
        responses={201: CertificationEvidenceSerializer},
    )
    @action(detail=True, methods=["post"], url_path="evidence", url_name="evidence")
    def add_evidence(self, request: Request, pk: str | None = None) -> Response:
        """Add a file to a certification: its holder, HR and org admins."""
        certification = self.get_object()
        if not may_write_for(request.user, certification.person):
            raise exceptions.NotFound
        serializer = CertificationEvidenceAddSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        evidence = services.evidence_add(
            actor=request.user,
            certification=certification,
            file=serializer.validated_data.get("file"),
            description=serializer.validated_data["description"],
        )
        body = CertificationEvidenceSerializer(evidence).data
        return Response(body, status=status.HTTP_201_CREATED)
