from decimal import Decimal

from django.db import migrations, models


def count_existing(apps, schema_editor):
    """Each cycle's CE hours as readiness counts them: approved entries dated within the
    cycle, each course once (its first entry in the cycle)."""
    Certification = apps.get_model("workforce", "Certification")
    CEEntry = apps.get_model("workforce", "CEEntry")
    for certification in Certification.objects.iterator():
        entries = CEEntry.objects.filter(
            person_id=certification.person_id,
            status="approved",
            earned_on__gte=certification.issued_on,
        ).order_by("earned_on", "id")
        if certification.expires_on is not None:
            entries = entries.filter(earned_on__lte=certification.expires_on)
        seen, total = set(), Decimal("0")
        for entry in entries:
            if entry.course_key and entry.course_key in seen:
                continue
            seen.add(entry.course_key)
            total += entry.hours
        if total:
            Certification.objects.filter(pk=certification.pk).update(ce_counted=total)


class Migration(migrations.Migration):
    dependencies = [
        ("workforce", "0004_certifications"),
    ]

    operations = [
        migrations.AddField(
            model_name="certification",
            name="ce_counted",
            field=models.DecimalField(
                decimal_places=2, default=Decimal("0"), editable=False, max_digits=8
            ),
        ),
        migrations.RunPython(count_existing, migrations.RunPython.noop),
    ]
