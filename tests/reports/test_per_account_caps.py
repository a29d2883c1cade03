"""What one account can keep at once is bounded: 20 reminders, 20 share links that work, 20
API tokens. A reminder or link beyond them is refused with a 400 naming the list, in the API,
on the pages and in a backup; a token beyond them replaces the one made longest ago."""

import pytest

from reminders.models import ReminderSchedule
from reports.backup import BackupError, validate
from reports.models import ShareLink
from tests.support.accounts import token_client
from tracker.models import ApiToken

pytestmark = pytest.mark.django_db

REMINDER = {"purpose": "exercises", "times": ["18:00"], "weekdays": [0, 2, 4]}


def add_reminders(api, count: int) -> list[int]:
    statuses = [
        api.post("/api/v1/reminders/", REMINDER, format="json").status_code for _ in range(count)
    ]
    return statuses


def test_twenty_reminders_and_no_more_through_the_api(api, user):
    assert add_reminders(api, 20) == [201] * 20
    refused = api.post("/api/v1/reminders/", REMINDER, format="json")
    assert refused.status_code == 400
    assert refused.json() == {
        "reminders": [
            "You have 20 reminders, the most one account can have: delete one to add another."
        ]
    }
    assert ReminderSchedule.objects.filter(user=user).count() == 20
    # Changing one is not adding one.
    first = ReminderSchedule.objects.filter(user=user).first()
    changed = api.patch(f"/api/v1/reminders/{first.pk}/", {"times": ["07:00"]}, format="json")
    assert changed.status_code == 200
    api.delete(f"/api/v1/reminders/{first.pk}/")
    assert add_reminders(api, 1) == [201]


def test_the_reminders_page_says_so_too(client, user, api):
    add_reminders(api, 20)
    client.force_login(user)
    form = {
        "new-purpose": "tip",
        "new-enabled": "on",
        "new-times": ["18:00"],
        "new-weekdays": ["1"],
        "new-channel": "push",
    }
    response = client.post("/reminders/new/", form)
    assert response.status_code == 400
    assert "the most one account can have" in response.content.decode()
    assert ReminderSchedule.objects.filter(user=user).count() == 20


def test_a_backup_of_more_reminders_than_an_account_can_have_is_refused(user):
    data = {"format": "backcare-backup", "version": 1, "days": [], "reminders": [REMINDER] * 21}
    with pytest.raises(BackupError) as refused:
        validate(user, data)
    assert refused.value.errors == {"reminders": ["A backup holds at most 20 reminders."]}
    data.update(reminders=[REMINDER] * 20, profile={"time_zone": "UTC"})
    assert len(validate(user, data)[2]) == 20


def test_twenty_share_links_that_work_and_no_more(api, user, client):
    made = [api.post("/api/v1/share-links/", {}, format="json") for _ in range(20)]
    assert {response.status_code for response in made} == {201}
    refused = api.post("/api/v1/share-links/", {}, format="json")
    assert refused.status_code == 400 and list(refused.json()) == ["share_links"]
    client.force_login(user)
    page = client.post("/export/share/", {"range": "6w", "paper": "a4", "days_valid": "14"})
    assert page.status_code == 400
    assert "revoke one to make another" in page.content.decode()
    assert ShareLink.objects.filter(user=user).count() == 20
    # A revoked link makes room.
    assert api.delete(f"/api/v1/share-links/{made[0].json()['id']}/").status_code == 204
    assert api.post("/api/v1/share-links/", {}, format="json").status_code == 201


def test_a_new_token_beyond_twenty_replaces_the_oldest(user):
    clients = [token_client(user) for _ in range(21)]
    assert ApiToken.objects.filter(user=user).count() == 20
    assert clients[0].get("/api/v1/me/").status_code == 401
    assert clients[1].get("/api/v1/me/").status_code == 200
    assert clients[20].get("/api/v1/me/").status_code == 200


def test_another_accounts_tokens_are_left_alone(user, other_user):
    theirs = token_client(other_user)
    for _ in range(21):
        token_client(user)
    assert theirs.get("/api/v1/me/").status_code == 200
