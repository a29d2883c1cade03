/**
 * The recovery page: the weekly symptom check and the tummy-gap check go into today's log
 * (through the day's outbox); the function score's ratings and activities and the running
 * checklist are her own documents, written with their versions (documents.ts). Each form says
 * at once what became of it; the page is drawn by the server, which works out her level and
 * the suggestions, so a change that alters them reloads it when online.
 */

import { type Entry, saveDocument, sendKept, type Versioned } from "./documents";
import { logDayItem, readJson, type Strings, savedText, ticked } from "./page-tools";

interface WeekData {
  week: string;
  version: string | null;
  scores: Entry[];
}

interface RunningData {
  version: string | null;
  tests: Entry[];
}

const API = "/api/v1/";

export function initRecoveryPage(root: HTMLElement): void {
  const strings = readJson<Strings>("recovery-strings");
  const user = root.dataset.user;
  if (!strings || !user) return;
  const page = new RecoveryPage(root, user, strings);
  page.start();
}

function uuid(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function localToday(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

class RecoveryPage {
  constructor(
    private root: HTMLElement,
    private user: string,
    private strings: Strings,
  ) {}

  start(): void {
    void sendKept(this.user);
    window.addEventListener("online", () => void sendKept(this.user));
    this.root.addEventListener("submit", (event) => {
      const form = event.target as HTMLFormElement;
      event.preventDefault();
      if (form.matches("[data-check-form]")) void this.saveCheck(form);
      else if (form.matches("[data-function-form]")) void this.saveWeek(form);
      else if (form.matches("[data-activity-form]")) void this.addActivity(form);
      else if (form.matches("[data-running-form]")) void this.saveRunning(form);
    });
    this.root.addEventListener("click", (event) => {
      const button = (event.target as HTMLElement).closest<HTMLElement>('[data-action="retire"]');
      if (button) void this.retire(button.closest<HTMLElement>("[data-activity]")!);
    });
    // A suggestion picked fills in its words, which she may change.
    this.root.addEventListener("change", (event) => {
      const input = event.target as HTMLInputElement;
      if (input.name !== "suggestion") return;
      const name = this.root.querySelector<HTMLInputElement>("#activity-name");
      if (name) name.value = input.dataset.words ?? "";
    });
  }

  private status(form: HTMLFormElement, text: string): void {
    const status = form.querySelector<HTMLElement>("[data-status]");
    if (status) status.textContent = text;
  }

  /** A change that moves her level or the suggestions: the server draws them again. */
  private reloadSoon(): void {
    if (navigator.onLine) window.setTimeout(() => window.location.reload(), 1200);
  }

  private async saveCheck(form: HTMLFormElement): Promise<void> {
    const tummyGap = form.dataset.context === "tummy_gap";
    const fingers = ticked(form, "fingers")[0];
    if (tummyGap && fingers === undefined) return;
    const symptoms = tummyGap ? [] : ticked(form, "symptom");
    this.status(form, this.strings.saving);
    const saved = await logDayItem(this.root, "symptom_checks", {
      context: form.dataset.context,
      symptoms,
      tummy_gap_fingers: tummyGap ? Number(fingers) : null,
    });
    this.status(form, savedText(saved, this.strings, this.strings.savedCheck));
    const advice = form.parentElement?.querySelector<HTMLElement>("[data-advice]");
    if (advice) advice.hidden = symptoms.length === 0;
    if (saved.result === "saved") this.reloadSoon();
  }

  private async saveWeek(form: HTMLFormElement): Promise<void> {
    const data = readJson<WeekData>("function-week-data");
    if (!data) return;
    const scores = [...form.querySelectorAll<HTMLElement>("[data-activity]")].flatMap((fieldset) => {
      const chosen = fieldset.querySelector<HTMLInputElement>("input[type=radio]:checked");
      return chosen ? [{ activity: fieldset.dataset.activity!, score: Number(chosen.value) }] : [];
    });
    const based: Versioned | null = data.version ? { version: data.version, body: { scores: data.scores } } : null;
    const saved = await this.save(form, `${API}function-weeks/${data.week}/`, { scores }, based);
    if (saved) keepData("function-week-data", { week: data.week, version: saved.version, scores: saved.scores });
  }

  private async addActivity(form: HTMLFormElement): Promise<void> {
    const name = (form.querySelector<HTMLInputElement>("#activity-name")?.value ?? "").trim();
    if (!name) return;
    const picked = form.querySelector<HTMLInputElement>('input[name="suggestion"]:checked');
    const suggestion = picked && picked.dataset.words === name ? picked.value : "";
    const body = { name, suggestion, retired: false };
    await this.save(form, `${API}function-activities/${uuid()}/`, body, null, true);
  }

  private async retire(fieldset: HTMLElement): Promise<void> {
    const form = fieldset.closest<HTMLFormElement>("form")!;
    const body = { name: fieldset.dataset.name!, suggestion: fieldset.dataset.suggestion ?? "", retired: true };
    const based = { version: fieldset.dataset.version!, body: { ...body, retired: false } };
    await this.save(form, `${API}function-activities/${fieldset.dataset.activity}/`, body, based, true);
  }

  private async saveRunning(form: HTMLFormElement): Promise<void> {
    const data = readJson<RunningData>("running-data");
    if (!data) return;
    const before = new Map(data.tests.map((entry) => [String(entry.test), entry]));
    const today = localToday();
    const tests = [...form.querySelectorAll<HTMLElement>("[data-test]")].flatMap((fieldset) => {
      const chosen = fieldset.querySelector<HTMLInputElement>("input[type=radio]:checked");
      if (!chosen) return [];
      const test = fieldset.dataset.test!;
      const was = before.get(test);
      // A result she did not change keeps the day she got it.
      const date = was && was.result === chosen.value ? String(was.date) : today;
      return [{ test, result: chosen.value, date }];
    });
    const based: Versioned | null = data.version ? { version: data.version, body: { tests: data.tests } } : null;
    const saved = await this.save(form, `${API}running-readiness/`, { tests }, based, true);
    if (saved) keepData("running-data", { version: saved.version, tests: saved.tests });
  }

  /** Save a document; resolves with it as the server now holds it, or null. */
  private async save(
    form: HTMLFormElement,
    url: string,
    body: Entry,
    based: Versioned | null,
    redraw = false,
  ): Promise<Entry | null> {
    this.status(form, this.strings.saving);
    const result = await saveDocument(this.user, url, body, based);
    if (result.kind === "saved") {
      this.status(form, this.strings.saved);
      if (redraw) this.reloadSoon();
      return result.document;
    }
    if (result.kind === "offline") this.status(form, this.strings.offline);
    else this.status(form, this.strings.error.replace("{message}", result.message));
    return null;
  }
}

/** The page's copy of a document, now at the version the server holds: the next save's base. */
function keepData(id: string, data: unknown): void {
  const element = document.getElementById(id);
  if (element) element.textContent = JSON.stringify(data);
}
