"""Certification types: the credentials an organization tracks and their renewal rules. HR and
org admins add, change and archive them (or install presets from a board's published rules);
everyone in the organization reads them."""

from __future__ import annotations

from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
)
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from api import query
from api.certifications.fields import CATEGORIES_HELP
from api.training.fields import ROLES_HELP
from api.viewsets import ScopedGenericViewSet
from workforce.certifications import access as certification_access
from workforce.certifications import services
from workforce.certifications.presets import PRESETS
from workforce.models import CertificationType, Role

HOURS = {"max_digits": 6, "decimal_places": 2}


@extend_schema_field(serializers.ListField(child=serializers.CharField(), help_text=ROLES_HELP))
class TypeRequiredForField(serializers.ListField):
    """The roles that must hold a type, read from its (prefetched) requirements."""

    def get_attribute(self, type: CertificationType) -> list[str]:
        return sorted(r.role for r in type.requirements.all())


@extend_schema_field(
    serializers.DictField(child=serializers.DecimalField(**HOURS), help_text=CATEGORIES_HELP)
)
class MinimumsField(serializers.DictField):
    """CE category → the hours of a cycle that must be in it, read from the (prefetched)
    category minimums."""

    def get_attribute(self, type: CertificationType) -> dict[str, object]:
        return {m.category: m.hours for m in type.category_minimums.all()}


class CertificationTypeSerializer(serializers.ModelSerializer):
    """A credential the organization tracks, with its renewal rules. HR and org admins create
    and change them; everyone in the organization reads them."""

    milestones = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=730),
        required=False,
        max_length=20,
        help_text="Reminder days before expiry, e.g. [90, 60, 30, 7, 0] (0 is the expiry day). "
        "The earliest also marks “expiring soon”.",
    )
    required_for = TypeRequiredForField(
        child=serializers.CharField(max_length=16),
        required=False,
        max_length=len(Role.values),
        help_text="Everyone with these roles must hold it. "
        + ROLES_HELP
        + " Left out of a change, the roles stay as they are.",
    )
    minimums = MinimumsField(
        child=serializers.DecimalField(**HOURS, min_value=0),
        required=False,
        help_text="Of the cycle's CE hours, at least this many in a category, e.g. "
        '{"ethics": "6"}. '
        + CATEGORIES_HELP
        + " Left out of a change, the minimums stay as they are.",
    )

    class Meta:
        model = CertificationType
        fields = [
            "id",
            *services.TYPE_FIELDS,
            "required_for",
            "minimums",
            "preset_key",
            "archived_at",
            "created_at",
        ]
        read_only_fields = ["id", "preset_key", "archived_at", "created_at"]


class CertificationPresetSerializer(serializers.Serializer):
    """A starting point from a board's published rules. Boards change their rules: check the
    current handbook, and edit the type once installed."""

    key = serializers.CharField()
    name = serializers.CharField()
    issuing_body = serializers.CharField()
    validity_months = serializers.IntegerField(allow_null=True)
    ce_hours_required = serializers.DecimalField(**HOURS)
    supervised_hours_required = serializers.DecimalField(**HOURS)
    renewal_window_days = serializers.IntegerField(allow_null=True)
    provisional_months = serializers.IntegerField(allow_null=True)
    provisional_supervised_hours = serializers.DecimalField(**HOURS, allow_null=True)
    minimums = serializers.DictField(
        child=serializers.DecimalField(**HOURS), help_text=CATEGORIES_HELP
    )
    required_for = serializers.ListField(child=serializers.CharField(), help_text=ROLES_HELP)
    installed = serializers.BooleanField(
        help_text="The organization already has a type by this name."
    )


class CertificationPresetInstallSerializer(serializers.Serializer):
    """Presets to add, by key; those the organization already has (by name) are left alone."""

    keys = serializers.ListField(
        child=serializers.ChoiceField(choices=[p["key"] for p in PRESETS]),
        allow_empty=False,
        max_length=len(PRESETS),
    )


class CertificationPresetInstallResultSerializer(serializers.Serializer):
    """How many types were added."""

    added = serializers.IntegerField()


def _preset_body(preset: dict, installed: set[str]) -> dict:
    return {
        "validity_months": None,
        "renewal_window_days": None,
        "provisional_months": None,
        "provisional_supervised_hours": None,
        **preset,
        "installed": preset["name"] in installed,
    }


class CertificationTypeQuery(serializers.Serializer):
    include_archived = query.flag(help_text="HR and org admins: archived types too.")


class CertificationTypeViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet
):
    """The certification types the organization tracks, by name."""

    serializer_class = CertificationTypeSerializer
    query_serializer_class = CertificationTypeQuery
    queryset = CertificationType.objects.none()  # for the schema only

    tenant_field = "organization_id"

    def scoped_queryset(self):
        types = certification_access.certification_types_visible_to(self.request.user)
        if self.action == "list" and not (
            self.query.get("include_archived")
            and certification_access.can_manage_certifications(self.request.user)
        ):
            types = types.filter(archived_at__isnull=True)
        return types.prefetch_related("requirements", "category_minimums").order_by("name", "id")

    def _managed_type(self) -> CertificationType:
        if not certification_access.can_manage_certifications(self.request.user):
            raise exceptions.NotFound
        return self.get_object()

    def _answer(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        type = self.scoped_queryset().get(pk=pk)
        return Response(CertificationTypeSerializer(type).data, status=code)

    def _save(self, request: Request, type: CertificationType | None, partial: bool) -> Response:
        serializer = CertificationTypeSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        roles = data.pop("required_for", None)
        if roles is None:  # left out: kept
            roles = [r.role for r in type.requirements.all()] if type else []
        minimums = data.pop("minimums", None)
        if minimums is None:  # left out: kept (the service reads None as "none")
            minimums = {m.category: m.hours for m in type.category_minimums.all()} if type else {}
        saved = services.certification_type_save(
            actor=request.user, data=data, required_for=roles, minimums=minimums, type=type
        )
        return self._answer(saved.pk, status.HTTP_201_CREATED if type is None else 200)

    @extend_schema(responses={201: CertificationTypeSerializer})
    def create(self, request: Request) -> Response:
        """Add a type (HR and org admins)."""
        if not certification_access.can_manage_certifications(request.user):
            raise exceptions.NotFound
        return self._save(request, None, partial=False)

    def update(self, request: Request, pk: str | None = None) -> Response:
        """Change a type (HR and org admins); its holders' "expiring soon" dates follow."""
        return self._save(request, self._managed_type(), partial=False)

    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        """Change some of a type's fields (HR and org admins)."""
        return self._save(request, self._managed_type(), partial=True)

    @extend_schema(request=None, responses=CertificationTypeSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request: Request, pk: str | None = None) -> Response:
        """Stop offering a type; the certifications people hold of it stay."""
        type = self._managed_type()
        services.certification_type_archive(actor=request.user, type=type, archived=True)
        return self._answer(type.pk)

    @extend_schema(request=None, responses=CertificationTypeSerializer)
    @action(detail=True, methods=["post"])
    def restore(self, request: Request, pk: str | None = None) -> Response:
        """Offer an archived type again."""
        type = self._managed_type()
        services.certification_type_archive(actor=request.user, type=type, archived=False)
        return self._answer(type.pk)

    @extend_schema(
        methods=["GET"],
        request=None,
        responses=CertificationPresetSerializer(many=True),
    )
    @extend_schema(
        methods=["POST"],
        request=CertificationPresetInstallSerializer,
        responses={201: CertificationPresetInstallResultSerializer},
    )
    @action(detail=False, methods=["get", "post"], pagination_class=None)
    def presets(self, request: Request) -> Response:
        """Starting points for common peer-work credentials, and installing them (HR and org
        admins)."""
        if not certification_access.can_manage_certifications(request.user):
            raise exceptions.NotFound
        if request.method == "POST":
            serializer = CertificationPresetInstallSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            added = services.certification_presets_install(
                actor=request.user, keys=serializer.validated_data["keys"]
            )
            body = CertificationPresetInstallResultSerializer({"added": added}).data
            return Response(body, status=status.HTTP_201_CREATED)
        installed = set(
            certification_access.certification_types_visible_to(request.user).values_list(
                "name", flat=True
            )
        )
        body = [_preset_body(preset, installed) for preset in PRESETS]
        return Response(CertificationPresetSerializer(body, many=True).data)
