/** Last night's sleep and how much pain got in the way of her day: plain values of the day. */

import { sleepHours } from "./amounts";

/** Draw the sleep and interference fields from the day. */
export function renderSleep(
  form: HTMLFormElement,
  day: { sleep_hours: number | null; sleep_quality: string; pain_interference: number | null },
): void {
  const hours = form.querySelector<HTMLInputElement>("#sleep-hours");
  const text = day.sleep_hours === null ? "" : String(day.sleep_hours);
  if (hours && sleepHours(hours.value) !== day.sleep_hours) hours.value = text;
  for (const chip of form.querySelectorAll<HTMLElement>("[data-sleep]")) {
    chip.setAttribute("aria-pressed", String(chip.dataset.sleep === text));
  }
  for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="sleep-quality"]')) {
    radio.checked = radio.value === day.sleep_quality;
  }
  for (const radio of form.querySelectorAll<HTMLInputElement>('input[name="interference"]')) {
    radio.checked = radio.value === String(day.pain_interference);
  }
}
