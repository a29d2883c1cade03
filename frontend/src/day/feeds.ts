/**
 * The feeds' rules: what the feed draft logs, "Same as last feed" and the feed timer. Pure
 * (tested in frontend/tests/feeds.test.ts); the feed card (feed-card.ts) wires them to its
 * inputs and buttons.
 */

import type { Feeding } from "../types";

export const DEFAULT_FEED_MINUTES = 15;
const MAX_FEED_MINUTES = 240;

/** The feed draft's inputs as they are: the values checked ("" for none), minutes as typed. */
export interface FeedDraft {
  time: string | null;
  position: string;
  supports: string[];
  posture: string;
  minutes: string;
  side: string;
}

/** The feed the draft logs, or null while it has no position. A bottle has no side. */
export function feedFromDraft(id: string, draft: FeedDraft): Feeding | null {
  if (!draft.position) return null;
  const minutes = Number.parseInt(draft.minutes, 10);
  return {
    id,
    time: draft.time,
    position: draft.position,
    supports: draft.supports,
    posture: draft.posture as Feeding["posture"],
    minutes: Number.isFinite(minutes) ? Math.min(MAX_FEED_MINUTES, Math.max(0, minutes)) : null,
    side: (draft.position === "bottle" ? "" : draft.side) as Feeding["side"],
  };
}

/** Baby trackers alternate breasts: left becomes right and back; both stays both. */
export function otherSide(side: Feeding["side"]): Feeding["side"] {
  if (side === "left") return "right";
  if (side === "right") return "left";
  return side;
}

/** The feed she logged last in the day: the latest time, the later entry on a tie. */
export function lastFeed(feedings: Feeding[]): Feeding | null {
  let best: Feeding | null = null;
  for (const feeding of feedings) {
    if (!best || (feeding.time ?? "") >= (best.time ?? "")) best = feeding;
  }
  return best;
}

/** A new feed like `last`, on the other side, for `minutes` (else last's, else 15), at `time`. */
export function feedLike(last: Feeding, id: string, time: string, minutes?: number): Feeding {
  const bottle = last.position === "bottle";
  return {
    id,
    time,
    position: last.position,
    supports: [...last.supports],
    posture: last.posture,
    minutes: minutes ?? last.minutes ?? DEFAULT_FEED_MINUTES,
    side: bottle ? "" : otherSide(last.side),
  };
}

/** Whole minutes between the timer's start and stop: rounded, at least 1, at most 240. */
export function timedMinutes(startMs: number, stopMs: number): number {
  return Math.min(MAX_FEED_MINUTES, Math.max(1, Math.round((stopMs - startMs) / 60_000)));
}

/** The phone's local time of an instant, as HH:MM. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/** "mm:ss", or "h:mm:ss" past an hour: the running timer's face. */
export function elapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/**
 * A running timer is kept in localStorage, per user and date, so a reload (or the phone
 * closing the tab during a night feed) does not lose it.
 */
export class FeedTimer {
  private key: string;

  constructor(user: string, date: string) {
    this.key = `backcare-feed-timer:${user}:${date}`;
  }

  started(): number | null {
    try {
      const value = Number(localStorage.getItem(this.key));
      return Number.isFinite(value) && value > 0 ? value : null;
    } catch {
      return null;
    }
  }

  start(now: number): void {
    try {
      localStorage.setItem(this.key, String(now));
    } catch {
      // Private mode without storage: the timer still runs until the page closes.
    }
  }

  clear(): void {
    try {
      localStorage.removeItem(this.key);
    } catch {
      // Nothing kept, nothing to clear.
    }
  }
}
