"""Browser tests: Playwright (sync API) driving Debian's Chromium against pytest-django's
live server. They skip locally when Chromium or the front-end build is missing, and fail in CI."""

from pathlib import Path

import pytest
from django.conf import settings

from habits.catalogue import load_catalogue
from tests.support.require import require

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "en-GB",
    "timezone_id": "Europe/Berlin",
}


@pytest.fixture(scope="module")
def browser():
    # Per module, not per session: while Playwright runs, this thread has an event loop,
    # and the ORM in the tests that follow would refuse to run.
    require(Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install chromium")
    require(
        (settings.FRONTEND_BUILD_DIR / "app.js").exists(),
        "the front end is not built: npm run build",
    )
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as env, sync_playwright() as playwright:
        # Playwright's sync API runs an event loop in this thread, and Django's ORM refuses
        # to run beside one unless told it is safe, which it is here (one thread at a time).
        # Set only while the browser runs: left in os.environ it would reach other tests'
        # subprocesses, and `manage.py check --deploy` rejects it.
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(live_server, transactional_db) -> str:
    """The live server's base URL, with the catalogue loaded."""
    load_catalogue()
    return live_server.url


def watch_for_csp_violations(context, violations: list[str]) -> None:
    """Collect what the Content-Security-Policy refused on any page of `context`."""

    def on_console(message) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    context.on("page", lambda page: page.on("console", on_console))


@pytest.fixture
def phone(browser):
    """A fresh phone-sized browser context (its own cookies, storage and service worker).

    Every browser test also checks that the Content-Security-Policy refused nothing: a
    refused script or style is a page that works in tests without the header only.
    """
    context = browser.new_context(**PHONE)
    context.set_default_timeout(10_000)
    violations: list[str] = []
    watch_for_csp_violations(context, violations)
    yield context
    context.close()
    assert violations == []


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
