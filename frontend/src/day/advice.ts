/**
 * What the page answers with as she logs (tracker/day_answers.py's advice_payload): fetched
 * apart from the page, kept by the service worker and, in case, by the page itself, so it
 * answers offline too. Until it has come, the page shows what it can without it.
 */

import type { PhoneLine } from "../types";
import type { DoseRule } from "./dose-limits";

export interface AlertWords {
  level: "urgent" | "today" | "caution";
  /** With {mg} or {minutes} to fill. */
  title: string;
  message: string;
}

export interface Advice {
  rules: DoseRule[];
  alerts: Record<string, AlertWords>;
  mistake: string;
  lines: PhoneLine[];
  cautions: Record<string, string>;
  leg: string;
  signs: Record<string, string>;
  sign_lines: Record<string, PhoneLine[]>;
}

const KEPT = "backcare-advice";

function path(url: string): string {
  return url.split("?")[0];
}

/** The advice at `url`; offline, the copy kept for the same language and region, if any. */
export async function loadAdvice(url: string): Promise<Advice | null> {
  try {
    const response = await fetch(url, { credentials: "same-origin" });
    if (response.ok) {
      const advice = (await response.json()) as Advice;
      try {
        localStorage.setItem(KEPT, JSON.stringify({ url, advice }));
      } catch {
        // No room, or storage refused: the service worker's copy remains.
      }
      return advice;
    }
  } catch {
    // Offline: the kept copy below.
  }
  try {
    const kept = JSON.parse(localStorage.getItem(KEPT) ?? "null") as { url: string; advice: Advice } | null;
    return kept && path(kept.url) === path(url) ? kept.advice : null;
  } catch {
    return null;
  }
}
