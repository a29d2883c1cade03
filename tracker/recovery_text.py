"""What her recovery pages and the recovery API say to her, in the active language: each rule's
suggestion, the running checklist's state, a level's plan. The rules and their sources are
habits.recovery_rules and habits.running_readiness; the report's words, of her, are
reports.recovery_text."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from habits import running_readiness as running
from habits.pelvic_floor import Level
from habits.recovery_rules import SYMPTOMS, Suggestion
from habits.running_readiness import Readiness

SYMPTOM_NAMES = dict(SYMPTOMS)
TEST_NAMES = {test.key: test.label for test in running.TESTS}
PHYSIO = gettext_lazy(
    "A pelvic-health physiotherapist (women's health physiotherapist) can check how you "
    "squeeze and tailor your plan. Ask your GP or midwife, or refer yourself where you can."
)

RUNNING_STATES = {
    running.UNKNOWN_STAGE: gettext_lazy(
        "Add your baby's birth date to your profile: running waits for about 12 weeks."
    ),
    running.TOO_EARLY: gettext_lazy(
        "Running waits until about 12 weeks after the birth. Walking, your pelvic-floor "
        "sessions and gentle strength work come first."
    ),
    running.SYMPTOMS: gettext_lazy(
        "You noted a symptom in the last two weeks: see a pelvic-health physiotherapist before "
        "you start running."
    ),
    running.FAILED_TEST: gettext_lazy(
        "A test did not pass, or brought leaking, heaviness or pain: see a pelvic-health "
        "physiotherapist before you start running."
    ),
    running.NOT_STARTED: gettext_lazy(
        "Try the tests below on different days, and tick each one you pass with no leaking, "
        "heaviness or pain."
    ),
    running.IN_PROGRESS: gettext_lazy(
        "Keep going: tick each test you pass with no leaking, heaviness or pain."
    ),
    running.READY: gettext_lazy(
        "You passed every test. Start with short spells of running between walking, and go "
        "back a step if anything leaks, drags or hurts."
    ),
}


def level_plan(level: Level) -> str:
    return _(
        "Level %(level)s: %(holds)s slow squeezes held for %(seconds)s seconds, then "
        "%(quick)s quick squeezes. Three times a day."
    ) % {
        "level": level.number,
        "holds": level.holds,
        "seconds": level.hold_seconds,
        "quick": level.quick_squeezes,
    }


def suggestion_text(suggestion: Suggestion, step_back_to: int | None = None) -> str:
    """What a rule says to her when it fires."""
    rule = suggestion.rule
    if rule == "symptoms_step_back":
        what = SYMPTOM_NAMES.get(suggestion.detail, "")
        return _(
            "You noted: %(symptom)s. Your sessions go back a level for now, to level "
            "%(level)s. %(physio)s"
        ) % {"symptom": what, "level": step_back_to or 1, "physio": PHYSIO}
    if rule == "pain_after_new_exercise":
        return _(
            "Your pain the day after something new was 2 points or more above your usual. "
            "Your sessions go back a level for now; ease off the new exercise, and if it "
            "happens again, ask a pelvic-health physiotherapist."
        )
    if rule == "leaking_at_3_months":
        return _(
            "Leaking is still there 3 months after the birth. Supervised pelvic-floor training "
            "with a pelvic-health physiotherapist, for at least 3 months, is the recommended "
            "next step: ask your GP, or refer yourself where you can."
        )
    if rule == "front_pelvic_pain":
        return _(
            "Pain at the front of your pelvis when you walk: a physiotherapist can help with "
            "pelvic pain. Hold off running and jumping until then."
        )
    if rule == "tummy_gap_at_8_weeks":
        return _(
            "The gap between your tummy muscles is still wider than two fingers at 8 weeks: "
            "see a pelvic-health physiotherapist (your GP can refer you)."
        )
    return _(
        "A running test did not pass or brought symptoms: see a pelvic-health physiotherapist "
        "before you start running."
    )


def running_text(readiness: Readiness) -> str:
    return str(RUNNING_STATES[readiness.state])
