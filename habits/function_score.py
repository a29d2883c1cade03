"""The weekly function score: a patient-specific scale, in the way of the PSFS. Pure content.

She names up to three everyday activities that are hard since the birth (suggestions below, or
her own words) and once a week rates how able she is to do each, 0 (cannot do it) to 10 (as
well as before the pregnancy). The week's score is the average of the activities she rated.

Sources
- Stratford P, Gill C, Westaway M, Binkley J. Assessing disability and change on individual
  patients: a report of a patient specific measure. Physiotherapy Canada 1995;47(4):258-263.
  The scale is free to use; the wording here is ours. Its published form gives the minimum
  detectable change (90% confidence) as 2 points for the average score and 3 points for a
  single activity.
- Abbott JH, Schmitt JS. Minimum important differences for the Patient-Specific Functional
  Scale, 4 region-specific outcome measures, and the numeric pain rating scale. J Orthop
  Sports Phys Ther 2014;44(8):560-564: 1.3 (small), 2.3 (medium), 2.7 (large) points.
So a change of 2 points in the average is the smallest one marked as one that matters.
"""

from collections.abc import Iterable
from statistics import mean

from django.utils.translation import gettext_lazy as _

MAX_ACTIVITIES = 3
# Activities she has ever named, retired ones included: a list a person keeps, not a log.
MAX_ACTIVITIES_KEPT = 20
ACTIVITY_NAME_MAX_LENGTH = 80
LOWEST, HIGHEST = 0, 10
# Stratford 1995 (minimum detectable change of the average); Abbott & Schmitt 2014 (1.3-2.7).
SMALLEST_CHANGE = 2.0
SMALLEST_CHANGE_ONE_ACTIVITY = 3.0

# Suggestions she can pick (her own words are as good): key -> words.
SUGGESTIONS = (
    ("lift_baby_from_cot", _("Lifting the baby from the cot")),
    ("carry_car_seat", _("Carrying the car seat")),
    ("get_up_from_floor", _("Getting up off the floor")),
    ("bath_baby", _("Bathing the baby")),
    ("sit_to_feed", _("Sitting through a feed")),
    ("walk_30_minutes", _("Walking for 30 minutes")),
)
SUGGESTION_KEYS = tuple(key for key, _words in SUGGESTIONS)


def week_score(scores: Iterable[int]) -> float | None:
    """The average of the week's ratings, to one decimal; None when she rated nothing."""
    values = list(scores)
    return round(mean(values), 1) if values else None


def change_matters(change: float | None) -> bool:
    return change is not None and abs(change) >= SMALLEST_CHANGE
