"""The team views through the API: the training matrix (people × the modules their roles
require) and the overdue list, for managers, HR, org admins and supervisors."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers
from rest_framework.request import Request
from rest_framework.response import Response

from api import query
from api.pagination import PageQuery, StandardPagination
from api.training.fields import ROLES_HELP
from api.viewsets import ScopedGenericViewSet
from workforce import access
from workforce.models import Assignment, Role, TrainingModule
from workforce.training import access as training_access
from workforce.training import matrix


class TrainingMatrixColumnSerializer(serializers.Serializer):
    """A module required for some role: a column of the matrix."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    required_for = serializers.ListField(child=serializers.CharField(), help_text=ROLES_HELP)


class TrainingMatrixCellSerializer(serializers.Serializer):
    """One person's status for one module."""

    module = serializers.IntegerField()
    state = serializers.ChoiceField(choices=list(matrix.Cell.LABELS.items()))
    label = serializers.CharField()
    due_on = serializers.DateField(allow_null=True)
    completed_on = serializers.DateField(allow_null=True)


class TrainingMatrixRowSerializer(serializers.Serializer):
    """One person and a cell per column."""

    person = serializers.IntegerField()
    name = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField(), help_text=ROLES_HELP)
    cells = TrainingMatrixCellSerializer(
        many=True, help_text="One per module, in the modules' order."
    )


class TrainingMatrixSerializer(serializers.Serializer):
    """A page of people × the modules their roles require."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    modules = TrainingMatrixColumnSerializer(many=True)
    results = TrainingMatrixRowSerializer(many=True)


def _matrix_body(rows: list[matrix.MatrixRow], modules: list[TrainingModule]) -> list[dict]:
    return [
        {
            "person": row.person.pk,
            "name": row.person.chosen_name,
            "roles": sorted(row.person.roles),
            "cells": [
                {
                    "module": module.pk,
                    "state": cell.state,
                    "label": cell.label,
                    "due_on": cell.due_on,
                    "completed_on": cell.completed_on,
                }
                for module, cell in zip(modules, row.cells, strict=True)
            ],
        }
        for row in rows
    ]


class MatrixQuery(PageQuery):
    role = query.choice(Role.choices)
    status = query.choice(list(matrix.STATUS_FILTERS))


class TrainingMatrixView(query.QueryAPIView):
    """People × the modules their roles require, each cell with its status: managers, HR and
    org admins see everyone, supervisors their supervisees."""

    query_serializer_class = MatrixQuery

    @extend_schema(responses=TrainingMatrixSerializer)
    def get(self, request: Request) -> Response:
        if not training_access.can_view_training_matrix(request.user):
            raise exceptions.NotFound
        today = access.organization_today(request.user)
        role = self.query["role"]
        people = matrix.matrix_people(
            user=request.user, today=today, role=role, status=self.query["status"]
        )
        paginator = StandardPagination()
        page = paginator.paginate_queryset(people, request, view=self)
        modules = matrix.matrix_columns(user=request.user, role=role)
        rows = matrix.matrix_rows(people=page, modules=modules, today=today)
        body = {
            "count": paginator.page.paginator.count,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "modules": [
                {
                    "id": m.pk,
                    "title": m.title,
                    "required_for": sorted(r.role for r in m.requirements.all()),
                }
                for m in modules
            ],
            "results": _matrix_body(rows, modules),
        }
        return Response(TrainingMatrixSerializer(body).data)


class TrainingOverdueSerializer(serializers.ModelSerializer):
    """An open assignment past its due date."""

    person_name = serializers.CharField(source="person.chosen_name", read_only=True)
    module_title = serializers.CharField(source="module.title", read_only=True)
    days_past_due = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = [
            "id",
            "person",
            "person_name",
            "module",
            "module_title",
            "due_on",
            "days_past_due",
            "started_at",
        ]
        read_only_fields = fields

    def get_days_past_due(self, assignment: Assignment) -> int:
        return (self.context["today"] - assignment.due_on).days


class OverdueQuery(serializers.Serializer):
    role = query.choice(Role.choices)
    module = query.object_id()


class TrainingOverdueViewSet(mixins.ListModelMixin, ScopedGenericViewSet):
    """Assignments past their due date, oldest first (managers, HR, org admins; supervisors
    for their supervisees)."""

    serializer_class = TrainingOverdueSerializer
    query_serializer_class = OverdueQuery
    queryset = Assignment.objects.none()  # for the schema only

    tenant_field = "organization_id"

    def scoped_queryset(self):
        if not training_access.can_view_training_matrix(self.request.user):
            raise exceptions.NotFound
        return matrix.overdue_assignments(
            user=self.request.user,
            today=access.organization_today(self.request.user),
            role=self.query["role"],
            module=str(self.query["module"] or ""),
        )

    def get_serializer_context(self) -> dict:
        today = access.organization_today(self.request.user)
        return {**super().get_serializer_context(), "today": today}
