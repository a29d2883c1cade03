"""The recovery API under /api/v1/: where her recovery stands, and her own documents (the
function score's activities and weeks, the running checklist), written with HTTP conditional
requests as a day is (tracker.documents). Thin views; the rules are tracker.recovery's.

Her sessions and symptom checks are items of her days (PUT /api/v1/days/{date}/).
"""

from datetime import date

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from drf_spectacular.utils import inline_serializer as shape
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core import dates
from habits import running_readiness
from habits.function_score import MAX_ACTIVITIES, MAX_ACTIVITIES_KEPT
from habits.recovery_rules import RULES
from tracker import documents
from tracker.api import ETAG, IF_MATCH, IF_NONE_MATCH_READ, IF_NONE_MATCH_WRITE
from tracker.api import if_match as if_match_of
from tracker.document_api import DocumentView, conflict
from tracker.recovery import monday_of, recovery_state
from tracker.recovery_models import FunctionActivity, FunctionWeek, RunningReadiness
from tracker.recovery_serializers import (
    FunctionActivitySerializer,
    FunctionWeekSerializer,
    RunningReadinessSerializer,
)
from tracker.recovery_text import level_plan, running_text, suggestion_text
from tracker.serializers import DayRangeSerializer

ACTIVITY_ID = OpenApiParameter(
    "id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="The id her phone gave it"
)
WEEK = OpenApiParameter(
    "week", OpenApiTypes.DATE, OpenApiParameter.PATH, description="The week's Monday, YYYY-MM-DD"
)
READ = {"parameters": [IF_NONE_MATCH_READ, ETAG]}
WRITE = {"parameters": [IF_MATCH, IF_NONE_MATCH_WRITE, ETAG]}


@extend_schema(parameters=[ACTIVITY_ID])
class FunctionActivityView(DocumentView):
    """One everyday activity of her function score. PUT creates it (If-None-Match: *) or
    changes it (If-Match); retire it rather than delete it, so past weeks keep its name. At most
    three are rated at a time."""

    model = FunctionActivity
    serializer_class = FunctionActivitySerializer
    not_found = "No such activity."

    def key(self, id=None, **kwargs) -> dict:
        return {"uid": id}

    @extend_schema(responses={200: FunctionActivitySerializer, 304: None}, **READ)
    def get(self, request, id):
        return self.read(request, id=id)

    @extend_schema(
        request=FunctionActivitySerializer,
        responses={
            200: FunctionActivitySerializer,
            201: FunctionActivitySerializer,
            **conflict("FunctionActivity", FunctionActivitySerializer(allow_null=True)),
        },
        **WRITE,
    )
    def put(self, request, id):
        return self.write(request, id=id)

    def check_limits(self, key: dict, values: dict) -> None:
        others = FunctionActivity.objects.filter(user=self.request.user).exclude(uid=key["uid"])
        if not values["retired"] and others.filter(retired=False).count() >= MAX_ACTIVITIES:
            raise ValidationError(
                {"retired": [_("At most three activities are rated at a time: retire one first.")]}
            )
        exists = FunctionActivity.objects.filter(user=self.request.user, uid=key["uid"]).exists()
        if not exists and others.count() >= MAX_ACTIVITIES_KEPT:
            raise ValidationError({"id": [_("You have named as many activities as can be kept.")]})


class FunctionActivityListView(generics.ListAPIView):
    """Every activity she has named, the retired ones too, oldest first."""

    serializer_class = FunctionActivitySerializer
    pagination_class = None

    def get_queryset(self):
        return FunctionActivity.objects.filter(user=self.request.user)


@extend_schema(parameters=[WEEK])
class FunctionWeekView(DocumentView):
    """Her ratings of one week (named by its Monday), 0-10 for each activity she rated."""

    model = FunctionWeek
    serializer_class = FunctionWeekSerializer
    not_found = "No ratings for this week."

    def key(self, week=None, **kwargs) -> dict:
        return {"week": self.week(week)}

    def week(self, value: str) -> date:
        try:
            monday = dates.parse_day_date(value)
        except ValueError as e:
            raise ValidationError({"week": [str(e)]}) from e
        if monday.weekday() != 0:
            raise ValidationError({"week": [_("Name a week by its Monday.")]})
        if monday > monday_of(self.request.user.profile.local_today()):
            raise ValidationError({"week": [_("This week has not begun yet.")]})
        return monday

    def context(self, **kwargs) -> dict:
        uids = FunctionActivity.objects.filter(user=self.request.user).values_list("uid", flat=True)
        return {"request": self.request, "activities": set(uids)}

    def stored_values(self, data: dict) -> dict:
        scores = [{"activity": str(s["activity"]), "score": s["score"]} for s in data["scores"]]
        return {"scores": scores}

    @extend_schema(responses={200: FunctionWeekSerializer, 304: None}, **READ)
    def get(self, request, week):
        return self.read(request, week=week)

    @extend_schema(
        request=FunctionWeekSerializer,
        responses={
            200: FunctionWeekSerializer,
            201: FunctionWeekSerializer,
            **conflict("FunctionWeek", FunctionWeekSerializer(allow_null=True)),
        },
        **WRITE,
    )
    def put(self, request, week):
        return self.write(request, week=week)

    @extend_schema(
        parameters=[IF_MATCH],
        responses={
            204: None,
            **conflict("FunctionWeekGone", FunctionWeekSerializer(allow_null=True)),
        },
    )
    def delete(self, request, week):
        try:
            deleted = documents.delete_document(
                FunctionWeek, request.user, self.key(week=week), if_match_of(request)
            )
        except documents.Changed as error:
            return self.stale(error)
        if not deleted:
            raise NotFound(self.not_found)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    parameters=[
        OpenApiParameter("from", OpenApiTypes.DATE, description="First Monday, inclusive"),
        OpenApiParameter("to", OpenApiTypes.DATE, description="Last Monday, inclusive"),
    ]
)
class FunctionWeekListView(generics.ListAPIView):
    """Her rated weeks, newest first, paginated."""

    serializer_class = FunctionWeekSerializer

    def get_queryset(self):
        query = DayRangeSerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        weeks = FunctionWeek.objects.filter(user=self.request.user)
        if query.validated_data.get("from"):
            weeks = weeks.filter(week__gte=query.validated_data["from"])
        if query.validated_data.get("to"):
            weeks = weeks.filter(week__lte=query.validated_data["to"])
        return weeks.order_by("-week")


class RunningReadinessView(DocumentView):
    """Her running checklist: the tests she passed or did not, and when (one per test)."""

    model = RunningReadiness
    serializer_class = RunningReadinessSerializer
    not_found = "No running checklist yet."

    def stored_values(self, data: dict) -> dict:
        tests = [
            {"test": t["test"], "result": t["result"], "date": t["date"].isoformat()}
            for t in data["tests"]
        ]
        return {"tests": tests}

    @extend_schema(
        responses={
            200: RunningReadinessSerializer,
            304: None,
            404: OpenApiResponse(description="No running checklist yet"),
        },
        **READ,
    )
    def get(self, request):
        return self.read(request)

    @extend_schema(
        request=RunningReadinessSerializer,
        responses={
            200: RunningReadinessSerializer,
            201: RunningReadinessSerializer,
            **conflict("RunningReadiness", RunningReadinessSerializer(allow_null=True)),
        },
        **WRITE,
    )
    def put(self, request):
        return self.write(request)


LevelShape = shape(
    "PelvicFloorLevel",
    {
        "number": serializers.IntegerField(),
        "holds": serializers.IntegerField(),
        "hold_seconds": serializers.IntegerField(),
        "rest_seconds": serializers.IntegerField(),
        "quick_squeezes": serializers.IntegerField(),
        "plan": serializers.CharField(help_text="The level in words, in her language"),
    },
)
RecoveryShape = shape(
    "Recovery",
    {
        "today": serializers.DateField(),
        "days_postpartum": serializers.IntegerField(allow_null=True),
        "level": LevelShape,
        "level_since": serializers.DateField(allow_null=True),
        "step_back_to": serializers.IntegerField(
            help_text="The level a symptom logged today would take her to"
        ),
        "sessions_today": serializers.IntegerField(),
        "sessions_target": serializers.IntegerField(),
        "symptom_check_due": serializers.BooleanField(),
        "tummy_gap_due": serializers.IntegerField(
            allow_null=True, help_text="6 or 8: the week whose tummy-gap check is due"
        ),
        "suggestions": shape(
            "RecoverySuggestion",
            {
                "rule": serializers.ChoiceField(choices=sorted(RULES)),
                "day": serializers.DateField(),
                "detail": serializers.CharField(),
                "steps_back": serializers.BooleanField(),
                "source": serializers.CharField(help_text="The guidance the rule follows"),
                "message": serializers.CharField(help_text="What it says to her"),
            },
            many=True,
        ),
        "running": shape(
            "RunningState",
            {
                "state": serializers.ChoiceField(
                    choices=[
                        running_readiness.UNKNOWN_STAGE,
                        running_readiness.TOO_EARLY,
                        running_readiness.SYMPTOMS,
                        running_readiness.FAILED_TEST,
                        running_readiness.NOT_STARTED,
                        running_readiness.IN_PROGRESS,
                        running_readiness.READY,
                    ]
                ),
                "passed": serializers.IntegerField(),
                "total": serializers.IntegerField(),
                "failed": serializers.ListField(child=serializers.CharField()),
                "message": serializers.CharField(),
            },
        ),
    },
)


class RecoveryView(APIView):
    """Where her recovery stands today: her pelvic-floor level and today's sessions, what the
    rules suggested in the last two weeks (each with its source), which checks are due, and
    her running checklist. Worked out from her days; nothing here is written."""

    @extend_schema(responses=RecoveryShape)
    def get(self, request):
        state = recovery_state(request.user)
        level = state.level
        return Response(
            {
                "today": state.today,
                "days_postpartum": state.days_postpartum,
                "level": {
                    "number": level.number,
                    "holds": level.holds,
                    "hold_seconds": level.hold_seconds,
                    "rest_seconds": level.rest_seconds,
                    "quick_squeezes": level.quick_squeezes,
                    "plan": level_plan(level),
                },
                "level_since": state.progress.since,
                "step_back_to": state.step_back_to,
                "sessions_today": state.sessions_today,
                "sessions_target": state.sessions_target,
                "symptom_check_due": state.check_due,
                "tummy_gap_due": state.tummy_gap_due,
                "suggestions": [
                    {
                        "rule": s.rule,
                        "day": s.day,
                        "detail": s.detail,
                        "steps_back": RULES[s.rule].steps_back,
                        "source": s.source,
                        "message": suggestion_text(s, state.level_after(s)),
                    }
                    for s in state.recent_suggestions()
                ],
                "running": {
                    "state": state.readiness.state,
                    "passed": state.readiness.passed,
                    "total": state.readiness.total,
                    "failed": list(state.readiness.failed),
                    "message": running_text(state.readiness),
                },
            }
        )
