/**
 * Saving days to the server through the outbox.
 *
 * Every change is written to the outbox first, then sent. Sends for one date run one at a time
 * and always send the latest body, so an older body can never overwrite a newer one, and the
 * outbox entry is dropped only when the server confirmed exactly that body.
 *
 * Each send says which version of the day it was based on (If-Match, or If-None-Match: * for
 * a new day). When another device saved the day meanwhile, the server answers 412 with the day
 * as it is now; the change is then merged into it (merge.ts), the page is told, and the merged
 * day is sent on the new version. A replayed send writes nothing, so sending again after a
 * doubt is always safe.
 */

import { mergeDays, sameDay } from "./merge";
import * as outbox from "./outbox";
import type { Based } from "./outbox";
import { type DayBody, type DayJson, emptyDay, toBody } from "./types";

export type SaveResult =
  | { kind: "saved"; day?: DayJson }
  | { kind: "offline" }
  | { kind: "retry" }
  | { kind: "invalid"; message: string }
  | { kind: "auth"; message: string };

type PutResult = SaveResult | { kind: "stale"; current: DayJson | null };

interface Latest {
  body: DayBody;
  seq: number;
}

/** Told when a day's body was merged with another device's changes, or refreshed from them. */
export type MergeListener = (body: DayBody) => void;

// A merge that keeps meeting newer versions is left for the next try, not looped on.
const MAX_MERGES = 5;

const latest = new Map<string, Latest>();
// What the server held when the latest body was made: the base of a merge. Missing: unknown.
const basedOn = new Map<string, Based | null>();
const running = new Map<string, Promise<SaveResult>>();
const listeners = new Map<string, MergeListener>();
let lastSeq = 0;

function nextSeq(): number {
  lastSeq = Math.max(Date.now(), lastSeq + 1);
  return lastSeq;
}

export function basedOnDay(day: DayJson | null): Based | null {
  return day ? { version: day.version, body: toBody(day) } : null;
}

/**
 * The page shows this date: what its body was based on (unless a send already knows better),
 * and whom to tell when another device's changes are merged in.
 */
export function watch(user: string, date: string, based: Based | null | undefined, listener: MergeListener): void {
  const key = outbox.keyFor(user, date);
  if (based !== undefined && !basedOn.has(key)) basedOn.set(key, based);
  listeners.set(key, listener);
}

/** The version the page's body is based on, as the server last told. */
export function knownBase(user: string, date: string): Based | null | undefined {
  return basedOn.get(outbox.keyFor(user, date));
}

export function csrfToken(): string {
  const cookie = document.cookie
    .split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith("csrftoken="));
  if (cookie) return decodeURIComponent(cookie.slice("csrftoken=".length));
  const input = document.querySelector<HTMLInputElement>("input[name=csrfmiddlewaretoken]");
  return input?.value ?? "";
}

export function dayUrl(date: string): string {
  const template = document.body.dataset.apiDayUrl ?? "/api/v1/days/DATE/";
  return template.replace("DATE", date);
}

/** The first message of a DRF error answer, with the path of the field it is about. */
export function errorMessage(data: unknown, path = ""): string | null {
  if (typeof data === "string") return path ? `${path}: ${data}` : data;
  if (Array.isArray(data)) {
    for (const [index, item] of data.entries()) {
      const here = typeof item === "string" ? path : `${path}[${index}]`;
      const found = errorMessage(item, here);
      if (found) return found;
    }
    return null;
  }
  if (data && typeof data === "object") {
    for (const [key, value] of Object.entries(data)) {
      const here = key === "detail" || key === "non_field_errors" ? path : path ? `${path}.${key}` : key;
      const found = errorMessage(value, here);
      if (found) return found;
    }
  }
  return null;
}

/**
 * A JSON request to our own API with the session and its CSRF token; null when offline.
 * The answer comes with its parsed JSON body, or null when it had none.
 */
export async function sendJson(
  url: string,
  method: "PUT" | "POST" | "DELETE",
  body: unknown,
  keepalive = false,
  headers: Record<string, string> = {},
): Promise<{ response: Response; data: unknown } | null> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: "same-origin",
      keepalive,
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": csrfToken(),
        "X-Requested-With": "fetch",
        ...headers,
      },
      body: JSON.stringify(body),
    });
  } catch {
    return null;
  }
  let data: unknown = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  return { response, data };
}

function preconditions(based: Based | null | undefined): Record<string, string> {
  return based ? { "If-Match": `"${based.version}"` } : { "If-None-Match": "*" };
}

async function putDay(
  date: string,
  body: DayBody,
  based: Based | null | undefined,
  keepalive = false,
): Promise<PutResult> {
  const answer = await sendJson(dayUrl(date), "PUT", body, keepalive, preconditions(based));
  if (answer === null) return { kind: "offline" };
  const { response, data } = answer;
  if (response.ok) return { kind: "saved", day: data as DayJson };
  if (response.status === 412 || response.status === 428) {
    return { kind: "stale", current: ((data as { current?: DayJson | null } | null)?.current ?? null) };
  }
  const message = errorMessage(data) ?? `${response.status} ${response.statusText}`;
  if (response.status === 401 || response.status === 403) return { kind: "auth", message };
  if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
    return { kind: "invalid", message };
  }
  return { kind: "retry" };
}

/** Record a new body for a date: in memory at once, and in the outbox (resolves when stored). */
export function queue(user: string, date: string, body: DayBody): Promise<unknown> {
  const key = outbox.keyFor(user, date);
  const seq = nextSeq();
  latest.set(key, { body, seq });
  return outbox.putPending(pendingEntry(user, date, { body, seq }));
}

function pendingEntry(user: string, date: string, current: Latest): outbox.Pending {
  const key = outbox.keyFor(user, date);
  return { key, user, date, body: current.body, seq: current.seq, queuedAt: Date.now(), based: basedOn.get(key) };
}

/** The page is being hidden or closed: keep its unsent bodies where they survive that. */
export function keepUnsentSafe(user: string): void {
  const prefix = outbox.keyFor(user, "");
  const entries = [...latest.entries()]
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, current]) => pendingEntry(user, key.slice(prefix.length), current));
  outbox.keepSafe(entries);
}

export function hasUnsent(user: string, date: string): boolean {
  return latest.has(outbox.keyFor(user, date));
}

/** Send the latest body for a date, after any send already running for it. */
export function sync(user: string, date: string): Promise<SaveResult> {
  const key = outbox.keyFor(user, date);
  const before = running.get(key) ?? Promise.resolve<SaveResult>({ kind: "saved" });
  const next = before.then(() => sendLatest(user, date));
  running.set(key, next);
  next.finally(() => {
    if (running.get(key) === next) running.delete(key);
  });
  return next;
}

/** The latest body for a date: in memory, or left in the outbox by an earlier page. */
async function restore(user: string, date: string): Promise<boolean> {
  const key = outbox.keyFor(user, date);
  if (latest.has(key)) return true;
  const stored = await outbox.getUnsent(user, date);
  if (!stored || latest.has(key)) return latest.has(key);
  latest.set(key, { body: stored.body, seq: stored.seq });
  // A body goes with the version it was made on, never a newer one, or it would overwrite
  // what it never saw. Unknown (from before versions) merges as if based on nothing.
  if (stored.based === undefined) basedOn.delete(key);
  else basedOn.set(key, stored.based);
  return true;
}

async function sendLatest(user: string, date: string): Promise<SaveResult> {
  const key = outbox.keyFor(user, date);
  let merges = 0;
  for (;;) {
    if (!(await restore(user, date))) return { kind: "saved" };
    if (!navigator.onLine) return { kind: "offline" };
    const current = latest.get(key)!;
    const result = await putDay(date, current.body, basedOn.get(key));
    if (result.kind === "stale") {
      if (++merges > MAX_MERGES) return { kind: "retry" };
      await mergeInto(user, date, result.current);
      continue;
    }
    if (result.kind !== "saved") return result;
    if (result.day) await saved(user, date, current.seq, result.day);
    if (latest.get(key)?.seq === current.seq) {
      latest.delete(key);
      return result;
    }
    // A newer body arrived while this one was on its way: send that one too.
  }
}

async function saved(user: string, date: string, seq: number, day: DayJson): Promise<void> {
  const based = basedOnDay(day)!;
  basedOn.set(outbox.keyFor(user, date), based);
  await outbox.confirm(user, date, seq, day, based);
}

/**
 * Another device saved this day since her body's base: merge her body into the day as it is
 * now (`current`, null when it was deleted), and make the result her latest body.
 */
async function mergeInto(user: string, date: string, current: DayJson | null): Promise<void> {
  const key = outbox.keyFor(user, date);
  const mine = latest.get(key)!.body;
  const base = basedOn.get(key)?.body ?? emptyDay();
  const theirs = current ? toBody(current) : emptyDay();
  const merged = mergeDays(base, mine, theirs);
  basedOn.set(key, basedOnDay(current));
  const stored = queue(user, date, merged);
  // The page takes the merged day before anything else can run: an edit she makes next must
  // be made on it, or her next save would undo the merge.
  if (!sameDay(merged, mine)) listeners.get(key)?.(merged);
  await stored;
}

/**
 * The page is going away: send the latest body now, with keepalive so the request outlives
 * the page. If a send is already running, the outbox entry stays until that one's loop has
 * also sent this body, so a late answer to an older request cannot hide a lost update. A
 * stale version is left for the next visit to merge.
 */
export async function flushNow(user: string, date: string): Promise<SaveResult | null> {
  const key = outbox.keyFor(user, date);
  const current = latest.get(key);
  if (!current || !navigator.onLine) return null;
  const result = await putDay(date, current.body, basedOn.get(key), true);
  if (result.kind !== "saved" || !result.day || running.has(key)) return null;
  await saved(user, date, current.seq, result.day);
  if (latest.get(key)?.seq === current.seq) latest.delete(key);
  return result;
}

/**
 * Nothing of hers is waiting for this date: take the day as the server has it now, in case
 * another device changed it. Returns the day when it differs from `shown`'s version.
 */
export async function refresh(user: string, date: string): Promise<DayJson | null | undefined> {
  const key = outbox.keyFor(user, date);
  if (latest.has(key) || running.has(key) || !navigator.onLine) return undefined;
  const known = basedOn.get(key);
  let response: Response;
  try {
    response = await fetch(dayUrl(date), {
      credentials: "same-origin",
      headers: { Accept: "application/json", ...(known ? { "If-None-Match": `"${known.version}"` } : {}) },
    });
  } catch {
    return undefined;
  }
  let day: DayJson | null = null;
  if (response.ok) {
    try {
      day = (await response.json()) as DayJson;
    } catch {
      return undefined;
    }
  } else if (response.status !== 404) {
    return undefined; // 304: nothing new; anything else: try another time
  }
  // Her own change may have started while the answer was on its way: that one wins, and is
  // merged with this day when it is sent.
  if (latest.has(key) || running.has(key)) return undefined;
  if (day === null ? known === null : known?.version === day.version) return undefined;
  basedOn.set(key, basedOnDay(day));
  return day;
}

/** Send every unsent day of this user, oldest first; reports each date's result. */
export async function replayOutbox(
  user: string,
  onResult?: (date: string, result: SaveResult) => void,
): Promise<void> {
  for (const date of outbox.safeDates(user)) await outbox.getUnsent(user, date);
  const dates = new Set((await outbox.listPending(user)).map((entry) => entry.date));
  // Each send reads its body from the outbox afresh, after any send already running for that
  // date: a body read here could be sent meanwhile, and sending it again later on the newer
  // version would undo what other devices saved since.
  for (const date of [...dates].sort()) {
    const result = await sync(user, date);
    onResult?.(date, result);
    if (result.kind === "offline") return;
  }
}
