"""What the day page shows before any JavaScript runs: the stored day in display form.

The page's script (frontend/src/day/) takes over from the same markup; this module only turns
the API's day JSON and the catalogue payload into what the template needs, so the stored day,
and the guidance for any warning sign in it, read the same with scripts off.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from habits.catalogue import GROUPS
from habits.medicine_advice import LOGGED_BY_MISTAKE
from habits.medicines import OTHER_MEDICINE, USUAL_DOSES
from habits.warning_guidance import GROUP_HEADINGS, LEG_SYMPTOMS_GUIDANCE, URGENCY_ORDER
from tracker.day_answers import advice_url, around_the_day
from tracker.days_around import DaysAround
from tracker.models import NOTE_MAX_LENGTH, FeedingPosture, FeedingSide, LegSymptom, SleepQuality

# Defaults a stepper starts from when an exercise is first ticked.
EXERCISE_DEFAULTS = {"reps": 10, "minutes": 10}
FEEDING_DEFAULT_MINUTES = 15
# Chinese packets give painkiller doses in grams (0.5 克), so there the chips say both.
GRAMS_TOO_IN = ("zh",)
# The quick sleep chips, in hours; the stepper beside them gives any half hour.
SLEEP_CHIPS = (4, 5, 6, 7, 8)


# As Django's json_script escapes, so the JSON cannot end the <script> element early.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_element(value, element_id: str) -> SafeString:
    """Django's json_script, but compact and in UTF-8: Chinese as \\uXXXX escapes weighs about
    three times as much, and this is most of what Today's page carries besides its form."""
    text = json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script id="{}" type="application/json">{}</script>',
        element_id,
        SafeString(text.translate(_SCRIPT_ESCAPES)),
    )


def short_time(value: str | None) -> str:
    """'07:30:00' -> '07:30'; the API returns seconds that nobody logs."""
    return value[:5] if value else ""


def _join(parts: list[str]) -> str:
    return pgettext("list separator", ", ").join(part for part in parts if part)


def _names(catalogue: dict) -> dict[str, str]:
    return {item["key"]: item["name"] for group in GROUPS.values() for item in catalogue[group]}


def _choices(items: list[dict], selected: list[str]) -> list[dict]:
    chosen = set(selected)
    return [dict(item, checked=item["key"] in chosen) for item in items]


def warning_guidance(signs: list[str], catalogue: dict) -> list[dict]:
    """One block per urgency among the ticked signs, most urgent first."""
    by_key = {item["key"]: item for item in catalogue["warning_signs"]}
    texts = catalogue["guidance"]
    blocks = []
    for urgency in URGENCY_ORDER:
        ticked = [by_key[key] for key in signs if by_key.get(key, {}).get("urgency") == urgency]
        if not ticked:
            continue
        general = texts["urgency"][str(urgency)]
        emergency = urgency == URGENCY_ORDER[0]
        blocks.append(
            {
                "urgency": str(urgency),
                "title": general["title"],
                "body": general["body"],
                # Every block that says "call emergency services" gets the tap-to-call lines;
                # the emergency one also the reminder that the app itself calls nobody.
                "lines": texts["call"]["lines"] if str(urgency) in texts["call"]["for"] else [],
                "note": texts["call"]["note"] if emergency else "",
                "signs": [
                    {
                        "key": item["key"],
                        "name": item["name"],
                        "extra": texts["signs"].get(item["key"], ""),
                        "lines": texts["sign_lines"].get(item["key"], []),
                    }
                    for item in ticked
                ],
            }
        )
    return blocks


def warning_groups(catalogue: dict, selected: list[str]) -> list[dict]:
    """The signs she can tick, grouped by urgency under a heading, most urgent first."""
    signs = _choices(catalogue["warning_signs"], selected)
    return [
        {
            "urgency": str(urgency),
            "heading": str(GROUP_HEADINGS[urgency]),
            "signs": [sign for sign in signs if sign.get("urgency") == urgency],
        }
        for urgency in URGENCY_ORDER
    ]


def _feeding_detail(feeding: dict, names: dict[str, str]) -> str:
    minutes = feeding.get("minutes")
    return _join(
        [
            _("%(minutes)s min") % {"minutes": minutes} if minutes is not None else "",
            str(dict(FeedingSide.choices).get(feeding.get("side"), "")),
            str(dict(FeedingPosture.choices).get(feeding.get("posture"), "")),
            *[names.get(key, key) for key in feeding.get("supports", [])],
        ]
    )


def _latest(items: list[dict]) -> dict | None:
    """The item logged latest in the day (by its time; an item without one counts as early)."""
    if not items:
        return None
    return max(enumerate(items), key=lambda pair: (pair[1].get("time") or "", pair[0]))[1]


MOOD_WORDS = {
    1: _lazy("Very low"),
    2: _lazy("Low"),
    3: _lazy("Okay"),
    4: _lazy("Good"),
    5: _lazy("Very good"),
}


def so_far(day: dict) -> dict:
    """The strip at the top of Today: latest pain, feeds with the last one's time, exercises, mood.
    frontend/src/day/render.ts draws the same from the state."""
    rating = _latest(day.get("pain_ratings", []))
    feeding = _latest(day.get("feedings", []))
    feeds = len(day.get("feedings", []))
    last_time = short_time(feeding.get("time")) if feeding else ""
    mood = day.get("mood")
    return {
        "pain": str(rating["score"]) if rating else "",
        "feeds": f"{feeds} · {last_time}" if last_time else str(feeds),
        "exercises": len(day.get("exercises", [])),
        "mood": str(MOOD_WORDS[mood]) if mood in MOOD_WORDS else "",
    }


def script_catalogue(catalogue: dict) -> dict:
    """What the page's script needs of the catalogue beyond the page itself: what each
    urgency's block says when a sign is ticked. Names, and each sign's urgency, it reads from
    the page's own labels, so they are not sent twice."""
    guidance = catalogue["guidance"]
    # Each sign's own words come with the page's advice (tracker.day_answers): without them, a
    # block still says what to do and gives the numbers to call.
    return {"guidance": {key: guidance[key] for key in ("urgency", "call")}}


def _medicine(medicine: dict, names: dict[str, str]) -> dict:
    dose = medicine.get("dose_mg")
    key = medicine["medicine"]
    other = key == OTHER_MEDICINE and medicine.get("name")
    return {
        "id": medicine["id"],
        "time": short_time(medicine.get("time")),
        "title": medicine["name"] if other else names.get(key, key),
        "detail": _("%(mg)s mg") % {"mg": dose} if dose is not None else "",
    }


def dose_label(mg: int) -> str:
    """ "500 mg"; in Chinese "500 毫克（0.5 克）", as the packets there say it."""
    label = _("%(mg)s mg") % {"mg": mg}
    if (get_language() or "").startswith(GRAMS_TOO_IN):
        label += _("(%(grams)s g)") % {"grams": f"{mg / 1000:g}"}
    return label


def _hours_text(hours: float | None) -> str:
    """5.0 -> "5", 5.5 -> "5.5": as the stepper shows it."""
    if hours is None:
        return ""
    return str(int(hours)) if float(hours).is_integer() else str(hours)


def script_strings() -> dict[str, str]:
    """The words the page's script shows (frontend/src/day/strings.ts), in her language;
    {name} placeholders are filled by the script."""
    return {
        "saving": _("Saving…"),
        "saved": _("Saved"),
        "offline": _("Saved on this phone — will sync when online"),
        "retrying": _("Saved on this phone — the server did not answer, trying again soon"),
        "error": _("Not saved: %(message)s") % {"message": "{message}"},
        "loggedOut": _("Not saved: please log in again. Your changes are kept on this phone."),
        "merged": _("Merged with changes from another device"),
        "refreshed": _("Updated with changes from another device"),
        "painTitle": _("Pain %(score)s out of 10") % {"score": "{score}"},
        "minutes": _("%(minutes)s min") % {"minutes": "{n}"},
        "noteCount": _("%(count)s of %(max)s characters") % {"count": "{count}", "max": "{max}"},
        "listSeparator": pgettext("list separator", ", "),
        "timerStart": _("Start feed timer"),
        "timerStop": _("Stop and log feed"),
        "doseMg": _("%(mg)s mg") % {"mg": "{n}"},
    }


def day_page(
    day_data: dict | None,
    catalogue: dict,
    guides: dict | None = None,
    around: DaysAround | None = None,
    region: str = "",
) -> dict:
    """What the template needs. `guides` is habits.catalogue.exercise_guides for her stage;
    `around`, what the days before say (the page of a day with nothing before leaves it out)."""
    day = dict(day_data or {})
    # The alerts are drawn from the day's doses by the page itself: not sent twice.
    day_data = {key: value for key, value in day.items() if key != "dose_alerts"} or None
    guides = guides or {}
    names = _names(catalogue)
    names.update((value, str(label)) for value, label in LegSymptom.choices)
    entries: dict[str, dict] = {}
    for entry in day.get("exercises", []):
        entries.setdefault(entry["exercise"], entry)
    exercises = []
    for item in catalogue["exercises"]:
        unit = item.get("unit") or "reps"
        entry = entries.get(item["key"])
        value = entry.get(unit) if entry else None
        guide = guides.get(item["key"], {})
        if guide.get("after_checklist") and entry is None:
            continue  # running, before her checklist is passed (tracker.recovery_page)
        exercises.append(
            dict(
                item,
                unit=unit,
                checked=entry is not None,
                value=value if value is not None else EXERCISE_DEFAULTS[unit],
                tip=guide.get("tip", ""),
                from_weeks=guide.get("from_weeks"),
            )
        )
    return {
        **around_the_day(day, around, catalogue),
        "advice_url": advice_url(region),
        "leg_symptoms_guidance": LEG_SYMPTOMS_GUIDANCE,
        "mistake": LOGGED_BY_MISTAKE,
        "mood": day.get("mood"),
        "so_far": so_far(day),
        "day_json": json_element(day_data, "day-data"),
        "catalogue_json": json_element(script_catalogue(catalogue), "catalogue-data"),
        "strings_json": json_element(script_strings(), "day-strings"),
        "note": day.get("note", ""),
        "note_max_length": NOTE_MAX_LENGTH,
        "pain_scale": range(11),
        "pain_ratings": [
            {
                "id": rating["id"],
                "score": rating["score"],
                "time": short_time(rating.get("time")),
                "detail": _join(
                    [
                        names.get(key, key)
                        for key in [*rating.get("body_areas", []), *rating.get("leg_symptoms", [])]
                    ]
                ),
            }
            for rating in day.get("pain_ratings", [])
        ],
        "feedings": [
            {
                "id": feeding["id"],
                "time": short_time(feeding.get("time")),
                "position": names.get(feeding["position"], feeding["position"]),
                "detail": _feeding_detail(feeding, names),
            }
            for feeding in day.get("feedings", [])
        ],
        "exercises": exercises,
        "amount_defaults": EXERCISE_DEFAULTS,
        "leg_symptoms": LegSymptom.choices,
        "leg_symptoms_logged": any(r.get("leg_symptoms") for r in day.get("pain_ratings", [])),
        "medicines": [_medicine(medicine, names) for medicine in day.get("medicines", [])],
        "medicine_choices": catalogue.get("medicines", []),
        "usual_doses": [
            {"medicine": medicine, "mg": mg, "label": dose_label(mg)}
            for medicine, doses in USUAL_DOSES.items()
            for mg in doses
        ],
        "sleep_hours": day.get("sleep_hours"),
        "sleep_hours_text": _hours_text(day.get("sleep_hours")),
        "sleep_chips": SLEEP_CHIPS,
        "sleep_qualities": [
            {"value": value, "label": label, "checked": value == day.get("sleep_quality")}
            for value, label in SleepQuality.choices
            if value
        ],
        "pain_interference": day.get("pain_interference"),
        "body_areas": catalogue["body_areas"],
        "positions": catalogue["positions"],
        "supports": catalogue["supports"],
        "postures": FeedingPosture.choices,
        "sides": FeedingSide.choices,
        "feeding_minutes": FEEDING_DEFAULT_MINUTES,
        "mood_tags": _choices(catalogue["mood_tags"], day.get("mood_tags", [])),
        "habits": _choices(catalogue["habits"], day.get("habits", [])),
        "warning_groups": warning_groups(catalogue, day.get("warning_signs", [])),
        "guidance": warning_guidance(day.get("warning_signs", []), catalogue),
    }
