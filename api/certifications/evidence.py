"""Certification evidence files through the API: the file behind a certification (the
credential, a renewal letter), validated by content and stored privately. Only its holder, HR
and org admins open it; supervisors and program managers read the certification, never the
file, and for anyone else it does not exist."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from api.certifications.fields import EVIDENCE_HELP
from api.training.renderers import FileRenderer
from workforce.certifications import access as certification_access
from workforce.models import Certification, CertificationEvidence
from workforce.uploads import evidence_response

BINARY = OpenApiTypes.BINARY
EVIDENCE_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/webp")


class CertificationEvidenceSerializer(serializers.ModelSerializer):
    """A file backing a certification; `download` opens it (holder, HR, org admins)."""

    download = serializers.SerializerMethodField()

    class Meta:
        model = CertificationEvidence
        fields = ["id", "description", "content_type", "uploaded_by", "uploaded_at", "download"]
        read_only_fields = fields

    def get_download(self, evidence: CertificationEvidence) -> str:
        return reverse("api-certification-evidence", kwargs={"pk": evidence.pk})


class CertificationEvidenceAddSerializer(serializers.Serializer):
    """A file backing a certification (the credential, a renewal letter)."""

    file = serializers.FileField(allow_empty_file=True, help_text=EVIDENCE_HELP)
    description = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200
    )


def files_open_to(user: object, certification: Certification) -> list[CertificationEvidence]:
    """The certification's (prefetched) files the caller may open, as the access policy's
    getter decides: its holder, HR and org admins; nobody else. One query per file, on one
    certification's page."""
    return [e for e in certification.evidence.all() if _opens(user, e.pk)]


def _opens(user: object, pk: int) -> bool:
    """Whether the access policy lets the caller open this file."""
    try:
        certification_access.get_certification_evidence(user, pk)
    except Http404:
        return False
    return True


class CertificationEvidenceView(APIView):
    """A certification's evidence file: only its holder, HR and org admins; for anyone else it
    does not exist."""

    renderer_classes = [JSONRenderer, FileRenderer]

    @extend_schema(responses={(200, media): BINARY for media in EVIDENCE_TYPES})
    def get(self, request: Request, pk: int) -> HttpResponse:
        evidence = certification_access.get_certification_evidence(request.user, pk)
        extension = evidence.file.name.rsplit(".", 1)[-1]
        return evidence_response(
            evidence.file,
            content_type=evidence.content_type,
            download_name=f"certification-evidence-{evidence.pk}.{extension}",
        )
