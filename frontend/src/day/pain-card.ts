/**
 * The pain card: the 0-10 scale, where it hurts, the leg symptoms and the time, logged as a
 * rating at the first score and changed by what she chooses next (draft-card.ts); the day's
 * ratings; and the line pointing to the warning signs once a leg symptom is logged or ticked.
 */

import type { PainRating } from "../types";
import { type CardHost, DraftCard } from "./draft-card";
import { painFromDraft } from "./drafts";
import { checkedValue, chosenTime, collect, inputs, setChecked } from "./inputs";
import { type Names, renderPainList } from "./render";
import type { Strings } from "./strings";

export class PainCard extends DraftCard<PainRating> {
  constructor(
    form: HTMLFormElement,
    host: CardHost,
    private names: Names,
    private strings: Strings,
  ) {
    super(form, host, "pain", "pain_ratings", "pain-score");
  }

  onChange(input: HTMLInputElement): boolean {
    switch (input.name) {
      case "pain-time":
        input.dataset.touched = "1";
        break;
      case "pain-score":
      case "pain-area":
      case "pain-leg":
        this.renderLegPointer();
        break;
      default:
        return false;
    }
    this.onDraft();
    return true;
  }

  renderList(): void {
    renderPainList(this.list, this.entries(), this.names, this.strings);
    this.renderLegPointer();
    this.markEditing();
  }

  protected entries(): PainRating[] {
    return this.host.state().pain_ratings;
  }

  protected read(id: string): PainRating | null {
    return painFromDraft(id, {
      score: checkedValue(this.form, "pain-score"),
      time: chosenTime(this.time),
      areas: collect(this.form, "pain-area"),
      legs: collect(this.form, "pain-leg"),
    });
  }

  protected show(rating: PainRating): void {
    setChecked(this.form, "pain-score", [String(rating.score)]);
    setChecked(this.form, "pain-area", rating.body_areas);
    setChecked(this.form, "pain-leg", rating.leg_symptoms ?? []);
  }

  protected clear(): void {
    for (const name of ["pain-score", "pain-area", "pain-leg"]) setChecked(this.form, name, []);
  }

  /** Pain down a leg, or numbness in it: the short line pointing to the signs to check. */
  private renderLegPointer(): void {
    const pointer = this.form.querySelector<HTMLElement>("[data-leg-pointer]");
    if (!pointer) return;
    const logged = this.entries().some((r) => r.leg_symptoms?.length);
    pointer.hidden = !logged && !inputs(this.form, "pain-leg").some((i) => i.checked);
  }
}
