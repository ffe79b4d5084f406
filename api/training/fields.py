"""What the training API's serializers and viewsets share: a scoped module field, the roles
help text, and readers for query parameters."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request

from workforce.models import Role, TrainingModule
from workforce.training import access as training_access

ROLES_HELP = "Roles: " + ", ".join(Role.values) + "."


def flag_param(request: Request, name: str) -> bool:
    """Whether a query parameter is switched on (`1` or `true`)."""
    return request.query_params.get(name, "") in {"1", "true"}


def id_param(request: Request, name: str) -> int | None:
    """A query parameter as an id; anything but digits counts as left out."""
    value = request.query_params.get(name, "")
    return int(value) if value.isdigit() else None


@extend_schema_field(OpenApiTypes.INT)
class ScopedModuleField(serializers.PrimaryKeyRelatedField):
    """A module of the caller's organization, by id; any other id is "does not exist"."""

    def get_queryset(self) -> QuerySet[TrainingModule]:
        request = self.context.get("request")
        if request is None:
            return TrainingModule.objects.none()
        return training_access.modules_visible_to(request.user)
