/**
 * What every page needs of Web Push: stopping this browser's reminders at log-out. The
 * Reminders page's switch (push.ts) is a script of its own, loaded by that page only.
 */

import { sendJson } from "./sync";

export const PUSH_API_URL = "/api/v1/push-subscriptions/";

export function pushSupported(): boolean {
  return "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

/**
 * On log-out, stop this browser's reminders: on a shared phone they would tell whoever uses
 * it next of her pain or her mood. The server hears of it while her session still holds, so
 * her reminders go by email from now on; if it does not (offline), the push service answers
 * "gone" at her next reminder, and the server emails her then.
 */
export async function endPushOnLogOut(): Promise<void> {
  if (!pushSupported()) return;
  const registration = await navigator.serviceWorker.getRegistration();
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return;
  const endpoint = subscription.endpoint;
  await Promise.allSettled([
    subscription.unsubscribe(),
    // keepalive: if the log-out leaves the page first, the request is still sent.
    sendJson(PUSH_API_URL, "DELETE", { endpoint }, true),
  ]);
}
