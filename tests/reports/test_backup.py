"""The full backup: everything she entered goes out and comes back into a new account."""

import io
import json
import re
from datetime import time, timedelta

import pypdfium2 as pdfium
import pytest
from django.core.management import call_command
from django.test import Client

from reminders.models import ReminderSchedule
from reports.backup import BackupError, dump, load
from tests.support.accounts import token_client
from tests.support.export_history import (
    BIRTH,
    FIRST_DAY,
    known_day,
    write_known_history,
    write_new_fields_history,
)
from tracker.models import DayLog, User, content_version


def comparable(data: dict) -> dict:
    """A backup without what belongs to the account rather than to her log."""
    return {key: value for key, value in data.items() if key not in ("email", "exported_at")}


@pytest.fixture
def full_account(user):
    write_known_history(user, days=40)
    profile = user.profile
    profile.language = "zh-hans"
    profile.feeding_mode = "mixed"
    profile.country = "GB"
    profile.visit_questions = "When can I run again?\n什么时候可以跑步？"
    profile.quiet_start, profile.quiet_end = time(23, 0), time(6, 30)
    profile.save()
    ReminderSchedule.objects.create(
        user=user, purpose="exercises", times=["10:00", "16:30"], weekdays=[0, 2, 4],
        channel="both", skip_if_logged=True, enabled=False,
    )  # fmt: skip
    return user


def new_account(email: str = "new@example.com") -> User:
    return User.objects.create_user(email, "another-long-password-3")


def test_the_round_trip_loses_nothing(full_account):
    exported = json.loads(json.dumps(dump(full_account), default=str))
    assert len(exported["days"]) == 40
    assert load(new_account(), exported) == {
        "days": 40,
        "reminders": 1,
        "function_activities": 0,
        "function_weeks": 0,
    }
    again = json.loads(json.dumps(dump(User.objects.get(email="new@example.com")), default=str))
    assert comparable(again) == comparable(exported)
    assert exported["profile"]["country"] == "GB"


def test_a_backup_from_before_the_country_field_still_loads(full_account):
    exported = json.loads(json.dumps(dump(full_account), default=str))
    del exported["profile"]["country"]
    assert load(new_account(), exported)["days"] == 40
    assert User.objects.get(email="new@example.com").profile.country == ""


def test_a_bad_file_names_the_field_and_writes_nothing(full_account):
    data = json.loads(json.dumps(dump(full_account), default=str))
    data["days"][3]["pain_ratings"][0]["score"] = 11
    data["reminders"][0]["times"] = ["25:00"]
    target = new_account()
    with pytest.raises(BackupError) as caught:
        load(target, data)
    assert set(caught.value.errors) == {"days[3].pain_ratings[0].score", "reminders[0].times[0]"}
    assert not DayLog.objects.filter(user=target).exists()
    target.profile.refresh_from_db()
    assert target.profile.visit_questions == ""


def test_a_backup_never_overwrites_logged_days(full_account):
    data = json.loads(json.dumps(dump(full_account), default=str))
    with pytest.raises(BackupError) as caught:
        load(full_account, data)
    assert "days" in caught.value.errors


@pytest.mark.parametrize(
    ("data", "field"),
    [("not a backup", "format"), ({"format": "backcare-backup", "version": 99}, "version"),
     ({"format": "backcare-backup", "version": 1, "days": "x"}, "days")],
)  # fmt: skip
def test_files_that_are_not_backups_are_refused(user, data, field):
    with pytest.raises(BackupError) as caught:
        load(new_account(), data)
    assert field in caught.value.errors


def test_the_page_loads_a_backup_into_a_new_account(full_account, client):
    content = json.dumps(dump(full_account), default=str).encode()
    target = new_account()
    client.force_login(target)
    upload = io.BytesIO(content)
    upload.name = "backup.json"
    response = client.post("/export/import/", {"file": upload})
    assert response.status_code == 302
    assert DayLog.objects.filter(user=target).count() == 40
    # The page then offers no second load, so nothing can be overwritten.
    assert "Load backup" not in client.get("/export/").content.decode()


def test_the_page_says_what_is_wrong_with_a_file(user, client):
    client.force_login(user)
    upload = io.BytesIO(b"{not json")
    upload.name = "backup.json"
    response = client.post("/export/import/", {"file": upload})
    assert response.status_code == 400
    assert "not valid JSON" in response.content.decode()


def test_the_command_exports_and_imports(full_account, tmp_path):
    path = tmp_path / "backup.json"
    call_command("export_backup", full_account.email, str(path))
    call_command("import_backup", str(path), "--email", "moved@example.com")
    moved = User.objects.get(email="moved@example.com")
    assert DayLog.objects.filter(user=moved).count() == 40
    assert not moved.has_usable_password()


def written_through_the_api(user: User, days: int) -> None:
    """Her history as her phone would have written it: one conditional PUT a day."""
    client = token_client(user)
    for index in range(days):
        day = (FIRST_DAY + timedelta(days=index)).isoformat()
        response = client.put(
            f"/api/v1/days/{day}/", known_day(index), format="json", HTTP_IF_NONE_MATCH="*"
        )
        assert response.status_code == 201, response.json()


def without_account(resource: dict) -> dict:
    """A resource less its references to her account. A rating or a medicine keeps its own
    id; a day's observation (sleep, interference) takes its id from the patient, as the
    Patient's own id comes from the account, so that goes too."""
    drop = {"subject", "performer", "informationSource"}
    day_value = resource["resourceType"] == "Observation" and resource["code"].get("text") != (
        "Pain severity 0-10"
    )
    if day_value:
        drop |= {"id", "identifier"}
    return {key: value for key, value in resource.items() if key not in drop}


def everything_she_can_read(user: User) -> dict:
    """Insights, every export and the share page, less the references to her account."""
    client = token_client(user)
    span = {"from": FIRST_DAY.isoformat(), "to": (FIRST_DAY + timedelta(days=39)).isoformat()}
    insights = client.get("/api/v1/insights/", span).json()
    csv = client.get("/api/v1/export/csv/", span).content.decode("utf-8-sig")
    fhir = json.loads(client.get("/api/v1/export/fhir/", span).content)
    observations = [
        without_account(entry["resource"])
        for entry in fhir["entry"]
        if entry["resource"]["resourceType"] in ("Observation", "MedicationStatement")
    ]
    pdf = client.get("/api/v1/export/pdf/", span).content
    document = pdfium.PdfDocument(pdf)
    pdf_text = [page.get_textpage().get_text_range() for page in document]
    document.close()
    link = client.post(
        "/api/v1/share-links/",
        {"start_date": span["from"], "end_date": span["to"], "days_valid": 7},
        format="json",
    ).json()
    share = Client().get(link["url"].split("testserver", 1)[1])
    assert share.status_code == 200
    share_text = re.sub(r"<[^>]+>|\s+", " ", share.content.decode())
    return {
        "insights": insights,
        "csv": csv,
        "observations": observations,
        "pdf": [re.sub(r"Made on .*", "", text) for text in pdf_text],
        "share": re.sub(r"/share/[^/\"' ]+", "/share/TOKEN", share_text),
    }


def test_a_restored_history_reads_exactly_as_the_one_written_through_the_api(user):
    written_through_the_api(user, days=40)
    user.profile.baby_birth_date = BIRTH
    user.profile.save()
    restored = new_account()
    load(restored, json.loads(json.dumps(dump(user), default=str)))

    theirs, ours = everything_she_can_read(user), everything_she_can_read(restored)
    assert ours["insights"]["days"][0]["ratings"] == 2
    assert sum(day["logged"] for day in ours["insights"]["days"]) == 40
    # 80 ratings, 34 nights' hours and quality, 40 days' interference, 40 paracetamol doses.
    assert len(ours["observations"]) == 80 + 34 + 34 + 40 + 40
    assert ours == theirs
    assert all(
        DayLog.objects.get(user=restored, date=day.date).version == day.version
        for day in DayLog.objects.filter(user=user)
    )


def test_the_round_trip_keeps_medicines_sleep_interference_legs_and_her_history(user):
    write_new_fields_history(user)
    exported = json.loads(json.dumps(dump(user), default=str))
    first = exported["days"][0]
    assert first["medicines"][0]["medicine"] == "paracetamol"
    assert first["medicines"][0]["dose_mg"] == 500
    assert (first["sleep_hours"], first["sleep_quality"]) == (5.0, "woke_often")
    assert first["pain_interference"] == 8
    assert first["pain_ratings"][0]["leg_symptoms"] == ["down_leg"]
    assert {key: exported["profile"][key] for key in (
        "epidural", "back_pain_before_pregnancy", "back_pain_in_pregnancy", "postnatal_check_done",
    )} == {"epidural": "yes", "back_pain_before_pregnancy": "no",
           "back_pain_in_pregnancy": "yes", "postnatal_check_done": "no"}  # fmt: skip

    target = new_account()
    assert load(target, exported)["days"] == 28
    again = json.loads(json.dumps(dump(target), default=str))
    assert comparable(again) == comparable(exported)
    loaded = DayLog.objects.get(user=target, date=FIRST_DAY)
    assert "painkiller" in loaded.exposures and "short_sleep" in loaded.exposures


def test_a_backup_from_before_medicines_and_sleep_still_loads_with_defaults(full_account):
    exported = json.loads(json.dumps(dump(full_account), default=str))
    for field in ("epidural", "back_pain_before_pregnancy", "back_pain_in_pregnancy",
                  "postnatal_check_done"):  # fmt: skip
        del exported["profile"][field]
    for day in exported["days"]:
        for field in ("medicines", "sleep_hours", "sleep_quality", "pain_interference"):
            del day[field]
        for rating in day["pain_ratings"]:
            del rating["leg_symptoms"]
    target = new_account()
    assert load(target, exported)["days"] == 40
    target.profile.refresh_from_db()
    assert target.profile.epidural == "" and target.profile.postnatal_check_done == ""
    day = DayLog.objects.filter(user=target).first()
    assert (day.medicines, day.sleep_hours, day.sleep_quality, day.pain_interference) == (
        [], None, "", None,
    )  # fmt: skip
    assert all(rating["leg_symptoms"] == [] for rating in day.pain_ratings)
    # Its version is that of the content with the defaults written out.
    assert day.version == content_version(day.document)
