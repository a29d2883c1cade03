"""What the pelvic-floor session page and the recovery page show, from her recovery state: the
server draws every box at its final size, and frontend/src/recovery/ takes over from the same
markup (the timer, saving checks, ratings and the checklist)."""

from datetime import date, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from habits import function_score, pelvic_floor
from habits import running_readiness as running
from habits.recovery_rules import RULES, STEP_BACK_SYMPTOMS, SYMPTOMS, TUMMY_GAP_FINGERS_CHOICES
from tracker import days
from tracker.day_page import json_element
from tracker.models import User
from tracker.recovery import RecoveryState, activities_of, function_trend, monday_of
from tracker.recovery_models import FunctionWeek
from tracker.recovery_text import PHYSIO, level_plan, running_text, suggestion_text
from tracker.serializers import DaySerializer

LEVEL_CHANGES_SHOWN = 3
# The catalogue's running exercise, which waits for the checklist (habits.running_readiness).
RUNNING_EXERCISE = "running"
TREND_WEEKS_SHOWN = 12


def today_json(user: User, today: date) -> str:
    """Today's day as the API serves it: the base the page's items are added to."""
    stored = days.get_day(user, today)
    data = DaySerializer(stored, context={"profile": user.profile}).data if stored else None
    return json_element(data, "day-data")


def plan_of(state: RecoveryState) -> dict:
    level = state.level
    return {
        "level": level.number,
        "text": level_plan(level),
        "holds": level.holds,
        "hold_seconds": level.hold_seconds,
        "rest_seconds": level.rest_seconds,
        "quick_squeezes": level.quick_squeezes,
        "minutes": max(1, round(level.seconds / 60)),
        "sessions_today": state.sessions_today,
        "sessions_target": state.sessions_target,
        "step_back_to": state.step_back_to,
        "top": level.number == pelvic_floor.TOP_LEVEL,
    }


def suggestions_of(state: RecoveryState) -> list[dict]:
    return [
        {
            "rule": suggestion.rule,
            "day": suggestion.day,
            "text": suggestion_text(suggestion, state.level_after(suggestion)),
            "source": RULES[suggestion.rule].source,
        }
        for suggestion in state.recent_suggestions()
    ]


def session_page(user: User, state: RecoveryState) -> dict:
    """The pelvic-floor session page: the plan, the timer's settings, the check after it."""
    plan = plan_of(state)
    step_back = _(
        "Because of what you noted, your next sessions go back a level, to level %(level)s."
    ) % {"level": plan["step_back_to"]}
    return {
        "plan": plan,
        "symptoms": SYMPTOMS,
        "step_back_symptoms": STEP_BACK_SYMPTOMS,
        "suggestions": suggestions_of(state),
        "day_json": today_json(user, state.today),
        "timer_json": json_element(
            {
                "level": plan["level"],
                "holds": plan["holds"],
                "holdSeconds": plan["hold_seconds"],
                "restSeconds": plan["rest_seconds"],
                "quickSqueezes": plan["quick_squeezes"],
                "secondMs": settings.PELVIC_FLOOR_SECOND_MS,
                "stepBack": plan["step_back_to"] < plan["level"],
            },
            "timer-data",
        ),
        "step_back_text": step_back if plan["step_back_to"] < plan["level"] else "",
        "physio_text": str(PHYSIO),
        "strings_json": json_element(timer_strings(), "recovery-strings"),
    }


def timer_strings() -> dict:
    """The words the timer and the saving say, in the page's language; {n} and {of} are
    filled in by the script."""
    return {
        "hold": _("Squeeze and lift, and hold"),
        "rest": _("Let go, and rest"),
        "quick": _("Quick squeeze"),
        "quickRest": _("Let go"),
        "holdStep": _("Slow squeeze {n} of {of}"),
        "quickStep": _("Quick squeeze {n} of {of}"),
        "paused": _("Paused"),
        "done": _("Session done"),
        "summary": _("{holds} slow squeezes of {seconds} seconds and {quick} quick squeezes."),
        "sessionsToday": _("Today: {done} of {target} sessions"),
        "saved": _("Saved."),
        "offline": _("Saved on this phone: it will be sent when you are back online."),
        "error": _("Not saved: {message}"),
        **recovery_strings(),
    }


def recovery_strings() -> dict:
    """What the recovery page's script says when it saves."""
    return {
        "saving": _("Saving…"),
        "savedCheck": _("Saved. Thank you."),
        "conflict": _("Changed on another device: merged, and saved."),
    }


def recovery_page(user: User, state: RecoveryState) -> dict:
    """The recovery page: suggestions, the plan, the checks due, the function score and the
    running checklist."""
    monday = monday_of(state.today)
    activities = activities_of(user)
    active = [activity for activity in activities if not activity.retired]
    this_week = FunctionWeek.objects.filter(user=user, week=monday).first()
    rated = {item["activity"]: item["score"] for item in (this_week.scores if this_week else [])}
    trend = function_trend(user, state.today - timedelta(weeks=TREND_WEEKS_SHOWN), state.today)
    return {
        "plan": plan_of(state),
        "suggestions": suggestions_of(state),
        "level_changes": list(reversed(state.progress.changes))[:LEVEL_CHANGES_SHOWN],
        "check_due": state.check_due,
        "last_check": state.last_check,
        "tummy_gap_due": state.tummy_gap_due,
        "tummy_gap_fingers": TUMMY_GAP_FINGERS_CHOICES,
        "symptoms": SYMPTOMS,
        "step_back_symptoms": STEP_BACK_SYMPTOMS,
        "day_json": today_json(user, state.today),
        "function": {
            "week": monday,
            "activities": [
                {"activity": activity, "score": rated.get(str(activity.uid))} for activity in active
            ],
            "can_add": len(active) < function_score.MAX_ACTIVITIES,
            "suggestions": [
                (key, words)
                for key, words in function_score.SUGGESTIONS
                if key not in {activity.suggestion for activity in active}
            ],
            "scale": range(function_score.LOWEST, function_score.HIGHEST + 1),
            "trend": trend,
            "smallest_change": f"{function_score.SMALLEST_CHANGE:g}",
            "week_json": json_element(
                {
                    "week": monday.isoformat(),
                    "version": this_week.version if this_week else None,
                    "scores": this_week.scores if this_week else [],
                },
                "function-week-data",
            ),
        },
        "running": {
            "readiness": state.readiness,
            "text": running_text(state.readiness),
            "open": state.readiness.state not in (running.UNKNOWN_STAGE, running.TOO_EARLY),
            "groups": [
                (
                    label,
                    [
                        {"test": test, "result": state.readiness_tests.get(test.key, {})}
                        for test in running.TESTS
                        if test.group == group
                    ],
                )
                for group, label in running.GROUPS
            ],
            "json": json_element(
                {"version": state.readiness_version, "tests": list(state.readiness_tests.values())},
                "running-data",
            ),
        },
        "physio_text": str(PHYSIO),
        "strings_json": json_element(timer_strings(), "recovery-strings"),
    }


def today_card(state: RecoveryState) -> dict:
    """Today's card: her level and today's sessions, one tap from the session, and a line when
    a check is due or a rule made a suggestion in the last two weeks."""
    return {
        "level": state.level.number,
        "done": state.sessions_today,
        "target": state.sessions_target,
        "advice": bool(state.recent_suggestions()),
        "check_due": state.check_due,
    }


def gate_running(guides: dict, state: RecoveryState) -> dict:
    """Running on the day page follows her checklist, not the date alone: it is offered once
    she has passed every test (a day she logged it anyway still shows it)."""
    guide = guides.get(RUNNING_EXERCISE, {})
    if state.readiness.ready:
        return guides
    return {**guides, RUNNING_EXERCISE: {**guide, "after_checklist": True}}
