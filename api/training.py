"""Training through the API: the catalogue, assignments, a learner's way through a module,
completions with their certificates and evidence, and the team views.

A thin layer over workforce.training, calling the same services and selectors as the pages;
workforce.access decides who sees what. Reflections are only ever the caller's own: no
endpoint or field returns anyone else's.
"""

from __future__ import annotations

import json
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.pagination import StandardPagination
from api.viewsets import ScopedGenericViewSet
from workforce import access
from workforce.models import (
    Assignment,
    Choice,
    Completion,
    ModuleSection,
    Question,
    Role,
    TrainingModule,
    TrainingStatus,
)
from workforce.training import (
    assignments,
    catalogue,
    certificates,
    content,
    learning,
    matrix,
    records,
    selectors,
)
from workforce.training.catalogue import MODULE_FIELDS
from workforce.uploads import evidence_response

ROLES_HELP = "Roles: " + ", ".join(Role.values) + "."
BINARY = OpenApiTypes.BINARY
EVIDENCE_TYPES = ("application/pdf", "image/jpeg", "image/png", "image/webp")


def _flag(request: Request, name: str) -> bool:
    return request.query_params.get(name, "") in {"1", "true"}


def _id_param(request: Request, name: str) -> int | None:
    value = request.query_params.get(name, "")
    return int(value) if value.isdigit() else None


class FileRenderer(BaseRenderer):
    """Lets a client ask for a file by its type. The view answers with the file itself; an
    error (a 404, say) still comes back as JSON."""

    media_type = "*/*"
    format = "file"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if isinstance(data, bytes):
            return data
        response = (renderer_context or {}).get("response")
        if response is not None:
            response["Content-Type"] = "application/json"
        return json.dumps(data).encode()


class PDFRenderer(FileRenderer):
    """Lets a client ask for a PDF by its type."""

    media_type = "application/pdf"
    format = "pdf"


@extend_schema_field(OpenApiTypes.INT)
class ScopedModuleField(serializers.PrimaryKeyRelatedField):
    """A module of the caller's organization, by id; any other id is "does not exist"."""

    def get_queryset(self) -> QuerySet[TrainingModule]:
        request = self.context.get("request")
        if request is None:
            return TrainingModule.objects.none()
        return access.modules_visible_to(request.user)


# --- the catalogue ---------------------------------------------------------------------------


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


class LearnerChoiceSerializer(serializers.ModelSerializer):
    """An answer to choose. Whether it is the right one is never shown to learners."""

    class Meta:
        model = Choice
        fields = ["id", "position", "text"]
        read_only_fields = fields


class LearnerQuestionSerializer(serializers.ModelSerializer):
    """A knowledge-check question with its answers."""

    choices = LearnerChoiceSerializer(many=True, read_only=True)

    class Meta:
        model = Question
        fields = ["id", "position", "text", "choices"]
        read_only_fields = fields


class LearnerSectionSerializer(serializers.ModelSerializer):
    """One section of an in-app module; its content note comes before it."""

    html = serializers.SerializerMethodField(help_text="The content, rendered and sanitized.")

    class Meta:
        model = ModuleSection
        fields = ["id", "position", "title", "content_note", "html"]
        read_only_fields = fields

    def get_html(self, section: ModuleSection) -> str:
        return str(content.render(section.body))


class TrainingSectionDoneSerializer(serializers.Serializer):
    """A section you have finished."""

    position = serializers.IntegerField()
    skipped = serializers.BooleanField(help_text="Skipped after its content note: counts as done.")


class TrainingProgressSerializer(serializers.Serializer):
    """Where you are in a module: sections done (read or skipped), what's left, the knowledge
    check, and the completion once there is one."""

    assignment = serializers.IntegerField()
    due_on = serializers.DateField(allow_null=True)
    started_at = serializers.DateTimeField(allow_null=True)
    sections_done = TrainingSectionDoneSerializer(many=True)
    sections_left = serializers.ListField(
        child=serializers.IntegerField(), help_text="Positions of the sections still to do."
    )
    check_passed = serializers.BooleanField(help_text="True too when there is no check.")
    completion = serializers.IntegerField(allow_null=True)


class LearnerModuleContentSerializer(serializers.Serializer):
    """An in-app module's sections and questions, as a learner sees them."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    pass_mark = serializers.IntegerField(allow_null=True)
    reflection_prompt = serializers.CharField(allow_blank=True)
    sections = LearnerSectionSerializer(many=True)
    questions = LearnerQuestionSerializer(many=True)
    progress = TrainingProgressSerializer(allow_null=True, help_text="Your open assignment.")


# Org admins edit the module, so they also see the Markdown, the explanations and which
# answers are right. The schema documents this (fuller) shape; learners get the one above.


class TrainingChoiceSerializer(LearnerChoiceSerializer):
    """An answer; org admins also see whether it is right."""

    correct = serializers.BooleanField(required=False, help_text="Org admins only.")

    class Meta(LearnerChoiceSerializer.Meta):
        fields = [*LearnerChoiceSerializer.Meta.fields, "correct"]
        read_only_fields = LearnerChoiceSerializer.Meta.fields


class TrainingQuestionSerializer(LearnerQuestionSerializer):
    """A knowledge-check question; org admins also see its explanation."""

    explanation = serializers.CharField(required=False, help_text="Org admins only.")
    choices = TrainingChoiceSerializer(many=True, read_only=True)

    class Meta(LearnerQuestionSerializer.Meta):
        fields = [*LearnerQuestionSerializer.Meta.fields, "explanation"]
        read_only_fields = LearnerQuestionSerializer.Meta.fields


class TrainingSectionSerializer(LearnerSectionSerializer):
    """A section; org admins also get its Markdown."""

    body = serializers.CharField(required=False, help_text="The Markdown. Org admins only.")

    class Meta(LearnerSectionSerializer.Meta):
        fields = [*LearnerSectionSerializer.Meta.fields, "body"]
        read_only_fields = LearnerSectionSerializer.Meta.fields


class TrainingModuleContentSerializer(LearnerModuleContentSerializer):
    """An in-app module's sections and knowledge-check questions."""

    sections = TrainingSectionSerializer(many=True)
    questions = TrainingQuestionSerializer(many=True)


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


def _progress(assignment: Assignment) -> dict:
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


def _open_assignment(request: Request, module: TrainingModule) -> Assignment:
    assignment = learning.learning_assignment(actor=request.user, module=module)
    if assignment is None:
        raise exceptions.ValidationError({"non_field_errors": [_("Start the module first.")]})
    return assignment


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter(
                "include_archived", bool, description="Org admins: archived modules too."
            )
        ]
    )
)
class TrainingModuleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet):
    """The organization's training catalogue, and a learner's way through in-app modules."""

    serializer_class = TrainingModuleSerializer
    queryset = TrainingModule.objects.none()  # for the schema only; rows come from scoped_queryset

    def scoped_queryset(self):
        modules = access.modules_visible_to(self.request.user)
        if self.action == "list" and not (
            _flag(self.request, "include_archived")
            and access.can_manage_catalogue(self.request.user)
        ):
            modules = modules.filter(archived_at__isnull=True)
        return (
            modules.annotate(section_count=Count("sections"))
            .prefetch_related("requirements")
            .order_by("title", "id")
        )

    def _admin_module(self) -> TrainingModule:
        if not access.can_manage_catalogue(self.request.user):
            raise exceptions.NotFound
        return self.get_object()

    def _learner_module(self) -> TrainingModule:
        module = self.get_object()
        if not module.is_in_app:
            raise exceptions.NotFound
        return module

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
        if not access.can_manage_catalogue(request.user):
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

    @extend_schema(responses=TrainingModuleContentSerializer)
    @action(detail=True, methods=["get"])
    def content(self, request: Request, pk: str | None = None) -> Response:
        """An in-app module's sections and questions, with your progress. Only org admins see
        the Markdown, the explanations and which answers are right."""
        module = self.get_object()
        admin = access.can_manage_catalogue(request.user)
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
            "progress": _progress(assignment) if assignment else None,
        }
        serializer = TrainingModuleContentSerializer if admin else LearnerModuleContentSerializer
        return Response(serializer(body).data)

    @extend_schema(request=None, responses=TrainingProgressSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request: Request, pk: str | None = None) -> Response:
        """Start (or carry on with) an in-app module; one not assigned to you is added as
        your own choice."""
        assignment = learning.module_start(actor=request.user, module=self._learner_module())
        return Response(TrainingProgressSerializer(_progress(assignment)).data)

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
        assignment = _open_assignment(request, module)
        section = ModuleSection.objects.filter(module=module, position=position).first()
        if section is None:
            raise exceptions.NotFound
        learning.section_finish(
            actor=request.user,
            assignment=assignment,
            section=section,
            skipped=serializer.validated_data["skipped"],
        )
        return Response(TrainingProgressSerializer(_progress(assignment)).data)

    @extend_schema(request=TrainingCheckSerializer, responses=TrainingCheckResultSerializer)
    @action(detail=True, methods=["post"], url_path="check")
    def knowledge_check(self, request: Request, pk: str | None = None) -> Response:
        """Take the knowledge check."""
        module = self._learner_module()
        serializer = TrainingCheckSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assignment = _open_assignment(request, module)
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
        module = self._learner_module()
        if not module.reflection_prompt:
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


# --- assignments ------------------------------------------------------------------------------


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

    @extend_schema_field(serializers.ChoiceField(choices=TrainingStatus.choices))
    def get_status(self, assignment: Assignment) -> str:
        return assignment.status(self.context["today"])


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


def _status_filter(value: str, today: date) -> Q:
    """Assignment.status(today), in SQL."""
    if value == TrainingStatus.COMPLETED:
        return Q(completion__isnull=False)
    open_ = Q(completion__isnull=True)
    if value == TrainingStatus.OVERDUE:
        return open_ & Q(due_on__lt=today)
    open_ &= Q(due_on__isnull=True) | Q(due_on__gte=today)
    return open_ & Q(started_at__isnull=value == TrainingStatus.NOT_STARTED)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("person", int),
            OpenApiParameter("module", int),
            OpenApiParameter("status", str, enum=TrainingStatus.values),
        ]
    )
)
class TrainingAssignmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet
):
    """Training assignments of the people you may see, due first."""

    serializer_class = TrainingAssignmentSerializer
    queryset = Assignment.objects.none()  # for the schema only

    def scoped_queryset(self):
        items = access.assignments_visible_to(self.request.user)
        if (person := _id_param(self.request, "person")) is not None:
            items = items.filter(person_id=person)
        if (module := _id_param(self.request, "module")) is not None:
            items = items.filter(module_id=module)
        if (value := self.request.query_params.get("status", "")) in TrainingStatus.values:
            items = items.filter(_status_filter(value, timezone.localdate()))
        return items.select_related("person", "module").order_by("due_on", "id")

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    @extend_schema(
        request=TrainingAssignSerializer, responses={201: TrainingAssignResultSerializer}
    )
    def create(self, request: Request) -> Response:
        """Assign a module (program managers, HR, org admins)."""
        if not access.can_assign_training(request.user):
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


# --- completions, certificates, evidence ------------------------------------------------------


class TrainingCompletionSerializer(serializers.ModelSerializer):
    """A finished module, with what its certificate says."""

    person_name = serializers.CharField(source="person.chosen_name", read_only=True)
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = Completion
        fields = [
            "id",
            "person",
            "person_name",
            "module",
            "module_title",
            "completed_on",
            "ce_hours",
            "source",
            "name_on_certificate",
            "verification_code",
            "has_evidence",
            "created_at",
        ]
        read_only_fields = fields

    def get_has_evidence(self, completion: Completion) -> bool:
        return bool(completion.evidence)


class TrainingCompletionRecordSerializer(serializers.Serializer):
    """Record an external course or live session you finished. An external course needs
    its certificate (a PDF or a photo, up to 10 MB)."""

    module = ScopedModuleField()
    completed_on = serializers.DateField()
    evidence = serializers.FileField(required=False, allow_empty_file=True)


class TrainingAttendanceSerializer(serializers.Serializer):
    """Who attended a live session or a course taken together, optionally with the signed
    attendance sheet."""

    module = ScopedModuleField()
    completed_on = serializers.DateField()
    people = serializers.ListField(child=serializers.IntegerField(), max_length=10000)
    evidence = serializers.FileField(required=False, allow_empty_file=True)


class TrainingAttendanceResultSerializer(serializers.Serializer):
    """How many completions were recorded."""

    recorded = serializers.IntegerField()
    already = serializers.IntegerField(help_text="Already recorded for that date.")


@extend_schema_view(
    list=extend_schema(
        parameters=[OpenApiParameter("person", int), OpenApiParameter("module", int)]
    )
)
class TrainingCompletionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet
):
    """Completed training of the people you may see, newest first."""

    serializer_class = TrainingCompletionSerializer
    queryset = Completion.objects.none()  # for the schema only

    def scoped_queryset(self):
        items = access.completions_visible_to(self.request.user)
        if (person := _id_param(self.request, "person")) is not None:
            items = items.filter(person_id=person)
        if (module := _id_param(self.request, "module")) is not None:
            items = items.filter(module_id=module)
        return items.select_related("person").order_by("-completed_on", "-id")

    @extend_schema(
        request={"multipart/form-data": TrainingCompletionRecordSerializer},
        responses={201: TrainingCompletionSerializer},
    )
    def create(self, request: Request) -> Response:
        """Record a course you took outside PeerWell; its CE hours wait for HR."""
        serializer = TrainingCompletionRecordSerializer(
            data=request.data, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        completion = records.completion_record(
            actor=request.user,
            module=data["module"],
            completed_on=data["completed_on"],
            evidence=data.get("evidence"),
        )
        return Response(
            TrainingCompletionSerializer(completion).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(responses={(200, "application/pdf"): BINARY})
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, PDFRenderer])
    def certificate(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The completion certificate (PDF)."""
        completion = access.get_completion(request.user, pk)
        response = HttpResponse(certificates.certificate_pdf(completion), "application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="certificate-{completion.verification_code}.pdf"'
        )
        return response

    @extend_schema(responses={(200, media): BINARY for media in EVIDENCE_TYPES})
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, FileRenderer])
    def evidence(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The certificate or attendance sheet behind a recorded completion: only its holder,
        HR and org admins."""
        completion = access.get_completion_evidence(request.user, pk)
        extension = completion.evidence.name.rsplit(".", 1)[-1]
        return evidence_response(
            completion.evidence,
            content_type=completion.evidence_type,
            download_name=f"evidence-{completion.verification_code}.{extension}",
        )


class TrainingAttendanceView(APIView):
    """HR and org admins record a group's attendance at a live session or a course."""

    @extend_schema(
        request={"multipart/form-data": TrainingAttendanceSerializer},
        responses={201: TrainingAttendanceResultSerializer},
    )
    def post(self, request: Request) -> Response:
        if not access.has_role(request.user, *records.RECORDERS):
            raise exceptions.NotFound
        serializer = TrainingAttendanceSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        result = records.attendance_record(
            actor=request.user,
            module=data["module"],
            completed_on=data["completed_on"],
            people=data["people"],
            evidence=data.get("evidence"),
        )
        body = {"recorded": result.recorded, "already": result.already}
        return Response(
            TrainingAttendanceResultSerializer(body).data, status=status.HTTP_201_CREATED
        )


# --- the learner's own record ----------------------------------------------------------------


class MyTrainingItemSerializer(serializers.ModelSerializer):
    """Something you're asked (or chose) to do."""

    module_title = serializers.CharField(source="module.title", read_only=True)
    format = serializers.CharField(source="module.format", read_only=True)
    status = serializers.ChoiceField(source="state", choices=TrainingStatus.choices, read_only=True)
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
            person=access.require_profile(request.user), today=timezone.localdate()
        )
        body = {
            "open": mine.open_items,
            "completions": mine.completions.select_related("person"),
            "available": mine.available.annotate(section_count=Count("sections"))
            .prefetch_related("requirements")
            .order_by("title", "id"),
        }
        return Response(MyTrainingSerializer(body).data)


# --- the team views: the matrix and the overdue list -----------------------------------------


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


class TrainingMatrixView(APIView):
    """People × the modules their roles require, each cell with its status: managers, HR and
    org admins see everyone, supervisors their supervisees."""

    @extend_schema(
        parameters=[
            OpenApiParameter("role", str, enum=Role.values),
            OpenApiParameter("status", str, enum=list(matrix.STATUS_FILTERS)),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses=TrainingMatrixSerializer,
    )
    def get(self, request: Request) -> Response:
        if not access.can_view_training_matrix(request.user):
            raise exceptions.NotFound
        today = timezone.localdate()
        role = request.query_params.get("role", "")
        people = matrix.matrix_people(
            user=request.user, today=today, role=role, status=request.query_params.get("status", "")
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


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("role", str, enum=Role.values),
            OpenApiParameter("module", int),
        ]
    )
)
class TrainingOverdueViewSet(mixins.ListModelMixin, ScopedGenericViewSet):
    """Assignments past their due date, oldest first (managers, HR, org admins; supervisors
    for their supervisees)."""

    serializer_class = TrainingOverdueSerializer
    queryset = Assignment.objects.none()  # for the schema only

    def scoped_queryset(self):
        if not access.can_view_training_matrix(self.request.user):
            raise exceptions.NotFound
        return matrix.overdue_assignments(
            user=self.request.user,
            today=timezone.localdate(),
            role=self.request.query_params.get("role", ""),
            module=self.request.query_params.get("module", ""),
        )

    def get_serializer_context(self) -> dict:
        return {**super().get_serializer_context(), "today": timezone.localdate()}
