"""A learner's way through an in-app module: its content, starting it, finishing sections,
the knowledge check and the private reflection. `ModuleLearningActions` adds these actions to
the catalogue's module viewset."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from api.training.content import (
    LearnerModuleContentSerializer,
    TrainingModuleContentSerializer,
    TrainingProgressSerializer,
)
from workforce.models import Assignment, Choice, ModuleSection, TrainingModule
from workforce.training import access as training_access
from workforce.training import learning


class TrainingSectionFinishSerializer(serializers.Serializer):
    """Mark a section read, or skipped after its content note (that still counts as done)."""

    skipped = serializers.BooleanField(required=False, default=False)


class TrainingCheckSerializer(serializers.Serializer):
    """One attempt: every question answered with one of its choices. Retake as often as you
    like."""

    answers = serializers.DictField(
        child=serializers.IntegerField(), help_text="Question id → the id of the chosen answer."
    )

    def validate_answers(self, answers: dict) -> dict[int, int]:
        if not all(str(key).isdigit() for key in answers):
            raise serializers.ValidationError(_("Use question ids as keys."))
        return {int(key): value for key, value in answers.items()}


class TrainingExplanationSerializer(serializers.Serializer):
    """What a question was getting at, shown after an attempt."""

    question = serializers.IntegerField()
    explanation = serializers.CharField()


class TrainingCheckResultSerializer(serializers.Serializer):
    """Your score. Which answers were right is not said; the explanations help another try."""

    score = serializers.IntegerField(help_text="Percent.")
    passed = serializers.BooleanField()
    pass_mark = serializers.IntegerField()
    completion = serializers.IntegerField(allow_null=True)
    explanations = TrainingExplanationSerializer(many=True)


class TrainingReflectionSerializer(serializers.Serializer):
    """Your private reflection on a module. Only you can ever read it."""

    prompt = serializers.CharField(read_only=True)
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True)


def progress_body(assignment: Assignment) -> dict:
    """Where the learner is in the assignment's module, for TrainingProgressSerializer."""
    # Read afresh: finishing the last step closes the assignment in another query.
    assignment = Assignment.objects.select_related("module").get(pk=assignment.pk)
    positions = dict(assignment.module.sections.values_list("pk", "position"))
    done = dict(assignment.progress.values_list("section_id", "skipped"))
    left = learning.remaining_steps(assignment)
    return {
        "assignment": assignment.pk,
        "due_on": assignment.due_on,
        "started_at": assignment.started_at,
        "sections_done": sorted(
            (
                {"position": positions[pk], "skipped": skipped}
                for pk, skipped in done.items()
                if pk in positions
            ),
            key=lambda row: row["position"],
        ),
        "sections_left": sorted(positions[pk] for pk in left["sections"]),
        "check_passed": left["check_passed"],
        "completion": assignment.completion_id,
    }


def open_assignment(request: Request, module: TrainingModule) -> Assignment:
    """The caller's open assignment for the module; not started yet is a 400."""
    assignment = learning.learning_assignment(actor=request.user, module=module)
    if assignment is None:
        raise exceptions.ValidationError({"non_field_errors": [_("Start the module first.")]})
    return assignment


class ModuleLearningActions:
    """The module viewset's actions for taking an in-app module; needs `get_object()`."""

    def _learner_module(self) -> TrainingModule:
        module = self.get_object()
        if not module.is_in_app:
            raise exceptions.NotFound
        return module

    @extend_schema(responses=TrainingModuleContentSerializer)
    @action(detail=True, methods=["get"])
    def content(self, request: Request, pk: str | None = None) -> Response:
        """An in-app module's sections and questions, with your progress. Only org admins see
        the Markdown, the explanations and which answers are right."""
        module = self.get_object()
        admin = training_access.can_manage_catalogue(request.user)
        assignment = learning.learning_assignment(actor=request.user, module=module)
        if not admin and (not module.is_in_app or (module.archived_at and assignment is None)):
            raise exceptions.NotFound
        body = {
            "id": module.pk,
            "title": module.title,
            "pass_mark": module.pass_mark,
            "reflection_prompt": module.reflection_prompt,
            "sections": module.sections.order_by("position"),
            "questions": module.questions.order_by("position").prefetch_related(
                Prefetch("choices", queryset=Choice.objects.order_by("position"))
            ),
            "progress": progress_body(assignment) if assignment else None,
        }
        serializer = TrainingModuleContentSerializer if admin else LearnerModuleContentSerializer
        return Response(serializer(body).data)

    @extend_schema(request=None, responses=TrainingProgressSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk: str | None = None) -> Response:
        """Start (or carry on with) an in-app module; one not assigned to you is added as
        your own choice."""
        assignment = learning.module_start(actor=request.user, module=self._learner_module())
        return Response(TrainingProgressSerializer(progress_body(assignment)).data)

    @extend_schema(
        request=TrainingSectionFinishSerializer,
        responses=TrainingProgressSerializer,
        parameters=[OpenApiParameter("position", int, OpenApiParameter.PATH)],
    )
    @action(
        detail=True,
        methods=["post"],
        url_path=r"sections/(?P<position>[0-9]+)/finish",
        url_name="section-finish",
    )
    def finish_section(
        self, request: Request, pk: str | None = None, position: str | None = None
    ) -> Response:
        """Mark a section read or skipped; the module completes when nothing is left."""
        module = self._learner_module()
        serializer = TrainingSectionFinishSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assignment = open_assignment(request, module)
        section = ModuleSection.objects.filter(module=module, position=position).first()
        if section is None:
            raise exceptions.NotFound
        learning.section_finish(
            actor=request.user,
            assignment=assignment,
            section=section,
            skipped=serializer.validated_data["skipped"],
        )
        return Response(TrainingProgressSerializer(progress_body(assignment)).data)

    @extend_schema(request=TrainingCheckSerializer, responses=TrainingCheckResultSerializer)
    @action(detail=True, methods=["post"], url_path="check")
    def knowledge_check(self, request: Request, pk: str | None = None) -> Response:
        """Take the knowledge check."""
        module = self._learner_module()
        serializer = TrainingCheckSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assignment = open_assignment(request, module)
        attempt = learning.knowledge_check_submit(
            actor=request.user, assignment=assignment, answers=serializer.validated_data["answers"]
        )
        completion = Assignment.objects.values_list("completion_id", flat=True).get(
            pk=assignment.pk
        )
        explanations = [
            {"question": q.pk, "explanation": q.explanation}
            for q in module.questions.order_by("position")
            if q.explanation
        ]
        body = {
            "score": attempt.score,
            "passed": attempt.passed,
            "pass_mark": module.pass_mark,
            "completion": completion,
            "explanations": explanations,
        }
        return Response(TrainingCheckResultSerializer(body).data)

    @extend_schema(methods=["GET"], responses=TrainingReflectionSerializer)
    @extend_schema(
        methods=["PUT"],
        request=TrainingReflectionSerializer,
        responses=TrainingReflectionSerializer,
    )
    @action(detail=True, methods=["get", "put"])
    def reflection(self, request: Request, pk: str | None = None) -> Response:
        """Your own private reflection on the module (never anyone else's)."""
        module = training_access.get_module(request.user, pk)
        if not learning.reflection_open(actor=request.user, module=module):
            raise exceptions.NotFound
        if request.method == "PUT":
            serializer = TrainingReflectionSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            mine = learning.reflection_save(
                actor=request.user, module=module, text=serializer.validated_data["text"]
            )
        else:
            mine = learning.reflection_get(actor=request.user, module=module)
        body = {
            "prompt": module.reflection_prompt,
            "text": mine.text if mine else "",
            "updated_at": mine.updated_at if mine else None,
        }
        response = Response(TrainingReflectionSerializer(body).data)
        response["Cache-Control"] = "no-store, private"
        return response
