"""The FHIR export: an R4 Bundle that validates, one Observation per pain rating."""

import json
from datetime import timedelta

from fhir.resources import __fhir_version__
from fhir.resources.bundle import Bundle
from fhir.resources.observation import Observation
from fhir.resources.patient import Patient

from reports.fhir import render_fhir
from tests.export_history import FIRST_DAY, write_known_history


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
    assert len(observations) == 28 == len(resources) - 1


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
