/**
 * Saving days to the server through the outbox.
 *
 * Every change is written to the outbox first, then sent. Sends for one date run one at a time
 * and always send the latest body, so an older body can never overwrite a newer one, and the
 * outbox entry is dropped only when the server confirmed exactly that body. The API's PUT is
 * an idempotent upsert of the whole day, so sending again after a doubt is always safe.
 */

import * as outbox from "./outbox";
import type { DayBody, DayJson } from "./types";

export type SaveResult =
  | { kind: "saved"; day?: DayJson }
  | { kind: "offline" }
  | { kind: "retry" }
  | { kind: "invalid"; message: string }
  | { kind: "auth"; message: string };

interface Latest {
  body: DayBody;
  seq: number;
}

const latest = new Map<string, Latest>();
const running = new Map<string, Promise<SaveResult>>();
let lastSeq = 0;

function nextSeq(): number {
  lastSeq = Math.max(Date.now(), lastSeq + 1);
  return lastSeq;
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

export async function putDay(date: string, body: DayBody, keepalive = false): Promise<SaveResult> {
  const answer = await sendJson(dayUrl(date), "PUT", body, keepalive);
  if (answer === null) return { kind: "offline" };
  const { response, data } = answer;
  if (response.ok) return { kind: "saved", day: data as DayJson };
  const message = errorMessage(data) ?? `${response.status} ${response.statusText}`;
  if (response.status === 401 || response.status === 403) return { kind: "auth", message };
  if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
    return { kind: "invalid", message };
  }
  return { kind: "retry" };
}

/** Record a new body for a date: in memory at once, and in the outbox (resolves when stored). */
export function queue(user: string, date: string, body: DayBody): Promise<unknown> {
  const seq = nextSeq();
  latest.set(outbox.keyFor(user, date), { body, seq });
  return outbox.putPending({
    key: outbox.keyFor(user, date),
    user,
    date,
    body,
    seq,
    queuedAt: Date.now(),
  });
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

async function sendLatest(user: string, date: string): Promise<SaveResult> {
  const key = outbox.keyFor(user, date);
  for (;;) {
    let current = latest.get(key);
    if (!current) {
      const stored = await outbox.getPending(user, date);
      if (!stored) return { kind: "saved" };
      current = { body: stored.body, seq: stored.seq };
      latest.set(key, current);
    }
    if (!navigator.onLine) return { kind: "offline" };
    const result = await putDay(date, current.body);
    if (result.kind !== "saved") return result;
    if (result.day) await outbox.confirm(user, date, current.seq, result.day);
    if (latest.get(key)?.seq === current.seq) {
      latest.delete(key);
      return result;
    }
    // A newer body arrived while this one was on its way: send that one too.
  }
}

/**
 * The page is going away: send the latest body now, with keepalive so the request outlives
 * the page. If a send is already running, the outbox entry stays until that one's loop has
 * also sent this body, so a late answer to an older request cannot hide a lost update.
 */
export async function flushNow(user: string, date: string): Promise<SaveResult | null> {
  const key = outbox.keyFor(user, date);
  const current = latest.get(key);
  if (!current || !navigator.onLine) return null;
  const result = await putDay(date, current.body, true);
  if (result.kind !== "saved" || !result.day || running.has(key)) return null;
  await outbox.confirm(user, date, current.seq, result.day);
  if (latest.get(key)?.seq === current.seq) latest.delete(key);
  return result;
}

/** Send every unsent day of this user, oldest first; reports each date's result. */
export async function replayOutbox(
  user: string,
  onResult?: (date: string, result: SaveResult) => void,
): Promise<void> {
  const pending = await outbox.listPending(user);
  pending.sort((a, b) => a.date.localeCompare(b.date));
  for (const entry of pending) {
    const key = outbox.keyFor(user, entry.date);
    const known = latest.get(key);
    if (!known || known.seq < entry.seq) latest.set(key, { body: entry.body, seq: entry.seq });
    const result = await sync(user, entry.date);
    onResult?.(entry.date, result);
    if (result.kind === "offline") return;
  }
}
