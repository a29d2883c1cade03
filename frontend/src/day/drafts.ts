/**
 * The rules the day page's drafts share, pure (tested in frontend/tests/drafts.test.ts).
 *
 * An entry is logged as soon as its draft has what it needs (a score; a position), so the
 * commonest entry costs the fewest taps. The draft then stays attached to it: what she
 * chooses next changes it, until Done (or the page is hidden, she edits another entry, or
 * five minutes pass without a change: a score tapped hours later is a new rating).
 */

import type { LegSymptom, PainRating } from "../types";

/** A draft left alone this long lets its entry go. */
export const HOLD_MS = 5 * 60_000;

/** The pain draft's inputs as they are: the score checked ("" for none), and the rest. */
export interface PainDraft {
  score: string;
  time: string | null;
  areas: string[];
  legs: string[];
}

/** The rating the pain draft logs, or null while it has no score. */
export function painFromDraft(id: string, draft: PainDraft): PainRating | null {
  if (!draft.score) return null;
  return {
    id,
    score: Number(draft.score),
    time: draft.time,
    body_areas: draft.areas,
    leg_symptoms: draft.legs as LegSymptom[],
  };
}

/** The entry changes the one with its id in `list`, or is added at the end. */
export function upsert<T extends { id: string }>(list: T[], entry: T): void {
  const index = list.findIndex((item) => item.id === entry.id);
  if (index >= 0) list[index] = entry;
  else list.push(entry);
}

/** One wait for every card: the drafts let go of their entries HOLD_MS after the last change. */
export class DraftHold {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private letGo: () => void,
    private ms: number = HOLD_MS,
  ) {}

  /** A draft just changed its entry: the wait starts again. */
  held(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.letGo, this.ms);
  }
}
