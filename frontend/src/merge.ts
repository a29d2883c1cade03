/**
 * Three-way merge of a day: the version her change was based on (base), her change (mine),
 * and the day as the server holds it now, changed meanwhile on another device (theirs).
 *
 * Nothing she or the other device entered is dropped silently:
 * - items (pain ratings, feeds, exercises, medicines, pelvic-floor sessions, symptom checks)
 *   are matched by id: one added on either side stays;
 *   one deleted on one side and untouched on the other stays deleted; one deleted on one side
 *   and edited on the other keeps the edit; one edited on both sides takes each field from
 *   the side that changed it (hers where both changed the same field);
 * - tags (habits, mood tags, warning signs): added on either side stay, removed on either
 *   side go;
 * - mood, the night's sleep (hours and quality) and how much pain got in the way each take
 *   the side that changed them (hers where both did);
 * - a note changed on both sides keeps both texts.
 *
 * Pure functions, no I/O: the outbox calls it on a 412 and sends the result.
 */

import type { DayBody } from "./types";

type Item = { id: string } & Record<string, unknown>;
type TagField = "mood_tags" | "habits" | "warning_signs";
type ValueField = "mood" | "sleep_hours" | "sleep_quality" | "pain_interference";
type ItemField =
  | "pain_ratings"
  | "feedings"
  | "exercises"
  | "medicines"
  | "pelvic_floor_sessions"
  | "symptom_checks";

const TAG_FIELDS: TagField[] = ["mood_tags", "habits", "warning_signs"];
const VALUE_FIELDS: ValueField[] = ["mood", "sleep_hours", "sleep_quality", "pain_interference"];
const ITEM_FIELDS: ItemField[] = [
  "pain_ratings",
  "feedings",
  "exercises",
  "medicines",
  "pelvic_floor_sessions",
  "symptom_checks",
];
// Between two notes written apart; the server allows 2000 characters in all.
const NOTE_JOIN = "\n";

/** JSON with every object's keys in sorted order: the server's copy may list them in another. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item && typeof item === "object" && !Array.isArray(item)
      ? Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : item,
  );
}

function same(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** A value changed on at most one side takes that side; changed on both, hers. */
function pick<T>(base: T, mine: T, theirs: T): T {
  if (same(mine, base)) return theirs;
  return mine;
}

function mergeItem(base: Item | undefined, mine: Item, theirs: Item): Item {
  if (!base) return same(mine, theirs) ? theirs : mine;
  const merged: Item = { ...theirs };
  for (const key of new Set([...Object.keys(mine), ...Object.keys(theirs)])) {
    merged[key] = pick(base[key], mine[key], theirs[key]);
  }
  return merged;
}

/** One item's fate, given whether each side still has it. */
function mergeOne(base: Item | undefined, mine: Item | undefined, theirs: Item | undefined): Item | null {
  if (mine && theirs) return mergeItem(base, mine, theirs);
  if (!base) return mine ?? theirs ?? null; // added on one side
  // Deleted on one side: kept only if the other side edited it meanwhile.
  const kept = mine ?? theirs;
  return kept && !same(kept, base) ? kept : null;
}

export function mergeItems<T extends { id: string }>(base: T[], mine: T[], theirs: T[]): T[] {
  const byId = (list: T[]) => new Map(list.map((item) => [item.id, item as unknown as Item]));
  const [b, m, t] = [byId(base), byId(mine), byId(theirs)];
  // The server's order first, then hers for what only she has: what each phone shows moves
  // as little as possible.
  const order = [...new Set([...t.keys(), ...m.keys()])];
  const merged: T[] = [];
  for (const id of order) {
    const item = mergeOne(b.get(id), m.get(id), t.get(id));
    if (item) merged.push(item as unknown as T);
  }
  return merged;
}

export function mergeTags(base: string[], mine: string[], theirs: string[]): string[] {
  const [b, m, t] = [new Set(base), new Set(mine), new Set(theirs)];
  const keep = (tag: string) => (b.has(tag) ? m.has(tag) && t.has(tag) : m.has(tag) || t.has(tag));
  return [...new Set([...theirs, ...mine])].filter(keep);
}

function commonPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffix(a: string, b: string, limit: number): number {
  let n = 0;
  while (n < limit && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

// Where a note may be cut: at a space, or beside a CJK character (Chinese has no spaces, and
// an input method commits whole characters).
const BREAK = /[\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/u;

/** Whether position `at` of `text` falls between two words, not inside one. */
function atWordEdge(text: string, at: number): boolean {
  return at <= 0 || at >= text.length || BREAK.test(text[at - 1]) || BREAK.test(text[at]);
}

/**
 * Both sides changed the note: keep what each wrote. When one text continues the other with
 * whole words, the longer one has both. Otherwise the start and end both texts share are kept
 * once and both changed middles are kept, the server's first.
 *
 * Texts are cut only between words: a text sent while she was typing can end inside a word
 * ("w8" of "w82"), and a cut there would split her word from its ending.
 */
export function mergeNote(base: string, mine: string, theirs: string): string {
  if (mine === base) return theirs;
  if (theirs === base) return mine;
  if (theirs.startsWith(mine) && atWordEdge(theirs, mine.length)) return theirs;
  if (mine.startsWith(theirs) && atWordEdge(mine, theirs.length)) return mine;
  let prefix = commonPrefix(mine, theirs);
  while (prefix > 0 && !(atWordEdge(mine, prefix) && atWordEdge(theirs, prefix))) prefix--;
  let suffix = commonSuffix(mine, theirs, Math.min(mine.length, theirs.length) - prefix);
  while (suffix > 0 && !(atWordEdge(mine, mine.length - suffix) && atWordEdge(theirs, theirs.length - suffix))) {
    suffix--;
  }
  // A shared full stop alone is not shared text: each middle keeps its own.
  if (!/[\p{L}\p{N}]/u.test(mine.slice(mine.length - suffix))) suffix = 0;
  const middles = [theirs, mine]
    .map((text) => text.slice(prefix, text.length - suffix).trim())
    .filter(Boolean);
  const head = mine.slice(0, prefix);
  const tail = mine.slice(mine.length - suffix);
  const before = head && !BREAK.test(head.at(-1)!) ? " " : "";
  const after = tail && !BREAK.test(tail[0]) ? " " : "";
  return head + before + middles.join(NOTE_JOIN) + after + tail;
}

function mergeValue<F extends ValueField>(field: F, base: DayBody, mine: DayBody, theirs: DayBody): DayBody[F] {
  return pick(base[field], mine[field], theirs[field]);
}

function mergeItemList<F extends ItemField>(field: F, base: DayBody, mine: DayBody, theirs: DayBody): DayBody[F] {
  return mergeItems<DayBody[F][number]>(base[field], mine[field], theirs[field]) as DayBody[F];
}

export function mergeDays(base: DayBody, mine: DayBody, theirs: DayBody): DayBody {
  const merged = { ...theirs };
  for (const field of VALUE_FIELDS) (merged as Record<ValueField, unknown>)[field] = mergeValue(field, base, mine, theirs);
  for (const field of TAG_FIELDS) merged[field] = mergeTags(base[field], mine[field], theirs[field]);
  for (const field of ITEM_FIELDS) (merged as Record<ItemField, unknown>)[field] = mergeItemList(field, base, mine, theirs);
  merged.note = mergeNote(base.note, mine.note, theirs.note);
  return merged;
}

export function sameDay(a: DayBody, b: DayBody): boolean {
  return same(a, b);
}
