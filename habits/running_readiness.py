"""Return to running: the readiness checklist and what it says. Pure content and rules.

Source: Goom T, Donnelly G, Brockwell E. Returning to running postnatal: guidelines for medical,
health and fitness professionals managing this population (March 2019; endorsed by the ACPSEM).
It advises against running in the first 3 months after the birth, and before it asks for a
load and impact assessment (walking 30 minutes; standing on one leg 10 seconds; 10 single-leg
squats each side; jogging on the spot 1 minute; 10 forward bounds; 10 hops on the spot each
leg; 10 single-leg "running man" movements each side) and strength tests of 20 repetitions
each side (single-leg calf raise, single-leg bridge, single-leg sit to stand, side-lying leg
lift), each done with no leaking, heaviness, dragging or pain. Anything that fails or brings
symptoms is a reason to see a pelvic-health physiotherapist first. The checklist here is that
assessment, done by her at home and ticked as she passes each; it is not a physiotherapist's.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# About 12 weeks after the birth, and no sooner.
EARLIEST_DAYS = 84
# A symptom check with anything ticked this recently holds running back.
SYMPTOM_FREE_DAYS = 14
PASSED = "passed"
FAILED = "failed"
RESULTS = ((PASSED, _("Passed")), (FAILED, _("Did not pass, or brought symptoms")))


@dataclass(frozen=True)
class ReadinessTest:
    key: str
    group: str  # "load" or "strength"
    label: str


TESTS = (
    ReadinessTest("walk_30_minutes", "load", _("Walk briskly for 30 minutes")),
    ReadinessTest("single_leg_balance", "load", _("Stand on one leg for 10 seconds, each leg")),
    ReadinessTest("single_leg_squat", "load", _("10 single-leg squats, each leg")),
    ReadinessTest("jog_on_the_spot", "load", _("Jog on the spot for 1 minute")),
    ReadinessTest("forward_bounds", "load", _("10 forward bounds")),
    ReadinessTest("hop_on_the_spot", "load", _("Hop on the spot 10 times, each leg")),
    ReadinessTest(
        "running_man",
        "load",
        _("10 single-leg “running man” swings, each side (opposite arm and knee)"),
    ),
    ReadinessTest("single_leg_calf_raise", "strength", _("20 single-leg calf raises, each leg")),
    ReadinessTest("single_leg_bridge", "strength", _("20 single-leg bridges, each leg")),
    ReadinessTest(
        "single_leg_sit_to_stand", "strength", _("20 single-leg sit-to-stands, each leg")
    ),
    ReadinessTest("side_lying_leg_lift", "strength", _("20 side-lying leg lifts, each leg")),
)
TEST_KEYS = tuple(test.key for test in TESTS)
GROUPS = (
    ("load", _("Load and impact")),
    ("strength", _("Strength (20 in a row)")),
)

# What the checklist says, in the order it is decided.
UNKNOWN_STAGE = "unknown_stage"  # no birth date: we cannot count the weeks
TOO_EARLY = "too_early"
SYMPTOMS = "symptoms"  # a recent check had a symptom: a physiotherapist first
FAILED_TEST = "failed"  # a test failed or brought symptoms: a physiotherapist first
NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
READY = "ready"


@dataclass(frozen=True)
class Readiness:
    state: str
    passed: int
    failed: tuple[str, ...]
    total: int = len(TESTS)

    @property
    def ready(self) -> bool:
        return self.state == READY

    @property
    def sees_physio_first(self) -> bool:
        return self.state in (SYMPTOMS, FAILED_TEST)


def readiness(
    days_postpartum: int | None, results: Iterable[dict], recent_symptoms: bool
) -> Readiness:
    """What her checklist says today. `results` are its entries ({"test", "result", "date"});
    `recent_symptoms`: a symptom check in the last SYMPTOM_FREE_DAYS days ticked anything."""
    by_test = {entry["test"]: entry["result"] for entry in results if entry["test"] in TEST_KEYS}
    passed = sum(1 for result in by_test.values() if result == PASSED)
    failed = tuple(key for key in TEST_KEYS if by_test.get(key) == FAILED)
    if days_postpartum is None:
        state = UNKNOWN_STAGE
    elif days_postpartum < EARLIEST_DAYS:
        state = TOO_EARLY
    elif recent_symptoms:
        state = SYMPTOMS
    elif failed:
        state = FAILED_TEST
    elif passed == len(TESTS):
        state = READY
    else:
        state = IN_PROGRESS if by_test else NOT_STARTED
    return Readiness(state, passed, failed)
