"""Supervision figures through the API: compliance per person and per team (program
managers and org admins), signed hours per person (HR, managers, admins; no sessions, no
notes), and a person's attestation PDF."""

from __future__ import annotations

from datetime import timedelta

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from api import query
from api.pagination import PageQuery, StandardPagination
from supervision import access as supervision_access
from supervision import compliance
from supervision.attestation import attestation_pdf
from supervision.selectors import hours_of, signed_hours_by_person
from workforce import access


class PeriodQuery(serializers.Serializer):
    start = query.Date(required=False, help_text="First day (YYYY-MM-DD).")
    end = query.Date(required=False, help_text="Last day (YYYY-MM-DD).")


class ComplianceQuery(PeriodQuery):
    team = query.object_id(help_text="A primary supervisor's people.")
    overdue = query.flag()
    sort = query.Choice(choices=list(compliance.SORTS), required=False, default="overdue")


LONGEST_DAYS = 3660  # ten years: enough for any report, and no date arithmetic overflows


class PeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()

    def validate(self, data):
        if data["end"] < data["start"]:
            raise serializers.ValidationError({"end": _("The end can't be before the start.")})
        if (data["end"] - data["start"]).days >= LONGEST_DAYS:
            raise serializers.ValidationError({"end": _("Ask for ten years at most.")})
        return data


def _period(request: Request, params: dict, default_days: int) -> compliance.Period:
    today = compliance.organization_today(request.user)
    raw = {
        "start": params.get("start") or today - timedelta(days=default_days - 1),
        "end": params.get("end") or today,
    }
    serializer = PeriodSerializer(data=raw)
    serializer.is_valid(raise_exception=True)
    return compliance.Period(serializer.validated_data["start"], serializer.validated_data["end"])


class ComplianceRowSerializer(serializers.Serializer):
    """One person: supervision held in the period against their cadence."""

    person = serializers.IntegerField(source="person.pk")
    name = serializers.CharField(source="person.chosen_name")
    supervisors = serializers.ListField(child=serializers.CharField())
    cadence_days = serializers.IntegerField(allow_null=True)
    expected_minutes = serializers.IntegerField()
    held_sessions = serializers.IntegerField()
    held_minutes = serializers.IntegerField()
    previous_minutes = serializers.IntegerField(help_text="The same length of time before.")
    trend = serializers.ChoiceField(
        choices=["up", "down", "same", "new"],
        help_text="Against the period before; new: supervision wasn't yet expected of them "
        "for all of it, so there is nothing fair to compare with.",
    )
    percent = serializers.IntegerField(
        allow_null=True, help_text="Held ÷ expected minutes; null when nothing was expected."
    )
    well_above = serializers.BooleanField(
        help_text="Held more than one and a half times the expected minutes."
    )
    days_since = serializers.IntegerField(allow_null=True, help_text="Null: none held yet.")
    overdue = serializers.BooleanField()


class ComplianceTeamSerializer(serializers.Serializer):
    """One primary supervisor's people, summed."""

    supervisor = serializers.IntegerField(source="supervisor.pk")
    name = serializers.CharField(source="supervisor.chosen_name")
    people = serializers.IntegerField()
    overdue = serializers.IntegerField()
    held_minutes = serializers.IntegerField()
    expected_minutes = serializers.IntegerField()


def inline_page():
    return inline_serializer(
        "CompliancePage",
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "start": serializers.DateField(),
            "end": serializers.DateField(),
            "results": ComplianceRowSerializer(many=True),
            "teams": ComplianceTeamSerializer(many=True),
        },
    )


class ComplianceView(query.QueryAPIView):
    """Supervision compliance for the period (default: the last 28 days), a page of people
    and every team. Program managers and org admins."""

    query_serializer_class = ComplianceQuery

    @extend_schema(parameters=[PageQuery], responses=inline_page())
    def get(self, request: Request) -> Response:
        if not supervision_access.can_manage_supervision(request.user):
            raise exceptions.NotFound
        today = compliance.organization_today(request.user)
        period = _period(request, self.query, compliance.DEFAULT_DAYS)
        rows = compliance.people(
            user=request.user,
            period=period,
            today=today,
            team=str(self.query["team"] or ""),
            overdue_only=self.query["overdue"],
        ).order_by(*compliance.SORTS[self.query["sort"]])
        paginator = StandardPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        zone = access.require_profile(request.user).organization.timezone
        body = paginator.get_paginated_response(
            ComplianceRowSerializer(compliance.rows_for(page, today, zone, period), many=True).data
        ).data
        body["start"], body["end"] = period.start, period.end
        body["teams"] = ComplianceTeamSerializer(
            compliance.teams(user=request.user, period=period, today=today), many=True
        ).data
        return Response(body)


class HoursRowSerializer(serializers.Serializer):
    person = serializers.IntegerField(source="pk")
    name = serializers.CharField(source="chosen_name")
    signed_hours = serializers.DecimalField(max_digits=8, decimal_places=2, source="hours")


class SupervisedHoursView(query.QueryAPIView):
    """Signed supervised hours per peer specialist in the period (default: the last 365
    days): totals only. HR, program managers and org admins."""

    query_serializer_class = PeriodQuery
    pagination_class = StandardPagination  # documents the page parameters and the paged body

    @extend_schema(responses=HoursRowSerializer(many=True))
    def get(self, request: Request) -> Response:
        if not supervision_access.can_view_supervised_hours(request.user):
            raise exceptions.NotFound
        period = _period(request, self.query, 365)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(
            signed_hours_by_person(user=request.user, period=period), request, view=self
        )
        for person in page:
            person.hours = hours_of(person.minutes)
        return paginator.get_paginated_response(HoursRowSerializer(page, many=True).data)


class AttestationView(query.QueryAPIView):
    """A person's supervised-hours attestation for the period, as a PDF (no notes): the
    person, their supervisors, managers, HR and org admins."""

    query_serializer_class = PeriodQuery

    @extend_schema(responses={(200, "application/pdf"): bytes})
    def get(self, request: Request, pk: int) -> HttpResponse:
        person = access.get_person(request.user, pk)
        if not supervision_access.can_view_attestation(request.user, person):
            raise exceptions.NotFound
        period = _period(request, self.query, 365)
        pdf = attestation_pdf(person=person, start=period.start, end=period.end)
        response = HttpResponse(pdf, content_type="application/pdf")
        name = f"supervised-hours-{period.start}-{period.end}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "no-store, private"
        return response
