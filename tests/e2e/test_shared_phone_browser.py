"""A phone that two people use: nothing of one mother's reaches the next person on it.

Log-out ends push on the phone and tells the server; the service worker keeps pages per user,
serves only the signed-in user's, and drops the others' as soon as it sees somebody else or
nobody signed in. Headless Chromium cannot subscribe to a push service here, so the page's
pushManager is given a stand-in subscription whose endpoint the server knows.
"""

import json
import re
import time

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from playwright.sync_api import BrowserContext, Error, Page

from reminders.models import PushSubscription
from tests.e2e.pages import PASSWORD, log_in
from tests.e2e.test_push_browser import (
    registration_id,
    sent_reminder,
    settled_notifications,
    wait_for,
)
from tracker.models import User

pytestmark = pytest.mark.browser

ENDPOINT = "https://fcm.googleapis.com/fcm/send/shared-phone"
# A subscription whose unsubscribe() never answers, as with a push service out of reach; it
# notes the call in sessionStorage, which outlives the log-out's page.
STAND_IN_SUBSCRIPTION = """
PushManager.prototype.getSubscription = async function () {
  return {
    endpoint: %s,
    unsubscribe() {
      sessionStorage.setItem("unsubscribed", this.endpoint);
      return new Promise(() => {});
    },
  };
};
"""


def mother(email: str) -> User:
    return User.objects.create_user(
        email, PASSWORD, time_zone="Europe/Berlin", baby_birth_date=timezone.localdate()
    )


def under_service_worker(page: Page) -> None:
    """Reload until the service worker answers this page's navigations."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")


def kept_pages(page: Page) -> dict[str, str | None]:
    """Every page kept for offline use: its URL and the user it was made for."""
    return page.evaluate(
        """async () => {
            const kept = {};
            for (const name of await caches.keys()) {
                if (!name.startsWith("backcare-pages")) continue;
                const cache = await caches.open(name);
                for (const request of await cache.keys()) {
                    const html = await (await cache.match(request)).text();
                    const user = /<body[^>]*\\sdata-user="([^"]+)"/.exec(html);
                    kept[new URL(request.url).pathname] = user ? user[1] : null;
                }
            }
            return kept;
        }"""
    )


def shown_user(page: Page, site: str, path: str) -> str | None:
    """Whose page the phone shows for `path`: a user id, or None when it shows none."""
    try:
        page.goto(f"{site}{path}")
    except Error:
        return None  # the browser's own offline page
    return page.evaluate("document.body.dataset.user ?? null")


def test_log_out_ends_push_on_the_phone_and_forgets_her_pages(site, phone: BrowserContext):
    her = mother("first@example.com")
    PushSubscription.objects.create(user=her, endpoint=ENDPOINT, p256dh="k", auth="a")
    phone.add_init_script(STAND_IN_SUBSCRIPTION % json.dumps(ENDPOINT))
    phone.grant_permissions(["notifications"], origin=site)
    page = phone.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, site, her.email)
    under_service_worker(page)
    page.goto(f"{site}/insights/")
    assert set(kept_pages(page).values()) == {str(her.pk)}
    cdp, worker = registration_id(phone, page, site)

    started = time.monotonic()
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r"/login/"))
    # The push service never answered, and log-out did not wait for it.
    assert time.monotonic() - started < 4
    assert page.evaluate("sessionStorage.getItem('unsubscribed')") == ENDPOINT
    # The server heard while her session held: her reminders go by email now.
    assert not PushSubscription.objects.filter(endpoint=ENDPOINT).exists()
    assert kept_pages(page) == {}

    # A reminder already on its way when she left shows none of her words.
    delivery, payload = sent_reminder(her)
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {"origin": site, "registrationId": worker, "data": json.dumps(payload)},
    )
    notifications = wait_for(lambda: settled_notifications(page), "the notification", page)
    assert [(n["title"], n["body"], n["tag"]) for n in notifications] == [
        ("Backcare", "Open the app to see your reminder.", f"reminder-{delivery.pk}")
    ]
    assert errors == []


def test_when_her_session_ends_the_next_person_never_sees_her_pages(site, phone):
    her, next_person = mother("first@example.com"), mother("second@example.com")
    page = phone.new_page()
    log_in(page, site, her.email)
    under_service_worker(page)
    for path in ("/history/", "/insights/", "/reminders/"):
        page.goto(f"{site}{path}")
    assert set(kept_pages(page).values()) == {str(her.pk)}

    # Her session runs out without a log-out; the next person opens the app on the phone.
    Session.objects.all().delete()
    page.goto(f"{site}/today/")
    page.wait_for_url(re.compile(r"/login/"))
    assert kept_pages(page) == {}
    log_in(page, site, next_person.email)
    page.goto(f"{site}/today/")
    assert set(kept_pages(page).values()) == {str(next_person.pk)}

    # Offline, her pages are not there to be shown: the next person's today page stands in.
    phone.set_offline(True)
    for path in ("/history/", "/insights/", "/reminders/", "/today/"):
        assert shown_user(page, site, path) == str(next_person.pk), path
    # A log-in page never stands in for anybody's page.
    assert shown_user(page, site, "/login/") is None
    phone.set_offline(False)


def test_a_log_in_the_service_worker_did_not_see_hides_her_kept_pages(site, phone):
    her, next_person = mother("first@example.com"), mother("second@example.com")
    page = phone.new_page()
    log_in(page, site, her.email)
    under_service_worker(page)
    page.goto(f"{site}/insights/")
    assert set(kept_pages(page).values()) == {str(her.pk)}

    # Her session ends, and the next person logs in on the phone without a page the service
    # worker answers (here, straight through the browser's cookie jar).
    Session.objects.all().delete()
    form = page.request.get(f"{site}/login/").text()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    answer = page.request.post(
        f"{site}/login/",
        form={"username": next_person.email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        max_redirects=0,
    )
    assert answer.status == 302

    # Offline, the pages kept for her are hers: not shown to whoever is signed in now.
    phone.set_offline(True)
    for path in ("/insights/", "/today/"):
        assert shown_user(page, site, path) is None, path
    phone.set_offline(False)
    assert shown_user(page, site, "/today/") == str(next_person.pk)
    assert set(kept_pages(page).values()) == {str(next_person.pk)}
