/**
 * What the day page's cards with a list of entries share: what they need of the page, what
 * the page asks of them, and the draft that logs an entry as soon as it has what it needs
 * and then changes it (the rules are in drafts.ts). The pain and feed cards are drafts
 * always in sight; the medicine card opens its form on demand (medicines.ts).
 */

import type { DayBody } from "../types";
import { uuid } from "../util";
import { upsert } from "./drafts";
import { inputs, setTime } from "./inputs";

/** What a card needs of the page. */
export interface CardHost {
  state(): DayBody;
  /** The day changed: drawn and saved. */
  commit(): void;
  renderLists(): void;
  /** A draft now changes an entry: told so the page can let it go after a while. */
  held(): void;
  /** What she ticked may show or hide a pointer to the warning signs (the leg line). */
  pointers(): void;
}

export type EntryField = "pain_ratings" | "feedings" | "medicines";

/** What the page asks of a card with a list of entries. */
export interface EntryCard {
  /** The day's list the card logs into. */
  readonly field: EntryField;
  /** The list of entries on the page (Edit and Remove are in it). */
  readonly list: HTMLElement;
  /** The id of the entry the draft changes, if any. */
  readonly editing: string | null;
  /** Handles a change inside the card; false when the input is not the card's. */
  onChange(input: HTMLInputElement): boolean;
  edit(id: string): void;
  /** The entry was removed (or, without an id, the page let go): the draft lets go of it. */
  release(id?: string): void;
  /** Draws the card's list from the day, the entry being changed marked. */
  renderList(): void;
}

export abstract class DraftCard<T extends { id: string; time: string | null }> implements EntryCard {
  editing: string | null = null;
  readonly list: HTMLElement;
  protected time: HTMLInputElement;
  private doneButton: HTMLButtonElement;

  /** `kind` names the card's elements (#pain-list, #pain-draft, pain-time, pain-done). */
  constructor(
    protected form: HTMLFormElement,
    protected host: CardHost,
    private kind: "pain" | "feed",
    readonly field: "pain_ratings" | "feedings",
    private firstInput: string,
  ) {
    this.list = form.querySelector<HTMLElement>(`#${kind}-list`)!;
    this.time = form.querySelector<HTMLInputElement>(`input[name="${kind}-time"]`)!;
    this.doneButton = form.querySelector<HTMLButtonElement>(`[data-action="${kind}-done"]`)!;
  }

  abstract onChange(input: HTMLInputElement): boolean;

  abstract renderList(): void;

  /** The entry the draft's inputs describe, with this id; null until it has what it needs. */
  protected abstract read(id: string): T | null;

  /** The draft's inputs show the entry (all but its time). */
  protected abstract show(entry: T): void;

  /** The draft's inputs are emptied (all but the time). */
  protected abstract clear(): void;

  /** The day's entries of the card's kind (the day's list itself, to change in place). */
  protected abstract entries(): T[];

  /** The draft changed: log its entry once it has what it needs, or change the attached one. */
  protected onDraft(): void {
    const entry = this.read(this.editing ?? uuid());
    if (!entry) return;
    upsert(this.entries(), entry);
    this.attach(entry.id);
    this.host.commit();
  }

  /** The draft empty, for a new entry. */
  reset(): void {
    this.editing = null;
    this.clear();
    setTime(this.time, null);
    this.doneButton.disabled = true;
    this.host.renderLists();
  }

  edit(id: string): void {
    const entry = this.entries().find((e) => e.id === id);
    if (!entry) return;
    this.show(entry);
    setTime(this.time, entry.time ?? "");
    this.attach(id);
    this.open();
  }

  /** Done: the entry stays as it is, and the next choice starts a new one. */
  done(): void {
    const focused = document.activeElement === this.doneButton;
    this.reset();
    // The button just used is now disabled: keep keyboard focus in the same card.
    if (focused) inputs(this.form, this.firstInput)[0]?.focus({ preventScroll: true });
  }

  release(id?: string): void {
    if (this.editing && (id === undefined || id === this.editing)) this.reset();
  }

  /** The draft in sight, its choice (or its first) focused. */
  open(): void {
    this.form.querySelector(`#${this.kind}-draft`)?.scrollIntoView({ behavior: "smooth", block: "center" });
    const choices = inputs(this.form, this.firstInput);
    (choices.find((i) => i.checked) ?? choices[0])?.focus({ preventScroll: true });
  }

  protected markEditing(): void {
    this.list.querySelector(`[data-id="${this.editing}"]`)?.classList.add("is-editing");
  }

  /** The draft now changes this entry: marked in its list, and Done lets it go. */
  private attach(id: string): void {
    this.editing = id;
    this.doneButton.disabled = false;
    this.host.renderLists();
    this.host.held();
  }
}
