"""Every warning sign: its urgency, its guidance in English and Chinese, and the number to call."""

import re
import zoneinfo
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.html import escape

from habits.catalogue_data import CATALOGUE, RETIRED
from habits.emergency_numbers import (
    EMERGENCY_NUMBERS,
    REGION_BY_ZONE,
    ZONES_BY_REGION,
    region_for_time_zone,
)
from habits.models import CatalogueItem
from habits.warning_guidance import CANNOT_SEND_HELP, GUIDANCE, SIGN_GUIDANCE
from tests.support.days import realistic_day
from tests.support.require import require
from tracker.days import save_day

pytestmark = pytest.mark.django_db

DAY = date(2026, 1, 15)
EMERGENCY, TODAY, CHECK_UP = "emergency", "doctor_today", "gp"

# What each sign must trigger, as DESIGN.md's clinical rules and the November 2026 review say.
EXPECTED_URGENCY = {
    "saddle_numbness": EMERGENCY,
    "bladder_bowel_control": EMERGENCY,
    "both_legs_weak": EMERGENCY,
    "epidural_fever_leg_weak": EMERGENCY,
    "fall_with_numbness": EMERGENCY,
    "heavy_bleeding": EMERGENCY,
    "severe_headache": EMERGENCY,
    "fever_very_unwell": EMERGENCY,
    "chest_pain_breathless": EMERGENCY,
    "stroke_signs": EMERGENCY,
    "psychosis_signs": EMERGENCY,
    "self_harm_thoughts": EMERGENCY,
    "fever": TODAY,
    "wound_redness": TODAY,
    "wound_opens": TODAY,
    "foul_discharge": TODAY,
    "headache_upright": TODAY,
    "urine_pain_side": TODAY,
    "calf_swelling": TODAY,
    "one_leg_weak": TODAY,
    "pain_after_fall": TODAY,
    "upper_tummy_pain": TODAY,
    "past_cancer_new_pain": TODAY,
    "mid_back_pain_sudden": TODAY,
    "night_pain_constant": CHECK_UP,
    "front_pelvic_pain": CHECK_UP,
    "weight_loss": CHECK_UP,
    "no_improvement": CHECK_UP,
    "stops_daily_life": CHECK_UP,
    "leaking_urine": CHECK_UP,
}
SIGNS = {row[1]: row for row in CATALOGUE if row[0] == CatalogueItem.Kind.WARNING_SIGN}
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_sign_has_the_urgency_the_review_asks_for():
    assert {key: row[5] for key, row in SIGNS.items()} == EXPECTED_URGENCY


def test_red_flag_wording():
    assert SIGNS["saddle_numbness"][2].startswith("New ")
    assert SIGNS["saddle_numbness"][3].startswith("新出现")
    assert "no position eases" in SIGNS["night_pain_constant"][2]
    assert "a pad soaked in an hour" in SIGNS["heavy_bleeding"][2]
    assert "1小时内湿透一片卫生巾" in SIGNS["heavy_bleeding"][3]


def guidance_html(client, user, key: str, language: str) -> str:
    user.profile.language = language
    user.profile.save()
    html = client.get(f"/day/{DAY.isoformat()}/").content.decode()
    match = re.search(
        r'<div class="guidance" id="guidance"[^>]*>(.*?)</div>\s*<details', html, re.S
    )
    assert match, "no guidance on the page"
    return match.group(1)


@pytest.fixture
def in_shanghai(client, user):
    user.profile.time_zone = "Asia/Shanghai"
    user.profile.save()
    client.force_login(user)
    return user


@pytest.mark.parametrize("key", sorted(EXPECTED_URGENCY))
def test_each_sign_shows_its_guidance_in_both_languages(client, in_shanghai, key):
    save_day(in_shanghai, DAY, {**realistic_day(), "warning_signs": [key]})
    urgency = EXPECTED_URGENCY[key]
    _, _, name_en, name_zh, _, _ = SIGNS[key]
    texts = {}
    for language, name in (("en", name_en), ("zh-hans", name_zh)):
        block = guidance_html(client, in_shanghai, key, language)
        assert f'data-urgency="{urgency}"' in block
        assert block.count("guidance-block") == 1
        with translation.override(language):
            title = str(GUIDANCE[urgency]["title"])
            extra = str(SIGN_GUIDANCE.get(key, ""))
            note = str(CANNOT_SEND_HELP)
        assert f">{escape(title)}</h3>" in block
        assert f"<strong>{escape(name)}</strong>" in block
        assert escape(extra) in block
        if urgency in (EMERGENCY, TODAY):
            # Both say "call emergency services": a tap-to-call link to 120 (her zone is
            # Shanghai)...
            assert re.search(r'<a class="call-link" href="tel:120">[^<]*120</a>', block)
        else:
            assert "tel:" not in block
        # ...and the emergency block no promise of help.
        assert (escape(note) in block) is (urgency == EMERGENCY)
        texts[language] = (title, extra)
    # The Chinese page says it in Chinese.
    assert CJK.search(texts["zh-hans"][0]) and texts["zh-hans"] != texts["en"]
    if texts["en"][1]:
        assert CJK.search(texts["zh-hans"][1])


def call_links(html: str) -> list[str]:
    return re.findall(r'href="tel:(\d+)"', html)


@pytest.mark.parametrize(
    ("zone", "country", "numbers"),
    [
        ("Asia/Shanghai", "", ["120"]),
        ("Europe/London", "", ["999", "112"]),
        ("America/New_York", "", ["911"]),
        ("America/Toronto", "", ["911"]),
        ("Europe/Paris", "", ["112"]),
        ("Atlantic/Canary", "", ["112"]),
        ("Asia/Hong_Kong", "", ["999"]),
        ("Asia/Taipei", "", ["119"]),
        # Nothing known: the general list, each number named by its place.
        ("UTC", "", ["120", "999", "119", "911", "112"]),
        ("Australia/Sydney", "", ["120", "999", "119", "911", "112"]),
        # What she chose on her profile wins over her time zone.
        ("Asia/Shanghai", "US", ["911"]),
        ("UTC", "CN", ["120"]),
    ],
)
def test_the_emergency_block_calls_her_countrys_number(client, user, zone, country, numbers):
    user.profile.time_zone = zone
    user.profile.country = country
    user.profile.save()
    client.force_login(user)
    save_day(user, DAY, {**realistic_day(), "warning_signs": ["chest_pain_breathless"]})
    block = guidance_html(client, user, "chest_pain_breathless", "en")
    assert call_links(block) == numbers
    if len(numbers) > 1 and country == "" and zone in ("UTC", "Australia/Sydney"):
        assert "Call 120 (mainland China)" in block and "Call 112 (EU)" in block


@pytest.mark.parametrize(
    ("zone", "helplines"),
    [
        ("Asia/Shanghai", ["12356"]),
        ("Europe/London", ["116123", "111"]),
        ("America/Chicago", ["988", "18338526262"]),
        ("America/Toronto", ["988"]),
        ("Asia/Hong_Kong", ["18111"]),
        ("Asia/Taipei", ["1925"]),
        # Where we do not know where she is: every checked helpline, each with its place.
        ("UTC", ["12356", "18111", "1925", "116123", "111", "988", "18338526262", "988"]),
    ],
)
def test_thoughts_of_self_harm_come_with_checked_helplines(client, user, zone, helplines):
    user.profile.time_zone = zone
    user.profile.save()
    client.force_login(user)
    save_day(user, DAY, {**realistic_day(), "warning_signs": ["self_harm_thoughts"]})
    block = guidance_html(client, user, "self_harm_thoughts", "en")
    signs_part = block.split('<ul class="guidance-signs">')[1]
    assert call_links(signs_part) == helplines
    assert "Tell your midwife or doctor today, even if you feel safe now." in block
    assert "This app cannot send help or tell anyone." in block


def test_the_chinese_helpline_reads_in_chinese(client, in_shanghai):
    save_day(in_shanghai, DAY, {**realistic_day(), "warning_signs": ["self_harm_thoughts"]})
    block = guidance_html(client, in_shanghai, "self_harm_thoughts", "zh-hans")
    assert "12356：全国统一心理援助热线" in block
    assert "拨打 120" in block and "本应用无法替你呼救" in block


def test_the_catalogue_api_gives_the_script_the_same_numbers(api, user):
    user.profile.time_zone = "Europe/London"
    user.profile.save()
    guidance = api.get("/api/v1/catalogue/").json()["guidance"]
    assert [line["dial"] for line in guidance["call"]["lines"]] == ["999", "112"]
    assert guidance["call"]["note"].startswith("This app cannot send help")
    assert [line["dial"] for line in guidance["sign_lines"]["self_harm_thoughts"]] == [
        "116123",
        "111",
    ]


def test_the_sign_list_is_grouped_with_a_softer_heading_for_check_ups(client, user):
    client.force_login(user)
    html = client.get("/today/").content.decode()
    emergency = html.index('<legend class="checks-heading">Call for help now</legend>')
    today = html.index('<legend class="checks-heading">See a doctor today</legend>')
    check_up = html.index('<legend class="checks-heading">Worth a check-up</legend>')
    assert emergency < html.index('value="heavy_bleeding"') < today
    assert today < html.index('value="pain_after_fall"') < check_up
    assert check_up < html.index('value="night_pain_constant"')


def test_every_zone_of_a_known_country_finds_its_numbers():
    # Checked against the tz database's own table, where the system has one.
    zone_tab = Path("/usr/share/zoneinfo/zone.tab")
    require(zone_tab.exists(), "no /usr/share/zoneinfo/zone.tab")
    eu = "AT BE BG HR CY CZ DK EE FI AX FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
    region_of_country = {code: "EU" for code in eu.split()} | {
        code: code for code in ("CN", "HK", "TW", "GB", "US", "CA")
    }
    for line in zone_tab.read_text().splitlines():
        if line.startswith("#"):
            continue
        country, _, zone = line.split("\t")[:3]
        if country in region_of_country:
            assert region_for_time_zone(zone) == region_of_country[country], zone
    # And every zone we list is one the profile can hold.
    assert set(REGION_BY_ZONE) <= zoneinfo.available_timezones()
    assert set(ZONES_BY_REGION) == set(EMERGENCY_NUMBERS)


def test_a_retired_sign_is_offered_no_more_but_days_holding_it_still_save(api, client, user):
    assert [row[1] for row in RETIRED] == ["night_pain", "weight_loss_or_cancer"]
    item = CatalogueItem.objects.get(key="night_pain")
    assert not item.active and item.name_en == "Back pain that is worse at night"
    body = {**realistic_day(), "warning_signs": ["night_pain"]}
    assert api.put("/api/v1/days/2026-01-15/", body, format="json").status_code == 201
    stored = api.get("/api/v1/days/2026-01-15/")
    body["note"] = "Edited later."
    response = api.put(
        "/api/v1/days/2026-01-15/", body, format="json", HTTP_IF_MATCH=stored["ETag"]
    )
    assert response.status_code == 200
    assert response.json()["warning_signs"] == ["night_pain"]
    catalogue = api.get("/api/v1/catalogue/").json()
    assert "night_pain" not in {sign["key"] for sign in catalogue["warning_signs"]}
    client.force_login(user)
    assert 'value="night_pain"' not in client.get("/day/2026-01-15/").content.decode()
