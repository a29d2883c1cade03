/**
 * The day page: the server renders the whole form with the stored day; this module enables it,
 * keeps the day in memory as the API's JSON, and saves it by itself after every change.
 */

import * as outbox from "../outbox";
import {
  basedOnDay,
  flushNow,
  hasUnsent,
  keepUnsentSafe,
  queue,
  refresh,
  replayOutbox,
  type SaveResult,
  sync,
  watch,
} from "../sync";
import { type DayBody, type DayJson, emptyDay, toBody } from "../types";
import { fill, nowHHMM, readJson, todayIn } from "../util";
import { type Advice, loadAdvice } from "./advice";
import { sleepHours } from "./amounts";
import type { CardHost, EntryCard, EntryField } from "./draft-card";
import { DoseAlerts } from "./dose-alerts";
import { dayBefore } from "./dose-limits";
import { DraftHold } from "./drafts";
import { ExerciseCard } from "./exercises";
import { FeedCard } from "./feed-card";
import { FeedTimer } from "./feeds";
import { collect, inputs, setChecked } from "./inputs";
import { MedicineCard } from "./medicines";
import { PainCard } from "./pain-card";
import { renderPointers } from "./pointers";
import { Names, type PageCatalogue, renderGuidance, renderSoFar } from "./render";
import { renderSleep } from "./sleep";
import { loadStrings, type Strings } from "./strings";
import { putBack, UndoBar } from "./undo";

const DEBOUNCE_MS = 600;
const RETRY_MS = 15_000;
// How long "Merged with changes from another device" stays, unless she edits first.
const NOTICE_MS = 12_000;

type StatusState = "idle" | "saving" | "saved" | "offline" | "retrying" | "error";

export function newest(days: (DayJson | null | undefined)[]): DayJson | null {
  let best: DayJson | null = null;
  for (const day of days) {
    if (day && (!best || Date.parse(day.updated_at) > Date.parse(best.updated_at))) best = day;
  }
  return best;
}

/**
 * A "today" page kept by the service worker for offline use can be opened on a later day:
 * move it to the real today, so nothing is logged on the wrong date.
 */
function moveToToday(root: HTMLElement, date: string): string {
  const today = todayIn(root.dataset.timeZone || "UTC");
  if (today <= date) return date;
  root.dataset.date = today;
  const label = root.querySelector<HTMLTimeElement>("[data-day-label]");
  if (label) {
    label.dateTime = today;
    try {
      label.textContent = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
        dateStyle: "long",
      }).format(new Date(`${today}T12:00:00`));
    } catch {
      label.textContent = today;
    }
  }
  root.querySelector<HTMLElement>("[data-postpartum]")?.remove();
  const dayUrl = root.dataset.dayUrl ?? "/day/DATE/";
  for (const link of root.querySelectorAll<HTMLAnchorElement>("[data-prev-link]")) {
    link.href = dayUrl.replace("DATE", dayBefore(today));
  }
  for (const link of root.querySelectorAll<HTMLElement>("[data-next-link]")) link.hidden = true;
  return today;
}

export async function initDayPage(root: HTMLElement): Promise<void> {
  const user = document.body.dataset.user;
  const catalogue = readJson<PageCatalogue>("catalogue-data");
  if (!user || !catalogue) return;
  const pageDate = root.dataset.date!;
  const date = root.dataset.today === "true" ? moveToToday(root, pageDate) : pageDate;
  const serverDay = date === pageDate ? readJson<DayJson>("day-data") : null;
  const pending = await outbox.getUnsent(user, date);
  let state: DayBody;
  let based: outbox.Based | null | undefined;
  if (pending) {
    state = pending.body;
    based = pending.based;
  } else {
    const saved = newest([serverDay, await outbox.getConfirmed(user, date)]);
    state = saved ? toBody(saved) : emptyDay();
    // A copy kept before days had versions is based on an unknown version.
    based = saved && !saved.version ? undefined : basedOnDay(saved);
  }
  new DayPage(root, user, date, state, catalogue).start(based);
}

class DayPage {
  private form: HTMLFormElement;
  private strings: Strings;
  private names: Names;
  private status: HTMLElement;
  private notice: HTMLElement | null;
  private noticeTimer: number | undefined;
  private pain: PainCard;
  private feed: FeedCard;
  private medicines: MedicineCard;
  private exercises: ExerciseCard;
  private doseAlerts: DoseAlerts;
  private advice: Advice | null = null;
  private cards: EntryCard[];
  private hold: DraftHold;
  private guidance: HTMLElement;
  private timer: number | undefined;
  private undoBar: UndoBar | null;
  private retryTimer: number | undefined;

  constructor(
    private root: HTMLElement,
    private user: string,
    private date: string,
    private state: DayBody,
    private catalogue: PageCatalogue,
  ) {
    this.form = root.querySelector<HTMLFormElement>("#day-form")!;
    this.strings = loadStrings();
    this.names = new Names(this.form);
    this.status = root.querySelector<HTMLElement>("#save-status")!;
    this.notice = root.querySelector<HTMLElement>("#sync-notice");
    this.guidance = root.querySelector<HTMLElement>("#guidance")!;
    this.hold = new DraftHold(() => this.detachDrafts());
    const host: CardHost = {
      state: () => this.state,
      commit: () => this.commit(),
      renderLists: () => this.renderLists(),
      held: () => this.hold.held(),
      pointers: () => this.renderPointers(),
    };
    this.pain = new PainCard(this.form, host, this.names, this.strings);
    this.feed = new FeedCard(this.form, host, this.names, this.strings, new FeedTimer(user, date));
    this.medicines = new MedicineCard(this.form, host, this.names, this.strings);
    this.cards = [this.pain, this.feed, this.medicines];
    this.exercises = new ExerciseCard(root, host);
    this.doseAlerts = new DoseAlerts(root.querySelector<HTMLElement>("#dose-alerts")!, date, root.dataset.timeZone || "UTC");
    const bar = document.getElementById("undo-bar");
    this.undoBar = bar ? new UndoBar(bar) : null;
  }

  start(based: outbox.Based | null | undefined): void {
    watch(this.user, this.date, based, (body) => this.replaceState(body, this.strings.merged));
    this.renderAll();
    this.pain.reset();
    this.feed.reset();
    this.feed.renderTimer();
    this.root.querySelector<HTMLFieldSetElement>("#day-editor")!.disabled = false;
    this.root.classList.add("is-live");

    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("change", (event) => this.onChange(event.target as HTMLInputElement));
    this.form.addEventListener("input", (event) => this.onInput(event.target as HTMLInputElement));
    this.form.addEventListener("click", (event) => this.onClick(event));

    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") return this.flush();
      this.detachDrafts();
      this.refreshTimes();
      this.feed.renderTimer();
      void this.refreshFromServer();
    });
    window.addEventListener("pagehide", () => this.flush());
    window.addEventListener("online", () => {
      this.replay();
      void this.refreshFromServer();
    });
    window.addEventListener("offline", () => {
      if (hasUnsent(this.user, this.date)) this.setStatus("offline", this.strings.offline);
    });
    this.replay();
    void this.loadAdvice();
  }

  /** The page's advice (dose checks, cautions, each sign's words), then the day drawn with it. */
  private async loadAdvice(): Promise<void> {
    const card = this.root.querySelector<HTMLElement>("#medicines")!;
    await this.doseAlerts.loadBefore(this.user, card);
    this.advice = await loadAdvice(this.root.dataset.adviceUrl ?? "");
    if (!this.advice) return;
    this.doseAlerts.advice = this.advice;
    this.medicines.cautions = this.advice.cautions;
    Object.assign(this.catalogue.guidance, { signs: this.advice.signs, sign_lines: this.advice.sign_lines });
    this.renderAll();
  }

  // ---- saving ----

  private commit(): void {
    this.hideNotice();
    renderSoFar(this.root, this.state);
    this.renderPointers();
    void queue(this.user, this.date, toBody(this.state));
    if (navigator.onLine) this.setStatus("saving", this.strings.saving);
    else this.setStatus("offline", this.strings.offline);
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.save(), DEBOUNCE_MS);
  }

  private async save(): Promise<void> {
    this.timer = undefined;
    this.show(await sync(this.user, this.date));
  }

  private replay(): void {
    void replayOutbox(this.user, (date, result) => {
      if (date === this.date) this.show(result);
    });
  }

  /**
   * The page is hidden or going away: keep what is unsent where a closing page cannot lose it
   * (the outbox write of the last keystroke may still be under way), and send it now, in a
   * request that outlives the page.
   */
  private flush(): void {
    if (!hasUnsent(this.user, this.date)) return;
    keepUnsentSafe(this.user);
    window.clearTimeout(this.timer);
    this.timer = undefined;
    void flushNow(this.user, this.date).then((result) => result && this.show(result));
  }

  private show(result: SaveResult): void {
    if (this.timer !== undefined) return; // more changes are waiting: still "Saving…"
    switch (result.kind) {
      case "saved":
        if (!hasUnsent(this.user, this.date)) this.setStatus("saved", this.strings.saved);
        break;
      case "offline":
        this.setStatus("offline", this.strings.offline);
        this.retryLater();
        break;
      case "retry":
        this.setStatus("retrying", this.strings.retrying);
        this.retryLater();
        break;
      case "invalid":
        this.setStatus("error", fill(this.strings.error, { message: result.message }));
        break;
      case "auth":
        this.setStatus("error", this.strings.loggedOut);
        break;
    }
  }

  private retryLater(): void {
    if (this.retryTimer !== undefined) return;
    this.retryTimer = window.setTimeout(() => {
      this.retryTimer = undefined;
      if (navigator.onLine && hasUnsent(this.user, this.date)) void this.save();
    }, RETRY_MS);
  }

  /** Another device changed this day and nothing of hers is waiting: show its day. */
  private async refreshFromServer(): Promise<void> {
    const day = await refresh(this.user, this.date);
    if (day === undefined) return;
    this.replaceState(day ? toBody(day) : emptyDay(), this.strings.refreshed);
  }

  /** The day now holds another device's changes too (merged with hers, or refreshed). */
  private replaceState(body: DayBody, notice: string): void {
    this.state = toBody(body);
    // An entry another device removed is no longer hers to change.
    for (const card of this.cards) {
      const entries: { id: string }[] = this.state[card.field];
      if (card.editing && !entries.some((entry) => entry.id === card.editing)) card.release();
    }
    this.renderAll();
    if (!this.notice) return;
    this.notice.textContent = notice;
    this.notice.hidden = false;
    window.clearTimeout(this.noticeTimer);
    this.noticeTimer = window.setTimeout(() => this.hideNotice(), NOTICE_MS);
  }

  private hideNotice(): void {
    if (this.notice) this.notice.hidden = true;
  }

  private setStatus(state: StatusState, text: string): void {
    this.status.dataset.state = state;
    this.status.textContent = text;
  }

  // ---- drawing the state ----

  private renderAll(): void {
    const s = this.state;
    setChecked(this.form, "mood", s.mood === null ? [] : [String(s.mood)]);
    setChecked(this.form, "mood-tag", s.mood_tags);
    setChecked(this.form, "habit", s.habits);
    setChecked(this.form, "warning-sign", s.warning_signs);
    if (s.warning_signs.length) this.root.querySelector("details.warning-details")?.setAttribute("open", "");
    this.exercises.render();
    const note = this.form.querySelector<HTMLTextAreaElement>("#note")!;
    note.value = s.note;
    this.renderNoteCount(note);
    this.renderLists();
    renderGuidance(this.guidance, s, this.catalogue, this.names);
    renderSleep(this.form, s);
  }

  private renderLists(): void {
    renderSoFar(this.root, this.state);
    for (const card of this.cards) card.renderList();
    this.doseAlerts.render(this.state.medicines);
    this.renderPointers();
  }

  /** The leg line, and the pointers that hang on today's sleep, interference and mood. */
  private renderPointers(): void {
    renderPointers(this.root, this.state, inputs(this.form, "pain-leg").some((i) => i.checked), this.advice);
  }

  private renderNoteCount(note: HTMLTextAreaElement): void {
    const counter = this.root.querySelector<HTMLElement>("[data-note-count]");
    if (counter) counter.textContent = fill(this.strings.noteCount, { count: note.value.length, max: note.maxLength });
  }

  // ---- events ----

  private onChange(input: HTMLInputElement): void {
    const s = this.state;
    if (this.cards.some((card) => card.onChange(input)) || this.exercises.onChange(input)) return;
    switch (input.name) {
      case "sleep-hours":
        s.sleep_hours = sleepHours(input.value);
        renderSleep(this.form, s);
        return this.commit();
      case "sleep-quality":
        s.sleep_quality = input.value as DayBody["sleep_quality"];
        return this.commit();
      case "interference":
        s.pain_interference = Number(input.value);
        return this.commit();
      case "mood":
        s.mood = Number(input.value);
        return this.commit();
      case "mood-tag":
        s.mood_tags = collect(this.form, "mood-tag", s.mood_tags);
        return this.commit();
      case "habit":
        s.habits = collect(this.form, "habit", s.habits);
        return this.commit();
      case "warning-sign":
        return this.onWarningSign();
    }
  }

  private onInput(input: HTMLInputElement): void {
    // Typed amounts count at once, not only when the field loses focus.
    if (input.name === "exercise-amount") {
      this.exercises.onChange(input);
      return;
    }
    if (input.name === "medicine-name") {
      this.medicines.onChange(input);
      return;
    }
    if (input.id !== "note") return;
    this.state.note = input.value;
    this.renderNoteCount(input as unknown as HTMLTextAreaElement);
    this.commit();
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as HTMLElement;
    if (target instanceof HTMLInputElement && this.clearIfChosen(target)) return;
    const sleep = target.closest<HTMLElement>("[data-sleep]");
    if (sleep) {
      const hours = Number(sleep.dataset.sleep);
      this.state.sleep_hours = this.state.sleep_hours === hours ? null : hours;
      renderSleep(this.form, this.state);
      return this.commit();
    }
    const dose = target.closest<HTMLElement>("[data-dose]");
    if (dose) return this.medicines.chooseDose(dose);
    const stepper = target.closest<HTMLButtonElement>("[data-step-by]");
    if (stepper) return this.step(stepper);
    const button = target.closest<HTMLElement>("[data-action]");
    if (!button) return;
    if (button instanceof HTMLAnchorElement) event.preventDefault();
    const entry = button.closest<HTMLElement>("li.entry");
    const id = entry?.dataset.id ?? "";
    switch (button.dataset.action) {
      case "pain-done":
        return this.pain.done();
      case "feed-done":
        return this.feed.done();
      case "feed-open":
        return this.feed.open();
      case "feed-again":
        return this.feed.again();
      case "feed-timer":
        return this.feed.toggleTimer();
      case "warning-open":
        return this.openWarningSigns();
      case "medicine-open":
        return this.medicines.open();
      case "medicine-done":
        return this.medicines.done();
      case "edit":
        return this.cardOf(entry)?.edit(id);
      case "remove": {
        const card = this.cardOf(entry);
        if (card) this.remove(card, id);
        return;
      }
    }
  }

  /** Tapping the chosen mood, sleep quality or interference score again clears it. */
  private clearIfChosen(radio: HTMLInputElement): boolean {
    const s = this.state;
    const chosen =
      (radio.name === "mood" && Number(radio.value) === s.mood) ||
      (radio.name === "sleep-quality" && radio.value === s.sleep_quality) ||
      (radio.name === "interference" && Number(radio.value) === s.pain_interference);
    if (!chosen) return false;
    radio.checked = false;
    if (radio.name === "mood") s.mood = null;
    else if (radio.name === "sleep-quality") s.sleep_quality = "";
    else s.pain_interference = null;
    this.commit();
    return true;
  }

  private cardOf(entry: HTMLElement | null): EntryCard | undefined {
    return this.cards.find((card) => entry?.parentElement === card.list);
  }

  private step(button: HTMLButtonElement): void {
    const input = button.parentElement!.querySelector<HTMLInputElement>("input")!;
    const current = Number.parseFloat(input.value) || 0;
    const max = Number(input.max) || Infinity;
    input.value = String(Math.min(max, Math.max(0, current + Number(button.dataset.stepBy))));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  private openWarningSigns(): void {
    const details = this.root.querySelector<HTMLDetailsElement>("details.warning-details");
    if (details) details.open = true;
    this.root.querySelector("#warning-signs")?.scrollIntoView({ behavior: "smooth", block: "start" });
    details?.querySelector("summary")?.focus({ preventScroll: true });
  }

  private onWarningSign(): void {
    this.state.warning_signs = collect(this.form, "warning-sign", this.state.warning_signs);
    const appeared = renderGuidance(this.guidance, this.state, this.catalogue, this.names);
    // Show what to do at once, even if she ticked a sign far down the list.
    appeared?.scrollIntoView({ behavior: "smooth", block: "start" });
    this.commit();
  }

  // ---- the cards' drafts ----

  /** The page went out of sight, or five minutes passed: what she taps next starts a new entry. */
  private detachDrafts(): void {
    for (const card of this.cards) card.release();
  }

  private refreshTimes(): void {
    for (const input of this.form.querySelectorAll<HTMLInputElement>("input[data-now]")) {
      if (!input.dataset.touched) input.value = nowHHMM();
    }
  }

  /** The entry goes at once; Undo puts it back where it was, with its id. */
  private remove(card: EntryCard, id: string): void {
    const field = card.field;
    const list: { id: string }[] = this.state[field];
    const index = list.findIndex((item) => item.id === id);
    if (index < 0) return;
    const item = list[index];
    this.setEntries(field, list.filter((entry) => entry.id !== id));
    card.release(id);
    this.renderLists();
    this.commit();
    this.undoBar?.show(() => {
      // Back where it was, with its id: the sync sends it as an addition again.
      this.setEntries(field, putBack(this.state[field], item, index));
      this.renderLists();
      this.commit();
    });
  }

  private setEntries(field: EntryField, entries: { id: string }[]): void {
    // Each list only ever gets back its own entries.
    (this.state as Record<EntryField, { id: string }[]>)[field] = entries;
  }
}
