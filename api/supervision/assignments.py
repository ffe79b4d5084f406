"""Who supervises whom through the API, with the supervision expected (the cadence).
Program managers and org admins write; others read the assignments they are in."""

from __future__ import annotations

from rest_framework import exceptions, mixins, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from api.certifications.fields import ScopedPersonField
from api.viewsets import ScopedGenericViewSet
from supervision import access as supervision_access
from supervision.assignments import assignment_save
from supervision.models import SupervisorAssignment

WRITABLE = (
    "supervisor",
    "specialist",
    "kind",
    "starts_on",
    "ends_on",
    "cadence_kind",
    "cadence_minutes",
    "cadence_every",
    "cadence_unit",
)


class SupervisorAssignmentSerializer(serializers.ModelSerializer):
    """A supervisor and a specialist, from when to when, with the expected cadence."""

    supervisor = ScopedPersonField()
    specialist = ScopedPersonField()
    supervisor_name = serializers.CharField(source="supervisor.chosen_name", read_only=True)
    specialist_name = serializers.CharField(source="specialist.chosen_name", read_only=True)
    cadence_days = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The cadence in days (a month is 30)."
    )

    class Meta:
        model = SupervisorAssignment
        fields = [
            "id",
            "supervisor",
            "supervisor_name",
            "specialist",
            "specialist_name",
            "kind",
            "starts_on",
            "ends_on",
            "cadence_kind",
            "cadence_minutes",
            "cadence_every",
            "cadence_unit",
            "cadence_days",
        ]
        extra_kwargs = {"starts_on": {"required": False}}


class SupervisorAssignmentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedGenericViewSet,
):
    """Supervision assignments you may see: all of them for managers, HR and admins; the
    ones you are in otherwise."""

    serializer_class = SupervisorAssignmentSerializer
    queryset = SupervisorAssignment.objects.none()  # for the schema only

    tenant_field = "organization_id"

    def scoped_queryset(self):
        return (
            supervision_access.supervisor_assignments_visible_to(self.request.user)
            .select_related("supervisor", "specialist")
            .order_by("specialist__chosen_name", "kind", "-starts_on", "id")
        )

    def _save(self, request: Request, assignment=None, *, partial=False, code=200) -> Response:
        if not supervision_access.can_manage_supervision(request.user):
            raise exceptions.NotFound
        serializer = self.get_serializer(assignment, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        values = {name: getattr(assignment, name) for name in WRITABLE} if assignment else {}
        values.update(
            (name, value) for name, value in serializer.validated_data.items() if name in WRITABLE
        )
        saved = assignment_save(actor=request.user, assignment=assignment, **values)
        return Response(self.get_serializer(saved).data, status=code)

    def create(self, request: Request) -> Response:
        """Assign a supervisor (managers and org admins)."""
        return self._save(request, code=status.HTTP_201_CREATED)

    def update(self, request: Request, pk: str | None = None, partial: bool = False) -> Response:
        """Change dates or cadence (managers and org admins)."""
        return self._save(request, self.get_object(), partial=partial)
