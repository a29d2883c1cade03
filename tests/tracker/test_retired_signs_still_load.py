"""A day stored with a sign that has since been retired or split (weight_loss_or_cancer, now
weight_loss and past_cancer_new_pain) still loads everywhere: the API, Today, the report."""

from datetime import date

import pytest

from reports.summary import build_summary
from tests.support.days import realistic_day
from tracker.days import save_day

pytestmark = pytest.mark.django_db

DAY = date(2026, 1, 15)
OLD_NAME = "Back pain with weight loss I can't explain, or I have had cancer"


@pytest.fixture
def old_day(user):
    save_day(user, DAY, {**realistic_day(), "warning_signs": ["weight_loss_or_cancer"]})
    return user


def test_the_api_reads_and_saves_it_unchanged(api, old_day):
    got = api.get(f"/api/v1/days/{DAY}/")
    assert got.status_code == 200 and got.json()["warning_signs"] == ["weight_loss_or_cancer"]
    body = {**got.json(), "note": "Edited later."}
    again = api.put(f"/api/v1/days/{DAY}/", body, format="json", HTTP_IF_MATCH=got["ETag"])
    assert again.status_code == 200 and again.json()["warning_signs"] == ["weight_loss_or_cancer"]


def test_its_page_loads_keeps_it_and_offers_only_the_new_signs(client, old_day):
    client.force_login(old_day)
    response = client.get(f"/day/{DAY}/")
    assert response.status_code == 200
    html = response.content.decode()
    # Kept in the day the page edits, so a change made there saves it again.
    assert '"warning_signs":["weight_loss_or_cancer"]' in html
    assert 'value="weight_loss_or_cancer"' not in html
    assert 'value="weight_loss"' in html and 'value="past_cancer_new_pain"' in html


def test_the_report_names_it(old_day):
    summary = build_summary(old_day, DAY, DAY)
    assert [sign.name for sign in summary.warning_summary] == [OLD_NAME]
