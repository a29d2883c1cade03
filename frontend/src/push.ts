/**
 * The Reminders page's notification switch (its own entry, reminders.js): subscribes this
 * browser to Web Push and tells the server (POST /api/v1/push-subscriptions/), or unsubscribes
 * it (DELETE). Log-out unsubscribes it too (push-log-out.ts, in every page's app.js).
 *
 * A subscription the browser already has is sent to the server again on every visit, so the
 * server keeps it even if it had dropped it; the API's POST is an idempotent upsert.
 */

import { isIos, isIosSafari } from "./platform";
import { PUSH_API_URL, pushSupported } from "./push-log-out";
import { errorMessage, sendJson } from "./sync";
import { fill, readJson } from "./util";

/** The words the panel shows, translated by the server (#push-strings). */
export interface PushStrings {
  unsupported: string;
  iosHomeScreen: string;
  unavailable: string;
  blocked: string;
  notAllowed: string;
  on: string;
  off: string;
  turningOn: string;
  turningOff: string;
  noWorker: string;
  timeout: string;
  subscribeFailed: string;
  offline: string;
  saveFailed: string;
  offNotSaved: string;
  unsubscribeFailed: string;
  fallbackTitle: string;
  fallbackBody: string;
}

// pushManager.subscribe() waits for the browser's push service, which may never answer (no
// network, a browser without one): give up after this long with a message.
const SUBSCRIBE_TIMEOUT_MS = 20_000;
const WORKER_TIMEOUT_MS = 10_000;
// Where the service worker finds the words of a notification whose message it cannot read.
const TEXT_CACHE = "backcare-push-text";
const TEXT_KEY = "/push-text.json";

class Timeout extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Timeout()), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The application server key as subscribe() takes it, from its base64url text. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

function sameKey(subscription: PushSubscription, key: Uint8Array): boolean {
  const current = subscription.options?.applicationServerKey;
  if (!current) return true; // the browser does not say: assume it is ours
  const bytes = new Uint8Array(current);
  return bytes.length === key.length && bytes.every((b, i) => b === key[i]);
}

function isStandalone(): boolean {
  const nav = navigator as Navigator & { standalone?: boolean };
  return nav.standalone === true || window.matchMedia("(display-mode: standalone)").matches;
}

type ApiResult = { ok: true } | { ok: false; offline: boolean; message: string };

async function send(url: string, method: "POST" | "DELETE", body: unknown): Promise<ApiResult> {
  const answer = await sendJson(url, method, body);
  if (answer === null) return { ok: false, offline: true, message: "" };
  const { response, data } = answer;
  // Deleting a subscription the server no longer has is what she wanted anyway.
  if (response.ok || (method === "DELETE" && response.status === 404)) return { ok: true };
  const message = errorMessage(data) ?? `${response.status} ${response.statusText}`;
  return { ok: false, offline: false, message };
}

class PushPanel {
  private readonly status: HTMLElement;
  private readonly enable: HTMLButtonElement;
  private readonly disable: HTMLButtonElement;
  private readonly key: string;
  private readonly apiUrl: string;

  constructor(
    panel: HTMLElement,
    private readonly strings: PushStrings,
  ) {
    this.status = panel.querySelector<HTMLElement>("[data-push-status]")!;
    this.enable = panel.querySelector<HTMLButtonElement>("[data-push-enable]")!;
    this.disable = panel.querySelector<HTMLButtonElement>("[data-push-disable]")!;
    this.key = panel.dataset.vapidKey ?? "";
    this.apiUrl = panel.dataset.apiPushUrl ?? PUSH_API_URL;
    this.enable.addEventListener("click", () => void this.turnOn());
    this.disable.addEventListener("click", () => void this.turnOff());
  }

  private show(text: string, button: "enable" | "disable" | null = null): void {
    this.status.textContent = text;
    this.enable.hidden = button !== "enable";
    this.disable.hidden = button !== "disable";
    this.enable.disabled = false;
    this.disable.disabled = false;
  }

  private busy(text: string): void {
    this.status.textContent = text;
    this.enable.disabled = true;
    this.disable.disabled = true;
  }

  private registration(): Promise<ServiceWorkerRegistration> {
    return withTimeout(navigator.serviceWorker.ready, WORKER_TIMEOUT_MS);
  }

  private saveFailure(result: ApiResult & { ok: false }): string {
    return result.offline
      ? this.strings.offline
      : fill(this.strings.saveFailed, { message: result.message });
  }

  async start(): Promise<void> {
    const s = this.strings;
    if (!pushSupported()) {
      const ios = isIos(navigator.userAgent, navigator.maxTouchPoints);
      this.show(ios && !isStandalone() ? s.iosHomeScreen : s.unsupported);
      return;
    }
    if (!this.key) {
      this.show(s.unavailable);
      return;
    }
    void this.keepFallbackText();
    if (Notification.permission === "denied") {
      this.show(s.blocked);
      return;
    }
    let registration: ServiceWorkerRegistration;
    let subscription: PushSubscription | null;
    try {
      registration = await this.registration();
      subscription = await registration.pushManager.getSubscription();
    } catch {
      this.show(s.noWorker);
      return;
    }
    if (!subscription) {
      this.show(s.off, "enable");
      return;
    }
    if (!sameKey(subscription, keyBytes(this.key))) {
      // Subscribed under a key the server no longer signs with: its pushes would be refused.
      await this.forget(subscription);
      this.show(s.off, "enable");
      return;
    }
    const result = await send(this.apiUrl, "POST", subscription.toJSON());
    if (result.ok) this.show(s.on, "disable");
    else this.show(this.saveFailure(result), "disable");
  }

  private async turnOn(): Promise<void> {
    const s = this.strings;
    this.busy(s.turningOn);
    let permission: NotificationPermission;
    try {
      permission = await Notification.requestPermission();
    } catch {
      permission = Notification.permission;
    }
    if (permission === "denied") {
      this.show(s.blocked);
      return;
    }
    if (permission !== "granted") {
      this.show(s.notAllowed, "enable");
      return;
    }
    let registration: ServiceWorkerRegistration;
    try {
      registration = await this.registration();
    } catch {
      this.show(s.noWorker, "enable");
      return;
    }
    let subscription: PushSubscription;
    try {
      subscription = await withTimeout(
        registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(this.key),
        }),
        SUBSCRIBE_TIMEOUT_MS,
      );
    } catch (error) {
      if (error instanceof DOMException && error.name === "NotAllowedError") {
        this.show(Notification.permission === "denied" ? s.blocked : s.notAllowed, "enable");
      } else {
        if (!(error instanceof Timeout)) console.warn("pushManager.subscribe failed", error);
        this.show(error instanceof Timeout ? s.timeout : s.subscribeFailed, "enable");
      }
      return;
    }
    const result = await send(this.apiUrl, "POST", subscription.toJSON());
    if (result.ok) this.show(s.on, "disable");
    // The browser is subscribed but the server does not know: trying again sends it again.
    else this.show(this.saveFailure(result), "enable");
  }

  private async turnOff(): Promise<void> {
    const s = this.strings;
    this.busy(s.turningOff);
    let subscription: PushSubscription | null;
    try {
      subscription = await (await this.registration()).pushManager.getSubscription();
    } catch {
      this.show(s.noWorker, "disable");
      return;
    }
    if (!subscription) {
      this.show(s.off, "enable");
      return;
    }
    // This phone first, so it is off at once even offline; a server that missed the DELETE
    // hears "gone" from the push service at the next reminder and emails instead.
    const endpoint = subscription.endpoint;
    try {
      if (!(await subscription.unsubscribe())) throw new Error("unsubscribe() said no");
    } catch (error) {
      console.warn("unsubscribe failed", error);
      this.show(s.unsubscribeFailed, "disable");
      return;
    }
    const result = await send(this.apiUrl, "DELETE", { endpoint });
    this.show(result.ok ? s.off : s.offNotSaved, "enable");
  }

  private async forget(subscription: PushSubscription): Promise<void> {
    const endpoint = subscription.endpoint;
    try {
      await subscription.unsubscribe();
    } catch {
      // Nothing more to do: the push service refuses the old key's messages anyway.
    }
    await send(this.apiUrl, "DELETE", { endpoint });
  }

  /** The service worker has no page to translate for it: leave it the words it needs. */
  private async keepFallbackText(): Promise<void> {
    if (!("caches" in window)) return;
    try {
      const cache = await caches.open(TEXT_CACHE);
      const text = { title: this.strings.fallbackTitle, body: this.strings.fallbackBody };
      await cache.put(
        TEXT_KEY,
        new Response(JSON.stringify(text), { headers: { "Content-Type": "application/json" } }),
      );
    } catch {
      // The service worker has its own English words.
    }
  }
}

/** On an iPhone's Safari, push comes only to the app opened from the Home Screen: say how. */
function showHomeScreenGuide(panel: HTMLElement): void {
  const guide = panel.querySelector<HTMLElement>("[data-ios-guide]");
  if (!guide) return;
  guide.hidden = isStandalone() || !isIosSafari(navigator.userAgent, navigator.maxTouchPoints);
}

export function initPushPanel(panel: HTMLElement): void {
  showHomeScreenGuide(panel);
  const strings = readJson<PushStrings>("push-strings");
  const status = panel.querySelector<HTMLElement>("[data-push-status]");
  const enable = panel.querySelector<HTMLButtonElement>("[data-push-enable]");
  const disable = panel.querySelector<HTMLButtonElement>("[data-push-disable]");
  if (!strings || !status || !enable || !disable) return;
  void new PushPanel(panel, strings).start().catch((error: unknown) => {
    console.error(error);
    status.textContent = strings.subscribeFailed;
  });
}
