"""Help lines by region, each checked against an official source; where her region is unknown,
every one with its place; and numbers taken from her region, never from her language."""

import pytest
from django.utils import translation

from habits.emergency_numbers import crisis_lines, emergency_lines, help_numbers, with_help_numbers


def dials(lines: list[dict]) -> list[str]:
    return [line["dial"] for line in lines]


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("CN", ["12356"]),
        ("HK", ["18111"]),
        ("TW", ["1925"]),
        ("GB", ["116123", "111"]),
        # 988 first: the maternal hotline is not a crisis line.
        ("US", ["988", "18338526262"]),
        ("CA", ["988"]),
        # None checked for the EU as a whole: emergency services (112) only.
        ("EU", []),
    ],
)
def test_each_region_has_its_checked_helplines(region, expected):
    assert dials(crisis_lines(region)) == expected


def test_the_helplines_read_as_people_write_them():
    labels = [line["label"] for line in crisis_lines("US")]
    assert labels[1].startswith("1-833-852-6262: National Maternal Mental Health Hotline")
    assert crisis_lines("CA")[0]["label"].startswith("988: 9-8-8 Suicide Crisis Helpline")


def test_where_her_region_is_unknown_every_helpline_comes_with_its_place():
    labels = [line["label"] for line in crisis_lines("")]
    assert labels[0] == "12356: the national mental health helpline (Mainland China)"
    assert "18111: Mental Health Support Hotline, day or night (Hong Kong)" in labels
    assert "1925: 1925 support line, free, day or night (Taiwan)" in labels
    assert any(label.endswith("(Canada)") for label in labels)
    # The emergency numbers likewise, Taiwan's 119 among them.
    assert dials(emergency_lines("")) == ["120", "999", "119", "911", "112"]


def test_a_chinese_reader_in_london_is_given_london_numbers():
    with translation.override("zh-hans"):
        text = with_help_numbers("请马上拨打急救电话（{emergency}）。{helplines}", "GB")
    assert "999或112" in text and "116 123" in text
    assert "120" not in text and "12356" not in text


def test_where_her_region_is_unknown_a_tip_names_each_number_with_its_place():
    numbers = help_numbers("")
    assert numbers["emergency"].startswith("mainland China: 120, UK and Hong Kong: 999")
    assert "(Hong Kong)" in numbers["helplines"]


def test_a_region_without_a_checked_helpline_falls_back_on_emergency_services():
    assert help_numbers("EU") == {"emergency": "112", "helplines": "112"}


@pytest.mark.django_db
def test_a_tip_page_for_a_chinese_reader_in_london_calls_london(client, user):
    user.profile.language = "zh-hans"
    user.profile.save()  # her zone is London
    client.force_login(user)
    html = client.get("/tips/mood_low_for_two_weeks/").content.decode()
    body = html[html.index('class="tip-body"') : html.index("</p>", html.index('class="tip-body"'))]
    assert "拨打急救电话（999或112）" in body and "116 123" in body
    assert "120" not in body and "12356" not in body and "{" not in body
    # Every block that says to call emergency services has the numbers to tap.
    assert 'href="tel:999"' in html and 'href="tel:112"' in html


@pytest.mark.django_db
def test_a_tip_page_read_by_anyone_names_each_number_with_its_place(client, catalogue):
    html = client.get("/tips/see_doctor_severe_pain/").content.decode()
    assert (
        "call emergency services now (mainland China: 120, UK and Hong Kong: 999"
        in (html.replace("\n", " "))
        or "Call emergency services now (mainland China: 120, UK and Hong Kong: 999" in html
    )
    assert 'href="tel:119"' in html
    # A tip that names no emergency has no numbers to tap.
    assert "tel:" not in client.get("/tips/footwear_flat_shoes/").content.decode()


@pytest.mark.django_db
def test_a_tip_reminder_takes_the_numbers_of_her_region(user):
    from habits.models import Tip
    from reminders.messages import compose
    from reminders.models import ReminderDelivery

    user.profile.language = "zh-hans"
    user.profile.time_zone = "America/Toronto"
    user.profile.save()
    tip = Tip.objects.get(key="mood_low_for_two_weeks")
    delivery = ReminderDelivery(user=user, purpose="tip", channel="push", tip=tip)
    message = compose(delivery, user.profile.local_today(), tip)
    assert "（911）" in message.body and "988" in message.body and "120" not in message.body
