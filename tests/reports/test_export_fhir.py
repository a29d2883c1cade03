"""The FHIR export: an R4 Bundle that validates, one Observation per pain rating."""

import json
from datetime import timedelta

from fhir.resources import __fhir_version__
from fhir.resources.bundle import Bundle
from fhir.resources.observation import Observation
from fhir.resources.patient import Patient

from reports.fhir import render_fhir
from tests.support.export_history import FIRST_DAY, write_known_history, write_new_fields_history


def export(user, days: int) -> dict:
    return json.loads(render_fhir(user, FIRST_DAY, FIRST_DAY + timedelta(days=days - 1)))


def test_the_bundle_validates_as_fhir_r4(user):
    assert __fhir_version__ == "4.0.1"
    write_known_history(user, days=14)
    data = export(user, 14)
    bundle = Bundle.parse_obj(data)
    assert bundle.type == "collection"
    resources = [entry.resource for entry in bundle.entry]
    assert isinstance(resources[0], Patient)
    observations = [r for r in resources if isinstance(r, Observation)]
    pain = [o for o in observations if o.code.text == "Pain severity 0-10"]
    # 28 ratings; 12 nights' hours and quality, 14 days' interference; 14 doses.
    assert len(pain) == 28 and len(observations) == 28 + 12 + 12 + 14
    assert len(resources) == 1 + len(observations) + 14


def test_each_rating_is_a_loinc_pain_score_with_its_time_and_body_site(user):
    sent = write_known_history(user, days=3)
    data = export(user, 3)
    patient = data["entry"][0]
    observation = data["entry"][1]["resource"]
    rating = sent[0]["pain_ratings"][0]
    assert observation["id"] == rating["id"]
    assert observation["status"] == "final"
    assert observation["code"]["coding"][0] == {
        "system": "http://loinc.org",
        "code": "72514-3",
        "display": "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
    }
    assert observation["valueQuantity"] == {
        "value": 7, "unit": "{score}", "system": "http://unitsofmeasure.org", "code": "{score}",
    }  # fmt: skip
    # 07:30 in London on 24 August is summer time.
    assert observation["effectiveDateTime"] == "2026-08-24T07:30:00+01:00"
    assert observation["bodySite"]["coding"][0]["code"] == "37822005"
    assert observation["subject"]["reference"] == patient["fullUrl"]
    # Two areas: R4 has one bodySite, so both are named in its text.
    evening = data["entry"][2]["resource"]
    assert evening["bodySite"] == {"text": "Lower back, Pelvis / sacroiliac"}


def test_ids_are_stable_across_exports_and_reveal_nothing(user):
    write_known_history(user, days=2)
    first, second = export(user, 2), export(user, 2)
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
    text = json.dumps(first)
    assert user.email not in text
    assert first["entry"][0]["resource"]["name"] == [{"text": "Li Na"}]


def test_a_rating_without_a_time_is_dated_by_its_day(user):
    from tracker.days import save_day

    save_day(user, FIRST_DAY, {"mood": None, "mood_tags": [], "habits": [], "warning_signs": [],
             "note": "", "feedings": [], "exercises": [],
             "pain_ratings": [{"id": "9a1d6f0e-1111-4c3b-8e3e-0b6a5f3d2c10", "score": 3,
                               "time": None, "body_areas": []}]})  # fmt: skip
    observation = export(user, 1)["entry"][1]["resource"]
    Observation.parse_obj(observation)
    assert observation["effectiveDateTime"] == FIRST_DAY.isoformat()
    assert "bodySite" not in observation


def test_medicines_sleep_and_interference_validate_and_refer_to_her(user):
    from fhir.resources.medicationstatement import MedicationStatement

    sent = write_new_fields_history(user)
    data = export(user, 28)
    bundle = Bundle.parse_obj(data)
    resources = [entry.resource for entry in bundle.entry]
    statements = [r for r in resources if isinstance(r, MedicationStatement)]
    assert len(statements) == sum(len(day["medicines"]) for day in sent)
    observations = [r for r in resources if isinstance(r, Observation)]
    # 28 ratings, 20 nights' hours, 16 nights' quality, 24 days' interference.
    assert len(observations) == 28 + 20 + 16 + 24
    patient = data["entry"][0]["fullUrl"]
    for entry in data["entry"][1:]:
        resource = entry["resource"]
        assert resource["subject"] == {"reference": patient}
        assert entry["fullUrl"] == f"urn:uuid:{resource['id']}"
    ids = [entry["fullUrl"] for entry in data["entry"]]
    assert len(ids) == len(set(ids))


def resources_of(data: dict, kind: str) -> list[dict]:
    return [e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == kind]


def test_a_medicine_is_a_coded_medication_statement_with_its_time_and_dose(user):
    sent = write_new_fields_history(user)
    data = export(user, 28)
    statements = {s["id"]: s for s in resources_of(data, "MedicationStatement")}
    morning = statements[sent[0]["medicines"][0]["id"]]
    assert morning["status"] == "completed"
    assert morning["medicationCodeableConcept"] == {
        "text": "Paracetamol",
        "coding": [
            {"system": "http://snomed.info/sct", "code": "387517004", "display": "Paracetamol"},
            {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "161",
             "display": "acetaminophen"},
        ],
    }  # fmt: skip
    assert morning["effectiveDateTime"] == "2026-08-24T08:00:00+01:00"
    dose = {"value": 500, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"}
    assert morning["dosage"] == [{"text": "500 mg", "doseAndRate": [{"doseQuantity": dose}]}]
    assert morning["informationSource"] == morning["subject"]
    ibuprofen = statements[sent[3]["medicines"][0]["id"]]
    assert [c["code"] for c in ibuprofen["medicationCodeableConcept"]["coding"]] == [
        "387207008", "5640",
    ]  # fmt: skip
    assert ibuprofen["effectiveDateTime"] == "2026-08-27" and "dosage" not in ibuprofen
    codeine = statements[sent[5]["medicines"][0]["id"]]
    assert codeine["medicationCodeableConcept"] == {"text": "Codeine"}


def test_sleep_hours_are_loinc_sleep_duration_in_hours(user):
    write_new_fields_history(user)
    data = export(user, 28)
    observations = resources_of(data, "Observation")
    sleep = [o for o in observations if o["code"].get("coding", [{}])[0].get("code") == "93832-4"]
    assert len(sleep) == 20
    assert sleep[0]["code"]["coding"] == [
        {"system": "http://loinc.org", "code": "93832-4", "display": "Sleep duration"}
    ]
    assert sleep[0]["valueQuantity"] == {
        "value": 5.0, "unit": "h", "system": "http://unitsofmeasure.org", "code": "h",
    }  # fmt: skip
    assert sleep[0]["effectiveDateTime"] == FIRST_DAY.isoformat()
    quality = [o for o in observations if "valueCodeableConcept" in o]
    assert len(quality) == 16
    assert quality[0]["code"] == {"text": "Sleep quality last night, self-reported (awakenings)"}
    assert quality[0]["valueCodeableConcept"] == {"text": "Woke three times or more"}
    interference = [o for o in observations if o["code"]["text"].startswith("How much pain")]
    assert [o["valueQuantity"]["value"] for o in interference[:7]] == [8, 8, 8, 8, 8, 8, 6]
    assert "coding" not in interference[0]["code"]
    for observation in sleep + quality + interference:
        Observation.parse_obj(observation)
        assert observation["status"] == "final" and observation["category"]


def test_leg_symptoms_are_components_of_the_pain_rating(user):
    write_new_fields_history(user)
    data = export(user, 3)
    pain = [
        o for o in resources_of(data, "Observation") if o["code"]["text"] == "Pain severity 0-10"
    ]
    assert pain[0]["component"] == [
        {"code": {"text": "Pain going down the leg"}, "valueBoolean": True}
    ]
    assert pain[1]["component"] == [
        {"code": {"text": "Pain going down the leg"}, "valueBoolean": True},
        {"code": {"text": "Numbness or tingling in the leg"}, "valueBoolean": True},
    ]


def test_day_observation_ids_are_stable_and_differ_between_users(user, other_user):
    write_new_fields_history(user)
    write_new_fields_history(other_user)
    first, again = export(user, 28), export(user, 28)
    other = export(other_user, 28)
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in again["entry"]]
    day_ids = {e["fullUrl"] for e in first["entry"] if "component" not in e["resource"]}
    assert not day_ids & {e["fullUrl"] for e in other["entry"]}
