"""What a learner (or an org admin) sees of an in-app module: its sections, its knowledge-check
questions and where the learner is in it. Serializers only; the actions are in `learning`."""

from __future__ import annotations

from rest_framework import serializers

from workforce.models import Choice, ModuleSection, Question
from workforce.training import content


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
