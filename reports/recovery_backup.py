"""Her recovery's own documents in the backup (reports.backup): her function-score activities
(with their ids, so her weeks still name them), her rated weeks and her running checklist. Her
sessions and symptom checks travel with her days.

Loaded with the API's strict serializers, all checked before anything is written; the
account's own documents are replaced by the backup's, as her reminder settings are. A backup
made before these existed has none of the keys, and loads as one with none of them.
"""

from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from core.api_fields import StrictSerializerMixin
from habits.function_score import MAX_ACTIVITIES_KEPT
from reports.backup_errors import BackupError, flatten, listed
from tracker import documents
from tracker.models import User
from tracker.recovery_models import FunctionActivity, FunctionWeek, RunningReadiness
from tracker.recovery_serializers import (
    FunctionActivitySerializer,
    FunctionWeekSerializer,
    RunningReadinessSerializer,
)

ACTIVITIES, WEEKS, RUNNING = "function_activities", "function_weeks", "running_readiness"


class ActivityBackupSerializer(FunctionActivitySerializer):
    """An activity as the backup keeps it: with its id."""

    id = serializers.UUIDField()


class WeekBackupSerializer(StrictSerializerMixin, serializers.Serializer):
    unknown_field_message = _("This field is not part of a week's ratings.")

    week = serializers.DateField()
    scores = serializers.ListField()

    def validate_week(self, value: date) -> date:
        if value.weekday() != 0:
            raise serializers.ValidationError(_("Name a week by its Monday."))
        return value


def dump(user: User) -> dict[str, Any]:
    sheet = RunningReadiness.objects.filter(user=user).first()
    return {
        ACTIVITIES: [
            {"id": str(a.uid), **a.content} for a in FunctionActivity.objects.filter(user=user)
        ],
        WEEKS: [
            {"week": week.week.isoformat(), "scores": week.scores}
            for week in FunctionWeek.objects.filter(user=user).order_by("week")
        ],
        RUNNING: {"tests": sheet.tests} if sheet else None,
    }


def validate(data: dict) -> dict[str, Any]:
    """The backup's documents, as stored; raises BackupError naming every field at fault."""
    errors: dict[str, list[str]] = {}
    activities = []
    for index, item in enumerate(listed(data, ACTIVITIES, errors)[: MAX_ACTIVITIES_KEPT + 1]):
        serializer = ActivityBackupSerializer(data=item)
        if serializer.is_valid():
            if serializer.validated_data["id"] in {a["id"] for a in activities}:
                errors[f"{ACTIVITIES}[{index}].id"] = [_("This id appears twice.")]
            activities.append(serializer.validated_data)
        else:
            errors.update(flatten(f"{ACTIVITIES}[{index}]", serializer.errors))
    if len(listed(data, ACTIVITIES, {})) > MAX_ACTIVITIES_KEPT:
        errors[ACTIVITIES] = [_("You have named as many activities as can be kept.")]
    known = {activity["id"] for activity in activities}
    weeks = []
    for index, item in enumerate(listed(data, WEEKS, errors)):
        path = f"{WEEKS}[{index}]"
        shell = WeekBackupSerializer(data=item)
        if not shell.is_valid():
            errors.update(flatten(path, shell.errors))
            continue
        if shell.validated_data["week"] in {week["week"] for week in weeks}:
            errors[f"{path}.week"] = [_("This week appears twice.")]
            continue
        context = {"activities": known}
        rated = FunctionWeekSerializer(data={"scores": item["scores"]}, context=context)
        if rated.is_valid():
            scores = [
                {"activity": str(s["activity"]), "score": s["score"]}
                for s in rated.validated_data["scores"]
            ]
            weeks.append({"week": shell.validated_data["week"], "scores": scores})
        else:
            errors.update(flatten(path, rated.errors))
    running = data.get(RUNNING)
    tests = None
    if running is not None:
        sheet = RunningReadinessSerializer(data=running)
        if sheet.is_valid():
            tests = [
                {**entry, "date": entry["date"].isoformat()}
                for entry in sheet.validated_data["tests"]
            ]
        else:
            errors.update(flatten(RUNNING, sheet.errors))
    if errors:
        raise BackupError(errors)
    return {"activities": activities, "weeks": weeks, "running": tests}


def load(user: User, recovery: dict[str, Any]) -> dict[str, int]:
    """Replace her documents by the backup's (inside the backup's transaction)."""
    for model in (FunctionActivity, FunctionWeek, RunningReadiness):
        model.objects.filter(user=user).delete()
    for activity in recovery["activities"]:
        values = {"name": activity["name"], "suggestion": activity["suggestion"]}
        values["retired"] = activity["retired"]
        documents.save_document(FunctionActivity, user, {"uid": activity["id"]}, values)
    for week in recovery["weeks"]:
        documents.save_document(
            FunctionWeek, user, {"week": week["week"]}, {"scores": week["scores"]}
        )
    if recovery["running"] is not None:
        documents.save_document(RunningReadiness, user, {}, {"tests": recovery["running"]})
    return {ACTIVITIES: len(recovery["activities"]), WEEKS: len(recovery["weeks"])}
