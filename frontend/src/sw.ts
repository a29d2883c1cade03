/// <reference lib="webworker" />
/**
 * The service worker: keeps the app shell for offline use and answers page requests from the
 * network first, from the cache when the network is away. The API is never cached: the
 * pages' own outbox (IndexedDB) is what makes logging work offline.
 *
 * It also shows the reminders that come by Web Push, and reports to the server that one was
 * shown, opened or snoozed (POST /api/v1/inbox/actions/, authorised by the message's token).
 *
 * Django serves this file at /sw.js and prepends `self.BACKCARE_SHELL` with the shell's URLs
 * and a fingerprint of the build (see tracker.views.service_worker).
 */

export {};

declare const self: ServiceWorkerGlobalScope & {
  BACKCARE_SHELL?: { version: string; assets: string[]; fallback: string };
};

const SHELL = self.BACKCARE_SHELL ?? { version: "dev", assets: [], fallback: "/today/" };
const SHELL_CACHE = `backcare-shell-${SHELL.version}`;
const PAGE_CACHE = "backcare-pages";
const NETWORK_TIMEOUT_MS = 4000;
// Pages that must always come from the server, and are never kept.
const NEVER_CACHED = ["/api/", "/admin/", "/logout/", "/sw.js"];

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // Past the HTTP cache, so a new build never stores yesterday's files.
      await cache.addAll(SHELL.assets.map((url) => new Request(url, { cache: "reload" })));
      // The today page is the offline fallback; keep it only if it is hers (not a log-in page).
      try {
        const response = await fetch(SHELL.fallback, { credentials: "same-origin" });
        if (cacheable(response)) await (await caches.open(PAGE_CACHE)).put(SHELL.fallback, response);
      } catch {
        // Offline during install: the fallback is stored on the next visit.
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("backcare-shell-") && name !== SHELL_CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

function cacheable(response: Response): boolean {
  return response.ok && response.type === "basic" && !response.redirected;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (NEVER_CACHED.some((prefix) => url.pathname.startsWith(prefix))) return;
  if (request.mode === "navigate") {
    event.respondWith(page(request, event));
  } else if (SHELL.assets.includes(url.pathname) || url.pathname.startsWith("/static/")) {
    event.respondWith(asset(request));
  }
});

/** Network first; the kept copy (or the today page) when the network fails or stalls. */
async function page(request: Request, event: FetchEvent): Promise<Response> {
  const cache = await caches.open(PAGE_CACHE);
  const network = fetch(request).then((response) => {
    if (cacheable(response)) {
      event.waitUntil(cache.put(request.url.split("#")[0], response.clone()));
    }
    return response;
  });
  const kept = async () =>
    (await cache.match(request, { ignoreSearch: false })) ?? (await cache.match(SHELL.fallback));
  try {
    return await Promise.race([
      network,
      new Promise<Response>((resolve, reject) =>
        setTimeout(async () => {
          const copy = await kept();
          if (copy) resolve(copy);
          else reject(new Error("slow network, nothing kept"));
        }, NETWORK_TIMEOUT_MS),
      ),
    ]).catch(() => network);
  } catch {
    // Nothing kept: the browser shows its own offline page, in her language.
    return (await kept()) ?? Response.error();
  }
}

/** Static files: from the cache, else from the network (and kept for next time). */
async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(SHELL_CACHE);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (cacheable(response)) await cache.put(request, response.clone());
  return response;
}

// ---- Reminders by Web Push -------------------------------------------------------------

/** What the server pushes: habits.reminder_messages.push_payload. */
interface Reminder {
  id: number | null;
  title: string;
  body: string;
  url: string;
  tag: string;
  token: string;
  actions: { action: string; title: string }[];
}

interface ReminderData {
  url: string;
  token: string;
  id: number | null;
}

const ACTION_URL = "/api/v1/inbox/actions/";
// The words for a message that cannot be read, left by the Reminders page in her language.
const TEXT_CACHE = "backcare-push-text";
const TEXT_KEY = "/push-text.json";
// No badge: Android draws a badge from its alpha channel only, and this full-colour icon
// would come out as a plain white square; the browser's own badge is better until there is
// a monochrome one.
const ICON = SHELL.assets.find((url) => /icon-192\b/.test(url)) ?? "/static/icons/icon-192.png";

function text(value: unknown, max: number): string {
  return typeof value === "string" ? value.slice(0, max) : "";
}

/** A same-origin path to open, or "" for anything else (a tampered message). */
function localPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//")) return "";
  try {
    const url = new URL(value, self.location.origin);
    return url.origin === self.location.origin ? url.pathname + url.search + url.hash : "";
  } catch {
    return "";
  }
}

function readReminder(data: PushMessageData | null): Reminder | null {
  let json: unknown;
  try {
    json = data?.json();
  } catch {
    return null;
  }
  if (!json || typeof json !== "object") return null;
  const raw = json as Record<string, unknown>;
  const title = text(raw.title, 200);
  if (!title) return null;
  const actions = Array.isArray(raw.actions)
    ? raw.actions
        .filter((a): a is { action: string; title: string } => {
          const item = a as Record<string, unknown> | null;
          return typeof item?.action === "string" && typeof item.title === "string";
        })
        .map((a) => ({ action: a.action, title: a.title }))
    : [];
  return {
    id: typeof raw.id === "number" ? raw.id : null,
    title,
    body: text(raw.body, 1000),
    url: localPath(raw.url) || SHELL.fallback,
    tag: text(raw.tag, 100),
    token: text(raw.token, 200),
    actions,
  };
}

async function fallbackText(): Promise<{ title: string; body: string }> {
  const english = { title: "Backcare", body: "Open the app to see your reminder." };
  try {
    const kept = await (await caches.open(TEXT_CACHE)).match(TEXT_KEY);
    const words = kept ? ((await kept.json()) as { title?: unknown; body?: unknown }) : {};
    return {
      title: text(words.title, 200) || english.title,
      body: text(words.body, 1000) || english.body,
    };
  } catch {
    return english;
  }
}

/** Tell the server what became of a reminder; a lost report is not worth a retry. */
async function report(token: string, action: "shown" | "opened" | "snooze"): Promise<void> {
  if (!token) return;
  try {
    await fetch(ACTION_URL, {
      method: "POST",
      credentials: "omit",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ token, action }),
    });
  } catch {
    // Offline: the reminder was shown all the same.
  }
}

// Chromium knows these options; the WebWorker library does not list them all yet.
type ShowOptions = NotificationOptions & {
  actions?: { action: string; title: string }[];
  renotify?: boolean;
};

async function showReminder(data: PushMessageData | null): Promise<void> {
  const reminder = readReminder(data);
  if (!reminder) {
    // Every push must show something: browsers penalise (or unsubscribe) silent ones.
    const words = await fallbackText();
    const options: ShowOptions = {
      body: words.body,
      tag: "backcare",
      data: { url: SHELL.fallback, token: "", id: null } satisfies ReminderData,
      icon: ICON,
    };
    await self.registration.showNotification(words.title, options);
    return;
  }
  const options: ShowOptions = {
    body: reminder.body,
    data: { url: reminder.url, token: reminder.token, id: reminder.id } satisfies ReminderData,
    actions: reminder.actions,
    icon: ICON,
    renotify: false,
  };
  if (reminder.tag) options.tag = reminder.tag;
  await self.registration.showNotification(reminder.title, options);
  await report(reminder.token, "shown");
}

self.addEventListener("push", (event) => {
  event.waitUntil(showReminder(event.data));
});

async function openPage(path: string): Promise<void> {
  const url = new URL(path, self.location.origin).href;
  const windows = await self.clients.matchAll({ type: "window" });
  const mine =
    windows.find((client) => client.url === url) ??
    windows.find((client) => new URL(client.url).origin === self.location.origin);
  if (mine) {
    try {
      const focused = await mine.focus();
      if (focused.url !== url) await focused.navigate(url);
      return;
    } catch {
      // Not allowed to take that window over: open a new one instead.
    }
  }
  await self.clients.openWindow(url);
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = (event.notification.data ?? {}) as Partial<ReminderData>;
  const token = text(data.token, 200);
  if (event.action === "snooze") {
    event.waitUntil(report(token, "snooze"));
    return;
  }
  const path = localPath(data.url) || SHELL.fallback;
  event.waitUntil(Promise.all([openPage(path), report(token, "opened")]).then(() => undefined));
});
