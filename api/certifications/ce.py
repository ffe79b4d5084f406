"""The continuing-education (CE) ledger through the API: hours people earned. Training
completed here credits them automatically; an outside course is added by its holder (it waits
for HR) or by HR (approved at once), with its certificate kept privately."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from api import query
from api.certifications.evidence import BINARY, EVIDENCE_TYPES
from api.certifications.fields import EVIDENCE_HELP, ScopedPersonField, holder_for_write
from api.parsers import UploadParsersMixin
from api.training.renderers import FileRenderer
from api.viewsets import ScopedGenericViewSet
from workforce import access
from workforce.certifications import access as certification_access
from workforce.certifications import services
from workforce.models import CECategory, CEEntry, CEStatus
from workforce.uploads import evidence_response


class CEEntrySerializer(serializers.ModelSerializer):
    """CE hours someone earned, and where HR's review stands."""

    person_name = serializers.CharField(source="person.chosen_name", read_only=True)
    ce_category = serializers.ChoiceField(
        source="category", choices=CECategory.choices, read_only=True
    )
    review_status = serializers.ChoiceField(
        source="status", choices=CEStatus.choices, read_only=True
    )
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = CEEntry
        fields = [
            "id",
            "person",
            "person_name",
            "earned_on",
            "hours",
            "ce_category",
            "title",
            "provider",
            "source",
            "review_status",
            "decline_reason",
            "completion",
            "module",
            "has_evidence",
            "added_by",
            "reviewed_by",
            "reviewed_at",
            "created_at",
        ]
        read_only_fields = fields

    def get_has_evidence(self, entry: CEEntry) -> bool:
        return bool(entry.evidence)


class CEEntryAddSerializer(serializers.ModelSerializer):
    """An outside course's CE hours, optionally with its certificate: yours (HR approves it),
    or anyone's in the organization if you are HR or an org admin (approved at once)."""

    person = ScopedPersonField(
        required=False, allow_null=True, default=None, help_text="Left out: yourself."
    )
    ce_category = serializers.ChoiceField(
        choices=CECategory.choices, required=False, default=CECategory.GENERAL
    )
    evidence = serializers.FileField(required=False, allow_empty_file=True, help_text=EVIDENCE_HELP)

    class Meta:
        model = CEEntry
        fields = ["person", "title", "provider", "earned_on", "hours", "ce_category", "evidence"]
        extra_kwargs = {"earned_on": {"required": True}}


class CEEntryReviewSerializer(serializers.Serializer):
    """Approve an outside entry, or decline it with a reason its holder will read."""

    approve = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class CEQuery(serializers.Serializer):
    person = query.object_id()
    status = query.choice(CEStatus.choices)


class CEEntryViewSet(
    UploadParsersMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet
):
    """CE entries of the people you may see, newest first."""

    serializer_class = CEEntrySerializer
    upload_actions = ("create",)
    query_serializer_class = CEQuery
    queryset = CEEntry.objects.none()  # for the schema only

    tenant_field = "organization_id"

    def scoped_queryset(self):
        items = certification_access.ce_entries_visible_to(self.request.user)
        if (person := self.query.get("person")) is not None:
            items = items.filter(person_id=person)
        if value := self.query.get("status"):
            items = items.filter(status=value)
        return items.select_related("person").order_by("-earned_on", "-id")

    def _answer(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        return Response(CEEntrySerializer(self.scoped_queryset().get(pk=pk)).data, status=code)

    @extend_schema(
        request={"multipart/form-data": CEEntryAddSerializer},
        responses={201: CEEntrySerializer},
    )
    def create(self, request: Request) -> Response:
        """Add an outside course's CE hours."""
        holder_for_write(request)
        serializer = CEEntryAddSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        entry = services.ce_entry_add(
            actor=request.user,
            person=data["person"] or access.require_profile(request.user),
            title=data["title"],
            provider=data.get("provider", ""),
            earned_on=data["earned_on"],
            hours=data["hours"],
            category=data["ce_category"],
            evidence=data.get("evidence"),
        )
        return self._answer(entry.pk, status.HTTP_201_CREATED)

    @extend_schema(request=CEEntryReviewSerializer, responses=CEEntrySerializer)
    @action(detail=True, methods=["post"])
    def review(self, request: Request, pk: str | None = None) -> Response:
        """Approve or decline an outside entry (HR and org admins)."""
        if not certification_access.can_manage_certifications(request.user):
            raise exceptions.NotFound
        entry = self.get_object()
        serializer = CEEntryReviewSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.ce_entry_review(
            actor=request.user,
            entry=entry,
            approve=serializer.validated_data["approve"],
            reason=serializer.validated_data["reason"],
        )
        return self._answer(entry.pk)

    @extend_schema(responses={(200, media): BINARY for media in EVIDENCE_TYPES})
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, FileRenderer])
    def evidence(self, request: Request, pk: str | None = None) -> HttpResponse:
        """An outside course's certificate: only its holder, HR and org admins."""
        entry = certification_access.get_ce_evidence(request.user, pk)
        extension = entry.evidence.name.rsplit(".", 1)[-1]
        return evidence_response(
            entry.evidence,
            content_type=entry.evidence_type,
            download_name=f"ce-evidence-{entry.pk}.{extension}",
        )
