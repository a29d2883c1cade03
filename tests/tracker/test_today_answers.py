"""Today answers what she logs, before any script runs: the painkiller checks of the stored
day, the low-mood card, the sleep and interference pointers, the medicine form's chips and
cautions; and the advice the page's script fetches to answer as she logs, offline too."""

import json
import re
from datetime import timedelta

import pytest

from tests.support.days import new_id, realistic_day
from tracker.days import ANY_VERSION, VersionRequired, save_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(user, client):
    client.force_login(user)
    return user.profile.local_today()


def log(user, day, **fields) -> None:
    """Make or replace the day."""
    body = {**realistic_day(), "medicines": [], **fields}
    try:
        save_day(user, day, body)
    except VersionRequired:
        save_day(user, day, body, if_match=[ANY_VERSION])


def dose(time: str, medicine: str, mg: int) -> dict:
    return {"id": new_id(), "time": time, "medicine": medicine, "name": "", "dose_mg": mg}


def page(client) -> str:
    return client.get("/today/").content.decode()


def visible(html: str, marker: str) -> bool:
    """Whether the element carrying `marker` is drawn without `hidden`."""
    tag = re.search(rf"<[^>]*{marker}[^>]*>", html)
    assert tag, f"no element with {marker}"
    return " hidden" not in tag.group(0)


def test_the_stored_days_dose_alert_shows_with_its_numbers_and_the_day_before_counts(
    client, user, today
):
    log(user, today - timedelta(days=1), medicines=[dose(f"{h:02d}:00", "paracetamol", 1000)
                                                    for h in (10, 14, 18, 22)])  # fmt: skip
    log(user, today, medicines=[dose("02:00", "paracetamol", 1000)])
    html = page(client)
    alerts = html[html.index('id="dose-alerts"') : html.index('id="medicine-draft"')]
    assert 'data-key="paracetamol.daily_total"' in alerts
    assert "Paracetamol: over 4 g in 24 hours (5000 mg)" in alerts
    assert 'href="tel:999"' in alerts  # London
    assert "感冒灵" in alerts
    # The page checks as she logs, offline too: the day before's doses come with it.
    before = json.loads(re.search(r'data-before="([^"]*)"', html).group(1).replace("&quot;", '"'))
    assert before == [["paracetamol", f"{h:02d}:00", 1000] for h in (10, 14, 18, 22)]


def test_no_alert_within_the_limits(client, user, today):
    log(user, today, medicines=[dose("08:00", "paracetamol", 1000)])
    html = page(client)
    assert re.search(r'id="dose-alerts"></div>', html)


def test_the_dose_chips_include_300_and_650_mg_and_grams_in_chinese(client, user, today):
    html = page(client)
    chips = re.findall(r'data-dose="(\d+)" data-for="(\w+)"[^>]*>([^<]+)<', html)
    assert [(mg, medicine) for mg, medicine, _label in chips] == [
        ("500", "paracetamol"), ("650", "paracetamol"), ("1000", "paracetamol"),
        ("200", "ibuprofen"), ("300", "ibuprofen"), ("400", "ibuprofen"),
    ]  # fmt: skip
    assert chips[0][2] == "500 mg"
    user.profile.language = "zh-hans"
    user.profile.save()
    labels = re.findall(r'data-dose="\d+" data-for="\w+"[^>]*>([^<]+)<', page(client))
    assert labels[0] == "500 毫克（0.5 克）" and labels[4] == "300 毫克（0.3 克）"


def test_the_ibuprofen_caution_is_for_the_first_time_only(client, user, today):
    assert "data-first-ibuprofen" in page(client)
    log(user, today - timedelta(days=3), medicines=[dose("08:00", "ibuprofen", 400)])
    assert "data-first-ibuprofen" not in page(client)


def test_two_nights_running_of_hardly_any_sleep_point_to_the_warning_signs(client, user, today):
    assert "data-if-hardly" not in page(client)  # nothing the night before
    log(user, today - timedelta(days=1), sleep_quality="hardly")
    html = page(client)
    assert not visible(html, "data-if-hardly")  # only if tonight is the second
    log(user, today, sleep_quality="hardly")
    html = page(client)
    assert visible(html, "data-if-hardly")
    assert "Two nights running with hardly any sleep" in html


def test_heavy_interference_on_three_days_of_a_week_points_to_a_check_up(client, user, today):
    for back in (2, 5):
        log(user, today - timedelta(days=back), pain_interference=8)
    log(user, today, pain_interference=3)
    html = page(client)
    # Two heavy days before: today's score decides, so the script gets the threshold.
    assert re.search(r'data-heavy-at="7" hidden', html)
    log(user, today, pain_interference=7)
    assert visible(page(client), "data-heavy-at")
    # A day that left the week does not count.
    log(user, today - timedelta(days=2), pain_interference=2)
    log(user, today - timedelta(days=7), pain_interference=9)
    assert "data-heavy-at" not in page(client)


def test_two_weeks_of_low_mood_show_the_card_with_the_self_harm_guidance_one_tap_away(
    client, user, today
):
    assert "data-low-mood-card" not in page(client)
    # Low every other day for the 13 days before today (a day between does not end a run):
    # a low mood today makes two weeks; without one, neither rule holds.
    for back in range(1, 14, 2):
        log(user, today - timedelta(days=back), mood=2)
    html = page(client)
    assert re.search(r'data-if-low="1" data-if-other="0" data-if-none="0" hidden', html)
    log(user, today, mood=1)
    html = page(client)
    assert visible(html, "data-low-mood-card")
    card = html[html.index("data-low-mood-card") : html.index('<div class="quick')]
    assert "Your midwife or doctor can do a short check" in card
    assert "<details>" in card and "Thoughts of harming yourself or your baby?" in card
    assert "Tell your midwife or doctor today" in card
    assert 'href="tel:999"' in card and 'href="tel:116123"' in card


def test_the_page_names_its_advice_and_the_advice_answers_offline_ready(client, user, today):
    html = page(client)
    url = re.search(r'data-advice-url="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert url.startswith("/advice/en/GB.json?v=")
    response = client.get(url)
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    advice = response.json()
    assert advice["rules"][0] == {
        "medicine": "paracetamol", "rule": "single_dose", "kind": "single", "over_mg": 1000,
    }  # fmt: skip
    assert [line["dial"] for line in advice["lines"]] == ["999", "112"]
    assert advice["alerts"]["paracetamol.daily_total"]["title"].endswith("({mg} mg)")
    assert "codeine and tramadol" in advice["cautions"]["other_medicine"]
    assert "asthma" in advice["cautions"]["ibuprofen"]
    assert "calf is swollen, red or painful" in advice["leg"]
    assert [line["dial"] for line in advice["sign_lines"]["self_harm_thoughts"]] == [
        "116123",
        "111",
    ]
    # An old version is answered with today's words, and not kept.
    assert client.get(url.split("?")[0] + "?v=old")["Cache-Control"] == "no-cache"


def test_the_advice_speaks_chinese_and_needs_no_log_in(client):
    client.logout()
    advice = client.get("/advice/zh-hans/any.json").json()
    assert "对乙酰氨基酚" in advice["alerts"]["paracetamol.single_dose"]["title"]
    # Her region unknown: the general list, each number with its place.
    assert [line["dial"] for line in advice["lines"]] == ["120", "999", "119", "911", "112"]
    assert client.get("/advice/fr/GB.json").status_code == 404
    assert client.get("/advice/en/XX.json").status_code == 404


def test_a_rating_with_a_leg_symptom_shows_the_leg_line_with_the_numbers_to_call(
    client, user, today
):
    rating = {"id": new_id(), "score": 5, "time": "08:00", "body_areas": ["leg"],
              "leg_symptoms": ["numb_tingling"]}  # fmt: skip
    html = page(client)
    # Nothing logged down a leg: the line comes from the advice when she ticks one.
    assert re.search(
        r"<div class=\"leg-pointer\" data-leg-pointer hidden><p data-leg-text></p>", html
    )
    log(user, today, pain_ratings=[rating])
    html = page(client)
    pointer = html[html.index("data-leg-pointer") : html.index('id="pain-list"')]
    assert "your calf is swollen, red or painful" in pointer
    assert 'href="tel:999"' in pointer and " hidden" not in pointer.split(">")[0]
