"""Training assignments through the API: who is asked (or chose) to take which module, and
assigning a module to people, a role or everyone."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
)
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from api import query
from api.training.fields import ROLES_HELP, ScopedModuleField
from api.viewsets import ScopedGenericViewSet
from workforce import access
from workforce.models import Assignment, Role, TrainingStatus
from workforce.training import access as training_access
from workforce.training import assignments
from workforce.training.selectors import assignment_status_q


class TrainingAssignmentSerializer(serializers.ModelSerializer):
    """A module someone is asked (or chose) to take."""

    person_name = serializers.CharField(source="person.chosen_name", read_only=True)
    module_title = serializers.CharField(source="module.title", read_only=True)
    status = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = [
            "id",
            "person",
            "person_name",
            "module",
            "module_title",
            "due_on",
            "source",
            "assigned_by",
            "started_at",
            "completion",
            "status",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(
        serializers.ChoiceField(choices=[*TrainingStatus.values, "due_date_passed"])
    )
    def get_status(self, assignment: Assignment) -> str:
        """Overdue is for managers and HR; the learner's own reads "due date passed"."""
        status = assignment.status(self.context["today"])
        request = self.context.get("request")
        own = request is not None and assignment.person.user_id == request.user.pk
        return "due_date_passed" if own and status == TrainingStatus.OVERDUE else status


class TrainingAssignSerializer(serializers.Serializer):
    """Assign a module to chosen people, to everyone with a role, or to everyone: exactly
    one of `people`, `role` and `everyone`."""

    module = ScopedModuleField()
    due_on = serializers.DateField(required=False, allow_null=True, default=None)
    people = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list, max_length=10000
    )
    role = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=16, help_text=ROLES_HELP
    )
    everyone = serializers.BooleanField(required=False, default=False)

    def validate_role(self, role: str) -> str:
        if role and role not in Role.values:
            raise serializers.ValidationError(_("Choose a role from the list."))
        return role


class TrainingAssignResultSerializer(serializers.Serializer):
    """How many people were assigned the module."""

    created = serializers.IntegerField()
    already = serializers.IntegerField(help_text="Already had it open: left as it was.")


class AssignmentQuery(serializers.Serializer):
    person = query.object_id()
    module = query.object_id()
    status = query.choice(TrainingStatus.choices)


class TrainingAssignmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet
):
    """Training assignments of the people you may see, due first."""

    serializer_class = TrainingAssignmentSerializer
    query_serializer_class = AssignmentQuery
    queryset = Assignment.objects.none()  # for the schema only

    tenant_field = "organization_id"

    def scoped_queryset(self):
        items = training_access.assignments_visible_to(self.request.user)
        if (person := self.query.get("person")) is not None:
            items = items.filter(person_id=person)
        if (module := self.query.get("module")) is not None:
            items = items.filter(module_id=module)
        if value := self.query.get("status"):
            items = items.filter(
                assignment_status_q(
                    status=value, today=access.organization_today(self.request.user)
                )
            )
        return items.select_related("person", "module").order_by("due_on", "id")

    def get_serializer_context(self) -> dict:
        today = access.organization_today(self.request.user)
        return {**super().get_serializer_context(), "today": today}

    @extend_schema(
        request=TrainingAssignSerializer, responses={201: TrainingAssignResultSerializer}
    )
    def create(self, request: Request) -> Response:
        """Assign a module (program managers, HR, org admins)."""
        if not training_access.can_assign_training(request.user):
            raise exceptions.NotFound
        serializer = TrainingAssignSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        result = assignments.assignments_create(
            actor=request.user,
            module=data["module"],
            due_on=data["due_on"],
            people=data["people"],
            role=data["role"],
            everyone=data["everyone"],
        )
        body = {"created": result.created, "already": result.already}
        return Response(TrainingAssignResultSerializer(body).data, status=status.HTTP_201_CREATED)
