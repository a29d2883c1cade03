/**
 * The pelvic-floor session page: a visual countdown of each slow hold, rest and quick squeeze,
 * with a sound and a buzz at each change if she wants them, a pause, and big buttons within
 * reach of a thumb. The finished session (or as much as she did) is logged on today through
 * the day's outbox; then a short check asks how it felt and about symptoms, and says at once
 * when her sessions step back a level and a physiotherapist is worth seeing.
 */

import { fill, logDayItem, readJson, type Strings, savedText, ticked } from "./page-tools";
import { type Moment, SessionClock } from "./timer";

interface TimerData {
  level: number;
  holds: number;
  holdSeconds: number;
  restSeconds: number;
  quickSqueezes: number;
  secondMs: number;
  stepBack: boolean;
}

type WakeLock = { release(): Promise<void> };

const OPTIONS_KEY = "backcare-pelvic-floor-options";

export function initSessionPage(root: HTMLElement): void {
  const data = readJson<TimerData>("timer-data");
  const strings = readJson<Strings>("recovery-strings");
  if (!data || !strings) return;
  new SessionPage(root, data, strings).start();
}

class SessionPage {
  private clock: SessionClock;
  private frame = 0;
  private lastPhase = -1;
  private startedAt = "";
  private sessionId = "";
  private audio: AudioContext | null = null;
  private wakeLock: WakeLock | null = null;
  private sound = false;
  private vibrate = false;

  constructor(
    private root: HTMLElement,
    private data: TimerData,
    private strings: Strings,
  ) {
    this.clock = new SessionClock(
      { holds: data.holds, holdSeconds: data.holdSeconds, restSeconds: data.restSeconds, quickSqueezes: data.quickSqueezes },
      data.secondMs,
    );
  }

  private el<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.root.querySelector<T>(selector)!;
  }

  private button(action: string): HTMLButtonElement {
    return this.el<HTMLButtonElement>(`[data-action="${action}"]`);
  }

  start(): void {
    this.loadOptions();
    this.root.addEventListener("click", (event) => {
      const action = (event.target as HTMLElement).closest<HTMLElement>("[data-action]")?.dataset.action;
      if (action === "start") this.begin();
      else if (action === "pause") this.pause();
      else if (action === "resume") this.resume();
      else if (action === "finish") this.finish();
    });
    for (const input of this.root.querySelectorAll<HTMLInputElement>("[data-option]")) {
      input.addEventListener("change", () => this.saveOptions());
    }
    this.el<HTMLFormElement>("#after-session").addEventListener("submit", (event) => {
      event.preventDefault();
      void this.saveCheck();
    });
    document.addEventListener("visibilitychange", () => {
      // Back in sight: the screen lock let go while hidden.
      if (document.visibilityState === "visible" && this.clock.started && !this.clock.paused) void this.keepAwake();
    });
  }

  // ---- options ----

  private loadOptions(): void {
    let saved: { sound?: boolean; vibrate?: boolean } = {};
    try {
      saved = JSON.parse(localStorage.getItem(OPTIONS_KEY) ?? "{}");
    } catch {
      saved = {};
    }
    for (const input of this.root.querySelectorAll<HTMLInputElement>("[data-option]")) {
      input.checked = Boolean(saved[input.dataset.option as "sound" | "vibrate"]);
    }
    this.readOptions();
  }

  private readOptions(): void {
    this.sound = this.el<HTMLInputElement>('[data-option="sound"]').checked;
    this.vibrate = this.el<HTMLInputElement>('[data-option="vibrate"]').checked;
  }

  private saveOptions(): void {
    this.readOptions();
    // Turned on mid-session: the tap that did it lets the page make sound.
    if (this.sound && !this.audio && "AudioContext" in window) this.audio = new AudioContext();
    try {
      localStorage.setItem(OPTIONS_KEY, JSON.stringify({ sound: this.sound, vibrate: this.vibrate }));
    } catch {
      // Not kept: it asks again next time.
    }
  }

  // ---- the session ----

  private begin(): void {
    this.el("#after-session").hidden = true;
    this.el("#session-result").hidden = true;
    this.sessionId = "";
    const now = new Date();
    this.startedAt = `${String(now.getHours()).padStart(2, "0")}:${String(now.getMinutes()).padStart(2, "0")}`;
    if (this.sound && !this.audio && "AudioContext" in window) this.audio = new AudioContext();
    this.clock.start(performance.now());
    this.lastPhase = -1;
    this.showButtons("pause");
    this.button("finish").disabled = false;
    void this.keepAwake();
    this.tick();
  }

  private pause(): void {
    this.clock.pause(performance.now());
    cancelAnimationFrame(this.frame);
    this.el("[data-phase]").textContent = this.strings.paused;
    this.showButtons("resume");
    void this.letSleep();
  }

  private resume(): void {
    this.clock.resume(performance.now());
    this.lastPhase = -1;
    this.showButtons("pause");
    void this.keepAwake();
    this.tick();
  }

  private showButtons(main: "start" | "pause" | "resume"): void {
    for (const action of ["start", "pause", "resume"]) this.button(action).hidden = action !== main;
    this.button(main).focus({ preventScroll: true });
  }

  private tick = (): void => {
    const moment = this.clock.at(performance.now());
    this.draw(moment);
    if (moment.done) return void this.finish();
    this.frame = requestAnimationFrame(this.tick);
  };

  private draw(moment: Moment): void {
    const phase = moment.phase;
    const progress = this.el("[data-progress]");
    // A hold empties the ring as it goes; a rest fills it again.
    const left = phase && (phase.kind === "hold" || phase.kind === "quick") ? 1 - moment.fraction : moment.fraction;
    progress.setAttribute("stroke-dashoffset", String(100 - Math.round(left * 1000) / 10));
    progress.setAttribute("class", `pf-progress pf-${phase?.kind ?? "done"}`);
    this.el("[data-count]").textContent = phase ? String(Math.max(1, Math.ceil(moment.remaining))) : "✓";
    const index = phase ? this.clock.phases.indexOf(phase) : this.clock.phases.length;
    if (index === this.lastPhase) return;
    this.lastPhase = index;
    if (!phase) return;
    this.el("[data-phase]").textContent = this.strings[phase.kind];
    const slow = phase.kind === "hold" || phase.kind === "rest";
    this.el("[data-step]").textContent = fill(slow ? this.strings.holdStep : this.strings.quickStep, {
      n: phase.step,
      of: phase.of,
    });
    this.cue(phase.kind === "hold" || phase.kind === "quick");
  }

  /** A beep and a buzz when a squeeze starts (higher) or she lets go (lower). */
  private cue(squeeze: boolean): void {
    if (this.vibrate && "vibrate" in navigator) navigator.vibrate(squeeze ? 120 : 40);
    if (!this.sound || !this.audio) return;
    const tone = this.audio.createOscillator();
    const gain = this.audio.createGain();
    tone.frequency.value = squeeze ? 660 : 440;
    gain.gain.value = 0.08;
    tone.connect(gain).connect(this.audio.destination);
    tone.start();
    tone.stop(this.audio.currentTime + 0.12);
  }

  private async keepAwake(): Promise<void> {
    const lock = (navigator as Navigator & { wakeLock?: { request(type: "screen"): Promise<WakeLock> } }).wakeLock;
    try {
      this.wakeLock = lock ? await lock.request("screen") : null;
    } catch {
      this.wakeLock = null;
    }
  }

  private async letSleep(): Promise<void> {
    await this.wakeLock?.release().catch(() => undefined);
    this.wakeLock = null;
  }

  /** The session ends, done or cut short: what she did is logged, then the check. */
  private finish(): void {
    cancelAnimationFrame(this.frame);
    const moment = this.clock.at(performance.now());
    this.clock = new SessionClock(
      { holds: this.data.holds, holdSeconds: this.data.holdSeconds, restSeconds: this.data.restSeconds, quickSqueezes: this.data.quickSqueezes },
      this.data.secondMs,
    );
    this.button("finish").disabled = true;
    this.showButtons("start");
    void this.letSleep();
    if (!moment.holdsDone && !moment.quickDone) {
      this.el("[data-phase]").textContent = this.strings.paused;
      return;
    }
    this.el("[data-phase]").textContent = this.strings.done;
    this.el("[data-count]").textContent = "✓";
    void this.logSession(moment.holdsDone, moment.quickDone, "");
    const form = this.el<HTMLFormElement>("#after-session");
    this.el("[data-done-summary]").textContent = fill(this.strings.summary, {
      holds: moment.holdsDone,
      seconds: this.data.holdSeconds,
      quick: moment.quickDone,
    });
    form.dataset.holds = String(moment.holdsDone);
    form.dataset.quick = String(moment.quickDone);
    form.reset();
    form.hidden = false;
    this.el("#after-session [data-focus]").focus();
  }

  private async logSession(holds: number, quick: number, effort: string) {
    const saved = await logDayItem(this.root, "pelvic_floor_sessions", {
      ...(this.sessionId ? { id: this.sessionId } : {}),
      time: this.startedAt,
      level: this.data.level,
      holds,
      hold_seconds: this.data.holdSeconds,
      quick_squeezes: quick,
      effort,
    });
    const first = !this.sessionId;
    this.sessionId = saved.id;
    if (first) this.countSession();
    return saved;
  }

  private countSession(): void {
    const today = this.el("[data-sessions-today]");
    const done = Number(today.dataset.done ?? 0) + 1;
    today.dataset.done = String(done);
    today.textContent = fill(this.strings.sessionsToday, { done, target: today.dataset.target ?? 3 });
  }

  /** How it felt goes on the session; the symptoms are a check of their own. */
  private async saveCheck(): Promise<void> {
    const form = this.el<HTMLFormElement>("#after-session");
    const effort = ticked(form, "effort")[0] ?? "";
    const symptoms = ticked(form, "symptom");
    if (effort) await this.logSession(Number(form.dataset.holds), Number(form.dataset.quick), effort);
    const saved = await logDayItem(this.root, "symptom_checks", { context: "after_session", symptoms, tummy_gap_fingers: null });
    form.hidden = true;
    const result = this.el("#session-result");
    this.el("[data-saved]").textContent = savedText(saved, this.strings, this.strings.saved);
    const stepping = symptoms.some((key) => form.querySelector(`input[value="${key}"][data-steps-back]`));
    this.el("[data-advice]").hidden = symptoms.length === 0;
    this.el("[data-step-back]").hidden = !(stepping && this.data.stepBack);
    result.hidden = false;
    result.scrollIntoView({ behavior: "smooth", block: "nearest" });
  }
}
