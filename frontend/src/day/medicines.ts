/**
 * The medicines card: "+ Medicine" opens a small form; like the pain and feed drafts, the
 * medicine is logged as soon as it has what it needs (which one; for another medicine, its
 * name) and what she chooses next changes it, until Done (or the page lets it go).
 */

import type { DayBody, Medicine } from "../types";
import { fill, nowHHMM, shortTime, uuid } from "../util";
import { doseMg } from "./amounts";
import type { Names } from "./render";
import type { Strings } from "./strings";

const OTHER = "other_medicine";

/** What the card needs of the page. */
export interface MedicineHost {
  state(): DayBody;
  commit(): void;
  renderLists(): void;
  remove(field: "medicines", id: string): void;
  /** The draft now changes an entry: told so the page can let it go after a while. */
  held(): void;
}

export function medicineTitle(medicine: Medicine, names: Names): string {
  return medicine.medicine === OTHER && medicine.name ? medicine.name : names.get(medicine.medicine);
}

export function medicineDetail(medicine: Medicine, strings: Strings): string {
  return medicine.dose_mg === null ? "" : fill(strings.doseMg, { n: medicine.dose_mg });
}

export class MedicineCard {
  editing: string | null = null;
  /** What to know before taking one, by medicine (the page's advice). */
  cautions: Record<string, string> = {};
  private draft: HTMLElement;

  constructor(
    private form: HTMLFormElement,
    private host: MedicineHost,
  ) {
    this.draft = form.querySelector<HTMLElement>("#medicine-draft")!;
  }

  private input(name: string): HTMLInputElement {
    return this.form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  }

  private chosen(): string {
    return this.form.querySelector<HTMLInputElement>('input[name="medicine"]:checked')?.value ?? "";
  }

  /** Handles a change inside the card; false when the input is not the card's. */
  onChange(input: HTMLInputElement): boolean {
    switch (input.name) {
      case "medicine-time":
        input.dataset.touched = "1";
        break;
      case "medicine":
      case "medicine-name":
      case "medicine-dose":
        break;
      default:
        return false;
    }
    this.onDraft();
    return true;
  }

  /** "+ Medicine": the form, empty, in sight. */
  open(): void {
    if (!this.editing) this.reset();
    this.draft.hidden = false;
    this.focus();
  }

  chooseDose(button: HTMLElement): void {
    this.input("medicine-dose").value = button.dataset.dose ?? "";
    this.onDraft();
  }

  edit(id: string): void {
    const medicine = this.host.state().medicines.find((m) => m.id === id);
    if (!medicine) return;
    for (const radio of this.form.querySelectorAll<HTMLInputElement>('input[name="medicine"]')) {
      radio.checked = radio.value === medicine.medicine;
    }
    this.input("medicine-name").value = medicine.name;
    this.input("medicine-dose").value = medicine.dose_mg === null ? "" : String(medicine.dose_mg);
    const time = this.input("medicine-time");
    time.value = shortTime(medicine.time);
    time.dataset.touched = "1";
    this.editing = id;
    this.draft.hidden = false;
    this.show();
    this.host.renderLists();
    this.focus();
  }

  /** Done: the medicine stays as it is, and the form closes. */
  done(): void {
    this.reset();
    this.draft.hidden = true;
  }

  /** The entry was removed, or the page went out of sight: the form lets go of it. */
  release(id?: string): void {
    if (this.editing && (id === undefined || id === this.editing)) this.done();
  }

  private onDraft(): void {
    this.show();
    const medicine = this.chosen();
    if (!medicine) return;
    const name = medicine === OTHER ? this.input("medicine-name").value.trim().slice(0, 80) : "";
    if (medicine === OTHER && !name) return;
    const time = this.input("medicine-time");
    const entry: Medicine = {
      id: this.editing ?? uuid(),
      time: time.dataset.touched ? time.value || null : nowHHMM(),
      medicine,
      name,
      dose_mg: doseMg(this.input("medicine-dose").value),
    };
    const list = this.host.state().medicines;
    const index = list.findIndex((m) => m.id === entry.id);
    if (index >= 0) list[index] = entry;
    else list.push(entry);
    this.editing = entry.id;
    this.host.held();
    this.host.renderLists();
    this.host.commit();
  }

  /** The name field for another medicine, its caution, the usual doses of the one chosen. */
  private show(): void {
    const medicine = this.chosen();
    this.form.querySelector<HTMLElement>("[data-medicine-name]")!.hidden = medicine !== OTHER;
    // Ibuprofen's only until she has logged it on another day (data-first-ibuprofen).
    const caution = this.form.querySelector<HTMLElement>("[data-caution]");
    if (caution) {
      const first = medicine !== "ibuprofen" || this.draft.hasAttribute("data-first-ibuprofen");
      caution.textContent = (first && this.cautions[medicine]) || "";
      caution.hidden = !caution.textContent;
    }
    const dose = this.input("medicine-dose").value;
    for (const chip of this.form.querySelectorAll<HTMLElement>("[data-dose]")) {
      chip.hidden = chip.dataset.for !== medicine;
      chip.setAttribute("aria-pressed", String(chip.dataset.dose === dose));
    }
  }

  private reset(): void {
    this.editing = null;
    for (const radio of this.form.querySelectorAll<HTMLInputElement>('input[name="medicine"]')) radio.checked = false;
    this.input("medicine-name").value = "";
    this.input("medicine-dose").value = "";
    const time = this.input("medicine-time");
    time.value = nowHHMM();
    delete time.dataset.touched;
    this.show();
    this.host.renderLists();
  }

  private focus(): void {
    this.draft.scrollIntoView({ behavior: "smooth", block: "center" });
    const first =
      this.form.querySelector<HTMLInputElement>('input[name="medicine"]:checked') ??
      this.form.querySelector<HTMLInputElement>('input[name="medicine"]');
    first?.focus({ preventScroll: true });
  }
}
