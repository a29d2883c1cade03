"""Loading a backup on the Export page: a file nested too deeply is a 400 naming the file
(it was a 500), a file of more days than there are dates is refused before any day is
checked, and refused files cannot be sent without end."""

import io
import json

import pytest

from reports.backup import BackupError, most_days, validate

pytestmark = pytest.mark.django_db


def upload(client, content: bytes):
    file = io.BytesIO(content)
    file.name = "backup.json"
    return client.post("/export/import/", {"file": file})


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 3000,
        b'{"a":' * 2500,
        # Valid JSON the decoder can read, nested far deeper than any backup.
        b'{"format": "backcare-backup", "version": 1, "days": ' + b"[" * 200 + b"]" * 200 + b"}",
    ],
    ids=["lists", "objects", "inside-days"],
)
def test_a_deeply_nested_file_names_the_file(client, user, content):
    client.force_login(user)
    response = upload(client, content)
    assert response.status_code == 400
    assert "nested too deeply" in response.content.decode()


def test_a_file_of_more_days_than_there_are_dates_is_refused_at_once(user):
    days = [{"date": "2026-01-01"}] * 100_000
    with pytest.raises(BackupError) as refused:
        validate(user, {"format": "backcare-backup", "version": 1, "days": days})
    # One error for the list, not one for each of its days.
    assert refused.value.errors == {
        "days": [f"A backup holds at most {most_days()} days: one for each date since 2000."]
    }


def test_refused_files_are_slowed_per_account(client, user):
    client.force_login(user)
    statuses = [upload(client, b"not json").status_code for _ in range(11)]
    assert statuses == [400] * 10 + [429]
    assert "Too many attempts" in upload(client, json.dumps({}).encode()).content.decode()
