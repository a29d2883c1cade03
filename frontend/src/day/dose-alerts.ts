/**
 * The painkiller checks on the day page, the moment a dose is logged, offline too: this day's
 * doses and the day before's, checked by dose-limits.ts with the rules and words of the page's
 * advice. The blocks read as tracker/_dose_alert.html draws them on the server.
 */

import * as outbox from "../outbox";
import type { Medicine } from "../types";
import { fill } from "../util";
import type { Advice } from "./advice";
import { alertsOn, dayBefore, type LoggedDose } from "./dose-limits";
import { callLinks } from "./render";

function logged(date: string, medicines: Medicine[]): LoggedDose[] {
  return medicines.map((m) => ({ date, time: m.time, medicine: m.medicine, dose_mg: m.dose_mg }));
}

export class DoseAlerts {
  advice: Advice | null = null;
  private before: LoggedDose[] = [];

  constructor(
    private container: HTMLElement,
    private date: string,
    private zone: string,
  ) {
    // A kept page opened on a later day (page.ts moves it to today): its alerts are not today's.
    const card = container.closest<HTMLElement>("[data-before-date]");
    if (card && card.dataset.beforeDate !== dayBefore(date)) container.replaceChildren();
  }

  /** The day before's doses: the copy on this phone (unsent or confirmed), else the page's. */
  async loadBefore(user: string, card: HTMLElement): Promise<void> {
    const prev = dayBefore(this.date);
    const kept = (await outbox.getUnsent(user, prev))?.body ?? (await outbox.getConfirmed(user, prev));
    if (kept) {
      this.before = logged(prev, kept.medicines ?? []);
    } else if (card.dataset.beforeDate === prev) {
      const rows = JSON.parse(card.dataset.before || "[]") as [string, string | null, number | null][];
      this.before = rows.map(([medicine, time, dose_mg]) => ({ date: prev, time, medicine, dose_mg }));
    }
  }

  /** Draw the day's alerts; until the advice has come, the server's stay as they are. */
  render(medicines: Medicine[]): void {
    const advice = this.advice;
    if (!advice) return;
    const alerts = alertsOn(this.date, [...this.before, ...logged(this.date, medicines)], advice.rules, this.zone);
    const keys = alerts.map((a) => `${a.medicine}.${a.rule}`);
    for (const block of this.container.querySelectorAll<HTMLElement>("[data-key]")) {
      if (!keys.includes(block.dataset.key!)) block.remove();
    }
    let previous: HTMLElement | null = null;
    alerts.forEach((alert, index) => {
      const words = advice.alerts[keys[index]];
      if (!words) return;
      let block = this.container.querySelector<HTMLElement>(`[data-key="${keys[index]}"]`);
      const appeared = !block;
      block ??= this.block(keys[index], advice);
      block.querySelector("h3")!.textContent = fill(words.title, {
        mg: alert.amount_mg ?? "",
        minutes: alert.gap_minutes ?? "",
      });
      if (previous) previous.after(block);
      else this.container.prepend(block);
      previous = block;
      if (appeared) block.scrollIntoView({ behavior: "smooth", block: "nearest" });
    });
  }

  private block(key: string, advice: Advice): HTMLElement {
    const words = advice.alerts[key];
    const block = document.createElement("div");
    block.className = `dose-alert dose-${words.level}`;
    block.dataset.key = key;
    // A new alert is read out at once.
    block.setAttribute("role", "alert");
    const title = document.createElement("h3");
    title.className = "dose-alert-title";
    const message = document.createElement("p");
    message.textContent = words.message;
    block.append(title, message);
    if (words.level === "urgent") {
      const call = document.createElement("p");
      call.className = "guidance-call";
      call.append(...callLinks(advice.lines, "call-link"));
      block.append(call);
    }
    const note = document.createElement("p");
    note.className = "dose-alert-note";
    note.textContent = advice.mistake;
    block.append(note);
    return block;
  }
}
