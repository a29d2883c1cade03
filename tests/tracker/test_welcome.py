"""Right after sign-up she is asked two things, the baby's birth date and the type of
delivery, and may skip them; either way she lands on Today."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from tests.support.accounts import sign_up_by_email
from tracker.forms import years_before
from tracker.models import User

pytestmark = pytest.mark.django_db

EMAIL = "new@example.com"


@pytest.fixture
def new_mother(client, catalogue) -> User:
    response = sign_up_by_email(client, EMAIL, "quiet-morning-42")
    assert response.status_code == 302 and response["Location"] == "/welcome/"
    return User.objects.get(email=EMAIL)


def answers(client, **fields):
    return client.post("/welcome/", {"baby_birth_date": "", "delivery_type": "", **fields})


def test_sign_up_ends_on_the_two_questions(client, new_mother):
    page = client.get("/welcome/").content.decode()
    assert "Two quick questions" in page
    assert 'type="date"' in page and 'name="baby_birth_date"' in page
    # The existing choices, as radio chips, and a way out that asks nothing.
    for value in ("vaginal", "assisted", "caesarean"):
        assert f'type="radio" name="delivery_type" value="{value}"' in page
    assert "---------" not in page
    assert 'href="/today/">Skip for now</a>' in page


def test_her_answers_are_saved_and_today_counts_the_days(client, new_mother):
    today = new_mother.profile.local_today()
    birth = today - timedelta(days=10)
    response = answers(client, baby_birth_date=birth.isoformat(), delivery_type="caesarean")
    assert response.status_code == 302 and response["Location"] == "/today/"
    new_mother.profile.refresh_from_db()
    assert new_mother.profile.baby_birth_date == birth
    assert new_mother.profile.delivery_type == "caesarean"
    assert "10 days postpartum" in client.get("/today/").content.decode()


def test_skipping_saves_nothing_and_today_does_not_ask_again(client, new_mother):
    page = client.get("/today/").content.decode()
    assert "days postpartum" not in page
    assert "/welcome/" not in page and "Two quick questions" not in page
    new_mother.profile.refresh_from_db()
    assert new_mother.profile.baby_birth_date is None and new_mother.profile.delivery_type == ""
    # Later, the profile page offers the questions again while the birth date is missing.
    assert 'href="/welcome/"' in client.get("/profile/").content.decode()


def test_saving_with_only_one_answer_keeps_the_other_empty(client, new_mother):
    assert answers(client, delivery_type="vaginal").status_code == 302
    new_mother.profile.refresh_from_db()
    assert new_mother.profile.baby_birth_date is None
    assert new_mother.profile.delivery_type == "vaginal"


@pytest.mark.parametrize(
    ("birth_date", "message"),
    [
        ("tomorrow", "The baby&#x27;s birth date cannot be in the future."),
        ("three years ago", "The baby&#x27;s birth date cannot be more than 2 years ago."),
        ("31/05/2026", "Enter the baby&#x27;s birth date as a date, like 2026-05-31."),
        ("2026-02-30", "Enter the baby&#x27;s birth date as a date, like 2026-05-31."),
    ],
)
def test_a_bad_birth_date_is_refused_naming_the_field_and_nothing_is_saved(
    client, new_mother, birth_date, message
):
    today = new_mother.profile.local_today()
    birth_date = {
        "tomorrow": (today + timedelta(days=1)).isoformat(),
        "three years ago": years_before(today, 3).isoformat(),
    }.get(birth_date, birth_date)
    response = answers(client, baby_birth_date=birth_date, delivery_type="assisted")
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["baby_birth_date"]
    page = response.content.decode()
    assert message in page
    # She sees what she chose, to correct the date only.
    assert 'value="assisted" id="id_delivery_type_1" checked' in page
    new_mother.profile.refresh_from_db()
    assert new_mother.profile.baby_birth_date is None and new_mother.profile.delivery_type == ""


def test_an_unknown_delivery_type_is_refused(client, new_mother):
    response = answers(client, baby_birth_date="", delivery_type="home")
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["delivery_type"]


def test_the_oldest_date_accepted_is_two_years_back_to_the_day(client, new_mother):
    oldest = years_before(new_mother.profile.local_today(), 2)
    assert answers(client, baby_birth_date=oldest.isoformat()).status_code == 302
    page = client.get("/welcome/").content.decode()
    assert f'min="{oldest.isoformat()}"' in page


def test_two_years_before_a_leap_day():
    assert years_before(date(2028, 2, 29), 2) == date(2026, 2, 28)
    assert years_before(date(2026, 11, 27), 2) == date(2024, 11, 27)


def test_the_questions_speak_chinese(client, new_mother):
    new_mother.profile.language = "zh-hans"
    new_mother.profile.save()
    page = client.get("/welcome/").content.decode()
    with translation.override("zh-hans"):
        for text in ("Two quick questions", "Skip for now", "Caesarean section"):
            assert translation.gettext(text) in page and translation.gettext(text) != text


def test_the_questions_need_her_to_be_logged_in(client, catalogue):
    response = client.get("/welcome/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")
