/// <reference lib="webworker" />
/**
 * The service worker: keeps the app shell for offline use and answers page requests from the
 * network first, from the cache when the network is away. The API is never cached: the
 * pages' own outbox (IndexedDB) is what makes logging work offline.
 *
 * Kept pages are hers alone: each page says whom it was made for (base.html puts data-user on
 * <body>), pages are kept per user, and only the pages of the user the network last showed
 * signed in are ever served. A page for somebody else, or for nobody (the log-in page), drops
 * every other user's pages; a new log-in the worker did not see is told by the CSRF cookie.
 *
 * Offline, a page she has opened opens as she last saw it. One she has not gets her offline
 * page (kept with her pages, in her language), which says it will open when she is back
 * online; only the start URLs ("/", "/today/") open her kept today page instead.
 *
 * It also shows the reminders that come by Web Push, and reports to the server that one was
 * shown, opened or snoozed (POST /api/v1/inbox/actions/, authorised by the message's token).
 *
 * Django serves this file at /sw.js and prepends `self.BACKCARE_SHELL` with the shell's URLs
 * and a fingerprint of the build (see tracker.views.service_worker).
 */

export {};

declare const self: ServiceWorkerGlobalScope & {
  BACKCARE_SHELL?: { version: string; assets: string[]; fallback: string; offline: string };
  // The Cookie Store API (Chromium, recent Safari); without it the CSRF cookie goes unchecked.
  cookieStore?: { get(name: string): Promise<{ value?: string } | null> };
};

const SHELL = self.BACKCARE_SHELL ?? {
  version: "dev",
  assets: [],
  fallback: "/today/",
  offline: "/offline/",
};
const SHELL_CACHE = `backcare-shell-${SHELL.version}`;
// One cache of pages per user, named from this; app.ts deletes them all at log-out.
const PAGE_CACHES = "backcare-pages";
// Who the network last showed signed in here (see SignedIn).
const SIGNED_IN_CACHE = "backcare-signed-in";
const SIGNED_IN_KEY = "/signed-in.json";
const NETWORK_TIMEOUT_MS = 4000;
// Pages that must always come from the server, and are never kept: export files are health
// records for a doctor, and a share page belongs to whoever holds its link, not to this phone.
const NEVER_CACHED = [
  "/api/",
  "/admin/",
  "/logout/",
  "/sw.js",
  "/export/download/",
  "/export/jobs/",
  "/share/",
];
// Kept once fetched, like the shell: static files, and the day page's advice (texts and
// limits for a language and region, no user data; its address changes with its content).
const KEPT_LIKE_ASSETS = ["/static/", "/advice/"];
// Pages for somebody not signed in: never answered with a kept page of anyone's.
const SIGNED_OUT_PAGES = ["/login/", "/signup/", "/password-reset/"];
// The app's start URLs, the only ones her kept today page stands in for: under any other
// address (a past day tapped in History) it would pass for that page, bound to today's date.
const START_PAGES = ["/", SHELL.fallback];

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // Past the HTTP cache, so a new build never stores yesterday's files.
      await cache.addAll(SHELL.assets.map((url) => new Request(url, { cache: "reload" })));
      // Her today page (for the start URLs) and her offline page (for pages not kept), if
      // somebody is signed in.
      for (const url of [SHELL.fallback, SHELL.offline]) await keepFromNetwork(url);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        const oldShell = name.startsWith("backcare-shell-") && name !== SHELL_CACHE;
        // Earlier versions kept one cache of pages for whoever was signed in: whose, unknown.
        const sharedPages = name === PAGE_CACHES;
        if (oldShell || sharedPages) await caches.delete(name);
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
  } else if (SHELL.assets.includes(url.pathname) || KEPT_LIKE_ASSETS.some((p) => url.pathname.startsWith(p))) {
    event.respondWith(asset(request));
  }
});

/**
 * Network first. When the network stalls, her kept copy; when it fails, her kept copy or her
 * offline page. A stalled network never gets the offline page: the page may yet come.
 */
async function page(request: Request, event: FetchEvent): Promise<Response> {
  const network = fetch(request);
  // Registered before anything else reads the response, so the copy is taken first.
  event.waitUntil(
    network
      .then((response) => notePage(request.url.split("#")[0], response.clone()))
      .then((language) => (language === undefined ? undefined : keepOfflinePage(language)))
      .catch(() => {
        // Offline, or the page could not be kept: the network answer is what counts.
      }),
  );
  const kept = () => keptPage(request);
  try {
    return await Promise.race([network, keptAfter(NETWORK_TIMEOUT_MS, kept)]).catch(() => network);
  } catch {
    // With neither her copy nor her offline page (signed out, say), the browser's own page.
    return (await kept()) ?? (await offlinePage(request)) ?? Response.error();
  }
}

function keptAfter(ms: number, kept: () => Promise<Response | undefined>): Promise<Response> {
  return new Promise<Response>((resolve, reject) =>
    setTimeout(async () => {
      const copy = await kept();
      if (copy) resolve(copy);
      else reject(new Error("slow network, nothing kept"));
    }, ms),
  );
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

// ---- Whose pages are kept --------------------------------------------------------------

/** What the network last showed of who is signed in on this browser. */
interface SignedIn {
  /** Whose pages are kept; null after a page for somebody signed out (the log-in page). */
  user: string | null;
  /** The last user seen signed in: the one this browser's push subscription is for. */
  lastUser: string | null;
  /** The CSRF cookie when her page came (see sessionMark); "" where it cannot be read. */
  session: string;
}

function pageCacheOf(user: string): string {
  return `${PAGE_CACHES}-user-${user}`;
}

async function readSignedIn(): Promise<SignedIn | null> {
  try {
    const kept = await caches.match(SIGNED_IN_KEY, { cacheName: SIGNED_IN_CACHE });
    return kept ? ((await kept.json()) as SignedIn) : null;
  } catch {
    return null;
  }
}

async function writeSignedIn(now: SignedIn, before: SignedIn | null): Promise<void> {
  if (JSON.stringify(now) === JSON.stringify(before)) return;
  const body = JSON.stringify(now);
  const headers = { "Content-Type": "application/json" };
  await (await caches.open(SIGNED_IN_CACHE)).put(SIGNED_IN_KEY, new Response(body, { headers }));
}

/**
 * Django gives the CSRF cookie a new value at every log-in, so a page kept under another
 * value may be somebody else's: one who logged in where this worker did not see it. null
 * where a service worker cannot read cookies.
 */
async function sessionMark(): Promise<string | null> {
  if (!self.cookieStore) return null;
  try {
    return (await self.cookieStore.get("csrftoken"))?.value ?? "";
  } catch {
    return null;
  }
}

/** The user a page was made for; null for a signed-out page; undefined if not a page. */
function pageUser(html: string): string | null | undefined {
  const body = /<body\b[^>]*>/i.exec(html)?.[0];
  if (body === undefined) return undefined;
  return /\sdata-user="([^"]+)"/.exec(body)?.[1] ?? null;
}

function isPage(response: Response): boolean {
  const type = response.headers.get("Content-Type") ?? "";
  return response.ok && response.type === "basic" && type.startsWith("text/html");
}

// Pages arriving together are noted one at a time, so one user's page is never kept while
// another's arrival is dropping it.
let noting: Promise<unknown> = Promise.resolve();

function oneAtATime(task: () => Promise<void>): Promise<void> {
  const next = noting.then(task, task);
  noting = next.catch(() => undefined);
  return next;
}

/** The language a page speaks (<html lang>), "" if it does not say. */
function pageLanguage(html: string): string {
  return /<html\b[^>]*\slang="([^"]*)"/i.exec(html)?.[1] ?? "";
}

/**
 * Learn who is signed in from a page the network gave, and keep the page if it is hers.
 * Resolves to the page's language when it is a signed-in user's page.
 */
async function notePage(url: string, response: Response): Promise<string | undefined> {
  if (!isPage(response)) return undefined;
  const html = await response.clone().text();
  const user = pageUser(html);
  if (user === undefined) return undefined;
  await oneAtATime(async () => {
    if (user === null) return signedOut();
    await signedInAs(user);
    if (cacheable(response)) await (await caches.open(pageCacheOf(user))).put(url, response);
  });
  return user === null ? undefined : pageLanguage(html);
}

/** Fetch a page of hers to keep, outside any navigation; offline, a later visit does it. */
async function keepFromNetwork(url: string): Promise<void> {
  try {
    await notePage(url, await fetch(url, { credentials: "same-origin", cache: "no-store" }));
  } catch {
    // Offline: nothing is kept, and nothing kept before is dropped.
  }
}

/**
 * Her offline page is kept in the language her pages speak now: fetched again when it is
 * missing (a new user here, the worker just installed offline) or when she changed language.
 */
async function keepOfflinePage(language: string): Promise<void> {
  const user = (await readSignedIn())?.user;
  if (!user) return;
  const kept = await keptIn(pageCacheOf(user), SHELL.offline);
  if (kept && pageLanguage(await kept.text()) === language) return;
  await keepFromNetwork(SHELL.offline);
}

async function dropPagesBut(user: string | null): Promise<void> {
  const keep = user === null ? "" : pageCacheOf(user);
  for (const name of await caches.keys()) {
    if (name.startsWith(PAGE_CACHES) && name !== keep) await caches.delete(name);
  }
}

async function signedOut(): Promise<void> {
  const before = await readSignedIn();
  await dropPagesBut(null);
  await writeSignedIn({ user: null, lastUser: before?.lastUser ?? null, session: "" }, before);
}

async function signedInAs(user: string): Promise<void> {
  const before = await readSignedIn();
  if (before?.user !== user) await dropPagesBut(user);
  if (before?.lastUser && before.lastUser !== user) await endPreviousUsersPush();
  const session = (await sessionMark()) ?? "";
  await writeSignedIn({ user, lastUser: user, session }, before);
}

/** Somebody else signed in here: the push subscription this browser holds is not theirs. */
async function endPreviousUsersPush(): Promise<void> {
  try {
    await (await self.registration.pushManager.getSubscription())?.unsubscribe();
  } catch {
    // Rare: it then stays until the push service drops it or their Reminders page takes it.
  }
}

/**
 * A page kept in one user's cache. Pages say `Vary: Cookie, Accept-Language`, and a navigation
 * carries an Accept-Language that the URL a page was kept under does not, so matching on Vary
 * would find nothing. Neither header matters here: the cache is hers alone, and her pages speak
 * the language of her profile, whatever the browser asks for.
 */
function keptIn(cacheName: string, request: RequestInfo): Promise<Response | undefined> {
  return caches.match(request, { cacheName, ignoreVary: true });
}

/** The cache of pages this request may be answered from: the signed-in user's, if any. */
async function herPageCache(request: Request): Promise<string | undefined> {
  const path = new URL(request.url).pathname;
  if (SIGNED_OUT_PAGES.some((prefix) => path.startsWith(prefix))) return undefined;
  const signedIn = await readSignedIn();
  if (!signedIn?.user) return undefined;
  const mark = await sessionMark();
  if (mark !== null && mark !== signedIn.session) return undefined;
  return pageCacheOf(signedIn.user);
}

/** Her kept copy of the page (her today page for a start URL); never anybody else's. */
async function keptPage(request: Request): Promise<Response | undefined> {
  const cacheName = await herPageCache(request);
  if (!cacheName) return undefined;
  const copy = await keptIn(cacheName, request);
  if (copy || !START_PAGES.includes(new URL(request.url).pathname)) return copy;
  return keptIn(cacheName, SHELL.fallback);
}

/**
 * Her offline page, standing in for a page of hers this phone has not kept. It answers 503,
 * not 200: the page asked for did not come, and nothing that reads the status (the page's own
 * scripts, tools, tests) should take this for it. Browsers show a 503's page all the same.
 */
async function offlinePage(request: Request): Promise<Response | undefined> {
  const cacheName = await herPageCache(request);
  const kept = cacheName ? await keptIn(cacheName, SHELL.offline) : undefined;
  if (!kept) return undefined;
  const { headers } = kept;
  return new Response(kept.body, { status: 503, statusText: "Service Unavailable", headers });
}

/** After a page for somebody signed out, a reminder may be for someone who has left. */
async function nobodySignedIn(): Promise<boolean> {
  return (await readSignedIn())?.user === null;
}

// ---- Reminders by Web Push -------------------------------------------------------------

/** What the server pushes: reminders.messages.push_payload. */
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
  // Signed out here: whoever holds the phone may not be her, so her words are not shown.
  const words = (await nobodySignedIn()) ? await fallbackText() : reminder;
  const options: ShowOptions = {
    body: words.body,
    data: { url: reminder.url, token: reminder.token, id: reminder.id } satisfies ReminderData,
    actions: reminder.actions,
    icon: ICON,
    renotify: false,
  };
  if (reminder.tag) options.tag = reminder.tag;
  await self.registration.showNotification(words.title, options);
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
