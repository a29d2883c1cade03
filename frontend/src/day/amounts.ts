/** Amounts as she types or steps them, checked as the server checks them. Pure (node-tested). */

const MAX_SLEEP_HOURS = 14;
const MAX_DOSE_MG = 4000;

/** Hours slept: 0 to 14 in halves, else none. */
export function sleepHours(value: string): number | null {
  if (value.trim() === "") return null;
  const hours = Number(value);
  if (!Number.isFinite(hours)) return null;
  return Math.min(MAX_SLEEP_HOURS, Math.max(0, Math.round(hours * 2) / 2));
}

/** A single dose: a whole number of milligrams, 1 to 4000, else none. */
export function doseMg(value: string): number | null {
  const dose = Number(value);
  return value.trim() !== "" && Number.isInteger(dose) && dose >= 1 && dose <= MAX_DOSE_MG ? dose : null;
}
