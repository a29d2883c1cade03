/**
 * The offline outbox, in IndexedDB.
 *
 * "outbox" holds one entry per user and date: the latest whole-day body not yet confirmed by
 * the server (a newer body replaces an older one), with the server's version of the day it
 * was based on, so that a change made offline can be merged with what another device saved
 * meanwhile. "days" keeps the last day the server confirmed, so a page served from the
 * offline cache does not show, or later send back, an older day than the one already saved.
 *
 * IndexedDB writes finish after the page may be gone: when the page is hidden the latest
 * unsent bodies are also copied into localStorage, which writes at once (see keepSafe).
 */

import { type DayBody, type DayJson, toBody } from "./types";

/** The server's day a change was based on; null when the day did not exist there. */
export interface Based {
  version: string;
  body: DayBody;
}

const DB_NAME = "backcare";
const DB_VERSION = 1;

export interface Pending {
  key: string;
  user: string;
  date: string;
  body: DayBody;
  seq: number;
  queuedAt: number;
  /** Missing in entries written before days had versions: merged as if based on nothing. */
  based?: Based | null;
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
  const entry = await run<Pending>("outbox", "readonly", (s) => s.get(keyFor(user, date)));
  return entry && upgraded(entry);
}

/**
 * An entry kept by an older version of the page lacks the day's newer fields: it gets their
 * defaults, or the server would refuse the body as not a whole day.
 */
function upgraded(entry: Pending): Pending {
  const based = entry.based && { version: entry.based.version, body: toBody(entry.based.body) };
  return { ...entry, body: toBody(entry.body), ...(entry.based === undefined ? {} : { based }) };
}

export async function listPending(user: string): Promise<Pending[]> {
  const all = await run<Pending[]>("outbox", "readonly", (s) => s.index("user").getAll(user));
  return all ?? [];
}

/**
 * The server stored `seq` as version `based`: drop it from the outbox unless a newer body
 * replaced it, which was made on top of it and so is now based on that version.
 */
export function confirm(
  user: string,
  date: string,
  seq: number,
  day: DayJson,
  based: Based,
): Promise<unknown> {
  const key = keyFor(user, date);
  dropSafe(key, seq);
  return Promise.all([
    run("outbox", "readwrite", (s) => {
      const request = s.get(key);
      request.onsuccess = () => {
        const entry = request.result as Pending | undefined;
        if (!entry) return;
        if (entry.seq === seq) s.delete(key);
        else if (entry.seq > seq) s.put({ ...entry, based });
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

// ---- The copy that survives a page closed mid-write ----------------------------------------

const SAFE_PREFIX = "backcare-unsent:";

/** Copy these unsent bodies into localStorage, synchronously: the page may be going away. */
export function keepSafe(entries: Pending[]): void {
  try {
    for (const entry of entries) localStorage.setItem(SAFE_PREFIX + entry.key, JSON.stringify(entry));
  } catch {
    // Storage full or refused: the IndexedDB write already under way is all there is.
  }
}

/**
 * The unsent body for a date from the outbox or the localStorage copy, whichever is newer.
 * A newer copy is moved into the outbox, so it is sent like any other.
 */
export async function getUnsent(user: string, date: string): Promise<Pending | undefined> {
  const key = keyFor(user, date);
  const stored = await getPending(user, date);
  let copy: Pending | undefined;
  try {
    const raw = localStorage.getItem(SAFE_PREFIX + key);
    copy = raw ? (JSON.parse(raw) as Pending) : undefined;
  } catch {
    copy = undefined;
  }
  if (copy && copy.user === user && (!stored || copy.seq > stored.seq)) {
    copy = upgraded(copy);
    await putPending(copy);
    dropSafe(key, copy.seq);
    return copy;
  }
  if (copy) dropSafe(key, copy.seq);
  return stored;
}

/** Forget the localStorage copy for a date if it is no newer than `seq`. */
function dropSafe(key: string, seq: number): void {
  try {
    const raw = localStorage.getItem(SAFE_PREFIX + key);
    if (raw && (JSON.parse(raw) as Pending).seq <= seq) localStorage.removeItem(SAFE_PREFIX + key);
  } catch {
    // Nothing kept, nothing to drop.
  }
}

/** Her dates with a localStorage copy (a page closed before its outbox write finished). */
export function safeDates(user: string): string[] {
  const prefix = `${SAFE_PREFIX}${user}:`;
  const dates: string[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const name = localStorage.key(i);
      if (name?.startsWith(prefix)) dates.push(name.slice(prefix.length));
    }
  } catch {
    // No localStorage: no copies.
  }
  return dates;
}
