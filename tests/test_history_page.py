import pytest

from tests.conftest import realistic_day
from tracker.demo import DEMO_EMAIL, ensure_demo_account
from tracker.models import User

pytestmark = pytest.mark.django_db


def test_history_lists_her_days_with_their_worst_pain(client, api, user, other_api):
    api.put("/api/v1/days/2026-01-02/", realistic_day(), format="json")
    other_day = realistic_day()
    other_day["pain_ratings"] = [{"id": "6f1c1a1e-1111-4c1e-9a51-000000000001", "score": 9}]
    other_api.put("/api/v1/days/2026-01-03/", other_day, format="json")
    client.force_login(user)
    html = client.get("/history/").content.decode()
    assert 'href="/day/2026-01-02/"' in html
    assert "Worst pain 6 out of 10" in html
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
