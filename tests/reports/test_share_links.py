"""Share links: a doctor reads without logging in, only while the link is valid, and only hers."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from reports.models import AccessLog, ShareLink
from tests.support.export_history import write_known_history


@pytest.fixture
def her(user, client):
    write_known_history(user, days=20)
    client.force_login(user)
    return client


def make_link(client: Client, **fields) -> str:
    """Make a link on the Export page as she would; returns its path."""
    data = {"range": "all", "paper": "a4", "label": "Dr Wang", "days_valid": 14, **fields}
    assert client.post("/export/share/", data).status_code == 302
    page = client.get("/export/").content.decode()
    url = re.search(r'value="https?://[^/"]+(/share/[^"]+)"', page).group(1)
    # Shown once only.
    assert url not in client.get("/export/").content.decode()
    return url


def test_the_token_is_long_and_stored_only_as_a_hash(her):
    path = make_link(her)
    token = path.split("/")[2]
    assert len(token) >= 43  # 32 random bytes, base64: 256 bits
    link = ShareLink.objects.get()
    assert link.token_hash == ShareLink.hash(token) and token not in link.token_hash
    assert link.expires_at - timezone.now() > timedelta(days=13, hours=23)


def test_a_doctor_reads_the_summary_and_downloads_without_logging_in(her, user):
    path = make_link(her)
    doctor = Client()
    page = doctor.get(path)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Back pain history of Li Na" in text and "<svg" in text
    assert page["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    assert '<meta name="robots" content="noindex, nofollow, noarchive">' in text
    assert page["Referrer-Policy"] == "no-referrer" and "no-store" in page["Cache-Control"]
    for suffix, kind in (("report.pdf", "application/pdf"), ("pain-history.csv", "text/csv"),
                         ("fhir.json", "application/fhir+json")):  # fmt: skip
        response = doctor.get(path + suffix)
        assert response.status_code == 200 and response["Content-Type"].startswith(kind)
    link = ShareLink.objects.get()
    assert link.open_count == 4 and link.last_opened_at is not None
    assert list(AccessLog.objects.values_list("what", flat=True).order_by("id")) == [
        "page", "pdf", "csv", "fhir",
    ]  # fmt: skip
    # She sees when it was opened.
    assert "opened 4 times" in her.get("/export/").content.decode()


def test_an_expired_or_revoked_link_is_not_found(her):
    path = make_link(her)
    link = ShareLink.objects.get()
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert Client().get(path).status_code == 404
    assert Client().get(path + "report.pdf").status_code == 404

    path = make_link(her)
    fresh = ShareLink.objects.order_by("-id").first()
    assert her.post(f"/export/share/{fresh.pk}/revoke/").status_code == 302
    assert Client().get(path).status_code == 404
    assert Client().get("/share/not-a-real-token/").status_code == 404


def test_another_mother_can_neither_revoke_nor_read_through_her_links(her, other_user):
    make_link(her)
    link = ShareLink.objects.get()
    other = Client()
    other.force_login(other_user)
    assert other.post(f"/export/share/{link.pk}/revoke/").status_code == 404
    assert ShareLink.objects.get().revoked_at is None
    assert "Dr Wang" not in other.get("/export/").content.decode()


def test_a_link_shows_only_its_own_mothers_days(her, other_user):
    write_known_history(other_user, days=5)
    other_user.profile.display_name = "Somebody Else"
    other_user.profile.save()
    path = make_link(her)
    text = Client().get(path).content.decode()
    assert "Li Na" in text and "Somebody Else" not in text
    assert re.search(r"20 of \d+ days logged", text)


def with_rate(settings, scope: str, rate: str) -> None:
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**rates, scope: rate},
    }


def test_opening_links_is_rate_limited(her, settings):
    with_rate(settings, "share", "3/min")
    path = make_link(her)
    doctor = Client()
    statuses = [doctor.get(path).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    # Guessing tokens is throttled the same way.
    assert doctor.get("/share/guess/").status_code == 429


def test_robots_are_told_to_stay_out(client):
    assert "Disallow: /share/" in client.get("/robots.txt").content.decode()


def test_the_form_names_what_is_wrong(her):
    response = her.post("/export/share/", {"range": "custom", "start": "2026-09-10",
                                           "end": "2026-09-01", "paper": "a4",
                                           "days_valid": 5})  # fmt: skip
    assert response.status_code == 400
    text = response.content.decode()
    assert "The first day must not be after the last day." in text
    assert "Select a valid choice" in text  # 5 days is not offered
    assert not ShareLink.objects.exists()


def test_the_shared_summary_reads_top_down_like_the_report(user, client):
    """Warning signs and her questions right after the key figures; the same weeks as the
    table; the lowest day; effects spoken of in the third person."""
    write_known_history(user)  # 91 days, a fever on day 20
    user.profile.visit_questions = "Can I lift the car seat?"
    user.profile.save()
    client.force_login(user)

    html = Client().get(make_link(client)).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())

    # The range runs to today; the header counts weeks as the table does (week 1: days 0-6).
    days = (user.profile.local_today() - user.profile.baby_birth_date).days
    assert f"Week {days // 7 + 1} after the birth ({days} days)" in text
    assert "Week 5 after the birth" in text  # the table's first row: days 30-34
    assert "first week of the report" in text and "last week of the report" in text
    warnings = text.index(
        "Warning signs she reported: Fever of 38 °C or more on 13 Sep 2026 "
        "(Contact a doctor or midwife today)"
    )
    questions = text.index("Her questions for the visit Can I lift the car seat?")
    assert text.index("Average pain") < warnings < questions < text.index("Pain week by week")
    assert "Lowest day" in text and "Best day" not in text
    assert "Longest run of low mood: 1 day" in text
    assert "of the last 14 days (mood logged on" in text
    assert not re.search(r"\b(you|your)\b", text, re.I)


def test_the_shared_chart_is_drawn_without_inline_styles(user, client):
    """The Content Security Policy refuses style attributes: a chart drawn with them showed
    as a black box. Its colours and lines are presentation attributes instead."""
    write_known_history(user)
    client.force_login(user)
    response = Client().get(make_link(client))
    assert "style-src 'self'" in response["Content-Security-Policy"]
    html = response.content.decode()
    assert not re.search(r"\sstyle=", html)
    chart = html[html.index("<svg") : html.index("</svg>")]
    assert re.search(r'<polyline [^>]*stroke="rgb\([^"]+\)"[^>]*fill="none"', chart)
    assert re.search(r'<circle [^>]*fill="rgb\(', chart)


def test_the_shared_summary_has_the_painkiller_sleep_interference_and_leg_lines(user, client):
    from tests.support.export_history import write_new_fields_history

    write_new_fields_history(user)
    client.force_login(user)
    html = Client().get(make_link(client)).content.decode()
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())

    assert "Epidural: yes" in text and "6-week postnatal check: not done yet" in text
    assert "Painkillers on 15 of 28 logged days: Paracetamol on 13 days" in text
    assert "Sleep: median 6 hours over 20 logged nights" in text
    assert "How much pain interfered with her day" in text
    assert "Interference (median)" in text
    assert "Pain going down the leg on 5 days" in text
