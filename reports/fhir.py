"""Her log as a FHIR R4 Bundle that a hospital record system can import.

A `collection` Bundle holding a Patient and, every one referring to her:

- one Observation per pain rating: LOINC 72514-3 (pain severity, 0-10 verbal numeric rating,
  reported), the score as a valueQuantity in UCUM's {score}, the time she rated it (with her
  time zone's offset) and where it hurt, in SNOMED CT. Leg symptoms she ticked are components
  of the rating, each coded by text with valueBoolean true; one she did not tick is left out
  (unticked is not "no").
- one Observation per day with hours of sleep: LOINC 93832-4 "Sleep duration", in UCUM "h",
  dated by the day she logged it (the night before it).
- one Observation per day with a sleep quality, and one per day with pain interference. Both
  are coded by text only, which FHIR allows: no LOINC code says "awakenings last night" as
  these four answers do, and the PEG item on general activity (LOINC 91146-1) asks about the
  past week, while she rates a single day, so that code would misstate what was asked.
- her recovery: timed pelvic-floor sessions, symptom checks, the weekly function score and the
  running checklist (reports.recovery_fhir, which says how each is coded and why).
- one MedicationStatement per medicine taken: SNOMED CT substance and RxNorm ingredient codes
  for paracetamol and ibuprofen (habits.medicines), her own name for another medicine as
  text, the time she took it and the dose in UCUM mg.

Every resource id is stable: an item's is its own UUID, a day's observation's is derived from
the day, so importing the same export twice updates rather than duplicates.
"""

import json
import uuid
from datetime import date, datetime, time

from django.utils import timezone

from habits.medicines import MEDICINE_CODES, SNOMED_CT
from reports.recovery_fhir import recovery_resources, resource_id
from reports.summary import display_names
from tracker.models import DayLog, LegSymptom, SleepQuality, User

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
PAIN_CODE = {
    "system": LOINC,
    "code": "72514-3",
    "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
}
SURVEY = {
    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
    "code": "survey",
    "display": "Survey",
}
# Our body areas in SNOMED CT. Upper back has no single concept that fits, so it is sent as
# text only, which FHIR allows.
BODY_SITES = {
    "lower_back": ("37822005", "Lower back structure"),
    "pelvis": ("12921003", "Pelvic structure"),
    "hip_buttock": ("29836001", "Hip region structure"),
    "leg": ("61685007", "Lower limb structure"),
}
# Patient ids are derived from the account, never its database id or email.
PATIENT_NAMESPACE = uuid.UUID("6f1c3e52-8d0a-4c59-9b55-1a7f3f0c2d14")
SLEEP_DURATION_CODE = {"system": LOINC, "code": "93832-4", "display": "Sleep duration"}
# Text-only codes (see the module docstring for why no LOINC code is sent).
SLEEP_QUALITY_TEXT = "Sleep quality last night, self-reported (awakenings)"
INTERFERENCE_TEXT = (
    "How much pain interfered with the day, 0 (not at all) to 10 (completely), "
    "self-reported for one day"
)
LEG_SYMPTOM_TEXT = {
    LegSymptom.DOWN_LEG: "Pain going down the leg",
    LegSymptom.NUMB_TINGLING: "Numbness or tingling in the leg",
}
DAY_FIELDS_EXPORTED = (
    "date",
    "pain_ratings",
    "medicines",
    "sleep_hours",
    "sleep_quality",
    "pain_interference",
)


def patient_id(user: User) -> str:
    return str(uuid.uuid5(PATIENT_NAMESPACE, f"patient-{user.pk}-{user.date_joined.isoformat()}"))


def build_bundle(user: User, start: date, end: date) -> dict:
    profile = user.profile
    area_names = display_names()
    subject = f"urn:uuid:{patient_id(user)}"
    patient = {"resourceType": "Patient", "id": patient_id(user), "gender": "female"}
    if profile.display_name:
        patient["name"] = [{"text": profile.display_name}]
    entries = [{"fullUrl": subject, "resource": patient}]
    days = DayLog.objects.filter(user=user, date__gte=start, date__lte=end)
    for day in days.order_by("date").only(*DAY_FIELDS_EXPORTED):
        resources = [
            pain_observation(day.date, rating, subject, profile.zone, area_names)
            for rating in day.pain_ratings
        ]
        resources += day_observations(day, subject)
        resources += [
            medication_statement(day.date, item, subject, profile.zone, area_names)
            for item in day.medicines
        ]
        entries += [
            {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}
            for resource in resources
        ]
    entries += [
        {"fullUrl": f"urn:uuid:{resource['id']}", "resource": resource}
        for resource in recovery_resources(
            user,
            start,
            end,
            subject,
            lambda day, moment: effective(day, moment, profile.zone),
            lambda what: resource_id(PATIENT_NAMESPACE, subject, what),
        )
    ]
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "type": "collection",
        "timestamp": timezone.now().isoformat(timespec="seconds"),
        "entry": entries,
    }


def pain_observation(day: date, rating: dict, subject: str, zone, area_names) -> dict:
    observation = {
        "resourceType": "Observation",
        "id": rating["id"],
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{rating['id']}"}],
        "status": "final",
        "category": [{"coding": [SURVEY]}],
        "code": {"coding": [PAIN_CODE], "text": "Pain severity 0-10"},
        "subject": {"reference": subject},
        "performer": [{"reference": subject}],
        "effectiveDateTime": effective(day, rating.get("time"), zone),
        "valueQuantity": {
            "value": rating["score"],
            "unit": "{score}",
            "system": UCUM,
            "code": "{score}",
        },
    }
    site = body_site(rating.get("body_areas") or [], area_names)
    if site:
        observation["bodySite"] = site
    symptoms = [
        symptom for symptom in LEG_SYMPTOM_TEXT if symptom in rating.get("leg_symptoms", ())
    ]
    if symptoms:
        observation["component"] = [
            {"code": {"text": LEG_SYMPTOM_TEXT[symptom]}, "valueBoolean": True}
            for symptom in symptoms
        ]
    return observation


def day_observation(day: date, subject: str, what: str, code: dict) -> dict:
    """An observation of a whole day, its id derived from the patient, the day and `what`."""
    resource_id = str(uuid.uuid5(PATIENT_NAMESPACE, f"{subject}/{day.isoformat()}/{what}"))
    return {
        "resourceType": "Observation",
        "id": resource_id,
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{resource_id}"}],
        "status": "final",
        "category": [{"coding": [SURVEY]}],
        "code": code,
        "subject": {"reference": subject},
        "performer": [{"reference": subject}],
        "effectiveDateTime": day.isoformat(),
    }


def day_observations(day: DayLog, subject: str) -> list[dict]:
    """Last night's sleep (hours, quality) and how much pain got in the way of the day."""
    found = []
    if day.sleep_hours is not None:
        observation = day_observation(
            day.date, subject, "sleep-hours", {"coding": [SLEEP_DURATION_CODE], "text": "Sleep"}
        )
        observation["valueQuantity"] = {
            "value": day.sleep_hours,
            "unit": "h",
            "system": UCUM,
            "code": "h",
        }
        observation["note"] = [{"text": "Hours slept the night before this date, as reported."}]
        found.append(observation)
    if day.sleep_quality:
        observation = day_observation(
            day.date, subject, "sleep-quality", {"text": SLEEP_QUALITY_TEXT}
        )
        observation["valueCodeableConcept"] = {"text": str(SleepQuality(day.sleep_quality).label)}
        found.append(observation)
    if day.pain_interference is not None:
        observation = day_observation(
            day.date, subject, "pain-interference", {"text": INTERFERENCE_TEXT}
        )
        observation["valueQuantity"] = {
            "value": day.pain_interference,
            "unit": "{score}",
            "system": UCUM,
            "code": "{score}",
        }
        found.append(observation)
    return found


def medication_statement(day: date, item: dict, subject: str, zone, names) -> dict:
    """A medicine she took: coded when the catalogue knows it, by her own name otherwise."""
    codes = MEDICINE_CODES.get(item["medicine"], ())
    medication = {"text": item.get("name") or names.get(item["medicine"], item["medicine"])}
    if codes:
        medication["coding"] = [
            {"system": system, "code": code, "display": display} for system, code, display in codes
        ]
    statement = {
        "resourceType": "MedicationStatement",
        "id": item["id"],
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{item['id']}"}],
        "status": "completed",
        "medicationCodeableConcept": medication,
        "subject": {"reference": subject},
        "informationSource": {"reference": subject},
        "effectiveDateTime": effective(day, item.get("time"), zone),
    }
    if item.get("dose_mg"):
        dose = item["dose_mg"]
        statement["dosage"] = [
            {
                "text": f"{dose} mg",
                "doseAndRate": [
                    {"doseQuantity": {"value": dose, "unit": "mg", "system": UCUM, "code": "mg"}}
                ],
            }
        ]
    return statement


def effective(day: date, value: str | None, zone) -> str:
    """Her local time with its UTC offset; a rating without a time is dated by its day."""
    if not value:
        return day.isoformat()
    moment = datetime.combine(day, time.fromisoformat(value), tzinfo=zone)
    return moment.isoformat(timespec="seconds")


def body_site(areas: list[str], area_names: dict[str, str]) -> dict | None:
    """R4 allows one bodySite: coded when she marked one area, the areas as text when more."""
    if not areas:
        return None
    text = ", ".join(area_names.get(area, area) for area in areas)
    if len(areas) == 1 and areas[0] in BODY_SITES:
        code, display = BODY_SITES[areas[0]]
        return {"coding": [{"system": SNOMED_CT, "code": code, "display": display}], "text": text}
    return {"text": text}


def render_fhir(user: User, start: date, end: date) -> bytes:
    bundle = build_bundle(user, start, end)
    return json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).encode()
