"""The profile holds what a doctor asks about the birth and the pregnancy (issue 15)."""

import pytest

from tests.support.accounts import token_client
from tracker.models import DOCTOR_QUESTIONS

pytestmark = pytest.mark.django_db

PROFILE = {"time_zone": "Europe/London", "language": "en"}
ANSWERS = {
    "epidural": "yes",
    "back_pain_before_pregnancy": "no",
    "back_pain_in_pregnancy": "yes",
    "postnatal_check_done": "no",
}


def test_she_answers_on_the_profile_page_and_can_take_an_answer_back(client, user):
    client.force_login(user)
    page = client.get("/profile/").content.decode()
    assert "Epidural during labour" in page and "6-week postnatal check done" in page
    assert '<option value="" selected>Not said</option>' in page
    assert client.post("/profile/", {**PROFILE, **ANSWERS}).status_code == 302
    user.profile.refresh_from_db()
    assert {name: getattr(user.profile, name) for name in DOCTOR_QUESTIONS} == ANSWERS
    assert client.post("/profile/", {**PROFILE, **ANSWERS, "epidural": ""}).status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.epidural == ""


def test_an_answer_other_than_yes_or_no_is_refused(client, user):
    client.force_login(user)
    response = client.post("/profile/", {**PROFILE, "epidural": "maybe"})
    assert "epidural" in response.context["form"].errors
    user.profile.refresh_from_db()
    assert user.profile.epidural == ""


def test_the_page_asks_in_chinese(client, user):
    user.profile.language = "zh-hans"
    user.profile.save()
    client.force_login(user)
    page = client.get("/profile/").content.decode()
    assert "产后42天复查" in page and "硬膜外麻醉" in page and "未填写" in page


def test_the_api_tells_her_answers(user):
    me = token_client(user).get("/api/v1/me/").json()
    assert {name: me[name] for name in DOCTOR_QUESTIONS} == dict.fromkeys(DOCTOR_QUESTIONS, "")
    for name, answer in ANSWERS.items():
        setattr(user.profile, name, answer)
    user.profile.save()
    me = token_client(user).get("/api/v1/me/").json()
    assert {name: me[name] for name in DOCTOR_QUESTIONS} == ANSWERS


def test_the_schema_documents_the_answers(api):
    schema = api.get("/api/v1/schema/?format=json").json()["components"]["schemas"]["Me"]
    for name in DOCTOR_QUESTIONS:
        assert name in schema["properties"] and schema["properties"][name]["description"]
