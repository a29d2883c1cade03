import base64
import hashlib
import json

from django.db import migrations, models

FIELDS = (
    "mood",
    "mood_tags",
    "habits",
    "warning_signs",
    "note",
    "pain_ratings",
    "feedings",
    "exercises",
)


def version_existing_days(apps, schema_editor):
    # A frozen copy of tracker.models.content_version as it was when the field was added: a
    # migration must not change meaning when the model's code changes later.
    DayLog = apps.get_model("tracker", "DayLog")
    batch = []
    for day in DayLog.objects.order_by("pk").iterator(chunk_size=500):
        canonical = json.dumps(
            [getattr(day, field) for field in FIELDS],
            separators=(",", ":"),
            ensure_ascii=False,
            sort_keys=True,
        )
        digest = hashlib.sha256(canonical.encode()).digest()[:16]
        day.version = base64.urlsafe_b64encode(digest).decode().rstrip("=")
        batch.append(day)
        if len(batch) == 500:
            DayLog.objects.bulk_update(batch, ["version"])
            batch = []
    DayLog.objects.bulk_update(batch, ["version"])


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0004_profile_visit_questions"),
    ]

    operations = [
        migrations.AddField(
            model_name="daylog",
            name="version",
            field=models.CharField(default="", editable=False, max_length=22),
            preserve_default=False,
        ),
        migrations.RunPython(version_existing_days, migrations.RunPython.noop),
    ]
