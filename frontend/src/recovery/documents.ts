/**
 * Her own recovery documents (a week's ratings, the running checklist, an activity) written to
 * the API with the version they were based on, as a day is: If-Match, or If-None-Match: * for
 * a new one. Offline, or while the server is away, the change waits in localStorage and is
 * sent when she is back; a 412 (another phone changed it meanwhile) merges the two three ways
 * and sends again, so neither phone's rating is lost.
 *
 * The merge keeps entries by their key (a rating by its activity, a test by its name): an
 * entry changed on one side takes that side, changed on both takes hers; added on either side
 * stays; removed on one side and untouched on the other goes. The same rules as the day's
 * items (frontend/src/merge.ts), written again here because this script shares no module with
 * app.js (see page-tools.ts).
 */

export type Entry = Record<string, unknown>;
export interface Versioned {
  version: string;
  body: Entry;
}

/** Which list of a document is merged entry by entry, and the key of its entries. */
const LISTS: Record<string, string> = { scores: "activity", tests: "test" };
const KEPT = "backcare-doc-unsent:";
const MAX_MERGES = 3;

export type DocumentResult =
  | { kind: "saved"; document: Entry }
  | { kind: "offline" }
  | { kind: "invalid"; message: string };

interface Unsent {
  url: string;
  body: Entry;
  based: Versioned | null;
}

function csrfToken(): string {
  const cookie = document.cookie
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith("csrftoken="));
  return cookie ? decodeURIComponent(cookie.slice("csrftoken=".length)) : "";
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function pick<T>(base: T, mine: T, theirs: T): T {
  return same(mine, base) ? theirs : mine;
}

export function mergeList(base: Entry[], mine: Entry[], theirs: Entry[], key: string): Entry[] {
  const byKey = (list: Entry[]) => new Map(list.map((entry) => [String(entry[key]), entry]));
  const [b, m, t] = [byKey(base), byKey(mine), byKey(theirs)];
  const merged: Entry[] = [];
  for (const id of new Set([...t.keys(), ...m.keys()])) {
    const [was, ours, other] = [b.get(id), m.get(id), t.get(id)];
    if (ours && other) merged.push(was ? pick(was, ours, other) : ours);
    else if (!was) merged.push((ours ?? other)!);
    else {
      const kept = ours ?? other;
      if (kept && !same(kept, was)) merged.push(kept); // removed on one side, changed on the other
    }
  }
  return merged;
}

/** Her change and another device's, both made on `base`. */
export function mergeDocuments(base: Entry, mine: Entry, theirs: Entry): Entry {
  const merged: Entry = { ...theirs };
  for (const field of Object.keys(mine)) {
    const key = LISTS[field];
    merged[field] = key
      ? mergeList((base[field] as Entry[]) ?? [], mine[field] as Entry[], (theirs[field] as Entry[]) ?? [], key)
      : pick(base[field], mine[field], theirs[field]);
  }
  return merged;
}

function keep(user: string, unsent: Unsent): void {
  try {
    localStorage.setItem(KEPT + user + ":" + unsent.url, JSON.stringify(unsent));
  } catch {
    // Storage refused: the change is sent now or not at all.
  }
}

function forget(user: string, url: string): void {
  try {
    localStorage.removeItem(KEPT + user + ":" + url);
  } catch {
    // Nothing kept.
  }
}

async function put(unsent: Unsent): Promise<{ status: number; data: Entry | null } | null> {
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    Accept: "application/json",
    "X-CSRFToken": csrfToken(),
    "X-Requested-With": "fetch",
    ...(unsent.based ? { "If-Match": `"${unsent.based.version}"` } : { "If-None-Match": "*" }),
  };
  try {
    const response = await fetch(unsent.url, {
      method: "PUT",
      credentials: "same-origin",
      headers,
      body: JSON.stringify(unsent.body),
    });
    const data = (await response.json().catch(() => null)) as Entry | null;
    return { status: response.status, data };
  } catch {
    return null;
  }
}

function firstMessage(data: unknown): string {
  if (typeof data === "string") return data;
  if (Array.isArray(data)) return data.map(firstMessage).find(Boolean) ?? "";
  if (data && typeof data === "object") {
    for (const [key, value] of Object.entries(data)) {
      const message = firstMessage(value);
      if (message) return key === "detail" ? message : `${key}: ${message}`;
    }
  }
  return "";
}

async function send(user: string, unsent: Unsent): Promise<DocumentResult> {
  for (let merges = 0; merges <= MAX_MERGES; merges++) {
    if (!navigator.onLine) return { kind: "offline" };
    const answer = await put(unsent);
    if (answer === null || answer.status >= 500 || answer.status === 429) return { kind: "offline" };
    if (answer.status === 412 || answer.status === 428) {
      const current = (answer.data?.current as Entry | null) ?? null;
      const base = unsent.based?.body ?? {};
      unsent = {
        url: unsent.url,
        body: mergeDocuments(base, unsent.body, current ?? {}),
        based: current ? { version: String(current.version), body: current } : null,
      };
      keep(user, unsent);
      continue;
    }
    forget(user, unsent.url);
    if (answer.status >= 400) return { kind: "invalid", message: firstMessage(answer.data) || String(answer.status) };
    return { kind: "saved", document: answer.data ?? {} };
  }
  return { kind: "offline" };
}

/** Write a document, made on `based` (null: it did not exist); kept until the server has it. */
export function saveDocument(user: string, url: string, body: Entry, based: Versioned | null): Promise<DocumentResult> {
  const unsent = { url, body, based };
  keep(user, unsent);
  return send(user, unsent);
}

/** Send what an earlier page left unsent (offline, or closed before the answer). */
export async function sendKept(user: string): Promise<void> {
  const prefix = KEPT + user + ":";
  const kept: Unsent[] = [];
  try {
    for (let index = 0; index < localStorage.length; index++) {
      const name = localStorage.key(index);
      if (name?.startsWith(prefix)) kept.push(JSON.parse(localStorage.getItem(name)!) as Unsent);
    }
  } catch {
    return;
  }
  for (const unsent of kept) await send(user, unsent);
}
