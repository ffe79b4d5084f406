import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import groups.models


def fill_codes(apps, schema_editor):
    """Each existing group gets its own public code (a callable default gives one to all)."""
    SupportGroup = apps.get_model("groups", "SupportGroup")
    for group in SupportGroup.objects.filter(public_code__isnull=True).only("pk"):
        code = groups.models.new_public_code()
        while SupportGroup.objects.filter(public_code=code).exists():
            code = groups.models.new_public_code()
        SupportGroup.objects.filter(pk=group.pk).update(public_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0002_facilitation_index_covers_person"),
        ("workforce", "0007_peer_service_hours"),
    ]

    operations = [
        migrations.CreateModel(
            name="Finder",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "published",
                    models.BooleanField(default=False, verbose_name="publish the group finder"),
                ),
                (
                    "intro",
                    models.TextField(
                        blank=True,
                        validators=[django.core.validators.MaxLengthValidator(1000)],
                        verbose_name="a few words at the top",
                    ),
                ),
                (
                    "ask_contact",
                    models.CharField(
                        blank=True,
                        help_text="A phone number, a text line or an email address that staff answer.",
                        max_length=200,
                        verbose_name="how people ask for an address or a link",
                    ),
                ),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "organization",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="workforce.organization",
                    ),
                ),
            ],
        ),
        migrations.AddField(
            model_name="supportgroup",
            name="in_finder",
            field=models.BooleanField(
                default=False,
                help_text="Anyone can see it there, without an account: what it is, when, the area.",
                verbose_name="show it on the public group finder",
            ),
        ),
        migrations.AddField(
            model_name="supportgroup",
            name="show_agreement",
            field=models.BooleanField(
                default=False, verbose_name="show the group agreement on its public page"
            ),
        ),
        migrations.AddField(
            model_name="supportgroup",
            name="public_code",
            field=models.CharField(max_length=12, null=True),
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="supportgroup",
            name="public_code",
            field=models.CharField(
                default=groups.models.new_public_code, max_length=12, unique=True
            ),
        ),
    ]
