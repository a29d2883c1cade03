"""What the browser tests of every page share: an account with a history, logging in, and the
checks any page must pass (axe-core, visible controls, no sideways scrolling)."""

import json
from datetime import timedelta
from pathlib import Path

from django.conf import settings

from reminders.schedules import create_default_schedules
from reports.models import ShareLink
from tests.support.export_history import write_known_history
from tracker.models import User

EMAIL = "mother@example.com"
PASSWORD = "a-long-password-1"
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
# The rules axe runs: WCAG 2.0 to 2.2 A and AA, and its best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Her pages, signed in.
SIGNED_IN_PAGES = (
    "/today/",
    "/history/",
    "/insights/",
    "/export/",
    "/reminders/",
    "/inbox/",
    "/profile/",
    "/tips/",
    "/pelvic-floor/",
    "/recovery/",
)


def mother_with_history(language: str = "en") -> tuple[User, str]:
    """Six weeks of days, the default reminders and a share link (its URL path)."""
    user = User.objects.create_user(EMAIL, PASSWORD, time_zone="Asia/Shanghai", language=language)
    profile = user.profile
    profile.baby_birth_date = profile.local_today() - timedelta(days=50)
    profile.save()
    write_known_history(user, days=42, first=profile.local_today() - timedelta(days=42))
    create_default_schedules(user)
    _link, token = ShareLink.issue(user, 14)
    return user, f"/share/{token}/"


def log_in(page, site: str, email: str = EMAIL) -> None:
    """Log in on the log-in page as she does, and wait for Today (every test account has the
    same password). The log-in throttle counts per test: see the root conftest."""
    page.goto(f"{site}/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{site}/today/")


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as it is, one line each ("" when none)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated by the browser's tooling, not as a page script: the policy allows no
        # inline script, and axe is not part of the page.
        page.evaluate(AXE.read_text())
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + json.dumps([node["target"] for node in v["nodes"][:3]])
        for v in result["violations"]
    ]


# Every checkbox and radio button must show whether it is on: either the input is drawn
# (a switch), or the element right after it is, and the two states look different. A label
# that hides its input and has no such element leaves her guessing (the review's problem 1).
CONTROLS_WITHOUT_VISIBLE_STATE = """
() => {
  const PROPERTIES = ["background-color", "border-top-color", "color", "transform",
    "box-shadow", "opacity", "left", "content", "font-weight"];
  const look = (el) => [null, "::before", "::after"].map((pseudo) => {
    const style = getComputedStyle(el, pseudo);
    return PROPERTIES.map((name) => style.getPropertyValue(name)).join("|");
  }).join("#");
  const drawn = (el) => {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return box.width >= 12 && box.height >= 12 && style.opacity !== "0"
      && style.visibility !== "hidden";
  };
  const problems = [];
  for (const input of document.querySelectorAll("input[type=checkbox], input[type=radio]")) {
    if (!(input.closest("label") ?? input).checkVisibility()) continue;
    const name = `${input.name}=${input.value}`;
    const drawer = drawn(input) ? input : input.nextElementSibling;
    if (!drawer || !drawn(drawer)) {
      problems.push(`${name}: nothing visible draws it`);
      continue;
    }
    const before = look(drawer);
    input.checked = !input.checked;
    const after = look(drawer);
    input.checked = !input.checked;
    if (before === after) problems.push(`${name}: on and off look the same`);
  }
  return problems;
}
"""


def controls_without_visible_state(page) -> list[str]:
    # Reduced motion: a switch's transition would otherwise show its old look for a moment.
    page.emulate_media(reduced_motion="reduce")
    return page.evaluate(CONTROLS_WITHOUT_VISIBLE_STATE)


# The page's cumulative layout shift so far, as Lighthouse counts it (shifts after input aside).
LAYOUT_SHIFT = """
() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  setTimeout(() => resolve(total), 300);
})
"""


def layout_shift(page) -> float:
    return page.evaluate(LAYOUT_SHIFT)
