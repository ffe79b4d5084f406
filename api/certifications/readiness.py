"""A certification cycle's renewal readiness through the API: CE hours earned against what its
type requires, in total and per category, and supervised hours from signed supervision
sessions, with "at this pace" dates. Computed by
workforce.certifications.readiness; read-only."""

from __future__ import annotations

from datetime import date

from rest_framework import serializers

from workforce.certifications.readiness import readiness
from workforce.models import Certification


class CertificationRequirementSerializer(serializers.Serializer):
    """One thing a renewal needs: hours earned in this cycle against those required."""

    label = serializers.CharField(
        help_text="`ce` for the cycle's CE hours, `supervised` for its supervised hours "
        "(from signed supervision sessions), `peer_service` for its hours of peer service "
        "(from group meetings the person facilitated); otherwise the CE category of a minimum."
    )
    earned = serializers.DecimalField(max_digits=8, decimal_places=2)
    required = serializers.DecimalField(max_digits=8, decimal_places=2)
    missing = serializers.DecimalField(max_digits=8, decimal_places=2)
    met = serializers.BooleanField()
    percent = serializers.IntegerField()
    projected_on = serializers.DateField(
        allow_null=True,
        help_text="When it will be met at the pace so far; null if met, too early to say, or "
        "no hours yet.",
    )


class CertificationReadinessSerializer(serializers.Serializer):
    """Where the cycle stands for renewal."""

    ready = serializers.BooleanField()
    in_window = serializers.BooleanField(help_text="Within the type's renewal window.")
    requirements = CertificationRequirementSerializer(many=True)
    counted_entries = serializers.ListField(
        child=serializers.IntegerField(),
        help_text="The CE entries counted in this cycle (each course once), newest first.",
    )


def readiness_body(certification: Certification, today: date) -> dict:
    """Where the certification's cycle stands, for CertificationReadinessSerializer."""
    result = readiness(certification, today)
    body = {
        "ready": result.ready,
        "in_window": result.in_window,
        "requirements": [
            {
                "label": r.label,
                "earned": r.earned,
                "required": r.required,
                "missing": r.missing,
                "met": r.met,
                "percent": r.percent,
                "projected_on": r.projected_on,
            }
            for r in result.requirements
        ],
        "counted_entries": [entry.pk for entry in result.entries],
    }
    return CertificationReadinessSerializer(body).data
