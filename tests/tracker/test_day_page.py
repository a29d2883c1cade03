"""The day page as the server renders it (before any script runs), the service worker and
the manifest."""

import json
import re
import struct
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings

from tests.support.days import realistic_day
from tracker.day_page import warning_guidance

pytestmark = pytest.mark.django_db

ICONS_DIR = Path(settings.BASE_DIR) / "frontend" / "public" / "icons"


def json_block(html: str, element_id: str):
    match = re.search(rf'<script[^>]*id="{element_id}"[^>]*>(.*?)</script>', html, re.S)
    assert match, f"no #{element_id} block"
    return json.loads(match.group(1))


@pytest.fixture
def logged_in(client, user):
    client.force_login(user)
    return client


def test_today_renders_the_empty_form_for_her_local_date(logged_in, user):
    today = user.profile.local_today()
    response = logged_in.get("/today/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-date="{today.isoformat()}"' in html
    assert 'data-today="true"' in html
    assert "<h1>Today</h1>" in html
    assert f"{user.profile.days_postpartum(today)} days postpartum" in html
    # Editing waits for the script; without it the page says why.
    assert '<fieldset class="day-editor" id="day-editor" disabled>' in html
    assert "<noscript>" in html
    # No next day after today, and the way back is there.
    assert f'href="/day/{(today - timedelta(days=1)).isoformat()}/"' in html
    assert "data-next-link" in html and 'rel="next"' not in html
    assert json_block(html, "day-data") is None
    # The script gets what the page does not say itself: the guidance. Each sign's urgency it
    # reads from the sign's own label.
    catalogue = json_block(html, "catalogue-data")
    assert set(catalogue) == {"guidance"} and "emergency" in catalogue["guidance"]["urgency"]
    assert (
        '<label class="check check-emergency"><input type="checkbox" name="warning-sign" '
        'value="saddle_numbness">' in html
    )


def test_every_pain_score_and_catalogue_choice_is_offered(logged_in):
    html = logged_in.get("/today/").content.decode()
    for score in range(11):
        assert f'name="pain-score" value="{score}"' in html
    assert "no pain" in html and "worst imaginable" in html
    for key in ("lower_back", "football", "back_support", "pelvic_floor", "walking"):
        assert f'value="{key}"' in html
    for value in range(1, 6):
        assert f'name="mood" value="{value}"' in html
    assert 'name="warning-sign" value="saddle_numbness"' in html
    assert 'maxlength="2000"' in html


def test_the_strings_for_the_script_are_valid_json(logged_in):
    strings = json_block(logged_in.get("/today/").content.decode(), "day-strings")
    assert strings["saved"] == "Saved"
    assert strings["offline"] == "Saved on this phone — will sync when online"
    assert "{message}" in strings["error"]
    assert "{score}" in strings["painTitle"]


def test_a_past_day_links_to_the_next_one(logged_in, user):
    today = user.profile.local_today()
    day = today - timedelta(days=3)
    html = logged_in.get(f"/day/{day.isoformat()}/").content.decode()
    assert 'data-today="false"' in html
    assert f'href="/day/{(day + timedelta(days=1)).isoformat()}/" rel="next"' in html
    assert f'href="/day/{(day - timedelta(days=1)).isoformat()}/" rel="prev"' in html


@pytest.mark.parametrize("path", ["/day/2999-01-01/", "/day/2026-02-30/", "/day/yesterday/"])
def test_future_or_malformed_dates_are_not_found(logged_in, path):
    assert logged_in.get(path).status_code == 404


@pytest.mark.parametrize("path", ["/today/", "/day/2026-01-15/"])
def test_the_day_page_needs_a_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_stored_day_shows_without_any_script(logged_in, api):
    body = realistic_day()
    assert api.put("/api/v1/days/2026-01-15/", body, format="json").status_code == 201
    html = logged_in.get("/day/2026-01-15/").content.decode()

    assert "Pain 6 out of 10" in html and "Pain 4 out of 10" in html
    assert "07:30" in html and "Lower back, Pelvis / sacroiliac" in html
    assert "Football / clutch hold" in html and "Side-lying" in html
    assert "25 min, Right, Upright, Back supported, Pillow raising baby" in html
    assert 'name="mood" value="3" checked' in html
    assert 'name="mood-tag" value="exhausted" checked' in html
    assert 'name="habit" value="bent_knees_lift" checked' in html
    assert 'name="habit" value="rested" checked' not in html
    assert 'name="exercise" value="pelvic_floor" checked' in html
    assert 'id="exercise-walking" name="exercise-amount" value="20"' in html
    assert "Bad night, better after a walk.</textarea>" in html
    # The script starts from exactly what the API returns.
    # The API's answer, less the dose checks: the page draws those from the doses itself.
    answer = api.get("/api/v1/days/2026-01-15/").json()
    del answer["dose_alerts"]
    assert json_block(html, "day-data") == answer


def test_stored_warning_signs_show_their_guidance_most_urgent_first(logged_in, api):
    body = realistic_day()
    body["warning_signs"] = ["leaking_urine", "fever", "self_harm_thoughts"]
    api.put("/api/v1/days/2026-01-15/", body, format="json")
    html = logged_in.get("/day/2026-01-15/").content.decode()

    emergency = html.index("Call emergency services now</h3>")
    doctor = html.index("Contact a doctor or midwife today</h3>")
    gp = html.index("See a GP or physiotherapist</h3>")
    assert emergency < doctor < gp
    assert re.search(r'class="guidance-block urgency-emergency"[^>]*role="alert"', html)
    assert "You are not alone and this is not your fault" in html
    assert 'name="warning-sign" value="fever" checked' in html
    assert '<details class="warning-details" open>' in html


def test_a_day_without_warning_signs_shows_no_guidance(logged_in, api):
    api.put("/api/v1/days/2026-01-15/", realistic_day(), format="json")
    html = logged_in.get("/day/2026-01-15/").content.decode()
    assert "guidance-block" not in html.split('<template id="tpl-pain-entry">')[0]
    assert '<details class="warning-details">' in html


def test_guidance_groups_signs_by_urgency(catalogue):
    from habits.catalogue import catalogue_payload

    blocks = warning_guidance(["fever", "both_legs_weak", "calf_swelling"], catalogue_payload())
    assert [block["urgency"] for block in blocks] == ["emergency", "doctor_today"]
    assert [sign["key"] for sign in blocks[1]["signs"]] == ["fever", "calf_swelling"]


def test_the_page_speaks_her_language(logged_in, user):
    user.profile.language = "zh-hans"
    user.profile.save()
    html = logged_in.get("/today/").content.decode()
    assert '<html lang="zh-hans">' in html
    assert "下背部" in html  # catalogue names come in her language
    assert json_block(html, "day-strings")["saved"]


def exercise_row(html: str, key: str) -> str:
    match = re.search(rf'<li class="exercise[^"]*" data-exercise="{key}".*?</li>', html, re.S)
    assert match, key
    return match.group(0)


@pytest.mark.parametrize(
    ("delivery", "weeks", "later"),
    [
        # Three weeks after a vaginal birth: the pool, the bike and the band wait for week 6.
        ("vaginal", 3, {"swimming": 6, "cycling": 6, "spiral_band": 6, "knee_to_chest": None}),
        # Seven weeks after a caesarean: swimming waits a week more, the bike does not.
        ("caesarean", 7, {"swimming": 8, "cycling": None, "knee_to_chest": None}),
        # After a caesarean the knee-to-chest stretch waits for the wound.
        ("caesarean", 2, {"knee_to_chest": 6, "pelvic_tilt": None, "walking": None}),
    ],
)
def test_exercises_for_later_say_from_when_and_link_to_their_tip(
    logged_in, user, delivery, weeks, later
):
    today = user.profile.local_today()
    user.profile.delivery_type = delivery
    user.profile.baby_birth_date = today - timedelta(weeks=weeks, days=2)
    user.profile.save()
    html = logged_in.get("/today/").content.decode()
    for key, from_weeks in later.items():
        row = exercise_row(html, key)
        if from_weeks is None:
            assert "exercise-later" not in row, key
        else:
            assert f"From about {from_weeks} weeks</span>" in row, key
    assert 'href="/tips/exercise_swimming/"' in exercise_row(html, "swimming")
    assert 'href="/tips/exercise_pelvic_floor_squeezes/"' in exercise_row(html, "pelvic_floor")
    assert "exercise-later" not in exercise_row(html, "pelvic_floor")


def test_without_a_birth_date_every_exercise_that_waits_says_from_when(logged_in, user):
    user.profile.baby_birth_date = None
    user.profile.language = "zh-hans"
    user.profile.save()
    html = logged_in.get("/today/").content.decode()
    # How she gave birth is unknown too, so the caesarean wait is shown.
    assert "产后约 8 周起" in exercise_row(html, "swimming")
    assert "exercise-later" not in exercise_row(html, "walking")
    assert "怎么做" in exercise_row(html, "walking")


def test_the_nav_marks_the_current_page(logged_in):
    html = logged_in.get("/today/").content.decode()
    assert re.search(r'href="/today/" aria-current="page"', html)


# ---- service worker and manifest ----


def test_the_service_worker_is_served_from_the_root_with_its_shell(client, settings, tmp_path):
    (tmp_path / "sw.js").write_text("self.addEventListener('fetch', () => {});\n")
    (tmp_path / "app.js").write_text("console.log(1);\n")
    settings.FRONTEND_BUILD_DIR = tmp_path
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    script = response.content.decode()
    assert script.endswith("self.addEventListener('fetch', () => {});\n")
    shell = json.loads(re.match(r"self\.BACKCARE_SHELL = (\{.*?\});\n", script).group(1))
    assert shell["fallback"] == "/today/"
    assert "/static/app.js" in shell["assets"] and "/static/app.css" in shell["assets"]
    assert "/static/icons/icon-512.png" in shell["assets"]

    # A new build changes the worker's bytes, so browsers install it and refresh the shell.
    (tmp_path / "app.js").write_text("console.log(2);\n")
    assert client.get("/sw.js").content.decode() != script


def test_the_service_worker_is_missing_until_the_front_end_is_built(client, settings, tmp_path):
    settings.FRONTEND_BUILD_DIR = tmp_path
    assert client.get("/sw.js").status_code == 404


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", header[16:24])


def test_the_manifest_makes_the_app_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = response.json()
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == "/today/"
    assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        name = icon["src"].removeprefix("/static/icons/")
        width, height = png_size(ICONS_DIR / name)
        assert icon["sizes"] == f"{width}x{height}"


def test_the_pages_load_only_their_own_assets(logged_in):
    html = logged_in.get("/today/").content.decode()
    assert '<script type="module" src="/static/app.js">' in html
    assert '<link rel="stylesheet" href="/static/app.css">' in html
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_today_so_far_shows_the_latest_pain_the_feeds_exercises_and_mood(logged_in, api):
    body = realistic_day()
    api.put("/api/v1/days/2026-01-15/", body, format="json")
    html = logged_in.get("/day/2026-01-15/").content.decode()
    # The rating at 19:00 is the latest; two feeds, the last at 08:00; mood 3 is "Okay".
    assert '<span class="so-far-value" data-so-far="pain">4</span>' in html
    assert '<span class="so-far-value" data-so-far="feeds">2 · 08:00</span>' in html
    assert '<span class="so-far-value" data-so-far="exercises">2</span>' in html
    assert '<span class="so-far-value" data-so-far="mood">Okay</span>' in html
    # With feeds logged, "Same as last feed" is ready before any script runs.
    assert re.search(r'data-action="feed-again">', html)


def test_an_empty_day_so_far(logged_in):
    html = logged_in.get("/today/").content.decode()
    assert '<span class="so-far-value" data-so-far="pain">–</span>' in html
    assert '<span class="so-far-value" data-so-far="feeds">0</span>' in html
    assert re.search(r'data-action="feed-again" disabled>', html)


def test_the_day_for_the_script_cannot_end_its_element_and_keeps_chinese_as_is(logged_in, api):
    body = realistic_day()
    body["note"] = "</script><script>alert(1)</script> 腰疼 & more"
    api.put("/api/v1/days/2026-01-15/", body, format="json")
    html = logged_in.get("/day/2026-01-15/").content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_block(html, "day-data")["note"] == body["note"]
    assert "腰疼 \\u0026 more" in html
