"""Her pain ratings as a FHIR R4 Bundle that a hospital record system can import.

A `collection` Bundle holding a Patient and one Observation per pain rating: LOINC 72514-3
(pain severity, 0-10 verbal numeric rating, reported), the score as a valueQuantity in UCUM's
{score}, the time she rated it (with her time zone's offset) and where it hurt, in SNOMED CT.
Every resource id is stable: an Observation's is the rating's own UUID, so importing the same
export twice updates rather than duplicates.
"""

import json
import uuid
from datetime import date, datetime, time

from django.utils import timezone

from reports.summary import display_names
from tracker.models import DayLog, User

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
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
    days = DayLog.objects.filter(user=user, date__gte=start, date__lte=end, pain_count__gt=0)
    for day in days.order_by("date").only("date", "pain_ratings"):
        for rating in day.pain_ratings:
            observation = pain_observation(day.date, rating, subject, profile.zone, area_names)
            entries.append({"fullUrl": f"urn:uuid:{rating['id']}", "resource": observation})
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
    return observation


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
        return {"coding": [{"system": SNOMED, "code": code, "display": display}], "text": text}
    return {"text": text}


def render_fhir(user: User, start: date, end: date) -> bytes:
    bundle = build_bundle(user, start, end)
    return json.dumps(bundle, ensure_ascii=False, separators=(",", ":")).encode()
