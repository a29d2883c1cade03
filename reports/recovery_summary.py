"""Her recovery for the doctor's report, in figures: timed pelvic-floor sessions week by week
with her level, the days she noted symptoms, the tummy gap, the function score's first and
latest week and its change, the running checklist, and what the rules suggested. The same
rules as her own pages (tracker.recovery), as they stood on the report's last day.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from habits.function_score import change_matters
from habits.recovery_rules import NEW_SUGGESTION_DAYS, SYMPTOM_KEYS, Suggestion
from habits.running_readiness import Readiness
from tracker.models import User
from tracker.recovery import (
    FunctionWeekRow,
    activities_of,
    function_trend,
    function_weeks,
    monday_of,
)
from tracker.recovery import recovery_state as state_on


@dataclass(frozen=True)
class SessionWeek:
    begins: date  # its Monday
    sessions: int
    days: int  # days with at least one session
    levels: tuple[int, ...]  # the levels she trained at, lowest first


@dataclass(frozen=True)
class TummyGap:
    day: date
    fingers: int
    days_after_birth: int | None


@dataclass
class RecoverySummary:
    weeks: list[SessionWeek]
    sessions: int
    level: int  # on the report's last day
    level_changes: list  # habits.pelvic_floor.LevelChange within the range
    checks: int
    symptom_days: int  # days a check ticked anything
    symptoms: list[tuple[str, int]]  # symptom key, days, the most frequent first
    tummy_gaps: list[TummyGap]
    function: list[FunctionWeekRow]
    activities: list[str]  # the activities rated in the range, by name
    readiness: Readiness
    suggestions: list[Suggestion]  # made in the range, oldest first
    end: date

    @property
    def shown(self) -> bool:
        """Whether there is anything of her recovery to report."""
        return bool(
            self.sessions
            or self.checks
            or self.function
            or self.suggestions
            or self.readiness.passed
            or self.readiness.failed
        )

    @property
    def function_first(self) -> FunctionWeekRow | None:
        return self.function[0] if self.function else None

    @property
    def function_latest(self) -> FunctionWeekRow | None:
        return self.function[-1] if len(self.function) > 1 else None

    @property
    def function_change(self) -> float | None:
        first, latest = self.function_first, self.function_latest
        if first is None or latest is None:
            return None
        return round(latest.score - first.score, 1)

    @property
    def function_change_matters(self) -> bool:
        return change_matters(self.function_change)

    @property
    def new_suggestions(self) -> list[Suggestion]:
        """The latest suggestion of each rule made in the last two weeks of the report."""
        latest: dict[str, Suggestion] = {}
        for suggestion in self.suggestions:
            if (self.end - suggestion.day).days < NEW_SUGGESTION_DAYS:
                latest[suggestion.rule] = suggestion
        return sorted(latest.values(), key=lambda s: s.day)


def build_recovery_summary(user: User, start: date, end: date) -> RecoverySummary:
    state = state_on(user, end)
    in_range = {day: items for day, items in state.sessions_by_day.items() if start <= day <= end}
    checks = [record for record in state.checks if start <= record.day <= end]
    symptom_days: dict[str, set[date]] = defaultdict(set)
    for record in checks:
        for key in record.check.get("symptoms") or ():
            symptom_days[key].add(record.day)
    counted = Counter({key: len(days) for key, days in symptom_days.items()})
    birth = user.profile.baby_birth_date
    function = function_trend(user, start, end)
    return RecoverySummary(
        weeks=session_weeks(in_range),
        sessions=sum(len(items) for items in in_range.values()),
        level=state.level.number,
        level_changes=[c for c in state.progress.changes if start <= c.day <= end],
        checks=len(checks),
        symptom_days=len({record.day for record in checks if record.check.get("symptoms")}),
        symptoms=sorted(counted.items(), key=lambda item: (-item[1], SYMPTOM_KEYS.index(item[0]))),
        tummy_gaps=[
            TummyGap(record.day, fingers, (record.day - birth).days if birth else None)
            for record in checks
            if (fingers := record.check.get("tummy_gap_fingers")) is not None
        ],
        function=function,
        activities=rated_activities(user, start, end),
        readiness=state.readiness,
        suggestions=[s for s in state.suggestions if start <= s.day <= end],
        end=end,
    )


def session_weeks(sessions: dict[date, list[dict]]) -> list[SessionWeek]:
    """Sessions by week (Monday to Sunday), each with the days she trained and her levels."""
    by_week: dict[date, dict[date, list[dict]]] = defaultdict(dict)
    for day, items in sessions.items():
        by_week[monday_of(day)][day] = items
    return [
        SessionWeek(
            begins=monday,
            sessions=sum(len(items) for items in days.values()),
            days=len(days),
            levels=tuple(sorted({item["level"] for items in days.values() for item in items})),
        )
        for monday, days in sorted(by_week.items())
    ]


def rated_activities(user: User, start: date, end: date) -> list[str]:
    """The names of the activities she rated in the range, in the order she named them."""
    rated = {item["activity"] for week in function_weeks(user, start, end) for item in week.scores}
    return [activity.name for activity in activities_of(user) if str(activity.uid) in rated]
