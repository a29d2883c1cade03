"""Her recovery in the FHIR R4 Bundle (reports.fhir), every resource referring to her:

- one Observation per timed pelvic-floor session (category "activity"): her level, the slow
  squeezes she held to the end, the seconds of each, the quick squeezes, and how it felt, as
  components;
- one Observation per symptom check (category "survey"): every symptom the check asks about as
  a component with valueBoolean, true when she ticked it and false when she did not (a saved
  check asked about each, so unticked is "no", unlike a leg symptom on a pain rating), and the
  tummy gap in finger widths when she checked it;
- one QuestionnaireResponse per week she rated her function score: an item per activity, its
  linkId the activity's id and its text her own words, the answer 0-10;
- one Observation per test of her running checklist, passed (true) or not (false), dated.

Coded by text only, which FHIR allows, and for these reasons: no LOINC code could be found for
the Patient-Specific Functional Scale or an item of it (searched; the published scale has
none), and a patient-specific item has no fixed code by nature; SNOMED CT has findings such as
stress incontinence, but what she ticks is a self-check answer, not a clinician's finding, and
the concept ids could not be verified here, so none is sent rather than one that may be wrong;
the pelvic-floor session and the running tests are this app's own measures. The pain ratings
keep their LOINC code (reports.fhir).

Ids are stable: an item's is its own UUID, a week's and a test's are derived from the patient
and what they are, so importing the same export twice updates rather than duplicates.
"""

import uuid
from datetime import date

from django.utils import translation

from habits.function_score import HIGHEST, LOWEST
from habits.recovery_rules import SYMPTOMS
from habits.running_readiness import PASSED, TESTS
from tracker.models import DayLog
from tracker.recovery import function_weeks
from tracker.recovery_models import FunctionActivity, FunctionWeek, RunningReadiness

CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ACTIVITY = {"system": CATEGORY, "code": "activity", "display": "Activity"}
SURVEY = {"system": CATEGORY, "code": "survey", "display": "Survey"}
UCUM = "http://unitsofmeasure.org"
SESSION_TEXT = "Pelvic floor muscle training session, timed, self-guided (postnatal)"
CHECK_TEXT = "Pelvic floor symptom self-check (postnatal), self-reported"
TUMMY_GAP_TEXT = (
    "Gap between the rectus abdominis muscles at the navel, self-checked, in finger widths "
    "(5: five or more)"
)
SYMPTOM_TEXT = {
    "leak_cough_sneeze": "Urine leakage with a cough, sneeze or laugh",
    "leak_exercise": "Urine leakage with exercise or lifting",
    "leak_urgency": "Urine leakage on the way to the toilet (urgency)",
    "heaviness": "Vaginal heaviness or dragging",
    "doming": "Abdominal doming along the midline during exercise",
    "front_pelvic_pain": "Pain at the front of the pelvis on walking",
}
FUNCTION_TEXT = (
    f"Patient-specific function score, weekly: each activity she named rated {LOWEST} (unable) "
    f"to {HIGHEST} (as able as before the pregnancy)"
)
TEST_PREFIX = "Return-to-running readiness test (Goom, Donnelly & Brockwell 2019): "


def test_text(key: str) -> str:
    """The test in English, as every other text of the bundle is."""
    with translation.override("en"):
        return TEST_PREFIX + next(str(test.label) for test in TESTS if test.key == key)


def resource_id(namespace: uuid.UUID, subject: str, what: str) -> str:
    return str(uuid.uuid5(namespace, f"{subject}/{what}"))


def observation(resource_id: str, category: dict, text: str, subject: str, when: str) -> dict:
    return {
        "resourceType": "Observation",
        "id": resource_id,
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{resource_id}"}],
        "status": "final",
        "category": [{"coding": [category]}],
        "code": {"text": text},
        "subject": {"reference": subject},
        "performer": [{"reference": subject}],
        "effectiveDateTime": when,
    }


def session_observation(day: date, session: dict, subject: str, effective) -> dict:
    resource = observation(
        session["id"], ACTIVITY, SESSION_TEXT, subject, effective(day, session.get("time"))
    )
    resource["component"] = [
        {"code": {"text": "Level (1 to 5)"}, "valueInteger": session["level"]},
        {"code": {"text": "Slow squeezes held to the end"}, "valueInteger": session["holds"]},
        {
            "code": {"text": "Seconds each slow squeeze was held"},
            "valueQuantity": {
                "value": session["hold_seconds"],
                "unit": "s",
                "system": UCUM,
                "code": "s",
            },
        },
        {"code": {"text": "Quick squeezes"}, "valueInteger": session["quick_squeezes"]},
    ]
    if session.get("effort"):
        effort = "comfortable" if session["effort"] == "comfortable" else "hard to finish"
        resource["component"].append({"code": {"text": "How it felt"}, "valueString": effort})
    return resource


def check_observation(day: date, check: dict, subject: str, effective) -> dict:
    resource = observation(
        check["id"], SURVEY, CHECK_TEXT, subject, effective(day, check.get("time"))
    )
    components = []
    if check["context"] != "tummy_gap":
        ticked = set(check.get("symptoms") or ())
        components += [
            {"code": {"text": SYMPTOM_TEXT[key]}, "valueBoolean": key in ticked}
            for key, _label in SYMPTOMS
        ]
    if check.get("tummy_gap_fingers") is not None:
        components.append(
            {"code": {"text": TUMMY_GAP_TEXT}, "valueInteger": check["tummy_gap_fingers"]}
        )
    resource["component"] = components
    return resource


def function_response(week: FunctionWeek, names: dict[str, str], subject: str, ids) -> dict:
    resource_id = ids(f"function-week/{week.week.isoformat()}")
    return {
        "resourceType": "QuestionnaireResponse",
        "id": resource_id,
        "identifier": {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{resource_id}"},
        "status": "completed",
        "subject": {"reference": subject},
        "author": {"reference": subject},
        "source": {"reference": subject},
        "authored": week.week.isoformat(),
        "text": {
            "status": "generated",
            "div": '<div xmlns="http://www.w3.org/1999/xhtml">' + FUNCTION_TEXT + "</div>",
        },
        "item": [
            {
                "linkId": item["activity"],
                "text": names.get(item["activity"], item["activity"]),
                "answer": [{"valueInteger": item["score"]}],
            }
            for item in week.scores
        ],
    }


def recovery_resources(user, start: date, end: date, subject: str, effective, ids) -> list[dict]:
    """Her recovery from `start` to `end`. `effective(day, time)` dates an item as the pain
    ratings are dated; `ids(what)` gives a stable id for a resource that is not an item."""
    found = []
    days = DayLog.objects.filter(user=user, date__gte=start, date__lte=end).order_by("date")
    for day, sessions, checks in days.values_list(
        "date", "pelvic_floor_sessions", "symptom_checks"
    ):
        found += [session_observation(day, item, subject, effective) for item in sessions]
        found += [check_observation(day, item, subject, effective) for item in checks]
    names = {str(a.uid): a.name for a in FunctionActivity.objects.filter(user=user)}
    weeks = function_weeks(user, start, end)
    found += [function_response(week, names, subject, ids) for week in weeks if week.scores]
    sheet = RunningReadiness.objects.filter(user=user).first()
    for entry in sheet.tests if sheet else []:
        if not start.isoformat() <= entry["date"] <= end.isoformat():
            continue
        what = ids(f"running-test/{entry['test']}")
        resource = observation(what, ACTIVITY, test_text(entry["test"]), subject, entry["date"])
        resource["valueBoolean"] = entry["result"] == PASSED
        found.append(resource)
    return found
