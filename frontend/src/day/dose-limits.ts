/**
 * Painkiller limits over a rolling 24 hours, checked exactly as habits/dose_limits.py checks
 * them (its docstring says what the 24 hours are): the same rules, served to the page as
 * JSON, so an alert shows the moment a dose is logged, offline too. Pure; the shared edge
 * cases (frontend/tests/dose-limit-cases.json) run on both.
 */

export interface DoseRule {
  medicine: string;
  rule: string;
  kind: "single" | "total" | "gap";
  over_mg?: number;
  under_minutes?: number;
  unless?: string;
}

export interface LoggedDose {
  date: string;
  time: string | null;
  medicine: string;
  dose_mg: number | null;
}

export interface DoseAlert {
  medicine: string;
  rule: string;
  time: string | null;
  amount_mg: number | null;
  gap_minutes: number | null;
}

const HOUR = 36e5;
const formats = new Map<string, Intl.DateTimeFormat | null>();

/** Her zone's UTC offset at the instant `ms`, in ms (0 if the browser does not know it). */
function offset(zone: string, ms: number): number {
  if (!formats.has(zone)) {
    let format: Intl.DateTimeFormat | null = null;
    try {
      format = new Intl.DateTimeFormat("en-US", {
        timeZone: zone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
      });
    } catch {
      // An unknown zone: the wall clock, as if in UTC.
    }
    formats.set(zone, format);
  }
  const format = formats.get(zone);
  if (!format) return 0;
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(ms)) p[part.type] = Number(part.value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(ms / 6e4) * 6e4;
}

/**
 * The real instant of a local date and time in `zone`. A time that exists twice (clocks back)
 * is the first; one that does not exist (clocks forward) reads with the offset before: as
 * Python's fold=0.
 */
export function instant(date: string, time: string, zone: string): number {
  const [y, m, d] = date.split("-").map(Number);
  const [h, min] = time.split(":").map(Number);
  const local = Date.UTC(y, m - 1, d, h, min);
  const before = offset(zone, local - 12 * HOUR);
  const after = offset(zone, local + 12 * HOUR);
  if (offset(zone, local - before) === before) return local - before;
  if (offset(zone, local - after) === after) return local - after;
  return local - before;
}

export function dayBefore(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

/** The limits passed by the doses of `day`; `doses` must hold the day before's too. */
export function alertsOn(day: string, doses: LoggedDose[], rules: DoseRule[], zone: string): DoseAlert[] {
  const prev = dayBefore(day);
  const relevant = doses
    .filter((d) => d.date === day || d.date === prev)
    .map((d) => ({ ...d, time: d.time ? d.time.slice(0, 5) : null }));
  const found = new Map<string, DoseAlert>();
  for (const rule of rules) {
    const alert = check(
      rule,
      day,
      relevant.filter((d) => d.medicine === rule.medicine),
      zone,
    );
    if (alert && !(rule.unless && found.has(`${rule.medicine}.${rule.unless}`))) {
      found.set(`${rule.medicine}.${rule.rule}`, alert);
    }
  }
  return [...found.values()];
}

function check(rule: DoseRule, day: string, doses: LoggedDose[], zone: string): DoseAlert | null {
  const at = (d: LoggedDose) => instant(d.date, d.time!, zone);
  const timed = doses.filter((d) => d.time).sort((a, b) => at(a) - at(b));
  // The day's doses by time, untimed ones last: the first that breaks the rule is named.
  const key = (d: LoggedDose) => d.time ?? "99";
  const todays = doses
    .filter((d) => d.date === day)
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  let first: LoggedDose | null = null;
  let worst: number | null = null;
  for (const dose of todays) {
    const value = figure(rule, dose, doses, timed, at);
    if (value === null) continue;
    first ??= dose;
    worst = worst === null ? value : rule.kind === "gap" ? Math.min(worst, value) : Math.max(worst, value);
  }
  if (!first) return null;
  const gap = rule.kind === "gap";
  return {
    medicine: rule.medicine,
    rule: rule.rule,
    time: first.time,
    amount_mg: gap ? null : worst,
    gap_minutes: gap ? worst : null,
  };
}

/** What the dose shows against the rule when it breaks it (amount, 24-hour total, minutes). */
function figure(
  rule: DoseRule,
  dose: LoggedDose,
  doses: LoggedDose[],
  timed: LoggedDose[],
  at: (d: LoggedDose) => number,
): number | null {
  if (rule.kind === "single") return (dose.dose_mg ?? 0) > rule.over_mg! ? dose.dose_mg : null;
  const sameDate = doses.filter((d) => d.date === dose.date);
  if (rule.kind === "total") {
    const t = dose.time ? at(dose) : 0;
    const counted = dose.time
      ? [...timed.filter((d) => t - 24 * HOUR < at(d) && at(d) <= t), ...sameDate.filter((d) => !d.time)]
      : sameDate;
    const total = counted.reduce((sum, d) => sum + (d.dose_mg ?? 0), 0);
    return total > rule.over_mg! ? total : null;
  }
  if (!dose.time) return null;
  const t = at(dose);
  const before = timed.filter((d) => d !== dose && at(d) <= t);
  if (!before.length) return null;
  const minutes = Math.floor((t - at(before[before.length - 1])) / 6e4);
  return minutes < rule.under_minutes! ? minutes : null;
}
