"""Her recovery travels in every export: the CSV, the JSON backup (a round trip loses nothing,
and a bad file names the field) and the FHIR Bundle (which validates as R4)."""

import csv
import io
import json
from datetime import timedelta

import pytest
from fhir.resources.bundle import Bundle
from fhir.resources.observation import Observation
from fhir.resources.questionnaireresponse import QuestionnaireResponse

from reports.backup import BackupError, dump, load
from reports.export_csv import render_csv
from reports.fhir import render_fhir
from reports.summary import build_summary
from tests.support.recovery_history import CAR_SEAT, COT, RECOVERY_END, write_recovery_history
from tracker.models import DayLog, User
from tracker.recovery import recovery_state
from tracker.recovery_models import FunctionActivity, FunctionWeek, RunningReadiness

pytestmark = pytest.mark.django_db

START = RECOVERY_END - timedelta(days=34)


@pytest.fixture
def recovered(user):
    write_recovery_history(user)
    return user


def csv_rows(user, language="en") -> list[dict]:
    from django.utils import translation

    with translation.override(language):
        content = render_csv(user, START, RECOVERY_END).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content)))


def test_the_csv_has_a_row_per_session_check_rating_and_test(recovered):
    rows = csv_rows(recovered)
    by_record = {}
    for row in rows:
        by_record.setdefault(row["record"], []).append(row)
    assert len(by_record["pelvic_floor_session"]) == 42
    first = by_record["pelvic_floor_session"][0]
    assert (first["level"], first["holds"], first["hold_seconds"], first["quick_squeezes"]) == (
        "1", "5", "3", "5"
    )  # fmt: skip
    assert first["effort"] == "comfortable" and first["time"] == "09:00"
    checks = by_record["symptom_check"]
    assert [c["check_context"] for c in checks] == ["weekly", "weekly", "tummy_gap", "weekly"]
    assert checks[-1]["symptoms"] == "leaking with a cough, sneeze or laugh"
    assert checks[2]["tummy_gap_fingers"] == "3" and checks[2]["days_postpartum"] == "85"
    scores = [(r["date"], r["activity"], r["function_score"]) for r in by_record["function_score"]]
    assert scores[-1][1:] == ("Carrying the car seat", "5") and len(scores) == 4
    tests = {r["running_test"]: r["result"] for r in by_record["running_test"]}
    assert tests["hop_on_the_spot"] == "failed" and len(tests) == 5


def test_the_csv_names_symptoms_in_her_language(recovered):
    check = [r for r in csv_rows(recovered, "zh-hans") if r["record"] == "symptom_check"][-1]
    assert check["symptoms"] == "咳嗽、打喷嚏或大笑时漏尿"


def new_account() -> User:
    return User.objects.create_user("new@example.com", "a-long-password-3")


def test_the_backup_round_trip_keeps_her_recovery(recovered):
    exported = json.loads(json.dumps(dump(recovered), default=str))
    assert [a["id"] for a in exported["function_activities"]] == [str(COT), str(CAR_SEAT)]
    assert len(exported["function_weeks"]) == 2 and len(exported["running_readiness"]["tests"]) == 5
    assert exported["days"][0]["pelvic_floor_sessions"][0]["level"] == 1
    restored = new_account()
    loaded = load(restored, exported)
    assert (loaded["function_activities"], loaded["function_weeks"]) == (2, 2)
    again = json.loads(json.dumps(dump(restored), default=str))
    for key in ("days", "function_activities", "function_weeks", "running_readiness"):
        assert again[key] == exported[key], key
    # What follows from it reads the same: her level, the suggestions, the report's block.
    mine, theirs = recovery_state(recovered, RECOVERY_END), recovery_state(restored, RECOVERY_END)
    assert mine.level == theirs.level and mine.suggestions == theirs.suggestions
    ours = build_summary(restored, START, RECOVERY_END)
    assert (ours.function_first, ours.function_latest) == (3.0, 5.5)
    # The versions are those a phone holds: a conditional write works at once.
    week = FunctionWeek.objects.get(user=restored, week=exported["function_weeks"][0]["week"])
    assert week.version == FunctionWeek.objects.get(user=recovered, week=week.week).version


def test_a_backup_without_her_recovery_loads_as_one_with_none(recovered):
    exported = json.loads(json.dumps(dump(recovered), default=str))
    for key in ("function_activities", "function_weeks", "running_readiness"):
        del exported[key]
    restored = new_account()
    load(restored, exported)
    assert not FunctionActivity.objects.filter(user=restored).exists()
    assert not RunningReadiness.objects.filter(user=restored).exists()


@pytest.mark.parametrize(
    ("spoil", "field"),
    [
        (lambda d: d["function_activities"][0].update(name=""), "function_activities[0].name"),
        (lambda d: d["function_weeks"][0].update(week="2026-09-23"), "function_weeks[0].week"),
        (
            lambda d: d["function_weeks"][1]["scores"][0].update(score=12),
            "function_weeks[1].scores[0].score",
        ),
        (
            lambda d: d["function_weeks"][0]["scores"][0].update(
                activity="00000000-0000-0000-0000-000000000001"
            ),
            "function_weeks[0].scores[0].activity",
        ),
        (
            lambda d: d["running_readiness"]["tests"][0].update(result="maybe"),
            "running_readiness.tests[0].result",
        ),
        (
            lambda d: d["days"][2]["pelvic_floor_sessions"][0].update(level=9),
            "days[2].pelvic_floor_sessions[0].level",
        ),
    ],
)
def test_a_bad_recovery_in_a_backup_names_the_field_and_writes_nothing(recovered, spoil, field):
    data = json.loads(json.dumps(dump(recovered), default=str))
    spoil(data)
    target = new_account()
    with pytest.raises(BackupError) as caught:
        load(target, data)
    assert field in caught.value.errors, caught.value.errors
    assert not DayLog.objects.filter(user=target).exists()
    assert not FunctionActivity.objects.filter(user=target).exists()


def test_the_fhir_bundle_carries_her_recovery_and_validates(recovered):
    data = json.loads(render_fhir(recovered, START, RECOVERY_END))
    bundle = Bundle.parse_obj(data)
    resources = [entry.resource for entry in bundle.entry]
    sessions = [
        r
        for r in resources
        if isinstance(r, Observation) and r.code.text.startswith("Pelvic floor muscle")
    ]
    checks = [r for r in resources if isinstance(r, Observation) and "self-check" in r.code.text]
    responses = [r for r in resources if isinstance(r, QuestionnaireResponse)]
    tests = [r for r in resources if isinstance(r, Observation) and "running" in r.code.text]
    assert len(sessions) == 42 and len(checks) == 4 and len(responses) == 2 and len(tests) == 5
    first = data["entry"][[e["resource"]["id"] for e in data["entry"]].index(str(sessions[0].id))]
    components = {c["code"]["text"]: c for c in first["resource"]["component"]}
    assert components["Level (1 to 5)"]["valueInteger"] == 1
    assert components["Seconds each slow squeeze was held"]["valueQuantity"]["code"] == "s"
    # A saved check answered every symptom: ticked is true, unticked false.
    leaking = checks[-1]
    answers = {c.code.text: c.valueBoolean for c in leaking.component}
    assert answers["Urine leakage with a cough, sneeze or laugh"] is True
    assert answers["Vaginal heaviness or dragging"] is False and len(answers) == 6
    gap = [c for c in checks[2].component if "finger widths" in c.code.text]
    assert gap[0].valueInteger == 3
    latest = responses[-1]
    assert [(i.text, i.answer[0].valueInteger) for i in latest.item] == [
        ("Lifting the baby from the cot", 6),
        ("Carrying the car seat", 5),
    ]
    assert {t.valueBoolean for t in tests} == {True, False}
    # Text only, on purpose: no code is sent for these (see reports.recovery_fhir).
    assert all(not r.code.coding for r in [*sessions, *checks, *tests])


def test_fhir_ids_of_her_recovery_are_stable(recovered):
    first = json.loads(render_fhir(recovered, START, RECOVERY_END))
    second = json.loads(render_fhir(recovered, START, RECOVERY_END))
    assert [e["fullUrl"] for e in first["entry"]] == [e["fullUrl"] for e in second["entry"]]
