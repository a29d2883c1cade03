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
import { type Catalogue, type DayBody, type DayJson, emptyDay, toBody } from "../types";
import { fill, nowHHMM, readJson, shortTime, todayIn, uuid } from "../util";
import { Names, renderFeedList, renderGuidance, renderPainList } from "./render";
import { loadStrings, type Strings } from "./strings";

const DEBOUNCE_MS = 600;
const RETRY_MS = 15_000;
// How long "Merged with changes from another device" stays, unless she edits first.
const NOTICE_MS = 12_000;

type StatusState = "idle" | "saving" | "saved" | "offline" | "retrying" | "error";

function dayBefore(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}

function newest(days: (DayJson | null | undefined)[]): DayJson | null {
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
  const catalogue = readJson<Catalogue>("catalogue-data");
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
  private guidance: HTMLElement;
  private editingPain: string | null = null;
  private editingFeed: string | null = null;
  private timer: number | undefined;
  private retryTimer: number | undefined;

  constructor(
    private root: HTMLElement,
    private user: string,
    private date: string,
    private state: DayBody,
    private catalogue: Catalogue,
  ) {
    this.form = root.querySelector<HTMLFormElement>("#day-form")!;
    this.strings = loadStrings();
    this.names = new Names(catalogue);
    this.status = root.querySelector<HTMLElement>("#save-status")!;
    this.notice = root.querySelector<HTMLElement>("#sync-notice");
    this.painList = root.querySelector<HTMLElement>("#pain-list")!;
    this.feedList = root.querySelector<HTMLElement>("#feed-list")!;
    this.guidance = root.querySelector<HTMLElement>("#guidance")!;
  }

  start(based: outbox.Based | null | undefined): void {
    watch(this.user, this.date, based, (body) => this.replaceState(body, this.strings.merged));
    this.renderAll();
    this.resetPainDraft();
    this.resetFeedDraft();
    this.root.querySelector<HTMLFieldSetElement>("#day-editor")!.disabled = false;
    this.root.classList.add("is-live");

    this.form.addEventListener("submit", (event) => event.preventDefault());
    this.form.addEventListener("change", (event) => this.onChange(event.target as HTMLInputElement));
    this.form.addEventListener("input", (event) => this.onInput(event.target as HTMLInputElement));
    this.form.addEventListener("click", (event) => this.onClick(event));

    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") return this.flush();
      this.refreshTimes();
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
    renderGuidance(this.guidance, s, this.catalogue);
  }

  private renderLists(): void {
    renderPainList(this.painList, this.state.pain_ratings, this.names, this.strings);
    renderFeedList(this.feedList, this.form, this.state.feedings, this.names, this.strings);
    for (const [list, id] of [
      [this.painList, this.editingPain],
      [this.feedList, this.editingFeed],
    ] as const) {
      list.querySelector(`[data-id="${id}"]`)?.classList.add("is-editing");
    }
  }

  private setChecked(name: string, values: string[]): void {
    for (const input of this.inputs(name)) input.checked = values.includes(input.value);
  }

  private renderExercise(row: HTMLElement): void {
    const key = row.dataset.exercise!;
    const unit = row.dataset.unit === "minutes" ? "minutes" : "reps";
    const entry = this.state.exercises.find((e) => e.exercise === key);
    row.querySelector<HTMLInputElement>('input[name="exercise"]')!.checked = Boolean(entry);
    row.querySelector<HTMLElement>(".exercise-amount")!.hidden = !entry;
    row.classList.toggle("is-done", Boolean(entry));
    const amount = entry?.[unit];
    if (amount !== undefined && amount !== null) {
      row.querySelector<HTMLInputElement>('input[name="exercise-amount"]')!.value = String(amount);
    }
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
    switch (input.name) {
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
      case "pain-score":
        this.painButton().disabled = false;
        return;
      case "feed-position":
        this.feedButton().disabled = false;
        this.showSide(input.value !== "bottle");
        return;
      case "pain-time":
      case "feed-time":
        input.dataset.touched = "1";
        return;
    }
  }

  private onInput(input: HTMLInputElement): void {
    // Typed amounts count at once, not only when the field loses focus.
    if (input.name === "exercise-amount") return this.onExerciseAmount(input);
    if (input.id !== "note") return;
    this.state.note = input.value;
    this.renderNoteCount(input as unknown as HTMLTextAreaElement);
    this.commit();
  }

  private onClick(event: MouseEvent): void {
    const target = event.target as HTMLElement;
    if (target instanceof HTMLInputElement && target.name === "mood" && Number(target.value) === this.state.mood) {
      // Tapping the chosen mood again clears it.
      target.checked = false;
      this.state.mood = null;
      this.commit();
      return;
    }
    const stepper = target.closest<HTMLButtonElement>("[data-step-by]");
    if (stepper) return this.step(stepper);
    const button = target.closest<HTMLButtonElement>("button[data-action]");
    if (!button) return;
    const entry = button.closest<HTMLElement>("li.entry");
    const id = entry?.dataset.id ?? "";
    switch (button.dataset.action) {
      case "pain-save":
        return this.savePain();
      case "pain-cancel":
        return this.resetPainDraft();
      case "feed-save":
        return this.saveFeed();
      case "feed-cancel":
        return this.resetFeedDraft();
      case "edit":
        return entry?.parentElement === this.painList ? this.editPain(id) : this.editFeed(id);
      case "remove":
        return this.remove(entry?.parentElement === this.painList ? "pain_ratings" : "feedings", id);
    }
  }

  private step(button: HTMLButtonElement): void {
    const input = button.parentElement!.querySelector<HTMLInputElement>("input")!;
    const current = Number.parseInt(input.value, 10) || 0;
    const max = Number(input.max) || Infinity;
    input.value = String(Math.min(max, Math.max(0, current + Number(button.dataset.stepBy))));
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  private onWarningSign(): void {
    this.state.warning_signs = this.collect("warning-sign", this.state.warning_signs);
    const appeared = renderGuidance(this.guidance, this.state, this.catalogue);
    // Show what to do at once, even if she ticked a sign far down the list.
    appeared?.scrollIntoView({ behavior: "smooth", block: "start" });
    this.commit();
  }

  private onExercise(input: HTMLInputElement): void {
    const row = input.closest<HTMLElement>("[data-exercise]")!;
    const key = row.dataset.exercise!;
    if (input.checked) {
      const unit = row.dataset.unit === "minutes" ? "minutes" : "reps";
      const amount = Number.parseInt(row.querySelector<HTMLInputElement>('input[name="exercise-amount"]')!.value, 10);
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

  private painButton(): HTMLButtonElement {
    return this.form.querySelector<HTMLButtonElement>('[data-action="pain-save"]')!;
  }

  private feedButton(): HTMLButtonElement {
    return this.form.querySelector<HTMLButtonElement>('[data-action="feed-save"]')!;
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

  private savePain(): void {
    const score = this.checkedValue("pain-score");
    if (!score) return;
    const rating = {
      id: this.editingPain ?? uuid(),
      score: Number(score),
      time: this.chosenTime("pain-time"),
      body_areas: this.collect("pain-area", []),
    };
    const index = this.state.pain_ratings.findIndex((r) => r.id === rating.id);
    if (index >= 0) this.state.pain_ratings[index] = rating;
    else this.state.pain_ratings.push(rating);
    this.resetPainDraft();
    this.commit();
  }

  private resetPainDraft(): void {
    this.editingPain = null;
    this.setChecked("pain-score", []);
    this.setChecked("pain-area", []);
    this.setTime("pain-time", null);
    this.setDraftMode("pain", false);
    this.renderLists();
  }

  private editPain(id: string): void {
    const rating = this.state.pain_ratings.find((r) => r.id === id);
    if (!rating) return;
    this.editingPain = id;
    this.setChecked("pain-score", [String(rating.score)]);
    this.setChecked("pain-area", rating.body_areas);
    this.setTime("pain-time", rating.time ?? "");
    this.setDraftMode("pain", true);
    this.renderLists();
    this.focusDraft("pain-draft", "pain-score");
  }

  private saveFeed(): void {
    const position = this.checkedValue("feed-position");
    if (!position) return;
    const minutes = Number.parseInt(this.form.querySelector<HTMLInputElement>("#feed-minutes")!.value, 10);
    const feeding = {
      id: this.editingFeed ?? uuid(),
      time: this.chosenTime("feed-time"),
      position,
      supports: this.collect("feed-support", []),
      posture: this.checkedValue("feed-posture") as DayBody["feedings"][number]["posture"],
      minutes: Number.isFinite(minutes) ? Math.min(240, Math.max(0, minutes)) : null,
      side: (position === "bottle" ? "" : this.checkedValue("feed-side")) as DayBody["feedings"][number]["side"],
    };
    const index = this.state.feedings.findIndex((f) => f.id === feeding.id);
    if (index >= 0) this.state.feedings[index] = feeding;
    else this.state.feedings.push(feeding);
    this.resetFeedDraft();
    this.commit();
  }

  private resetFeedDraft(): void {
    this.editingFeed = null;
    for (const name of ["feed-position", "feed-support", "feed-posture", "feed-side"]) this.setChecked(name, []);
    const minutes = this.form.querySelector<HTMLInputElement>("#feed-minutes")!;
    minutes.value = minutes.defaultValue;
    this.setTime("feed-time", null);
    this.showSide(true);
    this.setDraftMode("feed", false);
    this.renderLists();
  }

  private editFeed(id: string): void {
    const feeding = this.state.feedings.find((f) => f.id === id);
    if (!feeding) return;
    this.editingFeed = id;
    this.setChecked("feed-position", [feeding.position]);
    this.setChecked("feed-support", feeding.supports);
    this.setChecked("feed-posture", [feeding.posture]);
    this.setChecked("feed-side", [feeding.side]);
    this.form.querySelector<HTMLInputElement>("#feed-minutes")!.value =
      feeding.minutes === null ? "" : String(feeding.minutes);
    this.setTime("feed-time", feeding.time ?? "");
    this.showSide(feeding.position !== "bottle");
    this.setDraftMode("feed", true);
    this.renderLists();
    this.focusDraft("feed-draft", "feed-position");
  }

  private showSide(show: boolean): void {
    const side = this.form.querySelector<HTMLElement>("[data-feed-side]");
    if (side) side.hidden = !show;
    if (!show) this.setChecked("feed-side", []);
  }

  private setDraftMode(kind: "pain" | "feed", editing: boolean): void {
    const save = kind === "pain" ? this.painButton() : this.feedButton();
    const focused = document.activeElement === save;
    const s = this.strings;
    save.textContent = kind === "pain" ? (editing ? s.updateRating : s.addRating) : editing ? s.updateFeed : s.addFeed;
    save.disabled = !editing;
    this.form.querySelector<HTMLButtonElement>(`[data-action="${kind}-cancel"]`)!.hidden = !editing;
    // The button just used is now disabled: keep keyboard focus in the same card.
    if (focused && save.disabled) {
      this.inputs(kind === "pain" ? "pain-score" : "feed-position")[0]?.focus({ preventScroll: true });
    }
  }

  private focusDraft(draftId: string, firstInput: string): void {
    this.root.querySelector(`#${draftId}`)?.scrollIntoView({ behavior: "smooth", block: "center" });
    const input = this.inputs(firstInput).find((i) => i.checked) ?? this.inputs(firstInput)[0];
    input?.focus({ preventScroll: true });
  }

  private remove(field: "pain_ratings" | "feedings", id: string): void {
    if (field === "pain_ratings") {
      this.state.pain_ratings = this.state.pain_ratings.filter((r) => r.id !== id);
      if (this.editingPain === id) this.resetPainDraft();
    } else {
      this.state.feedings = this.state.feedings.filter((f) => f.id !== id);
      if (this.editingFeed === id) this.resetFeedDraft();
    }
    this.renderLists();
    this.commit();
  }
}
