/**
 * What the recovery pages' script needs of the page and the app. This script is an entry of
 * its own (recovery.ts), loaded on those two pages only, and imports no module of app.js's
 * bundle: a module both imported would be split into a shared chunk that Today's app.js then
 * loads too, under a name the production static storage does not rewrite. So the few lines it
 * would take from util.ts are here, and items for her day go to app.js by event
 * (see frontend/src/day-items.ts).
 */

export type Strings = Record<string, string>;

export function readJson<T>(id: string): T | null {
  const element = document.getElementById(id);
  if (!element?.textContent) return null;
  try {
    return JSON.parse(element.textContent) as T;
  } catch {
    return null;
  }
}

/** Replace {name} placeholders in a translated string. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? String(values[name]) : all));
}

export interface DayItemSaved {
  request: string;
  id: string;
  date: string;
  result: "saved" | "offline" | "retry" | "invalid" | "auth";
  message: string;
}

let requests = 0;

/**
 * Add an item to today's log through app.js's outbox (day-items.ts); resolves with what
 * became of it. An item with an id replaces the one logged with it.
 */
export function logDayItem(
  root: HTMLElement,
  field: "pelvic_floor_sessions" | "symptom_checks",
  item: Record<string, unknown>,
): Promise<DayItemSaved> {
  const request = `r${++requests}-${Date.now()}`;
  return new Promise((resolve) => {
    const listener = (event: Event) => {
      const detail = (event as CustomEvent<DayItemSaved>).detail;
      if (detail?.request !== request) return;
      document.removeEventListener("backcare:day-item-saved", listener);
      resolve(detail);
    };
    document.addEventListener("backcare:day-item-saved", listener);
    const detail = { request, timeZone: root.dataset.timeZone ?? "UTC", field, item };
    document.dispatchEvent(new CustomEvent("backcare:day-item", { detail }));
  });
}

/** What to say once an item was handed to the outbox. */
export function savedText(saved: DayItemSaved, strings: Strings, savedWords: string): string {
  if (saved.result === "saved") return savedWords;
  if (saved.result === "offline" || saved.result === "retry") return strings.offline;
  return fill(strings.error, { message: saved.message });
}

/** The ticked boxes of a form, by name, in page order. */
export function ticked(form: HTMLFormElement, name: string): string[] {
  return [...form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map((i) => i.value);
}
