"""What Today answers with as she logs, beyond the form: the advice its script fetches (the
painkiller rules and their words, the medicine cautions, the leg line), and the checks and
pointers that read the days before (tracker.days_around), as the page shows them before the
script runs; the script keeps them in step with what she logs (frontend/src/day/).
"""

import hashlib
import json
from functools import lru_cache

from django.urls import reverse
from django.utils.translation import get_language

from habits.dose_limits import rules_payload
from habits.medicine_advice import page_texts
from habits.warning_guidance import LEG_SYMPTOMS_GUIDANCE, guidance_payload
from tracker.days_around import HEAVY_INTERFERENCE_AT_LEAST, HEAVY_INTERFERENCE_DAYS, DaysAround
from tracker.low_mood import LOW_MOOD_AT_MOST, is_low
from tracker.models import SleepQuality

# The advice of a page whose region is unknown (the general lists of numbers).
ANY_REGION = "any"


def advice_payload(region: str) -> dict:
    """What the page's script answers with as she logs, offline too: the painkiller rules and
    what to say when one is passed, the cautions of the medicine form, the leg line, and each
    warning sign's own words and helplines (the page itself carries each urgency's block, so
    a sign ticked before this has loaded still says what to do). The same for everyone of one
    language and region, so it is served apart from the page (tracker.views.day_advice) for
    phones to keep, and Today stays light."""
    guidance = guidance_payload(region)
    return {
        "rules": rules_payload(),
        **page_texts(region),
        "leg": str(LEG_SYMPTOMS_GUIDANCE),
        "signs": guidance["signs"],
        "sign_lines": guidance["sign_lines"],
    }


def advice_url(region: str) -> str:
    """Where the page's script fetches advice_payload: by language and region, with a version
    of its content, so a phone keeps it until it changes."""
    language = get_language() or "en"
    version = advice_version(language, region)
    return f"{reverse('day-advice', args=[language, region or ANY_REGION])}?v={version}"


@lru_cache(maxsize=64)
def advice_version(language: str, region: str) -> str:
    text = json.dumps(advice_payload(region), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def around_the_day(day: dict, around: DaysAround | None, catalogue: dict) -> dict:
    """The checks and pointers that read the days before (tracker.days_around), as the
    template shows them before the script runs; the script keeps them in step as she logs."""
    if around is None:
        return {"dose_alerts": day.get("dose_alerts", [])}
    mood = day.get("mood")
    state = "none" if mood is None else "low" if is_low(mood) else "other"
    interference = day.get("pain_interference")
    heavy_today = interference is not None and interference >= HEAVY_INTERFERENCE_AT_LEAST
    guidance = catalogue["guidance"]
    return {
        "dose_alerts": day.get("dose_alerts", []),
        "doses_before": json.dumps(around.doses_before, separators=(",", ":")),
        "first_ibuprofen": not around.took_ibuprofen,
        "hardly_slept_before": around.hardly_slept_before,
        "hardly_slept_twice": around.hardly_slept_before
        and day.get("sleep_quality") == SleepQuality.HARDLY,
        # Drawn where this week has, or can reach with today's score, 3 heavy days; the
        # script decides by today's score only where that is what it hangs on.
        "heavy_days_possible": around.heavy_days_before >= HEAVY_INTERFERENCE_DAYS - 1,
        "heavy_days_shown": around.heavy_days_before + heavy_today >= HEAVY_INTERFERENCE_DAYS,
        "heavy_days_at": HEAVY_INTERFERENCE_AT_LEAST
        if around.heavy_days_before < HEAVY_INTERFERENCE_DAYS
        else None,
        "low_mood_card": around.low_mood_card if around.shows_low_mood_card else None,
        "low_mood_at": LOW_MOOD_AT_MOST,
        "low_mood_card_shown": around.low_mood_card[state],
        # The numbers to tap wherever the page says to call emergency services.
        "call_lines": guidance["call"]["lines"],
        "self_harm": {
            "text": guidance["signs"].get("self_harm_thoughts", ""),
            "helplines": guidance["sign_lines"].get("self_harm_thoughts", []),
            "note": guidance["call"]["note"],
        },
    }
