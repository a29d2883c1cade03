/** The day form's named inputs: which are checked, ticking them, and the drafts' time fields. */

import { nowHHMM, shortTime } from "../util";

export function inputs(form: HTMLFormElement, name: string): HTMLInputElement[] {
  return Array.from(form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`));
}

/** The value of the radio button checked, "" for none. */
export function checkedValue(form: HTMLFormElement, name: string): string {
  return inputs(form, name).find((i) => i.checked)?.value ?? "";
}

/** Checked values in page order, keeping keys the page no longer offers (retired items). */
export function collect(form: HTMLFormElement, name: string, current: string[] = []): string[] {
  const all = inputs(form, name);
  const offered = new Set(all.map((i) => i.value));
  return [...all.filter((i) => i.checked).map((i) => i.value), ...current.filter((k) => !offered.has(k))];
}

export function setChecked(form: HTMLFormElement, name: string, values: string[]): void {
  for (const input of inputs(form, name)) input.checked = values.includes(input.value);
}

/** The time she chose, or now if she did not touch the field. */
export function chosenTime(input: HTMLInputElement): string | null {
  return input.dataset.touched ? input.value || null : nowHHMM();
}

/** The field shows an entry's time, as chosen by her; null: now, untouched. */
export function setTime(input: HTMLInputElement, value: string | null): void {
  input.value = value === null ? nowHHMM() : shortTime(value);
  if (value === null) delete input.dataset.touched;
  else input.dataset.touched = "1";
}
