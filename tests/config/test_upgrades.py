"""An upgrade from the oldest database this code still migrates: her days, reminders and share
links read back the same after `migrate` (and `load_catalogue`, as every upgrade runs them).

The oldest supported state is the first migration of each app: no migration was ever squashed
or removed, so a database made by the first release still migrates to the newest. Rows are
written where each kind first existed, through the models of that time: her account and days
at tracker 0001_initial with habits 0001_initial (the first release: the catalogue and the day
log); her reminder schedules, deliveries and phone at habits 0002_tips_and_reminders, where
reminders began (in the habits app; they moved to their own app later); her share link at
reports 0001_initial. Then everything migrates to the newest state, and the rows are read
through today's API, share page and reminder tick.
"""

import hashlib
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from rest_framework.test import APIClient

from habits.catalogue import load_catalogue
from reminders.models import PushSubscription, ReminderDelivery, ReminderSchedule
from reminders.pipeline import tick
from reminders.server_key import mismatch
from reports.models import ShareLink
from tracker.models import DayLog, User, content_version

FIRST_RELEASE = [("tracker", "0001_initial"), ("habits", "0001_initial")]
REMINDERS_BEGIN = [*FIRST_RELEASE[:1], ("habits", "0002_tips_and_reminders")]
SHARE_LINKS_BEGIN = [*REMINDERS_BEGIN, ("reports", "0001_initial")]
BEFORE_EVERYTHING = [("tracker", None), ("habits", None), ("reminders", None), ("reports", None)]
SHARE_TOKEN = "a-share-token-from-the-first-release-0123456789"
SLOT = datetime(2026, 11, 20, 12, 30, tzinfo=UTC)  # 20:30 in Shanghai
NEXT_SLOT = SLOT + timedelta(days=1)

RATING = {"id": "5f0c8f0e-0000-4000-8000-000000000001", "score": 6, "time": "07:30:00",
          "body_areas": ["lower_back", "pelvis"]}  # fmt: skip
FEEDING = {"id": "5f0c8f0e-0000-4000-8000-000000000002", "time": "03:10:00",
           "position": "side_lying", "supports": ["back_support"], "posture": "upright",
           "minutes": 20, "side": "left"}  # fmt: skip
EXERCISE = {"id": "5f0c8f0e-0000-4000-8000-000000000003", "time": None,
            "exercise": "pelvic_floor", "reps": 10, "minutes": None}  # fmt: skip
DAYS = {
    date(2026, 11, 18): {"mood": 2, "mood_tags": ["exhausted"], "habits": ["flat_shoes"],
                         "warning_signs": [], "note": "前一天很累", "pain_ratings": [RATING],
                         "feedings": [FEEDING], "exercises": [EXERCISE]},
    date(2026, 11, 19): {"mood": None, "mood_tags": [], "habits": [], "warning_signs": [],
                         "note": "", "pain_ratings": [{**RATING, "id": RATING["id"][:-1] + "9",
                                                       "score": 3, "body_areas": []}],
                         "feedings": [], "exercises": []},
}  # fmt: skip


def migrate(targets: list[tuple[str, str | None]]):
    """Migrate to `targets`; returns the apps (models) of that state."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([node for node in targets if node[1]]).apps


def write_first_release(apps) -> int:
    user = apps.get_model("tracker", "User").objects.create(
        email="first@example.com", password="!", date_joined=datetime(2026, 11, 1, tzinfo=UTC)
    )
    apps.get_model("tracker", "Profile").objects.create(
        user=user, time_zone="Asia/Shanghai", baby_birth_date=date(2026, 10, 20),
        delivery_type="caesarean", feeding_mode="breast", display_name="Lin",
    )  # fmt: skip
    for day, values in DAYS.items():
        apps.get_model("tracker", "DayLog").objects.create(user=user, date=day, **values)
    return user.pk


def write_first_reminders(apps, user_id: int) -> None:
    schedule = apps.get_model("habits", "ReminderSchedule").objects.create(
        user_id=user_id, purpose="log_day", times=["20:30"], weekdays=list(range(7)),
        channel="push", next_slot_at=NEXT_SLOT, next_fire_at=NEXT_SLOT,
    )  # fmt: skip
    apps.get_model("habits", "ReminderDelivery").objects.create(
        user_id=user_id, schedule=schedule, purpose="log_day", channel="push", slot_at=SLOT,
        due_at=SLOT, state="sent", title="Log your day", pushed_at=SLOT,
    )  # fmt: skip
    apps.get_model("habits", "PushSubscription").objects.create(
        user_id=user_id, endpoint="https://fcm.googleapis.com/fcm/send/first", p256dh="k", auth="a"
    )


def write_first_share_link(apps, user_id: int) -> None:
    apps.get_model("reports", "ShareLink").objects.create(
        user_id=user_id,
        token_hash=hashlib.sha256(SHARE_TOKEN.encode()).hexdigest(),
        label="Dr Wang",
        start_date=date(2026, 11, 18),
        end_date=date(2026, 11, 19),
        expires_at=datetime.now(UTC) + timedelta(days=14),
    )


@pytest.mark.slow  # migrates the database back and forth
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest")
def test_days_reminders_and_share_links_from_the_first_release_read_back_the_same(queued):
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    migrate(BEFORE_EVERYTHING)
    user_id = write_first_release(migrate(FIRST_RELEASE))
    write_first_reminders(migrate(REMINDERS_BEGIN), user_id)
    write_first_share_link(migrate(SHARE_LINKS_BEGIN), user_id)

    migrate(latest)
    load_catalogue()

    # Her days, through today's API: as written, with the fields added since left empty.
    user = User.objects.get(pk=user_id)
    api = APIClient()
    api.force_authenticate(user)
    for day, values in DAYS.items():
        got = api.get(f"/api/v1/days/{day.isoformat()}/").json()
        expected = {**values, "pain_ratings": [
            {**rating, "leg_symptoms": []} for rating in values["pain_ratings"]
        ]}  # fmt: skip
        assert {field: got[field] for field in values} == expected
        assert (got["medicines"], got["sleep_hours"], got["pain_interference"]) == ([], None, None)
        stored = DayLog.objects.get(user=user, date=day)
        assert got["version"] == stored.version == content_version(stored.document)
    assert api.get("/api/v1/days/").json()["count"] == len(DAYS)

    # Her reminders: the schedule goes on at its time, the sent one is in her inbox.
    schedule = ReminderSchedule.objects.get(user=user)
    assert (schedule.purpose, schedule.times, schedule.channel) == ("log_day", ["20:30"], "push")
    assert schedule.next_fire_at == NEXT_SLOT
    inbox = api.get("/api/v1/inbox/").json()
    assert [item["title"] for item in inbox["results"]] == ["Log your day"]
    result = tick(NEXT_SLOT + timedelta(seconds=5))
    assert (result.deliveries, result.enqueued) == (1, 1)
    new = ReminderDelivery.objects.get(schedule=schedule, slot_at=NEXT_SLOT)
    assert queued == [[new.pk]]
    # Her phone is kept; made before keys were recorded, it stops no server from starting.
    assert PushSubscription.objects.get().vapid_key_id == ""
    assert mismatch() == ""

    # Her doctor's link still opens the same summary.
    link = ShareLink.find(SHARE_TOKEN)
    assert link is not None and link.label == "Dr Wang"
    page = Client().get(f"/share/{SHARE_TOKEN}/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Lin" in text and "前一天很累" in text
    csv = Client().get(f"/share/{SHARE_TOKEN}/pain-history.csv")
    assert csv.status_code == 200
    assert "2026-11-18" in csv.content.decode() and "2026-11-19" in csv.content.decode()
