"""HR's views of certifications: the roster (each person's current cycle of each credential,
with status and CE readiness computed in SQL) and who is missing a credential their role
requires. For HR, org admins and program managers."""

from __future__ import annotations

from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
)
from rest_framework import exceptions, mixins, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from api import query
from api.certifications.fields import CATEGORIES_HELP
from api.certifications.held import STATUS_HELP
from api.pagination import PageQuery, StandardPagination
from api.viewsets import ScopedGenericViewSet
from workforce import access
from workforce.certifications import access as certification_access
from workforce.certifications import selectors
from workforce.models import CECategory, Certification, CertificationStatus, Role

HOURS = {"max_digits": 8, "decimal_places": 2}


@extend_schema_field(
    serializers.DictField(child=serializers.DecimalField(**HOURS), help_text=CATEGORIES_HELP)
)
class CEByCategoryField(serializers.DictField):
    """The cycle's counted CE hours per category, from the roster's annotations."""

    def get_attribute(self, row: Certification) -> dict[str, object]:
        return {category: getattr(row, f"ce_{category}") for category in CECategory.values}


class CertificationRosterSerializer(serializers.ModelSerializer):
    """Someone's current cycle of a credential, with where its renewal stands."""

    person_name = serializers.CharField(source="person.chosen_name", read_only=True)
    type_name = serializers.CharField(source="type.name", read_only=True)
    certification_status = serializers.ChoiceField(
        source="state", choices=CertificationStatus.choices, read_only=True, help_text=STATUS_HELP
    )
    days_left = serializers.SerializerMethodField(
        help_text="Days to expiry; null if it never expires."
    )
    ce_earned = serializers.DecimalField(
        **HOURS, read_only=True, help_text="CE hours counted in this cycle."
    )
    ce_required = serializers.DecimalField(source="type.ce_hours_required", **HOURS, read_only=True)
    ce_by_category = CEByCategoryField(child=serializers.DecimalField(**HOURS), read_only=True)
    readiness = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        read_only=True,
        help_text="Percent of the cycle's CE hours earned (100 when none are required).",
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
            "ce_earned",
            "ce_required",
            "ce_by_category",
            "readiness",
        ]
        read_only_fields = fields

    def get_days_left(self, row: Certification) -> int | None:
        if row.expires_on is None:
            return None
        return (row.expires_on - self.context["today"]).days


class RosterQuery(serializers.Serializer):
    role = query.choice(Role.choices)
    status = query.choice(CertificationStatus.choices)
    type = query.object_id()
    expiring_within = query.Integer(
        required=False, default=None, min_value=0, max_value=3650, help_text="Days from today."
    )
    sort = query.Choice(choices=list(selectors.SORTS), required=False, default="expiry")


class CertificationRosterViewSet(mixins.ListModelMixin, ScopedGenericViewSet):
    """Each person's current cycle of each credential, for people still working here: HR,
    org admins and program managers."""

    serializer_class = CertificationRosterSerializer
    query_serializer_class = RosterQuery
    queryset = Certification.objects.none()  # for the schema only

    tenant_field = "organization_id"

    def scoped_queryset(self):
        if not certification_access.can_view_roster(self.request.user):
            raise exceptions.NotFound
        params = self.query
        return selectors.roster(
            user=self.request.user,
            today=access.organization_today(self.request.user),
            role=params.get("role", ""),
            status=params.get("status", ""),
            type=str(params.get("type") or ""),
            expiring_within=params.get("expiring_within"),
            sort=params.get("sort", "expiry"),
        )

    def paginate_queryset(self, queryset):
        """The page's ids first, then only those rows with their CE sub-queries (OFFSET
        would compute them for every row it skips: selectors.roster_page)."""
        ids = super().paginate_queryset(queryset.values_list("pk", flat=True))
        if ids is None:
            return None
        by_id = {row.pk: row for row in queryset.filter(pk__in=list(ids))}
        return [by_id[pk] for pk in ids]

    def get_serializer_context(self) -> dict:
        today = access.organization_today(self.request.user)
        return {**super().get_serializer_context(), "today": today}


class CertificationMissingSerializer(serializers.Serializer):
    """Someone whose role requires a credential they hold no valid, verified cycle of."""

    person = serializers.IntegerField(source="person.pk")
    person_name = serializers.CharField(source="person.chosen_name")
    type = serializers.IntegerField(source="type.pk")
    type_name = serializers.CharField(source="type.name")
    lapsed = serializers.IntegerField(
        source="lapsed.pk",
        allow_null=True,
        help_text="Their latest cycle (expired, revoked, or waiting for HR to verify it); "
        "null if they never held it.",
    )
    lapsed_status = serializers.CharField(
        source="state",
        help_text="That cycle's status today (`expired`, `revoked`, `pending`); empty if "
        "they never held it.",
    )


class CertificationMissingPageSerializer(serializers.Serializer):
    """A page of people missing a required credential."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CertificationMissingSerializer(many=True)


class MissingQuery(PageQuery):
    role = query.choice(Role.choices)


class CertificationMissingView(query.QueryAPIView):
    """People missing a credential their role requires, by credential then name: HR, org
    admins and program managers."""

    query_serializer_class = MissingQuery

    @extend_schema(responses=CertificationMissingPageSerializer)
    def get(self, request: Request) -> Response:
        if not certification_access.can_view_roster(request.user):
            raise exceptions.NotFound
        missing = selectors.missing_required(
            user=request.user,
            today=access.organization_today(request.user),
            role=self.query["role"],
        )
        paginator = StandardPagination()
        page = paginator.paginate_queryset(missing, request, view=self)
        body = {
            "count": paginator.page.paginator.count,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": page,
        }
        return Response(CertificationMissingPageSerializer(body).data)
