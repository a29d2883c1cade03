/** Drawing the day's lists and warning guidance from the state, with the server's markup. */

import {
  type Catalogue,
  type DayBody,
  type Feeding,
  type Medicine,
  OTHER_MEDICINE,
  type PainRating,
  type PhoneLine,
  type Urgency,
} from "../types";
import { fill, shortTime } from "../util";
import { lastFeed } from "./feeds";
import type { Strings } from "./strings";

const URGENCY_ORDER: Urgency[] = ["emergency", "doctor_today", "gp"];

/**
 * What the script needs of the catalogue beyond the page (tracker/day_page.py's
 * script_catalogue): the guidance texts.
 */
export interface PageCatalogue {
  /** Each sign's own words and helplines come with the page's advice (advice.ts). */
  guidance: Pick<Catalogue["guidance"], "urgency" | "call"> &
    Partial<Pick<Catalogue["guidance"], "signs" | "sign_lines">>;
}

/**
 * Catalogue names in her language, as the page's own chips and checkboxes show them, and each
 * warning sign's urgency, as its checkbox's label says it (class "check-<urgency>").
 */
export class Names {
  private names = new Map<string, string>();
  private urgencies = new Map<string, Urgency>();

  constructor(form: HTMLFormElement) {
    for (const input of form.querySelectorAll<HTMLInputElement>("label > input[value]")) {
      const label = input.closest("label")!;
      const name = label.textContent?.trim();
      if (name && !this.names.has(input.value)) this.names.set(input.value, name);
      const urgency = URGENCY_ORDER.find((level) => label.classList.contains(`check-${level}`));
      if (input.name === "warning-sign" && urgency) this.urgencies.set(input.value, urgency);
    }
  }

  get(key: string): string {
    return this.names.get(key) ?? key;
  }

  urgency(key: string): Urgency | undefined {
    return this.urgencies.get(key);
  }
}

/** The label the server rendered next to a radio button, e.g. the words for "upright". */
function choiceLabel(form: HTMLFormElement, name: string, value: string): string {
  if (!value) return "";
  const input = form.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
  return input?.closest("label")?.textContent?.trim() ?? value;
}

function cloneEntry(templateId: string, id: string): HTMLLIElement {
  const template = document.getElementById(templateId) as HTMLTemplateElement;
  const li = template.content.firstElementChild!.cloneNode(true) as HTMLLIElement;
  li.dataset.id = id;
  return li;
}

function slot(li: HTMLElement, name: string): HTMLElement {
  return li.querySelector<HTMLElement>(`[data-slot="${name}"]`)!;
}

function labelActions(li: HTMLElement, id: string): void {
  // Each Edit/Remove button is described by its entry's title, for screen readers.
  const title = slot(li, "title");
  title.id = `entry-${id}`;
  for (const button of li.querySelectorAll("button")) button.setAttribute("aria-describedby", title.id);
}

function setList(list: HTMLElement, items: HTMLLIElement[]): void {
  list.replaceChildren(...items);
  const empty = document.querySelector<HTMLElement>(`[data-empty-for="${list.id}"]`);
  if (empty) empty.hidden = items.length > 0;
}

export function renderPainList(list: HTMLElement, ratings: PainRating[], names: Names, strings: Strings): void {
  setList(
    list,
    ratings.map((rating) => {
      const li = cloneEntry("tpl-pain-entry", rating.id);
      const badge = slot(li, "badge");
      badge.textContent = String(rating.score);
      badge.className = `entry-badge pain-${rating.score}`;
      slot(li, "title").textContent = fill(strings.painTitle, { score: rating.score });
      slot(li, "time").textContent = shortTime(rating.time);
      slot(li, "detail").textContent = [...rating.body_areas, ...(rating.leg_symptoms ?? [])]
        .map((k) => names.get(k))
        .join(strings.listSeparator);
      labelActions(li, rating.id);
      return li;
    }),
  );
}

export function feedingDetail(form: HTMLFormElement, feeding: Feeding, names: Names, strings: Strings): string {
  return [
    feeding.minutes !== null ? fill(strings.minutes, { n: feeding.minutes }) : "",
    choiceLabel(form, "feed-side", feeding.side),
    choiceLabel(form, "feed-posture", feeding.posture),
    ...feeding.supports.map((k) => names.get(k)),
  ]
    .filter(Boolean)
    .join(strings.listSeparator);
}

export function renderFeedList(
  list: HTMLElement,
  form: HTMLFormElement,
  feedings: Feeding[],
  names: Names,
  strings: Strings,
): void {
  setList(
    list,
    feedings.map((feeding) => {
      const li = cloneEntry("tpl-feed-entry", feeding.id);
      slot(li, "title").textContent = names.get(feeding.position);
      slot(li, "time").textContent = shortTime(feeding.time);
      slot(li, "detail").textContent = feedingDetail(form, feeding, names, strings);
      labelActions(li, feeding.id);
      return li;
    }),
  );
}

function setSoFar(root: HTMLElement, name: string, text: string): void {
  const slot = root.querySelector<HTMLElement>(`[data-so-far="${name}"]`);
  if (slot && slot.textContent !== text) slot.textContent = text;
}

/** The "Today so far" strip, as tracker/day_page.py's so_far() draws it on the server. */
export function renderSoFar(root: HTMLElement, day: DayBody): void {
  let rating: PainRating | null = null;
  for (const r of day.pain_ratings) if (!rating || (r.time ?? "") >= (rating.time ?? "")) rating = r;
  setSoFar(root, "pain", rating ? String(rating.score) : "–");
  const last = lastFeed(day.feedings);
  const time = shortTime(last?.time ?? null);
  const count = String(day.feedings.length);
  setSoFar(root, "feeds", time ? `${count} · ${time}` : count);
  setSoFar(root, "exercises", String(day.exercises.length));
  const face = root.querySelector(`input[name="mood"][value="${day.mood}"] ~ * .mood-label`);
  setSoFar(root, "mood", face?.textContent?.trim() || "–");
}

function medicineTitle(medicine: Medicine, names: Names): string {
  return medicine.medicine === OTHER_MEDICINE && medicine.name ? medicine.name : names.get(medicine.medicine);
}

function medicineDetail(medicine: Medicine, strings: Strings): string {
  return medicine.dose_mg === null ? "" : fill(strings.doseMg, { n: medicine.dose_mg });
}

export function renderMedicineList(list: HTMLElement, medicines: Medicine[], names: Names, strings: Strings): void {
  setList(
    list,
    medicines.map((medicine) => {
      const li = cloneEntry("tpl-medicine-entry", medicine.id);
      slot(li, "title").textContent = medicineTitle(medicine, names);
      slot(li, "time").textContent = shortTime(medicine.time);
      slot(li, "detail").textContent = medicineDetail(medicine, strings);
      labelActions(li, medicine.id);
      return li;
    }),
  );
}

export function callLinks(lines: PhoneLine[], className: string): HTMLAnchorElement[] {
  return lines.map((line) => {
    const link = document.createElement("a");
    link.className = className;
    link.href = `tel:${line.dial}`;
    link.textContent = line.label;
    return link;
  });
}

function guidanceBlock(urgency: Urgency, catalogue: PageCatalogue): HTMLElement {
  const block = document.createElement("div");
  block.className = `guidance-block urgency-${urgency}`;
  block.dataset.urgency = urgency;
  const title = document.createElement("h3");
  title.className = "guidance-title";
  const body = document.createElement("p");
  body.className = "guidance-body";
  block.append(title, body);
  const { call } = catalogue.guidance;
  // Every block that says "call emergency services" has the numbers to call.
  if (call.for.includes(urgency)) {
    const links = document.createElement("p");
    links.className = "guidance-call";
    links.append(...callLinks(call.lines, "call-link"));
    block.append(links);
  }
  if (urgency === "emergency") {
    // Announced at once by screen readers, with a plain word that the app itself calls nobody.
    block.setAttribute("role", "alert");
    const note = document.createElement("p");
    note.className = "guidance-note";
    note.textContent = call.note;
    block.append(note);
  }
  const signs = document.createElement("ul");
  signs.className = "guidance-signs";
  block.append(signs);
  return block;
}

/**
 * Show what to do for the ticked warning signs, most urgent first. Blocks that stay are updated
 * in place (so an alert is not announced again); returns the block that newly appeared, if any.
 */
export function renderGuidance(
  container: HTMLElement,
  day: DayBody,
  catalogue: PageCatalogue,
  names: Names,
): HTMLElement | null {
  let appeared: HTMLElement | null = null;
  let previous: HTMLElement | null = null;
  for (const urgency of URGENCY_ORDER) {
    const signs = day.warning_signs.filter((key) => names.urgency(key) === urgency).map((key) => ({ key }));
    let block = container.querySelector<HTMLElement>(`[data-urgency="${urgency}"]`);
    if (!signs.length) {
      block?.remove();
      continue;
    }
    const text = catalogue.guidance.urgency[urgency];
    if (!block) {
      block = guidanceBlock(urgency, catalogue);
      appeared ??= block;
    }
    block.querySelector(".guidance-title")!.textContent = text?.title ?? "";
    block.querySelector(".guidance-body")!.textContent = text?.body ?? "";
    block.querySelector(".guidance-signs")!.replaceChildren(
      ...signs.map((sign) => {
        const li = document.createElement("li");
        const name = document.createElement("strong");
        name.textContent = names.get(sign!.key);
        li.append(name);
        const extra = catalogue.guidance.signs?.[sign!.key];
        if (extra) {
          const span = document.createElement("span");
          span.className = "guidance-extra";
          span.textContent = extra;
          li.append(span);
        }
        const lines = catalogue.guidance.sign_lines?.[sign!.key] ?? [];
        if (lines.length) {
          const span = document.createElement("span");
          span.className = "guidance-lines";
          span.append(...callLinks(lines, "call-link call-link-quiet"));
          li.append(span);
        }
        return li;
      }),
    );
    if (previous) previous.after(block);
    else container.prepend(block);
    previous = block;
  }
  return appeared;
}
