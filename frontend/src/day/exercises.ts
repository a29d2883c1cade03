/**
 * The exercises card: ticking an exercise logs it with the amount its stepper shows, and the
 * stepper appears (the server sends one with ticked exercises only); unticking takes it out.
 */

import { fill, nowHHMM, uuid } from "../util";
import type { CardHost } from "./draft-card";

export class ExerciseCard {
  constructor(
    private root: HTMLElement,
    private host: CardHost,
  ) {}

  /** Handles a change (or a typed amount) inside the card; false when the input is not the card's. */
  onChange(input: HTMLInputElement): boolean {
    if (input.name === "exercise") this.onTick(input);
    else if (input.name === "exercise-amount") this.onAmount(input);
    else return false;
    return true;
  }

  render(): void {
    for (const row of this.root.querySelectorAll<HTMLElement>("[data-exercise]")) this.renderRow(row);
  }

  private onTick(input: HTMLInputElement): void {
    const row = input.closest<HTMLElement>("[data-exercise]")!;
    const key = row.dataset.exercise!;
    const day = this.host.state();
    if (input.checked) {
      const unit = row.dataset.unit === "minutes" ? "minutes" : "reps";
      const amount = Number.parseInt(this.amountField(row).querySelector("input")!.value, 10);
      const value = Number.isFinite(amount) ? amount : null;
      day.exercises.push({
        id: uuid(),
        time: nowHHMM(),
        exercise: key,
        reps: unit === "reps" ? value : null,
        minutes: unit === "minutes" ? value : null,
      });
    } else {
      day.exercises = day.exercises.filter((e) => e.exercise !== key);
    }
    this.renderRow(row);
    this.host.commit();
  }

  private onAmount(input: HTMLInputElement): void {
    const row = input.closest<HTMLElement>("[data-exercise]")!;
    const entry = this.host.state().exercises.find((e) => e.exercise === row.dataset.exercise);
    if (!entry) return;
    const amount = Number.parseInt(input.value, 10);
    const value = Number.isFinite(amount) ? Math.min(Number(input.max) || amount, Math.max(0, amount)) : null;
    if (row.dataset.unit === "minutes") entry.minutes = value;
    else entry.reps = value;
    this.host.commit();
  }

  private renderRow(row: HTMLElement): void {
    const key = row.dataset.exercise!;
    const unit = row.dataset.unit === "minutes" ? "minutes" : "reps";
    const entry = this.host.state().exercises.find((e) => e.exercise === key);
    row.querySelector<HTMLInputElement>('input[name="exercise"]')!.checked = Boolean(entry);
    row.classList.toggle("is-done", Boolean(entry));
    const amount = entry ? this.amountField(row) : row.querySelector<HTMLElement>(".exercise-amount");
    if (amount) amount.hidden = !entry;
    const value = entry?.[unit];
    if (value !== undefined && value !== null) {
      row.querySelector<HTMLInputElement>('input[name="exercise-amount"]')!.value = String(value);
    }
  }

  /** The exercise's amount stepper: the server sends one with ticked exercises only. */
  private amountField(row: HTMLElement): HTMLElement {
    const existing = row.querySelector<HTMLElement>(".exercise-amount");
    if (existing) return existing;
    const key = row.dataset.exercise!;
    const template = document.getElementById(`tpl-amount-${row.dataset.unit === "minutes" ? "minutes" : "reps"}`);
    const amount = (template as HTMLTemplateElement).content.firstElementChild!.cloneNode(true) as HTMLElement;
    const input = amount.querySelector<HTMLInputElement>("input")!;
    input.id = `exercise-${key}`;
    const name = row.querySelector(`#exercise-name-${key}`)?.textContent ?? key;
    input.setAttribute("aria-label", fill(input.getAttribute("aria-label") ?? "", { name }));
    for (const button of amount.querySelectorAll("button")) button.setAttribute("aria-controls", input.id);
    row.append(amount);
    return amount;
  }
}
