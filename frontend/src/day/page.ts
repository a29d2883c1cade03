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
import { type DayBody, type DayJson, emptyDay, type Feeding, type Medicine, type PainRating, toBody } from "../types";
import { fill, nowHHMM, readJson, shortTime, todayIn, uuid } from "../util";
import { clockTime, elapsed, FeedTimer, feedLike, lastFeed, timedMinutes } from "./feeds";
import { MedicineCard } from "./medicines";
import {
  Names,
  type PageCatalogue,
  renderFeedList,
  renderGuidance,
  renderMedicineList,
  renderPainList,
  renderSoFar,
} from "./render";
import { sleepHours } from "./amounts";
import { renderSleep } from "./sleep";
import { loadStrings, type Strings } from "./strings";
import { putBack, UndoBar } from "./undo";

const DEBOUNCE_MS = 600;
const RETRY_MS = 15_000;
// How long "Merged with changes from another device" stays, unless she edits first.
const NOTICE_MS = 12_000;
// A draft left alone this long lets its entry go: a score tapped hours later is a new rating.
const HOLD_MS = 5 * 60_000;

type StatusState = "idle" | "saving" | "saved" | "offline" | "retrying" | "error";

function dayBefore(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

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
  private painList: HTMLElement;
  private feedList: HTMLElement;
  private medicineList: HTMLElement;
  private medicines: MedicineCard;
  private guidance: HTMLElement;
  private editingPain: string | null = null;
  private editingFeed: string | null = null;
  private timer: number | undefined;
  private feedTimer: FeedTimer;
  private tick: number | undefined;
  private undoBar: UndoBar | null;
  private retryTimer: number | undefined;
  private holdTimer: number | undefined;

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
    this.painList = root.querySelector<HTMLElement>("#pain-list")!;
    this.feedList = root.querySelector<HTMLElement>("#feed-list")!;
    this.guidance = root.querySelector<HTMLElement>("#guidance")!;
    this.medicineList = root.querySelector<HTMLElement>("#medicine-list")!;
    this.medicines = new MedicineCard(this.form, {
      state: () => this.state,
      commit: () => this.commit(),
      renderLists: () => this.renderLists(),
      remove: (field, id) => this.remove(field, id),
      held: () => this.holdDrafts(),
    });
    this.feedTimer = new FeedTimer(user, date);
    const bar = document.getElementById("undo-bar");
    this.undoBar = bar ? new UndoBar(bar) : null;
  }

  start(based: outbox.Based | null | undefined): void {
    watch(this.user, this.date, based, (body) => this.replaceState(body, this.strings.merged));
    this.renderAll();
    this.resetPainDraft();
    this.resetFeedDraft();
    this.renderTimer();
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
      this.renderTimer();
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
  }

  // ---- saving ----

  private commit(): void {
    this.hideNotice();
    renderSoFar(this.root, this.state);
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
    if (this.editingPain && !this.state.pain_ratings.some((r) => r.id === this.editingPain)) this.resetPainDraft();
    if (this.editingFeed && !this.state.feedings.some((f) => f.id === this.editingFeed)) this.resetFeedDraft();
    const medicine = this.medicines.editing;
    if (medicine && !this.state.medicines.some((m) => m.id === medicine)) this.medicines.release();
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

  private inputs(name: string): HTMLInputElement[] {
    return Array.from(this.form.querySelectorAll<HTMLInputElement>(`input[name="${name}"]`));
  }

  private renderAll(): void {
    const s = this.state;
    this.setChecked("mood", s.mood === null ? [] : [String(s.mood)]);
    this.setChecked("mood-tag", s.mood_tags);
    this.setChecked("habit", s.habits);
    this.setChecked("warning-sign", s.warning_signs);
    if (s.warning_signs.length) this.root.querySelector("details.warning-details")?.setAttribute("open", "");
    for (const row of this.root.querySelectorAll<HTMLElement>("[data-exercise]")) this.renderExercise(row);
    const note = this.form.querySelector<HTMLTextAreaElement>("#note")!;
    note.value = s.note;
    this.renderNoteCount(note);
    this.renderLists();
    renderGuidance(this.guidance, s, this.catalogue, this.names);
    renderSleep(this.form, s);
  }

  private renderLists(): void {
    renderSoFar(this.root, this.state);
    const again = this.form.querySelector<HTMLButtonElement>('[data-action="feed-again"]');
    if (again) again.disabled = !this.state.feedings.length;
    renderPainList(this.painList, this.state.pain_ratings, this.names, this.strings);
    renderFeedList(this.feedList, this.form, this.state.feedings, this.names, this.strings);
    renderMedicineList(this.medicineList, this.state.medicines, this.names, this.strings);
    this.renderLegPointer();
    for (const [list, id] of [
      [this.painList, this.editingPain],
      [this.feedList, this.editingFeed],
      [this.medicineList, this.medicines.editing],
    ] as const) {
      list.querySelector(`[data-id="${id}"]`)?.classList.add("is-editing");
    }
  }

  /** Pain down a leg, or numbness in it: the short line pointing to the signs to check. */
  private renderLegPointer(): void {
    const pointer = this.root.querySelector<HTMLElement>("[data-leg-pointer]");
    if (!pointer) return;
    const logged = this.state.pain_ratings.some((r) => r.leg_symptoms?.length);
    pointer.hidden = !logged && !this.inputs("pain-leg").some((i) => i.checked);
  }

  private setChecked(name: string, values: string[]): void {
    for (const input of this.inputs(name)) input.checked = values.includes(input.value);
  }

  private renderExercise(row: HTMLElement): void {
    const key = row.dataset.exercise!;
    const unit = row.dataset.unit === "minutes" ? "minutes" : "reps";
    const entry = this.state.exercises.find((e) => e.exercise === key);
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

  private renderNoteCount(note: HTMLTextAreaElement): void {
    const counter = this.root.querySelector<HTMLElement>("[data-note-count]");
    if (counter) counter.textContent = fill(this.strings.noteCount, { count: note.value.length, max: note.maxLength });
  }

  // ---- events ----

  /** Checked values in page order, keeping keys the page no longer offers (retired items). */
  private collect(name: string, current: string[]): string[] {
    const inputs = this.inputs(name);
    const offered = new Set(inputs.map((i) => i.value));
    return [...inputs.filter((i) => i.checked).map((i) => i.value), ...current.filter((k) => !offered.has(k))];
  }

  private onChange(input: HTMLInputElement): void {
    const s = this.state;
    if (this.medicines.onChange(input)) return;
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
        s.mood_tags = this.collect("mood-tag", s.mood_tags);
        return this.commit();
      case "habit":
        s.habits = this.collect("habit", s.habits);
        return this.commit();
      case "warning-sign":
        return this.onWarningSign();
      case "exercise":
        return this.onExercise(input);
      case "exercise-amount":
        return this.onExerciseAmount(input);
      case "pain-time":
        input.dataset.touched = "1";
        return this.onPainDraft();
      case "pain-score":
      case "pain-area":
      case "pain-leg":
        this.renderLegPointer();
        return this.onPainDraft();
      case "feed-time":
        input.dataset.touched = "1";
        return this.onFeedDraft();
      case "feed-position":
      case "feed-support":
      case "feed-posture":
      case "feed-side":
      case "feed-minutes":
        return this.onFeedDraft();
    }
  }

  private onInput(input: HTMLInputElement): void {
    // Typed amounts count at once, not only when the field loses focus.
    if (input.name === "exercise-amount") return this.onExerciseAmount(input);
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
        return this.done("pain");
      case "feed-done":
        return this.done("feed");
      case "feed-open":
        return this.focusDraft("feed-draft", "feed-position");
      case "feed-again":
        return this.feedAgain();
      case "feed-timer":
        return this.toggleTimer();
      case "warning-open":
        return this.openWarningSigns();
      case "medicine-open":
        return this.medicines.open();
      case "medicine-done":
        return this.medicines.done();
      case "edit":
        if (entry?.parentElement === this.medicineList) return this.medicines.edit(id);
        return entry?.parentElement === this.painList ? this.editPain(id) : this.editFeed(id);
      case "remove":
        return this.remove(this.listField(entry?.parentElement), id);
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

  private listField(list: Element | null | undefined): "pain_ratings" | "feedings" | "medicines" {
    if (list === this.painList) return "pain_ratings";
    return list === this.medicineList ? "medicines" : "feedings";
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
    this.state.warning_signs = this.collect("warning-sign", this.state.warning_signs);
    const appeared = renderGuidance(this.guidance, this.state, this.catalogue, this.names);
    // Show what to do at once, even if she ticked a sign far down the list.
    appeared?.scrollIntoView({ behavior: "smooth", block: "start" });
    this.commit();
  }

  private onExercise(input: HTMLInputElement): void {
    const row = input.closest<HTMLElement>("[data-exercise]")!;
    const key = row.dataset.exercise!;
    if (input.checked) {
      const unit = row.dataset.unit === "minutes" ? "minutes" : "reps";
      const amount = Number.parseInt(this.amountField(row).querySelector("input")!.value, 10);
      const value = Number.isFinite(amount) ? amount : null;
      this.state.exercises.push({
        id: uuid(),
        time: nowHHMM(),
        exercise: key,
        reps: unit === "reps" ? value : null,
        minutes: unit === "minutes" ? value : null,
      });
    } else {
      this.state.exercises = this.state.exercises.filter((e) => e.exercise !== key);
    }
    this.renderExercise(row);
    this.commit();
  }

  private onExerciseAmount(input: HTMLInputElement): void {
    const row = input.closest<HTMLElement>("[data-exercise]")!;
    const entry = this.state.exercises.find((e) => e.exercise === row.dataset.exercise);
    if (!entry) return;
    const amount = Number.parseInt(input.value, 10);
    const value = Number.isFinite(amount) ? Math.min(Number(input.max) || amount, Math.max(0, amount)) : null;
    if (row.dataset.unit === "minutes") entry.minutes = value;
    else entry.reps = value;
    this.commit();
  }

  // ---- pain and feed drafts ----
  //
  // An entry is logged as soon as it has what it needs (a score; a position), so the
  // commonest entry costs the fewest taps. The draft then stays attached to it: what she
  // chooses next changes it, until Done (or the page is hidden, she edits another entry, or
  // five minutes pass without a change).

  private doneButton(kind: "pain" | "feed"): HTMLButtonElement {
    return this.form.querySelector<HTMLButtonElement>(`[data-action="${kind}-done"]`)!;
  }

  private timeInput(name: string): HTMLInputElement {
    return this.form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  }

  /** The time she chose, or now if she did not touch the field. */
  private chosenTime(name: string): string | null {
    const input = this.timeInput(name);
    return input.dataset.touched ? input.value || null : nowHHMM();
  }

  private setTime(name: string, value: string | null): void {
    const input = this.timeInput(name);
    input.value = value === null ? nowHHMM() : shortTime(value);
    if (value === null) delete input.dataset.touched;
    else input.dataset.touched = "1";
  }

  private refreshTimes(): void {
    for (const input of this.form.querySelectorAll<HTMLInputElement>("input[data-now]")) {
      if (!input.dataset.touched) input.value = nowHHMM();
    }
  }

  private checkedValue(name: string): string {
    return this.inputs(name).find((i) => i.checked)?.value ?? "";
  }

  /** The pain draft changed: log the rating once it has a score, or change the attached one. */
  private onPainDraft(): void {
    const score = this.checkedValue("pain-score");
    if (!score) return;
    const rating = {
      id: this.editingPain ?? uuid(),
      score: Number(score),
      time: this.chosenTime("pain-time"),
      body_areas: this.collect("pain-area", []),
      leg_symptoms: this.collect("pain-leg", []) as PainRating["leg_symptoms"],
    };
    const index = this.state.pain_ratings.findIndex((r) => r.id === rating.id);
    if (index >= 0) this.state.pain_ratings[index] = rating;
    else this.state.pain_ratings.push(rating);
    this.attach("pain", rating.id);
    this.commit();
  }

  private resetPainDraft(): void {
    this.editingPain = null;
    this.setChecked("pain-score", []);
    this.setChecked("pain-area", []);
    this.setChecked("pain-leg", []);
    this.setTime("pain-time", null);
    this.doneButton("pain").disabled = true;
    this.renderLists();
  }

  private editPain(id: string): void {
    const rating = this.state.pain_ratings.find((r) => r.id === id);
    if (!rating) return;
    this.setChecked("pain-score", [String(rating.score)]);
    this.setChecked("pain-area", rating.body_areas);
    this.setChecked("pain-leg", rating.leg_symptoms ?? []);
    this.setTime("pain-time", rating.time ?? "");
    this.attach("pain", id);
    this.focusDraft("pain-draft", "pain-score");
  }

  private feedMinutes(): HTMLInputElement {
    return this.form.querySelector<HTMLInputElement>("#feed-minutes")!;
  }

  /** The feed draft changed: log the feed once it has a position, or change the attached one. */
  private onFeedDraft(): void {
    const position = this.checkedValue("feed-position");
    this.showSide(position !== "bottle");
    if (!position) return;
    const minutes = Number.parseInt(this.feedMinutes().value, 10);
    const feeding: Feeding = {
      id: this.editingFeed ?? uuid(),
      time: this.chosenTime("feed-time"),
      position,
      supports: this.collect("feed-support", []),
      posture: this.checkedValue("feed-posture") as Feeding["posture"],
      minutes: Number.isFinite(minutes) ? Math.min(240, Math.max(0, minutes)) : null,
      side: (position === "bottle" ? "" : this.checkedValue("feed-side")) as Feeding["side"],
    };
    const index = this.state.feedings.findIndex((f) => f.id === feeding.id);
    if (index >= 0) this.state.feedings[index] = feeding;
    else this.state.feedings.push(feeding);
    this.attach("feed", feeding.id);
    this.commit();
  }

  private resetFeedDraft(): void {
    this.editingFeed = null;
    for (const name of ["feed-position", "feed-support", "feed-posture", "feed-side"]) this.setChecked(name, []);
    const minutes = this.feedMinutes();
    minutes.value = minutes.defaultValue;
    this.setTime("feed-time", null);
    this.showSide(true);
    this.doneButton("feed").disabled = true;
    this.renderLists();
  }

  private editFeed(id: string): void {
    const feeding = this.state.feedings.find((f) => f.id === id);
    if (!feeding) return;
    this.setChecked("feed-position", [feeding.position]);
    this.setChecked("feed-support", feeding.supports);
    this.setChecked("feed-posture", [feeding.posture]);
    this.setChecked("feed-side", [feeding.side]);
    this.feedMinutes().value = feeding.minutes === null ? "" : String(feeding.minutes);
    this.setTime("feed-time", feeding.time ?? "");
    this.showSide(feeding.position !== "bottle");
    this.attach("feed", id);
    this.focusDraft("feed-draft", "feed-position");
  }

  private showSide(show: boolean): void {
    const side = this.form.querySelector<HTMLElement>("[data-feed-side]");
    if (side) side.hidden = !show;
    if (!show) this.setChecked("feed-side", []);
  }

  /** The draft now changes this entry: marked in its list, and Done lets it go. */
  private attach(kind: "pain" | "feed", id: string): void {
    if (kind === "pain") this.editingPain = id;
    else this.editingFeed = id;
    this.doneButton(kind).disabled = false;
    this.renderLists();
    this.holdDrafts();
  }

  /** A draft just changed its entry: it lets go after HOLD_MS without another change. */
  private holdDrafts(): void {
    window.clearTimeout(this.holdTimer);
    this.holdTimer = window.setTimeout(() => this.detachDrafts(), HOLD_MS);
  }

  /** Done: the entry stays as it is, and the next choice starts a new one. */
  private done(kind: "pain" | "feed"): void {
    const focused = document.activeElement === this.doneButton(kind);
    if (kind === "pain") this.resetPainDraft();
    else this.resetFeedDraft();
    // The button just used is now disabled: keep keyboard focus in the same card.
    if (focused) this.inputs(kind === "pain" ? "pain-score" : "feed-position")[0]?.focus({ preventScroll: true });
  }

  /** The page went out of sight: whatever she taps when she is back starts a new entry. */
  private detachDrafts(): void {
    if (this.editingPain) this.resetPainDraft();
    if (this.editingFeed) this.resetFeedDraft();
    this.medicines.release();
  }

  private focusDraft(draftId: string, firstInput: string): void {
    this.root.querySelector(`#${draftId}`)?.scrollIntoView({ behavior: "smooth", block: "center" });
    const input = this.inputs(firstInput).find((i) => i.checked) ?? this.inputs(firstInput)[0];
    input?.focus({ preventScroll: true });
  }

  // ---- quick feeds ----

  private addFeed(feeding: Feeding): void {
    this.state.feedings.push(feeding);
    this.renderLists();
    this.commit();
  }

  /** One tap: the last feed again, on the other side, now. */
  private feedAgain(): void {
    const last = lastFeed(this.state.feedings);
    if (last) this.addFeed(feedLike(last, uuid(), nowHHMM()));
  }

  private toggleTimer(): void {
    const started = this.feedTimer.started();
    if (started === null) {
      this.feedTimer.start(Date.now());
      return this.renderTimer();
    }
    this.feedTimer.clear();
    this.renderTimer();
    const minutes = timedMinutes(started, Date.now());
    const last = lastFeed(this.state.feedings);
    if (last) return this.addFeed(feedLike(last, uuid(), clockTime(started), minutes));
    // No feed yet to copy: the draft takes the time and minutes, and her position logs it.
    this.resetFeedDraft();
    this.feedMinutes().value = String(minutes);
    this.setTime("feed-time", clockTime(started));
    this.focusDraft("feed-draft", "feed-position");
  }

  private renderTimer(): void {
    const button = this.form.querySelector<HTMLButtonElement>('[data-action="feed-timer"]');
    if (!button) return;
    const started = this.feedTimer.started();
    const running = started !== null;
    button.setAttribute("aria-pressed", String(running));
    button.querySelector("[data-timer-label]")!.textContent = running ? this.strings.timerStop : this.strings.timerStart;
    const clock = button.querySelector<HTMLElement>("[data-timer-clock]")!;
    window.clearInterval(this.tick);
    const draw = () => {
      clock.textContent = running ? elapsed(Date.now() - started!) : "";
    };
    draw();
    if (running) this.tick = window.setInterval(draw, 1000);
  }

  private remove(field: "pain_ratings" | "feedings" | "medicines", id: string): void {
    const list: { id: string }[] = this.state[field];
    const index = list.findIndex((item) => item.id === id);
    if (index < 0) return;
    const item = list[index];
    if (field === "pain_ratings") {
      this.state.pain_ratings = this.state.pain_ratings.filter((r) => r.id !== id);
      if (this.editingPain === id) this.resetPainDraft();
    } else if (field === "feedings") {
      this.state.feedings = this.state.feedings.filter((f) => f.id !== id);
      if (this.editingFeed === id) this.resetFeedDraft();
    } else {
      this.state.medicines = this.state.medicines.filter((m) => m.id !== id);
      this.medicines.release(id);
    }
    this.renderLists();
    this.commit();
    this.undoBar?.show(() => {
      // Back where it was, with its id: the sync sends it as an addition again.
      if (field === "pain_ratings") {
        this.state.pain_ratings = putBack(this.state.pain_ratings, item as PainRating, index);
      } else if (field === "feedings") {
        this.state.feedings = putBack(this.state.feedings, item as Feeding, index);
      } else {
        this.state.medicines = putBack(this.state.medicines, item as Medicine, index);
      }
      this.renderLists();
      this.commit();
    });
  }
}
