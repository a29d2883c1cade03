import re

import pytest

from tests.support.days import realistic_day
from tracker.demo import DEMO_EMAIL, ensure_demo_account
from tracker.models import User, content_version

pytestmark = pytest.mark.django_db


def test_history_lists_her_days_with_their_worst_pain(client, api, user, other_api):
    api.put("/api/v1/days/2026-01-02/", realistic_day(), format="json")
    other_day = realistic_day()
    other_day["pain_ratings"] = [{"id": "6f1c1a1e-1111-4c1e-9a51-000000000001", "score": 9}]
    other_api.put("/api/v1/days/2026-01-03/", other_day, format="json")
    client.force_login(user)
    html = client.get("/history/").content.decode()
    assert 'href="/day/2026-01-02/"' in html
    assert 'worst pain</span> <span class="pain-badge pain-6">6<' in html
    assert "/day/2026-01-03/" not in html


def test_an_empty_history_invites_her_to_log(client, user):
    client.force_login(user)
    assert "Nothing logged yet" in client.get("/history/").content.decode()


def test_the_demo_account_has_eight_weeks_of_declining_pain(catalogue):
    user, rebuilt = ensure_demo_account()
    assert rebuilt
    days = list(user.day_logs.order_by("date"))
    assert len(days) == 56
    first_week = sum(day.mean_pain for day in days[:7]) / 7
    last_week = sum(day.mean_pain for day in days[-7:]) / 7
    assert 5 <= first_week <= 7 and 1 <= last_week <= 3
    positions = {feeding["position"] for day in days for feeding in day.feedings}
    assert len(positions) >= 4
    assert any(day.note for day in days) and all(day.mood for day in days)
    # Running it again keeps what is there.
    assert ensure_demo_account() == (user, False)
    assert User.objects.filter(email=DEMO_EMAIL).count() == 1


def test_the_month_calendar_colours_each_day_by_its_worst_pain_and_says_so(client, api, user):
    day = realistic_day()
    day["warning_signs"] = []
    api.put("/api/v1/days/2026-01-02/", day, format="json")
    client.force_login(user)
    html = client.get("/history/?month=2026-01").content.decode()
    assert ">January 2026</h2>" in html
    assert "Colour: the worst pain that day (0 = no pain, 10 = worst imaginable)" in html
    cell = re.search(r'<a class="calendar-day[^"]*" href="/day/2026-01-02/"[^>]*>', html).group()
    assert "pain-6" in cell
    assert (
        'aria-label="Fri 2 Jan: worst pain 6 of 10, mood: Okay, exercised, took a painkiller, '
        'slept 5.5 hours"' in cell
    )
    # A day without a log is a plain link to log it.
    assert 'aria-label="Sat 3 Jan: nothing logged"' in html
    # Weeks start on Monday; January 2026 starts on a Thursday, so three empty cells first.
    assert re.search(r"<tbody>\s*<tr><td></td><td></td><td></td><td>", html)


def test_the_calendar_in_chinese_and_its_month_links(client, api, user):
    api.put("/api/v1/days/2026-01-02/", realistic_day(), format="json")
    user.profile.language = "zh-hans"
    user.profile.save()
    client.force_login(user)
    html = client.get("/history/?month=2026-01").content.decode()
    assert ">2026年1月</h2>" in html
    assert (
        'aria-label="1月2日（星期五）：最痛 6 分（满分 10），心情：一般，做了运动，吃了止痛药，'
        '睡了 5.5 小时"' in html
    )
    assert 'href="?month=2025-12"' in html and 'href="?month=2026-02"' in html


def test_a_bad_or_future_month_shows_this_month(client, user):
    client.force_login(user)
    this_month = user.profile.local_today().strftime("%Y-%m")
    for asked in ("2999-01", "nonsense", "2026-13"):
        html = client.get(f"/history/?month={asked}").content.decode()
        assert f'href="/day/{this_month}-01/"' in html
        assert "Next month" not in html


def test_a_painkiller_and_the_hours_slept_show_on_the_day_in_both_languages(client, api, user):
    day = realistic_day()  # paracetamol, 5.5 hours of sleep
    api.put("/api/v1/days/2026-01-02/", day, format="json")
    day["medicines"] = [{"id": "6f1c1a1e-1111-4c1e-9a51-000000000002",
                         "medicine": "other_medicine", "name": "Iron tablets"}]  # fmt: skip
    day["sleep_hours"] = None
    api.put("/api/v1/days/2026-01-03/", day, format="json")
    client.force_login(user)
    html = client.get("/history/?month=2026-01").content.decode()
    cells = {
        number: re.search(rf'class="calendar-day[^"]*" href="/day/2026-01-0{number}/".*?</a>',
                          html, re.S).group()
        for number in "23"
    }  # fmt: skip
    assert "pill-mark" in cells["2"] and "pill-mark" not in cells["3"]
    assert "Took a painkiller" in html  # the legend says what the mark means
    entries = dict(
        re.findall(r'href="/day/2026-01-0(\d)/" class="history-day">(.*?)</a>', html, re.S)
    )
    assert "painkiller" in entries["2"] and "slept 5.5 h" in entries["2"]
    assert "painkiller" not in entries["3"] and "slept" not in entries["3"]
    user.profile.language = "zh-hans"
    user.profile.save()
    html = client.get("/history/?month=2026-01").content.decode()
    assert "吃了止痛药" in html and "睡了 5.5 小时" in html


def test_the_demo_history_holds_medicines_nights_and_interference(catalogue):
    user, _rebuilt = ensure_demo_account()
    history = list(user.day_logs.order_by("date"))
    early, late = history[:14], history[-14:]
    painkiller_days = [sum(day.took_painkiller for day in part) for part in (early, late)]
    assert painkiller_days[0] > painkiller_days[1] >= 0 and painkiller_days[0] >= 5
    nights = [day.sleep_hours for day in history if day.sleep_hours is not None]
    assert 40 <= len(nights) < len(history) and all(3 <= hours <= 7 for hours in nights)
    assert all((hours * 2).is_integer() for hours in nights)
    assert all(day.sleep_quality for day in history if day.sleep_hours is not None)
    # How much pain got in the way follows the pain.
    rated = [day for day in history if day.pain_interference is not None]
    worse = [day.pain_interference for day in rated if day.mean_pain >= 5]
    better = [day.pain_interference for day in rated if day.mean_pain <= 3]
    assert worse and better and sum(worse) / len(worse) > sum(better) / len(better) + 2
    legs = [r["leg_symptoms"] for day in history for r in day.pain_ratings if r["leg_symptoms"]]
    assert 1 <= len(legs) <= 30
    assert all(day.version == content_version(day.document) for day in history)
