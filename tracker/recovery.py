"""Where her recovery stands: the rules of habits (pelvic_floor, recovery_rules,
running_readiness, function_score) applied to her days and documents.

Everything here is worked out from what she logged, never stored: her level follows from her
sessions and symptom checks, so a phone that logged offline and a backup loaded elsewhere
reach the same level. One read of her days (a few values each) serves the whole state.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from habits import function_score, pelvic_floor, recovery_rules, running_readiness
from habits.pelvic_floor import DayOfTraining, Level, Progress
from habits.recovery_rules import PainDay, Suggestion
from habits.running_readiness import Readiness
from tracker.models import DayLog, User
from tracker.recovery_models import CheckContext, FunctionActivity, FunctionWeek, RunningReadiness

TUMMY_GAP = CheckContext.TUMMY_GAP.value
# A first session at a new level is a new exercise for the flare rule.
NEW_LEVEL_KEY = "pelvic_floor_level_{}"


@dataclass(frozen=True)
class CheckRecord:
    day: date
    check: dict


@dataclass
class RecoveryState:
    """Her recovery on `today`."""

    today: date
    days_postpartum: int | None
    progress: Progress
    sessions_today: int
    suggestions: list[Suggestion]  # every suggestion the rules made, oldest first
    checks: list[CheckRecord]  # every symptom check, oldest first
    readiness: Readiness
    readiness_tests: dict[str, dict]  # test key -> {"result", "date"}
    readiness_version: str | None
    sessions_by_day: dict[date, list[dict]] = field(default_factory=dict)

    @property
    def level(self) -> Level:
        return self.progress.plan

    @property
    def sessions_target(self) -> int:
        return pelvic_floor.SESSIONS_A_DAY

    @property
    def last_check(self) -> date | None:
        asked = [record.day for record in self.checks if record.check["context"] != TUMMY_GAP]
        return max(asked, default=None)

    @property
    def check_due(self) -> bool:
        return recovery_rules.check_due(self.last_check, self.today)

    @property
    def tummy_gap_due(self) -> int | None:
        last = max(
            (
                record.day
                for record in self.checks
                if record.check.get("tummy_gap_fingers") is not None
            ),
            default=None,
        )
        birth = self.today - timedelta(days=self.days_postpartum or 0)
        last_day = None if last is None or self.days_postpartum is None else (last - birth).days
        return recovery_rules.tummy_gap_due(self.days_postpartum, last_day)

    @property
    def step_back_to(self) -> int:
        """The level a symptom logged today would take her to."""
        if self.progress.can_step_back(self.today):
            return self.progress.level - 1
        return self.progress.level

    def level_after(self, suggestion: Suggestion) -> int:
        """Her level once the day of `suggestion` was over: the level a step back took her to."""
        level = 1
        for change in self.progress.changes:
            if change.day <= suggestion.day:
                level = change.level
        return level if self.progress.changes else self.progress.level

    def recent_suggestions(self, days: int = recovery_rules.NEW_SUGGESTION_DAYS) -> list:
        """The latest suggestion of each rule made in the last `days` days, newest first."""
        latest: dict[str, Suggestion] = {}
        for suggestion in self.suggestions:
            if (self.today - suggestion.day).days < days:
                latest[suggestion.rule] = suggestion
        return sorted(latest.values(), key=lambda s: s.day, reverse=True)


def days_of(user: User, end: date | None = None) -> list[tuple]:
    """Her days as the rules read them: (date, pain, exercises, sessions, checks)."""
    rows = DayLog.objects.filter(user=user)
    if end is not None:
        rows = rows.filter(date__lte=end)
    return list(
        rows.order_by("date").values_list(
            "date", "pain_mean", "exercises", "pelvic_floor_sessions", "symptom_checks"
        )
    )


def recovery_state(user: User, today: date | None = None) -> RecoveryState:
    profile = user.profile
    today = today or profile.local_today()
    rows = days_of(user, today)
    suggestions = rule_suggestions(rows, profile.baby_birth_date)
    reasons: dict[date, list[str]] = defaultdict(list)
    for suggestion in suggestions:
        reasons[suggestion.day] += recovery_rules.step_back_reasons([suggestion], suggestion.day)
    sessions = {day: items for day, _pain, _ex, items, _checks in rows if items}
    training = [
        DayOfTraining(day, sessions.get(day, ()), tuple(reasons.get(day, ())))
        for day in sorted(set(sessions) | set(reasons))
    ]
    checks = [CheckRecord(row[0], check) for row in rows for check in row[4]]
    sheet = RunningReadiness.objects.filter(user=user).first()
    # As the checklist stood on `today`: a report of an earlier range ignores later tests.
    tests = {
        entry["test"]: entry
        for entry in (sheet.tests if sheet else [])
        if entry["date"] <= today.isoformat()
    }
    days_postpartum = profile.days_postpartum(today)
    readiness = running_readiness.readiness(
        days_postpartum, tests.values(), recent_symptoms(checks, today)
    )
    suggestions += [
        Suggestion("running_test_failed", date.fromisoformat(tests[key]["date"]), key)
        for key in readiness.failed
    ]
    return RecoveryState(
        today=today,
        days_postpartum=days_postpartum,
        progress=pelvic_floor.progress(training),
        sessions_today=len(sessions.get(today, ())),
        suggestions=sorted(suggestions, key=lambda s: s.day),
        checks=checks,
        readiness=readiness,
        readiness_tests=tests,
        readiness_version=sheet.version if sheet else None,
        sessions_by_day=sessions,
    )


def rule_suggestions(rows: list[tuple], birth: date | None) -> list[Suggestion]:
    """What the symptom checks and the flare rule suggested, day by day."""
    found: list[Suggestion] = []
    pain_days = []
    seen_levels: set[int] = set()
    for day, pain, exercises, sessions, checks in rows:
        postpartum = (day - birth).days if birth else None
        for check in checks:
            found += recovery_rules.symptom_suggestions(check, day, postpartum)
        keys = {item["exercise"] for item in exercises}
        levels = {item["level"] for item in sessions}
        keys |= {NEW_LEVEL_KEY.format(number) for number in levels - seen_levels}
        seen_levels |= levels
        pain_days.append(PainDay(day, pain, frozenset(keys)))
    found += recovery_rules.pain_flares(pain_days)
    return found


def recent_symptoms(checks: list[CheckRecord], today: date) -> bool:
    window = running_readiness.SYMPTOM_FREE_DAYS
    return any(
        record.check.get("symptoms") and (today - record.day).days < window for record in checks
    )


# --- the function score --------------------------------------------------------------------


@dataclass(frozen=True)
class FunctionWeekRow:
    week: date
    score: float | None
    pain: float | None  # her average pain that week, beside it
    change: float | None  # from the first week rated
    matters: bool


def activities_of(user: User) -> list[FunctionActivity]:
    return list(FunctionActivity.objects.filter(user=user))


def function_weeks(user: User, start: date | None = None, end: date | None = None):
    """Her rated weeks that overlap `start` to `end` (a week is named by its Monday, which may
    be before `start`), oldest first."""
    weeks = FunctionWeek.objects.filter(user=user).order_by("week")
    if start is not None:
        weeks = weeks.filter(week__gt=start - timedelta(days=7))
    if end is not None:
        weeks = weeks.filter(week__lte=end)
    return weeks


def function_trend(user: User, start: date | None = None, end: date | None = None) -> list:
    """Each rated week with its score, her average pain that week and the change from the
    first rated week (marked when it reaches the smallest change that matters)."""
    weeks = function_weeks(user, start, end)
    scored = [
        (week.week, function_score.week_score(item["score"] for item in week.scores))
        for week in weeks
    ]
    scored = [(week, score) for week, score in scored if score is not None]
    if not scored:
        return []
    pain = weekly_pain(user, scored[0][0], scored[-1][0] + timedelta(days=6))
    first = scored[0][1]
    rows = []
    for week, score in scored:
        change = round(score - first, 1)
        matters = function_score.change_matters(change)
        rows.append(FunctionWeekRow(week, score, pain.get(week), change, matters))
    return rows


def weekly_pain(user: User, start: date, end: date) -> dict[date, float]:
    """Her average daily pain by week (keyed by the week's Monday)."""
    by_week: dict[date, list[float]] = defaultdict(list)
    days = DayLog.objects.filter(user=user, date__range=(start, end), pain_mean__isnull=False)
    for day, pain in days.values_list("date", "pain_mean"):
        by_week[monday_of(day)].append(pain)
    return {week: round(sum(values) / len(values), 1) for week, values in by_week.items()}


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())
