"""Photograph the real pages for the manifest's screenshots (the richer install sheet) into
frontend/public/screenshots/, from the demo account on a throwaway copy of the app.

Run after a change that shows on these pages (after `npm run build`):
    uv run python frontend/screenshots/take_screenshots.py
The PNGs are committed, so building needs neither this script nor a browser. Sizes follow
what browsers ask of manifest screenshots: PNG, each side 320 to 3840 px, the long side at
most 2.3 times the short one, one shape per form factor. They must match SCREENSHOTS in
tracker/views.py, which tests/tracker/test_installed_app.py checks.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from tests.support.demo_site import prepare, serving  # noqa: E402

OUT = HERE.parent / "public" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}
DESK = {"viewport": {"width": 1280, "height": 800}, "device_scale_factor": 1}
# (file, page, window): the first screen of each page, as she sees it.
SHOTS = [
    ("today-narrow.png", "/today/", PHONE),
    ("history-narrow.png", "/history/", PHONE),
    ("insights-narrow.png", "/insights/", PHONE),
    ("today-wide.png", "/today/", DESK),
]


def main() -> None:
    var = prepare()
    from playwright.sync_api import sync_playwright

    from tracker.demo import DEMO_EMAIL, DEMO_PASSWORD

    OUT.mkdir(parents=True, exist_ok=True)
    with serving(var) as site, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox"]
        )
        for name, path, window in SHOTS:
            context = browser.new_context(**window, locale="en-GB", color_scheme="light")
            page = context.new_page()
            page.goto(f"{site}/login/")
            page.get_by_label("Email").fill(DEMO_EMAIL)
            page.get_by_label("Password").fill(DEMO_PASSWORD)
            page.locator("form button[type=submit]").click()
            page.wait_for_url(f"{site}/today/")
            page.goto(f"{site}{path}")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=OUT / name, animations="disabled")
            print(f"{OUT / name}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
