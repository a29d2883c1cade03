/// <reference lib="webworker" />
/**
 * The service worker: keeps the app shell for offline use and answers page requests from the
 * network first, from the cache when the network is away. The API is never cached: the
 * pages' own outbox (IndexedDB) is what makes logging work offline.
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
