"""The pelvic-floor session page and the recovery page, and their way in from Today: drawn by
the server with her plan, the timer's settings and what the rules suggest."""

import json
import re
from datetime import timedelta

import pytest
from django.test import override_settings

from tests.support.days import new_id, realistic_day
from tracker.recovery_models import RunningReadiness

pytestmark = pytest.mark.django_db


def json_block(html: str, element_id: str):
    found = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1)) if found else None


@pytest.fixture
def logged_in(client, user):
    client.force_login(user)
    return client


def test_today_is_one_tap_from_a_session(logged_in, api, user):
    today = user.profile.local_today().isoformat()
    api.put(f"/api/v1/days/{today}/", realistic_day(), format="json")
    html = logged_in.get("/today/").content.decode()
    card = re.search(r'<p class="recovery-card">.*?</p>', html).group(0)
    assert 'href="/pelvic-floor/"' in card
    assert "Level 1 · 1 of 3 today" in card  # realistic_day has one session


def test_a_past_day_has_no_session_card(logged_in, user):
    yesterday = user.profile.local_today() - timedelta(days=1)
    assert "recovery-card" not in logged_in.get(f"/day/{yesterday.isoformat()}/").content.decode()


@override_settings(PELVIC_FLOOR_SECOND_MS=50)
def test_the_session_page_carries_the_plan_the_timer_and_the_check(logged_in, user):
    response = logged_in.get("/pelvic-floor/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Level 1: 5 slow squeezes held for 3 seconds, then 5 quick squeezes." in html
    timer = json_block(html, "timer-data")
    assert timer == {
        "level": 1, "holds": 5, "holdSeconds": 3, "restSeconds": 4, "quickSqueezes": 5,
        "secondMs": 50, "stepBack": False,
    }  # fmt: skip
    assert json_block(html, "day-data") is None  # nothing logged today yet
    strings = json_block(html, "recovery-strings")
    assert "{n}" in strings["holdStep"] and "{message}" in strings["error"]
    for key in ("leak_cough_sneeze", "leak_exercise", "leak_urgency", "heaviness", "doming"):
        assert f'value="{key}" data-steps-back' in html
    assert 'value="front_pelvic_pain">' in html
    assert "data-day-items" in html and "recovery.js" in html and "recovery.css" in html
    # One-handed: the buttons carry their final labels from the server.
    for action in ("start", "pause", "resume", "finish"):
        assert f'data-action="{action}"' in html


def test_the_session_page_knows_a_symptom_would_step_her_back(logged_in, api, user):
    today = user.profile.local_today()
    session = {"level": 1, "holds": 5, "hold_seconds": 3, "quick_squeezes": 5, "effort": ""}
    for back in range(8, 0, -1):
        day = (today - timedelta(days=back)).isoformat()
        body = {**realistic_day(), "pelvic_floor_sessions": [{**session, "id": new_id()}]}
        api.put(f"/api/v1/days/{day}/", body, format="json")
    html = logged_in.get("/pelvic-floor/").content.decode()
    assert json_block(html, "timer-data")["stepBack"] is True
    assert "your next sessions go back a level, to level 1" in html
    assert "pelvic-health physiotherapist" in html


def test_the_recovery_page_shows_plan_checks_function_and_running(logged_in, api, user):
    user.profile.baby_birth_date = user.profile.local_today() - timedelta(days=100)
    user.profile.save()
    html = logged_in.get("/recovery/").content.decode()
    for section in ("plan", "symptom-check", "tummy-gap", "function", "running"):
        assert f'id="{section}"' in html
    assert "Lifting the baby from the cot" in html  # a suggestion to pick
    assert "Weekly symptom check" in html and "Due" in html
    # 100 days after the birth: the checklist is open, every test of the guideline listed.
    assert html.count('class="segmented running-test"') == 11
    assert "Try the tests below on different days" in html


def test_the_recovery_page_leads_with_what_the_rules_suggest(logged_in, api, user):
    today = user.profile.local_today().isoformat()
    check = {"id": new_id(), "context": "weekly", "symptoms": ["heaviness"]}
    api.put(f"/api/v1/days/{today}/", {**realistic_day(), "symptom_checks": [check]}, format="json")
    html = logged_in.get("/recovery/").content.decode()
    advice = html.index("What your last checks suggest")
    assert advice < html.index('id="plan"')
    assert "Heaviness or dragging down below" in html and "NICE NG210" in html
    today_html = logged_in.get("/today/").content.decode()
    assert "See what your check suggests" in today_html


def test_running_is_offered_on_the_day_page_only_after_the_checklist(logged_in, user):
    user.profile.baby_birth_date = user.profile.local_today() - timedelta(days=100)
    user.profile.save()
    assert 'data-exercise="running"' not in logged_in.get("/today/").content.decode()
    today = user.profile.local_today().isoformat()
    from habits.running_readiness import TESTS

    RunningReadiness.objects.create(
        user=user,
        tests=[{"test": t.key, "result": "passed", "date": today} for t in TESTS],
        version="v",
    )
    assert 'data-exercise="running"' in logged_in.get("/today/").content.decode()


@pytest.mark.parametrize("path", ["/pelvic-floor/", "/recovery/"])
def test_the_pages_need_her_to_be_signed_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/login/" in response["Location"]
