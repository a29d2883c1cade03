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
