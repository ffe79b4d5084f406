from django.db import migrations, models

import groups.models


def fill_refs(apps, schema_editor):
    """Each existing report gets its own random reference (a callable default gives one to all)."""
    SafetyReport = apps.get_model("groups", "SafetyReport")
    for report in SafetyReport.objects.filter(ref__isnull=True).only("pk"):
        SafetyReport.objects.filter(pk=report.pk).update(ref=groups.models.new_report_ref())


class Migration(migrations.Migration):
    dependencies = [("groups", "0006_report_readers")]

    operations = [
        migrations.AddField(
            model_name="safetyreport",
            name="ref",
            field=models.CharField(max_length=24, null=True),
        ),
        migrations.RunPython(fill_refs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="safetyreport",
            name="ref",
            field=models.CharField(
                default=groups.models.new_report_ref, max_length=24, unique=True
            ),
        ),
    ]
