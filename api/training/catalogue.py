"""The organization's training catalogue: modules, which org admins create, change, archive
and delete, and everyone in the organization reads. A learner's actions on a module come
from `learning`."""

from __future__ import annotations

from django.db.models import Count
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
)
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from api import query
from api.training.fields import ROLES_HELP
from api.training.learning import ModuleLearningActions
from api.viewsets import ScopedGenericViewSet
from workforce.models import Role, TrainingModule
from workforce.training import access as training_access
from workforce.training import catalogue
from workforce.training.catalogue import MODULE_FIELDS


@extend_schema_field(serializers.ListField(child=serializers.CharField(), help_text="Role values."))
class RequiredForField(serializers.ListField):
    """The roles that must take a module, read from its (prefetched) requirements."""

    def get_attribute(self, module: TrainingModule) -> list[str]:
        return sorted(r.role for r in module.requirements.all())


class TrainingModuleSerializer(serializers.ModelSerializer):
    """A catalogue entry. Org admins create and change them; everyone in the organization
    reads them."""

    required_for = RequiredForField(
        child=serializers.CharField(max_length=16),
        required=False,
        max_length=len(Role.values),
        help_text="Everyone with these roles is assigned the module, new people automatically. "
        + ROLES_HELP
        + " Left out of a change, the roles stay as they are.",
    )
    has_knowledge_check = serializers.BooleanField(read_only=True)
    section_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = TrainingModule
        fields = [
            "id",
            *MODULE_FIELDS,
            "required_for",
            "has_knowledge_check",
            "section_count",
            "archived_at",
            "updated_at",
        ]
        read_only_fields = ["id", "has_knowledge_check", "section_count", "archived_at"]


class ModuleQuery(serializers.Serializer):
    include_archived = query.flag(help_text="Org admins: archived modules too.")


class TrainingModuleViewSet(
    ModuleLearningActions, mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet
):
    """The organization's training catalogue, and a learner's way through in-app modules."""

    serializer_class = TrainingModuleSerializer
    query_serializer_class = ModuleQuery
    queryset = TrainingModule.objects.none()  # for the schema only; rows come from scoped_queryset

    tenant_field = "organization_id"

    def scoped_queryset(self):
        modules = training_access.modules_visible_to(self.request.user)
        if self.action == "list" and not (
            self.query.get("include_archived")
            and training_access.can_manage_catalogue(self.request.user)
        ):
            modules = modules.filter(archived_at__isnull=True)
        return (
            modules.annotate(section_count=Count("sections"))
            .prefetch_related("requirements")
            .order_by("title", "id")
        )

    def _admin_module(self) -> TrainingModule:
        if not training_access.can_manage_catalogue(self.request.user):
            raise exceptions.NotFound
        return self.get_object()

    def _answer(self, pk: int, code: int = status.HTTP_200_OK) -> Response:
        module = self.scoped_queryset().get(pk=pk)
        return Response(TrainingModuleSerializer(module).data, status=code)

    def _save(self, request: Request, module: TrainingModule | None, partial: bool) -> Response:
        serializer = TrainingModuleSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        roles = data.pop("required_for", None)
        if roles is None:
            roles = [r.role for r in module.requirements.all()] if module else []
        saved = catalogue.module_save(
            actor=request.user, data=data, required_for=roles, module=module
        )
        return self._answer(saved.pk, status.HTTP_201_CREATED if module is None else 200)

    @extend_schema(responses={201: TrainingModuleSerializer})
    def create(self, request: Request) -> Response:
        """Add a module to the catalogue (org admins)."""
        if not training_access.can_manage_catalogue(request.user):
            raise exceptions.NotFound
        return self._save(request, None, partial=False)

    def update(self, request: Request, pk: str | None = None) -> Response:
        """Change a module (org admins)."""
        return self._save(request, self._admin_module(), partial=False)

    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        """Change some of a module's fields (org admins)."""
        return self._save(request, self._admin_module(), partial=True)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str | None = None) -> Response:
        """Delete a module nobody has completed (org admins); otherwise archive it."""
        catalogue.module_delete(actor=request.user, module=self._admin_module())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=TrainingModuleSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request: Request, pk: str | None = None) -> Response:
        """Take a module out of the catalogue; records and open assignments stay."""
        module = self._admin_module()
        catalogue.module_archive(actor=request.user, module=module, archived=True)
        return self._answer(module.pk)

    @extend_schema(request=None, responses=TrainingModuleSerializer)
    @action(detail=True, methods=["post"])
    def restore(self, request: Request, pk: str | None = None) -> Response:
        """Bring an archived module back into the catalogue."""
        module = self._admin_module()
        catalogue.module_archive(actor=request.user, module=module, archived=False)
        return self._answer(module.pk)
