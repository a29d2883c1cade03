"""Her time zone as a place and offset, never an IANA id; dates in one style per language."""

import re
from datetime import UTC, date, datetime

import pytest
from django.core import mail
from django.template import Context, Template
from django.utils import translation

from core.time_zones import zone_choices, zone_label
from reminders.schedules import create_default_schedules

pytestmark = pytest.mark.django_db


def test_a_zone_reads_as_its_city_and_offset_in_her_language():
    with translation.override("en"):
        assert zone_label("Asia/Shanghai") == "Shanghai, UTC+8"
        assert zone_label("Asia/Kolkata") == "Kolkata, UTC+5:30"
        assert zone_label("Etc/UTC") == zone_label("UTC") == "UTC"
        # Old names read like the new ones.
        assert zone_label("Asia/Calcutta") == "Kolkata, UTC+5:30"
    with translation.override("zh-hans"):
        assert zone_label("Asia/Shanghai") == "上海（UTC+8）"
        assert zone_label("Europe/London", datetime(2026, 7, 1, tzinfo=UTC)) == "伦敦（UTC+1）"


def test_the_offset_is_the_one_in_force_daylight_saving_included():
    with translation.override("en"):
        summer = zone_label("America/New_York", datetime(2026, 7, 1, tzinfo=UTC))
        winter = zone_label("America/New_York", datetime(2026, 1, 15, tzinfo=UTC))
    assert (summer, winter) == ("New York, UTC\u22124", "New York, UTC\u22125")


def test_the_picker_offers_places_not_rules_and_keeps_an_odd_zone_she_has():
    zones = [zone for zone, _label in zone_choices()]
    assert zones[0] == "UTC" and "Asia/Shanghai" in zones
    assert not [zone for zone in zones if zone.startswith(("Etc/", "US/"))]
    assert "Asia/Calcutta" not in zones  # the old name of Asia/Kolkata
    assert ("Etc/GMT+5", "UTC\u22125") in zone_choices("Etc/GMT+5")


def test_reminders_and_profile_never_show_etc_utc(client, user):
    user.profile.time_zone = "Etc/UTC"
    user.profile.save()
    create_default_schedules(user)
    client.force_login(user)
    reminders = client.get("/reminders/").content.decode()
    profile = client.get("/profile/").content.decode()
    assert "Times are in your time zone, UTC." in reminders
    assert "Etc/UTC" not in reminders and "Etc/UTC" not in profile
    assert '<option value="UTC" selected' in profile


def test_the_profile_select_works_without_javascript_and_carries_search_words(client, user):
    client.force_login(user)
    page = client.get("/profile/").content.decode()
    option = re.search(r'<option value="Asia/Shanghai"[^>]*>[^<]*</option>', page).group()
    assert ">Shanghai, UTC+8</option>" in option and "China (Shanghai) Time" in option
    assert "data-zone-search" in page
    response = client.post(
        "/profile/", {"time_zone": "Asia/Shanghai", "language": "en", "feeding_mode": ""}
    )
    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.time_zone == "Asia/Shanghai"


def test_sign_up_stores_the_current_name_of_an_old_zone(client, catalogue):
    form = {"email": "new@example.com", "time_zone": "Asia/Calcutta", "language": "en"}
    client.post("/signup/", form)
    link = re.search(r"http://testserver(/signup/finish/\S+/)", mail.outbox[-1].body).group(1)
    client.post(link, {"password": "quiet-morning-42"})
    assert client.get("/profile/").context["form"].instance.time_zone == "Asia/Kolkata"


def test_the_next_reminder_reads_in_chinese_order(client, user):
    user.profile.language = "zh-hans"
    user.profile.time_zone = "Asia/Shanghai"
    user.profile.save()
    create_default_schedules(user)
    client.force_login(user)
    page = client.get("/reminders/").content.decode()
    assert "上海（UTC+8）" in page
    assert re.search(r"下一次：\d{1,2}月\d{1,2}日（星期[一二三四五六日]）\d\d:\d\d<", page)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "28 Nov 2026 · Sat 28 Nov · 28 Nov 2026, 14:19 · November 2026"),
        ("zh-hans", "2026年11月28日 · 11月28日（星期六） · 2026年11月28日 14:19 · 2026年11月"),
    ],
)
def test_one_date_style_per_language(language, expected):
    template = Template(
        '{{ d|date:"DATE_FORMAT" }} · {{ d|date:"MONTH_DAY_FORMAT" }} · '
        '{{ t|date:"DATETIME_FORMAT" }} · {{ d|date:"YEAR_MONTH_FORMAT" }}'
    )
    with translation.override(language):
        context = Context({"d": date(2026, 11, 28), "t": datetime(2026, 11, 28, 14, 19)})
        assert template.render(context) == expected


def test_english_pages_write_every_date_the_same_way(client, user):
    from reports.models import ShareLink

    link, token = ShareLink.issue(user, 14, start_date=date(2026, 1, 5))
    client.force_login(user)
    export = client.get("/export/").content.decode()
    day_month_year = r"\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}"
    assert "from 5 Jan 2026" in export
    assert re.search(rf"Works until {day_month_year}, \d\d:\d\d", export)
    share = client.get(f"/share/{token}/").content.decode()
    assert re.search(rf"Made on {day_month_year} · the link works until {day_month_year}", share)
    assert not re.search(r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\. \d", export + share)
