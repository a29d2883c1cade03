/**
 * Entry point of every page: registers the service worker, fills the sign-up form's time
 * zone, wires the "Show password" buttons, sends days left in the offline outbox, starts the
 * day page where there is one, takes the items the
 * recovery pages add to her day, makes the phone
 * forget her at log-out, and shows the offline banner while the browser is offline.
 */

// The shared stylesheet, then each page's (one app.css is built from them, in this order, so
// a page's rule wins over a shared one of the same specificity), then the smallest phones' last.
import "./app.css";
import "./pages/offline.css";
import "./pages/day.css";
import "./pages/history.css";
import "./pages/export.css";
import "./pages/share.css";
import "./pages/reminders.css";
import "./pages/profile.css";
import "./pages/welcome.css";
import "./smallest-phones.css";
import { acceptDayItems } from "./day-items";
import { initDayPage } from "./day/page";
import { forgetConfirmed } from "./outbox";
import { endPushOnLogOut } from "./push-log-out";
import { initShowPassword } from "./show-password";
import { replayOutbox } from "./sync";
import { initZonePickers } from "./zone-picker";

// Every cache of pages kept for offline use starts so (one per user; see sw.ts).
const PAGE_CACHES = "backcare-pages";
// Log-out waits at most this long for the phone to forget her: enough for the server to hear
// of her push subscription on a slow network, short enough never to hang offline.
const LOGOUT_WAIT_MS = 1500;

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

async function forgetKeptPages(): Promise<void> {
  if (!("caches" in self)) return;
  for (const name of await caches.keys()) {
    if (name.startsWith(PAGE_CACHES)) await caches.delete(name);
  }
}

/** What a shared phone must not keep of her: her reminders, her pages, her confirmed days. */
function forgetThisUser(): Promise<unknown> {
  return Promise.allSettled([endPushOnLogOut(), forgetKeptPages(), forgetConfirmed()]);
}

function settledWithin(work: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms))]);
}

/** On log-out, the phone forgets her before the form goes (the push DELETE needs her session). */
function forgetOnLogout(): void {
  for (const form of document.querySelectorAll<HTMLFormElement>("form[data-logout]")) {
    form.addEventListener("submit", (event) => {
      if (form.dataset.cleared) return;
      event.preventDefault();
      if (form.dataset.leaving) return;
      form.dataset.leaving = "1";
      void settledWithin(forgetThisUser(), LOGOUT_WAIT_MS).then(() => {
        form.dataset.cleared = "1";
        form.submit();
      });
    });
  }
}

/** A page kept by the service worker looks like any other: the banner says she is offline. */
function showWhileOffline(): void {
  const banner = document.getElementById("offline-banner");
  if (!banner) return;
  const update = () => {
    banner.hidden = navigator.onLine;
  };
  window.addEventListener("online", update);
  window.addEventListener("offline", update);
  update();
}

/** After her account is deleted, this browser forgets her as at log-out. */
function forgetAfterDeletion(): void {
  if (document.querySelector("[data-forget-this-device]")) void forgetThisUser();
}

registerServiceWorker();
fillTimeZones();
initShowPassword();
forgetOnLogout();
forgetAfterDeletion();
showWhileOffline();
initZonePickers();

const user = document.body.dataset.user;
// The recovery pages log sessions and symptom checks into her day (day-items.ts).
if (user && document.querySelector("[data-day-items]")) acceptDayItems(user);
const dayLog = document.getElementById("day-log");
if (dayLog) {
  void initDayPage(dayLog);
} else if (user) {
  void replayOutbox(user);
  window.addEventListener("online", () => void replayOutbox(user));
}
