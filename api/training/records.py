"""Completions through the API: the record of finished training, a course taken outside
PeerWell, a group's attendance, and the certificate and evidence behind a completion."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api import query
from api.parsers import UploadParsersMixin
from api.training.fields import ScopedModuleField
from api.training.renderers import FileRenderer, PDFRenderer
from api.viewsets import ScopedGenericViewSet
from workforce import access
from workforce.models import Completion, CompletionSource
from workforce.training import access as training_access
from workforce.training import certificates, records
from workforce.uploads import evidence_response

BINARY = OpenApiTypes.BINARY
EVIDENCE_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/webp")


class TrainingCompletionSerializer(serializers.ModelSerializer):
    """A finished module, with what its certificate says."""

    person_name = serializers.CharField(source="person.chosen_name", read_only=True)
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = Completion
        fields = [
            "id",
            "person",
            "person_name",
            "module",
            "module_title",
            "completed_on",
            "ce_hours",
            "source",
            "name_on_certificate",
            "verification_code",
            "has_evidence",
            "created_at",
        ]
        read_only_fields = fields

    def get_has_evidence(self, completion: Completion) -> bool:
        return bool(completion.evidence)


class TrainingCompletionRecordSerializer(serializers.Serializer):
    """Record an external course or live session you finished. An external course needs
    its certificate (a PDF or a photo, up to 10 MB)."""

    module = ScopedModuleField()
    completed_on = serializers.DateField()
    evidence = serializers.FileField(required=False, allow_empty_file=True)


class TrainingAttendanceSerializer(serializers.Serializer):
    """Who attended a live session or a course taken together, optionally with the signed
    attendance sheet."""

    module = ScopedModuleField()
    completed_on = serializers.DateField()
    people = serializers.ListField(child=serializers.IntegerField(), max_length=10000)
    evidence = serializers.FileField(required=False, allow_empty_file=True)


class TrainingAttendanceResultSerializer(serializers.Serializer):
    """How many completions were recorded."""

    recorded = serializers.IntegerField()
    already = serializers.IntegerField(help_text="Already recorded for that date.")


class CompletionQuery(serializers.Serializer):
    person = query.object_id()
    module = query.object_id()


class TrainingCompletionViewSet(
    UploadParsersMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet
):
    """Completed training of the people you may see, newest first."""

    serializer_class = TrainingCompletionSerializer
    upload_actions = ("create",)
    query_serializer_class = CompletionQuery
    queryset = Completion.objects.none()  # for the schema only

    tenant_field = "organization_id"

    def scoped_queryset(self):
        items = training_access.completions_visible_to(self.request.user)
        if (person := self.query.get("person")) is not None:
            items = items.filter(person_id=person)
        if (module := self.query.get("module")) is not None:
            items = items.filter(module_id=module)
        return items.select_related("person").order_by("-completed_on", "-id")

    @extend_schema(
        request={"multipart/form-data": TrainingCompletionRecordSerializer},
        responses={201: TrainingCompletionSerializer},
    )
    def create(self, request: Request) -> Response:
        """Record a course you took outside PeerWell; its CE hours wait for HR."""
        serializer = TrainingCompletionRecordSerializer(
            data=request.data, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        completion = records.completion_record(
            actor=request.user,
            module=data["module"],
            completed_on=data["completed_on"],
            evidence=data.get("evidence"),
        )
        return Response(
            TrainingCompletionSerializer(completion).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(responses={(200, "application/pdf"): BINARY})
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, PDFRenderer])
    def certificate(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The completion certificate (PDF)."""
        completion = training_access.get_completion(request.user, pk)
        if completion.source == CompletionSource.SELF_REPORTED:
            raise exceptions.NotFound  # its certificate is the one the learner uploaded
        response = HttpResponse(certificates.certificate_pdf(completion), "application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="certificate-{completion.verification_code}.pdf"'
        )
        return response

    @extend_schema(responses={(200, media): BINARY for media in EVIDENCE_TYPES})
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, FileRenderer])
    def evidence(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The certificate or attendance sheet behind a recorded completion: only its holder,
        HR and org admins."""
        completion = training_access.get_completion_evidence(request.user, pk)
        extension = completion.evidence.name.rsplit(".", 1)[-1]
        return evidence_response(
            completion.evidence,
            content_type=completion.evidence_type,
            download_name=f"evidence-{completion.verification_code}.{extension}",
        )


class TrainingAttendanceView(APIView):
    """HR and org admins record a group's attendance at a live session or a course."""

    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": TrainingAttendanceSerializer},
        responses={201: TrainingAttendanceResultSerializer},
    )
    def post(self, request: Request) -> Response:
        if not access.has_role(request.user, *records.RECORDERS):
            raise exceptions.NotFound
        serializer = TrainingAttendanceSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        result = records.attendance_record(
            actor=request.user,
            module=data["module"],
            completed_on=data["completed_on"],
            people=data["people"],
            evidence=data.get("evidence"),
        )
        body = {"recorded": result.recorded, "already": result.already}
        return Response(
            TrainingAttendanceResultSerializer(body).data, status=status.HTTP_201_CREATED
        )
