/**
 * The medicines card: "+ Medicine" opens a small form; like the pain and feed drafts, the
 * medicine is logged as soon as it has what it needs (which one; for another medicine, its
 * name) and what she chooses next changes it, until Done (or the page lets it go).
 */

import { type Medicine, OTHER_MEDICINE } from "../types";
import { uuid } from "../util";
import { doseMg } from "./amounts";
import type { CardHost, EntryCard } from "./draft-card";
import { upsert } from "./drafts";
import { checkedValue, chosenTime, setChecked, setTime } from "./inputs";
import { type Names, renderMedicineList } from "./render";
import type { Strings } from "./strings";

export class MedicineCard implements EntryCard {
  readonly field = "medicines";
  readonly list: HTMLElement;
  editing: string | null = null;
  /** What to know before taking one, by medicine (the page's advice). */
  cautions: Record<string, string> = {};
  private draft: HTMLElement;

  constructor(
    private form: HTMLFormElement,
    private host: CardHost,
    private names: Names,
    private strings: Strings,
  ) {
    this.list = form.querySelector<HTMLElement>("#medicine-list")!;
    this.draft = form.querySelector<HTMLElement>("#medicine-draft")!;
  }

  private input(name: string): HTMLInputElement {
    return this.form.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
  }

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

  renderList(): void {
    renderMedicineList(this.list, this.host.state().medicines, this.names, this.strings);
    this.list.querySelector(`[data-id="${this.editing}"]`)?.classList.add("is-editing");
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
    setChecked(this.form, "medicine", [medicine.medicine]);
    this.input("medicine-name").value = medicine.name;
    this.input("medicine-dose").value = medicine.dose_mg === null ? "" : String(medicine.dose_mg);
    setTime(this.input("medicine-time"), medicine.time ?? "");
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

  release(id?: string): void {
    if (this.editing && (id === undefined || id === this.editing)) this.done();
  }

  private onDraft(): void {
    this.show();
    const medicine = checkedValue(this.form, "medicine");
    if (!medicine) return;
    const name = medicine === OTHER_MEDICINE ? this.input("medicine-name").value.trim().slice(0, 80) : "";
    if (medicine === OTHER_MEDICINE && !name) return;
    const entry: Medicine = {
      id: this.editing ?? uuid(),
      time: chosenTime(this.input("medicine-time")),
      medicine,
      name,
      dose_mg: doseMg(this.input("medicine-dose").value),
    };
    upsert(this.host.state().medicines, entry);
    this.editing = entry.id;
    this.host.held();
    this.host.renderLists();
    this.host.commit();
  }

  /** The name field for another medicine, its caution, the usual doses of the one chosen. */
  private show(): void {
    const medicine = checkedValue(this.form, "medicine");
    this.form.querySelector<HTMLElement>("[data-medicine-name]")!.hidden = medicine !== OTHER_MEDICINE;
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
    setChecked(this.form, "medicine", []);
    this.input("medicine-name").value = "";
    this.input("medicine-dose").value = "";
    setTime(this.input("medicine-time"), null);
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
