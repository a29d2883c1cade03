/**
 * The offline outbox, in IndexedDB.
 *
 * "outbox" holds one entry per user and date: the latest whole-day body not yet confirmed by
 * the server (a newer body replaces an older one). "days" keeps the last day the server
 * confirmed, so a page served from the offline cache does not show, or later send back, an
 * older day than the one already saved.
 */

import type { DayBody, DayJson } from "./types";

const DB_NAME = "backcare";
const DB_VERSION = 1;

export interface Pending {
  key: string;
  user: string;
  date: string;
  body: DayBody;
  seq: number;
  queuedAt: number;
}

export interface Confirmed {
  key: string;
  user: string;
  date: string;
  day: DayJson;
}

export function keyFor(user: string, date: string): string {
  return `${user}:${date}`;
}

let opening: Promise<IDBDatabase | null> | null = null;

function open(): Promise<IDBDatabase | null> {
  if (opening) return opening;
  opening = new Promise((resolve) => {
    if (!("indexedDB" in self)) return resolve(null);
    let request: IDBOpenDBRequest;
    try {
      request = indexedDB.open(DB_NAME, DB_VERSION);
    } catch {
      return resolve(null);
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains("outbox")) {
        db.createObjectStore("outbox", { keyPath: "key" }).createIndex("user", "user");
      }
      if (!db.objectStoreNames.contains("days")) {
        db.createObjectStore("days", { keyPath: "key" });
      }
    };
    request.onsuccess = () => resolve(request.result);
    // Private browsing in some browsers refuses IndexedDB: the page still saves online.
    request.onerror = () => resolve(null);
    request.onblocked = () => resolve(null);
  });
  return opening;
}

function run<T>(
  store: "outbox" | "days",
  mode: IDBTransactionMode,
  work: (s: IDBObjectStore) => IDBRequest<T> | void,
): Promise<T | undefined> {
  return open().then(
    (db) =>
      new Promise<T | undefined>((resolve) => {
        if (!db) return resolve(undefined);
        let result: T | undefined;
        try {
          const tx = db.transaction(store, mode);
          const request = work(tx.objectStore(store));
          if (request) request.onsuccess = () => (result = request.result);
          tx.oncomplete = () => resolve(result);
          tx.onerror = tx.onabort = () => resolve(undefined);
        } catch {
          resolve(undefined);
        }
      }),
  );
}

export function putPending(entry: Pending): Promise<unknown> {
  return run("outbox", "readwrite", (s) => s.put(entry));
}

export async function getPending(user: string, date: string): Promise<Pending | undefined> {
  return run<Pending>("outbox", "readonly", (s) => s.get(keyFor(user, date)));
}

export async function listPending(user: string): Promise<Pending[]> {
  const all = await run<Pending[]>("outbox", "readonly", (s) => s.index("user").getAll(user));
  return all ?? [];
}

/** The server stored `seq`: drop it from the outbox unless a newer body replaced it. */
export function confirm(user: string, date: string, seq: number, day: DayJson): Promise<unknown> {
  const key = keyFor(user, date);
  return Promise.all([
    run("outbox", "readwrite", (s) => {
      const request = s.get(key);
      request.onsuccess = () => {
        const entry = request.result as Pending | undefined;
        if (entry && entry.seq === seq) s.delete(key);
      };
    }),
    run("days", "readwrite", (s) => s.put({ key, user, date, day } satisfies Confirmed)),
  ]);
}

export async function getConfirmed(user: string, date: string): Promise<DayJson | undefined> {
  const entry = await run<Confirmed>("days", "readonly", (s) => s.get(keyFor(user, date)));
  return entry?.day;
}

/** On log-out: forget the copies of saved days. Unsent bodies stay, tied to their user. */
export function forgetConfirmed(): Promise<unknown> {
  return run("days", "readwrite", (s) => s.clear());
}
