/**
 * The feed card: position, supports, posture, side, minutes and time, logged as a feed at the
 * first position and changed by what she chooses next (draft-card.ts); the day's feeds; and
 * the quick feeds, "Same as last feed" and the feed timer (their rules are in feeds.ts).
 */

import type { Feeding } from "../types";
import { nowHHMM, uuid } from "../util";
import { type CardHost, DraftCard } from "./draft-card";
import { clockTime, elapsed, FeedTimer, feedFromDraft, feedLike, lastFeed, timedMinutes } from "./feeds";
import { checkedValue, chosenTime, collect, setChecked, setTime } from "./inputs";
import { type Names, renderFeedList } from "./render";
import type { Strings } from "./strings";

export class FeedCard extends DraftCard<Feeding> {
  private minutes: HTMLInputElement;
  private tick: number | undefined;

  constructor(
    form: HTMLFormElement,
    host: CardHost,
    private names: Names,
    private strings: Strings,
    private feedTimer: FeedTimer,
  ) {
    super(form, host, "feed", "feedings", "feed-position");
    this.minutes = form.querySelector<HTMLInputElement>("#feed-minutes")!;
  }

  onChange(input: HTMLInputElement): boolean {
    switch (input.name) {
      case "feed-time":
        input.dataset.touched = "1";
        break;
      case "feed-position":
      case "feed-support":
      case "feed-posture":
      case "feed-side":
      case "feed-minutes":
        break;
      default:
        return false;
    }
    this.showSide(checkedValue(this.form, "feed-position") !== "bottle");
    this.onDraft();
    return true;
  }

  renderList(): void {
    const again = this.form.querySelector<HTMLButtonElement>('[data-action="feed-again"]');
    if (again) again.disabled = !this.entries().length;
    renderFeedList(this.list, this.form, this.entries(), this.names, this.strings);
    this.markEditing();
  }

  /** One tap: the last feed again, on the other side, now. */
  again(): void {
    const last = lastFeed(this.entries());
    if (last) this.add(feedLike(last, uuid(), nowHHMM()));
  }

  toggleTimer(): void {
    const started = this.feedTimer.started();
    if (started === null) {
      this.feedTimer.start(Date.now());
      return this.renderTimer();
    }
    this.feedTimer.clear();
    this.renderTimer();
    const minutes = timedMinutes(started, Date.now());
    const last = lastFeed(this.entries());
    if (last) return this.add(feedLike(last, uuid(), clockTime(started), minutes));
    // No feed yet to copy: the draft takes the time and minutes, and her position logs it.
    this.reset();
    this.minutes.value = String(minutes);
    setTime(this.time, clockTime(started));
    this.open();
  }

  renderTimer(): void {
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

  protected entries(): Feeding[] {
    return this.host.state().feedings;
  }

  protected read(id: string): Feeding | null {
    return feedFromDraft(id, {
      time: chosenTime(this.time),
      position: checkedValue(this.form, "feed-position"),
      supports: collect(this.form, "feed-support"),
      posture: checkedValue(this.form, "feed-posture"),
      minutes: this.minutes.value,
      side: checkedValue(this.form, "feed-side"),
    });
  }

  protected show(feeding: Feeding): void {
    setChecked(this.form, "feed-position", [feeding.position]);
    setChecked(this.form, "feed-support", feeding.supports);
    setChecked(this.form, "feed-posture", [feeding.posture]);
    setChecked(this.form, "feed-side", [feeding.side]);
    this.minutes.value = feeding.minutes === null ? "" : String(feeding.minutes);
    this.showSide(feeding.position !== "bottle");
  }

  protected clear(): void {
    for (const name of ["feed-position", "feed-support", "feed-posture", "feed-side"]) setChecked(this.form, name, []);
    this.minutes.value = this.minutes.defaultValue;
    this.showSide(true);
  }

  private add(feeding: Feeding): void {
    this.entries().push(feeding);
    this.host.renderLists();
    this.host.commit();
  }

  private showSide(show: boolean): void {
    const side = this.form.querySelector<HTMLElement>("[data-feed-side]");
    if (side) side.hidden = !show;
    if (!show) setChecked(this.form, "feed-side", []);
  }
}
