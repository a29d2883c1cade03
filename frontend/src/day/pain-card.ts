/**
 * The pain card: the 0-10 scale, where it hurts, the leg symptoms and the time, logged as a
 * rating at the first score and changed by what she chooses next (draft-card.ts); the day's
 * ratings. A leg symptom ticked or logged shows the leg line (the page's pointers.ts).
 */

import type { PainRating } from "../types";
import { type CardHost, DraftCard } from "./draft-card";
import { painFromDraft } from "./drafts";
import { checkedValue, chosenTime, collect, setChecked } from "./inputs";
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
        this.host.pointers();
        break;
      default:
        return false;
    }
    this.onDraft();
    return true;
  }

  renderList(): void {
    renderPainList(this.list, this.entries(), this.names, this.strings);
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
}
