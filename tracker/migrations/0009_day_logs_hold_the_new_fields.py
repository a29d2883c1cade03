import base64
import hashlib
import json

from django.db import migrations

# The day's fields as they are from this migration on: DAY_FIELDS with the medicines, the
# night's sleep and how much pain got in the way.
FIELDS = (
    "mood",
    "mood_tags",
    "habits",
    "warning_signs",
    "note",
    "pain_ratings",
    "feedings",
    "exercises",
    "medicines",
    "sleep_hours",
    "sleep_quality",
    "pain_interference",
)
BATCH = 500


def content_version(day) -> str:
    # A frozen copy of tracker.models.content_version as it is now: a migration must not
    # change meaning when the model's code changes later.
    canonical = json.dumps(
        [getattr(day, field) for field in FIELDS],
        separators=(",", ":"),
        ensure_ascii=False,
        sort_keys=True,
    )
    digest = hashlib.sha256(canonical.encode()).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def fill_new_fields(apps, schema_editor):
    """Every stored day as a new one would be stored: each pain rating says which leg
    symptoms it had (none), and the version covers the new fields, so ETags stay coherent."""
    DayLog = apps.get_model("tracker", "DayLog")
    batch = []
    for day in DayLog.objects.order_by("pk").iterator(chunk_size=BATCH):
        day.pain_ratings = [
            {**rating, "leg_symptoms": rating.get("leg_symptoms", [])}
            for rating in day.pain_ratings
        ]
        day.version = content_version(day)
        batch.append(day)
        if len(batch) == BATCH:
            DayLog.objects.bulk_update(batch, ["pain_ratings", "version"])
            batch = []
    DayLog.objects.bulk_update(batch, ["pain_ratings", "version"])


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0008_what_a_doctor_asks"),
    ]

    operations = [
        migrations.RunPython(fill_new_fields, migrations.RunPython.noop),
    ]
