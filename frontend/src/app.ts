/**
 * Entry point of every page: registers the service worker, fills the sign-up form's time
 * zone, sends days left in the offline outbox, and starts the day page or the Reminders
 * page's notification switch where there is one.
 */

import "./app.css";
import { initDayPage } from "./day/page";
import { forgetConfirmed } from "./outbox";
import { initPushPanel } from "./push";
import { replayOutbox } from "./sync";

const PAGE_CACHE = "backcare-pages";

function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {
    // Without a service worker the pages work as ordinary web pages.
  });
}

function fillTimeZones(): void {
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
  } catch {
    return;
  }
  if (!zone) return;
  for (const form of document.querySelectorAll<HTMLFormElement>("form[data-fill-time-zone]")) {
    const input = form.querySelector<HTMLInputElement>('input[name="time_zone"]');
    if (input) input.value = zone;
  }
}

/** On log-out, forget the pages and days kept for offline use before leaving. */
function forgetOnLogout(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>("form[data-logout]")) {
    form.addEventListener("submit", (event) => {
      if (form.dataset.cleared) return;
      event.preventDefault();
      const clearPages = "caches" in self ? caches.delete(PAGE_CACHE) : Promise.resolve(true);
      const timeout = new Promise((resolve) => setTimeout(resolve, 1000));
      void Promise.race([Promise.allSettled([clearPages, forgetConfirmed()]), timeout]).then(() => {
        form.dataset.cleared = "1";
        form.submit();
      });
    });
  }
}

registerServiceWorker();
fillTimeZones();
forgetOnLogout();

const user = document.body.dataset.user;
const dayLog = document.getElementById("day-log");
if (dayLog) {
  void initDayPage(dayLog);
} else if (user) {
  void replayOutbox(user);
  window.addEventListener("online", () => void replayOutbox(user));
}

const pushPanel = document.getElementById("push-panel");
if (pushPanel) initPushPanel(pushPanel);
