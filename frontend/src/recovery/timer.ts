/**
 * The pelvic-floor session as a clock: its phases (slow holds with rests, then quick squeezes)
 * and where she is in them at any moment. Pure: it reads the time it is given, so a pause, a
 * phone put down or a tab in the background never makes the count drift, and node tests can
 * run a session in an instant.
 */

export interface Plan {
  holds: number;
  holdSeconds: number;
  restSeconds: number;
  quickSqueezes: number;
}

export type PhaseKind = "hold" | "rest" | "quick" | "quickRest";

export interface Phase {
  kind: PhaseKind;
  /** Which slow or quick squeeze this phase belongs to, from 1. */
  step: number;
  of: number;
  seconds: number;
  /** When it starts, in seconds from the start of the session. */
  start: number;
}

export interface Moment {
  phase: Phase | null;
  /** Seconds left in the phase (0 when done). */
  remaining: number;
  /** How much of the phase has gone, 0 to 1. */
  fraction: number;
  done: boolean;
  holdsDone: number;
  quickDone: number;
}

// A quick squeeze: a second's squeeze, a second's rest.
const QUICK_SECONDS = 1;

export function phasesOf(plan: Plan): Phase[] {
  const phases: Phase[] = [];
  let start = 0;
  const add = (kind: PhaseKind, step: number, of: number, seconds: number) => {
    phases.push({ kind, step, of, seconds, start });
    start += seconds;
  };
  for (let step = 1; step <= plan.holds; step++) {
    add("hold", step, plan.holds, plan.holdSeconds);
    add("rest", step, plan.holds, plan.restSeconds);
  }
  for (let step = 1; step <= plan.quickSqueezes; step++) {
    add("quick", step, plan.quickSqueezes, QUICK_SECONDS);
    if (step < plan.quickSqueezes) add("quickRest", step, plan.quickSqueezes, QUICK_SECONDS);
  }
  return phases;
}

export function totalSeconds(phases: Phase[]): number {
  const last = phases.at(-1);
  return last ? last.start + last.seconds : 0;
}

/** A session's clock: started, paused and resumed at times given in milliseconds. */
export class SessionClock {
  readonly phases: Phase[];
  private startedAt: number | null = null;
  private pausedAt: number | null = null;
  private pausedFor = 0;

  constructor(
    plan: Plan,
    /** How long a second lasts, in milliseconds (shorter in tests). */
    private secondMs = 1000,
  ) {
    this.phases = phasesOf(plan);
  }

  get started(): boolean {
    return this.startedAt !== null;
  }

  get paused(): boolean {
    return this.pausedAt !== null;
  }

  start(now: number): void {
    this.startedAt = now;
    this.pausedAt = null;
    this.pausedFor = 0;
  }

  pause(now: number): void {
    if (this.startedAt !== null && this.pausedAt === null) this.pausedAt = now;
  }

  resume(now: number): void {
    if (this.pausedAt === null) return;
    this.pausedFor += now - this.pausedAt;
    this.pausedAt = null;
  }

  /** Seconds of the session gone by at `now`, pauses left out. */
  elapsed(now: number): number {
    if (this.startedAt === null) return 0;
    const until = this.pausedAt ?? now;
    return Math.max(0, (until - this.startedAt - this.pausedFor) / this.secondMs);
  }

  at(now: number): Moment {
    const elapsed = this.elapsed(now);
    let holdsDone = 0;
    let quickDone = 0;
    for (const phase of this.phases) {
      if (phase.start + phase.seconds > elapsed) {
        const into = elapsed - phase.start;
        return {
          phase,
          remaining: phase.seconds - into,
          fraction: into / phase.seconds,
          done: false,
          holdsDone,
          quickDone,
        };
      }
      if (phase.kind === "hold") holdsDone++;
      if (phase.kind === "quick") quickDone++;
    }
    return { phase: null, remaining: 0, fraction: 1, done: true, holdsDone, quickDone };
  }
}
