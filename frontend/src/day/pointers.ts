/**
 * The lines that point her somewhere from what she logs, kept in step with the day: pain down
 * a leg (the leg line, from the page's advice), two nights running of hardly any sleep, pain
 * that got in the way a lot on 3 days this week, low mood for two weeks. What the days before
 * say is decided by the server (tracker/days_around.py), and the template draws a pointer
 * only where today can make it show; here, only today's part.
 */

import type { DayBody } from "../types";
import type { Advice } from "./advice";
import { callLinks } from "./render";

export function renderPointers(root: HTMLElement, day: DayBody, legTicked: boolean, advice: Advice | null): void {
  const leg = root.querySelector<HTMLElement>("[data-leg-pointer]");
  if (leg) {
    leg.hidden = !legTicked && !day.pain_ratings.some((r) => r.leg_symptoms?.length);
    const text = leg.querySelector<HTMLElement>("[data-leg-text]");
    if (advice && text && !text.textContent) {
      text.textContent = advice.leg;
      leg.querySelector("[data-leg-call]")?.replaceChildren(...callLinks(advice.lines, "call-link"));
    }
  }
  const hardly = root.querySelector<HTMLElement>("[data-if-hardly]");
  if (hardly) hardly.hidden = day.sleep_quality !== "hardly";
  // Only when today's score decides it: 3 heavy days are not there without today's.
  const heavy = root.querySelector<HTMLElement>("[data-heavy-at]");
  if (heavy) heavy.hidden = (day.pain_interference ?? -1) < Number(heavy.dataset.heavyAt);
  const card = root.querySelector<HTMLElement>("[data-low-mood-card]");
  if (card) {
    const state = day.mood === null ? "None" : day.mood <= Number(card.dataset.lowAt) ? "Low" : "Other";
    card.hidden = card.dataset[`if${state}`] !== "1";
  }
}
