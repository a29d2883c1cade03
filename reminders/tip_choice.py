"""Which tip to send her next, chosen from her recent logs."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from statistics import mean

from django.db.models import F, Max, Window
from django.db.models.functions import RowNumber

from habits import running_readiness
from habits.medicines import OTHER_MEDICINE
from habits.models import Tip
from reminders.models import ReminderDelivery
from tracker.low_mood import run_up_to
from tracker.models import HUNCHED, DayLog, RunningReadiness

# Situations in her recent logs that make a tip timely, most pressing first. Tips name them in
# habits.tips_data; "general" tips are sent in turn when nothing more specific applies.
TRIGGERS: dict[str, str] = {
    "high_pain": "a pain score of 7 or more in the last 2 days",
    "other_medicine": "another medicine (not paracetamol or ibuprofen) in the last 2 days",
    "no_improvement": "6 weeks or more after birth, and pain not 2 points lower than at first",
    "low_mood": "a run of low mood (tracker.low_mood) with 3 low days, up to today or yesterday",
    "check_due": "5 to 7 weeks after birth, around the postnatal (6-week, 42-day) check",
    "unsupported_feeds": "3 or more feeds without back support in the last 3 days",
    "hunched_feeds": "2 or more hunched feeds in the last 3 days",
    "no_exercise": "no exercise logged in the last 3 logged days",
    "general": "any time",
}

MIN_DAYS_TO_COMPARE = 3
# The catalogue exercise whose tip waits for her running checklist.
RUNNING = "running"
NO_IMPROVEMENT_AFTER_DAYS = 42
POSTNATAL_CHECK_DAYS = range(35, 49)
CLINICAL_CHANGE = 2  # points on the 0-10 scale: the smallest change that matters
PERSISTENT_PAIN = 4
LOW_MOOD_RUN_DAYS = 3
REPEAT_AFTER = timedelta(days=7)
# Her baseline pain: the mean of her first BASELINE_DAYS logged days, if they are at least
# BASELINE_AFTER_DAYS old.
BASELINE_DAYS = 7
BASELINE_AFTER_DAYS = 13


@dataclass
class RecentLogs:
    """What the last days say, as far as choosing a tip goes."""

    days: list  # DayLogs of the last 7 days, newest first
    baseline_pain: float | None  # mean pain over her first logged week, if it is long ago
    days_postpartum: int | None

    def recent(self, today: date, span: int) -> list:
        return [day for day in self.days if (today - day.date).days < span]


def recent_logs(user, today: date) -> RecentLogs:
    return TipHistory.load([(user, today)]).logs_of(user, today)


@dataclass
class TipHistory:
    """What choosing tips reads, for many mothers at once, in four queries: a batch of tip
    reminders costs the same handful of queries as one."""

    recent_days: dict[int, list]  # user id: DayLogs of the days in range, newest first
    first_days: dict[int, list]  # user id: her first logged days (enough for any `today`)
    last_sent: dict[int, dict[int, datetime]]  # user id: tip id: when it was last sent
    tips: list[Tip]
    running_tests: dict[int, list] = field(default_factory=dict)  # user id: her checklist

    @classmethod
    def load(cls, wanted: list[tuple]) -> "TipHistory":
        """For (user, her today) pairs."""
        user_ids = {user.pk for user, _today in wanted}
        days = [today for _user, today in wanted]
        recent_days: dict[int, list] = defaultdict(list)
        for day in DayLog.objects.filter(
            user_id__in=user_ids, date__range=(min(days) - timedelta(days=6), max(days))
        ).order_by("-date"):
            recent_days[day.user_id].append(day)
        # Her first logged days before the latest cutoff: for any earlier cutoff, the ones
        # before it are still her first ones (later days only come after them).
        first_days: dict[int, list] = defaultdict(list)
        ranked = DayLog.objects.filter(
            user_id__in=user_ids, date__lt=max(days) - timedelta(days=BASELINE_AFTER_DAYS)
        ).annotate(rank=Window(RowNumber(), partition_by=[F("user_id")], order_by=F("date").asc()))
        for day in ranked.filter(rank__lte=BASELINE_DAYS).order_by("user_id", "date"):
            first_days[day.user_id].append(day)
        last_sent: dict[int, dict[int, datetime]] = defaultdict(dict)
        for user_id, tip_id, last in (
            ReminderDelivery.objects.filter(
                user_id__in=user_ids, tip__isnull=False, state=ReminderDelivery.State.SENT
            )
            .values_list("user_id", "tip_id")
            .annotate(last=Max("due_at"))
        ):
            last_sent[user_id][tip_id] = last
        tips = list(Tip.objects.filter(active=True))
        running_tests = dict(
            RunningReadiness.objects.filter(user_id__in=user_ids).values_list("user_id", "tests")
        )
        return cls(recent_days, first_days, last_sent, tips, running_tests)

    def logs_of(self, user, today: date) -> RecentLogs:
        days = [day for day in self.recent_days[user.pk] if 0 <= (today - day.date).days < 7]
        cutoff = today - timedelta(days=BASELINE_AFTER_DAYS)
        first_week = [
            day.mean_pain
            for day in self.first_days[user.pk]
            if day.date < cutoff and day.mean_pain is not None
        ]
        baseline = mean(first_week) if len(first_week) >= MIN_DAYS_TO_COMPARE else None
        return RecentLogs(days, baseline, user.profile.days_postpartum(today))

    def choose(self, user, today: date, now: datetime) -> Tip | None:
        """The most pressing tip that suits her stage and was not sent in the last week.

        Within the most pressing trigger, a safety tip (when to get help) goes first; then the
        one sent longest ago (or never), so the other tips come round in turn. None when every
        suitable tip was sent this week.
        """
        logs = self.logs_of(user, today)
        weeks = None if logs.days_postpartum is None else max(logs.days_postpartum, 0) // 7
        last_sent = self.last_sent[user.pk]
        ready = self.ready_to_run(user, logs)
        candidates = [
            tip
            for tip in self.tips
            if tip.suits(weeks, user.profile.delivery_type)
            and (tip.exercise != RUNNING or ready)
            and (tip.id not in last_sent or now - last_sent[tip.id] >= REPEAT_AFTER)
        ]
        for trigger in [*fired_triggers(logs, today), "general"]:
            matching = [tip for tip in candidates if trigger in tip.triggers]
            if matching:
                never = datetime.min.replace(tzinfo=UTC)
                return min(
                    matching,
                    key=lambda tip: (not tip.safety, last_sent.get(tip.id, never), tip.sort_order),
                )
        return None

    def ready_to_run(self, user, logs: RecentLogs) -> bool:
        """The running tip follows her running checklist, not the date alone: every test
        passed, and no symptom ticked in the week's checks (habits.running_readiness)."""
        symptoms = any(check.get("symptoms") for day in logs.days for check in day.symptom_checks)
        tests = self.running_tests.get(user.pk, [])
        return running_readiness.readiness(logs.days_postpartum, tests, symptoms).ready


def fired_triggers(logs: RecentLogs, today: date) -> list[str]:
    """The situations in TRIGGERS that her recent logs show, most pressing first."""
    fired = set()
    last_two = logs.recent(today, 2)
    if any(score >= 7 for day in last_two for score in day.pain_scores):
        fired.add("high_pain")
    # What she takes while breastfeeding is worth a word from a doctor or pharmacist.
    if any(item["medicine"] == OTHER_MEDICINE for day in last_two for item in day.medicines):
        fired.add("other_medicine")
    week_pain = [day.mean_pain for day in logs.days if day.mean_pain is not None]
    if (
        logs.days_postpartum is not None
        and logs.days_postpartum >= NO_IMPROVEMENT_AFTER_DAYS
        and len(week_pain) >= MIN_DAYS_TO_COMPARE
    ):
        now_pain = mean(week_pain)
        if logs.baseline_pain is None:
            # No early weeks to compare with: pain that is still marked at 6 weeks is enough.
            if now_pain >= PERSISTENT_PAIN:
                fired.add("no_improvement")
        elif logs.baseline_pain - now_pain < CLINICAL_CHANGE:
            fired.add("no_improvement")
    if low_mood_running(logs, today):
        fired.add("low_mood")
    if logs.days_postpartum is not None and logs.days_postpartum in POSTNATAL_CHECK_DAYS:
        fired.add("check_due")
    feeds = [feed for day in logs.recent(today, 3) for feed in day.feedings]
    if sum(1 for feed in feeds if "back_support" not in feed.get("supports", [])) >= 3:
        fired.add("unsupported_feeds")
    if sum(1 for feed in feeds if feed.get("posture") == HUNCHED) >= 2:
        fired.add("hunched_feeds")
    last_three = logs.days[:3]
    if len(last_three) == 3 and not any(day.exercises for day in last_three):
        fired.add("no_exercise")
    return [trigger for trigger in TRIGGERS if trigger in fired]


def low_mood_running(logs: RecentLogs, today: date) -> bool:
    """Whether a run of low mood (tracker.low_mood: a day or two without a mood does not end
    it, a better mood does) holds LOW_MOOD_RUN_DAYS low days and reaches today or yesterday,
    because a tip can go out before she has logged today's mood."""
    moods = {day.date: day.mood for day in logs.days if day.mood is not None}
    return run_up_to(moods, today, LOW_MOOD_RUN_DAYS)


def choose_tip(user, today: date, now: datetime) -> Tip | None:
    """The tip for her next tip reminder (see TipHistory.choose)."""
    return TipHistory.load([(user, today)]).choose(user, today, now)
