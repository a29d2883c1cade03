"""Reminders by Web Push in the browser: the service worker shows a real reminder message and
tells the server it did; the Reminders page offers to turn notifications on.

No push service can be reached here, so the message is handed to the service worker through
the DevTools protocol (ServiceWorker.deliverPushMessage), as a push service would hand it over.
"""

import json
import re
import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from reminders.messages import compose, push_payload
from reminders.models import Channel, Purpose, ReminderDelivery
from tests.e2e.pages import EMAIL, PASSWORD, log_in
from tracker.models import User

pytestmark = pytest.mark.browser

NOTIFICATIONS_OFF = "Notifications are off for this phone. Reminders will come by email."
SUBSCRIBE_FAILED = (
    "This browser could not turn on notifications. "
    "Try again later; until then reminders will come by email."
)
NO_ANSWER = (
    "The browser’s notification service did not answer. Check your connection and try again later."
)


def signed_in_mother(page: Page, site: str) -> User:
    user = User.objects.create_user(
        EMAIL, PASSWORD, time_zone="Europe/Berlin", baby_birth_date=timezone.localdate()
    )
    log_in(page, site)
    return user


def sent_reminder(user: User) -> tuple[ReminderDelivery, dict]:
    """A "log your day" reminder as the pipeline sends it, and the message it pushes."""
    now = timezone.now()
    delivery = ReminderDelivery.objects.create(
        user=user,
        purpose=Purpose.LOG_DAY,
        channel=Channel.PUSH,
        slot_at=now,
        due_at=now,
        state=ReminderDelivery.State.SENT,
        pushed_at=now,
    )
    day = delivery.slot_at.astimezone(user.profile.zone).date()
    return delivery, push_payload(delivery, compose(delivery, day, None))


def registration_id(context: BrowserContext, page: Page, site: str):
    """Start the DevTools ServiceWorker domain; returns the session and the site's worker."""
    cdp = context.new_cdp_session(page)
    registrations: dict[str, str] = {}

    def updated(params: dict) -> None:
        for registration in params["registrations"]:
            if not registration.get("isDeleted"):
                registrations[registration["scopeURL"]] = registration["registrationId"]

    cdp.on("ServiceWorker.workerRegistrationUpdated", updated)
    cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + 10
    while f"{site}/" not in registrations and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    assert f"{site}/" in registrations, registrations
    return cdp, registrations[f"{site}/"]


def shown_notifications(page: Page) -> list[dict]:
    return page.evaluate(
        """async () => {
            const registration = await navigator.serviceWorker.ready;
            return (await registration.getNotifications()).map((n) => ({
                title: n.title, body: n.body, tag: n.tag, data: n.data, icon: n.icon,
                actions: n.actions.map((a) => ({action: a.action, title: a.title})),
            }));
        }"""
    )


def wait_for(condition, what: str, page: Page, seconds: float = 10):
    """Poll while letting Playwright run (its events arrive only while it is called)."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        page.wait_for_timeout(100)


def settled_notifications(page: Page) -> list[dict]:
    """The notifications shown, asked for once the last one has had time to reach the screen.

    Chromium's getNotifications() drops from its records any notification that the screen does
    not list yet, so asking while one is still on its way loses it for good.
    """
    page.wait_for_timeout(500)
    return shown_notifications(page)


def test_a_pushed_reminder_is_shown_with_open_and_snooze_and_the_server_hears_of_it(site, phone):
    phone.grant_permissions(["notifications"], origin=site)
    page = phone.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    user = signed_in_mother(page, site)
    page.goto(f"{site}/reminders/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    cdp, worker = registration_id(phone, page, site)

    def push(data: str) -> None:
        cdp.send(
            "ServiceWorker.deliverPushMessage",
            {"origin": site, "registrationId": worker, "data": data},
        )

    def receipt(delivery: ReminderDelivery):
        """The service worker reports "shown" once showNotification() has resolved."""
        return wait_for(
            lambda: ReminderDelivery.objects.get(pk=delivery.pk).shown_at, "the receipt", page
        )

    delivery, payload = sent_reminder(user)
    assert payload["title"] == "How is your back today?"
    push(json.dumps(payload))
    assert receipt(delivery) <= timezone.now()
    (notification,) = settled_notifications(page)
    assert notification["title"] == payload["title"]
    assert notification["body"] == payload["body"]
    assert notification["tag"] == f"reminder-{delivery.pk}"
    assert notification["actions"] == [
        {"action": "open", "title": "Open"},
        {"action": "snooze", "title": "Snooze 30 min"},
    ]
    assert notification["data"] == {
        "url": payload["url"],
        "token": payload["token"],
        "id": delivery.pk,
    }
    assert notification["icon"].endswith("/icons/icon-192.png")
    assert ReminderDelivery.objects.get(pk=delivery.pk).opened_at is None

    # The same reminder pushed again (a resend after a crash) replaces it: still one.
    push(json.dumps(payload))
    page.wait_for_timeout(500)
    assert [n["tag"] for n in settled_notifications(page)] == [f"reminder-{delivery.pk}"]

    # A tampered link is never followed off the site: that notification opens today's page.
    other, other_payload = sent_reminder(user)
    push(json.dumps({**other_payload, "url": "https://evil.example/"}))
    receipt(other)
    urls = {n["tag"]: n["data"]["url"] for n in settled_notifications(page)}
    assert urls == {f"reminder-{delivery.pk}": payload["url"], f"reminder-{other.pk}": "/today/"}

    # A message it cannot read still shows something: browsers punish silent pushes.
    push("not a reminder")
    page.wait_for_timeout(500)
    generic = [n for n in settled_notifications(page) if n["tag"] == "backcare"]
    assert [(n["title"], n["body"], n["data"]["url"]) for n in generic] == [
        ("Backcare", "Open the app to see your reminder.", "/today/")
    ]
    assert errors == []


def test_the_reminders_page_offers_to_turn_notifications_on_at_320px(site, browser, artifacts):
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True, locale="en-GB"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    signed_in_mother(page, site)
    page.goto(f"{site}/reminders/")
    panel = page.locator("#push-panel")
    expect(panel.get_by_role("status")).to_have_text(NOTIFICATIONS_OFF)
    expect(panel.get_by_role("button", name="Turn on notifications")).to_be_visible()
    expect(panel.get_by_role("button", name="Turn off notifications on this phone")).to_be_hidden()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"/reminders/ is {width}px wide"
    page.screenshot(path=str(artifacts / "reminders-320.png"))

    # She allows notifications, but this browser cannot subscribe (Playwright's contexts are
    # incognito, where Chromium refuses at once; a profile without a push service would hang
    # until the page gives up): the page says so and she can try again.
    context.grant_permissions(["notifications"], origin=site)
    panel.get_by_role("button", name="Turn on notifications").click()
    expect(panel.get_by_role("status")).to_have_text(
        re.compile(f"^({re.escape(SUBSCRIBE_FAILED)}|{re.escape(NO_ANSWER)})$"), timeout=25_000
    )
    expect(panel.get_by_role("button", name="Turn on notifications")).to_be_enabled()
    assert errors == []
    context.close()


def test_tapping_the_notification_snoozes_or_opens_and_the_server_hears_of_it(site, phone):
    """A tap on the notification, driven inside the service worker (no screen to tap here)."""
    phone.grant_permissions(["notifications"], origin=site)
    page = phone.new_page()
    user = signed_in_mother(page, site)
    page.goto(f"{site}/reminders/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    cdp, worker = registration_id(phone, page, site)
    snoozed, snoozed_payload = sent_reminder(user)
    opened, opened_payload = sent_reminder(user)
    for payload in (snoozed_payload, opened_payload):
        cdp.send(
            "ServiceWorker.deliverPushMessage",
            {"origin": site, "registrationId": worker, "data": json.dumps(payload)},
        )
    assert len(settled_notifications(page)) == 2
    [service_worker] = phone.service_workers

    def tap(tag: str, action: str) -> None:
        service_worker.evaluate(
            """async ([tag, action]) => {
                const [notification] = await self.registration.getNotifications({ tag });
                const click = new NotificationEvent("notificationclick", { notification, action });
                self.dispatchEvent(click);
            }""",
            [tag, action],
        )

    tap(snoozed_payload["tag"], "snooze")
    again = wait_for(
        lambda: ReminderDelivery.objects.filter(snoozed_from=snoozed).first(), "the snooze", page
    )
    assert again.due_at >= timezone.now() + timedelta(minutes=29)
    assert again.purpose == snoozed.purpose and again.state == "pending"

    tap(opened_payload["tag"], "")
    assert wait_for(
        lambda: ReminderDelivery.objects.get(pk=opened.pk).opened_at, "the open receipt", page
    )
    # Tapped notifications are closed; nothing else was snoozed.
    assert [n["tag"] for n in settled_notifications(page)] == []
    assert ReminderDelivery.objects.filter(snoozed_from=opened).count() == 0
