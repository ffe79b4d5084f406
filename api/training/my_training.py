"""The learner's own record through the API: open items, completions, and modules to take."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.training.catalogue import TrainingModuleSerializer
from api.training.records import TrainingCompletionSerializer
from workforce import access
from workforce.models import Assignment, TrainingStatus
from workforce.training import selectors

# The learner's own words for where they are: "overdue" is for managers and HR.
LEARNER_STATUS = [
    (TrainingStatus.NOT_STARTED.value, TrainingStatus.NOT_STARTED.label),
    (TrainingStatus.IN_PROGRESS.value, TrainingStatus.IN_PROGRESS.label),
    ("due_date_passed", _("Due date passed — you can still complete it")),
]


class LearnerStatusField(serializers.ChoiceField):
    def to_representation(self, value: str) -> str:
        return "due_date_passed" if value == TrainingStatus.OVERDUE else value


class MyTrainingItemSerializer(serializers.ModelSerializer):
    """Something you're asked (or chose) to do."""

    module_title = serializers.CharField(source="module.title", read_only=True)
    format = serializers.CharField(source="module.format", read_only=True)
    status = LearnerStatusField(source="state", choices=LEARNER_STATUS, read_only=True)
    sections_done = serializers.IntegerField(source="done", read_only=True)
    sections_total = serializers.IntegerField(source="total", read_only=True)

    class Meta:
        model = Assignment
        fields = [
            "id",
            "module",
            "module_title",
            "format",
            "due_on",
            "status",
            "started_at",
            "sections_done",
            "sections_total",
        ]
        read_only_fields = fields


class MyTrainingSerializer(serializers.Serializer):
    """What you're asked to do (due first), what you've completed, what else you can take."""

    open = MyTrainingItemSerializer(many=True)
    completions = TrainingCompletionSerializer(many=True)
    available = TrainingModuleSerializer(many=True)


class MyTrainingView(APIView):
    """Your own training: open items, completions and modules you could take."""

    @extend_schema(responses=MyTrainingSerializer)
    def get(self, request: Request) -> Response:
        mine = selectors.my_training(
            person=access.require_profile(request.user),
            today=access.organization_today(request.user),
        )
        body = {
            "open": mine.open_items,
            "completions": mine.completions.select_related("person"),
            "available": mine.available.annotate(section_count=Count("sections"))
            .prefetch_related("requirements")
            .order_by("title", "id"),
        }
        return Response(MyTrainingSerializer(body).data)
