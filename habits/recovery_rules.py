"""The symptom check and the rules that steer her recovery: when her pelvic-floor sessions step
back a level, and when the app suggests a pelvic-health physiotherapist. Pure content and rules
over plain values (dates, a check's ticked symptoms, daily pain); tracker.recovery feeds them
her days. Never a diagnosis: each rule says what to do next, and cites the guidance it follows.

Sources
- NICE NG210: Pelvic floor dysfunction: prevention and non-surgical management (December
  2021). "Raising awareness" (resources say when and where to get help, self-referral
  included); "Pelvic floor muscle training for preventing pelvic floor dysfunction" (a
  supervised programme is tailored to her ability and any discomfort); "Pelvic floor muscle
  training for managing pelvic floor dysfunction" (offer a programme of supervised pelvic
  floor muscle training lasting at least 3 months to women with stress or mixed urinary
  incontinence).
- Goom T, Donnelly G, Brockwell E. Returning to running postnatal: guidelines for medical,
  health and fitness professionals managing this population (March 2019). Leaking, urgency,
  heaviness or dragging, a tummy gap or bulge, and pelvic or low back pain are reasons for an
  assessment by a pelvic-health physiotherapist before impact.
- NHS, Your post-pregnancy body, "Separated stomach muscles": the gap usually closes by 8
  weeks after the birth; if it is still obvious then, a GP can refer to a physiotherapist.
  Leeds Teaching Hospitals NHS Trust, pelvic health physiotherapy, "Diastasis of recti":
  more than two fingers at the belly button after eight weeks. Logged at 6 and 8 weeks, as
  the December 2026 clinical review asks.
- Farrar JT et al. Clinical importance of changes in chronic pain intensity measured on an
  11-point numerical pain rating scale. Pain 2001;94(2):149-158: about 2 points (or 30%) is
  the smallest change that matters, the threshold used for a flare after a new exercise.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from django.utils.translation import gettext_lazy as _

# The check: what she ticks, in this order. Unticked, in a check she saved, means "no".
SYMPTOMS = (
    ("leak_cough_sneeze", _("Leaking when I cough, sneeze or laugh")),
    ("leak_exercise", _("Leaking when I exercise, lift or jump")),
    ("leak_urgency", _("Leaking on the way to the toilet")),
    ("heaviness", _("Heaviness or dragging down below")),
    ("doming", _("My tummy domes or bulges along the middle during an exercise")),
    ("front_pelvic_pain", _("Pain at the front of my pelvis when I walk")),
)
SYMPTOM_KEYS = tuple(key for key, _label in SYMPTOMS)
LEAKING = ("leak_cough_sneeze", "leak_exercise", "leak_urgency")
# Leaking with effort: stress incontinence, what NG210's 3-month programme is for (with or
# without urgency as well: mixed).
STRESS_LEAKING = ("leak_cough_sneeze", "leak_exercise")
# NICE NG210 (tailoring to discomfort) and Goom et al. 2019 (symptoms of pelvic floor
# dysfunction, a tummy bulge): any of these steps her sessions back a level.
STEP_BACK_SYMPTOMS = (*LEAKING, "heaviness", "doming")

# Leaking still there 3 months after the birth (NICE NG210: at least 3 months of supervised
# training for stress or mixed urinary incontinence); 13 weeks.
THREE_MONTHS_DAYS = 91
# The tummy-gap self-check, offered in the 6th and the 8th week after the birth.
TUMMY_GAP_WEEKS = (6, 8)
# NHS: the gap usually closes by 8 weeks; wider than two fingers then, a physiotherapist.
TUMMY_GAP_CHECK_FROM_DAYS = 56
TUMMY_GAP_MAX_FINGERS = 2
TUMMY_GAP_FINGERS_CHOICES = tuple(range(0, 6))  # 5 stands for five or more
# Farrar 2001: 2 points on the 0-10 scale is the smallest change that matters.
FLARE_POINTS = 2
# Her usual pain: the median daily average of the week before the new exercise, from at least
# USUAL_MIN_DAYS rated days.
USUAL_DAYS = 7
USUAL_MIN_DAYS = 3
# An exercise is new when it was not logged in this many days before.
NEW_EXERCISE_AFTER_DAYS = 28
# The weekly check is due again a week after the last one.
CHECK_EVERY_DAYS = 7
# A suggestion made this many days before the end of a report is "new" and goes in its header.
NEW_SUGGESTION_DAYS = 14


@dataclass(frozen=True)
class Rule:
    key: str
    steps_back: bool
    source: str


# Each rule with its guidance; the words she reads are in tracker.recovery_text.
RULES = {
    rule.key: rule
    for rule in (
        Rule(
            "symptoms_step_back",
            True,
            "NICE NG210 (2021), pelvic floor muscle training tailored to discomfort; "
            "Goom, Donnelly & Brockwell (2019), symptoms that need a pelvic-health physiotherapist",
        ),
        Rule(
            "pain_after_new_exercise",
            True,
            "Farrar et al., Pain 2001;94:149-158 (2 points is the smallest change that matters)",
        ),
        Rule(
            "leaking_at_3_months",
            False,
            "NICE NG210 (2021): supervised pelvic floor muscle training for at least 3 months "
            "for stress or mixed urinary incontinence",
        ),
        Rule(
            "front_pelvic_pain",
            False,
            "Goom, Donnelly & Brockwell (2019): pelvic pain needs assessment before impact",
        ),
        Rule(
            "tummy_gap_at_8_weeks",
            False,
            "NHS, Your post-pregnancy body (separated stomach muscles); Leeds Teaching "
            "Hospitals NHS Trust (more than two fingers after eight weeks)",
        ),
        Rule(
            "running_test_failed",
            False,
            "Goom, Donnelly & Brockwell (2019): a test that fails or brings symptoms needs a "
            "pelvic-health physiotherapist before running",
        ),
    )
}


@dataclass(frozen=True)
class Suggestion:
    """A rule that fired on a day: what it was about, and whether it stepped her back."""

    rule: str
    day: date
    detail: str = ""  # a symptom key, an exercise key or a running test, when it names one

    @property
    def source(self) -> str:
        return RULES[self.rule].source


def symptom_suggestions(check: dict, day: date, days_postpartum: int | None) -> list[Suggestion]:
    """What one saved check suggests, on the day it was saved."""
    ticked = set(check.get("symptoms") or ())
    found = []
    stepping = [key for key in STEP_BACK_SYMPTOMS if key in ticked]
    if stepping:
        found.append(Suggestion("symptoms_step_back", day, stepping[0]))
    stress = [key for key in STRESS_LEAKING if key in ticked]
    if stress and days_postpartum is not None and days_postpartum >= THREE_MONTHS_DAYS:
        found.append(Suggestion("leaking_at_3_months", day, stress[0]))
    if "front_pelvic_pain" in ticked:
        found.append(Suggestion("front_pelvic_pain", day, "front_pelvic_pain"))
    fingers = check.get("tummy_gap_fingers")
    if (
        fingers is not None
        and fingers > TUMMY_GAP_MAX_FINGERS
        and days_postpartum is not None
        and days_postpartum >= TUMMY_GAP_CHECK_FROM_DAYS
    ):
        found.append(Suggestion("tummy_gap_at_8_weeks", day))
    return found


@dataclass(frozen=True)
class PainDay:
    """A day as the flare rule reads it: its average pain, and the exercises she logged
    (catalogue keys, and "pelvic_floor_level_N" for a first session at a new level)."""

    day: date
    pain: float | None
    exercises: frozenset[str] = frozenset()


def usual_pain(days: dict[date, PainDay], before: date) -> float | None:
    """Her usual pain: the median daily average over the USUAL_DAYS days before `before`."""
    rated = [
        entry.pain
        for back in range(1, USUAL_DAYS + 1)
        if (entry := days.get(before - timedelta(days=back))) and entry.pain is not None
    ]
    return median(rated) if len(rated) >= USUAL_MIN_DAYS else None


def new_exercises(days: dict[date, PainDay], day: date) -> list[str]:
    """The exercises of `day` not logged in the NEW_EXERCISE_AFTER_DAYS days before it."""
    earlier: set[str] = set()
    for back in range(1, NEW_EXERCISE_AFTER_DAYS + 1):
        entry = days.get(day - timedelta(days=back))
        if entry:
            earlier |= entry.exercises
    return sorted(days[day].exercises - earlier) if day in days else []


def pain_flares(days: Iterable[PainDay]) -> list[Suggestion]:
    """A day whose pain is FLARE_POINTS or more above her usual, the day after a new exercise:
    the suggestion falls on that next day, naming the exercise."""
    by_day = {entry.day: entry for entry in days}
    found = []
    for day in sorted(by_day):
        fresh = new_exercises(by_day, day)
        after = by_day.get(day + timedelta(days=1))
        if not fresh or after is None or after.pain is None:
            continue
        usual = usual_pain(by_day, day)
        if usual is not None and after.pain >= usual + FLARE_POINTS:
            found.append(Suggestion("pain_after_new_exercise", after.day, fresh[0]))
    return found


def step_back_reasons(suggestions: Sequence[Suggestion], day: date) -> list[str]:
    """The rules that fired on `day` and step her back."""
    return [s.rule for s in suggestions if s.day == day and RULES[s.rule].steps_back]


def check_due(last_check: date | None, today: date) -> bool:
    return last_check is None or (today - last_check).days >= CHECK_EVERY_DAYS


def tummy_gap_due(days_postpartum: int | None, last_gap_check: int | None) -> int | None:
    """The week (6 or 8) whose tummy-gap check is due today, if one is: she is in that week or
    the next, and has not logged the gap since the week began (`last_gap_check` is the day
    after the birth she last did)."""
    if days_postpartum is None:
        return None
    for week in reversed(TUMMY_GAP_WEEKS):
        start = week * 7
        if start <= days_postpartum < start + 14:
            done = last_gap_check is not None and last_gap_check >= start
            return None if done else week
    return None
